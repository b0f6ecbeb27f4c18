"""The policy's fixed facts as plain data: chains and segments from the ontology; indicators and measures as the
policy holds them (:mod:`reasoner.policy`)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from . import queries
from .ingest.vocab import lookup
from .namespaces import PS, RDF, local
from .policy import label, policy
from .resources import ontology_graph


class UnknownTerm(LookupError):
    """No chain, indicator or measure by this name."""


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
        "definition": policy().definition(iri, lang) or None,
        "segments": [{"id": local(str(s)), "label": label(str(s), lang), "tier": int(str(g.value(s, PS.chainOrder))),
                      "downstream": sorted(local(str(d)) for d in g.objects(s, PS.upstreamOf))} for s in segs],
        "clusters": [{"id": local(str(c)), "label": label(str(c), lang),
                      "tier": label(str(g.value(c, PS.clusterTier)), lang)}
                     for c in sorted(g.subjects(PS.relatedChain, iri), key=str)],
    }


def indicators(lang: str = "zh") -> list[dict[str, Any]]:
    """The eleven indicators with unit, direction and group."""
    return [{"id": ind.code, "label": label(ind.iri, lang), "unit": ind.unit_symbol,
             "direction": label(ind.direction, lang), "group": label(ind.group, lang), "clause": ind.clause}
            for ind in policy().indicators.values()]


def measures(lang: str = "zh") -> list[dict[str, Any]]:
    """M1–M12, O1 and O2 with their clauses, in the policy's order."""
    return [measure(code, lang) for code in policy().provisions]


def measure(text: str, lang: str = "zh") -> dict[str, Any]:
    """One measure or obligation."""
    p = policy().provisions.get(text.upper())
    if p is None:
        raise UnknownTerm(f"unknown measure: {text}; known: M1–M12, O1, O2")
    return {"id": local(p.iri), "iri": p.iri, "kind": p.kind, "label": label(p.iri, lang), "clause": p.clause,
            "for": (p.beneficiary_en if lang == "en" else p.beneficiary) or p.beneficiary or None,
            "policy_text": p.policy_text or None}


def describe_query(iri: str) -> str:
    """A CONSTRUCT of a term's own triples and the labels of what they point at."""
    return queries.bound("describe/resource", x=ox.NamedNode(iri))


__all__ = ["UnknownTerm", "chain", "chains", "indicators", "measure", "measures"]
