"""Chain analysis routes: anchors of every chain or one, completeness for a park, a city or the province — the
engine's JSON, with labels in the reader's language; the chain resource in Turtle is the vocabulary route's."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reasoner.app.schemas.base import dump
from reasoner.app.schemas.chains import AnchorsOut, CompletenessOut
from reasoner.chains import analyse_chain, anchors
from reasoner.store import OxigraphStore


def _store(c: TestClient) -> OxigraphStore:
    store: OxigraphStore = c.app.state.store  # type: ignore[attr-defined]
    return store


def _strip(data: object) -> object:
    """The JSON without the ``label`` keys the route adds."""
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k != "label"}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def test_anchors_of_every_chain_and_of_one(sample_client: TestClient) -> None:
    r = sample_client.get("/api/chains/anchors")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["year"] == 2024 and len(body["chains"]) == 10, [c["chain"]["id"] for c in body["chains"]]
    assert all(c["anchors"] for c in body["chains"]), [c["chain"]["id"] for c in body["chains"] if not c["anchors"]]
    one = sample_client.get("/api/chains/集成电路/anchors", params={"year": 2023},
                            headers={"Accept-Language": "en"})
    assert one.status_code == 200, one.text
    data = one.json()
    assert [c["chain"]["id"] for c in data["chains"]] == ["integrated-circuits"], data
    assert data["chains"][0]["chain"]["label"] == "integrated circuits", data["chains"][0]["chain"]
    assert _strip(data) == dump(AnchorsOut.of(anchors(_store(sample_client), 2023, "integrated-circuits")))


def test_completeness_for_park_city_province(sample_client: TestClient) -> None:
    park = sample_client.get("/api/chains/integrated-circuits/completeness", params={"park": "ZJ-HZ-001"})
    assert park.status_code == 200, park.text
    p = park.json()
    assert p["scope"]["kind"] == "park" and p["chain"]["label"] == "集成电路", p["scope"]
    assert _strip(p) == dump(CompletenessOut.of(analyse_chain(_store(sample_client), "integrated-circuits",
                                                                    park="ZJ-HZ-001")))
    city = sample_client.get("/api/chains/integrated-circuits/completeness", params={"city": "杭州市"},
                             headers={"Accept-Language": "en"}).json()
    assert city["scope"]["kind"] == "city" and city["scope"]["label"] == "Hangzhou", city["scope"]
    prov = sample_client.get("/api/chains/biomedicine/completeness", params={"province": "true", "year": 2024})
    assert prov.status_code == 200, prov.text
    assert "bm-chemical-drugs" in prov.json()["uncovered_in_province"], prov.json()["uncovered_in_province"]
    assert 0 < prov.json()["coverage"]["share"] < 1, prov.json()["coverage"]


def test_chain_resource_as_turtle(sample_client: TestClient) -> None:
    r = sample_client.get("/api/chains/biomedicine", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle") and "生物医药" in r.text, r.text


def test_errors(sample_client: TestClient) -> None:
    cases = [
        ("/api/chains/no-such-chain/anchors", {}, 404, "unknown-chain"),
        ("/api/chains/no-such-chain/completeness", {"province": "true"}, 404, "unknown-chain"),
        ("/api/chains/anchors", {"year": 1999}, 404, "unknown-year"),
        ("/api/chains/integrated-circuits/completeness", {"park": "NOPE"}, 404, "unknown-park"),
        ("/api/chains/integrated-circuits/completeness", {"city": "火星市"}, 404, "unknown-city"),
        ("/api/chains/integrated-circuits/completeness", {}, 400, "bad-scope"),
        ("/api/chains/integrated-circuits/completeness", {"park": "ZJ-HZ-001", "province": "true"}, 400, "bad-scope"),
        ("/api/chains/integrated-circuits/completeness", {"province": "true", "year": "soon"}, 400, "bad-request"),
    ]
    for url, params, status, code in cases:
        r = sample_client.get(url, params=params)
        assert r.status_code == status and r.json()["code"] == code and r.json()["message"]["en"], (url, r.text)
