"""The policy as read: every parameter, goal, edition, criterion, level, indicator and provision of the shipped
``shapes/`` and ``ontology/`` is there, typed, and agrees with the RDF read here independently with rdflib."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from reasoner.namespaces import DCTERMS, IND, MEASURE, OWL, PS, PSH, RDF, RDFS, SH
from reasoner.policy import (
    LEVELS,
    AtLeast,
    BelowBenchmark,
    Parameter,
    PolicyError,
    default_edition,
    edition,
    label,
    parameter,
    policy,
    shapes_graph,
    value,
)
from reasoner.resources import ontology_graph
from tests.conftest import REPO


def _declared(*types: URIRef) -> set[URIRef]:
    g = shapes_graph()
    return {s for t in types for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}


def test_every_parameter_is_read_with_its_value_validity_clause_and_labels() -> None:
    g = shapes_graph()
    nodes = _declared(PS.Parameter, PS.PolicyGoal)
    params = policy().parameters
    assert {p.iri for p in params.values()} == nodes
    assert list(params) == sorted(params, key=lambda n: str(PSH[n])), "parameters are kept in IRI order"
    for p in params.values():
        raw = g.value(p.iri, PS.parameterValue)
        assert p.value == (None if raw is None else Decimal(str(raw))), p
        assert p.valid_from == int(str(g.value(p.iri, PS.validFromYear))), p
        assert p.sources == tuple(sorted(str(s) for s in g.objects(p.iri, DCTERMS.source))) and p.sources, p
        assert p.label_zh and p.label_en and p.definition_zh and p.definition_en, p
        assert p.goal == ((p.iri, RDF.type, PS.PolicyGoal) in g), p


def test_the_typed_extras_of_parameters() -> None:
    relax = parameter("RelaxationMaxIndicators")
    assert relax.indicators == tuple(f"I{i}" for i in range(1, 10)), relax.indicators
    band = parameter("BonusProject30")
    assert band.min_investment == Decimal(30) and band.project_kinds == (PS.LandmarkProject,), band
    assert parameter("BonusGlobal500").roles == (PS.RoleGlobal500,)
    prio = parameter("GreenDesignationPriority")
    assert set(prio.designation_kinds) == {PS.BeautifulPark, PS.GreenPark}, prio
    assert set(prio.administrative_levels) == {PS.ProvincialLevel, PS.NationalLevel}, prio
    assert prio.clause == "表.10, 表.11", prio.clause
    assert parameter("RecruitUpstream").position == PS.UpstreamSegment
    assert set(parameter("AnchorRoles").roles) == {PS.RoleLeader, PS.RoleSingleChampion}
    assert parameter("AnchorRoles").value is None
    goal = parameter("Goal2025HighTechShare")
    assert (goal.goal_measure, goal.target_year, goal.indicators) == (PS.DemonstrationIndicatorMean, 2025, ("I5",))


def test_the_veto_is_three_parameters_of_the_shapes() -> None:
    """三.3 "两年内发生重大安全生产和环保突发事件": the window, the grades (重大及以上: 特别重大 and 重大) and the
    incident types (安全生产, 环保) are parameters with their clause, labels and definitions, read as a typed rule."""
    sev, types = parameter("VetoSeverities", 2024), parameter("VetoIncidentTypes", 2024)
    assert set(sev.severities) == {PS.SeverityEspeciallyMajor, PS.SeverityMajor}, sev
    assert set(types.incident_types) == {PS.SafetyIncident, PS.EnvironmentalIncident}, types
    for p in (sev, types):
        assert p.sources == ("三.3",) and p.value is None, p
        assert p.label_zh and p.label_en and p.definition_zh and p.definition_en, p
    assert (sev.short_zh, sev.short_en) == ("重大及以上", "major and above"), sev
    veto = policy().veto(2024)
    assert veto.window_years == 2 and veto.severities == {str(PS.SeverityEspeciallyMajor), str(PS.SeverityMajor)}
    assert veto.incident_types == {str(PS.SafetyIncident), str(PS.EnvironmentalIncident)}, veto
    assert [p.name for p in veto.parameters] == ["VetoWindowYears", "VetoSeverities", "VetoIncidentTypes"]
    assert veto.reading() == "重大及以上安全生产、环保", veto.reading()
    with pytest.raises(PolicyError, match="not valid for 2019"):
        policy().veto(2019)


def test_the_inferred_major_incident_class_names_the_vetoing_grades() -> None:
    """ps:MajorIncident (ontology/inferred.ttl) and psh:VetoSeverities say the same thing: 重大 and above."""
    g = ontology_graph()
    grades = {o for r in g.subjects(RDF.type, OWL.Restriction) if g.value(r, OWL.onProperty) == PS.severity
              for o in g.objects(r, OWL.hasValue)}
    assert grades == set(parameter("VetoSeverities").severities), grades


def test_a_parameter_is_checked_against_its_validity() -> None:
    assert value("VetoWindowYears", 2024) == Decimal(2)
    with pytest.raises(PolicyError, match="not valid for 2019") as e:
        parameter("VetoWindowYears", 2019)
    assert "不适用于 2019 年" in str(e.value), "messages are Chinese first, then English"
    with pytest.raises(PolicyError, match="not valid for 2026"):
        parameter("Goal2025DemonstrationParks", 2026)
    with pytest.raises(PolicyError, match="not defined"):
        parameter("NoSuchParameter")
    with pytest.raises(PolicyError, match="has no value"):
        value("AnchorRoles", 2024)


def test_every_goal() -> None:
    goals = policy().goals
    assert {g.iri for g in goals} == {str(s) for s in _declared(PS.PolicyGoal)} and len(goals) == 7
    for g in goals:
        assert isinstance(g.parameter, Parameter) and g.value == g.parameter.value and g.target_year == 2025, g
        assert g.clause in ("一(二)", "三.2") and g.label, g
    means = {g.indicator for g in goals if g.measure == str(PS.DemonstrationIndicatorMean)}
    assert means == {"I5", "I6", "I7", "I8", "I9"}, means


def test_every_edition() -> None:
    eds = policy().editions
    declared = {s for s in ontology_graph().subjects(RDF.type, PS.CriteriaEdition)}
    assert {e.iri for e in eds.values()} == declared and set(eds) == {"2020-a", "2020-c"}
    assert default_edition(2024).code == "2020-a" and edition(None, 2020).code == "2020-a"
    assert edition("2020-c", 2024).label_zh == "2020 版 · 解读 (c)"
    with pytest.raises(PolicyError, match="unknown criteria edition 'x'; known: 2020-a, 2020-c"):
        edition("x", 2024)
    with pytest.raises(PolicyError, match="edition 2020-c is valid 2020–2025, not for 2026"):
        edition("2020-c", 2026)
    with pytest.raises(PolicyError, match="no default criteria edition is valid for 1999"):
        default_edition(1999)


def test_every_criterion_agrees_with_the_shapes() -> None:
    g = shapes_graph()
    for code, crits in policy().criteria.items():
        ed = edition(code, 2024)
        shapes = {s for s in g.subjects(PS.edition, ed.iri) if isinstance(s, URIRef)}
        assert {c.shape for c in crits} == shapes, code
        for c in crits:
            prop = g.value(c.shape, SH.property)
            minimum = g.value(prop, SH.minInclusive)
            if isinstance(c, AtLeast):
                assert c.threshold == Decimal(str(minimum)) and c.written == f"≥ {c.threshold}", c
            else:
                assert isinstance(c, BelowBenchmark) and minimum is None, c
                assert g.value(prop, SH.lessThan) == PS.benchmark and c.written == "< 基准", c
            assert c.level in LEVELS and c.clause == f"表.{c.indicator[1:]}", c
            assert c.message_zh and c.message_en, c
        keys = [(c.indicator, c.level) for c in crits]
        assert len(keys) == len(set(keys)), f"{code}: one criterion per indicator and level"
    a, c = policy().criteria["2020-a"], policy().criteria["2020-c"]
    assert len(a) == 33 and len(c) == 32, "11 indicators × 3 levels; 2020-c has no three-star revenue threshold"
    assert {x.indicator for x in a if isinstance(x, BelowBenchmark)} == {"I10", "I11"}
    assert not any(x.indicator == "I1" and x.level == 3 for x in c)


def test_levels_and_indicators() -> None:
    pol = policy()
    assert sorted(pol.levels) == [0, *LEVELS]
    assert pol.level_name(5) == "五星级" and pol.level_name(0, "en") == "below three-star"
    assert list(pol.indicators) == [f"I{i}" for i in range(1, 12)]
    i1, i10 = pol.indicators["I1"], pol.indicators["I10"]
    assert (i1.name, i1.unit_symbol, i1.clause, i1.direction) == ("规模以上制造业营业收入", "亿元", "表.1", PS.AtLeast)
    assert (i10.unit_symbol, i10.direction, i10.group) == ("吨标准煤/万元", PS.BelowBenchmark, PS.GroupGreen)


def test_the_stages_of_the_rating_procedure() -> None:
    """三.3: 申报 → 建议名单 → 审议 → 公布, in order, each with both labels; only publication makes a level the
    park's rating (psh:RatedStage, 四(三))."""
    stages = list(policy().stages.values())
    assert [s.label_zh for s in stages] == ["申报", "建议名单", "审议", "公布"], stages
    assert [s.order for s in stages] == sorted(s.order for s in stages) and all(s.label_en for s in stages), stages
    g = ontology_graph()
    assert {s.iri for s in stages} == set(g.subjects(RDF.type, PS.AnnouncementStage))
    assert policy().rated_stages(2024) == {str(PS.StagePublished)}
    rated = parameter("RatedStage")
    assert rated.stages == (PS.StagePublished,) and set(rated.sources) == {"三.3", "四(三)"}, rated
    with pytest.raises(PolicyError, match="not a stage"):
        policy().stage(str(PS.ThreeStar))


