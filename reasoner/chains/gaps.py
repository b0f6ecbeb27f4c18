"""The gaps of a chain in a scope (补链): how critical each missing segment is, which parks nearby could partner to
fill it, and which enterprises to recruit (定向招引).

**Criticality** of a missing segment ``s`` = how much of the chain downstream depends on it: the share of the
chain's segments that are ``s`` itself or lie downstream of it (``(descendants + 1) / segments``), so a chain's
first link scores 1 and a final application ``1/n``. Gaps are ordered by criticality, then by how many of the
chain's source → sink paths pass through ``s`` (each is broken while ``s`` is missing; more first), then upstream
first (tier), then by id — a total, deterministic order.

**Nearest partner parks** (no coordinates): parks outside the scope whose enterprises work in ``s`` that year, the
same 县（市、区） as the scope first (park scope only), then the same 设区市, then the rest of the province; within
each ring, more enterprises in ``s`` first, then more revenue in ``s``, then by park code. At most
``psh:PartnerParksPerGap`` are listed. A gap nobody in the province covers has no partner: recruit from outside.

**Roles to recruit** follow the gap's position in the chain (upstream, midstream, downstream), one
``psh:Recruit…`` parameter per position in ``shapes/chain-parameters.ttl``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..namespaces import PS
from .data import CoverageFacts
from .graph import ChainGraph, Segment
from .model import ParkInfo, Presence, Term, vocab_term
from .params import ChainParameters, ParameterUse


@dataclass(frozen=True)
class Scope:
    """What completeness is computed for: one park, one 设区市 or the province, and the parks it holds.

    ``city`` and ``county`` are where the scope is, to rank partner parks by nearness (``county`` for a park only).
    """

    kind: str
    term: Term
    parks: frozenset[str]
    city: Term | None = None
    county: Term | None = None

    @property
    def title_zh(self) -> str:
        """How a heading names the scope: ``链测甲园（C-HZ-01）``, ``杭州市``, ``浙江省``."""
        return f"{self.term.name_zh}（{self.term.id}）" if self.kind == "park" else self.term.name


@dataclass(frozen=True)
class Partner:
    """A park that covers a gap: where it is relative to the scope, and its presence in the segment."""

    park: ParkInfo
    proximity: Term
    presence: Presence


@dataclass(frozen=True)
class Gap:
    """A missing segment (补链 target) with its criticality, partner parks and roles to recruit."""

    rank: int
    segment: Segment
    position: Term
    paths_through: int
    total_paths: int
    criticality: float
    downstream: int
    downstream_share: float
    recruit: ParameterUse
    partners: tuple[Partner, ...]


def gap_key(chain: ChainGraph, segment: str) -> tuple[int, int, int, str]:
    """The sort key of a gap: more segments depending on it first (criticality), then more source → sink paths
    through it, then upstream first, then id."""
    return (-chain.downstream[segment], -chain.paths_through[segment], *chain.order_key(segment))


def order_gaps(chain: ChainGraph, missing: Iterable[str]) -> list[str]:
    """Missing segments, most critical first (see the module docstring)."""
    return sorted(missing, key=lambda s: gap_key(chain, s))


def _proximity(park: ParkInfo, scope: Scope) -> Term:
    if scope.county is not None and park.county is not None and park.county.iri == scope.county.iri:
        return vocab_term(str(PS.SameCounty))
    if scope.city is not None and park.city is not None and park.city.iri == scope.city.iri:
        return vocab_term(str(PS.SameCity))
    return vocab_term(str(PS.InProvince))


class PartnerIndex:
    """For each segment, the parks present in it, ranked by depth (enterprises, revenue, code), whole and by city
    and county, so that the nearest few parks are found without scanning the province for every gap."""

    def __init__(self, facts: CoverageFacts, parks: Mapping[str, ParkInfo],
                 segments: Iterable[str] | None = None) -> None:
        self.facts, self.parks = facts, parks
        wanted = set(segments) if segments is not None else set(facts.presence)
        self._ranked: dict[str, list[str]] = {}
        self._by_city: dict[str, dict[str, list[str]]] = {}
        self._by_county: dict[str, dict[str, list[str]]] = {}
        for seg in wanted:
            present = facts.parks_in(seg)
            ranked = sorted((c for c in present if c in parks),
                            key=lambda c: (-present[c].enterprises, -present[c].revenue, c))
            self._ranked[seg] = ranked
            by_city: dict[str, list[str]] = {}
            by_county: dict[str, list[str]] = {}
            for code in ranked:
                p = parks[code]
                if p.city is not None:
                    by_city.setdefault(p.city.iri, []).append(code)
                if p.county is not None:
                    by_county.setdefault(p.county.iri, []).append(code)
            self._by_city[seg], self._by_county[seg] = by_city, by_county

    def nearest(self, segment: str, scope: Scope, limit: int) -> tuple[Partner, ...]:
        """Up to ``limit`` parks outside ``scope`` that cover ``segment``, nearest first."""
        rings: list[list[str]] = []
        if scope.county is not None:
            rings.append(self._by_county.get(segment, {}).get(scope.county.iri, []))
        if scope.city is not None:
            rings.append(self._by_city.get(segment, {}).get(scope.city.iri, []))
        rings.append(self._ranked.get(segment, []))
        chosen: list[str] = []
        for ring in rings:
            for code in ring:
                if len(chosen) >= limit:
                    break
                if code not in scope.parks and code not in chosen:
                    chosen.append(code)
        present = self.facts.parks_in(segment)
        return tuple(Partner(self.parks[c], _proximity(self.parks[c], scope), present[c]) for c in chosen)


def find_gaps(chain: ChainGraph, missing: Iterable[str], scope: Scope, params: ChainParameters,
              partners: PartnerIndex) -> tuple[Gap, ...]:
    """The gaps of ``scope``, most critical first, each with partner parks and roles to recruit."""
    out = []
    for rank, seg in enumerate(order_gaps(chain, missing), start=1):
        position = chain.position(seg)
        out.append(Gap(
            rank=rank, segment=chain.segments[seg], position=position,
            paths_through=chain.paths_through[seg], total_paths=chain.total_paths,
            criticality=chain.criticality(seg), downstream=chain.downstream[seg],
            downstream_share=chain.downstream_share(seg), recruit=params.recruit[position.id],
            partners=partners.nearest(seg, scope, params.partner_count)))
    return tuple(out)
