"""The dashboard's routes: server-rendered HTML pages at ``/``, ``/parks/{code}``, ``/chains/{chain}``, ``/upload``,
and the form posts of the what-if and the evidence upload. Thin: they read parameters and call :mod:`.pages`."""

from __future__ import annotations

import hmac
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal, InvalidOperation
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from reasoner.app import Service
from reasoner.rating import INDICATORS, RatingError, park_facts, rate_values
from reasoner.store import OxigraphStore

from ..deps import get_service, get_settings, get_store
from ..errors import APIError
from ..routes.evidence import store_upload, upload_name
from ..settings import Settings
from . import data, pages
from .i18n import Ctx, context


@asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Compute the latest year's figures in a worker thread while the server starts taking requests; wait for it
    (it stops between steps) before the app closes the store."""
    stop = threading.Event()
    worker = threading.Thread(target=data.warm, args=(app.state.store, stop), name="dashboard-warm-up", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        await anyio.to_thread.run_sync(worker.join)


router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse, lifespan=_warm_up)

Store = Annotated[OxigraphStore, Depends(get_store)]
Lang = Annotated[Ctx, Depends(context)]
Year = Annotated[int | None, Query()]


def check_token(token: str, settings: Settings) -> None:
    """The upload form's token against the service's (the form cannot send a header): as the API's bearer guard,
    401 without one, 403 for a wrong one or when uploads are disabled."""
    if not token:
        raise APIError(401, "unauthorized", "上传需要令牌", "uploads need a token")
    expected = settings.upload_token.encode() if settings.upload_token else None
    if expected is None or not hmac.compare_digest(token.encode(), expected):
        raise APIError(403, "forbidden", "令牌无效", "invalid token")


def _html(status: int, body: str) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


@router.get("/")
def province(store: Store, ctx: Lang, year: Year = None, city: str | None = None,
             chain: str | None = None) -> HTMLResponse:
    """全省概览 / the province page."""
    return _html(200, pages.province_page(store, ctx, year, city or None, chain or None))


@router.get("/parks/{code}")
def park(code: str, store: Store, ctx: Lang, year: Year = None) -> HTMLResponse:
    """园区页 / one park."""
    return _html(*pages.park_page(store, ctx, code, year))


def _whatif(store: OxigraphStore, ctx: Ctx, code: str, form: dict[str, str]) -> tuple[int, str]:
    try:
        year = int(form.get("year", ""))
    except ValueError:
        return 400, pages.error_page(ctx, code, "缺少年度 / the year is missing")
    actual = data.rating_of(store, code, year)
    if actual is None:
        return pages.park_page(store, ctx, code, year)
    overrides: dict[str, Decimal | None] = {}
    wrong = []
    for c in INDICATORS:
        text = form.get(c, "").strip().replace(",", "")
        try:
            value = Decimal(text) if text else None
        except InvalidOperation:
            wrong.append(f"{c}：{text}")
            continue
        if value is not None and not value.is_finite():
            wrong.append(f"{c}：{text}")
            continue
        if value != actual.indicators[c].value:
            overrides[c] = value
    if wrong:
        return 400, pages.error_page(ctx, code, "不是数值 / not a number: " + "；".join(wrong))
    try:
        new = rate_values(park_facts(store, code, year), overrides, edition=actual.edition, strict=actual.strict)
    except RatingError as e:
        return 400, pages.error_page(ctx, code, str(e))
    return pages.park_page(store, ctx, code, year, whatif=(new, form, sorted(overrides, key=lambda c: int(c[1:]))))


@router.post("/parks/{code}/what-if")
async def whatif(code: str, request: Request, store: Store, ctx: Lang) -> HTMLResponse:
    """假设分析 / what-if: rate the park-year again with the submitted values; nothing is stored."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if "lang" in form and not ctx.explicit and form["lang"] in ("zh", "en"):
        ctx = Ctx(form["lang"], True, ctx.path, ctx.params)
    return _html(*await anyio.to_thread.run_sync(_whatif, store, ctx, code, form))


@router.get("/chains")
def chains(store: Store, ctx: Lang, year: Year = None) -> HTMLResponse:
    """十大产业链 / the ten chains."""
    return _html(200, pages.chains_index(store, ctx, year))


@router.get("/chains/go")
def chain_go(ctx: Lang, chain: str, scope: str = "", year: Year = None) -> RedirectResponse:
    """The chain page's form: ``scope`` is ``park:CODE``, ``city:NAME`` or empty for the province."""
    kind, _, value = scope.partition(":")
    params = {"park": value if kind == "park" else None, "city": value if kind == "city" else None, "year": year}
    return RedirectResponse(ctx.href(f"/chains/{chain}", **params), status_code=303)


@router.get("/chains/{chain_id}")
def chain(chain_id: str, store: Store, ctx: Lang, year: Year = None, park: str | None = None,
          city: str | None = None) -> HTMLResponse:
    """产业链页 / one chain for the province, a city or a park."""
    return _html(*pages.chain_page(store, ctx, chain_id, year, park or None, city or None))


@router.get("/upload")
def upload_form(ctx: Lang) -> HTMLResponse:
    """证据上传 / the evidence upload form."""
    return _html(200, pages.upload_page(ctx))


@router.post("/upload")
async def upload(request: Request, svc: Annotated[Service, Depends(get_service)], ctx: Lang,
                 settings: Annotated[Settings, Depends(get_settings)]) -> HTMLResponse:
    """Upload evidence with the token: stored whole after validation, or refused with the report."""
    form = await request.form()
    if not ctx.explicit and form.get("lang") in ("zh", "en"):
        ctx = Ctx(str(form["lang"]), True, ctx.path, ctx.params)
    token = str(form.get("token") or "")
    file = form.get("file")

    def refused(e: APIError) -> HTMLResponse:
        report = e.extra.get("report", [])
        return _html(e.status, pages.upload_page(ctx, status="refused", message=e.zh if ctx.lang == "zh" else e.en,
                                                 report=report))

    try:
        check_token(token, settings)
        if not isinstance(file, UploadFile) or not file.filename:
            raise APIError(400, "no-file", "请选择要上传的文件", "choose a file to upload")
        name = upload_name(file.filename, file.content_type or "")
        body = await file.read(settings.upload_max_bytes + 1)
        if len(body) > settings.upload_max_bytes:
            raise APIError(413, "too-large", f"上传超过 {settings.upload_max_bytes} 字节上限",
                           f"the upload passes the {settings.upload_max_bytes}-byte limit")
        done = await store_upload(svc, name, body)
    except APIError as e:
        return refused(e)
    return _html(201, pages.upload_page(ctx, status="done", done=done.model_dump()))
