"""Evidence upload: Turtle, JSON-LD, CSV or XLSX in the ingest templates; token-guarded, all or nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Request

from reasoner.app import Service
from reasoner.app.schemas.parks import UploadAnswer
from reasoner.ingest import IngestError

from ..deps import get_service, get_settings, require_token
from ..errors import APIError
from ..settings import Settings

router = APIRouter(prefix="/api", tags=["evidence 证据上传"])

SUFFIX_BY_TYPE = {
    "text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/n-triples": ".nt", "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")

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


def upload_refused(e: IngestError) -> APIError:
    """The 422 answer of a refused upload, with the validation report (``extra["report"]``)."""
    return APIError(422, "invalid-evidence", f"证据未通过校验（{len(e.problems)} 个问题），未写入任何数据",
                    f"the evidence failed validation ({len(e.problems)} problems); nothing was stored",
                    report=[p.as_dict() for p in e.problems])


async def store_upload(svc: Service, name: str, data: bytes) -> UploadAnswer:
    """Store an upload through the application layer in a worker thread (the JSON route and the dashboard's upload
    page both call this); a refused file is a 422 with its report, and nothing is stored."""
    try:
        return await anyio.to_thread.run_sync(svc.upload, name, data)
    except IngestError as e:
        raise upload_refused(e) from e


@router.post("/evidence", summary="上传证据 / upload evidence", dependencies=[Depends(require_token)],
             status_code=201, response_model=UploadAnswer)
async def upload(
    request: Request,
    svc: Annotated[Service, Depends(get_service)],
    settings: Annotated[Settings, Depends(get_settings)],
    filename: str | None = None,
) -> UploadAnswer:
    """Store one file as its own named graph after the evidence shapes pass; refuse it whole (422, with the
    validation report: file, row, column / focus node, path, message) when anything fails.

    Send the file as the request body with its ``Content-Type`` (text/csv, text/turtle, application/ld+json,
    the XLSX type) and ``?filename=`` (the file name identifies the source: uploading it again replaces it)."""
    name = upload_name(filename, request.headers.get("content-type", ""))
    data = await _read_limited(request, settings.upload_max_bytes)
    return await store_upload(svc, name, data)
