"""The one home of every prefix and IRI base used by parkstar.

The Turtle files in ``ontology/`` and ``shapes/`` use the same prefixes; ``tests/test_namespaces.py``
checks that the two agree.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

BASE = "https://w3id.org/parkstar/"

PS = Namespace(BASE + "def#")
"""Vocabulary: classes, properties and fixed enumerations (levels, roles, severities...)."""
PSH = Namespace(BASE + "shapes#")
"""SHACL shapes and policy parameters (the only home of thresholds)."""
CHAIN = Namespace(BASE + "id/chain/")
SEG = Namespace(BASE + "id/segment/")
CLUSTER = Namespace(BASE + "id/cluster/")
IND = Namespace(BASE + "id/indicator/")
MEASURE = Namespace(BASE + "id/measure/")
REGION = Namespace(BASE + "id/region/")
UNIT = Namespace(BASE + "id/unit/")
EDITION = Namespace(BASE + "id/edition/")
PARK = Namespace(BASE + "id/park/")
ENT = Namespace(BASE + "id/enterprise/")
PROJ = Namespace(BASE + "id/project/")
OBS = Namespace(BASE + "id/observation/")
INC = Namespace(BASE + "id/incident/")
DESIG = Namespace(BASE + "id/designation/")
SRC = Namespace(BASE + "id/source/")
RESULT = Namespace(BASE + "id/result/")
GRAPH = Namespace(BASE + "graph/")

PREFIXES: dict[str, str] = {
    "ps": str(PS),
    "psh": str(PSH),
    "chain": str(CHAIN),
    "seg": str(SEG),
    "cluster": str(CLUSTER),
    "ind": str(IND),
    "measure": str(MEASURE),
    "region": str(REGION),
    "unit": str(UNIT),
    "edition": str(EDITION),
    "park": str(PARK),
    "ent": str(ENT),
    "proj": str(PROJ),
    "obs": str(OBS),
    "inc": str(INC),
    "desig": str(DESIG),
    "src": str(SRC),
    "result": str(RESULT),
    "graph": str(GRAPH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
}

VOCABULARY_NAMESPACES: tuple[str, ...] = (
    str(PS), str(CHAIN), str(SEG), str(CLUSTER), str(IND), str(MEASURE), str(REGION), str(UNIT), str(EDITION),
)
"""Namespaces whose every IRI must be declared in ``ontology/`` (data instances live elsewhere)."""


def local(iri: str) -> str:
    """The last part of an IRI (a code or id): after the last ``#`` or ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def sparql_prologue() -> str:
    """Return the PREFIX lines for every parkstar prefix, for SPARQL text built in code."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def turtle_prologue() -> str:
    """Return the @prefix lines for every parkstar prefix, for Turtle written by code."""
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
