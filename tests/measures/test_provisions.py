"""The provisions as data: every measure and obligation of ontology/measures.ttl has its validity, focus and
conditions in shapes/measures.ttl; every condition has its text and missing fact in zh and en; every query runs,
selects what the evaluator reads and uses only declared IRIs; the parameters name their clause and period; Python
names no measure; and a measure added as data is answered without touching Python."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from reasoner.measures import Condition, evaluate, provisions
from reasoner.namespaces import DCTERMS, MEASURE, PREFIXES, PS, RDF, VOCABULARY_NAMESPACES
from reasoner.policy import load_policy, set_policy, shapes_file_graph, shapes_graph
from reasoner.resources import ontology_graph
from reasoner.store import OxigraphStore
from tests.measures.conftest import SAMPLE_YEAR

ROOT = Path(__file__).resolve().parents[2]
SHAPES = shapes_file_graph("measures")


def _all_conditions() -> Iterator[Condition]:
    for p in provisions().values():
        stack = list(p.conditions)
        while stack:
            c = stack.pop()
            stack.extend(c.any_of)
            yield c


def test_every_provision_of_the_ontology_has_conditions_and_validity() -> None:
    onto = ontology_graph()
    declared = {str(s) for t in (PS.SupportMeasure, PS.Obligation) for s in onto.subjects(RDF.type, t)}
    assert declared == {str(MEASURE[f"M{i}"]) for i in range(1, 13)} | {str(MEASURE["O1"]), str(MEASURE["O2"])}
    known = {p.iri: p for p in provisions().values()}
    assert set(known) == declared
    for p in known.values():
        assert p.conditions and p.clause and p.valid_from is not None, p
        assert p.label and p.label_en, p


def test_conditions_have_texts_in_both_languages() -> None:
    for c in _all_conditions():
        assert c.text and c.text_en and c.missing and c.missing_en and c.clause, c


def test_queries_run_and_select_what_the_evaluator_reads(sample_store: OxigraphStore) -> None:
    for c in _all_conditions():
        if c.kind != "query":
            continue
        head = c.query.split("WHERE", 1)[0]
        for var in ("?park", "?held", "?fact", "?factText", "?source"):
            assert var in head, f"{c.iri} does not select {var}"
        sample_store.select(c.query, year=SAMPLE_YEAR)


def test_queries_use_only_declared_iris() -> None:
    declared = {str(s) for s in ontology_graph().subjects()}
    shapes_nodes = {str(s) for s in SHAPES.subjects()}
    bad = []
    for c in _all_conditions():
        for prefix, local in re.findall(r"\b([a-z]+):([A-Za-z][\w-]*)", c.query):
            iri = PREFIXES.get(prefix, "") + local
            if prefix in PREFIXES and iri.startswith(VOCABULARY_NAMESPACES) and iri not in declared:
                bad.append(f"{c.iri}: {prefix}:{local}")
            if prefix == "psh" and iri not in shapes_nodes:
                bad.append(f"{c.iri}: {prefix}:{local} is not in shapes/measures.ttl")
    assert not bad, bad


def test_parameters_name_their_clause_and_period() -> None:
    for p in SHAPES.subjects(RDF.type, PS.Parameter):
        assert SHAPES.value(p, PS.validFromYear) is not None and SHAPES.value(p, PS.parameterValue) is not None, p
        assert SHAPES.value(p, DCTERMS.source) is not None, p
        langs = {o.language for o in SHAPES.objects(p, None) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, p


def test_python_names_no_measure() -> None:
    pattern = re.compile(r"""["'](?:M\d{1,2}|O[12])["']""")
    found = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "reasoner" / "measures").glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not found, f"measure codes written in Python (they belong in shapes/measures.ttl): {found}"


EXTRA = """
@prefix ps: <https://w3id.org/parkstar/def#> .
@prefix psh: <https://w3id.org/parkstar/shapes#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/test-measure> a ps:SupportMeasure ; skos:notation "MX" ; ps:clause "四(三)" ;
    rdfs:label "测试措施"@zh , "test measure"@en ; ps:focus ps:Park ; ps:validFrom "2020-01-01"^^xsd:date ;
    ps:hasCondition psh:CondFourStar , <https://example.org/test-condition> .
<https://example.org/test-condition> a ps:QueryCondition ; ps:conditionOrder 2 ;
    rdfs:label "有国家级认定"@zh , "holds a national designation"@en ;
    ps:missingFact "认定"@zh , "designation"@en ;
    ps:selectQuery \"\"\"SELECT ?park ?held ?fact ?factText ?source WHERE {
  ?park a ps:Park . BIND(EXISTS { ?d ps:designatedPark ?park ; ps:designationLevel ps:NationalLevel } AS ?held)
  BIND(?park AS ?fact) BIND("国家级认定" AS ?factText) }\"\"\" .
"""


@pytest.fixture
def extra_measure() -> Iterator[None]:
    shapes = Graph()
    shapes += shapes_graph()
    shapes.parse(data=EXTRA, format="turtle")
    set_policy(load_policy(ontology_graph(), shapes))
    yield
    set_policy(None)


def test_a_measure_added_as_data_is_answered(extra_measure: None, sample_store: OxigraphStore) -> None:
    assert "MX" in provisions()
    answers = evaluate(sample_store, SAMPLE_YEAR, measures=["MX"])
    by = {a.code: a for a in answers}
    assert by["ZJ-NB-001"].answer.value == "yes", by["ZJ-NB-001"].summary  # five-star, national green park
    assert by["ZJ-JH-001"].answer.value == "no"
