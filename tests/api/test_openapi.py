"""The OpenAPI document at /docs: every new route is there with examples from the bundled sample, and the examples
work — each is sent to the service over the sample and answered."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

NEW_ROUTES = ["/api/parks/{code}/ratings", "/api/parks/{code}/next-level", "/api/parks/{code}/what-if",
              "/api/chains/anchors", "/api/chains/{chain}/anchors", "/api/chains/{chain}/completeness",
              "/api/province/progress", "/api/province/adjustment"]


def _param_examples(op: dict[str, Any], name: str) -> list[Any]:
    for p in op.get("parameters", []):
        if p["name"] == name:
            return [e["value"] for e in p.get("examples", {}).values()] or p.get("schema", {}).get("examples", [])
    return []


def test_new_routes_are_documented_with_sample_examples(sample_client: TestClient) -> None:
    spec = sample_client.get("/openapi.json").json()
    assert set(NEW_ROUTES) <= set(spec["paths"]), sorted(spec["paths"])
    ratings = spec["paths"]["/api/parks/{code}/ratings"]["get"]
    assert {"ZJ-NB-001", "ZJ-HZ-001", "ZJ-QZ-001", "ZJ-JX-001"} <= set(_param_examples(ratings, "code")), ratings
    assert {"year", "edition", "strict", "as_of"} <= {p["name"] for p in ratings["parameters"]}, ratings
    body = spec["paths"]["/api/parks/{code}/what-if"]["post"]["requestBody"]["content"]["application/json"]
    assert body["examples"]["strict-jx"]["value"]["indicators"] == {"I2": 66.1}, body
    assert _param_examples(spec["paths"]["/api/chains/{chain}/completeness"]["get"], "chain"), spec
    assert sample_client.get("/docs").status_code == 200


def test_the_examples_work(sample_client: TestClient) -> None:
    spec = sample_client.get("/openapi.json").json()
    what_if = spec["paths"]["/api/parks/{code}/what-if"]["post"]["requestBody"]["content"]["application/json"]
    for name, example in what_if["examples"].items():
        code = "ZJ-JX-001" if name == "strict-jx" else "ZJ-HZ-001"
        r = sample_client.post(f"/api/parks/{code}/what-if", json=example["value"])
        assert r.status_code == 200, (name, r.text)
    jx = sample_client.post("/api/parks/ZJ-JX-001/what-if", json=what_if["examples"]["strict-jx"]["value"]).json()
    assert (jx["baseline"]["level"], jx["level"]) == (3, 4), jx
    ratings = spec["paths"]["/api/parks/{code}/ratings"]["get"]
    for code in _param_examples(ratings, "code"):
        for path in ("ratings", "next-level"):
            r = sample_client.get(f"/api/parks/{code}/{path}", params={"year": 2024})
            assert r.status_code == 200, (code, path, r.text)
    for chain in _param_examples(spec["paths"]["/api/chains/{chain}/anchors"]["get"], "chain"):
        r = sample_client.get(f"/api/chains/{chain}/anchors")
        assert r.status_code == 200, (chain, r.text)
