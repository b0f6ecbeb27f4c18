"""Stored ratings are the official computation: ``parkstar rate`` with any non-default option (``--park``,
``--as-of``, ``--strict``, ``--edition``) prints a what-if and stores nothing unless ``--save-as NAME``, which saves
a scenario beside the official results, readable back with its options, replaced only by the same name."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from reasoner.app import DEFAULT, RatingOptions
from reasoner.policy import policy
from reasoner.store import OxigraphStore
from tests.stored import (
    WHAT_IF,
    YEAR,
    build_official_sample,
    copy_store,
    everything,
    official_results,
    run,
    source_graphs,
    source_keys,
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_official_sample(tmp_path_factory.mktemp("official") / "store")


@pytest.fixture
def store(pristine: Path, tmp_path: Path) -> Path:
    return copy_store(pristine, tmp_path)


def _in_scope(stdout: str) -> list[dict[str, Any]]:
    """The parks of a ``rate --json`` answer that are in the scope of 三.1 (the others have no level to store)."""
    return [x for x in json.loads(stdout) if x["in_scope"]]


def test_the_options_of_the_official_computation() -> None:
    assert DEFAULT.official and RatingOptions(None, False, None).official
    for what_if in (RatingOptions(edition="2020-a"), RatingOptions(strict=True),
                    RatingOptions(as_of=dt.date(YEAR, 12, 30)),
                    RatingOptions(readings=policy().choose(["relaxation=requirement"]))):
        assert not what_if.official, what_if


@pytest.mark.parametrize("args", [
    ["--park", "ZJ-SX-001", "--as-of", "2024-12-30"],
    ["--strict"],
    ["--edition", "2020-c"],
    ["--as-of", "2024-06-30"],
    ["--park", "ZJ-JX-001"],
    ["--reading", "relaxation=requirement"],
    ["--reading", "veto-window=calendar", "--reading", "below-benchmark=or-equal"],
])
def test_a_what_if_run_stores_nothing(store: Path, args: list[str]) -> None:
    before, quads = official_results(store), everything(store)
    r = run(store, "rate", "--year", str(YEAR), *args)
    assert r.exit_code == 0, r.output
    assert WHAT_IF in r.stderr and "--save-as" in r.stderr, r.stderr
    assert "已写回存储" not in r.stdout, r.stdout
    assert official_results(store) == before, f"rate {' '.join(args)} changed the official results"
    assert everything(store) == quads, f"rate {' '.join(args)} wrote into the store"


def test_the_assessment_date_of_a_what_if_never_reaches_the_stored_ratings(store: Path) -> None:
    r = run(store, "rate", "--year", str(YEAR), "--park", "ZJ-SX-001", "--as-of", "2024-12-30", "--json")
    assert r.exit_code == 0, r.output
    [row] = json.loads(r.stdout)
    assert row["park"] == "ZJ-SX-001", row
    with OxigraphStore(store) as st:
        dates = st.select("SELECT ?d (COUNT(?r) AS ?n) WHERE { ?r a ps:StarRating ; ps:year ?y ; "
                          "ps:assessmentDate ?d } GROUP BY ?d", y=YEAR)
    assert dates == [{"d": dt.date(YEAR, 12, 31), "n": 65}], dates  # 65 parks, one out of scope (三.1)


def test_save_as_keeps_a_scenario_beside_the_official_results(store: Path) -> None:
    before = official_results(store)
    r = run(store, "rate", "--year", str(YEAR), "--strict", "--as-of", "2024-06-30", "--save-as", "strict-h1")
    assert r.exit_code == 0, r.output
    assert "已另存为假设情景“strict-h1”" in r.stdout and WHAT_IF not in r.stderr, r.output
    assert official_results(store) == before
    assert f"parkstar:scenario/strict-h1/{YEAR}" in source_keys(store)

    listed = json.loads(run(store, "scenarios", "--json").stdout)
    assert [(s["name"], s["year"], s["edition"], s["strict"], s["as_of"], s["measures"]) for s in listed] == [
        ("strict-h1", YEAR, "2020-a", True, "2024-06-30", False)], listed
    assert listed[0]["saved_at"] and listed[0]["source"] == f"parkstar:scenario/strict-h1/{YEAR}", listed

    what_if = {x["park"]: x["level"] for x in _in_scope(run(store, "rate", "--year", str(YEAR), "--strict",
                                                             "--as-of", "2024-06-30", "--json").stdout)}
    official = {x["park"]: x["level"] for x in _in_scope(run(store, "rate", "--year", str(YEAR), "--json").stdout)}
    assert what_if != official  # the sample's relaxed and vetoed parks move: the test can tell them apart
    saved = json.loads(run(store, "stored", "--year", str(YEAR), "--scenario", "strict-h1", "--json").stdout)
    assert {p["code"]: p["rating"]["level"] for p in saved} == what_if
    assert {p["rating"]["scenario"] for p in saved} == {"strict-h1"}, saved[0]
    stored = json.loads(run(store, "stored", "--year", str(YEAR), "--json").stdout)
    assert {p["code"]: p["rating"]["level"] for p in stored} == official
    assert all("scenario" not in p["rating"] for p in stored), stored[0]


def test_saving_the_same_name_again_replaces_only_that_scenario(store: Path) -> None:
    assert run(store, "rate", "--year", str(YEAR), "--strict", "--save-as", "a").exit_code == 0
    assert run(store, "rate", "--year", str(YEAR), "--edition", "2020-c", "--save-as", "b").exit_code == 0
    with OxigraphStore(store) as st:
        b_graph = st.source(f"parkstar:scenario/b/{YEAR}")
    before = official_results(store)
    r = run(store, "rate", "--year", str(YEAR), "--as-of", "2024-06-30", "--save-as", "a")
    assert r.exit_code == 0, r.output
    assert official_results(store) == before
    listed = {s["name"]: s for s in json.loads(run(store, "scenarios", "--json").stdout)}
    assert set(listed) == {"a", "b"}, listed
    assert (listed["a"]["strict"], listed["a"]["as_of"], listed["a"]["edition"]) == (False, "2024-06-30", "2020-a")
    assert (listed["b"]["strict"], listed["b"]["as_of"], listed["b"]["edition"]) == (False, None, "2020-c")
    with OxigraphStore(store) as st:
        assert st.source(f"parkstar:scenario/b/{YEAR}") == b_graph  # the other scenario's version is untouched
        n = st.select("SELECT (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?r a ps:StarRating } }",
                      g=ox.NamedNode(st.source(f"parkstar:scenario/a/{YEAR}").graph))
    assert n == [{"n": 65}], n
    scenarios = {k: v for k, v in source_graphs(store).items() if k.startswith("parkstar:scenario/")}
    r = run(store, "rate", "--year", str(YEAR))  # the official run again: same data, nothing to write
    assert r.exit_code == 0 and "已写回存储" in r.stdout, r.output
    assert official_results(store) == before, "a saved scenario made the official run write its results again"
    assert {k: v for k, v in source_graphs(store).items() if k.startswith("parkstar:scenario/")} == scenarios


@pytest.mark.parametrize("name", ["坏名字", "Strict", "a/b", "x" * 33])
def test_an_invalid_name_is_refused_and_nothing_is_written(store: Path, name: str) -> None:
    quads = everything(store)
    r = run(store, "rate", "--year", str(YEAR), "--strict", "--save-as", name)
    assert r.exit_code == 2, r.output
    assert "情景名称" in r.stderr and "无效" in r.stderr, r.stderr
    assert everything(store) == quads


def test_save_as_contradicts_no_write(store: Path) -> None:
    quads = everything(store)
    r = run(store, "rate", "--year", str(YEAR), "--strict", "--no-write", "--save-as", "x")
    assert r.exit_code == 2 and "--no-write" in r.stderr, r.output
    assert everything(store) == quads


def test_a_scenario_saved_under_a_reading_records_it(store: Path) -> None:
    before = official_results(store)
    r = run(store, "rate", "--year", str(YEAR), "-r", "relaxation=requirement", "--save-as", "req")
    assert r.exit_code == 0, r.output
    assert official_results(store) == before
    listed = json.loads(run(store, "scenarios", "--json").stdout)
    assert [(s["name"], s["readings"]) for s in listed] == [("req", {"relaxation": "requirement"})], listed
    saved = json.loads(run(store, "stored", "--year", str(YEAR), "--scenario", "req", "--json").stdout)
    chosen = {x["park"]: x["level"] for x in _in_scope(run(store, "rate", "--year", str(YEAR), "--json",
                                                            "-r", "relaxation=requirement").stdout)}
    assert {p["code"]: p["rating"]["level"] for p in saved} == chosen

