"""A park's star ratings (三.2, 三.3): by year with the full explanation and trace, the next level, and what-if.

Ratings are computed from the store's facts as ``parkstar explain`` computes them (all parks of the year, so the
rank within the level is right), once per store version; what-if rates given values and stores nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Body, Depends
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from reasoner.app import RatingOptions, Service
from reasoner.app.schemas.rating import ExplainedRating, NextLevelAnswer, NextLevelOut, ParkRatings, WhatIfAnswer
from reasoner.rating import INDICATORS
from reasoner.rating.explain import next_steps

from ..answers import json_answer, level_labeller
from ..deps import RatingQuery, get_service, language, rating_query
from ..errors import reasoner_errors
from .parks import ParkCode

router = APIRouter(prefix="/api/parks", tags=["ratings 星级评定"])


@router.get("/{code}/ratings", summary="园区星级评定（含解释）/ a park's ratings with explanations",
            response_model=ParkRatings)
async def ratings(
    code: ParkCode,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    q: Annotated[RatingQuery, Depends(rating_query)],
) -> Response:
    """The park's rating in every year it has indicator values (or in ``year``): level, verdict per level, every
    criterion's threshold, edition, clause, observed value and source document (``trace``), relaxation, veto,
    bonus, rank within the level, the explanation in words and the next level. Options as ``parkstar explain``:
    ``edition``, ``strict``, ``as_of``. Explanation texts are in Chinese; labels follow ``Accept-Language``."""
    def answer() -> ParkRatings:
        labels = level_labeller(lang)
        return ParkRatings(park=code, ratings=[ExplainedRating.of_explained(e, labels)
                                               for e in svc.park_ratings(code, q.year, q.opts)])

    with reasoner_errors():
        return await json_answer(svc, ("ratings", code, q, lang), answer)


@router.get("/{code}/next-level", summary="升级差距 / what lifts the park one level", response_model=NextLevelAnswer)
async def next_level_gap(
    code: ParkCode,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    q: Annotated[RatingQuery, Depends(rating_query)],
) -> Response:
    """The smallest set of indicator improvements (indicator, current value, needed value) that lifts the park one
    level above what its indicators reach under the same rules, relaxation included; for a vetoed park also the
    date the veto lifts (三.3). Default year: the latest with data."""
    def answer() -> NextLevelAnswer:
        svc.park(code)
        nxt = svc.next_level(code, q.year, q.opts)
        labels = level_labeller(lang)
        return NextLevelAnswer(**dict(NextLevelOut.of(nxt)), level_label=labels(nxt.level),
                               target_label=None if nxt.target is None else labels(nxt.target),
                               steps=next_steps(nxt))

    with reasoner_errors():
        return await json_answer(svc, ("next-level", code, q, lang), answer)


class WhatIf(BaseModel):
    """Indicator values to try for one park-year, in each indicator's unit (as in the templates); null makes a
    value missing. Everything else comes from the store; nothing is stored."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=1900, le=2200, description="评定年度 / rating year")
    indicators: dict[str, Decimal | None] = Field(
        default_factory=dict, description="指标代码 → 假设值 / indicator code (I1–I11) → value to try")
    benchmarks: dict[str, Decimal] = Field(
        default_factory=dict, description="I10/I11 的全省同行业标准 / benchmarks for I10/I11")
    edition: str | None = Field(default=None, description="评价标准版本 / criteria edition")
    strict: bool = Field(default=False, description="严格执行，不放宽 / no relaxation")
    as_of: dt.date | None = Field(default=None, description="评定基准日 / assessment date")

    @field_validator("indicators", "benchmarks")
    @classmethod
    def _known(cls, values: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(values) - set(INDICATORS))
        if unknown:
            raise ValueError(f"unknown indicators {', '.join(unknown)}: use {INDICATORS[0]}–{INDICATORS[-1]}")
        return values


WHAT_IF_EXAMPLES = {
    "strict-jx": {
        "summary": "ZJ-JX-001 严格执行时提高 I2 / ZJ-JX-001 under the strict rule with I2 raised",
        "description": "ZJ-JX-001 reaches four stars in 2024 only through the relaxation rule (I2 = 61.0); under the "
                       "strict rule it is three-star, unless I2 is raised.",
        "value": {"year": 2024, "strict": True, "indicators": {"I2": 66.1}},
    },
    "hz-drop": {
        "summary": "ZJ-HZ-001 亩均税收下降 / ZJ-HZ-001 with lower tax per mu",
        "value": {"year": 2024, "indicators": {"I8": 36.0}},
    },
    "missing": {
        "summary": "把一个值当作缺失 / treat a value as missing",
        "value": {"year": 2024, "indicators": {"I6": None}},
    },
}


@router.post("/{code}/what-if", summary="假设分析（不写入）/ what-if (nothing stored)", response_model=WhatIfAnswer)
async def what_if(
    code: ParkCode,
    body: Annotated[WhatIf, Body(openapi_examples=WHAT_IF_EXAMPLES)],
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
) -> WhatIfAnswer:
    """The level and trace the park would get in ``year`` with some indicator values changed (the others, its
    incidents, designations, enterprises and projects as stored), next to the level from the stored values. The
    store is not touched; the trace marks the tried values' source as what-if."""

    def answer() -> WhatIfAnswer:
        svc.park(code)
        result = svc.what_if(code, body.year, body.indicators, body.benchmarks,
                             RatingOptions(body.edition, body.strict, body.as_of))
        return WhatIfAnswer.of_what_if(result, level_labeller(lang))

    with reasoner_errors():
        return await anyio.to_thread.run_sync(answer)
