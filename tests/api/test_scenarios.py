"""Saved what-if scenarios over HTTP: ``/api/scenarios`` lists them with their options, ``/api/parks?scenario=NAME``
reads one, the park list reads the official ratings otherwise; the routes that rate with options never store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from reasoner.app import RatingOptions, Service
from reasoner.store import OxigraphStore
from tests.stored import YEAR, build_official_sample, copy_store, everything_of, official_results_of

STRICT_H1 = RatingOptions(strict=True, as_of=dt.date(YEAR, 6, 30))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The official sample with one scenario saved: 2024 under the strict rule as of 30 June."""
    path = build_official_sample(tmp_path_factory.mktemp("api-scenarios") / "store")
    with OxigraphStore(path) as store:
        Service(store).rate(YEAR, STRICT_H1, save_as="strict-h1")
    return path


@pytest.fixture
def app_store(pristine: Path, tmp_path: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(copy_store(pristine, tmp_path))
    yield store
    store.close()


@pytest.fixture
def api(app_store: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=app_store.path), store=app_store)) as c:
        yield c


def test_scenarios_are_listed_and_read_back_beside_the_official_ratings(api: TestClient,
                                                                        app_store: OxigraphStore) -> None:
    r = api.get("/api/scenarios")
    assert r.status_code == 200, r.text
    [s] = r.json()
    assert {k: s[k] for k in ("name", "year", "edition", "strict", "as_of", "measures", "source")} == {
        "name": "strict-h1", "year": YEAR, "edition": "2020-a", "strict": True, "as_of": f"{YEAR}-06-30",
        "measures": False, "source": f"parkstar:scenario/strict-h1/{YEAR}"}, s
    assert s["saved_at"], s
    assert api.get("/api/scenarios", params={"name": "strict-h1"}).json() == [s]
    assert api.get("/api/scenarios", params={"name": "other"}).json() == []

    svc = Service(app_store)
    what_if = {x.code: x.level for x in svc.ratings(YEAR, STRICT_H1) if x.in_scope}  # 三.1: no level out of scope
    official = {x.code: x.level for x in svc.ratings(YEAR) if x.in_scope}
    assert what_if != official
    rows = api.get("/api/parks", params={"year": YEAR, "scenario": "strict-h1"}).json()
    assert {p["code"]: p["rating"]["level"] for p in rows} == what_if
    assert {p["rating"]["scenario"] for p in rows} == {"strict-h1"}, rows[0]
    four = api.get("/api/parks", params={"year": YEAR, "scenario": "strict-h1", "level": 4}).json()
    assert sorted(p["code"] for p in four) == sorted(c for c, lv in what_if.items() if lv == 4), four
    stored = api.get("/api/parks", params={"year": YEAR}).json()
    assert {p["code"]: p["rating"]["level"] for p in stored} == official
    assert all("scenario" not in p["rating"] for p in stored), stored[0]


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"year": YEAR, "scenario": "nope"}, 404, "unknown-scenario"),
    ({"year": 2023, "scenario": "strict-h1"}, 404, "unknown-scenario"),
    ({"year": YEAR, "scenario": "坏 名"}, 400, "bad-scenario"),
    ({"year": YEAR, "scenario": "strict-h1", "strict": "true"}, 400, "bad-scenario"),
])
def test_scenario_errors(api: TestClient, params: dict[str, object], status: int, code: str) -> None:
    r = api.get("/api/parks", params=params)
    assert r.status_code == status and r.json()["code"] == code, r.text
    assert r.json()["message"]["zh"] and r.json()["message"]["en"], r.text


def test_rating_with_options_over_http_stores_nothing(api: TestClient, app_store: OxigraphStore) -> None:
    before, state = official_results_of(app_store), everything_of(app_store)
    scenarios = api.get("/api/scenarios").json()
    asked = [
        ("GET", "/api/parks/ZJ-SX-001/ratings", {"year": YEAR, "as_of": f"{YEAR}-12-30"}),
        ("GET", "/api/parks/ZJ-JX-001/ratings", {"year": YEAR, "strict": "true"}),
        ("GET", "/api/parks/ZJ-HU-001/next-level", {"year": YEAR, "edition": "2020-c"}),
        ("GET", "/api/province/progress", {"year": YEAR, "strict": "true"}),
        ("GET", "/api/province/adjustment", {"year": YEAR, "as_of": f"{YEAR}-06-30"}),
        ("GET", "/api/parks/ZJ-JX-001/measures", {"year": YEAR, "as_of": f"{YEAR}-06-30"}),
        ("GET", "/api/measures/M7/parks", {"year": YEAR, "as_of": f"{YEAR}-06-30"}),
    ]
    for method, url, params in asked:
        r = api.request(method, url, params=params)
        assert r.status_code == 200, f"{url} {params}: {r.status_code} {r.text[:300]}"
    r = api.post("/api/parks/ZJ-JX-001/what-if", json={"year": YEAR, "strict": True, "as_of": f"{YEAR}-12-30",
                                                       "indicators": {"I2": 66.1}})
    assert r.status_code == 200, r.text
    assert official_results_of(app_store) == before
    assert everything_of(app_store) == state, "a rating route with options wrote into the store"
    assert api.get("/api/scenarios").json() == scenarios
