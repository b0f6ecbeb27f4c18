"""Dependencies shared by the routes: the store, the settings, the reader's language, the upload token."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from reasoner.store import OxigraphStore

from .errors import APIError
from .settings import Settings
from .sparql import SparqlRunner


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> OxigraphStore:
    """The app's store (opened once, at start-up)."""
    store: OxigraphStore = request.app.state.store
    return store


def get_runner(request: Request) -> SparqlRunner | None:
    """The SPARQL worker pool (None for an in-memory store)."""
    runner: SparqlRunner | None = request.app.state.sparql
    return runner


def language(accept_language: str | None = Header(default=None)) -> str:
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


def require_token(authorization: Annotated[str | None, Header()] = None,
                  settings: Annotated[Settings | None, Depends(get_settings)] = None) -> None:
    """Bearer-token guard for writes: 401 without a token, 403 with a wrong one (or when uploads are disabled)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise APIError(401, "unauthorized", "上传需要令牌：Authorization: Bearer <令牌>",
                       "uploads need a token: Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    given = authorization[7:].strip().encode()
    expected = settings.upload_token.encode() if settings is not None and settings.upload_token else None
    if expected is None or not hmac.compare_digest(given, expected):
        raise APIError(403, "forbidden", "令牌无效", "invalid token")
