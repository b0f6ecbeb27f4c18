"""Reads the parameters of chain analysis from ``shapes/chain-parameters.ttl`` — Python never repeats them.

Which roles make an anchor, how few enterprises make a segment a 强链 risk, how many partner parks to list per gap,
and which roles to recruit (定向招引) for a gap, by the gap's position in the chain. Each answer lists the
parameters it used, with value and clause, so the reading is visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import Graph, Literal, URIRef

from ..namespaces import DCTERMS, PS, PSH, RDFS
from ..resources import shapes_graph
from .errors import ChainParameterError
from .model import Term, vocab_term

POSITIONS: dict[str, URIRef] = {
    "upstream": PS.UpstreamSegment,
    "midstream": PS.MidstreamSegment,
    "downstream": PS.DownstreamSegment,
}
"""The segment positions by notation (``ontology/chains-analysis.ttl``); which applies is a graph fact."""


@dataclass(frozen=True)
class ParameterUse:
    """One parameter as read: its name (``psh:`` local part), value or roles, position, clause and labels."""

    name: str
    value: Decimal | None
    roles: tuple[Term, ...]
    position: Term | None
    sources: tuple[str, ...]
    label_zh: str
    label_en: str

    def to_json(self) -> dict[str, Any]:
        """The parameter for an answer's trace."""
        return {"id": f"psh:{self.name}", "name_zh": self.label_zh, "name_en": self.label_en,
                "value": None if self.value is None else float(self.value),
                "roles": [r.to_json() for r in self.roles],
                "position": self.position.to_json() if self.position else None,
                "source": list(self.sources)}


@dataclass(frozen=True)
class ChainParameters:
    """The parameters valid in one year."""

    anchor_roles: ParameterUse
    single_risk: ParameterUse
    partners_per_gap: ParameterUse
    recruit: dict[str, ParameterUse]
    """By position notation: ``upstream``, ``midstream``, ``downstream``."""

    @property
    def single_risk_max(self) -> int:
        """A covered segment with at most this many enterprises is a single-enterprise (强链) risk."""
        assert self.single_risk.value is not None
        return int(self.single_risk.value)

    @property
    def partner_count(self) -> int:
        """How many partner parks to list per gap."""
        assert self.partners_per_gap.value is not None
        return int(self.partners_per_gap.value)

    def all(self) -> tuple[ParameterUse, ...]:
        """Every parameter, in a stable order, for the trace."""
        return (self.anchor_roles, self.single_risk, self.partners_per_gap,
                *(self.recruit[p] for p in POSITIONS if p in self.recruit))


def _lang(g: Graph, node: URIRef, lang: str) -> str:
    return next((str(o) for o in g.objects(node, RDFS.label) if isinstance(o, Literal) and o.language == lang), "")


def _int(g: Graph, node: URIRef, prop: URIRef) -> int | None:
    v = g.value(node, prop)
    return int(str(v)) if v is not None else None


def read_parameter(name: str, year: int | None, *, numeric: bool = False, graph: Graph | None = None) -> ParameterUse:
    """The parameter ``psh:<name>``, checked to be valid in ``year`` (when given) and numeric when asked."""
    g = graph if graph is not None else shapes_graph()
    iri = PSH[name]
    if (iri, None, None) not in g:
        raise ChainParameterError(f"参数 psh:{name} 未在 shapes/ 中定义 / "
                                  f"parameter psh:{name} is not defined in shapes/")
    start, end = _int(g, iri, PS.validFromYear), _int(g, iri, PS.validUntilYear)
    if year is not None and ((start is not None and year < start) or (end is not None and year > end)):
        raise ChainParameterError(f"参数 psh:{name} 不适用于 {year} 年（有效期 {start}–{end or ''}）/ "
                                  f"parameter psh:{name} is not valid for {year}")
    value = g.value(iri, PS.parameterValue)
    if numeric and value is None:
        raise ChainParameterError(f"参数 psh:{name} 缺少 ps:parameterValue / parameter psh:{name} has no value")
    roles = tuple(sorted((vocab_term(str(r)) for r in g.objects(iri, PS.appliesToRole)), key=lambda t: t.iri))
    position = g.value(iri, PS.appliesToPosition)
    return ParameterUse(
        name=name, value=Decimal(str(value)) if value is not None else None, roles=roles,
        position=vocab_term(str(position)) if position is not None else None,
        sources=tuple(sorted(str(s) for s in g.objects(iri, DCTERMS.source))),
        label_zh=_lang(g, iri, "zh"), label_en=_lang(g, iri, "en"),
    )


def _recruit(year: int | None, g: Graph) -> dict[str, ParameterUse]:
    out: dict[str, ParameterUse] = {}
    for node in sorted(g.subjects(PS.appliesToPosition, None), key=str):
        if not isinstance(node, URIRef) or not str(node).startswith(str(PSH)):
            continue
        p = read_parameter(str(node)[len(str(PSH)):], year, graph=g)
        assert p.position is not None
        if p.position.id in out:
            raise ChainParameterError(f"两个参数都规定了“{p.position.name_zh}”环节的招引对象 / two parameters give "
                                      f"the roles to recruit for {p.position.id}: psh:{out[p.position.id].name}, "
                                      f"psh:{p.name}")
        out[p.position.id] = p
    missing = [pos for pos in POSITIONS if pos not in out]
    if missing:
        raise ChainParameterError(f"缺少这些环节位置的招引参数 / no recruitment parameter for: {', '.join(missing)}")
    return out


@cache
def chain_parameters(year: int | None = None) -> ChainParameters:
    """The chain-analysis parameters valid in ``year`` (any year when None)."""
    g = shapes_graph()
    return ChainParameters(
        anchor_roles=read_parameter("AnchorRoles", year, graph=g),
        single_risk=read_parameter("SingleEnterpriseRiskMax", year, numeric=True, graph=g),
        partners_per_gap=read_parameter("PartnerParksPerGap", year, numeric=True, graph=g),
        recruit=_recruit(year, g),
    )
