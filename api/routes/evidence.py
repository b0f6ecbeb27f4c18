"""Evidence upload: Turtle, JSON-LD, CSV or XLSX in the ingest templates; token-guarded, all or nothing."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request

from reasoner.ingest import IngestError, LoadReport, load
from reasoner.measures.writeback import refresh_stored_answers
from reasoner.rating.stored import rerate_after_load
from reasoner.store import OxigraphStore

from ..deps import get_settings, get_store, require_token
from ..errors import APIError
from ..settings import Settings

router = APIRouter(prefix="/api", tags=["evidence 证据上传"])

SUFFIX_BY_TYPE = {
    "text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/n-triples": ".nt", "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")

AFTER_UPLOAD: list[Callable[[OxigraphStore, LoadReport], dict[str, Any]]] = [rerate_after_load,
                                                                           refresh_stored_answers]
"""Callables ``(store, report) -> dict`` run in order after a successful upload; each returns what it did, merged
into the response. The first re-rates and stores the ratings the upload affects (``{"rerated": …}``), the second
answers again the support measures of every year whose answers are stored (``{"measures_reanswered": …}``)."""


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise APIError(413, "too-large", f"上传超过 {limit} 字节上限", f"the upload passes the {limit}-byte limit")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise APIError(413, "too-large", f"上传超过 {limit} 字节上限", f"the upload passes the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def upload_name(filename: str | None, content_type: str) -> str:
    """The stored file name of an upload (from ``filename`` or the content type); 415 for an unknown kind."""
    ctype = content_type.split(";")[0].strip().lower()
    name = SAFE_NAME.sub("_", Path(filename or "").name) if filename else ""
    suffix = Path(name).suffix.lower() if name else SUFFIX_BY_TYPE.get(ctype, "")
    if suffix not in {".ttl", ".jsonld", ".json", ".nt", ".csv", ".xlsx"}:
        raise APIError(415, "media-type", "请上传 Turtle、JSON-LD、CSV 或 XLSX 文件",
                       "upload Turtle, JSON-LD, CSV or XLSX (give Content-Type or ?filename=)")
    return name or f"upload{suffix}"


def store_upload(store: OxigraphStore, name: str, data: bytes) -> dict[str, Any]:
    """Validate ``data`` (a file called ``name``) and store it as one source, all or nothing, then run the
    after-upload hooks; the JSON route and the dashboard's upload page both call this (blocking: run it in a
    worker thread).

    Raises:
        APIError: 422 with the validation report (``extra["report"]``) when anything fails; nothing is stored.
    """
    with tempfile.TemporaryDirectory(prefix="parkstar-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            report = load(store, [path], names={path: name}, keys={path: f"upload:{name}"})
        except IngestError as e:
            raise APIError(422, "invalid-evidence", f"证据未通过校验（{len(e.problems)} 个问题），未写入任何数据",
                           f"the evidence failed validation ({len(e.problems)} problems); nothing was stored",
                           report=[p.as_dict() for p in e.problems]) from e
    done: dict[str, Any] = {}
    for hook in AFTER_UPLOAD:
        done.update(hook(store, report))
    src = report.sources[0]
    return {"source": src.key, "file": src.file, "template": src.template, "triples": src.triples,
            "conversions": src.conversions, **done}


@router.post("/evidence", summary="上传证据 / upload evidence", dependencies=[Depends(require_token)],
             status_code=201)
async def upload(
    request: Request,
    store: Annotated[OxigraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    filename: str | None = None,
) -> dict[str, Any]:
    """Store one file as its own named graph after the evidence shapes pass; refuse it whole (422, with the
    validation report: file, row, column / focus node, path, message) when anything fails.

    Send the file as the request body with its ``Content-Type`` (text/csv, text/turtle, application/ld+json,
    the XLSX type) and ``?filename=`` (the file name identifies the source: uploading it again replaces it)."""
    name = upload_name(filename, request.headers.get("content-type", ""))
    data = await _read_limited(request, settings.upload_max_bytes)
    return await anyio.to_thread.run_sync(store_upload, store, name, data)
