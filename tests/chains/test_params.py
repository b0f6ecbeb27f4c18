"""The chain-analysis parameters live in shapes/chain-parameters.ttl only: each is documented and sourced, the code
and queries name no role or number of their own, and changing the RDF changes the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from reasoner.chains import anchors
from reasoner.chains.params import chain_parameters
from reasoner.ingest import load
from reasoner.namespaces import DCTERMS, PS, PSH, RDF, RDFS, SKOS
from reasoner.policy import PolicyError, parameter, shapes_dir, shapes_file_graph, shapes_graph
from reasoner.resources import queries_dir
from reasoner.store import SHAPES_KEY, OxigraphStore, SourceGraph
from tests.chains.conftest import CHAINS_FIXTURE

CHAINS_PACKAGE = Path(__file__).resolve().parents[2] / "reasoner" / "chains"


def test_every_chain_parameter_is_documented_and_sourced() -> None:
    g = shapes_file_graph("chain-parameters")
    params = sorted(s for s in g.subjects(RDF.type, PS.Parameter))
    assert [str(p)[len(str(PSH)):] for p in params] == [
        "AnchorRoles", "PartnerParksPerGap", "RecruitDownstream", "RecruitMidstream", "RecruitUpstream",
        "SingleEnterpriseRiskMax"], params
    for p in params:
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in g.objects(p, prop) if isinstance(o, Literal)}
            assert {"zh", "en"} <= langs, f"{p} {prop}: {langs}"
        assert list(g.objects(p, DCTERMS.source)), f"{p} names no clause"
        assert g.value(p, PS.validFromYear) is not None, f"{p} has no validity"


def test_parameters_as_read() -> None:
    p = chain_parameters(2024)
    assert (p.single_risk_max, p.partner_count) == (1, 3), (p.single_risk_max, p.partner_count)
    assert sorted(r.name_zh for r in p.anchor_roles.roles) == ["单项冠军", "龙头企业"], p.anchor_roles.roles
    assert sorted(p.recruit) == ["downstream", "midstream", "upstream"], p.recruit


def test_no_role_or_parameter_value_is_written_in_code_or_queries() -> None:
    texts = {f.name: f.read_text(encoding="utf-8") for f in [*CHAINS_PACKAGE.glob("*.py"),
                                                             *(queries_dir() / "chains").glob("*.rq")]}
    for name, text in texts.items():
        for role in ("RoleLeader", "RoleSingleChampion", "RoleSpecialised", "RoleHiddenChampion", "RoleHighTech",
                     "龙头企业", "单项冠军", "专精特新"):
            code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
            assert role not in re.sub(r'"""[\s\S]*?"""', "", code), f"{name} names {role}: read it from the RDF"
    assert "psh:AnchorRoles" in texts["anchors.rq"]


def test_a_parameter_out_of_its_validity_is_refused() -> None:
    with pytest.raises(PolicyError, match="2019"):
        chain_parameters(2019)
    with pytest.raises(PolicyError, match="not defined"):
        parameter("NoSuchParameter", 2024)


def test_changing_the_anchor_roles_in_rdf_changes_the_anchors() -> None:
    store = OxigraphStore(None)
    load(store, [CHAINS_FIXTURE])
    g = shapes_graph()
    narrowed = type(g)()
    narrowed += g
    narrowed.remove((PSH.AnchorRoles, PS.appliesToRole, URIRef(str(PS.RoleSingleChampion))))
    nt = narrowed.serialize(format="nt", encoding="utf-8")
    store.replace_sources([SourceGraph(key=SHAPES_KEY, file_name=str(shapes_dir()), template="vocabulary",
                                       ntriples=nt, triple_count=len(narrowed), sha256="test")])
    (ic,) = anchors(store, 2024, "集成电路").chains
    assert [a.park.code for a in ic.anchors] == ["C-NB-01", "C-HZ-01"], ic.anchors
    assert "C-HZ-02" in [a.park.code for a in ic.without_leader], "its 单项冠军 no longer makes it an anchor"
