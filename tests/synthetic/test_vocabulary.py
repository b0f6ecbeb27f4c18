"""reasoner.synthetic.vocabulary: what the generator reads of the ontology and the policy is what the ontology
defines and what the rating and the chain analysis read; the calibration names only individuals that exist.

The oracles read the ontology with rdflib here, independently of the generator: the OWL definitions of
ps:LeadingEnterprise and ps:BonusEnterprise (二(一), 三.2 加分项目), region codes and parents, chain order and
notations. The generator's roles must also be the ones ``reasoner.rating`` scores (bonus weights) and
``reasoner.chains`` anchors by (psh:AnchorRoles), or the sample would show bonus and anchor cases the other
modules do not see.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from rdflib import BNode, URIRef
from rdflib.term import Node

from reasoner.chains.params import chain_parameters
from reasoner.ingest.vocab import lookup, segment
from reasoner.namespaces import OWL, PS, RDF, RDFS, SKOS, local
from reasoner.policy import LEVELS, AtLeast, editions, policy
from reasoner.rating import load_rules
from reasoner.resources import ontology_graph
from reasoner.synthetic import bonus_bands, calibration
from reasoner.synthetic.vocabulary import Vocabulary, edition_for, rules, vocab

YEAR = 2024


def zh_labels(cls: URIRef) -> dict[str, str]:
    """Local name → Chinese label of every individual of ``cls``, read with rdflib."""
    g = ontology_graph()
    return {local(str(s)): str(o) for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)
            for o in g.objects(s, RDFS.label) if getattr(o, "language", None) == "zh"}


def defined_roles(cls: URIRef) -> set[str]:
    """The enterprise roles named anywhere in the OWL definition of ``cls`` (owl:equivalentClass)."""
    g = ontology_graph()
    roles = {s for s in g.subjects(RDF.type, PS.EnterpriseRole) if isinstance(s, URIRef)}
    found: set[str] = set()
    stack: list[Node] = list(g.objects(cls, OWL.equivalentClass))
    seen: set[Node] = set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if node in roles:
            found.add(local(str(node)))
        elif isinstance(node, BNode):
            stack.extend(o for _, o in g.predicate_objects(node))
    return found


def label_of(term: URIRef) -> str:
    """The Chinese label the policy holds for ``term``."""
    return policy().label(term, "zh", fallback=False)


@pytest.fixture(scope="module")
def v() -> Vocabulary:
    return vocab()


# ---------------------------------------------------------------------------------------------- roles
def test_anchor_roles_are_the_leading_enterprises_and_what_the_chain_analysis_reads(v: Vocabulary) -> None:
    owl = defined_roles(PS.LeadingEnterprise)
    analysis = {local(r.iri) for r in chain_parameters(YEAR).anchor_roles.roles}
    assert owl, "the ontology's ps:LeadingEnterprise names no role"
    assert set(v.anchor_roles) == owl == analysis, \
        f"generator {v.anchor_roles}, OWL definition {sorted(owl)}, chain analysis {sorted(analysis)}"
    assert list(v.anchor_roles) == sorted(v.anchor_roles), "the order of draws depends on a sorted tuple"


def test_bonus_roles_are_the_bonus_enterprises_and_what_the_rating_scores(v: Vocabulary) -> None:
    owl = defined_roles(PS.BonusEnterprise)
    scored = {local(rw.role) for rw in load_rules(None, YEAR).role_weights}
    assert owl, "the ontology's ps:BonusEnterprise names no role"
    assert set(v.bonus_roles) == owl == scored, \
        f"generator {v.bonus_roles}, OWL definition {sorted(owl)}, rating's bonus weights {sorted(scored)}"
    assert list(v.bonus_roles) == sorted(v.bonus_roles)
    assert not set(v.anchor_roles) & set(v.bonus_roles)


def test_bonus_bands_are_the_ratings_project_bands() -> None:
    scored = sorted(b.min_investment for b in load_rules(None, YEAR).project_bands)
    assert list(bonus_bands()) == scored, f"generator {bonus_bands()}, rating {scored}"
    assert all(isinstance(b, Decimal) for b in bonus_bands())


# ---------------------------------------------------------------------------------------------- terms
def test_regions_are_the_ontologys(v: Vocabulary) -> None:
    g = ontology_graph()
    cities = {str(g.value(c, PS.regionCode)): c for c in g.subjects(RDF.type, PS.City)}
    assert [c.code for c in v.cities] == sorted(cities), "every 设区市, by division code"
    for city in v.cities:
        iri = cities[city.code]
        assert city.label == zh_labels(PS.City)[local(str(iri))]
        children = sorted(str(g.value(k, PS.regionCode)) for k in g.subjects(PS.parentRegion, iri))
        assert [k.code for k in city.counties] == children, f"{city.label}: counties {city.counties}"
        for county in city.counties:
            found = lookup(PS.County, county.code)
            assert found is not None and label_of(found) == county.label, f"{county} is not the ontology's"


def test_chains_and_segments_are_the_ontologys(v: Vocabulary) -> None:
    g = ontology_graph()
    by_order = sorted((int(str(g.value(c, PS.chainOrder))), str(g.value(c, SKOS.notation)))
                      for c in g.subjects(RDF.type, PS.IndustrialChain))
    assert [c.notation for c in v.chains] == [n for _, n in by_order], "the ten chains in the policy's order"
    for chain in v.chains:
        iri = lookup(PS.IndustrialChain, chain.notation)
        assert iri is not None and label_of(iri) == chain.label, chain.notation
        tiers = []
        for s in chain.segments:
            found = segment(s.notation)
            assert found is not None and g.value(found, PS.segmentOf) == iri, f"{s.notation} is not in {chain.label}"
            assert label_of(found) == s.label and s.chain == chain.notation
            tiers.append(int(str(g.value(found, PS.chainOrder))))
        assert tiers == sorted(tiers), f"{chain.notation}: segments not upstream → downstream"
        assert {s.notation for s in chain.segments} == {
            str(g.value(s, SKOS.notation)) for s in g.subjects(PS.segmentOf, iri)}


@pytest.mark.parametrize("cls, field", [
    (PS.EnterpriseRole, "roles"), (PS.ProjectKind, "project_kinds"), (PS.ProjectStatus, "statuses"),
    (PS.Severity, "severities"), (PS.DesignationKind, "designation_kinds"),
    (PS.AdministrativeLevel, "admin_levels"),
])
def test_labelled_terms_are_the_ontologys(v: Vocabulary, cls: URIRef, field: str) -> None:
    assert getattr(v, field) == zh_labels(cls)


def test_park_types_and_incident_words_read_back(v: Vocabulary) -> None:
    assert dict(v.park_types) == zh_labels(PS.ParkType)
    assert set(v.incident_types) == set(zh_labels(PS.IncidentType))
    for name, word in v.incident_types.items():
        found = lookup(PS.IncidentType, word)
        assert found is not None and local(str(found)) == name, f"the incidents sheet's {word} reads as {found}"


# ---------------------------------------------------------------------------------------------- criteria
@pytest.mark.parametrize("code", sorted(editions()))
def test_rules_are_the_editions_criteria(code: str) -> None:
    r = rules(code)
    crits = [c for c in policy().criteria_of(code) if isinstance(c, AtLeast)]
    assert r.thresholds == {(c.indicator, c.level): c.threshold for c in crits}
    assert r.scale in {c.indicator for c in crits} and r.scale not in r.others
    for c in crits:
        assert r.t(c.indicator, c.level) == c.threshold
        if c.level == LEVELS[0]:
            assert r.t(c.indicator, 0) == c.threshold, "below three-star is placed against the three-star threshold"


def test_years_past_the_editions_use_the_latest_default() -> None:
    defaults = [e for e in editions().values() if e.default]
    latest = max(defaults, key=lambda e: e.valid_from)
    assert edition_for(latest.valid_from) in {e.code for e in defaults}
    assert edition_for(2100) == latest.code


# ---------------------------------------------------------------------------------------------- calibration
def named(table: Mapping[str, Any]) -> set[str]:
    return {k for k in table if k != "default"}


def test_the_calibration_names_only_terms_that_exist(v: Vocabulary) -> None:
    cal = calibration()
    codes = {c.code for c in v.cities}
    tables = {
        "parks.city_weights": (cal["parks"]["city_weights"], codes),
        "parks.city_abbreviations": (cal["parks"]["city_abbreviations"], codes),
        "parks.type_weights": (cal["parks"]["type_weights"], {k for k, _ in v.park_types}),
        "parks.type_revenue": (cal["parks"]["type_revenue"], {k for k, _ in v.park_types}),
        "enterprises.roles": (cal["enterprises"]["roles"], set(v.roles)),
        "projects.kind_weights": (cal["projects"]["kind_weights"], set(v.project_kinds)),
        "projects.status_weights": (cal["projects"]["status_weights"], set(v.statuses)),
        "incidents.words": (cal["incidents"]["words"], set(v.incident_types)),
        "designations.kind_weights": (cal["designations"]["kind_weights"], set(v.designation_kinds)),
        "designations.level_weights": (cal["designations"]["level_weights"], set(v.admin_levels)),
    }
    for name, (table, known) in tables.items():
        assert named(table) <= known, f"[{name}] names {sorted(named(table) - known)}, not in the ontology"
    abbreviations = list(cal["parks"]["city_abbreviations"].values())
    assert len(set(abbreviations)) == len(abbreviations), "two cities share a park-code abbreviation"
