"""The landmark chains' analysis (强链补链, 二(一)): anchor parks of every chain or of one, and a chain's
completeness in a park, a 设区市 or the province. The chain resource itself (segments, clusters; Turtle and JSON-LD
by ``Accept``) is ``GET /api/chains/{chain}`` in ``vocabulary.py``.

Answers are chain-analysis JSON (every term with ``name_zh`` and ``name_en``) plus ``label`` in the reader's
language, computed once per store version.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from reasoner.app import Service
from reasoner.app.schemas.chains import AnchorsOut, CompletenessOut

from ..answers import json_answer
from ..deps import get_service, language
from ..errors import APIError, reasoner_errors

router = APIRouter(prefix="/api/chains", tags=["chains 产业链"])

CHAIN_EXAMPLES = {
    "integrated-circuits": {"summary": "集成电路", "value": "integrated-circuits"},
    "biomedicine": {"summary": "生物医药（化学药环节全省空缺）/ 化学药 missing province-wide",
                    "value": "biomedicine"},
    "现代纺织": {"summary": "按中文名 / by Chinese name", "value": "现代纺织"},
}
ChainId = Annotated[str, Path(description="产业链代码或名称 / chain id or name", openapi_examples=CHAIN_EXAMPLES)]
Year = Annotated[int | None, Query(ge=1900, le=2200, description="年份（默认：有企业营收数据的最近一年）/ year",
                                   examples=[2024])]


@router.get("/anchors", summary="十大产业链的承载园区 / anchor parks of every chain", response_model=AnchorsOut)
async def all_anchors(
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    year: Year = None,
) -> Response:
    """For each of the ten chains: the parks that declare it and host a 龙头企业 or 单项冠军 in one of its segments,
    ranked by the park's revenue in the chain, and the parks that declare it without one; with the counting rule
    and the parameters used."""
    with reasoner_errors():
        return await json_answer(svc, ("anchors", None, year, lang), lambda: AnchorsOut.of(svc.anchors(year), lang))


@router.get("/{chain}/anchors", summary="一条产业链的承载园区 / anchor parks of one chain",
            response_model=AnchorsOut)
async def chain_anchors(
    chain: ChainId,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    year: Year = None,
) -> Response:
    """One chain's anchor parks (best first) and the parks declaring it without a leading enterprise."""
    with reasoner_errors():
        return await json_answer(svc, ("anchors", chain, year, lang),
                                 lambda: AnchorsOut.of(svc.anchors(year, chain), lang))


@router.get("/{chain}/completeness", summary="产业链完整度 / completeness of a chain in a park, city or province",
            response_model=CompletenessOut)
async def chain_completeness(
    chain: ChainId,
    svc: Annotated[Service, Depends(get_service)],
    lang: Annotated[str, Depends(language)],
    park: Annotated[str | None, Query(description="园区代码 / park code", examples=["ZJ-HZ-001"])] = None,
    city: Annotated[str | None, Query(description="设区市名称或代码 / city", examples=["杭州市"])] = None,
    province: Annotated[bool, Query(description="全省 / the whole province")] = False,
    year: Year = None,
) -> Response:
    """Share of the chain's segments covered, missing segments (补链) by criticality with partner parks and roles
    to recruit, single-enterprise segments (强链), whether an unbroken upstream → downstream path exists, the
    "415" clusters; for exactly one of ``park``, ``city`` or ``province=true``."""
    if sum((park is not None, city is not None, province)) != 1:
        raise APIError(400, "bad-scope", "请指定且只指定一个范围：park、city 或 province=true",
                       "give exactly one scope: park, city or province=true")
    with reasoner_errors():
        return await json_answer(
            svc, ("completeness", chain, park, city, province, year, lang),
            lambda: CompletenessOut.of(svc.completeness(chain, park=park, city=city, province=province, year=year),
                                       lang))
