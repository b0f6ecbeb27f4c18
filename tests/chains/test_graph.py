"""The segment graph facts on a hand-built chain: sources, sinks, paths, downstream counts, criticality,
positions, unbroken paths; and the ten shipped chains load as DAGs."""

from __future__ import annotations

import pytest

from reasoner.chains.errors import ChainStructureError, UnknownChainError
from reasoner.chains.graph import Segment, build_chain_graph, covered_paths, load_catalog, unbroken_path
from reasoner.chains.model import Term
from reasoner.store import OxigraphStore
from tests.chains.conftest import toy_chain


def test_sources_sinks_and_path_counts() -> None:
    c = toy_chain()
    assert (c.sources, c.sinks) == (("s1", "s2"), ("d1", "d2")), (c.sources, c.sinks)
    assert c.total_paths == 4, c.total_paths
    assert c.paths_through == {"s1": 1, "s2": 3, "m1": 2, "m2": 2, "d1": 3, "d2": 1}, c.paths_through
    assert c.downstream == {"s1": 2, "s2": 4, "m1": 1, "m2": 2, "d1": 0, "d2": 0}, c.downstream


def test_criticality_is_the_share_of_the_chain_depending_on_a_segment() -> None:
    c = toy_chain()
    got = {s: round(c.criticality(s), 4) for s in c.segments}
    assert got == {"s1": 0.5, "s2": 0.8333, "m1": 0.3333, "m2": 0.5, "d1": 0.1667, "d2": 0.1667}, got


def test_positions_come_from_the_graph() -> None:
    c = toy_chain()
    got = {s: c.position(s).id for s in c.segments}
    assert got == {"s1": "upstream", "s2": "upstream", "m1": "midstream", "m2": "midstream",
                   "d1": "downstream", "d2": "downstream"}, got


@pytest.mark.parametrize(("covered", "expected", "complete"), [
    ({"s1", "m1", "d1"}, ("s1", "m1", "d1"), 1),
    ({"s1", "m1", "d2"}, None, 0),  # d2 hangs on m2 only
    ({"s2", "m2", "d2", "d1", "m1"}, ("s2", "m1", "d1"), 3),  # first in depth-first order, lower ids first
    (set(), None, 0),
])
def test_unbroken_path(covered: set[str], expected: tuple[str, ...] | None, complete: int) -> None:
    c = toy_chain()
    assert unbroken_path(c, covered) == expected, unbroken_path(c, covered)
    assert covered_paths(c, covered) == complete, covered_paths(c, covered)


def test_a_cycle_or_an_edge_leaving_the_chain_is_refused() -> None:
    segs = [Segment(Term(id=s), 1) for s in ("a", "b")]
    with pytest.raises(ChainStructureError, match="cycle"):
        build_chain_graph(Term(id="bad"), 1, segs, [("a", "b"), ("b", "a")])
    with pytest.raises(ChainStructureError, match="leaves"):
        build_chain_graph(Term(id="bad"), 1, segs, [("a", "z")])


def test_the_shipped_chains_load_from_the_store_and_resolve_by_any_name(mem_store: OxigraphStore) -> None:
    catalog = load_catalog(mem_store)
    assert [c.id for c in catalog][:2] == ["digital-security", "integrated-circuits"], [c.id for c in catalog]
    assert len(catalog) == 10
    ic = catalog.resolve("集成电路")
    assert catalog.resolve("integrated-circuits") is ic and catalog.resolve(" Integrated Circuits ") is ic
    assert list(ic.segments) == ["ic-materials-equipment", "ic-design", "ic-manufacturing", "ic-packaging-testing",
                                 "ic-applications"], list(ic.segments)
    assert ic.total_paths == 1 and ic.criticality("ic-materials-equipment") == 1.0
    ds = catalog.resolve("数字安防")
    assert ds.total_paths == 24, ds.total_paths  # chips 3×4 + sensors 4 + optics 4 + storage 4
    with pytest.raises(UnknownChainError) as e:
        catalog.resolve("集成电")
    assert "集成电路（integrated-circuits）" in str(e.value), str(e.value)
