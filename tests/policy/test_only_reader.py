"""``reasoner/policy/`` is the only reader of ``shapes/``: no other module of ``reasoner/`` or ``api/`` names a
shapes reader or uses "shapes" as a path (docstrings and comments may speak of the folder)."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

READERS = {"shapes_dir", "shapes_files", "shapes_graph", "shapes_file_graph"}
PATH = re.compile(r"^(\.\.?/)*shapes(/|$)|/shapes(/|$)")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value,
                                                                                             ast.Constant):
            out.add(id(body[0].value))
    return out


def offenders(source: str) -> list[tuple[int, str]]:
    """(line, what) for every shapes reader named and every "shapes" path written in ``source``."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in READERS:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in READERS:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom):
            found += [(node.lineno, a.name) for a in node.names if a.name in READERS]
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
              and PATH.search(node.value)):
            found.append((node.lineno, repr(node.value)))
    return found


def test_the_check_finds_what_it_should() -> None:
    bad = ('"""Reads shapes/ (a docstring may say so)."""\nfrom x import shapes_graph\n'
           'g = r.shapes_file_graph("common")  # a comment on shapes/ is fine too\np = root / "shapes"\n'
           'q = Path("shapes/criteria.ttl")\nok = "reshapes"\n')
    assert sorted(line for line, _ in offenders(bad)) == [2, 3, 4, 5]


def test_no_module_outside_the_policy_package_reads_shapes() -> None:
    problems = []
    for folder in ("reasoner", "api"):
        for path in sorted((REPO / folder).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith("reasoner/policy/"):
                continue
            problems += [f"{rel}:{line}: {what}" for line, what in offenders(path.read_text(encoding="utf-8"))]
    assert not problems, "read shapes/ through reasoner.policy:\n" + "\n".join(problems)
