"""After a successful upload the affected ratings are rated again and stored: the rating routes and the park list
show the new level at once, and the response says which parks moved."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reasoner.namespaces import PS
from reasoner.rating import rate_store
from reasoner.rating.stored import stored_levels
from reasoner.rating.writeback import write_ratings
from reasoner.store import OxigraphStore
from tests.api.conftest import TOKEN
from tests.conftest import VALID

HEADERS = {"Content-Type": "text/csv", "Authorization": f"Bearer {TOKEN}"}


def _indicator_rows(code: str, year: int, revenue: str) -> bytes:
    """T-HZ-01's 2024 row of the fixture (five-star), for another year and with another revenue (I1)."""
    lines = (VALID / "indicators.csv").read_text(encoding="utf-8").splitlines()
    row = next(line for line in lines if line.startswith("T-HZ-01,2024,")).split(",")
    row[0], row[1], row[2] = code, str(year), revenue
    return ("\n".join([lines[0], ",".join(row)]) + "\n").encode()


def _level(client: TestClient, code: str, year: int) -> int:
    r = client.get(f"/api/parks/{code}/ratings", params={"year": year})
    assert r.status_code == 200, r.text
    level: int = r.json()["ratings"][0]["level"]
    return level


def test_an_indicator_upload_rerates_and_a_corrected_one_changes_the_level(client: TestClient,
                                                                           api_store: OxigraphStore) -> None:
    r = client.post("/api/evidence?filename=2025.csv", content=_indicator_rows("T-HZ-01", 2025, "1080.2"),
                    headers=HEADERS)
    assert r.status_code == 201, r.text
    rerated = r.json()["rerated"]
    assert rerated["batches"] == [{"year": 2025, "edition": "2020-a", "strict": False}], rerated
    assert {"park": "T-HZ-01", "year": 2025, "edition": "2020-a", "strict": False, "before": None,
            "after": 5} in rerated["changed"], rerated
    assert _level(client, "T-HZ-01", 2025) == 5
    assert stored_levels(api_store, 2025) == {"T-HZ-01": 5}
    # the park's office corrects its figure: the same file again, a much lower revenue
    r = client.post("/api/evidence?filename=2025.csv", content=_indicator_rows("T-HZ-01", 2025, "120.5"),
                    headers=HEADERS)
    assert r.status_code == 201, r.text
    assert r.json()["rerated"]["changed"] == [{"park": "T-HZ-01", "year": 2025, "edition": "2020-a",
                                               "strict": False, "before": 5, "after": 0}], r.json()
    assert _level(client, "T-HZ-01", 2025) == 0
    listed = client.get("/api/parks", params={"year": 2025, "level": 0}).json()
    assert [p["code"] for p in listed] == ["T-HZ-01"], listed
    assert len([s for s in api_store.sources() if s.key == "upload:2025.csv"]) == 1


def test_an_incident_upload_rerates_every_stored_year(client: TestClient, api_store: OxigraphStore) -> None:
    write_ratings(api_store, rate_store(api_store, [2023, 2024]))
    write_ratings(api_store, rate_store(api_store, [2024], strict=True))
    assert _level(client, "T-HZ-01", 2024) == 5
    text = ("事件编号,园区代码,事件类型,事件等级,发生日期,事件描述,来源,数据性质\n"
            "E-100,T-HZ-01,安全生产,重大,2024-05-01,测试事件（合成）,测试上传（合成）,合成\n")
    r = client.post("/api/evidence?filename=incident.csv", content=text.encode(), headers=HEADERS)
    assert r.status_code == 201, r.text
    rerated = r.json()["rerated"]
    assert rerated["batches"] == [{"year": 2023, "edition": "2020-a", "strict": False},
                                  {"year": 2024, "edition": "2020-a", "strict": False},
                                  {"year": 2024, "edition": "2020-a", "strict": True}], rerated
    assert {"park": "T-HZ-01", "year": 2024, "edition": "2020-a", "strict": False, "before": 5,
            "after": 0} in rerated["changed"], rerated
    rating = client.get("/api/parks/T-HZ-01/ratings", params={"year": 2024}).json()["ratings"][0]
    assert rating["vetoed"] and rating["level"] == 0, rating
    assert stored_levels(api_store, 2024)["T-HZ-01"] == 0
    assert stored_levels(api_store, 2024, strict=True)["T-HZ-01"] == 0


def test_a_refused_upload_rerates_nothing(client: TestClient, api_store: OxigraphStore) -> None:
    write_ratings(api_store, rate_store(api_store, [2024]))
    batch = api_store.source("parkstar:ratings/2024/2020-a")
    r = client.post("/api/evidence?filename=bad.csv", content=_indicator_rows("T-HZ-01", 2025, "lots"),
                    headers=HEADERS)
    assert r.status_code == 422, r.text
    assert api_store.source("parkstar:ratings/2024/2020-a") == batch
    assert stored_levels(api_store, 2025) is None


def test_answers_and_sparql_follow_an_upload(client: TestClient) -> None:
    """Cached answers and the SPARQL workers' snapshots are per store version: an upload shows at once."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?o ps:observedPark ?p ; ps:year 2025 }"

    def observations() -> str:
        r = client.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"})
        assert r.status_code == 200, r.text
        return r.text.split()[1]

    assert observations() == "0"
    assert client.get("/api/parks/T-WZ-01").json()["designations"] == []
    text = "园区代码,认定类别,认定级别,认定年份,来源\nT-WZ-01,绿色园区,省级,2024,测试上传（合成）\n"
    assert client.post("/api/evidence?filename=d.csv", content=text.encode(), headers=HEADERS).status_code == 201
    detail = client.get("/api/parks/T-WZ-01").json()
    assert detail["designations"] == [{"kind": "绿色园区", "level": "省级", "year": 2024}], detail
    r = client.post("/api/evidence?filename=2025.csv", content=_indicator_rows("T-WZ-01", 2025, "99.5"),
                    headers=HEADERS)
    assert r.status_code == 201, r.text
    assert observations() != "0", "the SPARQL worker still answers from the snapshot before the upload"
    assert client.get("/api/parks/T-WZ-01").json()["years"] == [2024, 2025]


def test_stored_measure_answers_follow_an_upload(client: TestClient, api_store: OxigraphStore) -> None:
    from reasoner.measures import evaluate
    from reasoner.measures.writeback import write_answers

    write_ratings(api_store, rate_store(api_store, [2024]))
    write_answers(api_store, evaluate(api_store, 2024))
    stored = """SELECT ?answer WHERE { ?a ps:answerPark ?p ; ps:year 2024 ; ps:provision ?m ; ps:answer ?answer .
                ?p ps:parkCode "T-HZ-01" . ?m skos:notation "O2" }"""
    assert [str(r["answer"]) for r in api_store.select(stored)] == [str(PS.DoesNotQualify)]
    text = ("事件编号,园区代码,事件类型,事件等级,发生日期,事件描述,来源,数据性质\n"
            "E-101,T-HZ-01,环保,重大,2024-03-01,测试事件（合成）,测试上传（合成）,合成\n")
    r = client.post("/api/evidence?filename=incident.csv", content=text.encode(), headers=HEADERS)
    assert r.status_code == 201 and r.json()["measures_reanswered"] == [2024], r.text
    assert [str(r["answer"]) for r in api_store.select(stored)] == [str(PS.Qualifies)], "O2 now applies"
