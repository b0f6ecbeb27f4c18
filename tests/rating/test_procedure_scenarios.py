"""Procedure cases as data (tests/scenarios/procedure/*.json): the published level beside the computed one (三.3,
``announced.json``) and the rectification of O1 followed up over several years (三.2, ``rectification.json``). Each
case's facts are built as tests/scenarios/rating builds them; failures print the ratings' traces."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from reasoner.namespaces import PARK
from reasoner.policy import policy
from reasoner.rating import Rating, load_rules, rate_facts
from reasoner.rating.announced import Announcement, standing
from reasoner.rating.rectification import follow_up
from tests.rating.scenario import build
from tests.rating.test_scenarios import trace_text

PROCEDURE = Path(__file__).resolve().parents[1] / "scenarios" / "procedure"


def _cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((PROCEDURE / name).read_text("utf-8"))["cases"]
    return cases


def _rate(case: dict[str, Any], index: int) -> Rating:
    s = build("procedure", index, case)
    return rate_facts(s.facts, load_rules(s.edition, s.facts.year, s.strict, s.readings), s.as_of)


STAGES = {s.label_zh: s for s in policy().stages.values()}
ANNOUNCED = _cases("announced.json")


@pytest.mark.parametrize("case", ANNOUNCED, ids=[c["name"] for c in ANNOUNCED])
def test_published_beside_computed(case: dict[str, Any]) -> None:
    r = _rate(dict(case, park={"code": "P-1"}), 1)
    records = [Announcement(iri=f"urn:test:{n}", park=str(PARK["P-1"]), code="P-1", year=r.year, level=x["level"],
                            stage=STAGES[x["stage"]], document="浙制高领〔2025〕1号（测试）",
                            date=dt.date(r.year + 1, 3, 28), source="测试（合成）")
               for n, x in enumerate(case["records"])]
    s = standing(r, records)
    e = case["expect"]
    where = f"{case['name']}: {s}\n{trace_text(r)}"
    assert s.agreement.value == e["agreement"], where
    if "announced" in e:
        assert s.announced == e["announced"], where
    for phrase in e.get("note", []):
        assert phrase in s.note, where


RECTIFICATION = _cases("rectification.json")


@pytest.mark.parametrize("case", RECTIFICATION, ids=[c["name"] for c in RECTIFICATION])
def test_rectification_followed_up(case: dict[str, Any]) -> None:
    chosen = policy().choose(case.get("readings", {}))
    years = {int(y): [_rate({"name": f"{case['name']} {y}", "year": int(y), "base": base,
                             "park": {"code": "R-1"}}, i)]
             for i, (y, base) in enumerate(case["years"].items(), start=1)}
    found = follow_up(years, case["year"], policy().under(chosen))
    e = case["expect"]
    where = f"{case['name']}: {found}\n" + "\n".join(f"{y}: level {rs[0].level}" for y, rs in sorted(years.items()))
    if e.get("absent"):
        assert found == [], where
        return
    [f] = found
    assert (f.since, f.deadline, f.reached_in, f.status.value) == (
        e["since"], e["deadline"], e["reached_in"], e["status"]), where
