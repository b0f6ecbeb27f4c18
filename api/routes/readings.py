"""The readings: every named interpretation parkstar makes of the policy's open words (clause, default,
alternatives), and the sensitivity of a year's ratings and measures to each alternative. Any rating or measures route
takes ``reading=KEY:VALUE`` (repeatable) to use an alternative."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from reasoner.app import Service
from reasoner.app.schemas.readings import ReadingOut, SensitivityOut
from reasoner.policy import policy

from ..answers import json_answer
from ..deps import get_service
from ..errors import reasoner_errors

router = APIRouter(prefix="/api", tags=["readings 政策解读"])


@router.get("/readings", summary="政策解读及其可选项 / the readings and their alternatives",
            response_model=list[ReadingOut])
async def readings_list(svc: Annotated[Service, Depends(get_service)]) -> Response:
    """Each reading: the policy's words, its clause, what it bears on (``rating`` or ``measures``), the default
    and every alternative with what it sets or rewrites. Official results use the defaults."""
    def answer() -> list[ReadingOut]:
        pol = policy()
        return [ReadingOut.of(r, pol) for r in pol.readings.values()]

    return await json_answer(svc, ("readings",), answer)


@router.get("/readings/sensitivity", summary="解读敏感性分析 / what each alternative changes",
            response_model=SensitivityOut)
async def readings_sensitivity(
    svc: Annotated[Service, Depends(get_service)],
    year: Annotated[int | None, Query(ge=1900, le=2200, description="评定年度（默认：有数据的最近一年）/ rating year",
                                      examples=[2024])] = None,
) -> Response:
    """The year's ratings and measures under each non-default alternative, one at a time (every other reading at
    its default), against the defaults: the parks whose level changes and why, the answers that change, the
    beneficiaries read differently. Computed once per store version."""
    def answer() -> SensitivityOut:
        return SensitivityOut.of(svc.sensitivity(year))

    with reasoner_errors():
        return await json_answer(svc, ("readings-sensitivity", year), answer)
