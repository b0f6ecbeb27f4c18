"""The provisions (M1–M12, O1, O2) read from the ontology and ``shapes/measures.ttl``: labels and clause from
``ontology/measures.ttl``, validity, focus, conditions and parameters from the shapes. Parsed once per process.

Nothing about a particular measure is written here: a new measure with its conditions in RDF is picked up as it is.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from rdflib import Graph, Literal, URIRef

from ..namespaces import DCTERMS, PS, RDF, RDFS, SKOS
from ..resources import ontology_graph, shapes_graph
from .model import Condition, Parameter, Provision


class MeasureError(LookupError):
    """An unknown provision, or one not in force on the date asked."""


def _graph() -> Graph:
    g = Graph()
    g += ontology_graph()
    g += shapes_graph()
    return g


def _text(g: Graph, node: URIRef, prop: URIRef, lang: str) -> str:
    for o in g.objects(node, prop):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def _int(g: Graph, node: URIRef, prop: URIRef) -> int | None:
    v = g.value(node, prop)
    return None if v is None else int(str(v))


def _date(g: Graph, node: URIRef, prop: URIRef) -> dt.date | None:
    v = g.value(node, prop)
    return None if v is None else dt.date.fromisoformat(str(v))


def _stars(g: Graph, node: URIRef, prop: URIRef) -> int | None:
    level = g.value(node, prop)
    return None if level is None else _int(g, level, PS.starCount)  # type: ignore[arg-type]


def _condition(g: Graph, node: URIRef) -> Condition:
    types = set(g.objects(node, RDF.type))
    kind = "rating" if PS.RatingCondition in types else "any" if PS.AnyOfCondition in types else "query"
    parts = tuple(sorted((_condition(g, p) for p in g.objects(node, PS.anyOf) if isinstance(p, URIRef)),
                         key=lambda c: (c.order, c.iri)))
    veto = g.value(node, PS.requiresVeto)
    return Condition(
        iri=str(node), kind=kind, text=_text(g, node, RDFS.label, "zh"), text_en=_text(g, node, RDFS.label, "en"),
        missing=_text(g, node, PS.missingFact, "zh"), missing_en=_text(g, node, PS.missingFact, "en"),
        clause=", ".join(sorted(str(s) for s in g.objects(node, DCTERMS.source))),
        order=_int(g, node, PS.conditionOrder) or 0,
        min_level=_stars(g, node, PS.minStarLevel), max_level=_stars(g, node, PS.maxStarLevel),
        requires_veto=veto is not None and str(veto) in ("true", "1"),
        query=str(g.value(node, PS.selectQuery) or ""),
        park_query=str(g.value(node, PS.parkQuery) or g.value(node, PS.selectQuery) or ""), any_of=parts)


def _parameter(g: Graph, node: URIRef) -> Parameter:
    value = g.value(node, PS.parameterValue)
    return Parameter(iri=str(node), label=_text(g, node, RDFS.label, "zh"), value=str(value or ""),
                     target_year=_int(g, node, PS.targetYear),
                     clause=", ".join(sorted(str(s) for s in g.objects(node, DCTERMS.source))))


@cache
def provisions() -> dict[str, Provision]:
    """Every provision with conditions, by code (M1…, O1…), in the policy's order."""
    g = _graph()
    out: list[Provision] = []
    for node in set(g.subjects(PS.hasCondition, None)):
        if not isinstance(node, URIRef):
            continue
        types = set(g.objects(node, RDF.type))
        conds = tuple(sorted((_condition(g, c) for c in g.objects(node, PS.hasCondition) if isinstance(c, URIRef)),
                             key=lambda c: (c.order, c.iri)))
        params = tuple(sorted((_parameter(g, p) for p in g.objects(node, PS.usedParameter) if isinstance(p, URIRef)),
                              key=lambda p: p.iri))
        focus = g.value(node, PS.focus)
        out.append(Provision(
            iri=str(node), code=str(g.value(node, SKOS.notation) or node.rsplit("/", 1)[-1]),
            label=_text(g, node, RDFS.label, "zh"), label_en=_text(g, node, RDFS.label, "en"),
            kind="obligation" if PS.Obligation in types else "measure", clause=str(g.value(node, PS.clause) or ""),
            beneficiary=_text(g, node, PS.beneficiary, "zh"), focus="project" if focus == PS.Project else "park",
            valid_from=_date(g, node, PS.validFrom), valid_until=_date(g, node, PS.validUntil),
            conditions=conds, parameters=params))
    out.sort(key=lambda p: (p.kind != "measure", len(p.code), p.code))
    return {p.code: p for p in out}


def provision(code: str) -> Provision:
    """One provision by code (``M1``, ``m1``, ``O2``) or IRI.

    Raises:
        MeasureError: no provision has it.
    """
    known = provisions()
    key = code.strip().upper()
    if key in known:
        return known[key]
    for p in known.values():
        if p.iri == code:
            return p
    raise MeasureError(f"未知的支持措施或约束性要求 {code}（可选：{'、'.join(known)}）/ unknown measure {code}")

