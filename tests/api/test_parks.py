"""The park list filtered by stored star level: one query over the written-back ratings of a year."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from reasoner.rating import rate_store
from reasoner.store import OxigraphStore


def test_level_filter_reads_the_stored_ratings(sample_client: TestClient) -> None:
    store: OxigraphStore = sample_client.app.state.store  # type: ignore[attr-defined]
    expected = {r.code: r.level for r in rate_store(store, [2024]) if r.in_scope}  # 三.1: ZJ-LS-005 has no level
    five = sample_client.get("/api/parks", params={"level": 5})
    assert five.status_code == 200, five.text
    codes = [p["code"] for p in five.json()]
    assert codes == sorted(c for c, lv in expected.items() if lv == 5) and "ZJ-NB-001" in codes, five.json()
    assert five.json()[0]["rating"] == {"year": 2024, "level": 5, "label": "五星级"}, five.json()[0]
    counts = Counter(p["rating"]["level"] for p in sample_client.get("/api/parks", params={"year": 2024}).json())
    assert counts == Counter(expected.values()), counts
    y2023 = sample_client.get("/api/parks", params={"level": 4, "year": 2023, "city": "杭州市"},
                              headers={"Accept-Language": "en"}).json()
    assert "ZJ-HZ-001" in [p["code"] for p in y2023], y2023
    assert {p["rating"]["label"] for p in y2023} == {"four-star"} and y2023[0]["city"]["label"] == "Hangzhou", y2023
    below = [p["code"] for p in sample_client.get("/api/parks", params={"level": 0}).json()]
    assert "ZJ-QZ-001" in below and "ZJ-LS-001" in below and "ZJ-LS-005" not in below, below


def test_level_filter_errors(sample_client: TestClient, client: TestClient) -> None:
    r = sample_client.get("/api/parks", params={"level": 2})
    assert r.status_code == 400 and r.json()["code"] == "bad-level", r.text
    r = sample_client.get("/api/parks", params={"level": 5, "year": 1999})
    assert r.status_code == 404 and r.json()["code"] == "unknown-year", r.text
    r = sample_client.get("/api/parks", params={"level": "five"})
    assert r.status_code == 400 and r.json()["code"] == "bad-request", r.text
    r = sample_client.get("/api/parks", params={"level": 5, "edition": "2020-c"})
    assert r.status_code == 404 and r.json()["code"] == "no-stored-ratings", r.text
    r = client.get("/api/parks", params={"level": 5})  # the fixture store: nothing rated yet
    assert r.status_code == 404 and "parkstar rate" in r.json()["message"]["en"], r.text
