"""Service health and what the store holds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from reasoner import __version__
from reasoner.store import OxigraphStore

from ..deps import get_store

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/health", summary="健康检查 / health")
def health(store: Annotated[OxigraphStore, Depends(get_store)]) -> dict[str, Any]:
    """The service is up and its store answers."""
    return {"status": "ok", "version": __version__, "store": str(store.path) if store.path else "memory",
            "sources": len(store.sources())}


@router.get("/stats", summary="数据概况 / store contents")
def stats(store: Annotated[OxigraphStore, Depends(get_store)]) -> dict[str, Any]:
    """Counts by kind, observations by year, and the loaded sources."""
    from reasoner.cli.data import store_stats

    return store_stats(store)
