"""Dependencies shared by the routes: the application layer over the app's store, the settings, the reader's
language, the rating options (year, edition, strict, as-of) and the upload token. All are ``async``: none waits on
anything, and FastAPI would run a plain function in a worker thread, a hop per dependency per request."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Request

from reasoner.app import RatingOptions, Service
from reasoner.policy import DEFAULT_READINGS, PolicyError, Readings, policy
from reasoner.store import OxigraphStore

from .errors import APIError
from .settings import Settings
from .sparql import SparqlRunner


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> OxigraphStore:
    """The app's store (opened once, at start-up)."""
    store: OxigraphStore = request.app.state.store
    return store


async def get_service(request: Request) -> Service:
    """The application layer over the app's store, with the one cache of answers per store version."""
    service: Service = request.app.state.service
    return service


async def get_runner(request: Request) -> SparqlRunner | None:
    """The SPARQL worker pool (None for an in-memory store)."""
    runner: SparqlRunner | None = request.app.state.sparql
    return runner


async def language(accept_language: str | None = Header(default=None)) -> str:
    """``zh`` unless the reader prefers English (``Accept-Language: en``); Chinese is the default."""
    if not accept_language:
        return "zh"
    best, best_q = "zh", -1.0
    for part in accept_language.split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang = tag.strip().lower()[:2]
        if lang in ("zh", "en") and q > best_q:
            best, best_q = lang, q
    return best


async def require_token(authorization: Annotated[str | None, Header()] = None,
                  settings: Annotated[Settings | None, Depends(get_settings)] = None) -> None:
    """Bearer-token guard for writes: 401 without a token, 403 with a wrong one (or when uploads are disabled)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise APIError(401, "unauthorized", "上传需要令牌：Authorization: Bearer <令牌>",
                       "uploads need a token: Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    given = authorization[7:].strip().encode()
    expected = settings.upload_token.encode() if settings is not None and settings.upload_token else None
    if expected is None or not hmac.compare_digest(given, expected):
        raise APIError(403, "forbidden", "令牌无效", "invalid token")


async def readings(
    reading: Annotated[list[str] | None, Query(
        description="选用非默认解读 键:选项，可重复（GET /api/readings 列出全部）/ choose a reading's alternative, "
                    "KEY:VALUE, repeatable", examples=["relaxation:requirement"])] = None,
) -> Readings:
    """The readings chosen in the query string (none: the defaults); an unknown one is a 400 naming the choices."""
    try:
        return policy().choose(reading or [])
    except PolicyError as e:
        zh, _, en = str(e).partition(" / ")
        raise APIError(400, "unknown-reading", zh, en or zh) from e


@dataclass(frozen=True)
class RatingQuery:
    """The year asked (None: the latest with data) and how to rate it."""

    year: int | None
    opts: RatingOptions


async def rating_query(
    year: Annotated[int | None, Query(ge=1900, le=2200, description="评定年度（默认：有数据的最近一年）/ rating year",
                                      examples=[2024])] = None,
    edition: Annotated[str | None, Query(description="评价标准版本（默认：该年度默认版本）/ criteria edition",
                                         examples=["2020-a", "2020-c"])] = None,
    strict: Annotated[bool, Query(description="严格执行，不放宽 / no relaxation")] = False,
    as_of: Annotated[dt.date | None, Query(description="评定基准日（默认：评定年度 12 月 31 日）/ assessment date",
                                           examples=["2024-06-30"])] = None,
    chosen: Annotated[Readings, Depends(readings)] = DEFAULT_READINGS,
) -> RatingQuery:
    """The rating options from the query string (a malformed one is a 400)."""
    return RatingQuery(year, RatingOptions(edition, strict, as_of, chosen))
