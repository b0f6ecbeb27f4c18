"""Policy cases as data: every scenario of tests/scenarios/rating/*.json is rated from its facts, and again from a
store holding the same facts as RDF; both must say what the scenario expects (level, veto, relaxation, missing
values, bonus, priority, reasons, next level). Failures print the rating's trace."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import Graph

from reasoner.namespaces import PS, PSH
from reasoner.policy import Readings, load_policy, set_policy, shapes_graph
from reasoner.rating import load_rules, rate_facts, rate_store
from reasoner.rating.explain import explain
from reasoner.rating.model import Rating
from reasoner.rating.nextlevel import next_level
from reasoner.resources import ontology_graph
from reasoner.store import OxigraphStore, SourceGraph
from tests.rating.scenario import Scenario, ntriples, scenarios

CASES = list(scenarios())


def trace_text(r: Rating) -> str:
    return "\n".join(f"  {t.criterion} | {t.threshold} | {t.observed} | {t.verdict} | {t.note}" for t in r.trace)


def check(s: Scenario, r: Rating) -> None:
    e = s.expect
    where = f"{s.id} ({s.clause})\n{trace_text(r)}"
    simple = {"level": r.level, "indicator_level": r.indicator_level, "vetoed": r.vetoed, "relaxed": r.relaxed,
              "missing": r.missing, "undetermined": r.undetermined, "demonstration": r.demonstration,
              "edition": r.edition, "veto_incidents": len(r.veto_incidents), "priority": len(r.priority),
              "bonus_lines": len(r.bonus_lines), "assessment_date": r.assessment_date.isoformat(),
              "in_scope": r.in_scope, "rank_in_level": r.rank_in_level}
    for key, got in simple.items():
        if key in e:
            assert got == e[key], f"{key}: expected {e[key]!r}, got {got!r}\n{where}"
    if "bonus" in e:
        assert r.bonus == Decimal(e["bonus"]), f"bonus {r.bonus} != {e['bonus']}\n{where}"
    for code, levels in e.get("met", {}).items():
        assert r.indicators[code].met == levels, f"{code} met {r.indicators[code].met} != {levels}\n{where}"


@pytest.mark.parametrize("s", CASES, ids=[c.id for c in CASES])
def test_scenario_from_facts(s: Scenario) -> None:
    rules = load_rules(s.edition, s.facts.year, s.strict, s.readings)
    r = rate_facts(s.facts, rules, s.as_of)
    check(s, r)
    exp = explain(r, rules, next_level(r, rules))
    words = " ".join([exp.conclusion, *exp.reasons, *(t.note for t in r.trace)])
    for phrase in s.expect.get("reasons", []):
        assert phrase in words, f"{s.id}: “{phrase}” not in the explanation:\n{words}\n{trace_text(r)}"
    nxt = s.expect.get("next")
    if nxt is not None:
        got = next_level(r, rules)
        assert got.target == nxt["target"], f"{s.id}: next target {got.target}\n{got}"
        if "improvements" in nxt:
            found = {i.indicator: i.needed for i in got.improvements}
            want = {k: Decimal(v) for k, v in nxt["improvements"].items()}
            assert found == want, f"{s.id}: next level {got}"
        if "count" in nxt:
            assert len(got.improvements) == nxt["count"], f"{s.id}: next level {got}"
        if "relaxed" in nxt:
            assert got.relaxed == nxt["relaxed"], f"{s.id}: next level {got}"
        if "veto_lifts_on" in nxt:
            assert str(got.veto_lifts_on) == nxt["veto_lifts_on"], f"{s.id}: {got}"


@pytest.fixture(scope="module")
def scenario_store() -> OxigraphStore:
    store = OxigraphStore(None)
    data = ntriples([c.facts for c in CASES])
    store.replace_sources([SourceGraph("scenarios", "scenarios.nt", "rdf", data, data.count(b"\n"))])
    return store


def test_scenarios_from_the_store_agree(scenario_store: OxigraphStore) -> None:
    """The same facts read back from the store by the engine's queries give the same ratings."""
    groups: dict[tuple[int, str | None, bool, object, Readings], list[Scenario]] = defaultdict(list)
    for s in CASES:
        groups[(s.facts.year, s.edition, s.strict, s.as_of, s.readings)].append(s)
    for (year, edition, strict, as_of, readings), cases in groups.items():
        rated = {r.code: r for r in rate_store(scenario_store, [year], edition=edition, strict=strict,
                                               as_of=as_of, readings=readings)}  # type: ignore[arg-type]
        for s in cases:
            check(s, rated[s.facts.code])


def test_the_veto_follows_its_parameters() -> None:
    """The engine reads the vetoing grades and types from shapes/ (psh:VetoSeverities, psh:VetoIncidentTypes), not
    from Python: narrowed to 重大 alone, a 特别重大 incident no longer vetoes; without 安全生产, a 重大 work-safety
    incident does not either."""
    case = next(s for s in CASES if s.file == "veto.json" and "特别重大" in s.name and "work-safety" in s.name)
    shapes = Graph()
    shapes += shapes_graph()
    shapes.remove((PSH.VetoSeverities, PS.appliesToSeverity, PS.SeverityEspeciallyMajor))
    shapes.remove((PSH.VetoIncidentTypes, PS.appliesToIncidentType, PS.SafetyIncident))
    narrowed = load_policy(ontology_graph(), shapes)
    shipped = load_rules(case.edition, case.facts.year, case.strict)
    assert rate_facts(case.facts, shipped, case.as_of).vetoed, trace_text(rate_facts(case.facts, shipped))
    set_policy(narrowed)
    load_rules.cache_clear()
    try:
        rules = load_rules(case.edition, case.facts.year, case.strict)
        r = rate_facts(case.facts, rules, case.as_of)
        assert not r.vetoed, trace_text(r)
        major = replace(case.facts, incidents=[replace(i, severity=str(PS.SeverityMajor))
                                               for i in case.facts.incidents])
        assert not rate_facts(major, rules, case.as_of).vetoed, trace_text(rate_facts(major, rules, case.as_of))
    finally:
        set_policy(None)
        load_rules.cache_clear()
