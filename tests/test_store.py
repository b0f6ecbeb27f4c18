"""The on-disk store: survives a restart, replaces a source as a whole, writes all or nothing, collects garbage."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from reasoner.ingest import load
from reasoner.store import (
    ONTOLOGY_KEY,
    SCENARIO_TEMPLATE,
    SHAPES_KEY,
    OxigraphStore,
    SourceGraph,
    default_store_path,
)
from tests.conftest import VALID, snapshot


def _nt(value: str) -> bytes:
    return f'<http://example.org/s> <http://example.org/p> "{value}" .\n'.encode()


def test_data_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    load(store, [VALID / "parks.csv"])
    store.close()
    reopened = OxigraphStore(path)
    codes = sorted(r["c"] for r in reopened.select("SELECT ?c WHERE { ?p ps:parkCode ?c }"))
    assert codes == ["T-HZ-01", "T-NB-01", "T-WZ-01"], codes
    keys = {s.key for s in reopened.sources()}
    assert {ONTOLOGY_KEY, SHAPES_KEY, str((VALID / "parks.csv").resolve())} <= keys, keys
    reopened.close()


def test_vocabulary_is_loaded_once(disk_store: OxigraphStore) -> None:
    before = snapshot(disk_store)
    disk_store.ensure_vocabulary()
    assert snapshot(disk_store) == before


def test_replacing_a_source_keeps_one_version(mem_store: OxigraphStore) -> None:
    mem_store.replace_sources([SourceGraph("k", "k.nt", "rdf", _nt("1"), 1)])
    mem_store.replace_sources([SourceGraph("k", "k.nt", "rdf", _nt("2"), 1)])
    rows = mem_store.select("SELECT ?o WHERE { <http://example.org/s> <http://example.org/p> ?o }")
    assert rows == [{"o": "2"}], rows
    mem_store.settle()  # the replaced version is removed in the background
    assert not mem_store.removing
    graphs = {g.value for g in mem_store.raw.named_graphs()}
    assert len(graphs) == 4, graphs  # catalog, ontology, shapes, k


def test_a_failed_write_leaves_the_store_as_it_was(mem_store: OxigraphStore) -> None:
    mem_store.replace_sources([SourceGraph("k", "k.nt", "rdf", _nt("1"), 1)])
    before = snapshot(mem_store)
    with pytest.raises(SyntaxError):
        mem_store.replace_sources([SourceGraph("k", "k.nt", "rdf", _nt("2"), 1),
                                   SourceGraph("bad", "bad.nt", "rdf", b"<http://x> <http://y> broken", 1)])
    assert snapshot(mem_store) == before


def test_a_crash_between_write_and_switch_is_invisible_and_collected(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    before = snapshot(store)
    # what an interrupted load leaves behind: a written graph that no catalog entry points at
    store.raw.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                          ox.Literal("orphan"), ox.NamedNode("https://w3id.org/parkstar/graph/source/dead")))
    assert store.select("SELECT ?o WHERE { ?s <http://example.org/p> ?o }") == []
    store.close()
    reopened = OxigraphStore(path)
    assert snapshot(reopened) == before
    reopened.close()


def test_retract_removes_a_source(mem_store: OxigraphStore) -> None:
    before = snapshot(mem_store)
    mem_store.replace_sources([SourceGraph("k", "k.nt", "rdf", _nt("1"), 1)])
    assert mem_store.retract_source("k")
    assert not mem_store.retract_source("k")
    assert snapshot(mem_store) == before


def test_store_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PARKSTAR_STORE", str(tmp_path / "env"))
    assert default_store_path() == tmp_path / "env"
    monkeypatch.delenv("PARKSTAR_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "parkstar" / "store"


def test_a_query_can_leave_sources_of_some_templates_out(mem_store: OxigraphStore) -> None:
    mem_store.replace_sources([SourceGraph("a", "a.nt", "enterprises", _nt("1"), 1),
                               SourceGraph("b", "b.nt", "indicators", _nt("2"), 1)])
    q = "SELECT ?o WHERE { <http://example.org/s> <http://example.org/p> ?o } ORDER BY ?o"
    assert [r["o"].value for r in mem_store.query(q)] == ["1", "2"]
    assert [r["o"].value for r in mem_store.query(q, skip_templates=("enterprises",))] == ["2"]
    assert [r["o"].value for r in mem_store.query(q, skip_templates=("enterprises", "indicators"))] == []


def test_a_saved_scenario_is_a_named_graph_only(mem_store: OxigraphStore) -> None:
    """Saved what-if scenarios sit beside the official results: never in the union default graph (nor in what
    :meth:`to_rdflib` gives by default), only reached by ``GRAPH``."""
    mem_store.replace_sources([SourceGraph("a", "a.nt", "ratings", _nt("official"), 1),
                               SourceGraph("parkstar:scenario/x/2024", "x", SCENARIO_TEMPLATE, _nt("what-if"), 1)])
    q = "SELECT ?o WHERE { <http://example.org/s> <http://example.org/p> ?o } ORDER BY ?o"
    assert [r["o"].value for r in mem_store.query(q)] == ["official"]
    scenario = mem_store.source("parkstar:scenario/x/2024")
    assert scenario is not None and ox.NamedNode(scenario.graph) not in mem_store.union_graphs
    named = mem_store.select("SELECT ?o WHERE { GRAPH ?g { <http://example.org/s> <http://example.org/p> ?o } }",
                             g=ox.NamedNode(scenario.graph))
    assert [r["o"] for r in named] == ["what-if"], named
    assert {str(o) for o in mem_store.to_rdflib().objects()} >= {"official"}
    assert "what-if" not in {str(o) for o in mem_store.to_rdflib().objects()}
    assert "what-if" in {str(o) for o in mem_store.to_rdflib(["parkstar:scenario/x/2024"]).objects()}


@pytest.mark.parametrize("iri", ["http://example.org/a", "http://example.org/a,b"])
def test_lexical_rows_read_every_value_back(mem_store: OxigraphStore, iri: str) -> None:
    # the CSV path, and the fallback when an IRI holds a comma (SPARQL CSV leaves IRIs unquoted)
    q = f"""SELECT ?iri ?text ?none ?n WHERE {{ VALUES (?iri ?text ?none ?n) {{
        (<{iri}> "逗号, \\"引号\\"\\n换行" UNDEF 1.50) (<http://example.org/é> "" UNDEF 2) }} }}"""
    rows = mem_store.lexical_rows(q)
    assert rows == [[iri, '逗号, "引号"\n换行', "", "1.5"], ["http://example.org/é", "", "", "2"]], rows
    rows = mem_store.lexical_rows(q.replace("SELECT ?iri ?text ?none ?n", "SELECT ?n ?iri ?text ?none"))
    assert rows[0][:2] == ["1.5", iri], rows


def test_a_collection_running_beside_a_write_leaves_the_new_version_alone(mem_store: OxigraphStore) -> None:
    # the write stages its fresh graph before writing it, so a collection listing graphs meanwhile never takes it
    big = b"".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n'.encode() for i in range(20000))
    writer = threading.Thread(target=lambda: mem_store.replace_sources([SourceGraph("k", "k.nt", "rdf", big, 20000)]))
    writer.start()
    collections = 0
    while writer.is_alive():
        mem_store.collect_garbage()
        collections += 1
    writer.join()
    mem_store.settle()
    n = mem_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }")[0]["n"]
    assert n == 20000, f"{n} triples left after {collections} collections beside the write"
