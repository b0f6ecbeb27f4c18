"""The reasoner's answers as the routes need them, computed once per store version (``cache.py``), and labels in
the reader's language. Each function calls ``reasoner`` and adds nothing of the policy."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response

from reasoner.policy import policy
from reasoner.rating import Rating, rate_store
from reasoner.rating.engine import latest_year
from reasoner.rating.facts import rated_years
from reasoner.store import OxigraphStore

from .cache import VersionCache
from .deps import RatingOptions
from .errors import APIError


def observed_years(store: OxigraphStore, cache: VersionCache) -> list[int]:
    """The years with indicator observations."""
    return cache.get(store, ("years",), lambda: rated_years(store))


def year_of(store: OxigraphStore, cache: VersionCache, year: int | None) -> int:
    """``year`` when the store holds indicator observations for it, else the latest year that has them.

    Raises:
        APIError: 404 ``unknown-year`` when ``year`` has no observations.
        RatingError: the store holds no observations at all.
    """
    if year is None:
        return cache.get(store, ("latest",), lambda: latest_year(store))
    known = observed_years(store, cache)
    if year not in known:
        have = "、".join(map(str, known)) or "无"
        raise APIError(404, "unknown-year", f"存储中没有 {year} 年的指标观测值；有数据的年份：{have}",
                       f"no indicator observations for {year}; years with data: {', '.join(map(str, known))}")
    return year


def year_ratings(store: OxigraphStore, cache: VersionCache, year: int, opts: RatingOptions) -> list[Rating]:
    """Every park's rating of ``year`` (ranked within levels), rated once per store version and options."""
    return cache.get(store, ("ratings", year, opts.edition, opts.strict, opts.as_of),
                     lambda: rate_store(store, [year], edition=opts.edition, strict=opts.strict, as_of=opts.as_of))


def level_label(level: int, lang: str) -> str:
    """A star level's label (0: below three stars) in ``lang``."""
    return policy().level_name(level, lang)


def localised(data: Any, lang: str) -> Any:
    """A copy of chain-analysis JSON where every term with ``name_zh``/``name_en`` also has ``label`` in ``lang``."""
    if isinstance(data, dict):
        out = {k: localised(v, lang) for k, v in data.items()}
        if "name_zh" in data and "name_en" in data:
            out["label"] = (data["name_en"] if lang == "en" else data["name_zh"]) or data["name_zh"] or \
                data["name_en"] or data.get("id", "")
        return out
    if isinstance(data, list):
        return [localised(v, lang) for v in data]
    return data


async def json_answer(store: OxigraphStore, cache: VersionCache, key: tuple[Hashable, ...],
                      compute: Callable[[], Any]) -> Response:
    """The JSON of ``compute()``, encoded once per store version and ``key`` and then served as bytes; computed in a
    worker thread (exceptions propagate to the caller)."""
    def encoded() -> bytes:
        return json.dumps(jsonable_encoder(compute()), ensure_ascii=False, separators=(",", ":")).encode()

    body = await cache.aget(store, ("json", *key), encoded)
    return Response(body, media_type="application/json")
