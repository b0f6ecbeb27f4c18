"""The anchor query on the bundled synthetic sample (data/sample), checked against a plain-Python reading of the
same triples: every anchor declares the chain and hosts a 龙头企业 or 单项冠军 working in it that year, its revenue
in the chain is the sum over its distinct enterprises, anchors are ranked by it, and every declaring park that is
not an anchor is listed apart. Completeness runs for every park and agrees with the coverage facts."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from rdflib import Graph, URIRef

from reasoner.chains import anchors, every_park_completeness, load_catalog
from reasoner.chains.params import chain_parameters
from reasoner.ingest import read_one, source_files, to_source
from reasoner.namespaces import PS
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore

YEAR = 2024


@pytest.fixture(scope="module")
def sample() -> tuple[OxigraphStore, Graph]:
    """The sample's parks and enterprises, in a store and as one rdflib graph (converted, as ingest does)."""
    files = [f for f in source_files([sample_dir()]) if f.name in ("parks.csv", "enterprises.csv")]
    assert len(files) == 2, f"data/sample lacks parks.csv or enterprises.csv: {files}"
    prepared = []
    for f in files:
        p, problems = read_one(f)
        assert p is not None and not problems, problems[:5]
        prepared.append(p)
    store = OxigraphStore(None)
    store.replace_sources([to_source(p) for p in prepared])
    g = Graph()
    for p in prepared:
        g += p.graph
    return store, g


def _expected(g: Graph, year: int) -> dict[str, dict[str, tuple[Decimal, bool]]]:
    """{chain IRI: {park IRI: (revenue in the chain, has a leader)}} for every declaring park, by hand."""
    roles = {r for r in chain_parameters(year).anchor_roles.roles}
    role_iris = {URIRef(r.iri) for r in roles}
    onto_chain = {s: c for s, c in _segment_chains().items()}
    revenue: dict[URIRef, Decimal] = {}
    for rev in g.subjects(PS.revenueOf, None):
        if int(g.value(rev, PS.year)) == year:  # type: ignore[arg-type]
            revenue[g.value(rev, PS.revenueOf)] = Decimal(str(g.value(rev, PS.value)))  # type: ignore[index]
    out: dict[str, dict[str, tuple[Decimal, bool]]] = defaultdict(dict)
    for park, chain in g.subject_objects(PS.leadingChain):
        total, leader = Decimal(0), False
        for ent in g.subjects(PS.inPark, park):
            if ent not in revenue:
                continue
            if chain in {onto_chain.get(s) for s in g.objects(ent, PS.worksInSegment)}:
                total += revenue[ent]  # once per chain, however many of its segments
                leader = leader or any(r in role_iris for r in g.objects(ent, PS.hasRole))
        out[str(chain)][str(park)] = (total, leader)
    return out


def _segment_chains() -> dict[URIRef, URIRef]:
    from reasoner.resources import ontology_graph

    o = ontology_graph()
    return {s: c for s, c in o.subject_objects(PS.segmentOf)}  # type: ignore[misc]


def test_anchor_query_agrees_with_a_plain_reading(sample: tuple[OxigraphStore, Graph]) -> None:
    store, g = sample
    expected = _expected(g, YEAR)
    report = anchors(store, YEAR)
    assert sum(len(c.anchors) for c in report.chains) > 10, "the sample should anchor most chains"
    for ch in report.chains:
        want = expected.get(ch.chain.chain.iri, {})
        got_anchor = {a.park.iri: a.revenue for a in ch.anchors}
        got_other = {a.park.iri: a.revenue for a in ch.without_leader}
        assert set(got_anchor) == {p for p, (_, lead) in want.items() if lead}, (ch.chain.id, got_anchor)
        assert set(got_other) == {p for p, (_, lead) in want.items() if not lead}, (ch.chain.id, got_other)
        for park, rev in {**got_anchor, **got_other}.items():
            assert rev == want[park][0], f"{ch.chain.id} {park}: query {rev}, by hand {want[park][0]}"
        revs = [a.revenue for a in ch.anchors]
        assert revs == sorted(revs, reverse=True), (ch.chain.id, revs)
        for a in ch.anchors:
            assert a.leaders, f"{a.park.code} anchors {ch.chain.id} without a leader"
            for e in a.leaders:
                assert {r.iri for r in e.roles} <= {r.iri for r in report.parameters.anchor_roles.roles}, e
                assert e.segments and all(s.id in ch.chain.segments for s in e.segments), e


def test_every_park_completeness_on_the_sample(sample: tuple[OxigraphStore, Graph]) -> None:
    store, g = sample
    results = list(every_park_completeness(store, YEAR))
    declared = sum(1 for _ in g.subject_objects(PS.leadingChain))
    assert len(results) == declared, (len(results), declared)
    catalog = load_catalog(store)
    for r in results:
        assert len(r.covered) + len(r.missing) == len(catalog.chains[r.chain.id].segments), r.chain.id
        crit = [(g_.criticality, -g_.paths_through) for g_ in r.gaps]
        assert crit == sorted(crit, key=lambda x: (-x[0], x[1])), (r.scope.term.id, r.chain.id, crit)
        assert r.unbroken == (r.covered_paths > 0), (r.scope.term.id, r.chain.id)
        for gap in r.gaps:
            assert all(p.park.code != r.scope.term.id for p in gap.partners)
            assert len(gap.partners) <= r.parameters.partner_count
