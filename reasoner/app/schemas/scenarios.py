"""The answers about saved what-if scenarios: which are stored, for which year, with which options."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ...scenarios import SavedScenario
from .base import Out


class ScenarioOut(Out):
    """A what-if scenario saved for one year (``parkstar rate … --save-as NAME``), beside the official results."""

    name: str = Field(description="情景名称 / scenario name")
    year: int = Field(description="年度 / year")
    edition: str = Field(description="评价标准版本 / criteria edition")
    strict: bool = Field(description="严格执行（不放宽）/ strict rule")
    as_of: dt.date | None = Field(description="所给评定基准日（空：年度 12 月 31 日）/ the assessment date asked "
                                              "(null: 31 December)")
    saved_at: str = Field(description="保存时间 / when it was saved")
    measures: bool = Field(description="是否同时保存了支持措施结论 / whether measure answers were saved with it")
    readings: dict[str, str] = Field(description="非默认解读 → 选项 / the readings chosen other than the defaults")
    source: str = Field(description="存储中的来源键 / the store's source key")

    @classmethod
    def of(cls, s: SavedScenario) -> ScenarioOut:
        """The answer for one saved scenario-year."""
        return cls(name=s.name, year=s.year, edition=s.edition, strict=s.strict, as_of=s.as_of, saved_at=s.saved_at,
                   measures=s.measures, source=s.key, readings=s.readings)
