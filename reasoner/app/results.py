"""The typed results of the use cases that are more than one domain object — a rating explained (with its standing in
the rating procedure), a what-if beside the stored values, the province's progress — the options a rating is asked
with (and whether they are the official computation's), and the errors of asking for a year or park-year the store
holds no data for, or of storing a what-if as the official results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..chains import ChainCatalog
from ..chains.data import ClusterInfo
from ..chains.model import ParkInfo
from ..chains.params import ChainParameters
from ..policy import DEFAULT_READINGS, Readings
from ..rating import Rating, RatingError, Rules
from ..rating.announced import Standing
from ..rating.explain import Explanation
from ..rating.nextlevel import NextLevel
from ..rating.progress import GoalStatus


@dataclass(frozen=True)
class RatingOptions:
    """How to rate, as ``parkstar rate`` and ``parkstar explain`` take it: criteria edition (None: the year's
    default), strict (no relaxation), assessment date (None: 31 December of the year), the readings chosen other
    than the defaults (shapes/readings.ttl)."""

    edition: str | None = None
    strict: bool = False
    as_of: dt.date | None = None
    readings: Readings = DEFAULT_READINGS

    @property
    def official(self) -> bool:
        """Whether these are the official computation's options: every option at its default (the year's default
        edition, the relaxation rule, 31 December). Any other value, of any option added later too, makes a
        what-if, whose results are never stored as the official ones."""
        return self == type(self)()


DEFAULT = RatingOptions()


class NotOfficial(RatingError):
    """Asked to store results computed with options other than the defaults as the official results."""

    def __init__(self, opts: RatingOptions) -> None:
        super().__init__(f"非默认选项的评定是假设情景，不能写入正式结果；如需保存请指定情景名称 / results computed "
                         f"with non-default options ({opts}) are a what-if and never stored as the official results; "
                         "save them as a named scenario")
        self.opts = opts


class NoDataForYear(RatingError):
    """The store holds no indicator observations for the year asked."""

    def __init__(self, year: int, years: Sequence[int]) -> None:
        have = "、".join(map(str, years)) or "无"
        super().__init__(f"存储中没有 {year} 年的指标观测值；有数据的年份：{have} / no indicator observations for "
                         f"{year}; years with data: {', '.join(map(str, years))}")
        self.year, self.years = year, list(years)


class NoStoredRatings(RatingError):
    """The store holds no official ratings of the year (under the edition asked): ``parkstar rate`` writes them."""

    def __init__(self, year: int, edition: str | None = None) -> None:
        super().__init__(f"存储中没有 {year} 年（版本 {edition or '默认'}）的星级评定结果；"
                         f"请先运行 parkstar rate --year {year} / no stored ratings for {year} "
                         f"(edition {edition or 'default'}); run parkstar rate --year {year}")
        self.year, self.edition = year, edition


class NoObservations(RatingError):
    """The park has no indicator observations in the year asked."""

    def __init__(self, code: str, year: int) -> None:
        super().__init__(f"{code} 在 {year} 年没有指标观测值 / {code} has no observations for {year}")
        self.code, self.year = code, year


@dataclass(frozen=True)
class Explained:
    """A park-year's rating with the rules it was made under, its explanation in words and its next level."""

    rating: Rating
    rules: Rules
    explanation: Explanation
    next_level: NextLevel
    standing: Standing | None = None
    """The rating beside the procedure's latest stage and published level (三.3); None for a what-if."""


@dataclass(frozen=True)
class WhatIf:
    """The rating some changed indicator values would give (``after``, explained), beside the rating of the stored
    values (``before``); nothing is stored."""

    before: Rating
    after: Explained
    overrides: Mapping[str, Decimal | None]

    @property
    def changed(self) -> bool:
        """Whether the level moved."""
        return self.before.level != self.after.rating.level

    @property
    def changed_indicators(self) -> list[str]:
        """The indicators given a value other than the stored one, in table order."""
        return sorted(self.overrides, key=lambda c: int(c[1:]))


@dataclass(frozen=True)
class Progress:
    """Where the province stands on the 2025 goals in a year, and the edition of the ratings it counts."""

    year: int
    edition: str | None
    strict: bool
    goals: list[GoalStatus]


@dataclass(frozen=True)
class ChainInputs:
    """What completeness is computed from for every chain of one year: read once, shared by every scope."""

    catalog: ChainCatalog
    parks: dict[str, ParkInfo]
    clusters: dict[str, ClusterInfo]
    params: ChainParameters
