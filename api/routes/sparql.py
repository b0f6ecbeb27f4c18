"""The SPARQL 1.1 Protocol endpoint: GET and POST, read-only, checked before it runs, limited in time and rows."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from reasoner.store import OxigraphStore

from ..deps import get_runner, get_settings, get_store
from ..errors import APIError
from ..settings import Settings
from ..sparql import FORMATS, GRAPH_FORMATS, QueryRefused, SparqlRunner, check_query

router = APIRouter(tags=["sparql"])

EXAMPLE = ("SELECT ?code ?name WHERE { ?p a ps:Park ; ps:parkCode ?code ; rdfs:label ?name } "
           "ORDER BY ?code LIMIT 10")


def _result_format(accept: str, form: str) -> tuple[str, str, str]:
    """(media type, results format, graph format) from the Accept header; JSON and Turtle by default."""
    graph_fmt, graph_media = "TURTLE", "text/turtle"
    for media in (m.split(";")[0].strip().lower() for m in accept.split(",")):
        if form in ("CONSTRUCT", "DESCRIBE") and media in GRAPH_FORMATS:
            return media, "JSON", GRAPH_FORMATS[media]
        if form in ("SELECT", "ASK") and media in FORMATS:
            return media, FORMATS[media], graph_fmt
    if form in ("CONSTRUCT", "DESCRIBE"):
        return graph_media, "JSON", graph_fmt
    return "application/sparql-results+json", "JSON", graph_fmt


async def _run(query: str | None, request: Request, store: OxigraphStore, runner: SparqlRunner | None,
               settings: Settings) -> Response:
    if not query:
        raise APIError(400, "no-query", "缺少 query 参数", "missing the query parameter")
    store.refresh()
    graphs = [g.value for g in store.active_graphs]
    try:
        checked = check_query(query, set(graphs))
        media, fmt, graph_fmt = _result_format(request.headers.get("accept", ""), checked.form)
        if runner is None:
            raise APIError(503, "no-worker", "内存存储不提供受限 SPARQL 端点",
                           "the SPARQL endpoint needs an on-disk store")
        union = [g.value for g in store.union_graphs]  # saved scenarios are named graphs only, as in the store
        body = await anyio.to_thread.run_sync(
            lambda: runner.run(checked, graphs, fmt, graph_fmt, settings.sparql_timeout, settings.sparql_max_rows,
                               union))
    except QueryRefused as e:
        raise APIError(e.status, e.code, e.zh, e.en) from e
    return Response(content=body, media_type=media)


@router.get("/sparql", summary="SPARQL 查询（只读）/ SPARQL query (read-only)")
async def sparql_get(
    request: Request,
    store: Annotated[OxigraphStore, Depends(get_store)],
    runner: Annotated[SparqlRunner | None, Depends(get_runner)],
    settings: Annotated[Settings, Depends(get_settings)],
    query: str | None = None,
) -> Response:
    """SPARQL 1.1 Protocol query via GET (``?query=``). parkstar's prefixes (ps:, park:, ind: …) are predeclared."""
    return await _run(query, request, store, runner, settings)


@router.post("/sparql", summary="SPARQL 查询（只读）/ SPARQL query (read-only)",
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"example": EXAMPLE},
                 "application/x-www-form-urlencoded": {"example": "query=" + EXAMPLE}}}})
async def sparql_post(
    request: Request,
    store: Annotated[OxigraphStore, Depends(get_store)],
    runner: Annotated[SparqlRunner | None, Depends(get_runner)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Response:
    """SPARQL 1.1 Protocol query via POST (``application/sparql-query`` or a form with ``query``).
    Updates are refused (403), whichever way they are sent."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = (await request.body()).decode("utf-8", errors="replace")
    form = parse_qs(raw) if ctype == "application/x-www-form-urlencoded" else {}
    if ctype == "application/sparql-update" or "update" in form:
        raise APIError(403, "update", "只读端点：不接受更新", "read-only endpoint: updates are refused")
    if ctype == "application/x-www-form-urlencoded":
        query: str | None = form["query"][0] if form.get("query") else None
    elif ctype == "application/sparql-query":
        query = raw
    else:
        raise APIError(415, "media-type", "请用 application/sparql-query 或表单提交查询",
                       "send application/sparql-query or a form with query")
    return await _run(query, request, store, runner, settings)
