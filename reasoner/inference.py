"""OWL 2 RL materialisation of the stored data: inverse properties, class hierarchy, defined classes.

Two reasoning jobs are kept apart in parkstar. HermiT (owlready2, Java) checks the ontology's consistency and
classifies it — in the tests, on a small example. Materialising the whole data needs a fast rule engine: here the
``reasonable`` package (OWL 2 RL in Rust). What it derives (e.g. ``ps:hostsEnterprise`` from ``ps:inPark``,
``ps:DemonstrationPark`` from a five-star rating) is stored as a source of its own, ``parkstar:inferred``, so SPARQL
can use it and a new materialisation replaces it. Thresholds, counts, dates and missing facts are never left to
OWL's open world: they live in SHACL and SPARQL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import rdflib
from rdflib import BNode, URIRef

from . import queries
from .namespaces import OWL, RDF, RDFS
from .store import NAMED_ONLY_TEMPLATES, ONTOLOGY_KEY, SHAPES_KEY, OxigraphStore, SourceGraph

INFERRED_KEY = "parkstar:inferred"
NOISE_OBJECTS = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


@dataclass(frozen=True)
class InferenceReport:
    """What a materialisation read, derived and kept, and how long it took (seconds)."""

    input_triples: int
    derived_triples: int
    kept_triples: int
    seconds_reasoning: float
    seconds_total: float


def _keep(t: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node], vocabulary: set[rdflib.term.Node]) -> bool:
    """Keep derived facts about data, not restatements of the vocabulary or RL's bookkeeping."""
    s, p, o = t
    if isinstance(s, BNode) or isinstance(o, BNode) or s in vocabulary:
        return False
    if p == OWL.sameAs and s == o:
        return False
    return not (p == RDF.type and o in NOISE_OBJECTS)


def materialise_graph(data: rdflib.Graph, ontology: rdflib.Graph) -> tuple[rdflib.Graph, float, int]:
    """OWL 2 RL closure of ``data`` under ``ontology``; returns (new facts about data, seconds, derived count)."""
    import reasonable

    base = rdflib.Graph()
    base += ontology
    base += data
    reasoner = reasonable.PyReasoner()
    start = time.perf_counter()
    reasoner.from_graph(base)
    closure = reasoner.reason()
    seconds = time.perf_counter() - start
    vocabulary = set(ontology.subjects())
    out = rdflib.Graph()
    derived = 0
    for t in closure:
        if t in base:
            continue
        derived += 1
        if _keep(t, vocabulary):
            out.add(t)
    return out, seconds, derived


def materialise(store: OxigraphStore) -> InferenceReport:
    """Materialise the current sources (saved scenarios left out: what they would derive would land in the union
    with the official facts) and store the derived facts as the ``parkstar:inferred`` source."""
    start = time.perf_counter()
    keys = [s.key for s in store.sources()
            if s.key not in (ONTOLOGY_KEY, SHAPES_KEY, INFERRED_KEY) and s.template not in NAMED_ONLY_TEMPLATES]
    data = store.to_rdflib(keys)
    ontology = store.to_rdflib([ONTOLOGY_KEY])
    inferred, seconds, derived = materialise_graph(data, ontology)
    store.replace_sources([SourceGraph(key=INFERRED_KEY, file_name="OWL 2 RL (reasonable)", template="inferred",
                                       ntriples=inferred.serialize(format="nt", encoding="utf-8"),
                                       triple_count=len(inferred))])
    return InferenceReport(len(data), derived, len(inferred), seconds, time.perf_counter() - start)


def inferred_classes(store: OxigraphStore) -> dict[str, int]:
    """How many data nodes each parkstar class holds after materialisation (for reports)."""
    rows = queries.select(store, "inference/classes")
    return {str(URIRef(r["c"])).split("#")[-1]: int(r["n"]) for r in rows}
