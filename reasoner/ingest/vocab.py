"""Looks up the ontology's fixed vocabulary by the names people write in spreadsheets.

Chains, segments, regions, roles, kinds and units are found by their Chinese or English label, notation or code,
so the spreadsheets and the ontology cannot drift apart.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import URIRef

from ..namespaces import PS, RDF, SKOS, local
from ..policy import label
from ..resources import ontology_graph


def _labels(node: URIRef) -> list[str]:
    """The term's labels, Chinese then English (those it has)."""
    return [x for x in (label(node, "zh", fallback=False), label(node, "en", fallback=False)) if x]


def fold(text: str) -> str:
    """Normalise a name for lookup: NFKC (full-width → half-width), no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


@dataclass(frozen=True)
class UnitInfo:
    """A unit: IRI, the symbol used in headers, what it measures and its factor to the kind's base unit."""

    iri: URIRef
    symbol: str
    kind: URIRef
    multiplier: Decimal


@cache
def _names(cls: URIRef) -> dict[str, URIRef]:
    g = ontology_graph()
    out: dict[str, URIRef] = {}
    for s in g.subjects(RDF.type, cls):
        if not isinstance(s, URIRef):
            continue
        names = [*_labels(s), *(str(o) for p in (SKOS.notation, PS.regionCode) for o in g.objects(s, p)), local(s)]
        for n in names:
            out.setdefault(fold(n), s)
    return out


def lookup(cls: URIRef, text: str) -> URIRef | None:
    """The individual of ``cls`` named ``text`` (label in any language, notation, code), or None."""
    return _names(cls).get(fold(text))


def names_of(cls: URIRef, lang: str = "zh") -> list[str]:
    """The labels of every individual of ``cls`` in a language, for error messages."""
    found = (label(s, lang, fallback=False) for s in ontology_graph().subjects(RDF.type, cls) if isinstance(s, URIRef))
    return sorted(x for x in found if x)


@cache
def _segment_names() -> dict[str, URIRef]:
    """Segments by notation, and by ``链/环节`` label pairs (any separator among / ： : -)."""
    g = ontology_graph()
    out: dict[str, URIRef] = {}
    for s in g.subjects(RDF.type, PS.ChainSegment):
        assert isinstance(s, URIRef)
        out[fold(str(g.value(s, SKOS.notation)))] = s
        chain = g.value(s, PS.segmentOf)
        assert isinstance(chain, URIRef)
        for cl in _labels(chain):
            for sl in _labels(s):
                for sep in ("/", ":", "-"):
                    out[fold(f"{cl}{sep}{sl}")] = s
    return out


def segment(text: str) -> URIRef | None:
    """A chain segment by notation (``ic-design``) or ``产业链/环节`` label."""
    return _segment_names().get(fold(text).replace("：", ":").replace("／", "/"))


def parent_region(region: URIRef) -> URIRef | None:
    """The region directly above ``region``."""
    p = ontology_graph().value(region, PS.parentRegion)
    return p if isinstance(p, URIRef) else None


@cache
def units() -> dict[str, UnitInfo]:
    """Every unit by each of its spellings (symbol and aliases, folded)."""
    g = ontology_graph()
    out: dict[str, UnitInfo] = {}
    for u in g.subjects(RDF.type, PS.Unit):
        assert isinstance(u, URIRef)
        kind = g.value(u, PS.quantityKind)
        assert isinstance(kind, URIRef)
        info = UnitInfo(iri=u, symbol=str(g.value(u, PS.unitSymbol)), kind=kind,
                        multiplier=Decimal(str(g.value(u, PS.conversionMultiplier))))
        for name in [info.symbol, *(str(a) for a in g.objects(u, PS.unitAlias))]:
            out[fold(name)] = info
    return out


def unit(text: str) -> UnitInfo | None:
    """A unit by its written form (``亿元``, ``万元/亩``, ``%``...)."""
    return units().get(fold(text))
