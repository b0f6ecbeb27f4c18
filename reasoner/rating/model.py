"""The data of a rating: the facts a park-year is rated on, the trace of every decision, and the result.

Facts (:class:`ParkFacts`) come from the store (``facts.py``) or from a caller (``rate_values``); results
(:class:`Rating`) are what the CLI prints, the API returns and ``writeback.py`` stores as RDF. Nothing here
evaluates a rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from ..policy import BELOW, MET, MISSING

INDICATORS: tuple[str, ...] = tuple(f"I{i}" for i in range(1, 12))
"""The codes of the criteria table's rows (表.1-11), in table order."""


class Verdict:
    """The verdicts a trace entry can carry (plain strings, so JSON and RDF keep them as they are); a criterion's
    own three are :func:`reasoner.policy.verdict`'s."""

    MET = MET
    BELOW = BELOW
    MISSING = MISSING
    RELAXED = "relaxed"
    NOT_APPLICABLE = "n/a"
    VETO = "veto"
    NO_VETO = "no-veto"
    PASSED = "passed"
    FAILED = "failed"
    INFO = "info"


VERDICT_ZH: dict[str, str] = {
    Verdict.MET: "达标", Verdict.BELOW: "未达标", Verdict.MISSING: "缺失", Verdict.RELAXED: "放宽",
    Verdict.NOT_APPLICABLE: "不适用", Verdict.VETO: "否决", Verdict.NO_VETO: "不否决", Verdict.PASSED: "达到",
    Verdict.FAILED: "未达到", Verdict.INFO: "说明",
}


class TraceEntry(NamedTuple):
    """One decision: which criterion, its threshold and edition, the clause, what was observed and from which
    document, and the verdict. ``note`` says why in Chinese."""

    criterion: str
    threshold: str
    edition: str
    clause: str
    observed: str
    source: str
    verdict: str
    note: str = ""
    indicator: str = ""
    level: int = 0


class Observation(NamedTuple):
    """One indicator value of one park-year: value in the indicator's unit, benchmark (I10/I11), provenance.

    A named tuple rather than a frozen dataclass: a batch builds 90,000 of them, four times faster."""

    indicator: str
    value: Decimal | None
    unit: str = ""
    benchmark: Decimal | None = None
    iri: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    """A work-safety or environmental incident of a park (any date; the veto window picks)."""

    iri: str
    date: dt.date
    severity: str
    type: str
    description: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Designation:
    """A designation a park holds (美丽园区, 绿色园区, ...), with its level and year."""

    iri: str
    kind: str
    level: str
    year: int | None


@dataclass(frozen=True, slots=True)
class Project:
    """A project of the park, as far as the bonus needs it."""

    iri: str
    investment: Decimal
    kinds: frozenset[str]
    status: str | None
    start_year: int | None
    label: str = ""


@dataclass
class ParkFacts:
    """Everything one park-year is rated on."""

    park: str
    """The park's IRI."""
    code: str
    name: str
    year: int
    observations: dict[str, Observation] = field(default_factory=dict)
    incidents: list[Incident] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    roles: dict[str, int] = field(default_factory=dict)
    """Enterprise role IRI → number of the park's enterprises holding it that year."""
    projects: list[Project] = field(default_factory=list)
    park_type: str | None = None
    """The park type's IRI (``ps:parkType``), None when not recorded (三.1 scope)."""
    manufacturing_led: bool | None = None
    """Whether the park is manufacturing-led (``ps:manufacturingLed``), None when not recorded (三.1 scope)."""


@dataclass(frozen=True, slots=True)
class BonusLine:
    """One line of the bonus: a weight parameter, how many enterprises or projects it counts, the points."""

    parameter: str
    label: str
    count: int
    weight: Decimal
    points: Decimal
    items: tuple[str, ...] = ()


@dataclass(slots=True)
class IndicatorResult:
    """One indicator of a rated park-year: value, unit, source, the threshold at each level and the verdicts."""

    code: str
    value: Decimal | None
    unit: str
    source: str
    observation: str
    benchmark: Decimal | None
    thresholds: dict[int, str]
    """Level → the threshold as written (``"≥ 500"``, ``"< 基准 0.51"``); absent when the level sets none."""
    met: list[int]
    """Levels whose criterion for this indicator the value meets (or that set none), before any relaxation."""
    relaxed: list[int]
    """Levels at which this indicator was relaxed (三.2)."""
    reason: str
    """"" when the value is there; "missing" when no value (or no benchmark for I10/I11)."""


@dataclass(slots=True)
class LevelOutcome:
    """Whether one level's criteria are met, and how: failures, relaxed indicators, the relaxation's condition."""

    level: int
    passed: bool
    failures: tuple[str, ...]
    """Indicators that miss the level (before relaxation), missing ones included."""
    missing: tuple[str, ...]
    relaxed: tuple[str, ...]
    clear: int
    """Listed indicators clearly above the threshold (≥ threshold × (1 + margin))."""
    counted: int
    """Listed indicators with a threshold at this level."""
    why: str
    """Why the level is (not) reached, in Chinese."""
    verdicts: dict[str, str] = field(default_factory=dict)
    """Indicator → its criterion's verdict at this level (met, below, missing), before any relaxation."""


@dataclass(slots=True)
class Rating:
    """The rating of one park for one year under one edition of the criteria, with its trace."""

    park: str
    code: str
    name: str
    year: int
    edition: str
    strict: bool
    assessment_date: dt.date
    level: int
    indicator_level: int
    """The level the indicators reach before the veto."""
    vetoed: bool
    veto_incidents: list[Incident]
    relaxed: list[str]
    """Indicators relaxed at the awarded level (or at the indicator level when vetoed)."""
    missing: list[str]
    undetermined: bool
    """Missing indicators might lift the park higher: "undetermined — needs ``missing``"."""
    bonus: Decimal
    bonus_lines: list[BonusLine]
    priority: list[Designation]
    indicators: dict[str, IndicatorResult]
    levels: dict[int, LevelOutcome]
    trace: list[TraceEntry]
    priority_score: Decimal = Decimal(0)
    """表.10-11 priority (weight × designations): the tie-break after the bonus within a level."""
    rank_in_level: int = 0
    """Place within the year's parks of the same level (1 = first); 0 when rated alone or not in scope."""
    in_scope: bool = True
    """三.1: the park is within the scope of the rating. Outside it the park is "不在评价范围": ``level`` is 0 but
    means no level (it counts in no level, takes no rank, gets no measure); the indicators are still judged."""
    scope: str = ""
    """三.1: why the park is (not) in scope, in Chinese."""
    readings: dict[str, str] = field(default_factory=dict)
    """Every rating reading (shapes/readings.ttl) → the alternative the rating applied."""

    @property
    def demonstration(self) -> bool:
        """Five-star parks are demonstration parks (三.2)."""
        return self.in_scope and self.level == 5

    @property
    def observations_used(self) -> list[str]:
        """IRIs of the observations the rating read."""
        return [r.observation for r in self.indicators.values() if r.observation]
