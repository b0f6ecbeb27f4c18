"""The readings as a user meets them on the bundled sample: ``parkstar readings [--json]``, ``--reading KEY=VALUE``
on rate, explain, measures and measure (every answer records the readings it used), and ``--sensitivity``, which
rates the year under each alternative and lists the parks that change."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from reasoner.app.sensitivity import Sensitivity, sensitivity
from reasoner.cli import app
from reasoner.policy import policy
from reasoner.rating import Rating, rate_store
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from tests.policy.test_readings import NAMED
from tests.rating.conftest import load_converted

YEAR = 2024


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("readings") / "store"
    store = OxigraphStore(path)
    load_converted(store, [sample_dir()])
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def effects(sample_store: OxigraphStore) -> Sensitivity:
    return sensitivity(sample_store, YEAR)


def run(store: str, *args: str) -> Any:
    return CliRunner().invoke(app, [*args, "--store", store], env={"COLUMNS": "200"})


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_readings_json_lists_every_named_reading(store_path: str) -> None:
    rows = _json(run(store_path, "readings", "--json"))
    assert {r["key"] for r in rows} >= NAMED
    relax = next(r for r in rows if r["key"] == "relaxation")
    assert relax["clause"] == "三.2" and relax["default"] == "exception" and "个别指标可适当放宽标准" in relax["words"]
    assert [a["key"] for a in relax["alternatives"]] == ["exception", "requirement", "none"]
    land = next(r for r in rows if r["key"] == "m5-land")
    assert {a["key"]: a["value"] for a in land["alternatives"]} == {"136": "136", "150": "150"}
    m3 = next(r for r in rows if r["key"] == "m3-scope")
    assert next(a for a in m3["alternatives"] if a["key"] == "four-star")["provisions"] == ["M3"]


def test_readings_table_in_chinese(store_path: str) -> None:
    r = run(store_path, "readings")
    assert r.exit_code == 0, r.output
    assert "政策解读" in r.stdout and "个别指标可适当放宽标准" in r.stdout and "m12-beneficiary" in r.stdout


def test_an_unknown_reading_is_a_usage_error_naming_the_choices(store_path: str) -> None:
    r = run(store_path, "rate", "--no-write", "--reading", "relaxation=maybe")
    assert r.exit_code == 2, r.output
    assert "exception、requirement、none" in r.output and "parkstar readings" in r.output


def test_rate_under_a_reading_records_it_and_lowers_the_parks_the_audit_found(store_path: str) -> None:
    default = {x["park"]: x for x in _json(run(store_path, "rate", "--year", str(YEAR), "--json", "--no-write"))}
    chosen = _json(run(store_path, "rate", "--year", str(YEAR), "--json", "--no-write",
                       "--reading", "relaxation=requirement"))
    assert all(x["readings"]["relaxation"] == "requirement" for x in chosen)
    assert all(x["readings"]["relaxation"] == "exception" for x in default.values())
    rated = [x for x in chosen if x["in_scope"]]  # out of scope (三.1): no level under any reading
    assert all(x["level"] is None for x in chosen if not x["in_scope"])
    lower = {x["park"] for x in rated if x["level"] < default[x["park"]]["level"]}
    higher = {x["park"] for x in rated if x["level"] > default[x["park"]]["level"]}
    assert not higher, higher
    # the audit: 14 of the 30 star parks have at most 4 of the 9 listed indicators clearly above their level
    assert len(lower) == 14, sorted(lower)
    assert sum(1 for p in lower if default[p]["level"] == 5) == 3


def test_explain_says_which_reading_it_used(store_path: str) -> None:
    r = run(store_path, "explain", "ZJ-SX-001", "--year", str(YEAR), "--json", "-r", "relaxation=requirement")
    rating = _json(r)
    assert rating["readings"]["relaxation"] == "requirement", rating["readings"]
    notes = [t for t in rating["trace"] if t["criterion"] == "解读"]
    assert notes and "relaxation=requirement" in notes[0]["threshold"], rating["trace"][-5:]


def test_measures_under_a_reading_record_it(store_path: str) -> None:
    rows = _json(run(store_path, "measure", "M3", "--year", str(YEAR), "--json", "-r", "m3-scope=four-star"))
    assert rows and all(x["readings"]["m3-scope"] == "four-star" for x in rows)
    assert all("m12-beneficiary" not in x["readings"] for x in rows), "only the readings M3 rests on"
    park = _json(run(store_path, "measures", "ZJ-NB-001", "--year", str(YEAR), "--json", "--no-trace"))
    m5 = next(x for x in park if x["measure"] == "M5")
    assert m5["readings"]["m5-land"] == "136" and m5["readings"]["relaxation"] == "exception"


def test_built_projects_are_not_candidates_on_the_sample(store_path: str) -> None:
    """ZJ-NB-001-XM02 was built in 2020: no M2, M3 or M6 for it, and the answer says why."""
    for measure in ("M2", "M3", "M6"):
        rows = _json(run(store_path, "measure", measure, "--year", str(YEAR), "--json"))
        built = [x for x in rows if x["project"] == "ZJ-NB-001-XM02"]
        assert built and built[0]["answer"] == "no", built
        assert any("建成投产" in b for b in built[0]["because"]), built[0]["because"]


def test_sensitivity_finds_the_relaxation_alternative_and_says_why(effects: Sensitivity,
                                                                   sample_store: OxigraphStore) -> None:
    by = {(e.reading.key, e.alternative.key): e for e in effects.effects}
    pol = policy()
    assert set(by) == {(r.key, a.key) for r in pol.readings.values() for a in r.alternatives if a.key != r.default}
    req = by[("relaxation", "requirement")]
    assert len(req.levels) == 14 and all(c.after < c.before for c in req.levels), req.levels
    assert all("relaxation=requirement" in c.why for c in req.levels if c.after > 0 or c.before > 3), req.levels
    # every park whose level falls also loses measures that need its level
    assert {m.code for m in req.measures} >= {c.code for c in req.levels if c.before >= 4}
    ratings: dict[str, Rating] = {r.code: r for r in rate_store(sample_store, [YEAR])}
    for c in req.levels:
        assert ratings[c.code].level == c.before, c
    scope = by[("m3-scope", "four-star")]
    assert not scope.levels and scope.measures and all(m.measure == "M3" for m in scope.measures)
    # three-star parks, and parks whose missing values might lift them to three-star but not four
    assert all(ratings[m.code].level < 4 for m in scope.measures), scope.measures
    assert any(ratings[m.code].level == 3 for m in scope.measures), scope.measures
    assert [b.measure for b in by[("m8-beneficiary", "government")].beneficiaries] == ["M8"]
    built = by[("project-status", "any")]
    assert built.measures and {m.measure for m in built.measures} <= {"M2", "M3", "M6"}
    assert all(m.before.value == "no" for m in built.measures), built.measures


def test_sensitivity_cli(store_path: str) -> None:
    data = _json(run(store_path, "readings", "--sensitivity", "--year", str(YEAR), "--json"))
    req = next(e for e in data["effects"] if (e["reading"], e["alternative"]) == ("relaxation", "requirement"))
    assert req["counts"]["levels"] == 14, req["counts"]
    text = run(store_path, "readings", "--sensitivity", "--year", str(YEAR))
    assert text.exit_code == 0, text.output
    assert "relaxation=requirement" in text.stdout and "星级变化 14 个园区" in text.stdout
