"""The guarded parts: the read-only SPARQL endpoint and the token-guarded upload. Every refusal leaves the store
exactly as it was."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from reasoner.store import OxigraphStore
from tests.api.conftest import TOKEN
from tests.conftest import INVALID, VALID, snapshot

SELECT = "SELECT ?c WHERE { ?p ps:parkCode ?c } ORDER BY ?c"


def test_sparql_get_post_and_formats(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": SELECT})
    assert r.status_code == 200, r.text
    codes = [b["c"]["value"] for b in r.json()["results"]["bindings"]]
    assert codes == ["T-HZ-01", "T-NB-01", "T-WZ-01"]
    r = client.post("/sparql", content=SELECT, headers={"Content-Type": "application/sparql-query",
                                                         "Accept": "text/csv"})
    assert r.text.split() == ["c", "T-HZ-01", "T-NB-01", "T-WZ-01"], r.text
    r = client.post("/sparql", data={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 200 and "<literal>T-NB-01</literal>" in r.text, r.text
    r = client.get("/sparql", params={"query": "CONSTRUCT { ?p ps:parkCode ?c } WHERE { ?p ps:parkCode ?c }"})
    assert r.headers["content-type"].startswith("text/turtle") and "T-WZ-01" in r.text


def _refused(client: TestClient, store: OxigraphStore, method: str, status: int, code: str, **kw: object) -> None:
    before = snapshot(store)
    r = client.request(method, "/sparql", **kw)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    assert r.json()["code"] == code and r.json()["message"]["zh"], r.json()
    assert snapshot(store) == before


def test_updates_are_refused(client: TestClient, api_store: OxigraphStore) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    _refused(client, api_store, "POST", 403, "update", content=update,
             headers={"Content-Type": "application/sparql-update"})
    _refused(client, api_store, "POST", 403, "update", content=update,
             headers={"Content-Type": "application/sparql-query"})
    _refused(client, api_store, "POST", 403, "update", data={"update": update})
    _refused(client, api_store, "GET", 403, "update", params={"query": "DROP ALL"})
    _refused(client, api_store, "GET", 403, "update", params={"query": "LOAD <http://example.org/x.ttl>"})


def test_service_and_foreign_graphs_are_refused_before_running(client: TestClient, api_store: OxigraphStore) -> None:
    _refused(client, api_store, "GET", 403, "service",
             params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    _refused(client, api_store, "GET", 403, "foreign-graph",
             params={"query": "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }"})
    _refused(client, api_store, "GET", 403, "foreign-graph",
             params={"query": "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }"})
    _refused(client, api_store, "GET", 400, "syntax", params={"query": "SELEC nothing"})


def test_from_a_stored_graph_is_allowed(client: TestClient, api_store: OxigraphStore) -> None:
    graph = next(s.graph for s in api_store.sources() if s.template == "parks")
    r = client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"})
    assert r.status_code == 200, r.text


def test_a_saved_scenario_is_reached_by_graph_only(client: TestClient, api_store: OxigraphStore) -> None:
    from reasoner.store import SCENARIO_TEMPLATE, SourceGraph

    nt = b"<http://example.org/s> <http://example.org/p> <http://example.org/what-if> .\n"
    api_store.replace_sources([SourceGraph("parkstar:scenario/x/2024", "x", SCENARIO_TEMPLATE, nt, 1)])
    union = "SELECT ?o WHERE { <http://example.org/s> <http://example.org/p> ?o }"
    r = client.get("/sparql", params={"query": union}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.split() == ["o"], r.text
    named = "SELECT ?o WHERE { GRAPH ?g { <http://example.org/s> <http://example.org/p> ?o } }"
    r = client.get("/sparql", params={"query": named}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.split() == ["o", "http://example.org/what-if"], r.text


def test_row_cap(client: TestClient, api_store: OxigraphStore) -> None:
    _refused(client, api_store, "GET", 413, "too-many-rows", params={"query": "SELECT * WHERE { ?s ?p ?o }"})


def test_a_runaway_query_is_stopped_at_the_limit_and_the_server_answers_next(client: TestClient,
                                                                              api_store: OxigraphStore) -> None:
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    _refused(client, api_store, "GET", 503, "timeout", params={"query": cross})
    elapsed = time.monotonic() - start
    assert 2.0 <= elapsed < 6.0, f"answered after {elapsed:.1f} s with a 2 s limit"
    r = client.get("/sparql", params={"query": SELECT})
    assert r.status_code == 200, r.text
    assert client.get("/api/parks/T-HZ-01").status_code == 200


def _upload(client: TestClient, path: str, token: str | None, ctype: str = "text/csv") -> object:
    headers = {"Content-Type": ctype}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    name = path.rsplit("/", 1)[-1]
    with open(path, "rb") as f:
        return client.post(f"/api/evidence?filename={name}", content=f.read(), headers=headers)


def test_upload_needs_the_token(client: TestClient, api_store: OxigraphStore) -> None:
    before = snapshot(api_store)
    r = _upload(client, str(VALID / "designations.csv"), None)
    assert r.status_code == 401 and r.headers.get("www-authenticate") == "Bearer", r.text  # type: ignore[attr-defined]
    r = _upload(client, str(VALID / "designations.csv"), "wrong")
    assert r.status_code == 403, r.text  # type: ignore[attr-defined]
    assert snapshot(api_store) == before


def test_invalid_upload_is_refused_whole_with_the_report(client: TestClient, api_store: OxigraphStore) -> None:
    before = snapshot(api_store)
    r = _upload(client, str(INVALID / "percent-range.csv"), TOKEN)
    assert r.status_code == 422, r.text  # type: ignore[attr-defined]
    report = r.json()["report"]  # type: ignore[attr-defined]
    assert report[0]["row"] == 2 and report[0]["reason_zh"] == "百分比须在 0-100 之间", report
    r = _upload(client, str(INVALID / "broken.ttl"), TOKEN, "text/turtle")
    assert r.status_code == 422, r.text  # type: ignore[attr-defined]
    assert snapshot(api_store) == before


def test_upload_size_limit(client: TestClient, api_store: OxigraphStore) -> None:
    before = snapshot(api_store)
    big = b"\xe5\x9b\xad" * (70 * 1024)
    r = client.post("/api/evidence?filename=big.csv", content=big,
                    headers={"Content-Type": "text/csv", "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413 and r.json()["code"] == "too-large", r.text
    assert snapshot(api_store) == before


def test_valid_upload_is_stored_as_its_own_graph_and_replaced_on_reupload(client: TestClient,
                                                                          api_store: OxigraphStore) -> None:
    text = "园区代码,认定类别,认定级别,认定年份,来源\nT-WZ-01,美丽园区,省级,2023,测试上传（合成）\n"
    headers = {"Content-Type": "text/csv", "Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/evidence?filename=new-designations.csv", content=text.encode(), headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "upload:new-designations.csv"
    r = client.post("/api/evidence?filename=new-designations.csv", content=text.encode(), headers=headers)
    assert r.status_code == 201, r.text
    uploads = [s for s in api_store.sources() if s.key == "upload:new-designations.csv"]
    assert len(uploads) == 1
    detail = client.get("/api/parks/T-WZ-01").json()
    assert detail["designations"] == [{"kind": "美丽园区", "level": "省级", "year": 2023}], detail
