"""OWL 2 RL materialisation: what it derives from the fixtures, stored as a replaceable source."""

from __future__ import annotations

from reasoner.inference import INFERRED_KEY, materialise
from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.conftest import VALID


def test_materialisation_derives_inverses_and_defined_classes(mem_store: OxigraphStore) -> None:
    load(mem_store, [VALID])
    report = materialise(mem_store)
    assert report.kept_triples > 0, report
    hosts = mem_store.select("SELECT ?e WHERE { park:T-HZ-01 ps:hostsEnterprise ?e }")
    assert len(hosts) == 2, hosts
    leaders = {r["e"].rsplit("/", 1)[-1] for r in mem_store.select("SELECT ?e WHERE { ?e a ps:LeadingEnterprise }")}
    # 龙头企业 in T-HZ-01 and a 单项冠军 in T-NB-01; the 专精特新 firm is not one
    assert len(leaders) == 2 and all(code.startswith("91330") for code in leaders), leaders
    major = mem_store.select("SELECT ?i WHERE { ?i a ps:MajorIncident }")
    assert [r["i"].rsplit("/", 1)[-1] for r in major] == ["E-001"], major


def test_materialising_again_replaces_the_inferred_source(mem_store: OxigraphStore) -> None:
    load(mem_store, [VALID])
    first = materialise(mem_store)
    second = materialise(mem_store)
    assert first.kept_triples == second.kept_triples
    assert sum(1 for s in mem_store.sources() if s.key == INFERRED_KEY) == 1
    n = mem_store.select("SELECT (COUNT(*) AS ?n) WHERE { park:T-HZ-01 ps:hostsEnterprise ?e }")[0]["n"]
    assert n == 2
