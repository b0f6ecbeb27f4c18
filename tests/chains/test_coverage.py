"""Completeness on the hand-built toy chain (tests/chains/conftest.py): coverage share, gaps and their order,
broken and unbroken paths, single-enterprise segments, partner parks nearest first, roles to recruit, the province's
uncovered segments, clusters, and the JSON shape."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from reasoner.app.schemas.base import dump
from reasoner.app.schemas.chains import CompletenessOut
from reasoner.chains.coverage import city_scope, completeness, park_scope, province_scope
from reasoner.chains.data import ClusterInfo
from reasoner.chains.errors import UnknownCityError, UnknownParkError
from reasoner.chains.model import Term
from reasoner.chains.params import chain_parameters
from tests.chains.conftest import toy_chain, toy_facts, toy_parks

PARAMS = chain_parameters(2024)


def _run(scope_kind: str, name: str = "", **kw: object):  # type: ignore[no-untyped-def]
    parks = toy_parks()
    scope = {"park": lambda: park_scope(parks, name), "city": lambda: city_scope(parks, name),
             "province": lambda: province_scope(parks)}[scope_kind]()
    facts = kw.pop("facts", None) or toy_facts()
    return completeness(toy_chain(), scope, facts, parks, kw.pop("params", PARAMS), **kw)  # type: ignore[arg-type]


def test_park_with_a_broken_chain() -> None:
    r = _run("park", "P1")
    assert (r.covered, r.share) == (("s1", "m1", "d2"), 0.5), (r.covered, r.share)
    assert r.missing == ("s2", "m2", "d1"), f"gaps most critical first: {r.missing}"
    assert [round(g.criticality, 4) for g in r.gaps] == [0.8333, 0.5, 0.1667], [g.criticality for g in r.gaps]
    assert r.single_enterprise == ("d2",), r.single_enterprise
    assert not r.unbroken and r.example_path is None and r.covered_paths == 0, (r.example_path, r.covered_paths)
    assert r.uncovered_in_province == (), r.uncovered_in_province


def test_park_with_an_unbroken_chain() -> None:
    r = _run("park", "P2")
    assert r.example_path == ("s1", "m1", "d1") and r.covered_paths == 1, (r.example_path, r.covered_paths)
    assert r.missing == ("s2", "m2", "d2"), r.missing


def test_partner_parks_nearest_first_then_deepest() -> None:
    r = _run("park", "P1")
    partners = {g.segment.id: [(p.park.code, p.proximity.id) for p in g.partners] for g in r.gaps}
    assert partners == {
        "s2": [("P3", "same-county"), ("P4", "same-city"), ("P5", "province")],  # P6 ties P5 on firms, less revenue
        "m2": [("P5", "province")],
        "d1": [("P2", "same-city"), ("P6", "province")],  # nearness beats P6's four firms
    }, partners
    more = dataclasses.replace(PARAMS, partners_per_gap=dataclasses.replace(PARAMS.partners_per_gap,
                                                                              value=Decimal(10)))
    r = _run("park", "P1", params=more)
    assert [p.park.code for p in r.gaps[0].partners] == ["P3", "P4", "P5", "P6"], r.gaps[0].partners


def test_roles_to_recruit_follow_the_gaps_position() -> None:
    r = _run("park", "P1")
    got = {g.segment.id: (g.position.id, g.recruit.name, sorted(t.id for t in g.recruit.roles)) for g in r.gaps}
    assert got == {
        "s2": ("upstream", "RecruitUpstream", ["RoleHiddenChampion", "RoleSingleChampion", "RoleSpecialised"]),
        "m2": ("midstream", "RecruitMidstream", ["RoleLeader", "RoleSingleChampion"]),
        "d1": ("downstream", "RecruitDownstream", ["RoleHighTech", "RoleLeader"]),
    }, got


def test_single_enterprise_threshold_is_the_parameter() -> None:
    two = dataclasses.replace(PARAMS, single_risk=dataclasses.replace(PARAMS.single_risk, value=Decimal(2)))
    r = _run("park", "P1", params=two)
    assert r.single_enterprise == ("m1", "d2"), r.single_enterprise


def test_city_scope_adds_its_parks_and_looks_outside_for_partners() -> None:
    r = _run("city", "杭州")
    assert r.scope.parks == frozenset({"P1", "P2", "P3", "P4"}) and r.scope.term.id == "330100", r.scope
    assert r.missing == ("m2",) and r.example_path == ("s1", "m1", "d1"), (r.missing, r.example_path)
    by_id = {s.segment.id: (s.presence.enterprises, s.status.id) for s in r.segments}
    assert by_id["s2"] == (3, "covered") and by_id["d2"] == (1, "single"), by_id
    assert [(p.park.code, p.proximity.id) for p in r.gaps[0].partners] == [("P5", "province")], r.gaps[0].partners
    assert _run("city", "330100").scope.parks == r.scope.parks
    with pytest.raises(UnknownCityError) as e:
        _run("city", "北京")
    assert "杭州市" in str(e.value), str(e.value)


def test_province_names_the_segments_nobody_covers() -> None:
    facts = toy_facts()
    del facts.presence["m2"]
    r = _run("province", facts=facts)
    assert r.missing == ("m2",) and r.uncovered_in_province == ("m2",), (r.missing, r.uncovered_in_province)
    assert r.gaps[0].partners == (), "nobody in the province covers it: no partner, recruit from outside"
    assert r.scope.term.id == "330000" and r.scope.term.name_zh == "浙江省", r.scope.term


def test_unknown_park() -> None:
    with pytest.raises(UnknownParkError) as e:
        _run("park", "P9")
    assert "P1" in str(e.value), str(e.value)


def test_clusters_of_the_chain_and_of_the_scopes_enterprises() -> None:
    old = ClusterInfo(Term(id="old", iri="urn:c:old", name_zh="旧集群"), None, 2020, 2022, ("urn:toy",))
    new = ClusterInfo(Term(id="new", iri="urn:c:new", name_zh="新集群"), None, 2023, None, ("urn:toy",))
    other = ClusterInfo(Term(id="other", iri="urn:c:other", name_zh="他链集群"), None, 2020, None, ("urn:x",))
    clusters = {c.term.iri: c for c in (old, new, other)}
    per_park = {"P1": {"urn:c:new": 3}, "P2": {"urn:c:new": 2, "urn:c:other": 4}, "P5": {"urn:c:other": 9}}
    r = _run("city", "杭州市", clusters=clusters, park_clusters=per_park)
    assert [c.term.id for c in r.chain_clusters] == ["new"], r.chain_clusters
    assert [(c.term.id, n) for c, n in r.enterprise_clusters] == [("new", 5), ("other", 4)], r.enterprise_clusters
    r = _run("park", "P1", facts=toy_facts(2021), clusters=clusters, park_clusters=per_park)
    assert [c.term.id for c in r.chain_clusters] == ["old"], r.chain_clusters


def test_json_shape_is_stable() -> None:
    data = dump(CompletenessOut.of(_run("park", "P1")))
    assert list(data) == ["chain", "scope", "year", "coverage", "segments", "missing", "single_enterprise", "path",
                          "gaps", "uncovered_in_province", "clusters", "parameters", "rules"], list(data)
    assert data["coverage"] == {"covered": 3, "total": 6, "share": 0.5}, data["coverage"]
    assert list(data["segments"][0]) == ["id", "name_zh", "name_en", "tier", "position", "enterprises", "revenue",
                                         "status"], data["segments"][0]
    gap = data["gaps"][0]
    assert list(gap) == ["rank", "segment", "tier", "position", "criticality", "paths_through", "total_paths",
                         "downstream_segments", "downstream_share", "recruit_roles", "recruit_parameter",
                         "partners"], list(gap)
    assert gap["segment"] == {"id": "s2", "name_zh": "环节s2", "name_en": "segment s2"}, gap["segment"]
    assert list(gap["partners"][0]) == ["code", "name_zh", "city", "county", "proximity", "enterprises",
                                        "revenue"], gap["partners"][0]
    assert gap["partners"][0]["county"]["name_zh"] == "萧山区", gap["partners"][0]
    assert {p["id"] for p in data["parameters"]} >= {"psh:SingleEnterpriseRiskMax", "psh:PartnerParksPerGap",
                                                      "psh:RecruitUpstream"}, data["parameters"]
