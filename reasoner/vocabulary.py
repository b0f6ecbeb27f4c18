"""The policy's fixed facts as plain data: chains and segments, indicators, measures — from the ontology."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from . import queries
from .ingest.vocab import lookup
from .labels import label, local
from .namespaces import IND, MEASURE, PS, RDF, SKOS
from .resources import ontology_graph


class UnknownTerm(LookupError):
    """No chain, indicator or measure by this name."""


def _text(node: URIRef, prop: URIRef, lang: str) -> str | None:
    values = [o for o in ontology_graph().objects(node, prop) if isinstance(o, Literal)]
    for o in values:
        if o.language == lang:
            return str(o)
    return str(values[0]) if values else None


def chains(lang: str = "zh") -> list[dict[str, Any]]:
    """The ten landmark chains in the policy's order."""
    g = ontology_graph()
    rows = sorted((int(str(g.value(c, PS.chainOrder))), c) for c in g.subjects(RDF.type, PS.IndustrialChain))
    return [{"id": local(str(c)), "label": label(str(c), lang), "order": n, "basis": str(g.value(c, PS.basis))}
            for n, c in rows]


def chain(text: str, lang: str = "zh") -> dict[str, Any]:
    """One chain with its segments (upstream→downstream edges) and the clusters tied to it."""
    g = ontology_graph()
    iri = lookup(PS.IndustrialChain, text)
    if iri is None:
        raise UnknownTerm(f"unknown chain: {text}; known: {', '.join(c['id'] for c in chains())}")
    segs = sorted(g.subjects(PS.segmentOf, iri), key=lambda s: (int(str(g.value(s, PS.chainOrder))), str(s)))
    return {
        "id": local(str(iri)), "iri": str(iri), "label": label(str(iri), lang), "basis": str(g.value(iri, PS.basis)),
        "definition": _text(iri, SKOS.definition, lang),
        "segments": [{"id": local(str(s)), "label": label(str(s), lang), "tier": int(str(g.value(s, PS.chainOrder))),
                      "downstream": sorted(local(str(d)) for d in g.objects(s, PS.upstreamOf))} for s in segs],
        "clusters": [{"id": local(str(c)), "label": label(str(c), lang),
                      "tier": label(str(g.value(c, PS.clusterTier)), lang)}
                     for c in sorted(g.subjects(PS.relatedChain, iri), key=str)],
    }


def indicators(lang: str = "zh") -> list[dict[str, Any]]:
    """The eleven indicators with unit, direction and group."""
    g = ontology_graph()
    out = []
    for i in range(1, 12):
        ind = IND[f"I{i}"]
        unit = g.value(ind, PS.unit)
        out.append({"id": f"I{i}", "label": label(str(ind), lang), "unit": str(g.value(unit, PS.unitSymbol)),
                    "direction": label(str(g.value(ind, PS.direction)), lang),
                    "group": label(str(g.value(ind, PS.indicatorGroup)), lang), "clause": f"表.{i}"})
    return out


def measures(lang: str = "zh") -> list[dict[str, Any]]:
    """M1–M12, O1 and O2 with their clauses."""
    ids = [f"M{i}" for i in range(1, 13)] + ["O1", "O2"]
    return [measure(m, lang) for m in ids]


def measure(text: str, lang: str = "zh") -> dict[str, Any]:
    """One measure or obligation."""
    g = ontology_graph()
    iri = MEASURE[text.upper()]
    if (iri, RDF.type, None) not in g:
        raise UnknownTerm(f"unknown measure: {text}; known: M1–M12, O1, O2")
    kind = "obligation" if (iri, RDF.type, PS.Obligation) in g else "measure"
    return {"id": local(str(iri)), "iri": str(iri), "kind": kind, "label": label(str(iri), lang),
            "clause": str(g.value(iri, PS.clause)), "for": _text(iri, PS.beneficiary, lang),
            "policy_text": _text(iri, PS.policyText, "zh")}


def describe_query(iri: str) -> str:
    """A CONSTRUCT of a term's own triples and the labels of what they point at."""
    return queries.bound("describe/resource", x=ox.NamedNode(iri))


__all__ = ["UnknownTerm", "chain", "chains", "indicators", "measure", "measures"]
