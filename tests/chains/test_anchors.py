"""Anchors and completeness through the store, on tests/fixtures/chains: six synthetic parks, 2023 and 2024.

Known answers (亿元): in 2024 集成电路 is anchored by C-NB-01 (250: its 龙头企业 designs), C-HZ-01 (135: the 龙头企业
works in two segments and counts once; the application firm also works in 智能计算 and counts in full) and C-HZ-02
(80: a 单项冠军); C-WZ-01 declares it with no leader (15). In 2023 C-NB-01's leader reports no revenue, so the park
drops to the declared-without-leader list.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reasoner.app.schemas.base import dump
from reasoner.app.schemas.chains import AnchorsOut
from reasoner.chains import NoDataForYearError, UnknownChainError, analyse_chain, anchors
from reasoner.chains.data import data_years, resolve_year
from reasoner.store import OxigraphStore


def _lists(store: OxigraphStore, year: int, chain: str) -> tuple[list[tuple[str, Decimal]], list[tuple[str, Decimal]]]:
    report = anchors(store, year, chain)
    (ch,) = report.chains
    return ([(a.park.code, a.revenue) for a in ch.anchors], [(a.park.code, a.revenue) for a in ch.without_leader])


def test_anchors_2024_ranked_by_revenue_in_the_chain(chains_store: OxigraphStore) -> None:
    got = _lists(chains_store, 2024, "集成电路")
    assert got == ([("C-NB-01", Decimal(250)), ("C-HZ-01", Decimal(135)), ("C-HZ-02", Decimal(80))],
                   [("C-WZ-01", Decimal(15))]), got


def test_anchors_follow_the_year(chains_store: OxigraphStore) -> None:
    got = _lists(chains_store, 2023, "integrated-circuits")
    assert got == ([("C-HZ-01", Decimal(122)), ("C-HZ-02", Decimal(73))],
                   [("C-NB-01", Decimal(43)), ("C-WZ-01", Decimal(14))]), got


def test_anchor_details(chains_store: OxigraphStore) -> None:
    report = anchors(chains_store, 2024)
    by_chain = {c.chain.id: c for c in report.chains}
    assert list(by_chain) == ["digital-security", "integrated-circuits", "network-communication",
                              "intelligent-computing", "biomedicine", "refining-new-materials", "energy-saving-nev",
                              "intelligent-equipment", "smart-home", "modern-textiles"], list(by_chain)
    hz = next(a for a in by_chain["integrated-circuits"].anchors if a.park.code == "C-HZ-01")
    assert (hz.rank, hz.enterprises) == (2, 4), hz
    assert [s.id for s in hz.segments] == ["ic-design", "ic-manufacturing", "ic-packaging-testing",
                                           "ic-applications"], hz.segments
    (leader,) = hz.leaders
    assert leader.credit_code == "91330109000000001E" and leader.name_zh == "链测甲晶圆有限公司（合成）", leader
    assert [r.name_zh for r in leader.roles] == ["龙头企业"], leader.roles
    assert [s.id for s in leader.segments] == ["ic-manufacturing", "ic-packaging-testing"], leader.segments
    hz2 = next(a for a in by_chain["integrated-circuits"].anchors if a.park.code == "C-HZ-02")
    assert [r.name_zh for r in hz2.leaders[0].roles] == ["单项冠军"], hz2.leaders
    assert [a.park.code for a in by_chain["digital-security"].anchors] == ["C-HZ-03"]
    ie = by_chain["intelligent-equipment"]
    assert ie.anchors == () and [(a.park.code, a.revenue, a.enterprises) for a in ie.without_leader] == [
        ("C-HZ-01", Decimal(0), 0)], ie.without_leader
    assert [c.term.id for c in by_chain["integrated-circuits"].clusters] == ["software-ic", "x-new-generation-it"]
    assert [c.term.id for c in anchors(chains_store, 2024, "集成电路").chains[0].clusters] == [
        "software-ic", "x-new-generation-it"]


def test_json_shape(chains_store: OxigraphStore) -> None:
    data = dump(AnchorsOut.of(anchors(chains_store, 2024, "集成电路")))
    assert list(data) == ["year", "chains", "parameters", "counting_rule"], list(data)
    ch = data["chains"][0]
    assert list(ch) == ["chain", "clusters", "anchors", "declared_without_leader"], list(ch)
    assert list(ch["anchors"][0]) == ["rank", "park", "revenue", "enterprises", "segments", "segments_covered",
                                      "segments_total", "leaders"], list(ch["anchors"][0])
    assert ch["anchors"][0]["park"]["city"]["name_zh"] == "宁波市", ch["anchors"][0]["park"]
    assert data["parameters"][0]["id"] == "psh:AnchorRoles", data["parameters"]


def test_years(chains_store: OxigraphStore) -> None:
    assert data_years(chains_store) == [2023, 2024]
    assert resolve_year(chains_store, None) == 2024
    with pytest.raises(NoDataForYearError) as e:
        anchors(chains_store, 2019)
    assert "2023、2024" in str(e.value), str(e.value)
    with pytest.raises(UnknownChainError):
        anchors(chains_store, 2024, "nonsense")


def test_no_revenue_at_all_is_a_clear_error(mem_store: OxigraphStore) -> None:
    with pytest.raises(NoDataForYearError, match="没有企业营业收入"):
        anchors(mem_store)


def test_completeness_of_a_park_through_the_store(chains_store: OxigraphStore) -> None:
    r = analyse_chain(chains_store, "集成电路", park="C-HZ-01", year=2024)
    assert (r.covered, r.missing) == (("ic-design", "ic-manufacturing", "ic-packaging-testing", "ic-applications"),
                                      ("ic-materials-equipment",)), (r.covered, r.missing)
    assert r.single_enterprise == ("ic-manufacturing", "ic-packaging-testing", "ic-applications"), r
    assert not r.unbroken, "the chain's only source segment is missing"
    (gap,) = r.gaps
    assert gap.criticality == 1.0 and gap.position.id == "upstream", gap
    assert [(p.park.code, p.proximity.id, p.presence.enterprises) for p in gap.partners] == [
        ("C-HZ-02", "same-county", 1), ("C-NB-01", "province", 2)], gap.partners
    assert [(c.term.id, n) for c, n in r.enterprise_clusters] == [("software-ic", 4), ("x-new-generation-it", 4)]


def test_completeness_of_a_city_and_the_province(chains_store: OxigraphStore) -> None:
    r = analyse_chain(chains_store, "integrated-circuits", city="杭州市", year=2024)
    assert r.share == 1.0 and r.example_path is not None and len(r.example_path) == 5, r.example_path
    assert r.single_enterprise == ("ic-materials-equipment", "ic-packaging-testing", "ic-applications"), r
    p = analyse_chain(chains_store, "现代纺织", province=True, year=2024)
    assert p.covered == ("tx-weaving",) and p.uncovered_in_province == p.missing, (p.covered, p.missing)
    assert p.missing[:2] == ("tx-chemical-fibre", "tx-spinning"), p.missing
    assert all(g.partners == () for g in p.gaps)


@pytest.mark.parametrize("year", [2023, 2024])
def test_the_declarers_query_agrees_with_the_anchor_report(chains_store: OxigraphStore, year: int) -> None:
    from reasoner.chains.sparql import run

    rows = run(chains_store, "chain-declarers-without-leader", year=year)
    by_query = sorted((r["chain"], r["parkCode"], Decimal(r["revenue"])) for r in rows)
    report = anchors(chains_store, year)
    by_report = sorted((c.chain.chain.iri, p.park.code, p.revenue) for c in report.chains for p in c.without_leader)
    assert by_query == by_report, (by_query, by_report)
