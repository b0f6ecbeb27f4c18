"""The ontology: labels and definitions everywhere, the policy's fixed facts, HermiT consistency and
classification, and no undeclared IRI in shapes, queries or data."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib import Literal, URIRef

from reasoner.namespaces import CHAIN, IND, MEASURE, OWL, PREFIXES, PS, RDF, RDFS, SKOS, VOCABULARY_NAMESPACES
from reasoner.policy import shapes_files, shapes_graph
from reasoner.resources import ontology_files, ontology_graph, queries_dir
from tests.conftest import VALID

ONTO = ontology_graph()
CHAIN_IDS = ["digital-security", "integrated-circuits", "network-communication", "intelligent-computing",
             "biomedicine", "refining-new-materials", "energy-saving-nev", "intelligent-equipment", "smart-home",
             "modern-textiles"]


def _langs(node: URIRef, prop: URIRef) -> set[str]:
    return {o.language or "" for o in ONTO.objects(node, prop) if isinstance(o, Literal)}


def _terms(kind: URIRef) -> list[URIRef]:
    return [s for s in ONTO.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(str(PS))]


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty])
def test_every_class_and_property_has_labels_and_definitions(kind: URIRef) -> None:
    missing = [f"{t} labels={_langs(t, RDFS.label)} definitions={_langs(t, SKOS.definition)}"
               for t in _terms(kind)
               if not {"zh", "en"} <= _langs(t, RDFS.label) or not {"zh", "en"} <= _langs(t, SKOS.definition)]
    assert not missing, "\n".join(missing)


def test_every_vocabulary_individual_has_both_labels() -> None:
    missing = [str(s) for s in set(ONTO.subjects(RDF.type, OWL.NamedIndividual))
               if isinstance(s, URIRef) and not {"zh", "en"} <= _langs(s, RDFS.label)]
    assert not missing, missing


def test_the_ten_chains_in_the_policys_order() -> None:
    rows = sorted((int(str(ONTO.value(c, PS.chainOrder))), str(c)[len(str(CHAIN)):])
                  for c in ONTO.subjects(RDF.type, PS.IndustrialChain))
    assert [cid for _, cid in rows] == CHAIN_IDS


@pytest.mark.parametrize("chain_id", CHAIN_IDS)
def test_each_chain_is_an_upstream_downstream_dag(chain_id: str) -> None:
    chain = CHAIN[chain_id]
    segs = set(ONTO.subjects(PS.segmentOf, chain))
    g = nx.DiGraph()
    g.add_nodes_from(segs)
    g.add_edges_from((a, b) for a in segs for b in ONTO.objects(a, PS.upstreamOf))
    assert len(segs) >= 4, segs
    assert set(g.nodes) == segs, "edges must stay inside the chain"
    assert nx.is_directed_acyclic_graph(g)
    assert nx.is_weakly_connected(g)
    basis = {str(ONTO.value(s, PS.basis)) for s in segs}
    assert basis == {str(ONTO.value(chain, PS.basis))}, "segments carry their chain's basis (sourced or generic)"


def test_generic_breakdowns_are_marked_as_assumptions() -> None:
    generic = {str(c)[len(str(CHAIN)):] for c in ONTO.subjects(PS.basis, Literal("generic"))
               if (c, RDF.type, PS.IndustrialChain) in ONTO}
    assert generic == {"digital-security", "intelligent-computing", "biomedicine", "energy-saving-nev",
                       "intelligent-equipment", "smart-home"}


def test_regions() -> None:
    cities = list(ONTO.subjects(RDF.type, PS.City))
    counties = list(ONTO.subjects(RDF.type, PS.County))
    assert len(cities) == 11
    assert len(counties) == 90
    assert all(ONTO.value(c, PS.parentRegion) in cities for c in counties)


def test_indicators_carry_unit_direction_group() -> None:
    for i in range(1, 12):
        ind = IND[f"I{i}"]
        for prop in (PS.unit, PS.direction, PS.indicatorGroup):
            assert ONTO.value(ind, prop) is not None, f"I{i} lacks {prop}"
    below = {str(i) for i in ONTO.subjects(PS.direction, PS.BelowBenchmark)}
    assert below == {str(IND.I10), str(IND.I11)}


def test_measures_and_obligations_with_clauses() -> None:
    for m in [f"M{i}" for i in range(1, 13)] + ["O1", "O2"]:
        clause = ONTO.value(MEASURE[m], PS.clause)
        assert clause is not None, m
    assert str(ONTO.value(MEASURE.O2, PS.clause)) == "三.3"


def test_turtle_prefixes_agree_with_namespaces_module() -> None:
    for f in [*ontology_files(), *shapes_files()]:
        for prefix, iri in re.findall(r"@prefix\s+([\w-]*):\s*<([^>]+)>", f.read_text(encoding="utf-8")):
            if prefix in PREFIXES:
                assert PREFIXES[prefix] == iri, f"{f.name}: {prefix}: <{iri}> differs from reasoner/namespaces.py"


def _declared() -> set[str]:
    return {str(s) for s in ONTO.subjects(RDF.type, None) if isinstance(s, URIRef)}


def _undeclared(g: rdflib.Graph) -> set[str]:
    declared = _declared()
    used = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    return {u for u in used if u.startswith(VOCABULARY_NAMESPACES) and u not in declared}


def test_shapes_use_only_declared_iris() -> None:
    assert not _undeclared(shapes_graph())


def test_fixtures_use_only_declared_iris() -> None:
    from reasoner.ingest import prepare

    g = rdflib.Graph()
    for p in prepare([VALID]):
        g += p.graph
    assert not _undeclared(g)


@pytest.mark.slow
def test_sample_data_uses_only_declared_iris() -> None:
    from reasoner.ingest import prepare
    from reasoner.resources import sample_dir

    g = rdflib.Graph()
    for p in prepare([sample_dir()]):
        g.parse(data=p.sink.ntriples(), format="nt")
    assert len(g) > 100_000
    assert not _undeclared(g)


def test_queries_use_only_declared_iris() -> None:
    declared = _declared()
    bad = []
    for q in sorted(p for p in queries_dir().rglob("*") if p.suffix in (".rq", ".ru")):
        text = q.read_text(encoding="utf-8")
        for prefix, local in re.findall(r"\b([a-z]+):([A-Za-z][\w-]*)", text):
            iri = PREFIXES.get(prefix, "") + local
            if prefix in PREFIXES and iri.startswith(VOCABULARY_NAMESPACES) and iri not in declared:
                bad.append(f"{q.name}: {prefix}:{local}")
    assert not bad, bad


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent_and_classifies() -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is not installed: HermiT (owlready2) needs it; .ci/run installs a headless JRE")
    import owlready2

    g = rdflib.Graph()
    g += ONTO
    g.parse(Path(__file__).parent / "fixtures" / "ontology" / "small-example.ttl", format="turtle")
    world = owlready2.World()
    onto = world.get_ontology("https://w3id.org/parkstar/def").load(
        fileobj=io.BytesIO(g.serialize(format="nt", encoding="utf-8")), format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    ps = world.get_namespace(str(PS))
    ex = "http://example.org/"

    def classes(name: str) -> set[str]:
        ind = world.search_one(iri=ex + name)
        assert ind is not None, name
        return {c.name for c in ind.INDIRECT_is_a if hasattr(c, "name")}

    assert {"DemonstrationPark", "StarPark"} <= classes("park-five"), classes("park-five")
    assert "StarPark" in classes("park-three") and "DemonstrationPark" not in classes("park-three")
    assert "StarPark" not in classes("park-none")
    assert "AnchorPark" in classes("park-three"), classes("park-three")
    assert "LeadingEnterprise" in classes("ent-leader")
    assert "MajorIncident" in classes("incident-major")
    # 三.3 "重大" is 重大 and above: an especially major (特别重大) incident is one too, a larger (较大) one is not
    assert "MajorIncident" in classes("incident-especially-major"), classes("incident-especially-major")
    assert "MajorIncident" not in classes("incident-larger"), classes("incident-larger")
    assert ps.StarPark in ps.DemonstrationPark.ancestors()
