"""The application layer: answers are computed once per store version and computed again when the store changes;
the front ends' shared questions (a year against the year before, a rating explained) come from one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from reasoner.app import RatingOptions, Service
from reasoner.chains import render
from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.chains.conftest import CHAINS_FIXTURE
from tests.conftest import VALID


@pytest.fixture
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    load(s, [CHAINS_FIXTURE])
    return s


def test_a_chain_picture_is_drawn_once_per_store_version(store: OxigraphStore, monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    drawn: list[str] = []
    real = render.svg

    def counting(result: render.Completeness) -> str:
        drawn.append(result.scope.term.id)
        return real(result)

    monkeypatch.setattr(render, "svg", counting)
    svc = Service(store)
    comp = svc.completeness("integrated-circuits", province=True)
    first = svc.chain_picture(comp)
    assert first.lstrip().startswith("<?xml") and "<svg" in first, first[:200]
    assert svc.chain_picture(svc.completeness("integrated-circuits", province=True)) is first
    assert len(drawn) == 1, drawn
    (tmp_path / "parks.csv").write_text((VALID / "parks.csv").read_text(encoding="utf-8"), encoding="utf-8")
    load(store, [tmp_path / "parks.csv"])  # the store changes: answers and pictures are computed again
    svc.chain_picture(svc.completeness("integrated-circuits", province=True))
    assert len(drawn) == 2, drawn


def test_adjustment_compares_with_the_year_before_under_the_same_options(store: OxigraphStore) -> None:
    sample = OxigraphStore(None)
    from reasoner.resources import sample_dir

    load(sample, [sample_dir()])
    svc = Service(sample)
    strict = RatingOptions(strict=True)
    adj = svc.adjustment(2024, strict)
    before = {r.code: r.level for r in svc.ratings(2023, strict)}
    for m in adj.movements:
        assert m.before == before.get(m.code), (m, before.get(m.code))
    assert svc.cached_ratings(2023, strict) is not None and svc.cached_ratings(2023) is None


def test_only_the_official_computation_is_stored_and_a_scenario_is_read_back_beside_it() -> None:
    import datetime as dt

    from reasoner.app import NotOfficial
    from reasoner.resources import sample_dir

    sample = OxigraphStore(None)
    load(sample, [sample_dir()])
    svc = Service(sample)
    official, keys = svc.rate(2024, write=True)
    assert keys == ["parkstar:ratings/2024/2020-a"]
    stored = svc.stored_levels(2024)
    assert stored == {r.code: r.level for r in official if r.in_scope}  # out of scope (三.1): no stored level
    graphs = {s.key: s.graph for s in sample.sources()}
    what_if = RatingOptions(as_of=dt.date(2024, 12, 30))
    with pytest.raises(NotOfficial):
        svc.rate(2024, what_if, write=True)
    assert {s.key: s.graph for s in sample.sources()} == graphs
    assert svc.scenarios() == []

    strict = RatingOptions(strict=True, as_of=dt.date(2024, 6, 30))
    ratings, saved = svc.rate(2024, strict, save_as="strict-h1")
    assert saved == ["parkstar:scenario/strict-h1/2024"]
    assert {k: g for k, g in ((s.key, s.graph) for s in sample.sources()) if k in graphs} == graphs
    [listed] = svc.scenarios()  # the cache was dropped with the store's version: the new scenario is there
    assert (listed.name, listed.year, listed.strict, listed.as_of) == ("strict-h1", 2024, True, dt.date(2024, 6, 30))
    assert svc.stored_levels(2024, scenario="strict-h1") == {r.code: r.level for r in ratings if r.in_scope} != stored
    assert svc.stored_levels(2024) == stored  # reading stored results reads the official ones by default
    rows = svc.stored_parks(2024, scenario="strict-h1", level=4)
    assert rows and {p.rating.scenario for p in rows if p.rating} == {"strict-h1"}, rows[:1]
