"""Load benchmark of the HTTP service (issue 6): prints figures, asserts nothing.

Loads the bundled synthetic sample into an on-disk store in a temporary folder and writes its ratings back (as
``parkstar load`` and ``parkstar rate`` do), starts ``parkstar serve`` in a subprocess on a free loopback port, and
runs N concurrent clients (asyncio, one keep-alive connection each, closed loop: each sends its next request when
the last one is answered; a minimal HTTP/1.1 client by default, httpx with ``--httpx``) for a bounded time per
scenario:

* ``park detail``: ``GET /api/parks/{code}``, the clients cycling through every park of the sample;
* ``park list by level``: ``GET /api/parks?level=N`` (the stored ratings, one query);
* ``park ratings``: ``GET /api/parks/{code}/ratings?year=Y`` (rating, trace, explanation);
* ``sparql``: ``GET /sparql`` with a small SELECT (parks and their names), run by the guarded worker processes.

Before each scenario every distinct URL is requested once (the service caches answers per store version, so the
timed run measures the warm service; the first, cold request of each is reported apart). For each scenario it prints
requests per second, latency p50/p95/p99 and the errors (non-2xx answers and transport errors). The clients run in
this process, the server in another: on a small machine they share the cores, so the figures are those of the pair.

Usage: ``python bench/http_load.py [--clients 50] [--duration 15] [--scenarios park-detail,sparql,...] [--store DIR]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, where this file would hide the standard library's
# ``http`` package from uvicorn and httpx: take the folder off before importing them.
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

ROOT = Path(__file__).resolve().parents[1]
SPARQL = "SELECT ?code ?name WHERE { ?p a ps:Park ; ps:parkCode ?code ; rdfs:label ?name } ORDER BY ?code LIMIT 20"


@dataclass
class Result:
    """What one scenario measured."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    cold: list[float] = field(default_factory=list)
    cpu_server: float = 0.0
    cpu_client: float = 0.0

    def line(self) -> str:
        n = len(self.latencies)
        if n < 2:
            return f"{self.name:<22} {n} requests, {self.errors} errors"
        q = statistics.quantiles(self.latencies, n=100, method="inclusive")
        cold = f"  cold first request median {statistics.median(self.cold) * 1000:.0f} ms" if self.cold else ""
        cpu = (f"  CPU server {self.cpu_server / self.elapsed:.0%} client {self.cpu_client / self.elapsed:.0%}"
               if self.cpu_server or self.cpu_client else "")
        return (f"{self.name:<22} {n / self.elapsed:8.0f} req/s   p50 {q[49] * 1000:6.1f} ms   "
                f"p95 {q[94] * 1000:6.1f} ms   p99 {q[98] * 1000:6.1f} ms   errors {self.errors}"
                f"{' ' + str(self.statuses) if self.statuses else ''}{cold}{cpu}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_store(path: Path) -> list[str]:
    """Load the sample and write its ratings back; the park codes."""
    from reasoner.ingest import load
    from reasoner.rating import rate_store
    from reasoner.rating.engine import latest_year
    from reasoner.rating.writeback import write_ratings
    from reasoner.resources import sample_dir
    from reasoner.store import OxigraphStore

    store = OxigraphStore(path)
    try:
        if not any(s.key.startswith("parkstar:ratings/") for s in store.sources()):
            load(store, [sample_dir()])
            write_ratings(store, rate_store(store, [latest_year(store)]))
        codes = [r["c"] for r in store.select("SELECT ?c WHERE { ?p a ps:Park ; ps:parkCode ?c } ORDER BY ?c")]
    finally:
        store.close()
    return codes


def start_server(store: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    with log.open("wb") as out:  # a file, not a pipe: an unread pipe would fill up and stall the server
        proc = subprocess.Popen([sys.executable, "-m", "reasoner", "serve", "--port", str(port), "--store",
                                 str(store)], stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            raise SystemExit("the server exited: " + log.read_text(errors="replace")[-2000:])
        if time.monotonic() > deadline:
            proc.kill()
            raise SystemExit("the server did not start within 60 s")
        time.sleep(0.2)


class RawClient:
    """A minimal HTTP/1.1 keep-alive GET client on asyncio streams, one connection.

    httpx spends about 2 ms of CPU per request, several times what the service spends answering a cached park;
    on a two-core machine the benchmark would mostly measure its own client. This one only writes the request line
    and reads the status, the headers and ``Content-Length`` bytes (or the chunks) of the body.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """Send ``GET path`` and read the whole answer; its status (connection errors raise OSError)."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                              "Accept: application/json\r\n\r\n".encode())
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (line.partition(b":") for line in head.split(b"\r\n")[1:] if line)}
            if headers.get(b"transfer-encoding") == b"chunked":
                while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                    await self.reader.readexactly(size + 2)
                await self.reader.readuntil(b"\r\n")
            else:
                await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
            if headers.get(b"connection") == b"close":
                self.close()
            return status
        except (OSError, asyncio.IncompleteReadError, ValueError):
            self.close()
            raise OSError("connection lost") from None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_scenario(name: str, base: str, urls: list[str], clients: int, duration: float,
                       server_pid: int, use_httpx: bool = False) -> Result:
    """Warm every URL once (timing it), then ``clients`` closed-loop clients for ``duration`` seconds."""
    out = Result(name + (" (httpx)" if use_httpx else ""))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    host, port = base.rsplit("//", 1)[1].split(":")
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        for url in urls:
            t = time.perf_counter()
            r = await http.get(url)
            out.cold.append(time.perf_counter() - t)
            if r.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {r.status_code}: {r.text[:300]}")
        stop = time.perf_counter() + duration

        async def client(i: int) -> None:
            k = i
            raw = RawClient(host, int(port))
            while time.perf_counter() < stop:
                url = urls[k % len(urls)]
                k += clients
                t = time.perf_counter()
                try:
                    status = (await http.get(url)).status_code if use_httpx else await raw.get(url)
                    ok = 200 <= status < 300
                    if not ok:
                        out.statuses[str(status)] = out.statuses.get(str(status), 0) + 1
                except (httpx.HTTPError, OSError) as e:
                    ok = False
                    out.statuses[type(e).__name__] = out.statuses.get(type(e).__name__, 0) + 1
                out.latencies.append(time.perf_counter() - t)
                out.errors += not ok
            raw.close()

        began, server0, client0 = time.perf_counter(), cpu_seconds(server_pid), time.process_time()
        await asyncio.gather(*(client(i) for i in range(clients)))
        out.elapsed = time.perf_counter() - began
        out.cpu_server, out.cpu_client = cpu_seconds(server_pid) - server0, time.process_time() - client0
    return out


def scenarios(codes: list[str]) -> dict[str, Callable[[], list[str]]]:
    from urllib.parse import urlencode

    return {
        "park-detail": lambda: [f"/api/parks/{c}" for c in codes],
        "park-list-level": lambda: [f"/api/parks?level={n}" for n in (0, 3, 4, 5)],
        "park-ratings": lambda: [f"/api/parks/{c}/ratings?year=2024" for c in codes],
        "sparql": lambda: ["/sparql?" + urlencode({"query": SPARQL})],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=15.0, help="seconds per scenario")
    ap.add_argument("--scenarios", default="park-detail,sparql",
                    help="comma-separated: park-detail, park-list-level, park-ratings, sparql")
    ap.add_argument("--httpx", action="store_true", help="use httpx as the client (costs the client more CPU)")
    ap.add_argument("--store", type=Path, help="keep the store in this folder (default: a temporary one)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="parkstar-http-bench-") as tmp:
        store = args.store or Path(tmp) / "store"
        t = time.perf_counter()
        codes = prepare_store(store)
        print(f"store: {store} ({len(codes)} parks), prepared in {time.perf_counter() - t:.1f} s")
        port = free_port()
        proc = start_server(store, port, Path(tmp) / "server.log")
        base = f"http://127.0.0.1:{port}"
        print(f"server: parkstar serve on {base}; {args.clients} clients, {args.duration:g} s per scenario, "
              f"{os.cpu_count()} CPUs")
        try:
            table = scenarios(codes)
            for name in args.scenarios.split(","):
                result = asyncio.run(run_scenario(name, base, table[name.strip()](), args.clients, args.duration,
                                                  proc.pid, args.httpx))
                print(result.line(), flush=True)
                alive = httpx.get(f"{base}/api/health", timeout=10).status_code
                if alive != 200:
                    print(f"  health after {name}: {alive}")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
