"""Service health and what the store holds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from reasoner import __version__
from reasoner.app import Service
from reasoner.app.schemas.parks import Health, StoreStats
from reasoner.store import OxigraphStore

from ..deps import get_service, get_store

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/health", summary="健康检查 / health", response_model=Health)
def health(store: Annotated[OxigraphStore, Depends(get_store)]) -> Health:
    """The service is up and its store answers."""
    return Health(status="ok", version=__version__, store=str(store.path) if store.path else "memory",
                  sources=len(store.sources()))


@router.get("/stats", summary="数据概况 / store contents", response_model=StoreStats)
def stats(svc: Annotated[Service, Depends(get_service)]) -> StoreStats:
    """Counts by kind, observations by year, and the loaded sources."""
    return svc.stats()
