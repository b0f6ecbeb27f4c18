"""Support measures over HTTP (四(三)): a park's answers with their traces and the reverse question, on the bundled
sample's scenario parks (data/sample/README.md, "Support measures")."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def _ok(r: Any) -> Any:
    assert r.status_code == 200, r.text
    return r.json()


def _by_measure(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["measure"]: a for a in body["measures"] if a["project"] is None}


def test_a_parks_measures_carry_answers_conditions_facts_and_clauses(sample_client: TestClient) -> None:
    nb = _by_measure(_ok(sample_client.get("/api/parks/ZJ-NB-001/measures", params={"year": 2024})))
    for code in ("M1", "M7", "M10", "M11", "M12"):
        assert nb[code]["answer"] == "yes", nb[code]["summary"]
    m11 = nb["M11"]
    assert m11["clause"] and m11["conditions"] and m11["missing"] == [], m11
    rating = next(f for c in m11["conditions"] for f in c["facts"] if f["kind"] == "rating")
    observed = [t for t in rating["trace"] if t.get("indicator") and t["observed"] != "缺失"]
    assert observed and all(t["source"] for t in observed), rating
    assert nb["O1"]["answer"] == "no" and nb["O2"]["answer"] == "no", (nb["O1"], nb["O2"])


def test_no_names_what_would_change_it_and_undetermined_names_the_missing_fact(sample_client: TestClient) -> None:
    jx = _by_measure(_ok(sample_client.get("/api/parks/ZJ-JX-001/measures", params={"year": 2024})))
    assert jx["M11"]["answer"] == "no" and jx["M11"]["because"], jx["M11"]
    assert jx["M7"]["answer"] == "undetermined" and jx["M7"]["missing"], jx["M7"]
    assert any(c["held"] is None for c in jx["M7"]["conditions"]), jx["M7"]["conditions"]
    ls = _by_measure(_ok(sample_client.get("/api/parks/ZJ-LS-001/measures", params={"year": 2024})))
    assert ls["M4"]["answer"] == "undetermined" and any("I6" in m for m in ls["M4"]["missing"]), ls["M4"]
    qz = _by_measure(_ok(sample_client.get("/api/parks/ZJ-QZ-001/measures", params={"year": 2024})))
    assert qz["O2"]["answer"] == "yes" and qz["M8"]["answer"] == "no", (qz["O2"], qz["M8"])


def test_projects_are_answered_one_by_one(sample_client: TestClient) -> None:
    body = _ok(sample_client.get("/api/parks/ZJ-NB-001/measures", params={"year": 2024, "trace": "false"}))
    per_project = [a for a in body["measures"] if a["measure"] in ("M2", "M3", "M6")]
    assert per_project and all(a["project"] for a in per_project), per_project


def test_the_reverse_question_groups_parks_by_answer(sample_client: TestClient) -> None:
    body = _ok(sample_client.get("/api/measures/M7/parks", params={"year": 2024}))
    assert body["clause"] and body["counts"]["yes"] == len(body["qualifies"]), body["counts"]
    assert "ZJ-NB-001" in {a["park"] for a in body["qualifies"]}, body["qualifies"]
    assert "ZJ-HZ-001" in {a["park"] for a in body["does_not"]}, body["counts"]
    undetermined = {a["park"]: a for a in body["undetermined"]}
    assert "ZJ-JX-001" in undetermined and undetermined["ZJ-JX-001"]["missing"], body["counts"]
    assert sum(body["counts"].values()) == 65, body["counts"]  # ZJ-LS-005, not in scope (三.1), answered "no"


def test_as_of_and_errors(sample_client: TestClient) -> None:
    r = sample_client.get("/api/measures/O1/parks", params={"year": 2024, "as_of": "2026-01-15"})
    assert r.status_code == 400 and r.json()["code"] == "measure-not-in-force", r.text
    r = sample_client.get("/api/measures/M99/parks")
    assert r.status_code == 404 and r.json()["message"]["en"], r.text
    r = sample_client.get("/api/parks/NO-SUCH/measures")
    assert r.status_code == 404 and r.json()["code"] == "unknown-park", r.text
    en = _ok(sample_client.get("/api/measures/M1/parks", params={"year": 2024}, headers={"Accept-Language": "en"}))
    assert en["label"] and en["label"].isascii(), en["label"]
