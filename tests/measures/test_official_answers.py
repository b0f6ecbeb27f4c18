"""Stored measure answers are the official ones: ``parkstar measure … --write`` with ``--as-of`` is a what-if that
stores nothing (neither the answers nor the ratings they rest on) unless ``--save-as NAME``, which saves them with
their ratings as a scenario beside the official results; the same name again replaces that scenario only."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

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
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_official_sample(tmp_path_factory.mktemp("official-measures") / "store")


@pytest.fixture
def store(pristine: Path, tmp_path: Path) -> Path:
    return copy_store(pristine, tmp_path)


def _count(store: Path, key: str, cls: str) -> int:
    with OxigraphStore(store) as st:
        src = st.source(key)
        assert src is not None, key
        return int(st.select(f"SELECT (COUNT(?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a {cls} }} }}",
                             g=ox.NamedNode(src.graph))[0]["n"])


def test_a_what_if_write_stores_nothing(store: Path) -> None:
    before, state = official_results(store), everything(store)
    r = run(store, "measure", "all", "--year", str(YEAR), "--as-of", "2024-06-30", "--write")
    assert r.exit_code == 0, r.output
    assert WHAT_IF in r.stderr and "已写回存储" not in r.stdout, r.output
    assert official_results(store) == before
    assert everything(store) == state, "measure --write --as-of wrote into the store"


def test_save_as_keeps_the_answers_and_their_ratings_beside_the_official_ones(store: Path) -> None:
    before = official_results(store)
    r = run(store, "measure", "M7", "--year", str(YEAR), "--as-of", "2024-06-30", "--save-as", "h1", "--json")
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)
    assert shown and {a["measure"] for a in shown} == {"M7"}, shown[:1]
    assert official_results(store) == before
    key = f"parkstar:scenario/h1/{YEAR}"
    [listed] = json.loads(run(store, "scenarios", "h1", "--json").stdout)
    assert (listed["year"], listed["as_of"], listed["strict"], listed["measures"], listed["source"]) == (
        YEAR, "2024-06-30", False, True, key), listed
    assert _count(store, key, "ps:MeasureAnswer") > len(shown)  # every provision of the year, not only M7
    assert _count(store, key, "ps:StarRating") == 65  # every park, the one out of scope (三.1) included
    with OxigraphStore(store) as st:
        days = st.select("SELECT DISTINCT ?d WHERE { GRAPH ?g { ?a a ps:MeasureAnswer ; ps:asOfDate ?d } }",
                         g=ox.NamedNode(st.source(key).graph))  # type: ignore[union-attr]
        official_days = st.select("SELECT DISTINCT ?d WHERE { ?a a ps:MeasureAnswer ; ps:asOfDate ?d }")
    assert [str(d["d"]) for d in days] == ["2024-06-30"], days
    assert [str(d["d"]) for d in official_days] == [f"{YEAR}-12-31"], official_days


def test_the_same_name_again_replaces_only_that_scenario(store: Path) -> None:
    assert run(store, "measure", "all", "--year", str(YEAR), "--as-of", "2024-06-30", "--save-as", "h1").exit_code == 0
    assert run(store, "rate", "--year", str(YEAR), "--strict", "--save-as", "strict").exit_code == 0
    graphs, before = source_graphs(store), official_results(store)
    r = run(store, "measure", "all", "--year", str(YEAR), "--as-of", "2024-09-30", "--save-as", "h1")
    assert r.exit_code == 0 and "已另存为假设情景“h1”" in r.stdout, r.output
    after = source_graphs(store)
    assert official_results(store) == before
    assert after[f"parkstar:scenario/strict/{YEAR}"] == graphs[f"parkstar:scenario/strict/{YEAR}"]
    assert after[f"parkstar:scenario/h1/{YEAR}"] != graphs[f"parkstar:scenario/h1/{YEAR}"]
    assert set(after) == set(graphs)
    listed = {s["name"]: s for s in json.loads(run(store, "scenarios", "--json").stdout)}
    assert listed["h1"]["as_of"] == "2024-09-30" and listed["h1"]["measures"], listed
    assert listed["strict"]["strict"] and not listed["strict"]["measures"], listed


@pytest.mark.parametrize("name", ["第一季度", "H1"])
def test_an_invalid_name_is_refused_and_nothing_is_written(store: Path, name: str) -> None:
    state = everything(store)
    r = run(store, "measure", "all", "--year", str(YEAR), "--as-of", "2024-06-30", "--save-as", name)
    assert r.exit_code == 2, r.output
    assert "情景名称" in r.stderr and "无效" in r.stderr, r.stderr
    assert everything(store) == state
