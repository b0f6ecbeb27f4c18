"""Python never repeats a star threshold: every value of shapes/criteria.ttl (read here with rdflib) is looked for
as a numeric literal in reasoner/ and api/ — numbers, and strings handed to Decimal/float/int.

Not flagged, on purpose: integers below 10 (3 is the five-star R&D threshold but also a star count, an index, a
count of retries; the thresholds' use is proved by the reference-implementation tests instead), slice bounds
(``text[:500]`` truncates a message) and the GB 32100 check-character weights of reasoner/ingest/credit.py.
"""

from __future__ import annotations

import ast
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib

ROOT = Path(__file__).resolve().parents[2]
SH_MIN = rdflib.URIRef("http://www.w3.org/ns/shacl#minInclusive")
ALLOWED_FILES = {"reasoner/ingest/credit.py": "GB 32100 check-character weights"}


def thresholds() -> set[Decimal]:
    g = rdflib.Graph().parse(ROOT / "shapes" / "criteria.ttl")
    return {Decimal(str(o)) for o in g.objects(None, SH_MIN)}


def _number(node: ast.AST) -> Decimal | None:
    if isinstance(node, ast.Constant) and not isinstance(node.value, bool) and isinstance(node.value, int | float):
        return Decimal(str(node.value))
    return None


def offenders(source: str, values: set[Decimal]) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    in_slices = {id(n) for s in ast.walk(tree) if isinstance(s, ast.Slice) for n in ast.walk(s)}
    found = []
    for node in ast.walk(tree):
        if id(node) in in_slices:
            continue
        n = _number(node)
        if n is not None and n in values and not (n == n.to_integral_value() and n < 10):
            found.append((node.lineno, str(node.value)))  # type: ignore[attr-defined]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Decimal", "float",
                                                                                                  "int"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    try:
                        if Decimal(arg.value) in values:
                            found.append((node.lineno, repr(arg.value)))
                    except InvalidOperation:
                        pass
    return found


def test_the_check_finds_what_it_should() -> None:
    values = thresholds()
    assert {Decimal("500"), Decimal("1000"), Decimal("2.3"), Decimal("135")} <= values and len(values) >= 20
    bad = "x = 135\ny = Decimal('2.3')\nz = v >= 1000\nok = text[:500]\nlevels = (3, 4, 5)\n"
    assert [line for line, _ in offenders(bad, values)] == [1, 2, 3]


def test_no_threshold_literal_in_python() -> None:
    values = thresholds()
    problems = []
    for folder in ("reasoner", "api"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in ALLOWED_FILES:
                continue
            for line, text in offenders(path.read_text(encoding="utf-8"), values):
                problems.append(f"{rel}:{line}: {text}")
    assert not problems, "threshold values written in Python (they belong in shapes/criteria.ttl):\n" + "\n".join(
        problems)
