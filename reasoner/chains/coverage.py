"""Completeness of a chain for a park, a 设区市 or the province in a year (强链补链, 二(一)).

Over the chain's segment graph (upstream → downstream, networkx):

- a segment is *covered* when at least one enterprise of the scope works in it that year (see
  :mod:`reasoner.chains.data` for the year rule); *missing* otherwise (补链 targets, see :mod:`.gaps`);
- a covered segment with no more enterprises than ``psh:SingleEnterpriseRiskMax`` is a *single-enterprise*
  (强链) risk;
- the *share covered* is covered segments / all segments of the chain;
- an *unbroken path* exists when some source segment reaches some sink segment through covered segments only; the
  answer gives one such path and how many of the chain's source → sink paths are wholly covered;
- *uncovered in the province*: segments no park of the province covers that year;
- clusters: the "415"/"415X" clusters the chain belongs to that year, and those the scope's enterprises belong to
  through the chains of their segments (:func:`reasoner.chains.data.load_park_clusters`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rdflib import URIRef

from ..ingest.vocab import lookup, names_of
from ..namespaces import PS, RDF
from ..resources import ontology_graph
from ..store import GraphStore
from .data import (
    ClusterInfo,
    CoverageFacts,
    chain_clusters,
    load_clusters,
    load_coverage,
    load_park_clusters,
    load_parks,
    resolve_year,
)
from .errors import ChainAnalysisError, UnknownCityError, UnknownParkError
from .gaps import Gap, PartnerIndex, Scope, find_gaps
from .graph import ChainGraph, Segment, covered_paths, load_catalog, unbroken_path
from .model import ParkInfo, Presence, Term, vocab_term
from .params import ChainParameters, chain_parameters

RULES: dict[str, dict[str, str]] = {
    "year": {"zh": "某年只计当年报送营业收入的企业。",
             "en": "An enterprise counts in a year when it reports a revenue for that year."},
    "covered": {"zh": "范围内当年至少有一家企业从事某环节，该环节即为已覆盖；否则为缺失（补链目标）。",
                "en": "A segment is covered when at least one enterprise of the scope works in it that year; "
                      "missing (a gap to fill) otherwise."},
    "single": {"zh": "已覆盖但企业数不多于 psh:SingleEnterpriseRiskMax 的环节为单一企业（强链风险）。",
               "en": "A covered segment with at most psh:SingleEnterpriseRiskMax enterprises is a "
                     "single-enterprise (强链) risk."},
    "path": {"zh": "存在一条从源头环节（无上游）到末端环节（无下游）、只经过已覆盖环节的路径，即为链条贯通。",
             "en": "The chain is unbroken when a path from a source segment (nothing upstream) to a sink segment "
                   "(nothing downstream) runs through covered segments only."},
    "criticality": {"zh": "缺失环节的关键度 =（该环节 + 其全部下游环节）/ 全链环节数，即全链有多大比例依赖它；"
                          "依次按关键度、经过该环节的“源头→末端”路径数、层级（上游优先）、环节代码排序。",
                    "en": "A gap's criticality = (the segment + every segment downstream of it) / the chain's "
                          "segments: how much of the chain depends on it. Gaps are ordered by it, then by source → "
                          "sink paths through it, then upstream first, then id."},
    "partners": {"zh": "协作园区：范围外当年覆盖该环节的园区，先同县（市、区）、再同设区市、再省内；同一层内按该环节"
                       "企业数、营业收入、园区代码排序，至多列 psh:PartnerParksPerGap 家。",
                 "en": "Partner parks: parks outside the scope covering the segment that year, same county first, "
                       "then same city, then the province; within each, by enterprises and revenue in the segment, "
                       "then code; at most psh:PartnerParksPerGap."},
    "recruit": {"zh": "招引对象按缺失环节的位置（上游配套、中游核心、下游应用）取 psh:Recruit… 参数。",
                "en": "Roles to recruit follow the gap's position (upstream, midstream, downstream): the "
                      "psh:Recruit… parameters."},
}
"""How the answer was computed, in words: shipped with every JSON answer."""


@dataclass(frozen=True)
class SegmentCoverage:
    """One segment in a scope: where it sits, how present the scope is in it, and its status."""

    segment: Segment
    position: Term
    presence: Presence
    status: Term


@dataclass(frozen=True)
class Completeness:
    """How complete a chain is in a scope in a year, with its gaps and why."""

    chain: ChainGraph
    scope: Scope
    year: int
    segments: tuple[SegmentCoverage, ...]
    gaps: tuple[Gap, ...]
    example_path: tuple[str, ...] | None
    covered_paths: int
    uncovered_in_province: tuple[str, ...]
    chain_clusters: tuple[ClusterInfo, ...]
    enterprise_clusters: tuple[tuple[ClusterInfo, int], ...]
    parameters: ChainParameters

    @property
    def covered(self) -> tuple[str, ...]:
        """Covered segments, upstream first."""
        return tuple(s.segment.id for s in self.segments if s.presence.enterprises > 0)

    @property
    def missing(self) -> tuple[str, ...]:
        """Missing segments, most critical first."""
        return tuple(g.segment.id for g in self.gaps)

    @property
    def single_enterprise(self) -> tuple[str, ...]:
        """Covered segments hanging on no more than ``psh:SingleEnterpriseRiskMax`` enterprises."""
        return tuple(s.segment.id for s in self.segments if s.status.iri == str(PS.SegmentSingleEnterprise))

    @property
    def share(self) -> float:
        """Covered segments / all segments (0 for a chain without segments)."""
        return len(self.covered) / len(self.segments) if self.segments else 0.0

    @property
    def unbroken(self) -> bool:
        """Whether some source → sink path runs through covered segments only."""
        return self.example_path is not None


# ---------------------------------------------------------------------------------------------- scopes
def park_scope(parks: Mapping[str, ParkInfo], code: str) -> Scope:
    """The scope of one park by code; :class:`UnknownParkError` names the known codes."""
    p = parks.get(code) or next((q for c, q in parks.items() if c.lower() == code.strip().lower()), None)
    if p is None:
        raise UnknownParkError(code, sorted(parks))
    return Scope("park", Term(id=p.code, iri=p.iri, name_zh=p.name_zh), frozenset([p.code]), p.city, p.county)


def city_scope(parks: Mapping[str, ParkInfo], text: str) -> Scope:
    """The scope of a 设区市 by Chinese or English name or division code; :class:`UnknownCityError` otherwise."""
    city = lookup(PS.City, text) or lookup(PS.City, text.strip() + "市")  # 杭州 for 杭州市
    if city is None:
        raise UnknownCityError(text, names_of(PS.City))
    term = vocab_term(str(city))
    term = Term(id=str(ontology_graph().value(city, PS.regionCode) or term.id), iri=term.iri,
                name_zh=term.name_zh, name_en=term.name_en)
    members = frozenset(c for c, p in parks.items() if p.city is not None and p.city.iri == str(city))
    return Scope("city", term, members, city=term)


def province_scope(parks: Mapping[str, ParkInfo]) -> Scope:
    """The whole province: every park."""
    province = min(str(p) for p in ontology_graph().subjects(RDF.type, PS.Province))
    term = vocab_term(province)
    term = Term(id=str(ontology_graph().value(URIRef(province), PS.regionCode) or term.id), iri=term.iri,
                name_zh=term.name_zh, name_en=term.name_en)
    return Scope("province", term, frozenset(parks))


# ---------------------------------------------------------------------------------------------- completeness
def segment_status(enterprises: int, params: ChainParameters) -> Term:
    """Missing, single enterprise (强链 risk) or covered."""
    if enterprises <= 0:
        return vocab_term(str(PS.SegmentMissing))
    if enterprises <= params.single_risk_max:
        return vocab_term(str(PS.SegmentSingleEnterprise))
    return vocab_term(str(PS.SegmentCovered))


def completeness(chain: ChainGraph, scope: Scope, facts: CoverageFacts, parks: Mapping[str, ParkInfo],
                 params: ChainParameters, *, clusters: Mapping[str, ClusterInfo] | None = None,
                 park_clusters: Mapping[str, Mapping[str, int]] | None = None,
                 partners: PartnerIndex | None = None) -> Completeness:
    """Completeness of ``chain`` in ``scope`` from facts already read (pure: no store access).

    Args:
        chain: the chain's segment graph.
        scope: the park, city or province.
        facts: every park's presence in the chain's segments that year.
        parks: every park (to name partner parks and find the province's coverage).
        params: the chain-analysis parameters valid that year.
        clusters: the clusters by IRI (none reported when omitted).
        park_clusters: the clusters of each park's enterprises (none reported when omitted).
        partners: a prebuilt index for the chain (built here when omitted).
    """
    partners = partners or PartnerIndex(facts, parks, chain.segments)
    rows = []
    for seg_id, seg in chain.segments.items():
        presence = facts.in_parks(seg_id, scope.parks)
        rows.append(SegmentCoverage(seg, chain.position(seg_id), presence,
                                    segment_status(presence.enterprises, params)))
    covered = [r.segment.id for r in rows if r.presence.enterprises > 0]
    missing = [r.segment.id for r in rows if r.presence.enterprises == 0]
    everyone = frozenset(parks)
    uncovered = tuple(s for s in chain.segments if facts.in_parks(s, everyone).enterprises == 0)
    cl = clusters or {}
    tied: dict[str, int] = {}
    for code in sorted(scope.parks):
        for iri, n in (park_clusters or {}).get(code, {}).items():
            tied[iri] = tied.get(iri, 0) + n
    ent_clusters = tuple(sorted(((cl[i], n) for i, n in tied.items() if i in cl),
                                key=lambda cn: (-cn[1], cn[0].valid_from or 0, cn[0].term.id)))
    return Completeness(
        chain=chain, scope=scope, year=facts.year, segments=tuple(rows),
        gaps=find_gaps(chain, missing, scope, params, partners),
        example_path=unbroken_path(chain, covered), covered_paths=covered_paths(chain, covered),
        uncovered_in_province=uncovered,
        chain_clusters=chain_clusters(dict(cl), chain.chain.iri, facts.year),
        enterprise_clusters=ent_clusters, parameters=params)


def analyse_chain(store: GraphStore, chain: str, *, park: str | None = None, city: str | None = None,
                  province: bool = False, year: int | None = None) -> Completeness:
    """Completeness of the chain named ``chain`` for exactly one of ``park`` (code), ``city`` (name or code) or the
    ``province``, in ``year`` (default: the latest year with data)."""
    if sum((park is not None, city is not None, province)) != 1:
        raise ChainAnalysisError("请指定且只指定一个范围：园区、设区市或全省 / give exactly one scope: a park, a city "
                                 "or the province")
    catalog = load_catalog(store)
    graph = catalog.resolve(chain)
    y = resolve_year(store, year)
    parks = load_parks(store)
    if park is not None:
        scope = park_scope(parks, park)
    elif city is not None:
        scope = city_scope(parks, city)
    else:
        scope = province_scope(parks)
    facts = load_coverage(store, y, graph.chain.iri)
    one = parks[scope.term.id].iri if scope.kind == "park" else None
    return completeness(graph, scope, facts, parks, chain_parameters(y), clusters=load_clusters(store),
                        park_clusters=load_park_clusters(store, y, one))


def every_park_completeness(store: GraphStore, year: int | None = None,
                            all_chains: bool = False) -> Iterator[Completeness]:
    """Completeness of every park for each chain it declares (``all_chains``: for all ten), reading the store
    once: one coverage query for all chains, one partner index per chain."""
    y = resolve_year(store, year)
    catalog = load_catalog(store)
    parks = load_parks(store)
    facts = load_coverage(store, y)
    params = chain_parameters(y)
    clusters = load_clusters(store)
    park_clusters = load_park_clusters(store, y)
    indexes = {c.id: PartnerIndex(facts, parks, c.segments) for c in catalog}
    for code, info in parks.items():
        scope = park_scope(parks, code)
        chains = list(catalog) if all_chains else [c for iri in info.leading_chains if (c := catalog.by_iri(iri))]
        for graph in chains:
            yield completeness(graph, scope, facts, parks, params, clusters=clusters, park_clusters=park_clusters,
                               partners=indexes[graph.id])


@dataclass(frozen=True)
class CommonGap:
    """A segment missing in some of the parks that declare its chain: how many, and how critical it is."""

    segment: Segment
    parks_missing: int
    parks_declaring: int
    criticality: float
    recruit: tuple[Term, ...]


@dataclass(frozen=True)
class ChainGapSummary:
    """One chain's largest gaps in a year: the segments no park of the province covers, and the segments missing
    in the most parks that declare the chain (ties: more critical first, then upstream, then id)."""

    chain: ChainGraph
    year: int
    uncovered_in_province: tuple[str, ...]
    common: tuple[CommonGap, ...]


def largest_gaps(store: GraphStore, year: int | None = None) -> tuple[ChainGapSummary, ...]:
    """For every chain, the segments nobody in the province covers and the gaps shared by most of the parks that
    declare the chain (all of them, most widespread first)."""
    y = resolve_year(store, year)
    catalog = load_catalog(store)
    missing: dict[str, dict[str, int]] = {c.id: {} for c in catalog}
    declaring: dict[str, int] = {c.id: 0 for c in catalog}
    uncovered: dict[str, tuple[str, ...]] = {}
    recruit: dict[tuple[str, str], tuple[Term, ...]] = {}
    for result in every_park_completeness(store, y):
        cid = result.chain.id
        declaring[cid] += 1
        uncovered[cid] = result.uncovered_in_province
        for g in result.gaps:
            missing[cid][g.segment.id] = missing[cid].get(g.segment.id, 0) + 1
            recruit[(cid, g.segment.id)] = g.recruit.roles
    out = []
    for chain in catalog:
        if chain.id not in uncovered:  # no park declares it: the province view still names what nobody covers
            facts = load_coverage(store, y, chain.chain.iri)
            uncovered[chain.id] = tuple(s for s in chain.segments if not facts.parks_in(s))
        params = chain_parameters(y)
        rows = sorted(missing[chain.id].items(),
                      key=lambda kv: (-kv[1], -chain.downstream[kv[0]], *chain.order_key(kv[0])))
        common = tuple(CommonGap(chain.segments[s], n, declaring[chain.id], chain.criticality(s),
                                 recruit.get((chain.id, s), params.recruit[chain.position(s).id].roles))
                       for s, n in rows)
        out.append(ChainGapSummary(chain, y, uncovered[chain.id], common))
    return tuple(out)
