"""The readings (shapes/readings.ttl) as the policy package reads them: every place parkstar interprets open words is
named, with clause, words, default and alternatives in both languages; a choice of readings is parsed strictly; the
policy under a choice sets parameters and rewrites provisions without touching the shipped policy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reasoner.policy import DEFAULT_READINGS, PolicyError, Readings, policy
from reasoner.rating import load_rules

NAMED = {"relaxation", "relaxation-count", "relaxation-shortfall", "clearly-above", "most", "veto-window",
         "assessment-date", "below-benchmark", "project-status", "m3-scope", "m5-land", "m7-rise", "m8-beneficiary",
         "m12-beneficiary", "o1-deadline"}
"""The readings the policy audit named: 三.2's relaxation and its numbers, 三.3's window and date, 表.10-11's "低于",
and 四(三)'s project status, M3 scope, M5, M7, M8 and M12."""


def test_every_named_reading_is_there_with_clause_words_default_and_alternatives() -> None:
    pol = policy()
    assert set(pol.readings) >= NAMED, sorted(NAMED - set(pol.readings))
    for r in pol.readings.values():
        where = f"reading {r.key} ({r.iri})"
        assert r.clause and r.words and r.label_zh and r.label_en and r.definition_zh and r.definition_en, where
        assert r.scope in ("rating", "measures"), where
        assert len(r.alternatives) >= 2, f"{where}: a reading with one meaning is no choice"
        assert r.default in {a.key for a in r.alternatives}, where
        for a in r.alternatives:
            assert a.label_zh and a.label_en and a.definition_zh and a.definition_en, f"{where}: {a.key}"


def test_a_default_that_sets_a_parameter_sets_the_shipped_value() -> None:
    pol = policy()
    for r in pol.readings.values():
        d = r.default_alternative
        if d.parameter is not None:
            assert pol.parameters[d.parameter].value == d.value, r.key


def test_a_choice_is_parsed_strictly() -> None:
    pol = policy()
    assert pol.choose(["relaxation=requirement", "most:0.6667"]) == Readings(
        (("most", "0.6667"), ("relaxation", "requirement")))
    assert pol.choose({"relaxation": "exception"}) == DEFAULT_READINGS, "a default named explicitly is no choice"
    assert pol.choose(["m3-scope=four-star", "m3-scope=four-star"]).text() == "m3-scope=four-star"
    with pytest.raises(PolicyError, match="unknown reading nosuch; known: relaxation"):
        pol.choose(["nosuch=x"])
    with pytest.raises(PolicyError, match="has no alternative maybe; choose one of exception, requirement, none"):
        pol.choose(["relaxation=maybe"])
    with pytest.raises(PolicyError, match="KEY=VALUE"):
        pol.choose(["relaxation"])
    with pytest.raises(PolicyError, match="chosen twice"):
        pol.choose(["relaxation=none", "relaxation=requirement"])


def test_the_policy_under_a_choice_sets_parameters_and_rewrites_provisions() -> None:
    pol = policy()
    assert pol.under(DEFAULT_READINGS) is pol
    chosen = pol.choose(["m5-land=150", "m3-scope=four-star", "m8-beneficiary=government"])
    under = pol.under(chosen)
    assert under is pol.under(chosen), "made once per choice"
    assert under.value("M5LandIntensityMin") == 150 and pol.value("M5LandIntensityMin") == 136
    assert [p.value for p in under.provisions["M5"].parameters] == [Decimal(150)]
    m3 = [c.iri.rsplit("#", 1)[1] for c in under.provisions["M3"].conditions]
    assert m3 == ["CondFourStar", "CondProjectMature", "CondProjectNotBuilt"], m3
    assert next(c.iri.rsplit("#", 1)[1] for c in pol.provisions["M3"].conditions) == "CondStarPark"
    assert "所在地政府" in under.provisions["M8"].beneficiary and "所在地政府" not in pol.provisions["M8"].beneficiary
    assert under.choice("m5-land") == "150" and pol.choice("m5-land") == "136"


def test_what_an_answer_about_a_provision_rests_on() -> None:
    pol = policy()
    m5 = pol.bearing_on(pol.provisions["M5"])
    assert m5["m5-land"] == "136" and "relaxation" in m5 and "m3-scope" not in m5, m5
    assert "project-status" in pol.bearing_on(pol.provisions["M2"])
    assert "m12-beneficiary" in pol.bearing_on(pol.provisions["M12"])


def test_rule_sets_record_the_readings_they_apply() -> None:
    rules = load_rules(None, 2024, False, policy().choose(["relaxation=requirement", "assessment-date=review"]))
    assert rules.relaxation.required and rules.relaxation.enabled
    assert rules.in_force["relaxation"] == "requirement" and rules.in_force["veto-window"] == "rolling"
    assert str(rules.assessment_date()) == "2025-06-30"
    strict = load_rules(None, 2024, True)
    assert strict.in_force["relaxation"] == "none" and not strict.relaxation.enabled
    assert load_rules(None, 2024, False, policy().choose(["relaxation=none"])).strict
