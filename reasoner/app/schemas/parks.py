"""The answers about parks and the store: the park list and one park's registered facts, what the store holds, the
service's health, the policy's fixed vocabulary (chains, indicators, measures) and what an upload did."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from ...rating import stored
from .base import Out, omitted


class Labelled(Out):
    """A term by id with its label in the reader's language."""

    id: str
    label: str


class StoredRating(Out):
    """A park's written-back rating of a year: the official one, or that of a saved what-if scenario."""

    year: int
    level: int
    label: str
    scenario: str | None = omitted("假设情景名称（无：正式结果）/ the saved scenario (absent: the official rating)")


class ParkRow(Out):
    """A park in the list: code, name, region, type and leading chains (labels in the reader's language)."""

    code: str
    name: str
    city: Labelled
    county: Labelled
    type: str | None
    chains: list[Labelled]
    rating: StoredRating | None = omitted("已写回的该年星级 / the stored rating of the year asked")


class DesignationOut(Out):
    """A designation the park holds (美丽园区, 绿色园区 …)."""

    kind: str
    level: str
    year: int | None


class IncidentOut(Out):
    """A work-safety or environmental incident of the park."""

    id: str
    type: str
    severity: str
    date: str
    description: str | None


class ParkDetail(ParkRow):
    """One park's registered facts."""

    planned_area_km2: float | None
    designations: list[DesignationOut]
    incidents: list[IncidentOut]
    enterprises: int
    projects: int
    years: list[int] = Field(description="有指标观测值的年份 / years with indicator observations")
    synthetic: bool = Field(description="合成数据 / synthetic data")


class YearCount(Out):
    """Indicator observations of one year."""

    y: int
    parks: int
    obs: int


class SourceOut(Out):
    """A loaded source: its key, current graph, file, template, digest, size and load time."""

    key: str
    graph: str
    file_name: str
    template: str
    sha256: str
    triple_count: int
    loaded_at: str


class StoreStats(Out):
    """What the store holds: counts by kind, observations by year, the loaded sources."""

    triples: int
    counts: dict[str, int]
    years: list[YearCount]
    synthetic: bool
    sources: list[SourceOut]


class Health(Out):
    """The service is up and its store answers."""

    status: str
    version: str
    store: str
    sources: int


class ChainSummary(Out):
    """A landmark chain in the policy's order."""

    id: str
    label: str
    order: int
    basis: str = Field(description="sourced（有出处）或 generic（本项目的假设）")


class SegmentOut(Out):
    """A segment of a chain, with the segments directly downstream of it."""

    id: str
    label: str
    tier: int
    downstream: list[str]


class ClusterRef(Out):
    """A cluster tied to a chain."""

    id: str
    label: str
    tier: str


class ChainDetail(Out):
    """One chain with its segments (upstream → downstream) and the clusters tied to it."""

    id: str
    iri: str
    label: str
    basis: str
    definition: str | None
    segments: list[SegmentOut]
    clusters: list[ClusterRef]


class IndicatorInfo(Out):
    """An indicator of the criteria table (表.1–11)."""

    id: str
    label: str
    unit: str
    direction: str
    group: str
    clause: str


class MeasureInfo(Out):
    """A support measure or obligation with its clause and the policy's words."""

    id: str
    iri: str
    kind: str
    label: str
    clause: str
    for_: str | None = Field(alias="for", description="适用对象 / for whom")
    policy_text: str | None

    model_config = ConfigDict(populate_by_name=True, extra="forbid")


class RatedBatch(Out):
    """A year's ratings under one edition and strictness."""

    year: int
    edition: str
    strict: bool


class MovedPark(Out):
    """A park whose stored level an upload moved."""

    park: str
    year: int
    edition: str
    strict: bool
    before: int | None
    after: int | None = Field(description="新星级；不在评价范围（三.1）为 null / the new level; null when not in scope")


class SkippedBatch(RatedBatch):
    """A batch that could not be rated again, with the reason."""

    reason: str


class Rerated(Out):
    """What re-rating after a load did."""

    batches: list[RatedBatch]
    changed: list[MovedPark]
    skipped: list[SkippedBatch]

    @classmethod
    def of(cls, r: stored.Rerated) -> Rerated:
        """What re-rating did."""
        return cls(batches=[RatedBatch(year=b.year, edition=b.edition, strict=b.strict) for b in r.batches],
                   changed=[MovedPark.model_validate(c) for c in r.changed],
                   skipped=[SkippedBatch.model_validate(x) for x in r.skipped])


class UploadAnswer(Out):
    """What an evidence upload stored and what it changed."""

    source: str
    file: str
    template: str
    triples: int
    conversions: list[str]
    rerated: Rerated
    measures_reanswered: list[int]

