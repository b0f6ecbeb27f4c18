"""The policy's fixed facts: the ten chains with their segments and clusters, the indicators, the measures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from reasoner import vocabulary
from reasoner.store import OxigraphStore

from ..deps import get_store, language
from ..errors import APIError
from ..negotiate import negotiated

router = APIRouter(prefix="/api", tags=["vocabulary 政策词表"])


@router.get("/chains", summary="十大标志性产业链 / the ten landmark chains")
def chains(lang: Annotated[str, Depends(language)]) -> list[dict[str, Any]]:
    """The ten landmark chains in the policy's order."""
    return vocabulary.chains(lang)


@router.get("/chains/{chain_id}", summary="产业链及其环节 / one chain with its segments",
            responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}}}})
def chain(chain_id: str, request: Request, store: Annotated[OxigraphStore, Depends(get_store)],
          lang: Annotated[str, Depends(language)]) -> Response:
    """One chain: segments upstream→downstream, its basis (sourced or the project's assumption), its clusters."""
    try:
        data = vocabulary.chain(chain_id, lang)
    except vocabulary.UnknownTerm as e:
        raise APIError(404, "unknown-chain", f"未知的产业链：{chain_id}", str(e)) from e
    return negotiated(request, store, vocabulary.describe_query(data["iri"]), data)


@router.get("/indicators", summary="评价指标 / the eleven indicators")
def indicators(lang: Annotated[str, Depends(language)]) -> list[dict[str, Any]]:
    """The eleven indicators of the criteria table with unit, direction and group."""
    return vocabulary.indicators(lang)


@router.get("/measures", summary="支持措施与约束性要求 / measures and obligations")
def measures(lang: Annotated[str, Depends(language)]) -> list[dict[str, Any]]:
    """M1–M12 and O1, O2 with their clauses."""
    return vocabulary.measures(lang)


@router.get("/measures/{measure_id}", summary="一项措施 / one measure",
            responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}}}})
def measure(measure_id: str, request: Request, store: Annotated[OxigraphStore, Depends(get_store)],
            lang: Annotated[str, Depends(language)]) -> Response:
    """One measure or obligation with its clause and the policy's words."""
    try:
        data = vocabulary.measure(measure_id, lang)
    except vocabulary.UnknownTerm as e:
        raise APIError(404, "unknown-measure", f"未知的措施：{measure_id}", str(e)) from e
    return negotiated(request, store, vocabulary.describe_query(data["iri"]), data)
