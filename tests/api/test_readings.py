"""The readings over HTTP: the list, ``reading=KEY:VALUE`` on the rating and measures routes (recorded in every
answer), a 400 naming the choices for an unknown one, and the sensitivity answer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.policy.test_readings import NAMED


def test_the_readings_are_listed(sample_client: TestClient) -> None:
    r = sample_client.get("/api/readings")
    assert r.status_code == 200, r.text
    assert {x["key"] for x in r.json()} >= NAMED


def test_a_reading_is_chosen_on_the_rating_routes(sample_client: TestClient) -> None:
    default = sample_client.get("/api/parks/ZJ-SX-001/ratings", params={"year": 2024})
    chosen = sample_client.get("/api/parks/ZJ-SX-001/ratings",
                               params={"year": 2024, "reading": "relaxation:requirement"})
    assert default.status_code == chosen.status_code == 200, chosen.text
    before, after = default.json()["ratings"][0], chosen.json()["ratings"][0]
    assert before["readings"]["relaxation"] == "exception" and after["readings"]["relaxation"] == "requirement"
    assert after["level"] < before["level"], (before["level"], after["level"])


def test_a_reading_is_chosen_on_the_measures_routes(sample_client: TestClient) -> None:
    r = sample_client.get("/api/measures/M3/parks", params={"year": 2024, "reading": ["m3-scope:four-star"]})
    assert r.status_code == 200, r.text
    body = r.json()
    answers = body["qualifies"] + body["undetermined"] + body["does_not"]
    assert answers and all(a["readings"]["m3-scope"] == "four-star" for a in answers)
    default = sample_client.get("/api/measures/M3/parks", params={"year": 2024}).json()
    assert body["counts"]["yes"] < default["counts"]["yes"], (body["counts"], default["counts"])


def test_an_unknown_reading_is_a_400_naming_the_choices(sample_client: TestClient) -> None:
    r = sample_client.get("/api/parks/ZJ-SX-001/measures", params={"reading": "m3-scope:nobody"})
    assert r.status_code == 400, r.text
    assert "star-parks" in r.text and "four-star" in r.text


def test_the_sensitivity_answer(sample_client: TestClient) -> None:
    r = sample_client.get("/api/readings/sensitivity", params={"year": 2024})
    assert r.status_code == 200, r.text
    req = next(e for e in r.json()["effects"] if e["reading"] == "relaxation" and e["alternative"] == "requirement")
    assert req["counts"]["levels"] == 14, req["counts"]


def test_the_api_adjustment_carries_the_follow_up(sample_client: TestClient) -> None:
    r = sample_client.get("/api/province/adjustment", params={"year": 2024, "reading": "o1-deadline:years-after"})
    assert r.status_code == 200, r.text
    assert any(x["status"] == "overdue" for x in r.json()["follow_up"]), r.json()["follow_up"][:3]
