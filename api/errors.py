"""Errors as JSON with a code and a message in Chinese and English, for every failure the service answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
        if any(d["loc"][:1] == ["body"] for d in details):  # a well-formed request whose body cannot be used
            return JSONResponse(error_body("invalid-body", "请求体有误", "invalid request body", details=details),
                                status_code=422)
        return JSONResponse(error_body("bad-request", "请求参数有误", "invalid request parameters", details=details),
                            status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        zh = {404: "未找到", 405: "不支持此方法", 401: "需要身份验证", 403: "无权访问"}.get(exc.status_code, "请求失败")
        return JSONResponse(error_body(f"http-{exc.status_code}", zh, str(exc.detail)), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))


def split_message(message: str) -> tuple[str, str]:
    """A reasoner message "中文 / English" as (zh, en); one language serves as both when there is no separator."""
    zh, sep, en = message.partition(" / ")
    return (zh, en) if sep else (message, message)


@contextmanager
def reasoner_errors() -> Iterator[None]:
    """Turn the reasoner's exceptions into JSON errors: unknown park, chain, city, year or saved scenario → 404, an
    edition, parameter or scenario name that cannot be used → 400."""
    from reasoner import parks
    from reasoner.chains import (
        ChainAnalysisError,
        NoDataForYearError,
        UnknownChainError,
        UnknownCityError,
        UnknownParkError,
    )
    from reasoner.policy import PolicyError
    from reasoner.rating import RatingError
    from reasoner.rating import UnknownPark as RatingUnknownPark
    from reasoner.scenarios import ScenarioError, UnknownScenario

    try:
        yield
    except (parks.UnknownPark, RatingUnknownPark, UnknownParkError) as e:
        code = getattr(e, "code", "")
        raise APIError(404, "unknown-park", f"没有代码为 {code} 的园区", f"no park with code {code}") from e
    except UnknownChainError as e:
        zh, en = split_message(str(e))
        raise APIError(404, "unknown-chain", zh, en) from e
    except UnknownCityError as e:
        zh, en = split_message(str(e))
        raise APIError(404, "unknown-city", zh, en) from e
    except NoDataForYearError as e:
        zh, en = split_message(str(e))
        raise APIError(404, "unknown-year", zh, en) from e
    except ChainAnalysisError as e:
        zh, en = split_message(str(e))
        raise APIError(400, "bad-request", zh, en) from e
    except UnknownScenario as e:
        zh, en = split_message(str(e))
        raise APIError(404, "unknown-scenario", zh, en) from e
    except ScenarioError as e:
        zh, en = split_message(str(e))
        raise APIError(400, "bad-scenario", zh, en) from e
    except PolicyError as e:
        raise APIError(400, "bad-edition", f"评价标准版本不可用：{e}", f"criteria edition unusable: {e}") from e
    except RatingError as e:
        zh, en = split_message(str(e))
        raise APIError(404, "unknown-year", zh, en) from e
