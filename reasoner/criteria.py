"""Reads the star criteria and the rule parameters from ``shapes/`` — Python never repeats them.

A criterion is one threshold of one indicator at one level of one edition, taken from a node shape of
``shapes/criteria.ttl``: ``sh:minInclusive`` for "at least the standard" and ``sh:lessThan ps:benchmark`` for
"below the same-industry benchmark". ``ps:levelInEdition`` on a shape overrides its ``ps:starLevel`` per edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import DCTERMS, EDITION, IND, PS, PSH, RDFS, SH, SKOS
from .resources import ontology_graph, shapes_graph

LEVELS: tuple[int, ...] = (3, 4, 5)
"""Star counts a park can be rated at (0 is below three-star)."""


class CriteriaError(ValueError):
    """The shapes do not describe a usable edition (unknown edition, malformed shape)."""


@dataclass(frozen=True)
class Criterion:
    """One threshold: indicator ``indicator`` must be at least ``threshold`` (``kind == "min"``), or below the
    benchmark recorded with the observation (``kind == "below_benchmark"``, ``threshold`` is None), to meet
    ``level`` in ``edition``."""

    indicator: str
    level: int
    edition: str
    kind: str
    threshold: Decimal | None
    shape: URIRef
    source: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class Edition:
    """An edition of the criteria and the rating years it is valid for."""

    code: str
    iri: URIRef
    label_zh: str
    label_en: str
    valid_from: int
    valid_until: int | None
    default: bool


def _level_count(g: Graph, level: URIRef) -> int:
    value = ontology_graph().value(level, PS.starCount)
    if value is None:
        raise CriteriaError(f"{level} is not a star level of the ontology")
    return int(str(value))


def _lang(g: Graph, node: Node, prop: URIRef, lang: str) -> str:
    for o in g.objects(node, prop):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


@cache
def editions() -> dict[str, Edition]:
    """Every edition declared in the ontology, by code (e.g. ``2020-a``)."""
    g = ontology_graph()
    out: dict[str, Edition] = {}
    for iri in g.subjects(SKOS.notation, None):
        if not isinstance(iri, URIRef) or not str(iri).startswith(str(EDITION)):
            continue
        code = str(g.value(iri, SKOS.notation))
        until = g.value(iri, PS.validUntilYear)
        out[code] = Edition(
            code=code, iri=iri, label_zh=_lang(g, iri, RDFS.label, "zh"), label_en=_lang(g, iri, RDFS.label, "en"),
            valid_from=int(str(g.value(iri, PS.validFromYear))),
            valid_until=int(str(until)) if until is not None else None,
            default=str(g.value(iri, PS.isDefaultEdition)).lower() == "true",
        )
    return out


def default_edition(year: int) -> Edition:
    """The default edition valid for rating year ``year``."""
    for e in editions().values():
        if e.default and e.valid_from <= year and (e.valid_until is None or year <= e.valid_until):
            return e
    raise CriteriaError(f"no default criteria edition is valid for {year}")


def edition(code: str | None, year: int) -> Edition:
    """The edition named ``code``, or the default for ``year``; checks it is valid that year."""
    if code is None:
        return default_edition(year)
    try:
        e = editions()[code]
    except KeyError:
        raise CriteriaError(f"unknown criteria edition '{code}'; known: {', '.join(sorted(editions()))}") from None
    if year < e.valid_from or (e.valid_until is not None and year > e.valid_until):
        raise CriteriaError(f"edition {code} is valid {e.valid_from}–{e.valid_until or ''}, not for {year}")
    return e


@cache
def criteria(edition_code: str) -> tuple[Criterion, ...]:
    """Every criterion of an edition, read from the shapes graph."""
    g = shapes_graph()
    ed_iri = EDITION[edition_code]
    if edition_code not in editions():
        raise CriteriaError(f"unknown criteria edition '{edition_code}'")
    out: list[Criterion] = []
    for shape in g.subjects(PS.edition, ed_iri):
        if not isinstance(shape, URIRef):
            continue
        ind = g.value(shape, PS.indicator)
        if not isinstance(ind, URIRef):
            raise CriteriaError(f"criterion shape {shape} names no ps:indicator")
        levels: list[URIRef] = []
        overrides = list(g.objects(shape, PS.levelInEdition))
        if overrides:
            for node in overrides:
                if g.value(node, PS.edition) == ed_iri:
                    levels += [lv for lv in g.objects(node, PS.starLevel) if isinstance(lv, URIRef)]
        else:
            levels = [lv for lv in g.objects(shape, PS.starLevel) if isinstance(lv, URIRef)]
        prop = g.value(shape, SH.property)
        if prop is None:
            raise CriteriaError(f"criterion shape {shape} has no sh:property")
        minimum = g.value(prop, SH.minInclusive)
        less_than = g.value(prop, SH.lessThan)
        if minimum is not None:
            kind, threshold = "min", Decimal(str(minimum))
        elif less_than == PS.benchmark:
            kind, threshold = "below_benchmark", None
        else:
            raise CriteriaError(f"criterion shape {shape} has neither sh:minInclusive nor sh:lessThan ps:benchmark")
        for lv in levels:
            out.append(Criterion(
                indicator=str(ind)[len(str(IND)):], level=_level_count(g, lv), edition=edition_code, kind=kind,
                threshold=threshold, shape=shape, source=str(g.value(shape, DCTERMS.source) or ""),
                message_zh=_lang(g, prop, SH.message, "zh"),
                message_en=_lang(g, prop, SH.message, "en"),
            ))
    return tuple(sorted(out, key=lambda c: (int(c.indicator[1:]), c.level)))


def criteria_table(edition_code: str) -> dict[tuple[str, int], Criterion]:
    """The criteria of an edition keyed by (indicator code, level)."""
    return {(c.indicator, c.level): c for c in criteria(edition_code)}


@dataclass(frozen=True)
class Parameter:
    """A numeric rule parameter with its clause and validity."""

    iri: URIRef
    value: Decimal
    source: str
    label_zh: str
    valid_from: int | None
    valid_until: int | None
    indicators: tuple[str, ...]


def parameter(name: str, year: int | None = None) -> Parameter:
    """The parameter ``psh:<name>`` (valid in ``year`` when given), e.g. ``parameter("VetoWindowYears")``."""
    g = shapes_graph()
    iri = PSH[name]
    value = g.value(iri, PS.parameterValue)
    if value is None:
        raise CriteriaError(f"parameter psh:{name} is not defined in shapes/")
    vf, vu = g.value(iri, PS.validFromYear), g.value(iri, PS.validUntilYear)
    p = Parameter(
        iri=iri, value=Decimal(str(value)), source=str(g.value(iri, DCTERMS.source) or ""),
        label_zh=_lang(g, iri, RDFS.label, "zh"),
        valid_from=int(str(vf)) if vf is not None else None, valid_until=int(str(vu)) if vu is not None else None,
        indicators=tuple(sorted((str(i)[len(str(IND)):] for i in g.objects(iri, PS.appliesToIndicator)),
                                key=lambda c: int(c[1:]))),
    )
    if year is not None and ((p.valid_from and year < p.valid_from) or (p.valid_until and year > p.valid_until)):
        raise CriteriaError(f"parameter psh:{name} is not valid for {year}")
    return p
