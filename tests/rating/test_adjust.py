"""The annual adjustment's classification as data (tests/scenarios/adjustment/*.json): each case rates a park in
2023 and 2024 from facts, compares the two years and must name the expected change — an undetermined year is 待定
with what it needs, never 降级 or 因否决失星, and a year after an undetermined one claims no 升级 or 保持. Failures
print both ratings' traces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reasoner.rating import load_rules, rate_facts
from reasoner.rating.adjust import CHANGE_ZH, Change, adjust
from reasoner.rating.model import Rating
from tests.rating.scenario import build

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios" / "adjustment"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(SCENARIOS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            out.append((f"{path.name}::{case['name']}", case))
    return out


CASES = _cases()


def _rate(index: int, year: int, side: dict[str, Any] | None, edition: str | None) -> Rating | None:
    if side is None:
        return None
    spec = {**side, "year": year, "edition": edition, "name": f"adjust-{index}-{year}",
            "park": {"code": f"A-{index:03d}", "name": f"调整场景园区 A-{index:03d}（合成）"}}
    s = build("adjustment", index, spec)
    return rate_facts(s.facts, load_rules(s.edition, year, s.strict), s.as_of)


def _trace(r: Rating | None) -> str:
    if r is None:
        return "  (not rated)"
    return "\n".join(f"  {t.criterion} | {t.threshold} | {t.observed} | {t.verdict} | {t.note}" for t in r.trace
                     if not t.indicator)


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_adjustment_case(name: str, case: dict[str, Any]) -> None:
    index = CASES.index((name, case)) + 1
    edition = case.get("edition")
    before = _rate(index, 2023, case["before"], edition)
    after = _rate(index, 2024, case["after"], edition)
    (m,) = adjust([x for x in (after,) if x], [x for x in (before,) if x], 2024).movements
    where = f"{name}\n2023:\n{_trace(before)}\n2024:\n{_trace(after)}"
    e = case["expect"]
    assert m.change is Change(e["change"]), f"{m.change} ({CHANGE_ZH[m.change]}) != {e['change']}\n{where}"
    got = {"before": m.before, "after": m.after, "undetermined": m.undetermined, "missing": m.missing,
           "previous_undetermined": m.previous_undetermined}
    for key, value in got.items():
        if key in e:
            assert value == e[key], f"{key}: expected {e[key]!r}, got {value!r}\n{where}"
    if "note" in e:
        note = m.note()
        if not e["note"]:
            assert note == "", f"no note expected, got {note!r}\n{where}"
        for phrase in e["note"]:
            assert phrase in note, f"“{phrase}” not in the note {note!r}\n{where}"


def test_every_change_is_named_in_chinese() -> None:
    assert set(CHANGE_ZH) == set(Change) and CHANGE_ZH[Change.UNDETERMINED] == "待定"
    covered = {Change(c["expect"]["change"]) for _, c in CASES}
    assert {Change.UNDETERMINED, Change.SETTLED, Change.DOWNGRADED, Change.VETOED} <= covered, covered
