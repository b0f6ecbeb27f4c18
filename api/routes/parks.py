"""Parks: the list (filters by city, chain, and by stored star level of a year — the official ratings, or a saved
what-if scenario's) and one park's detail."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from reasoner import parks
from reasoner.app import NoStoredRatings, RatingOptions, Service
from reasoner.app.schemas.parks import ParkDetail, ParkRow
from reasoner.policy import policy

from ..answers import json_answer
from ..deps import get_service, language
from ..errors import APIError, reasoner_errors, split_message
from ..negotiate import RDF_RESPONSES, rdf_response, wanted_rdf

router = APIRouter(prefix="/api/parks", tags=["parks 园区"])

EXAMPLE_CODE = "ZJ-HZ-001"
CODE_EXAMPLES = {
    "ZJ-NB-001": {"summary": "五星级示范园区 / five-star demonstration park", "value": "ZJ-NB-001"},
    "ZJ-HZ-001": {"summary": "四星晋级五星 / promoted to five stars in 2024", "value": "ZJ-HZ-001"},
    "ZJ-QZ-001": {"summary": "重大事件一票否决 / vetoed by a major incident", "value": "ZJ-QZ-001"},
    "ZJ-JX-001": {"summary": "经放宽达四星 / four-star through the relaxation rule", "value": "ZJ-JX-001"},
}
"""Scenario parks of the bundled sample (data/sample/README.md), shown as examples in /docs."""

ParkCode = Annotated[str, Path(description="园区代码 / park code", openapi_examples=CODE_EXAMPLES)]


@router.get("", summary="园区列表 / parks", response_model=list[ParkRow])
async def list_parks(
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    city: Annotated[str | None, Query(description="设区市名称或代码 / city", examples=["杭州市"])] = None,
    chain: Annotated[str | None, Query(description="主导产业链 / leading chain",
                                       examples=["integrated-circuits"])] = None,
    level: Annotated[int | None, Query(ge=0, le=5, description="已写回的星级（0 为未达三星级）/ stored star level",
                                       examples=[5])] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="评定年度（默认：有数据的最近一年）/ rating year",
                                      examples=[2024])] = None,
    edition: Annotated[str | None, Query(description="评价标准版本（默认：该年度默认版本）/ criteria edition",
                                         examples=["2020-a"])] = None,
    strict: Annotated[bool, Query(description="严格执行的评定结果 / the ratings without relaxation")] = False,
    scenario: Annotated[str | None, Query(description="已保存的假设情景名称（默认：正式结果）/ a saved what-if "
                                                      "scenario (default: the official ratings)",
                                          examples=["strict-2024"])] = None,
) -> Response:
    """Every park, optionally filtered by 设区市 and by leading chain. With ``level``, ``year`` or ``scenario``,
    each park also carries its stored rating of that year and ``level`` keeps the parks at that level: one query over
    the written-back ratings, nothing is re-rated. The stored ratings are the official ones (``parkstar rate`` or an
    upload wrote them), or with ``scenario`` those of a saved what-if (``parkstar rate … --save-as NAME``; listed by
    ``/api/scenarios``)."""
    if level is not None and level not in policy().levels:
        raise APIError(400, "bad-level", "星级应为 0（未达三星级）、3、4 或 5",
                       "level must be 0 (below three stars), 3, 4 or 5")

    def answer() -> list[ParkRow]:
        try:
            if level is None and year is None and scenario is None:
                return svc.parks(city, chain, lang)
            return svc.stored_parks(year, level=level, city=city, chain=chain, opts=RatingOptions(edition, strict),
                                    scenario=scenario, lang=lang)
        except parks.UnknownFilter as e:
            raise APIError(400, "unknown-filter", f"未知的筛选条件：{e}", str(e)) from e
        except NoStoredRatings as e:
            raise APIError(404, "no-stored-ratings", *split_message(str(e))) from e

    with reasoner_errors():
        return await json_answer(svc, ("parks", city, chain, level, year, edition, strict, scenario, lang), answer)


@router.get("/{code}", summary="园区详情 / one park", response_model=ParkDetail, responses=RDF_RESPONSES)
async def park(
    code: ParkCode,
    request: Request,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
) -> Response:
    """One park's registered facts (JSON), or its triples with ``Accept: text/turtle`` or ``application/ld+json``."""
    media = wanted_rdf(request)
    with reasoner_errors():
        if media is None:
            return await json_answer(svc, ("park", code, lang), lambda: svc.park(code, lang))
        await anyio.to_thread.run_sync(svc.park, code)
    return await anyio.to_thread.run_sync(lambda: rdf_response(svc.store, parks.park_graph_query(code), media))
