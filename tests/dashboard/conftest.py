"""The dashboard's fixtures: the real server (``parkstar serve`` in a subprocess on a free loopback port, over an
on-disk store under pytest's temporary folder holding the bundled sample, rated and written back) and Chromium
from the system (Debian's ``chromium``) driven by Playwright — no browser download.

Screenshots go to a temporary folder (``PARKSTAR_SCREENSHOTS`` names another one to keep them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reasoner.ingest import load
from reasoner.rating import rate_store
from reasoner.rating.writeback import write_ratings
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from tests.conftest import running_server

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


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``parkstar serve`` over the sample, rated; the subprocess imports this checkout's code (PYTHONPATH)."""
    store_path = tmp_path_factory.mktemp("dashboard") / "store"
    store = OxigraphStore(store_path)
    load(store, [sample_dir()])
    write_ratings(store, rate_store(store, None))
    store.close()
    with running_server(store_path, {"PARKSTAR_UPLOAD_TOKEN": TOKEN}, cwd=tmp_path_factory.getbasetemp()) as base:
        yield Server(base, store_path)


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
