"""Parks: the list (filters by city, chain; level once ratings exist) and one park's detail."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from reasoner import parks
from reasoner.store import OxigraphStore

from ..deps import get_store, language
from ..errors import APIError
from ..negotiate import negotiated

router = APIRouter(prefix="/api/parks", tags=["parks 园区"])

EXAMPLE_CODE = "ZJ-HZ-001"


@router.get("", summary="园区列表 / parks")
def list_parks(
    store: Annotated[OxigraphStore, Depends(get_store)],
    lang: Annotated[str, Depends(language)],
    city: Annotated[str | None, Query(description="设区市名称或代码 / city", examples=["杭州市"])] = None,
    chain: Annotated[str | None, Query(description="主导产业链 / leading chain",
                                       examples=["integrated-circuits"])] = None,
) -> list[dict[str, Any]]:
    """Every park, optionally filtered by 设区市 and by leading chain."""
    try:
        return parks.list_parks(store, parks.ParkFilter(city=city, chain=chain), lang)
    except parks.UnknownFilter as e:
        raise APIError(400, "unknown-filter", f"未知的筛选条件：{e}", str(e)) from e


@router.get("/{code}", summary="园区详情 / one park",
            responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}}}})
def park(
    code: str,
    request: Request,
    store: Annotated[OxigraphStore, Depends(get_store)],
    lang: Annotated[str, Depends(language)],
) -> Response:
    """One park's registered facts (JSON), or its triples with ``Accept: text/turtle`` or ``application/ld+json``."""
    try:
        data = parks.park_detail(store, code, lang)
    except parks.UnknownPark as e:
        raise APIError(404, "unknown-park", f"没有代码为 {code} 的园区", f"no park with code {code}") from e
    return negotiated(request, store, parks.park_graph_query(code), data)
