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


JSON_ANSWERS = [
    "/api/health", "/api/stats", "/api/parks", "/api/parks?level=5&year=2024", "/api/parks/ZJ-HZ-001",
    "/api/parks/ZJ-QZ-001/ratings?year=2024", "/api/parks/ZJ-JX-001/next-level", "/api/parks/ZJ-JX-001/measures",
    "/api/measures/M7/parks", "/api/chains/anchors", "/api/chains/集成电路/anchors",
    "/api/chains/integrated-circuits/completeness?city=杭州市", "/api/province/progress",
    "/api/province/adjustment", "/api/chains", "/api/chains/integrated-circuits", "/api/indicators", "/api/measures",
    "/api/measures/M1",
]


def test_every_json_route_documents_its_answer(sample_client: TestClient) -> None:
    """Each JSON route names its answer's schema in /openapi.json (only /sparql answers in SPARQL's formats)."""
    spec = sample_client.get("/openapi.json").json()
    undocumented = []
    for path, methods in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, op in methods.items():
            ok = next((r for code, r in op["responses"].items() if code in ("200", "201")), {})
            schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            if not (schema.get("$ref") or schema.get("items", {}).get("$ref")):
                undocumented.append(f"{method.upper()} {path}: {schema}")
    assert not undocumented, "\n".join(undocumented)
    assert {"ExplainedRating", "CompletenessOut", "AnswerOut"} <= set(spec["components"]["schemas"])


def test_every_answer_is_what_its_schema_says(sample_client: TestClient) -> None:
    """The JSON each route sends validates against the model it documents (extra keys are refused)."""
    from fastapi.routing import APIRoute
    from pydantic import TypeAdapter
    from starlette.routing import Match

    from api.routes import chains, evidence, measures, meta, parks, province, ratings, sparql, vocabulary

    routes = [r for m in (meta, parks, ratings, measures, chains, province, vocabulary, sparql, evidence)
              for r in m.router.routes if isinstance(r, APIRoute)]
    for url in JSON_ANSWERS:
        path = url.split("?")[0]
        scope = {"type": "http", "path": path, "root_path": "", "method": "GET"}
        route = next((r for r in routes if "GET" in r.methods and r.matches(scope)[0] is Match.FULL), None)
        assert route is not None, f"no route answers GET {path}"
        r = sample_client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert route.response_model is not None, url
        TypeAdapter(route.response_model).validate_python(r.json())
