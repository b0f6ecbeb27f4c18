"""The dashboard's view models: everything a page's template shows, already in the reader's language and already
formatted (levels as badges, shares as percentages, decimals rounded, links built). One model per page; the pieces
they share (links, selects, badges, the page frame) come first. Templates only lay these out.

The models are plain frozen dataclasses holding text, numbers, other models and — for the SVG charts only —
:class:`markupsafe.Markup` that :mod:`.charts` built with its inputs escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

# ---------------------------------------------------------------------------------------------- shared pieces


@dataclass(frozen=True)
class Link:
    """A link inside the dashboard (or to an anchor of the page)."""

    href: str
    text: str


@dataclass(frozen=True)
class LangLink:
    """One entry of the 中文 / EN switch: this page in that language."""

    href: str
    text: str
    hreflang: str
    on: bool


@dataclass(frozen=True)
class Frame:
    """The page around the content: document language and title, navigation, language switch, the synthetic-data
    note, and the hidden ``lang`` value forms carry when the reader chose the language explicitly."""

    html_lang: str
    title: str
    nav: list[Link]
    switch: list[LangLink]
    note: str
    lang_field: str
    """The value of the forms' hidden ``lang`` input; empty: no such input."""


@dataclass(frozen=True)
class Option:
    """An option of a select."""

    value: str
    text: str
    selected: bool


@dataclass(frozen=True)
class Select:
    """A labelled select of a filter form."""

    name: str
    label: str
    options: list[Option]


@dataclass(frozen=True)
class Mark:
    """A word shown with a style class (``up``, ``down``, ``yes``, ``no``, ``maybe``; empty for none)."""

    text: str
    css: str = ""


@dataclass(frozen=True)
class Badge:
    """A star level as a coloured badge, with the vetoed and undetermined marks (empty when they do not apply)."""

    level: int
    text: str
    vetoed: str = ""
    undetermined: str = ""


@dataclass(frozen=True)
class Card:
    """A small labelled figure."""

    label: str
    value: str


@dataclass(frozen=True)
class ErrorPage:
    """A page saying what is wrong (unknown park, chain or filter, bad form input)."""

    frame: Frame
    heading: str
    message: str


# ---------------------------------------------------------------------------------------------- province


@dataclass(frozen=True)
class LevelsPanel:
    """Parks by level: the bar chart and the counts of all, vetoed, relaxed and undetermined parks."""

    chart: Markup
    cards: list[Card]


@dataclass(frozen=True)
class MovedPark:
    """A park in the annual-change table: its link and how its level moved (``（三星级→四星级）``)."""

    link: Link
    moved: str


@dataclass(frozen=True)
class ChangeRow:
    """One kind of change (升级, 降级 …) with its count and parks (no parks listed for 保持), and what the kind
    means when it claims no movement (待定, 上年待定)."""

    change: Mark
    count: int
    parks: list[MovedPark]
    note: str = ""


@dataclass(frozen=True)
class ParkRowView:
    """A park in the province's table."""

    rank: int
    link: Link
    name: str
    city: str
    badge: Badge
    bonus: str
    chains: str
    change: str


@dataclass(frozen=True)
class RectifyRow:
    """A park on the rectification list (O1), with what is missing or undetermined."""

    link: Link
    name: str
    city: str
    note: str


@dataclass(frozen=True)
class VetoedRow:
    """A vetoed park (O2) with its incidents."""

    link: Link
    name: str
    detail: str


@dataclass(frozen=True)
class GoalRow:
    """A 2025 goal against where the province stands."""

    goal: str
    clause: str
    target: str
    actual: str
    met: Mark
    detail: str


@dataclass(frozen=True)
class AnchorPark:
    """A leading anchor park of a chain and its revenue in the chain (``（12.3）``)."""

    link: Link
    revenue: str


@dataclass(frozen=True)
class AnchorRow:
    """A chain with its anchor parks (the first four shown, ``more`` says how many else)."""

    order: int
    chain: Link
    count: int
    parks: list[AnchorPark]
    more: str
    leaders: int
    without_leader: int


@dataclass(frozen=True)
class AnchorsPanel:
    """The anchor parks of the ten chains in the chain-data year."""

    note: str
    rows: list[AnchorRow]


@dataclass(frozen=True)
class ProvincePage:
    """全省概览: the filters, parks by level, annual changes, the parks, rectification and vetoed lists, progress
    against the 2025 goals and the anchors (None when the store has no chain data)."""

    frame: Frame
    heading: str
    filters: list[Select]
    problem: str
    levels: LevelsPanel
    changes_title: str
    changes: list[ChangeRow]
    parks_title: str
    parks: list[ParkRowView]
    rectify: list[RectifyRow]
    vetoed: list[VetoedRow]
    progress_title: str
    progress_note: str
    progress: list[GoalRow]
    anchors: AnchorsPanel | None


# ---------------------------------------------------------------------------------------------- park


