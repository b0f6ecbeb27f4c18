"""The dashboard's fixtures: the real server (``parkstar serve`` in a subprocess on a free loopback port, over an
on-disk store under pytest's temporary folder holding the bundled sample, rated and written back) and Chromium
from the system (Debian's ``chromium``) driven by Playwright — no browser download.

Screenshots go to a temporary folder (``PARKSTAR_SCREENSHOTS`` names another one to keep them).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from reasoner.ingest import load
from reasoner.rating import rate_store
from reasoner.rating.writeback import write_ratings
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]
TOKEN = "dashboard-test-token-51c"


def chromium_path() -> str | None:
    """The system's Chromium executable, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Server:
    """A running ``parkstar serve``: its base URL and the store folder it serves."""

    base: str
    store: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``parkstar serve`` over the sample, rated; the subprocess imports this checkout's code (PYTHONPATH)."""
    store_path = tmp_path_factory.mktemp("dashboard") / "store"
    store = OxigraphStore(store_path)
    load(store, [sample_dir()])
    write_ratings(store, rate_store(store, None))
    store.close()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
           "PARKSTAR_UPLOAD_TOKEN": TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "reasoner", "serve", "--port", str(port), "--store",
                             str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            cwd=tmp_path_factory.getbasetemp())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "server exited"
            assert time.monotonic() < deadline, "server did not start within 90 s"
            time.sleep(0.2)
        yield Server(base, store_path)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go."""
    wanted = os.environ.get("PARKSTAR_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system, driven by Playwright."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium on this machine: install Debian's `chromium` (.ci/run and `make test` do)")
    from playwright.sync_api import sync_playwright  # a test dependency (.[dev]): missing it is an error, not a skip

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page whose browser prefers Chinese, as an analyst's would."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()