def test_the_scope_of_the_trial() -> None:
    """三.1: the provincial-or-higher zones and the parks already integrated are rated, manufacturing-led ones only;
    city-level, county-level and other parks are not."""
    scope = parameter("TrialScope")
    assert set(scope.park_types) == {PS.NationalETDZ, PS.NationalHighTechZone, PS.ProvincialEDZ,
                                     PS.ProvincialHighTechZone, PS.IntegratedPark}, scope.park_types
    assert scope.requires_manufacturing_led and scope.sources == ("三.1",), scope
    every = set(ontology_graph().subjects(RDF.type, PS.ParkType))
    assert every - set(scope.park_types) == {PS.MunicipalPark, PS.CountyPark, PS.OtherPark}, every


def test_every_provision() -> None:
    provs = policy().provisions
    assert list(provs) == [f"M{i}" for i in range(1, 13)] + ["O1", "O2"]
    for p in provs.values():
        assert p.conditions and p.clause and p.label and p.label_en and p.beneficiary and p.policy_text, p
        assert all(isinstance(x, Parameter) for x in p.parameters), p
    assert [x.name for x in provs["M5"].parameters] == ["M5LandIntensityMin"]
    assert [x.name for x in provs["O2"].parameters] == ["VetoIncidentTypes", "VetoSeverities", "VetoWindowYears"]
    assert provs["M1"].conditions[0].min_level == 4 and provs["O1"].conditions[0].max_level == 0
    m7 = provs["M7"]
    assert [c.kind for c in m7.conditions] == ["rating", "any", "query"], m7.conditions
    assert {c.iri for c in m7.conditions[1].any_of} == {str(PSH.CondEnergyProductivityRose),
                                                         str(PSH.CondEnergyRetrofitStrong)}
    assert provs["O1"].valid_until is not None and provs["M2"].focus == "project"
    assert str(MEASURE.M1) == provs["M1"].iri


def test_one_label_helper_for_every_term() -> None:
    assert label(IND.I8) == "规模以上制造业亩均税收"
    assert label(IND.I8, "en") == "tax per mu of above-scale manufacturers"
    assert label(PSH.VetoWindowYears) == "否决期限（年）", "terms of the shapes have their labels too"
    assert label(PS.SeverityMajor, "en") and label(None) == ""
    unknown = "https://example.org/x#Nothing"
    assert label(unknown) == "Nothing" and label(unknown, fallback=False) == ""
    onto = ontology_graph()
    for s, o in onto.subject_objects(RDFS.label):
        if isinstance(o, Literal) and o.language in ("zh", "en"):
            assert label(str(s), o.language) == str(o), s


def test_the_policy_is_read_once_and_not_at_import() -> None:
    assert policy() is policy()
    code = ("import reasoner.policy.current as c, reasoner.resources as r, reasoner.cli, api.main; "
            "assert c._HOLDER.policy is None and r.ontology_graph.cache_info().currsize == 0; "
            "c.policy(); assert c._HOLDER.policy is not None")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