@dataclass(frozen=True)
class SummaryCard:
    """A card of the rating summary: a label and either a badge or text."""

    label: str
    text: str = ""
    badge: Badge | None = None


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator: value, unit, the three levels' thresholds, what it met, relaxation and source."""

    code: str
    name: str
    value: str
    unit: str
    thresholds: list[str]
    met: str
    relaxed: str
    source: str


@dataclass(frozen=True)
class ImprovementRow:
    """What one indicator needs for the next level."""

    code: str
    name: str
    now: str
    needed: str
    unit: str
    why: str


@dataclass(frozen=True)
class NextLevelPanel:
    """The next-level gap: title (with the target level), note, the improvements (None: no higher level), relaxed."""

    title: str
    note: str
    improvements: list[ImprovementRow] | None
    relaxed: str


@dataclass(frozen=True)
class BonusRow:
    """One bonus line (三.2 加分项目)."""

    item: str
    count: int
    weight: str
    points: str


@dataclass(frozen=True)
class Condition:
    """A measure's condition: mark (✔ ✘ ？) and text, the facts it rests on (with sources), why."""

    text: str
    facts: str
    why: str


@dataclass(frozen=True)
class MeasureRow:
    """A support measure or obligation for the park: answer, what is missing, clause, conditions."""

    code: str
    name: str
    answer: Mark
    missing: str
    clause: str
    summary: str
    conditions: list[Condition]


@dataclass(frozen=True)
class ParkChainRow:
    """A chain the park declares, with its coverage in the park."""

    chain: Link
    coverage: str
    status: str
    gaps: str


@dataclass(frozen=True)
class HistoryRow:
    """The park's rating of one year."""

    year: Link
    badge: Badge
    indicator_level: str
    bonus: str
    rank: str
    relaxed: str
    missing: str


@dataclass(frozen=True)
class WhatIfField:
    """An indicator's input of the what-if form."""

    name: str
    label: str
    value: str


@dataclass(frozen=True)
class TraceRow:
    """One decision of a rating's trace."""

    criterion: str
    threshold: str
    observed: str
    source: str
    verdict: str
    note: str


@dataclass(frozen=True)
class WhatIfResult:
    """The level the submitted values would give, beside the actual one, with its explanation and trace."""

    before: Badge
    after: Badge
    changed: str
    conclusion: str
    chart: Markup
    reasons: list[str]
    next_steps: list[str]
    trace_title: str
    trace: list[TraceRow]


@dataclass(frozen=True)
class RatingPanels:
    """Everything about the park's rating of the year shown."""

    title: str
    cards: list[SummaryCard]
    conclusion: str
    chart: Markup
    whatif_year: int
    whatif_fields: list[WhatIfField]
    indicators: list[IndicatorRow]
    level_names: list[str]
    """The three levels' labels heading the threshold columns (3, 4, 5 stars)."""
    zh_only: str
    reasons: list[str]
    next_level: NextLevelPanel
    bonus_title: str
    bonus: list[BonusRow]
    priority: str
    measures_title: str
    measures: list[MeasureRow]
    chains: list[ParkChainRow]
    history: list[HistoryRow]


@dataclass(frozen=True)
class ParkPage:
    """园区页: the park's facts and year form; its rating panels (None: no observations that year) and, after a
    what-if, its result."""

    frame: Frame
    heading: str
    meta: str
    code: str
    year_select: Select
    toc: list[Link]
    rating: RatingPanels | None
    whatif: WhatIfResult | None = None


# ---------------------------------------------------------------------------------------------- chains


@dataclass(frozen=True)
class ChainRow:
    """A chain of the index with its number of anchor parks."""

    order: int
    link: Link
    anchors: int


@dataclass(frozen=True)
class ChainsPage:
    """十大产业链: the ten chains with their anchor parks in the chain-data year."""

    frame: Frame
    title: str
    rows: list[ChainRow]


@dataclass(frozen=True)
class Partner:
    """A park that could fill a gap, and how close it is (``（同市，3 家企业）``)."""

    link: Link
    note: str


@dataclass(frozen=True)
class GapRow:
    """A missing segment by criticality, the roles to recruit and the partner parks."""

    rank: int
    segment: str
    position: str
    criticality: str
    recruit: str
    partners: list[Partner]


@dataclass(frozen=True)
class SegmentRow:
    """A segment's coverage in the scope."""

    segment: str
    tier: int
    position: str
    enterprises: int
    revenue: str
    status: str


@dataclass(frozen=True)
class ChainPage:
    """产业链页: the scope form, coverage cards, the segment graph, the gaps and the segments."""

    frame: Frame
    heading: str
    filters: list[Select]
    cards: list[Card]
    back: Link | None
    graph: Markup
    gaps: list[GapRow]
    segments: list[SegmentRow]


# ---------------------------------------------------------------------------------------------- upload


@dataclass(frozen=True)
class ReportRow:
    """One problem of a refused upload."""

    file: str
    row: str
    column: str
    reason: str
    value: str


@dataclass(frozen=True)
class UploadPage:
    """证据上传: the form; after a refusal the message and the validation report; after a success what was stored."""

    frame: Frame
    status: str
    """``refused``, ``done`` or empty."""
    message: str
    report_title: str
    report: list[ReportRow]
