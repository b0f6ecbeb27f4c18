"""The layers import only downward: the HTTP service and the dashboard never import the CLI, and the CLI imports the
HTTP service only to start it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO


def imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names; relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            out.add(".".join([*base, node.module or ""]).strip("."))
    return out


def test_api_never_imports_the_cli() -> None:
    found = {str(p.relative_to(REPO)): m for p in (REPO / "api").rglob("*.py")
             for m in imports(p) if m.startswith("reasoner.cli")}
    assert not found, found


def test_cli_imports_the_api_only_to_serve() -> None:
    found = {str(p.relative_to(REPO)): m for p in (REPO / "reasoner" / "cli").rglob("*.py")
             for m in imports(p) if m.split(".")[0] == "api"}
    assert set(found) <= {"reasoner/cli/serve.py"}, found


def test_the_domain_never_imports_a_front_end_or_the_application_layer() -> None:
    lower = [p for p in (REPO / "reasoner").rglob("*.py")
             if p.relative_to(REPO / "reasoner").parts[0] not in ("cli", "app", "__main__.py")]
    found = {str(p.relative_to(REPO)): m for p in lower for m in imports(p)
             if m.split(".")[0] == "api" or m.startswith(("reasoner.cli", "reasoner.app"))}
    assert not found, found
