"""Rectification followed up (三.2 限期整改, O1): the year each park first fell under it, its deadline (the 2025
goal, or under the reading o1-deadline=years-after two years on) and whether it reached three-star — checked
against the sample's ratings of every year, through the service and the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reasoner.app import RatingOptions, Service
from reasoner.cli import app
from reasoner.policy import policy
from reasoner.rating import Rating, rate_store
from reasoner.rating.rectification import Status, under_rectification
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from tests.rating.conftest import SAMPLE_YEARS, load_converted

YEAR = 2024


@pytest.fixture(scope="module")
def by_year(sample_store: OxigraphStore) -> dict[int, dict[str, Rating]]:
    return {y: {r.code: r for r in rate_store(sample_store, [y])} for y in SAMPLE_YEARS}


@pytest.mark.parametrize("reading", [None, "o1-deadline=years-after"])
def test_each_park_under_rectification_is_followed_from_its_first_year(
        sample_store: OxigraphStore, by_year: dict[int, dict[str, Rating]], reading: str | None) -> None:
    chosen = policy().choose([reading] if reading else [])
    result = Service(sample_store).adjustment(YEAR, RatingOptions(readings=chosen))
    fell = {code for y in SAMPLE_YEARS for code, r in by_year[y].items() if under_rectification(r)}
    assert {f.code for f in result.follow_up} == fell and fell, sorted(fell ^ {f.code for f in result.follow_up})
    for f in result.follow_up:
        history = {y: by_year[y][f.code].level for y in SAMPLE_YEARS if f.code in by_year[y]}
        where = f"{f} — levels by year {history}"
        assert under_rectification(by_year[f.since][f.code]), where
        assert not any(under_rectification(by_year[y][f.code]) for y in SAMPLE_YEARS
                       if y < f.since and f.code in by_year[y]), where
        assert f.deadline == (f.since + 2 if reading else 2025), where
        if f.reached_in is not None:
            assert by_year[f.reached_in][f.code].level >= 3 and f.reached_in > f.since, where
            assert f.status is (Status.ON_TIME if f.reached_in <= f.deadline else Status.LATE), where
        else:
            assert all(lv < 3 for y, lv in history.items() if y > f.since), where
            assert f.status is (Status.OVERDUE if f.deadline <= YEAR else Status.PENDING), where
    statuses = {f.status for f in result.follow_up}
    if reading:
        assert Status.OVERDUE in statuses, "parks below three-star since 2021 are overdue by 2023"
    else:
        assert Status.OVERDUE not in statuses and Status.PENDING in statuses, "2025 has not come in 2024"


def test_adjust_lists_the_follow_up_in_json_and_text(tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("rectify") / "store"
    with OxigraphStore(path) as st:
        load_converted(st, [sample_dir()])
    runner = CliRunner()
    r = runner.invoke(app, ["adjust", "--year", str(YEAR), "--json", "-r", "o1-deadline=years-after",
                            "--store", str(path)])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)["follow_up"]
    overdue = [x for x in rows if x["status"] == "overdue"]
    assert overdue and all(x["due"] and x["status_zh"] == "逾期未达三星级" for x in overdue), overdue[:2]
    text = runner.invoke(app, ["adjust", "--year", str(YEAR), "--store", str(path)], env={"COLUMNS": "200"})
    assert text.exit_code == 0 and "限期整改跟踪" in text.stdout and "按期达到三星级" in text.stdout, text.output
