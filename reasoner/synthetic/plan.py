"""Owns the plan of one park: everything decided about it (place, chains, revenue and quality level per year,
indicator values, scenario extras) before any of its rows is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .vocabulary import Chain, City, Region, Segment


@dataclass
class Plan:
    """Everything decided about one park before its rows are written.

    Quality levels are star counts (0: below three-star): the level a year's indicators other than revenue are
    drawn at.
    """

    code: str
    name: str
    type_key: str
    type_label: str
    city: City
    county: Region
    chains: list[Chain]
    anchored: list[bool]
    """Per declared chain: whether an enterprise of the park anchors it (二(一))."""
    area: Decimal
    revenue: dict[int, Decimal]
    quality: dict[int, int]
    relaxed_years: set[int] = field(default_factory=set)
    """Years in which the park reaches its quality level only by the relaxation rule (三.2)."""
    missing: dict[int, set[str]] = field(default_factory=dict)
    """Indicator cells left empty, by year."""
    caps: tuple[str, ...] = ()
    """Indicators kept below the next level's threshold."""
    failing: tuple[str, ...] = ()
    """Indicators missed in a year below three-star."""
    relax_indicator: str = ""
    green_fail: str = ""
    """A green indicator (表.10-11) missed in a year below three-star, or ""."""
    benchmarks: dict[str, Decimal] = field(default_factory=dict)
    values: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    present: dict[str, list[Segment]] = field(default_factory=dict)
    """Per declared chain (notation): the segments the park has enterprises in."""
    thin: dict[str, Segment | None] = field(default_factory=dict)
    """Per declared chain: the segment with exactly one enterprise, if any."""
    enterprises: int = 0
    scenario: str = ""
    """The scenario's name for a hand-made park of the sample, else ""."""
    bonus_roles: list[str] = field(default_factory=list)
    """Labels of the bonus roles (三.2 加分项目) its largest enterprises hold; none drawn at random then."""
    flagship_bands: list[int] = field(default_factory=list)
    """Bonus bands (1 = the lowest, 三.2 加分项目) of the park's flagship projects."""
    incidents: list[tuple[str, str, dt.date]] = field(default_factory=list)
    """(type, severity, date), types and severities by local name."""
    designations: list[tuple[str, str, int]] = field(default_factory=list)
    """(kind, administrative level, year), kinds and levels by local name."""
    manufacturing_led: str = ""
    """The parks sheet's 以制造业为主导 cell (三.1): 是, 否 or empty (not recorded)."""
    announcements: list[tuple[int, str, str, dt.date, str]] = field(default_factory=list)
    """Stages of the rating procedure (三.3) its levels reached: (rating year, stage, level, date, document
    number), stages and levels by local name."""
