"""The real thing: `parkstar serve` in a subprocess on a free loopback port, queried over HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.conftest import VALID, running_server


@pytest.mark.slow
def test_real_server_over_loopback(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    store = OxigraphStore(store_path)
    load(store, [VALID])
    store.close()
    with running_server(store_path, {"PARKSTAR_SPARQL_TIMEOUT": "2"}, wait=60) as base:
        park = httpx.get(f"{base}/api/parks/T-NB-01", headers={"Accept-Language": "en"}).json()
        assert park["city"]["label"] == "Ningbo", park
        r = httpx.get(f"{base}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?p a ps:Park }"},
                      headers={"Accept": "text/csv"})
        assert r.text.split() == ["n", "3"], r.text
        r = httpx.get(f"{base}/sparql", timeout=30,
                      params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"})
        assert r.status_code == 503 and r.json()["code"] == "timeout", r.text
        assert httpx.get(f"{base}/api/parks").status_code == 200
        rating = httpx.get(f"{base}/api/parks/T-HZ-01/ratings", params={"year": 2024}, timeout=30).json()
        assert rating["ratings"][0]["level"] == 5 and rating["ratings"][0]["trace"], rating
        what_if = httpx.post(f"{base}/api/parks/T-HZ-01/what-if", json={"year": 2024, "indicators": {"I1": 1.5}},
                             timeout=30).json()
        assert what_if["baseline"]["level"] == 5 and what_if["level"] < 5 and not what_if["stored"], what_if
        r = httpx.get(f"{base}/api/province/progress", timeout=30)
        assert r.status_code == 200 and r.json()["year"] == 2024, r.text
