"""The answers about the landmark chains (强链补链, 二(一)): the anchor parks of every chain and a chain's completeness
in a park, a 设区市 or the province. Every term carries its id and both labels; the HTTP API adds ``label`` in the
reader's language."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from ...chains.anchors import COUNTING_RULE, AnchorsReport, ChainAnchors, ChainPark, LeadingEnterprise
from ...chains.coverage import RULES, Completeness, SegmentCoverage
from ...chains.data import ClusterInfo
from ...chains.gaps import Gap, Partner, Scope
from ...chains.graph import ChainGraph
from ...chains.model import ParkInfo, Term
from ...chains.params import ParameterUse
from .base import Out, omitted


def money(value: Decimal) -> float:
    """An amount in 亿元 for JSON: a float rounded to 0.0001 亿元 (one 万元)."""
    return round(float(value), 4)


class TermOut(Out):
    """A named thing: its id (notation, code) and its Chinese and English labels."""

    id: str
    name_zh: str
    name_en: str
    label: str | None = omitted("读者语言的名称 / the name in the reader's language")

    @staticmethod
    def label_of(name_zh: str, name_en: str, id_: str, lang: str | None) -> str | None:
        """The name in ``lang`` (the other language, then the id, when it has none); None without ``lang``."""
        if lang is None:
            return None
        return (name_en if lang == "en" else name_zh) or name_zh or name_en or id_

    @classmethod
    def of(cls, t: Term, lang: str | None = None) -> TermOut:
        """The term."""
        return cls(id=t.id, name_zh=t.name_zh, name_en=t.name_en, label=cls.label_of(t.name_zh, t.name_en, t.id, lang))


def term(t: Term | None, lang: str | None) -> TermOut | None:
    """The term, None as None."""
    return None if t is None else TermOut.of(t, lang)


class ChainTermOut(TermOut):
    """A chain with its place in the policy's list of ten."""

    order: int

    @classmethod
    def of_chain(cls, g: ChainGraph, lang: str | None) -> ChainTermOut:
        """The chain of a segment graph."""
        t = g.chain
        return cls(id=t.id, name_zh=t.name_zh, name_en=t.name_en, order=g.order,
                   label=cls.label_of(t.name_zh, t.name_en, t.id, lang))


class ParkInfoOut(Out):
    """A park and where it is."""

    code: str
    name_zh: str
    city: TermOut | None
    county: TermOut | None

    @classmethod
    def of(cls, p: ParkInfo, lang: str | None = None) -> ParkInfoOut:
        """The park."""
        return cls(code=p.code, name_zh=p.name_zh, city=term(p.city, lang), county=term(p.county, lang))


class ParameterUseOut(Out):
    """A chain-analysis parameter as the answer used it: value or roles, position, clause."""

    id: str = Field(description="psh:…")
    name_zh: str
    name_en: str
    value: float | None
    roles: list[TermOut]
    position: TermOut | None
    source: list[str]
    label: str | None = omitted()

    @classmethod
    def of(cls, p: ParameterUse, lang: str | None = None) -> ParameterUseOut:
        """The parameter."""
        pid = f"psh:{p.name}"
        return cls(id=pid, name_zh=p.label_zh, name_en=p.label_en,
                   value=None if p.value is None else float(p.value), roles=[TermOut.of(r, lang) for r in p.roles],
                   position=term(p.position, lang), source=list(p.sources),
                   label=TermOut.label_of(p.label_zh, p.label_en, pid, lang))


class ClusterOut(TermOut):
    """A "415" / "415X" cluster with its tier and validity."""

    tier: TermOut | None
    valid_from: int | None
    valid_until: int | None

    @classmethod
    def of_cluster(cls, c: ClusterInfo, lang: str | None) -> ClusterOut:
        """The cluster."""
        t = c.term
        return cls(id=t.id, name_zh=t.name_zh, name_en=t.name_en, tier=term(c.tier, lang), valid_from=c.valid_from,
                   valid_until=c.valid_until, label=cls.label_of(t.name_zh, t.name_en, t.id, lang))


class EnterpriseClusterOut(ClusterOut):
    """A cluster the scope's enterprises belong to, with how many of them."""

    enterprises: int


