"""One home for SPARQL: every shipped query parses, the index lists every file and every measure condition, values
are bound as terms and never spliced into query text, and no module of ``reasoner/`` or ``api/`` pastes a value
into an IRI of SPARQL text."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from typer.testing import CliRunner

from reasoner import queries
from reasoner.cli import app as cli
from reasoner.measures.model import Condition
from reasoner.measures.provisions import provisions
from reasoner.namespaces import PREFIXES
from reasoner.store import OxigraphStore, SourceGraph
from tests.conftest import REPO, snapshot

HOSTILE_IRI = "https://example.org/x> } ; DROP ALL #"
HOSTILE_TEXT = 'x" } ; DROP ALL # \\ \n'
SCANNED = ("reasoner", "api")


# ---------------------------------------------------------------------------------------------- the files
@pytest.mark.parametrize("name", queries.names())
def test_every_shipped_query_parses_and_says_what_it_answers(name: str) -> None:
    text = queries.text(name)
    assert text.lstrip().startswith("#") and queries.find(name).description, \
        f"{name}: a query starts with a comment saying what it answers"
    store = ox.Store()
    run = store.update if queries.path(name).suffix == ".ru" else store.query
    run(text, prefixes=PREFIXES)
    run(queries.bind(text, unused=1), prefixes=PREFIXES)  # a binding lands where the query can take it


def _query_conditions(conditions: tuple[Condition, ...]) -> Iterator[Condition]:
    for c in conditions:
        if c.kind == "query":
            yield c
        yield from _query_conditions(c.any_of)


def test_the_index_lists_every_file_and_every_measure_condition() -> None:
    listed = {q.name: q for q in queries.index()}
    root = REPO / "reasoner" / "queries"
    files = sorted(p for p in root.rglob("*") if p.suffix in (".rq", ".ru"))
    assert len(files) >= 40, files
    for f in files:
        name = f.relative_to(root).with_suffix("").as_posix()
        assert name in listed, f"{name} is not in the index"
        assert listed[name].path == f.relative_to(REPO).as_posix(), listed[name]
        assert listed[name].area == name.split("/")[0] and listed[name].description, listed[name]
    conditions = {c.iri: c for p in provisions().values() for c in _query_conditions(p.conditions)}
    assert len(conditions) >= 5, conditions
    for iri, c in conditions.items():
        entry = listed.get("conditions/" + iri.rsplit("#", 1)[-1])
        assert entry is not None, f"{iri} is not in the index"
        assert (entry.path, entry.text, entry.description) == ("shapes/measures.ttl", c.query, c.text), entry
        if c.park_query != c.query:
            assert listed[entry.name + "/park"].text == c.park_query
    for entry in listed.values():
        if entry.area == "conditions":
            ox.Store().query(entry.text, prefixes=PREFIXES)


def test_old_chain_names_still_work_and_unknown_names_are_refused() -> None:
    assert queries.text("chain-anchors") == queries.text("chains/anchors")
    assert queries.find("chain-anchors").name == "chains/anchors"
    assert set(queries.ALIASES.values()) <= set(queries.names())
    with pytest.raises(queries.UnknownQuery, match="nope"):
        queries.text("nope")
    with pytest.raises(queries.UnknownQuery):
        queries.text("../__init__")


def test_the_index_is_printed_chinese_headers_first(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "--list"], env={"COLUMNS": "240"})
    assert r.exit_code == 0, r.output
    assert re.search(r"名称 name.*领域 area.*说明 description.*文件 file", r.output), r.output
    for name in ("chains/anchors", "store/switch", "conditions/CondLandIntensive"):
        assert name in r.output, r.output
    r = CliRunner().invoke(cli, ["query", "--list", "--format", "json"])
    assert r.exit_code == 0 and '"name": "rating/roles"' in r.output, r.output


# ---------------------------------------------------------------------------------------------- binding
def test_values_are_written_as_terms() -> None:
    iri = ox.NamedNode("https://w3id.org/parkstar/id/park/P1")
    assert queries.term(iri) == "<https://w3id.org/parkstar/id/park/P1>"
    assert queries.term(2024) == "2024" and queries.term(True).startswith('"true"^^')
    assert queries.term(HOSTILE_TEXT) == str(ox.Literal(HOSTILE_TEXT))
    assert queries.values(["a", "n"], [(iri, 0)]) == "VALUES (?a ?n) { (<https://w3id.org/parkstar/id/park/P1> 0) }"
    bound = queries.bind("SELECT ?x WHERE { ?x ?p ?o }", x=iri, y=None, z=[1, 2])
    assert bound == ("SELECT ?x WHERE { VALUES (?x) { (<https://w3id.org/parkstar/id/park/P1>) } "
                     "VALUES (?z) { (1) (2) }  ?x ?p ?o }"), bound
    with pytest.raises(ValueError, match="variable"):
        queries.values(["a b"], [(1,)])


def test_a_hostile_iri_is_refused() -> None:
    with pytest.raises(ValueError):
        ox.NamedNode(HOSTILE_IRI)
    with pytest.raises(TypeError, match="NamedNode"):  # an rdflib IRI is a str: never taken as a literal or pasted
        queries.bind("SELECT ?x WHERE { ?x ?p ?o }", x=URIRef(HOSTILE_IRI))
    with pytest.raises(TypeError):
        queries.term(URIRef("https://example.org/x"))  # type: ignore[arg-type]


def test_a_hostile_string_is_bound_as_one_literal(mem_store: OxigraphStore) -> None:
    before = snapshot(mem_store)
    rows = mem_store.select("SELECT ?v WHERE { }", v=HOSTILE_TEXT)
    assert rows == [{"v": HOSTILE_TEXT}], rows
    assert queries.select(mem_store, "rating/park-by-code", code=HOSTILE_IRI) == []
    assert not queries.ask(mem_store, "stats/synthetic", x=ox.Literal(HOSTILE_IRI))
    assert snapshot(mem_store) == before
    mem_store.replace_sources([SourceGraph(HOSTILE_IRI, HOSTILE_TEXT, "rdf", b"", 0)])
    assert mem_store.source(HOSTILE_IRI) is not None
    assert mem_store.source(HOSTILE_IRI).file_name == HOSTILE_TEXT  # type: ignore[union-attr]
    assert mem_store.retract_source(HOSTILE_IRI) and mem_store.source(HOSTILE_IRI) is None


def test_the_command_line_refuses_a_hostile_iri(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "parks/list", "--bind", f"park={HOSTILE_IRI}", "--store",
                                 str(tmp_path / "store")])
    assert r.exit_code == 2 and "IRI" in r.output, r.output


# ---------------------------------------------------------------------------------------------- the source scan
SPARQL = re.compile(r"\b(?:SELECT|CONSTRUCT|ASK|DESCRIBE|INSERT|DELETE|WHERE|VALUES)\b[^\n]*?[{?]")
"""Text that reads as SPARQL: a keyword, then a group or a variable on the same line (not a sentence that names
the keyword)."""
HOLE = "\x00"
IN_IRI = re.compile(r"<[^\s<>\"]*" + HOLE)
"""An interpolated value inside ``<…>``."""
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifgex]")
FIELD = re.compile(r"\{[^{}]*\}")
ALLOWED = {("reasoner/queries/__init__.py", "term")}
"""The loader's one serialising function may write a term's text."""


def _template(node: ast.AST) -> str | None:
    """The text a string expression builds, every interpolated value as HOLE; None when it is not one."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)  # type: ignore[misc]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        if left is None and right is None:
            return None
        return (HOLE if left is None else left) + (HOLE if right is None else right)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
            and isinstance(node.left.value, str):
        return PERCENT.sub(HOLE, node.left.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
        escaped = node.func.value.value.replace("{{", "\x01").replace("}}", "\x02")
        return FIELD.sub(HOLE, escaped).replace("\x01", "{").replace("\x02", "}")
    return None


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Every node → the name of the function it sits in ("" at module level)."""
    owner: dict[ast.AST, str] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for n in ast.walk(fn):
                owner.setdefault(n, fn.name)
    return owner


def pasted_iris(source: str, module: str = "<snippet>") -> list[str]:
    """Where a module interpolates a value inside ``<…>`` of SPARQL text: in a string that reads as SPARQL, or
    anywhere in a module that holds SPARQL text (a helper joining ``<{iri}>`` for a query). N-Triples and other
    non-SPARQL text are left alone."""
    tree = ast.parse(source)
    docs = {id(s.value) for s in ast.walk(tree) if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)}
    owner = _functions(tree)
    found: list[tuple[int, str, bool]] = []
    module_is_sparql = False
    for node in ast.walk(tree):
        if id(node) in docs:
            continue
        text = _template(node)
        if text is None:
            continue
        is_sparql = bool(SPARQL.search(text.replace(HOLE, " ")))
        module_is_sparql |= is_sparql
        if IN_IRI.search(text) and (module, owner.get(node, "")) not in ALLOWED:
            found.append((getattr(node, "lineno", 0), " ".join(text.replace(HOLE, "{…}").split())[:80], is_sparql))
    return sorted({f"{module}:{line}: {text}" for line, text, sparql in found if sparql or module_is_sparql})


@pytest.mark.parametrize(("snippet", "flagged"), [
    ('q = f"SELECT ?x WHERE {{ <{iri}> ?p ?x }}"', True),
    ('q = "ASK { <%s> ?p ?o }" % iri', True),
    ('q = "DELETE WHERE {{ <{}> ?p ?o }}".format(iri)', True),
    ('q = "CONSTRUCT { ?s ?p ?o } WHERE { <" + iri + "> ?p ?o }"', True),
    ('def ids(xs):\n    return " ".join(f"<{x}>" for x in xs)\nQ = "SELECT ?s WHERE { VALUES ?s { %s } }"', True),
    ('line = f"<{s}> <{p}> <{o}> .\\n"', False),
    ('lit = f\'"{v}"^^<{datatype}>\'', False),
    ('q = queries.bind("SELECT ?x WHERE { ?x ?p ?o }", x=ox.NamedNode(iri))', False),
    ('def f():\n    """Run a SELECT WHERE { <{iri}> } in a docstring."""', False),
])
def test_the_scan_tells_pasted_sparql_from_other_text(snippet: str, flagged: bool) -> None:
    assert bool(pasted_iris(snippet)) is flagged, pasted_iris(snippet)


def _modules() -> Iterator[Path]:
    for top in SCANNED:
        yield from sorted((REPO / top).rglob("*.py"))


def test_no_module_pastes_a_value_into_an_iri_of_sparql() -> None:
    modules = list(_modules())
    assert len(modules) > 50, modules
    found = [hit for m in modules for hit in pasted_iris(m.read_text(encoding="utf-8"),
                                                         m.relative_to(REPO).as_posix())]
    assert not found, "bind values as terms (reasoner.queries.bind / values / term):\n" + "\n".join(found)


def test_the_scan_reads_the_n_triples_writers_and_lets_them_be() -> None:
    for name in ("reasoner/rating/writeback.py", "reasoner/measures/writeback.py", "reasoner/ingest/sink.py"):
        source = (REPO / name).read_text(encoding="utf-8")
        tree = ast.parse(source)
        assert any(IN_IRI.search(t) for n in ast.walk(tree) if (t := _template(n))), f"{name}: nothing to tell apart"
        assert not pasted_iris(source, name)
