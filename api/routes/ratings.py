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

from reasoner import parks
from reasoner.rating import INDICATORS, Rating, load_rules, park_facts, rate_facts, rate_values
from reasoner.rating.explain import explain, next_steps
from reasoner.rating.nextlevel import next_level
from reasoner.store import OxigraphStore

from ..answers import json_answer, level_label, year_of, year_ratings
from ..cache import VersionCache
from ..deps import RatingOptions, get_cache, get_store, language, rating_options
from ..errors import APIError, reasoner_errors
from .parks import ParkCode

router = APIRouter(prefix="/api/parks", tags=["ratings 星级评定"])


def _park_years(store: OxigraphStore, cache: VersionCache, code: str) -> list[int]:
    detail = cache.get(store, ("park", code, "zh"), lambda: parks.park_detail(store, code, "zh"))
    years: list[int] = detail["years"]
    return years


def _rating(store: OxigraphStore, cache: VersionCache, code: str, year: int, opts: RatingOptions) -> Rating:
    found = [r for r in year_ratings(store, cache, year, opts) if r.code == code]
    if not found:
        raise APIError(404, "unknown-year", f"{code} 在 {year} 年没有指标观测值",
                       f"{code} has no observations for {year}")
    return found[0]


def _labelled(data: dict[str, Any], lang: str) -> dict[str, Any]:
    return {**data, "level_label": level_label(data["level"], lang),
            "indicator_level_label": level_label(data["indicator_level"], lang)}


def _explained(store: OxigraphStore, cache: VersionCache, code: str, year: int, opts: RatingOptions,
               lang: str) -> dict[str, Any]:
    rating = _rating(store, cache, code, year, opts)
    rules = load_rules(opts.edition, year, opts.strict)
    nxt = next_level(rating, rules)
    return {**_labelled(rating.to_json(), lang), "explanation": explain(rating, rules, nxt).to_json(),
            "next_level": nxt.to_json()}


@router.get("/{code}/ratings", summary="园区星级评定（含解释）/ a park's ratings with explanations")
async def ratings(
    code: ParkCode,
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    lang: Annotated[str, Depends(language)],
    opts: Annotated[RatingOptions, Depends(rating_options)],
) -> Response:
    """The park's rating in every year it has indicator values (or in ``year``): level, verdict per level, every
    criterion's threshold, edition, clause, observed value and source document (``trace``), relaxation, veto,
    bonus, rank within the level, the explanation in words and the next level. Options as ``parkstar explain``:
    ``edition``, ``strict``, ``as_of``. Explanation texts are in Chinese; labels follow ``Accept-Language``."""
    def answer() -> dict[str, Any]:
        years = _park_years(store, cache, code)
        if opts.year is not None:
            years = [year_of(store, cache, opts.year)]
        return {"park": code, "ratings": [_explained(store, cache, code, y, opts, lang) for y in years]}

    with reasoner_errors():
        return await json_answer(store, cache, ("ratings", code, opts, lang), answer)


@router.get("/{code}/next-level", summary="升级差距 / what lifts the park one level")
async def next_level_gap(
    code: ParkCode,
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    lang: Annotated[str, Depends(language)],
    opts: Annotated[RatingOptions, Depends(rating_options)],
) -> Response:
    """The smallest set of indicator improvements (indicator, current value, needed value) that lifts the park one
    level above what its indicators reach under the same rules, relaxation included; for a vetoed park also the
    date the veto lifts (三.3). Default year: the latest with data."""
    def answer() -> dict[str, Any]:
        _park_years(store, cache, code)
        year = year_of(store, cache, opts.year)
        rating = _rating(store, cache, code, year, opts)
        nxt = next_level(rating, load_rules(opts.edition, year, opts.strict))
        return {**nxt.to_json(), "level_label": level_label(nxt.level, lang),
                "target_label": None if nxt.target is None else level_label(nxt.target, lang),
                "steps": next_steps(nxt)}

    with reasoner_errors():
        return await json_answer(store, cache, ("next-level", code, opts, lang), answer)


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


@router.post("/{code}/what-if", summary="假设分析（不写入）/ what-if (nothing stored)")
async def what_if(
    code: ParkCode,
    body: Annotated[WhatIf, Body(openapi_examples=WHAT_IF_EXAMPLES)],
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    lang: Annotated[str, Depends(language)],
) -> dict[str, Any]:
    """The level and trace the park would get in ``year`` with some indicator values changed (the others, its
    incidents, designations, enterprises and projects as stored), next to the level from the stored values. The
    store is not touched; the trace marks the tried values' source as what-if."""

    def answer() -> dict[str, Any]:
        _park_years(store, cache, code)
        year_of(store, cache, body.year)
        rules = load_rules(body.edition, body.year, body.strict)
        facts = park_facts(store, code, body.year, rules)
        before = rate_facts(facts, rules, body.as_of)
        after = rate_values(facts, body.indicators, benchmarks=body.benchmarks, edition=body.edition,
                            strict=body.strict, as_of=body.as_of)
        nxt = next_level(after, rules)
        return {**_labelled(after.to_json(), lang), "stored": False,
                "overrides": {k: None if v is None else str(v) for k, v in body.indicators.items()},
                "baseline": {"level": before.level, "level_label": level_label(before.level, lang),
                             "indicator_level": before.indicator_level},
                "changed": before.level != after.level,
                "explanation": explain(after, rules, nxt).to_json(), "next_level": nxt.to_json()}

    with reasoner_errors():
        return await anyio.to_thread.run_sync(answer)
