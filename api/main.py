"""The FastAPI application: one store opened at start-up, the routers, the JSON error shape."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from reasoner import __version__
from reasoner.app import Service, VersionCache
from reasoner.store import OxigraphStore

from . import errors
from .routes import chains, evidence, measures, meta, parks, province, ratings, readings, scenarios, sparql, vocabulary
from .settings import Settings
from .sparql import SparqlRunner

DESCRIPTION = """浙江省制造业高质量发展示范园区（星级园区）知识图谱 API。
中文为默认语言，`Accept-Language: en` 返回英文标签。

Zhejiang star-park knowledge graph API. Chinese by default; `Accept-Language: en` for English labels.
Park, chain and measure resources answer Turtle or JSON-LD by `Accept`. Errors are JSON:
`{"code": …, "message": {"zh": …, "en": …}}`."""


def create_app(settings: Settings | None = None, store: OxigraphStore | None = None) -> FastAPI:
    """Build the app over ``store`` (or the on-disk store the settings name, opened at start-up)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store or OxigraphStore(settings.store_path())
        app.state.service = Service(app.state.store, VersionCache())
        path = app.state.store.path
        app.state.sparql = SparqlRunner(path, settings.sparql_workers) if path is not None else None
        try:
            yield
        finally:
            if app.state.sparql is not None:
                app.state.sparql.close()
            if own:
                app.state.store.close()

    app = FastAPI(title="parkstar", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    errors.install(app)
    # chains before vocabulary: /api/chains/anchors must not be taken for a chain called "anchors"
    for module in (meta, parks, ratings, measures, readings, chains, province, scenarios, vocabulary, sparql,
                   evidence):
        app.include_router(module.router)
    from .dashboard import router as dashboard  # the HTML dashboard at / (kept apart from the JSON routers)
    app.include_router(dashboard)
    return app
