"""The parameters of chain analysis (二(一)) as chain analysis uses them, built from the policy's parameters
(:mod:`reasoner.policy`) — Python never repeats them.

Which roles make an anchor, how few enterprises make a segment a 强链 risk, how many partner parks to list per gap,
and which roles to recruit (定向招引) for a gap, by the gap's position in the chain. Each answer lists the
parameters it used, with value and clause, so the reading is visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import URIRef

from ..namespaces import PS
from ..policy import Parameter, policy
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


def parameter_use(p: Parameter) -> ParameterUse:
    """A policy parameter as chain analysis reports it: roles and position as labelled terms."""
    return ParameterUse(
        name=p.name, value=p.value, roles=tuple(sorted((vocab_term(str(r)) for r in p.roles), key=lambda t: t.iri)),
        position=vocab_term(str(p.position)) if p.position is not None else None, sources=p.sources,
        label_zh=p.label_zh, label_en=p.label_en)


def _numeric(name: str, year: int | None) -> ParameterUse:
    """二(一): a parameter chain analysis counts with (it must have a value)."""
    pol = policy()
    pol.value(name, year)
    return parameter_use(pol.parameter(name, year))


def _recruit(year: int | None) -> dict[str, ParameterUse]:
    """二(一) 项目定向招引: the recruitment parameter of each segment position, exactly one per position."""
    pol = policy()
    out: dict[str, ParameterUse] = {}
    for p in pol.parameters.values():
        if p.position is None:
            continue
        use = parameter_use(pol.parameter(p.name, year))
        assert use.position is not None
        if use.position.id in out:
            raise ChainParameterError(f"两个参数都规定了“{use.position.name_zh}”环节的招引对象 / two parameters give "
                                      f"the roles to recruit for {use.position.id}: psh:{out[use.position.id].name}, "
                                      f"psh:{use.name}")
        out[use.position.id] = use
    missing = [pos for pos in POSITIONS if pos not in out]
    if missing:
        raise ChainParameterError(f"缺少这些环节位置的招引参数 / no recruitment parameter for: {', '.join(missing)}")
    return out


@cache
def chain_parameters(year: int | None = None) -> ChainParameters:
    """The chain-analysis parameters valid in ``year`` (any year when None).

    Raises:
        PolicyError: a parameter is missing, not valid for ``year`` or (a number) has no value.
        ChainParameterError: a segment position has no recruitment parameter, or two.
    """
    return ChainParameters(
        anchor_roles=parameter_use(policy().parameter("AnchorRoles", year)),
        single_risk=_numeric("SingleEnterpriseRiskMax", year),
        partners_per_gap=_numeric("PartnerParksPerGap", year),
        recruit=_recruit(year),
    )
