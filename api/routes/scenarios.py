"""Saved what-if scenarios: which are stored beside the official results, for which year, with which options. Their
ratings are read with ``/api/parks?scenario=NAME``; nothing here rates or stores."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from reasoner.app import Service
from reasoner.app.schemas.scenarios import ScenarioOut

from ..answers import json_answer
from ..deps import get_service
from ..errors import reasoner_errors

router = APIRouter(prefix="/api/scenarios", tags=["scenarios 假设情景"])


@router.get("", summary="已保存的假设情景 / saved what-if scenarios", response_model=list[ScenarioOut])
async def list_scenarios(
    svc: Annotated[Service, Depends(get_service)],
    name: Annotated[str | None, Query(description="只列此名称的情景 / only the scenario of this name",
                                      examples=["strict-2024"])] = None,
) -> Response:
    """Every saved scenario, one entry per name and year: its criteria edition, strict rule, the assessment date
    asked (null: 31 December), when it was saved and whether measure answers were saved with it. Scenarios are saved
    by ``parkstar rate … --save-as NAME`` (or ``parkstar measure all --write … --save-as NAME``), never over the
    official results. A malformed name is a 400."""
    with reasoner_errors():
        return await json_answer(svc, ("scenarios", name), lambda: svc.scenarios(name))
