"""The policy's fixed facts: the ten chains with their segments and clusters, the indicators, the measures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from reasoner import vocabulary
from reasoner.app.schemas.parks import ChainDetail, ChainSummary, IndicatorInfo, MeasureInfo
from reasoner.store import OxigraphStore

from ..deps import get_store, language
from ..errors import APIError
from ..negotiate import RDF_RESPONSES, negotiated

router = APIRouter(prefix="/api", tags=["vocabulary 政策词表"])


@router.get("/chains", summary="十大标志性产业链 / the ten landmark chains", response_model=list[ChainSummary])
def chains(lang: Annotated[str, Depends(language)]) -> list[ChainSummary]:
    """The ten landmark chains in the policy's order."""
    return [ChainSummary.model_validate(c) for c in vocabulary.chains(lang)]


@router.get("/chains/{chain_id}", summary="产业链及其环节 / one chain with its segments", response_model=ChainDetail,
            responses=RDF_RESPONSES)
def chain(chain_id: str, request: Request, store: Annotated[OxigraphStore, Depends(get_store)],
          lang: Annotated[str, Depends(language)]) -> Response:
    """One chain: segments upstream→downstream, its basis (sourced or the project's assumption), its clusters."""
    try:
        data = vocabulary.chain(chain_id, lang)
    except vocabulary.UnknownTerm as e:
        raise APIError(404, "unknown-chain", f"未知的产业链：{chain_id}", str(e)) from e
    return negotiated(request, store, vocabulary.describe_query(data["iri"]), ChainDetail.model_validate(data))


@router.get("/indicators", summary="评价指标 / the eleven indicators", response_model=list[IndicatorInfo])
def indicators(lang: Annotated[str, Depends(language)]) -> list[IndicatorInfo]:
    """The eleven indicators of the criteria table with unit, direction and group."""
    return [IndicatorInfo.model_validate(i) for i in vocabulary.indicators(lang)]


@router.get("/measures", summary="支持措施与约束性要求 / measures and obligations", response_model=list[MeasureInfo])
def measures(lang: Annotated[str, Depends(language)]) -> list[MeasureInfo]:
    """M1–M12 and O1, O2 with their clauses."""
    return [MeasureInfo.model_validate(m) for m in vocabulary.measures(lang)]


@router.get("/measures/{measure_id}", summary="一项措施 / one measure", response_model=MeasureInfo,
            responses=RDF_RESPONSES)
def measure(measure_id: str, request: Request, store: Annotated[OxigraphStore, Depends(get_store)],
            lang: Annotated[str, Depends(language)]) -> Response:
    """One measure or obligation with its clause and the policy's words."""
    try:
        data = vocabulary.measure(measure_id, lang)
    except vocabulary.UnknownTerm as e:
        raise APIError(404, "unknown-measure", f"未知的措施：{measure_id}", str(e)) from e
    return negotiated(request, store, vocabulary.describe_query(data["iri"]), MeasureInfo.model_validate(data))
