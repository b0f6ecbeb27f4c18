"""The anchor query on the bundled synthetic sample (data/sample), checked against a plain-Python reading of the
same CSV files: every anchor declares the chain and hosts a 龙头企业 or 单项冠军 working in it that year, its revenue
in the chain is the sum over its distinct enterprises, anchors are ranked by it, and every declaring park that is
not an anchor is listed apart. Completeness runs for every park and agrees with the coverage facts."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from reasoner.chains import anchors, every_park_completeness, load_catalog
from reasoner.chains.params import chain_parameters
from reasoner.ingest import load
from reasoner.ingest.convert import split_list
from reasoner.ingest.vocab import lookup, segment
from reasoner.namespaces import PS
from reasoner.resources import ontology_graph, sample_dir
from reasoner.store import OxigraphStore

YEAR = 2024


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    """The sample loaded as ``parkstar demo`` loads it (checked by the evidence shapes)."""
    st = OxigraphStore(None)
    load(st, [sample_dir()])
    return st


def _expected(year: int) -> dict[str, dict[str, tuple[Decimal, bool]]]:
    """{chain IRI: {park code: (revenue in the chain, has a leader)}} for every declaring park, read from the CSV
    files with the csv module (no SPARQL, no RDF)."""
    roles = {r.iri for r in chain_parameters(year).anchor_roles.roles}
    onto = ontology_graph()
    declared: dict[str, set[str]] = defaultdict(set)
    with (sample_dir() / "parks.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            for name in split_list(row["主导产业链"]):
                declared[row["园区代码"]].add(str(lookup(PS.IndustrialChain, name)))
    out: dict[str, dict[str, tuple[Decimal, bool]]] = defaultdict(dict)
    for code, chains in declared.items():
        for chain in chains:
            out[chain][code] = (Decimal(0), False)
    with (sample_dir() / "enterprises.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if not row["年份"] or int(row["年份"]) != year:
                continue
            chains = {str(onto.value(segment(s), PS.segmentOf)) for s in split_list(row["产业链环节"])}
            leader = any(str(lookup(PS.EnterpriseRole, r)) in roles for r in split_list(row["企业称号"]))
            for chain in chains & declared[row["园区代码"]]:  # once per chain, however many of its segments
                total, lead = out[chain][row["园区代码"]]
                out[chain][row["园区代码"]] = (total + Decimal(row["营业收入（亿元）"]), lead or leader)
    return out


def test_anchor_query_agrees_with_a_plain_reading(store: OxigraphStore) -> None:
    expected = _expected(YEAR)
    report = anchors(store, YEAR)
    assert sum(len(c.anchors) for c in report.chains) > 10, "the sample should anchor most chains"
    for ch in report.chains:
        want = expected.get(ch.chain.chain.iri, {})
        got_anchor = {a.park.code: a.revenue for a in ch.anchors}
        got_other = {a.park.code: a.revenue for a in ch.without_leader}
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


def test_every_park_completeness_on_the_sample(store: OxigraphStore) -> None:
    results = list(every_park_completeness(store, YEAR))
    declared = sum(len(v) for v in _expected(YEAR).values())
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


def test_the_declarers_query_agrees_with_the_report_on_the_sample(store: OxigraphStore) -> None:
    from reasoner.chains.sparql import run

    rows = run(store, "chain-declarers-without-leader", year=YEAR)
    by_query = sorted((r["chain"], r["parkCode"], Decimal(r["revenue"])) for r in rows)
    report = anchors(store, YEAR)
    by_report = sorted((c.chain.chain.iri, p.park.code, p.revenue) for c in report.chains for p in c.without_leader)
    assert by_query == by_report, (by_query, by_report)
