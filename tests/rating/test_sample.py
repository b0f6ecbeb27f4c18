"""The engine on the bundled sample: the scenario parks of data/sample/README.md get the levels the README states,
the annual adjustment and rectification list follow, and province progress is measured against the 2025 goals
of the policy (read from shapes/parameters.ttl)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from reasoner.policy import policy
from reasoner.rating import Rating, rate_park, rate_store
from reasoner.rating.adjust import Change, adjust
from reasoner.rating.progress import progress
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore

README_NAMES = {0: "未达三星", 3: "三星", 4: "四星", 5: "五星"}


def _name(r: Rating) -> str:
    return "否决" if r.vetoed else "待定" if r.undetermined else README_NAMES[r.level]


def test_the_readme_scenario_parks(sample_ratings: list[Rating]) -> None:
    readme = (sample_dir() / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (ZJ-[A-Z]+-\d+) \| ([^|]+?) \| ([^|]+?) \|", readme, flags=re.M)
    by = {(r.code, r.year): r for r in sample_ratings}
    assert len(rows) >= 10
    for park, y2024, y2023 in rows:
        for year, written in ((2024, y2024), (2023, y2023)):
            r = by[(park, year)]
            assert _name(r) == written, f"README: {park} {year} {written}; engine: {_name(r)}\n" + "\n".join(
                f"  {t.criterion} | {t.observed} | {t.verdict} | {t.note}" for t in r.trace)
    count = Counter(r.level for r in sample_ratings if r.year == 2024 and r.in_scope)
    assert f"五星 {count[5]}，四星 {count[4]}，三星 {count[3]}，未达三星 {count[0]}" in readme
    outside = sum(not r.in_scope for r in sample_ratings if r.year == 2024)
    assert f"另有 {outside} 个园区不在评价范围（三.1）" in readme


def test_named_cases(sample_ratings: list[Rating], sample_store: OxigraphStore) -> None:
    by = {(r.code, r.year): r for r in sample_ratings}
    jx = by[("ZJ-JX-001", 2024)]
    assert jx.level == 4 and jx.relaxed == ["I2"], jx.levels
    strict = {r.code: r for r in rate_store(sample_store, [2024], strict=True)}
    assert strict["ZJ-JX-001"].level == 3 and strict["ZJ-JX-001"].strict
    hu = {r.code: r for r in rate_store(sample_store, [2024], edition="2020-c")}["ZJ-HU-001"]
    assert by[("ZJ-HU-001", 2024)].level == 0 and hu.level == 3 and hu.edition == "2020-c"
    ls = by[("ZJ-LS-001", 2024)]
    assert ls.missing == ["I6"] and ls.undetermined and ls.indicators["I6"].reason == "missing"
    nb = by[("ZJ-NB-001", 2024)]
    assert nb.demonstration and nb.rank_in_level == 1 and nb.bonus > 0 and nb.priority


def test_annual_adjustment(sample_ratings: list[Rating]) -> None:
    a = adjust(sample_ratings, sample_ratings, 2024)
    moves = {m.code: m.change for m in a.movements}
    assert moves["ZJ-HZ-001"] is Change.UPGRADED
    assert moves["ZJ-WZ-001"] is Change.DOWNGRADED
    assert moves["ZJ-JH-001"] is Change.DOWNGRADED
    assert moves["ZJ-ZS-001"] is Change.UPGRADED
    assert moves["ZJ-NB-001"] is Change.KEPT
    # ZJ-LS-001: 三星 in 2023, 待定 in 2024 (I6 empty) — not a downgrade
    ls = next(m for m in a.movements if m.code == "ZJ-LS-001")
    assert (ls.change, ls.before, ls.missing) == (Change.UNDETERMINED, 3, ["I6"]), ls.note()
    assert {m.code for m in a.movements if m.change is Change.UNDETERMINED} == {"ZJ-LS-001"}
    rectify = {r.code for r in a.rectify}
    assert {"ZJ-JH-001", "ZJ-HU-001", "ZJ-LS-001"} <= rectify and "ZJ-QZ-001" not in rectify
    assert {r.code for r in a.vetoed} == {"ZJ-QZ-001"}
    lost = adjust(sample_ratings, sample_ratings, 2023)
    assert {m.code for m in lost.movements if m.change is Change.VETOED} == {"ZJ-QZ-001"}
    first = adjust(sample_ratings, [], 2021)
    assert {m.change for m in first.movements} == {Change.NEW}


def test_progress_against_the_2025_goals(sample_ratings: list[Rating]) -> None:
    status = {s.goal.iri.rsplit("#", 1)[1]: s for s in progress(sample_ratings, 2024)}
    assert {g.clause for g in policy().goals} <= {"一(二)", "三.2"} and len(status) == 7
    rated = [r for r in sample_ratings if r.year == 2024 and r.in_scope]  # 三.1: parks outside are not counted
    demo = [r for r in rated if r.demonstration]
    count = status["Goal2025DemonstrationParks"]
    assert count.actual == len(demo) and count.met == (len(demo) >= count.goal.value)
    share = status["Goal2025ThreeStarShare"]
    assert share.actual == Decimal(sum(r.level > 0 for r in rated)) / len(rated) and not share.met
    rd = status["Goal2025RDShare"]
    values = [r.indicators["I6"].value for r in demo]
    assert rd.actual == sum(values, Decimal(0)) / len(values)  # type: ignore[arg-type]
    assert rd.goal.indicator == "I6" and rd.goal.target_year == 2025
    assert policy().level_name(5) == "五星级"


def test_rating_years_together_equals_rating_them_one_by_one_and_one_park_at_a_time(
        sample_ratings: list[Rating], sample_store: OxigraphStore) -> None:
    # the bulk path fetches the years in two halves at once and rates them as they arrive; the one-park path uses
    # other queries: all three must give the same ratings and traces
    def key(r: Rating) -> tuple[object, ...]:
        return (r.code, r.year, r.level, r.rank_in_level, r.bonus, r.relaxed, r.missing, r.undetermined,
                [i.iri for i in r.veto_incidents], {c: (i.value, i.observation, i.source, i.met)
                                                      for c, i in r.indicators.items()}, r.trace)

    years = sorted({r.year for r in sample_ratings})
    assert len(years) >= 3, years
    one_by_one = [r for y in years for r in rate_store(sample_store, [y])]
    assert [key(r) for r in one_by_one] == [key(r) for r in sample_ratings]
    for r in sample_ratings[::7]:
        alone = rate_park(sample_store, r.code, r.year)
        alone.rank_in_level = r.rank_in_level  # rated alone, a park has no rank
        assert key(alone) == key(r), "\n".join(f"{a} | {b}" for a, b in zip(alone.trace, r.trace, strict=False)
                                               if a != b)
