"""A park's ratings, next level and what-if over the bundled sample's scenario parks (data/sample/README.md): the
routes answer what the rating engine answers, with the trace and the explanation; what-if stores nothing."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from reasoner.store import OxigraphStore
from tests.conftest import snapshot


def _ok(r: Any) -> Any:
    assert r.status_code == 200, r.text
    return r.json()


def _error(r: Any, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code and body["message"]["zh"] and body["message"]["en"], body


def test_ratings_by_year_with_trace_and_explanation(sample_client: TestClient) -> None:
    body = _ok(sample_client.get("/api/parks/ZJ-HZ-001/ratings"))
    by_year = {r["year"]: r for r in body["ratings"]}
    assert sorted(by_year) == [2021, 2022, 2023, 2024], body
    assert (by_year[2023]["level"], by_year[2024]["level"]) == (4, 5), {y: r["level"] for y, r in by_year.items()}
    r = by_year[2024]
    assert r["demonstration"] and r["edition"] == "2020-a" and r["rank_in_level"] >= 1, r
    assert r["level_label"] == "五星级" and r["explanation"]["conclusion"].startswith("评定为五星级"), r["explanation"]
    entry = next(t for t in r["trace"] if t["indicator"] == "I1" and t["level"] == 5)
    assert entry["verdict"] == "met" and entry["clause"] and entry["source"] and entry["threshold"], entry
    assert r["next_level"]["target"] is None, r["next_level"]


def test_vetoed_park_explains_the_veto(sample_client: TestClient) -> None:
    r = _ok(sample_client.get("/api/parks/ZJ-QZ-001/ratings", params={"year": 2024}))["ratings"][0]
    assert r["level"] == 0 and r["vetoed"] and r["indicator_level"] == 4, r
    assert r["veto_incidents"][0]["date"] == "2023-08-14", r["veto_incidents"]
    assert any(t["verdict"] == "veto" for t in r["trace"]), r["trace"]
    assert "否决" in r["explanation"]["conclusion"], r["explanation"]


def test_options_edition_strict_as_of_and_language(sample_client: TestClient) -> None:
    relaxed = _ok(sample_client.get("/api/parks/ZJ-JX-001/ratings", params={"year": 2024}))["ratings"][0]
    strict = _ok(sample_client.get("/api/parks/ZJ-JX-001/ratings", params={"year": 2024, "strict": "true"}))
    assert (relaxed["level"], relaxed["relaxed"]) == (4, ["I2"]), relaxed
    assert strict["ratings"][0]["level"] == 3 and strict["ratings"][0]["strict"], strict
    hu_a = _ok(sample_client.get("/api/parks/ZJ-HU-001/ratings", params={"year": 2024}))["ratings"][0]
    hu_c = _ok(sample_client.get("/api/parks/ZJ-HU-001/ratings", params={"year": 2024, "edition": "2020-c"}))
    assert hu_a["level"] == 0 and hu_c["ratings"][0]["level"] == 3, (hu_a["level"], hu_c)
    early = _ok(sample_client.get("/api/parks/ZJ-QZ-001/ratings", params={"year": 2023, "as_of": "2023-06-30"}))
    assert early["ratings"][0]["assessment_date"] == "2023-06-30" and not early["ratings"][0]["vetoed"], early
    en = _ok(sample_client.get("/api/parks/ZJ-JX-001/ratings", params={"year": 2024},
                               headers={"Accept-Language": "en"}))["ratings"][0]
    assert en["level_label"] == "four-star", en["level_label"]


def test_next_level(sample_client: TestClient) -> None:
    jx = _ok(sample_client.get("/api/parks/ZJ-JX-001/next-level", params={"year": 2024}))
    assert (jx["level"], jx["target"], jx["target_label"]) == (4, 5, "五星级"), jx
    assert jx["improvements"] and all(i["needed"] for i in jx["improvements"]), jx
    assert jx["steps"] and jx["steps"][0].startswith("升至五星级"), jx["steps"]
    qz = _ok(sample_client.get("/api/parks/ZJ-QZ-001/next-level"))
    assert qz["year"] == 2024 and qz["veto_lifts_on"] and qz["veto_incidents"], qz
    nb = _ok(sample_client.get("/api/parks/ZJ-NB-001/next-level", headers={"Accept-Language": "en"}))
    assert nb["target"] is None and nb["level_label"] == "five-star", nb


def test_what_if_rates_without_storing(sample_client: TestClient) -> None:
    store: OxigraphStore = sample_client.app.state.store  # type: ignore[attr-defined]
    before = snapshot(store)
    r = _ok(sample_client.post("/api/parks/ZJ-JX-001/what-if",
                               json={"year": 2024, "strict": True, "indicators": {"I2": 66.1}}))
    assert r["baseline"]["level"] == 3 and r["level"] == 4 and r["changed"] and r["stored"] is False, r
    i2 = next(t for t in r["trace"] if t["indicator"] == "I2" and t["level"] == 4)
    assert i2["observed"] == "66.1" and i2["verdict"] == "met" and "what-if" in i2["source"], i2
    missing = _ok(sample_client.post("/api/parks/ZJ-HZ-001/what-if", json={"year": 2024, "indicators": {"I6": None}}))
    assert missing["missing"] == ["I6"] and missing["level"] == 0 and missing["undetermined"], missing
    same = _ok(sample_client.post("/api/parks/ZJ-NB-001/what-if", json={"year": 2024}))
    assert same["level"] == same["baseline"]["level"] == 5 and not same["changed"], same
    assert snapshot(store) == before
    again = _ok(sample_client.get("/api/parks/ZJ-JX-001/ratings", params={"year": 2024, "strict": "true"}))
    assert again["ratings"][0]["level"] == 3, again


def test_errors(sample_client: TestClient) -> None:
    store: OxigraphStore = sample_client.app.state.store  # type: ignore[attr-defined]
    before = snapshot(store)
    _error(sample_client.get("/api/parks/NOPE/ratings"), 404, "unknown-park")
    _error(sample_client.get("/api/parks/NOPE/next-level"), 404, "unknown-park")
    _error(sample_client.get("/api/parks/ZJ-HZ-001/ratings", params={"year": 1999}), 404, "unknown-year")
    _error(sample_client.get("/api/parks/ZJ-HZ-001/next-level", params={"year": 2030}), 404, "unknown-year")
    _error(sample_client.get("/api/parks/ZJ-HZ-001/ratings", params={"edition": "1999-z"}), 400, "bad-edition")
    _error(sample_client.get("/api/parks/ZJ-HZ-001/ratings", params={"as_of": "yesterday"}), 400, "bad-request")
    _error(sample_client.get("/api/parks/ZJ-HZ-001/ratings", params={"year": "MMXXIV"}), 400, "bad-request")
    post = sample_client.post
    _error(post("/api/parks/NOPE/what-if", json={"year": 2024}), 404, "unknown-park")
    _error(post("/api/parks/ZJ-HZ-001/what-if", json={"year": 1999}), 404, "unknown-year")
    _error(post("/api/parks/ZJ-HZ-001/what-if", json={"year": 2024, "indicators": {"I12": 1}}), 422, "invalid-body")
    _error(post("/api/parks/ZJ-HZ-001/what-if", json={"year": 2024, "indicators": {"I8": "many"}}), 422,
           "invalid-body")
    _error(post("/api/parks/ZJ-HZ-001/what-if", json={"indicators": {"I8": 36}}), 422, "invalid-body")
    _error(post("/api/parks/ZJ-HZ-001/what-if", json={"year": 2024, "colour": "red"}), 422, "invalid-body")
    _error(post("/api/parks/ZJ-HZ-001/what-if", content=b"{not json", headers={"Content-Type": "application/json"}),
           422, "invalid-body")
    _error(post("/api/parks/ZJ-HZ-001/what-if", json={"year": 2024, "edition": "nope"}), 400, "bad-edition")
    assert snapshot(store) == before


def test_ratings_show_the_published_level_beside_the_computed_one(sample_client: TestClient) -> None:
    """三.3: ZJ-WZ-001 is published four-star in 2024 while its data compute three stars; the answer flags it with
    the criteria it misses, validates against the route's response model, and earlier stages are said to be so."""
    from reasoner.app.schemas.rating import ParkRatings

    body = _ok(sample_client.get("/api/parks/ZJ-WZ-001/ratings", params={"year": 2024}))
    ParkRatings.model_validate(body)
    a = body["ratings"][0]["announcement"]
    assert (a["computed"], a["announced"], a["agreement"], a["disagrees"]) == (3, 4, "higher", True), a
    assert (a["stage"], a["stage_en"], a["published"], a["document"]) == ("公布", "published", True,
                                                                         "浙制高领〔2025〕1号（虚构）"), a
    assert a["note"].startswith("公布星级高于计算星级") and "未达四星级标准" in a["note"], a["note"]
    agreed = _ok(sample_client.get("/api/parks/ZJ-WZ-001/ratings", params={"year": 2023}))["ratings"][0]
    assert agreed["announcement"]["agreement"] == "agrees", agreed["announcement"]
    pending = _ok(sample_client.get("/api/parks/ZJ-QZ-001/ratings", params={"year": 2024}))["ratings"][0]
    p = pending["announcement"]
    assert (p["stage"], p["published"], p["announced"], p["agreement"]) == ("申报", False, None, "pending"), p
    assert "尚未公布" in p["note"] and "一票否决" in p["note"], p["note"]
    none = _ok(sample_client.get("/api/parks/ZJ-TZ-001/ratings", params={"year": 2024}))["ratings"][0]
    assert none["announcement"]["agreement"] == "none" and none["announcement"]["stage"] is None, none


def test_a_what_if_carries_no_announcement(sample_client: TestClient) -> None:
    body = _ok(sample_client.post("/api/parks/ZJ-WZ-001/what-if", json={"year": 2024, "indicators": {"I3": 46}}))
    assert "announcement" not in body, sorted(body)
