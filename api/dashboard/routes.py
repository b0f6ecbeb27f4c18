"""The dashboard's routes: server-rendered HTML pages at ``/``, ``/parks/{code}``, ``/chains``, ``/chains/{chain}``,
``/upload``, and the form posts of the what-if and the evidence upload. Thin: each reads its parameters, has
:mod:`.pages` build the page's view model from the application layer's answers, and renders its template. The
router's lifespan warms the application layer's answers up (:meth:`reasoner.app.Service.warm`).
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import TemplateError
from starlette.datastructures import UploadFile

from reasoner.app import Service
from reasoner.policy import PolicyError
from reasoner.rating import RatingError
from reasoner.rating.facts import UnknownPark

from ..deps import get_service, get_settings
from ..errors import APIError
from ..routes.evidence import store_upload, upload_name
from ..settings import Settings
from . import pages
from . import views as v
from .i18n import Ctx, context
from .render import preload, render


@asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Compile the templates and compute the latest year's answers in a worker thread while the server starts taking
    requests; wait for it (it stops between steps) before the app closes the store."""
    stop = threading.Event()
    service: Service = app.state.service

    def warm() -> None:
        try:
            preload()
        except TemplateError:  # the first page reports it
            logging.getLogger(__name__).debug("templates not compiled ahead", exc_info=True)
        service.warm(stop)

    worker = threading.Thread(target=warm, name="dashboard-warm-up", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        await anyio.to_thread.run_sync(worker.join)


router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse, lifespan=_warm_up)

Svc = Annotated[Service, Depends(get_service)]
Lang = Annotated[Ctx, Depends(context)]
Year = Annotated[int | None, Query()]

TEMPLATES: dict[type, str] = {
    v.ErrorPage: "error.html", v.ProvincePage: "province.html", v.ParkPage: "park.html",
    v.ChainsPage: "chains.html", v.ChainPage: "chain.html", v.UploadPage: "upload.html",
}
"""Each view model's template."""


def page(view: object, ctx: Ctx, status: int = 200) -> HTMLResponse:
    """The view model rendered by its template."""
    return HTMLResponse(render(TEMPLATES[type(view)], view, ctx.lang), status_code=status)


def check_token(token: str, settings: Settings) -> None:
    """The upload form's token against the service's (the form cannot send a header): as the API's bearer guard,
    401 without one, 403 for a wrong one or when uploads are disabled."""
    if not token:
        raise APIError(401, "unauthorized", "上传需要令牌", "uploads need a token")
    expected = settings.upload_token.encode() if settings.upload_token else None
    if expected is None or not hmac.compare_digest(token.encode(), expected):
        raise APIError(403, "forbidden", "令牌无效", "invalid token")


def _chosen_lang(ctx: Ctx, form: Mapping[str, object]) -> Ctx:
    """A form's hidden ``lang`` when the query string did not choose one."""
    lang = form.get("lang")
    if not ctx.explicit and isinstance(lang, str) and lang in ("zh", "en"):
        return Ctx(lang, True, ctx.path, ctx.params)
    return ctx


@router.get("/")
def province(svc: Svc, ctx: Lang, year: Year = None, city: str | None = None,
             chain: str | None = None) -> HTMLResponse:
    """全省概览 / the province page."""
    return page(pages.province(svc, ctx, year, city or None, chain or None), ctx)


@router.get("/parks/{code}")
def park(code: str, svc: Svc, ctx: Lang, year: Year = None) -> HTMLResponse:
    """园区页 / one park."""
    status, view = pages.park(svc, ctx, code, year)
    return page(view, ctx, status)


def _whatif(svc: Service, ctx: Ctx, code: str, form: dict[str, str]) -> tuple[int, v.ParkPage | v.ErrorPage]:
    try:
        year = int(form.get("year", ""))
    except ValueError:
        return 400, pages.error_page(ctx, code, "缺少年度 / the year is missing")
    try:
        stored = svc.rating(code, year)
    except (UnknownPark, RatingError, PolicyError):  # unknown park, no observations that year: the park page
        return pages.park(svc, ctx, code, year)
    asked = pages.whatif_input(form, stored)
    if asked.wrong:
        return 400, pages.error_page(ctx, code, "不是数值 / not a number: " + "；".join(asked.wrong))
    try:
        answer = svc.what_if(code, year, asked.overrides)
    except RatingError as e:
        return 400, pages.error_page(ctx, code, str(e))
    return pages.park(svc, ctx, code, year, whatif=(answer, form))


@router.post("/parks/{code}/what-if")
async def whatif(code: str, request: Request, svc: Svc, ctx: Lang) -> HTMLResponse:
    """假设分析 / what-if: rate the park-year again with the submitted values; nothing is stored."""
    form = {k: value for k, value in (await request.form()).items() if isinstance(value, str)}
    ctx = _chosen_lang(ctx, form)
    status, view = await anyio.to_thread.run_sync(_whatif, svc, ctx, code, form)
    return page(view, ctx, status)


@router.get("/chains")
def chains(svc: Svc, ctx: Lang, year: Year = None) -> HTMLResponse:
    """十大产业链 / the ten chains."""
    return page(pages.chains(svc, ctx, year), ctx)


@router.get("/chains/go")
def chain_go(ctx: Lang, chain: str, scope: str = "", year: Year = None) -> RedirectResponse:
    """The chain page's form: ``scope`` is ``park:CODE``, ``city:NAME`` or empty for the province."""
    kind, _, value = scope.partition(":")
    params = {"park": value if kind == "park" else None, "city": value if kind == "city" else None, "year": year}
    return RedirectResponse(ctx.href(f"/chains/{chain}", **params), status_code=303)


@router.get("/chains/{chain_id}")
def chain(chain_id: str, svc: Svc, ctx: Lang, year: Year = None, park: str | None = None,
          city: str | None = None) -> HTMLResponse:
    """产业链页 / one chain for the province, a city or a park."""
    status, view = pages.chain(svc, ctx, chain_id, year, park or None, city or None)
    return page(view, ctx, status)


@router.get("/upload")
def upload_form(ctx: Lang) -> HTMLResponse:
    """证据上传 / the evidence upload form."""
    return page(pages.upload(ctx), ctx)


@router.post("/upload")
async def upload(request: Request, svc: Svc, ctx: Lang,
                 settings: Annotated[Settings, Depends(get_settings)]) -> HTMLResponse:
    """Upload evidence with the token: stored whole after validation, or refused with the report."""
    form = await request.form()
    ctx = _chosen_lang(ctx, form)
    token = str(form.get("token") or "")
    file = form.get("file")
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
        view = pages.upload(ctx, status="refused", message=e.zh if ctx.lang == "zh" else e.en,
                            report=e.extra.get("report", []))
        return page(view, ctx, e.status)
    return page(pages.upload(ctx, status="done", done=done.model_dump()), ctx, 201)

