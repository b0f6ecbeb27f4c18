"""Errors as JSON with a code and a message in Chinese and English, for every failure the service answers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class APIError(Exception):
    """A failure to answer as ``{"code", "message": {"zh", "en"}, ...}`` with an HTTP status."""

    def __init__(self, status: int, code: str, zh: str, en: str, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(en)
        self.status, self.code, self.zh, self.en, self.extra = status, code, zh, en, extra
        self.headers = headers


def error_body(code: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    """The JSON body of an error."""
    return {"code": code, "message": {"zh": zh, "en": en}, **extra}


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the JSON shape above."""

    @app.exception_handler(APIError)
    async def _api_error(_: Request, exc: APIError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.zh, exc.en, **exc.extra), status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse(error_body("bad-request", "请求参数有误", "invalid request parameters", details=details),
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        zh = {404: "未找到", 405: "不支持此方法", 401: "需要身份验证", 403: "无权访问"}.get(exc.status_code, "请求失败")
        return JSONResponse(error_body(f"http-{exc.status_code}", zh, str(exc.detail)), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))
