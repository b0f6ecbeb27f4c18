"""The fast SHACL engine gives pyshacl's verdicts: on every fixture, valid and invalid, and on the sample data."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from reasoner.ingest import read_one, source_files
from reasoner.ingest.validate import evidence_results, evidence_shapes
from reasoner.policy import shapes_graph
from reasoner.resources import ontology_graph, sample_dir
from reasoner.shacl_sparql import UnsupportedShape, compile_shapes
from tests.conftest import INVALID, VALID


def _data(*paths: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    for f in source_files(list(paths)):
        prepared, _ = read_one(f)
        if prepared is not None:
            g += prepared.graph
    g += ontology_graph()
    return g


def _verdicts(data: rdflib.Graph, engine: str) -> set[tuple[str, str, str]]:
    return {(str(r.focus), str(r.path), r.message_en) for r in evidence_results(data, engine)}


def _compare(data: rdflib.Graph) -> set[tuple[str, str, str]]:
    reference = _verdicts(data, "pyshacl")
    fast = _verdicts(data, "sparql")
    assert fast == reference, f"only pyshacl: {reference - fast}\nonly sparql: {fast - reference}"
    return reference


def test_all_shipped_shapes_compile() -> None:
    assert len(compile_shapes(evidence_shapes())) > 50
    criteria = rdflib.Graph()
    criteria += shapes_graph()
    assert compile_shapes(criteria)


def test_valid_fixtures_agree() -> None:
    assert _compare(_data(VALID)) == set()


@pytest.mark.parametrize("name", sorted(p.name for p in INVALID.iterdir() if p.suffix in (".csv", ".ttl")))
def test_invalid_fixtures_agree(name: str) -> None:
    _compare(_data(VALID / "parks.csv", INVALID / name))


@pytest.mark.slow
def test_sample_data_agrees() -> None:
    assert _compare(_data(sample_dir())) == set()


def test_unsupported_features_are_refused() -> None:
    g = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .""",
        format="turtle")
    with pytest.raises(UnsupportedShape):
        compile_shapes(g)
