"""Resource routes: JSON by default, labels by Accept-Language, Turtle and JSON-LD by Accept, errors as JSON."""

from __future__ import annotations

import json

import rdflib
from fastapi.testclient import TestClient


def test_health_and_stats(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    stats = client.get("/api/stats").json()
    assert stats["counts"]["园区 parks"] == 3, stats


def test_park_list_and_filters(client: TestClient) -> None:
    parks = client.get("/api/parks").json()
    assert [p["code"] for p in parks] == ["T-HZ-01", "T-NB-01", "T-WZ-01"], parks
    hz = client.get("/api/parks", params={"city": "杭州市"}).json()
    assert [p["code"] for p in hz] == ["T-HZ-01"], hz
    ic = client.get("/api/parks", params={"chain": "集成电路"}).json()
    assert [p["code"] for p in ic] == ["T-HZ-01"], ic
    bad = client.get("/api/parks", params={"city": "火星市"})
    assert bad.status_code == 400 and bad.json()["code"] == "unknown-filter", bad.json()


def test_park_detail_languages(client: TestClient) -> None:
    zh = client.get("/api/parks/T-HZ-01").json()
    en = client.get("/api/parks/T-HZ-01", headers={"Accept-Language": "en-US,en;q=0.9"}).json()
    assert zh["city"]["label"] == "杭州市" and en["city"]["label"] == "Hangzhou", (zh, en)
    assert zh["designations"] == [{"kind": "绿色园区", "level": "国家级", "year": 2022}], zh
    assert zh["synthetic"] is True and zh["years"] == [2023, 2024]


def test_park_as_turtle_and_jsonld(client: TestClient) -> None:
    ttl = client.get("/api/parks/T-HZ-01", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=ttl.text, format="turtle")
    codes = [str(o) for o in g.objects(None, rdflib.URIRef("https://w3id.org/parkstar/def#parkCode"))]
    assert codes == ["T-HZ-01"], ttl.text
    jl = client.get("/api/parks/T-HZ-01", headers={"Accept": "application/ld+json"})
    assert jl.headers["content-type"].startswith("application/ld+json")
    assert len(rdflib.Graph().parse(data=jl.text, format="json-ld")) == len(g)


def test_unknown_park_is_a_json_404(client: TestClient) -> None:
    r = client.get("/api/parks/NOPE")
    assert r.status_code == 404
    body = r.json()
    assert body["code"] == "unknown-park" and body["message"]["zh"] and body["message"]["en"], body


def test_chains_indicators_measures(client: TestClient) -> None:
    chains = client.get("/api/chains").json()
    assert [c["id"] for c in chains][:2] == ["digital-security", "integrated-circuits"]
    ic = client.get("/api/chains/集成电路").json()
    assert ic["segments"][0]["id"] == "ic-materials-equipment", ic
    assert any(c["id"] == "software-ic" for c in ic["clusters"])
    ttl = client.get("/api/chains/integrated-circuits", headers={"Accept": "text/turtle"})
    assert "集成电路" in ttl.text
    inds = client.get("/api/indicators", headers={"Accept-Language": "en"}).json()
    assert len(inds) == 11 and inds[0]["unit"] == "亿元"
    measures = client.get("/api/measures").json()
    assert [m["id"] for m in measures][-2:] == ["O1", "O2"]
    m = client.get("/api/measures/m11", headers={"Accept": "application/ld+json"})
    assert json.loads(m.text), m.text
    assert client.get("/api/measures/M99").status_code == 404


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/sparql" in spec["paths"] and "/api/evidence" in spec["paths"]
