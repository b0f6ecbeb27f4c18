"""The province's view of the ratings: progress against the 2025 goals (一(二), 三.2) and the annual adjustment
(三.3) with the rectification list (O1) and the vetoed parks (O2)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from reasoner.app import Service
from reasoner.app.schemas.rating import AdjustmentAnswer, ProvinceProgress

from ..answers import json_answer, level_labeller
from ..deps import RatingQuery, get_service, language, rating_query
from ..errors import reasoner_errors

router = APIRouter(prefix="/api/province", tags=["province 全省"])


@router.get("/progress", summary="对照 2025 年目标的进展 / progress against the 2025 goals",
            response_model=ProvinceProgress)
async def province_progress(
    svc: Annotated[Service, Depends(get_service)],
    q: Annotated[RatingQuery, Depends(rating_query)],
) -> Response:
    """Each goal of 一(二) (demonstration parks, share of parks at three stars or more, the demonstration parks'
    indicators) with its target, the year's value and whether it is met. Default year: the latest with data."""
    with reasoner_errors():
        return await json_answer(svc, ("progress", q),
                                 lambda: ProvinceProgress.of_progress(svc.progress(q.year, q.opts)))


@router.get("/adjustment", summary="年度动态调整 / the annual adjustment", response_model=AdjustmentAnswer)
async def province_adjustment(
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    q: Annotated[RatingQuery, Depends(rating_query)],
) -> Response:
    """Year Y against Y − 1 under the same edition and strictness: upgraded, downgraded, kept, newly rated, lost
    by veto, undetermined (待定: Y's rating needs missing indicators, with ``missing`` and a ``note``; no movement is
    claimed), previously undetermined (上年待定), not rated; the parks that must rectify (O1) and the vetoed ones
    (O2)."""
    def answer() -> AdjustmentAnswer:
        result = svc.adjustment(q.year, q.opts)
        now = svc.ratings(result.year, q.opts)
        return AdjustmentAnswer.of_labelled(result, level_labeller(lang), now[0].edition if now else q.opts.edition,
                                            q.opts.strict, lang)

    with reasoner_errors():
        return await json_answer(svc, ("adjustment", q, lang), answer)
