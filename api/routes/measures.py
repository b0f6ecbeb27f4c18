"""Support measures and obligations (四(三), 三.2, 三.3): a park's answers with their traces, and the reverse question —
every park (or project) a measure applies to, is undetermined for, or does not apply to.

The answers come from ``reasoner.measures`` over the year's ratings the other routes use (default edition, with the
relaxation rule), computed once per store version.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from reasoner.app import Service
from reasoner.app.schemas.measures import AnswerOut, MeasureParks, ParkMeasures
from reasoner.measures import MeasureError, provision
from reasoner.policy import Readings
from reasoner.rating.rules import assessment_date

from ..answers import json_answer, level_labeller
from ..deps import get_service, language, readings
from ..errors import APIError, reasoner_errors
from .parks import ParkCode

router = APIRouter(prefix="/api", tags=["measures 支持政策"])

Year = Annotated[int | None, Query(ge=1900, le=2200, description="年度（默认：有数据的最近一年）/ year",
                                   examples=[2024])]
AsOf = Annotated[dt.date | None, Query(description="按该日期有效的政策和评定作答（默认：年度 12 月 31 日）/ as of",
                                       examples=["2024-06-30"])]
Trace = Annotated[bool, Query(description="附上星级评定的完整追溯 / include the rating's own trace")]


def _measure_code(measure: str) -> str:
    try:
        return provision(measure).code
    except MeasureError as e:
        raise APIError(404, "unknown-measure", f"未知的措施：{measure}", f"unknown measure {measure}") from e


@router.get("/parks/{code}/measures", summary="园区可享受的支持政策（含追溯）/ a park's measures with traces",
            response_model=ParkMeasures)
async def park_measures(
    code: ParkCode,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    chosen: Annotated[Readings, Depends(readings)],
    year: Year = None,
    as_of: AsOf = None,
    trace: Trace = True,
) -> Response:
    """Each measure and obligation in force: ``answer`` (``yes``, ``no``, ``undetermined``), its clause, every
    condition with whether it held (true, false, null) and the facts it used with their sources (the star rating
    and, with ``trace``, the rating's own trace), what is ``missing`` for an undetermined answer and what would
    change a ``no`` (``because``). M2, M3 and M6 answer per project."""
    def answer() -> ParkMeasures:
        y = svc.rating_year(year)
        labels = level_labeller(lang)
        return ParkMeasures(park=code, year=y, as_of=assessment_date(y, as_of),
                            measures=[AnswerOut.of(a, trace, lang=lang, level_label=labels)
                                      for a in svc.park_measures(code, y, as_of, chosen)])

    with reasoner_errors():
        return await json_answer(svc, ("park-measures", code, year, as_of, chosen, trace, lang), answer)


@router.get("/measures/{measure}/parks", summary="某项政策适用的园区 / the parks a measure applies to",
            response_model=MeasureParks)
async def measure_parks(
    measure: str,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    chosen: Annotated[Readings, Depends(readings)],
    year: Year = None,
    as_of: AsOf = None,
) -> Response:
    """The reverse question for one measure (e.g. ``M7``) and year: the parks (or projects) that qualify, those
    undetermined with what each lacks, and those that do not with what would change it. Refused with 400 when the
    measure is not in force on the as-of date."""
    code = _measure_code(measure)

    def answer() -> MeasureParks:
        y = svc.rating_year(year)
        day = assessment_date(y, as_of)
        p = provision(code)
        if not p.valid_on(day):
            raise APIError(400, "measure-not-in-force", f"{code} 在 {day} 不在有效期内",
                           f"{code} is not in force on {day}")
        labels = level_labeller(lang)
        groups: dict[str, list[AnswerOut]] = {"yes": [], "undetermined": [], "no": []}
        for a in svc.measure_parks(code, y, as_of, chosen):
            groups[a.answer.value].append(AnswerOut.of(a, False, lang=lang, level_label=labels))
        return MeasureParks(measure=code, label=p.label if lang == "zh" else p.label_en, clause=p.clause, year=y,
                            as_of=day, counts={k: len(v) for k, v in groups.items()}, qualifies=groups["yes"],
                            undetermined=groups["undetermined"], does_not=groups["no"])

    with reasoner_errors():
        return await json_answer(svc, ("measure-parks", code, year, as_of, chosen, lang), answer)
