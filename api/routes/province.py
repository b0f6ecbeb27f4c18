"""The province's view of the ratings: progress against the 2025 goals (一(二), 三.2) and the annual adjustment
(三.3) with the rectification list (O1) and the vetoed parks (O2)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from reasoner.rating import RatingError
from reasoner.rating.adjust import adjust
from reasoner.rating.progress import progress
from reasoner.store import OxigraphStore

from ..answers import json_answer, level_label, observed_years, year_of, year_ratings
from ..cache import VersionCache
from ..deps import RatingOptions, get_cache, get_store, language, rating_options
from ..errors import reasoner_errors

router = APIRouter(prefix="/api/province", tags=["province 全省"])


@router.get("/progress", summary="对照 2025 年目标的进展 / progress against the 2025 goals")
async def province_progress(
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    opts: Annotated[RatingOptions, Depends(rating_options)],
) -> Response:
    """Each goal of 一(二) (demonstration parks, share of parks at three stars or more, the demonstration parks'
    indicators) with its target, the year's value and whether it is met. Default year: the latest with data."""
    def answer() -> dict[str, Any]:
        y = year_of(store, cache, opts.year)
        ratings = year_ratings(store, cache, y, opts)
        edition = ratings[0].edition if ratings else opts.edition
        return {"year": y, "edition": edition, "strict": opts.strict,
                "goals": [s.to_json() for s in progress(ratings, y)]}

    with reasoner_errors():
        return await json_answer(store, cache, ("progress", opts), answer)


@router.get("/adjustment", summary="年度动态调整 / the annual adjustment")
async def province_adjustment(
    store: Annotated[OxigraphStore, Depends(get_store)],
    cache: Annotated[VersionCache, Depends(get_cache)],
    lang: Annotated[str, Depends(language)],
    opts: Annotated[RatingOptions, Depends(rating_options)],
) -> Response:
    """Year Y against Y − 1 under the same edition and strictness: upgraded, downgraded, kept, newly rated, lost
    by veto, not rated; the parks that must rectify (O1) and the vetoed ones (O2)."""
    def answer() -> dict[str, Any]:
        y = year_of(store, cache, opts.year)
        now = year_ratings(store, cache, y, opts)
        before = []
        if y - 1 in observed_years(store, cache):
            try:
                before = year_ratings(store, cache, y - 1, RatingOptions(y - 1, opts.edition, opts.strict))
            except RatingError:
                before = []
        result = adjust(now, before, y)
        movements = [{**m.to_json(), "before_label": None if m.before is None else level_label(m.before, lang),
                      "after_label": None if m.after is None else level_label(m.after, lang)}
                     for m in result.movements]
        return {**result.to_json(), "movements": movements, "edition": now[0].edition if now else opts.edition,
                "strict": opts.strict}

    with reasoner_errors():
        return await json_answer(store, cache, ("adjustment", opts, lang), answer)