class LeaderOut(Out):
    """An enterprise that makes its park an anchor: its anchor roles and its segments in the chain."""

    credit_code: str
    name_zh: str
    roles: list[TermOut]
    segments: list[TermOut]

    @classmethod
    def of(cls, e: LeadingEnterprise, lang: str | None) -> LeaderOut:
        """The enterprise."""
        return cls(credit_code=e.credit_code, name_zh=e.name_zh, roles=[TermOut.of(r, lang) for r in e.roles],
                   segments=[TermOut.of(s, lang) for s in e.segments])


class ChainParkOut(Out):
    """A park declaring a chain: its revenue (亿元), enterprises and segments in the chain that year, its leaders."""

    rank: int
    park: ParkInfoOut
    revenue: float
    enterprises: int
    segments: list[TermOut]
    segments_covered: int
    segments_total: int
    leaders: list[LeaderOut]

    @classmethod
    def of(cls, a: ChainPark, lang: str | None) -> ChainParkOut:
        """The park's line in the anchor list."""
        return cls(rank=a.rank, park=ParkInfoOut.of(a.park, lang), revenue=money(a.revenue),
                   enterprises=a.enterprises, segments=[TermOut.of(s, lang) for s in a.segments],
                   segments_covered=len(a.segments), segments_total=a.segments_total,
                   leaders=[LeaderOut.of(e, lang) for e in a.leaders])


class ChainAnchorsOut(Out):
    """One chain's anchor parks (best first), the parks declaring it without a leader, and its clusters."""

    chain: ChainTermOut
    clusters: list[ClusterOut]
    anchors: list[ChainParkOut]
    declared_without_leader: list[ChainParkOut]

    @classmethod
    def of(cls, c: ChainAnchors, lang: str | None) -> ChainAnchorsOut:
        """The chain's anchor lists."""
        return cls(chain=ChainTermOut.of_chain(c.chain, lang),
                   clusters=[ClusterOut.of_cluster(x, lang) for x in c.clusters],
                   anchors=[ChainParkOut.of(a, lang) for a in c.anchors],
                   declared_without_leader=[ChainParkOut.of(a, lang) for a in c.without_leader])


class AnchorsOut(Out):
    """The anchor parks of one or all chains in a year, with the parameter and the counting rule used."""

    year: int
    chains: list[ChainAnchorsOut]
    parameters: list[ParameterUseOut]
    counting_rule: dict[str, str]

    @classmethod
    def of(cls, r: AnchorsReport, lang: str | None = None) -> AnchorsOut:
        """The report."""
        return cls(year=r.year, chains=[ChainAnchorsOut.of(c, lang) for c in r.chains],
                   parameters=[ParameterUseOut.of(r.parameters.anchor_roles, lang)], counting_rule=COUNTING_RULE)


class ScopeOut(TermOut):
    """What completeness is computed for: a park, a 设区市 or the province, and its parks."""

    kind: str = Field(description="park、city、province")
    city: TermOut | None
    county: TermOut | None
    park_count: int
    parks: list[str]

    @classmethod
    def of_scope(cls, s: Scope, lang: str | None) -> ScopeOut:
        """The scope."""
        t = s.term
        return cls(kind=s.kind, id=t.id, name_zh=t.name_zh, name_en=t.name_en, city=term(s.city, lang),
                   county=term(s.county, lang), park_count=len(s.parks), parks=sorted(s.parks),
                   label=cls.label_of(t.name_zh, t.name_en, t.id, lang))


class SegmentCoverageOut(TermOut):
    """One segment in the scope: tier, position, enterprises, revenue (亿元), status."""

    tier: int
    position: TermOut
    enterprises: int
    revenue: float
    status: TermOut

    @classmethod
    def of_segment(cls, s: SegmentCoverage, lang: str | None) -> SegmentCoverageOut:
        """The segment's coverage."""
        t = s.segment.term
        return cls(id=t.id, name_zh=t.name_zh, name_en=t.name_en, tier=s.segment.tier,
                   position=TermOut.of(s.position, lang), enterprises=s.presence.enterprises,
                   revenue=money(s.presence.revenue), status=TermOut.of(s.status, lang),
                   label=cls.label_of(t.name_zh, t.name_en, t.id, lang))


