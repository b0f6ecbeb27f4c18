"""Support measures and obligations (四(三), 三.2, 三.3): a park's answers with their traces, and the reverse question —
every park (or project) a measure applies to, is undetermined for, or does not apply to.

The answers come from ``reasoner.measures`` over the year's ratings the other routes use (default edition, with the
relaxation rule), computed once per store version.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from reasoner.measures import Answer, MeasureError, evaluate, provision
from reasoner.rating.rules import assessment_date
from reasoner.store import OxigraphStore

from ..answers import json_answer, level_label, year_of, year_ratings
from ..cache import VersionCache
from ..deps import RatingOptions, get_cache, get_store, language
from ..errors import APIError, reasoner_errors
from .parks import ParkCode

router = APIRouter(prefix="/api", tags=["measures 支持政策"])

Year = Annotated[int | None, Query(ge=1900, le=2200, description="年度（默认：有数据的最近一年）/ year",
                                   examples=[2024])]
AsOf = Annotated[dt.date | None, Query(description="按该日期有效的政策和评定作答（默认：年度 12 月 31 日）/ as of",
                                       examples=["2024-06-30"])]
Trace = Annotated[bool, Query(description="附上星级评定的完整追溯 / include the rating's own trace")]


def _answers(store: OxigraphStore, cache: VersionCache, year: int, as_of: dt.date | None, *,
             park: str | None = None, measure: str | None = None) -> list[Answer]:
    ratings = year_ratings(store, cache, year, RatingOptions(year, None, False, as_of))
    return evaluate(store, year, as_of=as_of, park=park, measures=[measure] if measure else None, ratings=ratings)


def _json(a: Answer, trace: bool, lang: str) -> dict[str, Any]:
    data = a.to_json(trace)
    data["measure_label"] = a.provision.label if lang == "zh" else a.provision.label_en
    if a.rating is not None:
        data["level"], data["level_label"] = a.rating.level, level_label(a.rating.level, lang)
    return data


def _measure_code(measure: str) -> str:
    try:
        return provision(measure).code
    except MeasureError as e:
        raise APIError(404, "unknown-measure", f"未知的措施：{measure}", f"unknown measure {measure}") from e


@router.get("/parks/{code}/measures", summary="园区可享受的支持政策（含追溯）/ a park's measures with traces")
async def park_measures(
    code: ParkCode,
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    lang: Annotated[str, Depends(language)],
    year: Year = None,
    as_of: AsOf = None,
    trace: Trace = True,
) -> Response:
    """Each measure and obligation in force: ``answer`` (``yes``, ``no``, ``undetermined``), its clause, every
    condition with whether it held (true, false, null) and the facts it used with their sources (the star rating
    and, with ``trace``, the rating's own trace), what is ``missing`` for an undetermined answer and what would
    change a ``no`` (``because``). M2, M3 and M6 answer per project."""
    def answer() -> dict[str, Any]:
        y = year_of(store, cache, year)
        found = _answers(store, cache, y, as_of, park=code)
        return {"park": code, "year": y, "as_of": assessment_date(y, as_of).isoformat(),
                "measures": [_json(a, trace, lang) for a in found]}

    with reasoner_errors():
        return await json_answer(store, cache, ("park-measures", code, year, as_of, trace, lang), answer)


@router.get("/measures/{measure}/parks", summary="某项政策适用的园区 / the parks a measure applies to")
async def measure_parks(
    measure: str,
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    lang: Annotated[str, Depends(language)],
    year: Year = None,
    as_of: AsOf = None,
) -> Response:
    """The reverse question for one measure (e.g. ``M7``) and year: the parks (or projects) that qualify, those
    undetermined with what each lacks, and those that do not with what would change it. Refused with 400 when the
    measure is not in force on the as-of date."""
    code = _measure_code(measure)

    def answer() -> dict[str, Any]:
        y = year_of(store, cache, year)
        day = assessment_date(y, as_of)
        p = provision(code)
        if not p.valid_on(day):
            raise APIError(400, "measure-not-in-force", f"{code} 在 {day} 不在有效期内",
                           f"{code} is not in force on {day}")
        found = _answers(store, cache, y, as_of, measure=code)
        groups: dict[str, list[dict[str, Any]]] = {"yes": [], "undetermined": [], "no": []}
        for a in found:
            groups[a.answer.value].append(_json(a, False, lang))
        return {"measure": code, "label": p.label if lang == "zh" else p.label_en, "clause": p.clause,
                "year": y, "as_of": day.isoformat(), "counts": {k: len(v) for k, v in groups.items()},
                "qualifies": groups["yes"], "undetermined": groups["undetermined"], "does_not": groups["no"]}

    with reasoner_errors():
        return await json_answer(store, cache, ("measure-parks", code, year, as_of, lang), answer)
