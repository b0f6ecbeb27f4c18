"""The real thing: `parkstar serve` in a subprocess on a free loopback port, queried over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.conftest import VALID


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_real_server_over_loopback(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    store = OxigraphStore(store_path)
    load(store, [VALID])
    store.close()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "reasoner", "serve", "--port", str(port), "--store",
                             str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "PARKSTAR_SPARQL_TIMEOUT": "2"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "server exited"
            assert time.monotonic() < deadline, "server did not start within 60 s"
            time.sleep(0.2)
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
    finally:
        proc.terminate()
        proc.wait(10)