class PartnerOut(ParkInfoOut):
    """A park that covers a gap: how near it is, and its enterprises and revenue in the segment."""

    proximity: TermOut
    enterprises: int
    revenue: float

    @classmethod
    def of_partner(cls, p: Partner, lang: str | None) -> PartnerOut:
        """The partner park."""
        park = p.park
        return cls(code=park.code, name_zh=park.name_zh, city=term(park.city, lang), county=term(park.county, lang),
                   proximity=TermOut.of(p.proximity, lang), enterprises=p.presence.enterprises,
                   revenue=money(p.presence.revenue))


class GapOut(Out):
    """A missing segment (补链 target): criticality and how it was computed, whom to recruit, partner parks."""

    rank: int
    segment: TermOut
    tier: int
    position: TermOut
    criticality: float
    paths_through: int
    total_paths: int
    downstream_segments: int
    downstream_share: float
    recruit_roles: list[TermOut]
    recruit_parameter: str
    partners: list[PartnerOut]

    @classmethod
    def of(cls, g: Gap, lang: str | None) -> GapOut:
        """The gap."""
        return cls(rank=g.rank, segment=TermOut.of(g.segment.term, lang), tier=g.segment.tier,
                   position=TermOut.of(g.position, lang), criticality=round(g.criticality, 4),
                   paths_through=g.paths_through, total_paths=g.total_paths, downstream_segments=g.downstream,
                   downstream_share=round(g.downstream_share, 4),
                   recruit_roles=[TermOut.of(r, lang) for r in g.recruit.roles],
                   recruit_parameter=f"psh:{g.recruit.name}", partners=[PartnerOut.of_partner(p, lang)
                                                                         for p in g.partners])


class CoverageOut(Out):
    """Covered segments out of all, and the share."""

    covered: int
    total: int
    share: float


class PathOut(Out):
    """Whether an unbroken source → sink path runs through covered segments, an example, and how many do."""

    unbroken: bool
    example: list[str] | None
    covered_paths: int
    total_paths: int


class ClustersOut(Out):
    """The clusters of the chain, and those the scope's enterprises belong to."""

    chain: list[ClusterOut]
    enterprises: list[EnterpriseClusterOut]


class CompletenessOut(Out):
    """How complete a chain is in a scope in a year: coverage, gaps by criticality, single-enterprise segments,
    whether the chain is unbroken, clusters, and the parameters and rules used."""

    chain: ChainTermOut
    scope: ScopeOut
    year: int
    coverage: CoverageOut
    segments: list[SegmentCoverageOut]
    missing: list[str]
    single_enterprise: list[str]
    path: PathOut
    gaps: list[GapOut]
    uncovered_in_province: list[str]
    clusters: ClustersOut
    parameters: list[ParameterUseOut]
    rules: dict[str, dict[str, str]]

    @classmethod
    def of(cls, c: Completeness, lang: str | None = None) -> CompletenessOut:
        """The completeness answer."""
        def enterprise_cluster(x: ClusterInfo, n: int) -> EnterpriseClusterOut:
            return EnterpriseClusterOut(**ClusterOut.of_cluster(x, lang).model_dump(exclude_none=False),
                                        enterprises=n)

        return cls(
            chain=ChainTermOut.of_chain(c.chain, lang), scope=ScopeOut.of_scope(c.scope, lang), year=c.year,
            coverage=CoverageOut(covered=len(c.covered), total=len(c.segments), share=round(c.share, 4)),
            segments=[SegmentCoverageOut.of_segment(s, lang) for s in c.segments], missing=list(c.missing),
            single_enterprise=list(c.single_enterprise),
            path=PathOut(unbroken=c.unbroken, example=list(c.example_path) if c.example_path else None,
                         covered_paths=c.covered_paths, total_paths=c.chain.total_paths),
            gaps=[GapOut.of(g, lang) for g in c.gaps], uncovered_in_province=list(c.uncovered_in_province),
            clusters=ClustersOut(chain=[ClusterOut.of_cluster(x, lang) for x in c.chain_clusters],
                                 enterprises=[enterprise_cluster(x, n) for x, n in c.enterprise_clusters]),
            parameters=[ParameterUseOut.of(p, lang) for p in c.parameters.all()], rules=RULES)
