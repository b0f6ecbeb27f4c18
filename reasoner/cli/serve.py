"""``parkstar serve``: the HTTP service (FastAPI under uvicorn) over the on-disk store."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import StoreOption, app


@app.command("serve")
def serve_cmd(
    host: Annotated[str | None, typer.Option("--host", help="监听地址 / address (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option("--port", help="端口 / port (default 8000)")] = None,
    store: StoreOption = None,
    token: Annotated[str | None, typer.Option("--upload-token", envvar="PARKSTAR_UPLOAD_TOKEN",
                                              help="证据上传令牌 / bearer token for uploads")] = None,
) -> None:
    """启动 HTTP 服务与 SPARQL 端点 / start the HTTP API and the SPARQL endpoint."""
    import uvicorn

    from api.main import create_app
    from api.settings import Settings

    overrides = {k: v for k, v in (("host", host), ("port", port), ("store", store), ("upload_token", token))
                 if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
