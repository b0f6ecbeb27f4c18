"""Dashboard benchmark: how long each page takes over HTTP on the bundled sample.

Loads ``data/sample`` into a fresh on-disk store in a temporary folder, rates it and writes the ratings back (as
``parkstar load`` and ``parkstar rate`` do), starts ``parkstar serve`` on a free loopback port and requests each page:
the province page, a park page, the chains index, a chain page for the province and for a park, the upload form and
a what-if post. For each it prints the first request and the median and range of the following runs. It does so
twice: right after the server answers its health check (its warm-up thread is still computing the latest year's
ratings, anchors, chain facts and measures, which the first pages wait for), and on a second server after
``--settle`` seconds (warm-up done). The application layer keeps those answers until the store changes. Target:
under a second. Prints figures; asserts nothing.

Usage: python bench/dashboard.py [--runs 7] [--settle 15] [--park ZJ-HZ-001] [--chain integrated-circuits]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from reasoner.ingest import load
from reasoner.rating import rate_store
from reasoner.rating.writeback import write_ratings
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited")
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start within 90 s")


def request(client: httpx.Client, method: str, url: str, data: dict[str, str] | None) -> float:
    start = time.perf_counter()
    r = client.request(method, url, data=data)
    took = time.perf_counter() - start
    if r.status_code != 200:
        raise SystemExit(f"{method} {url}: HTTP {r.status_code}\n{r.text[:500]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--park", default="ZJ-HZ-001")
    ap.add_argument("--chain", default="integrated-circuits")
    ap.add_argument("--settle", type=float, default=15.0, help="seconds to let the second server warm up")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="parkstar-bench-dashboard-") as tmp:
        store_path = Path(tmp) / "store"
        start = time.perf_counter()
        store = OxigraphStore(store_path)
        load(store, [sample_dir()])
        ratings = rate_store(store, None)
        write_ratings(store, ratings)
        year = ratings[0].year
        store.close()
        print(f"sample loaded and rated in {time.perf_counter() - start:.1f} s (year {year})")
        for settle in (0.0, args.settle):
            run_server(store_path, tmp, settle, args.runs, year, args.park, args.chain)


def run_server(store_path: Path, tmp: str, settle: float, runs: int, year: int, park: str, chain: str) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "reasoner", "serve", "--port", str(port), "--store",
                             str(store_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, proc)
        time.sleep(settle)
        whatif = {"year": str(year), "I1": "600"}
        pages: list[tuple[str, str, str, dict[str, str] | None]] = [
            ("province", "GET", "/", None),
            ("park", "GET", f"/parks/{park}", None),
            ("chains", "GET", "/chains", None),
            ("chain (province)", "GET", f"/chains/{chain}", None),
            ("chain (park)", "GET", f"/chains/{chain}?park={park}", None),
            ("upload form", "GET", "/upload", None),
            ("what-if", "POST", f"/parks/{park}/what-if", whatif),
        ]
        print(f"\nfresh server, first request {settle:g} s after it answered")
        print(f"{'page':<18} {'first':>8} {'median':>8} {'min':>8} {'max':>8}   (seconds, {runs} runs)")
        with httpx.Client(base_url=base, timeout=120) as client:
            for name, method, url, data in pages:
                first = request(client, method, url, data)
                walls = [request(client, method, url, data) for _ in range(runs)]
                flag = "" if statistics.median(walls) < 1 else "  ← over 1 s"
                print(f"{name:<18} {first:8.3f} {statistics.median(walls):8.3f} {min(walls):8.3f} "
                      f"{max(walls):8.3f}{flag}", flush=True)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
