"""Shared fixtures: stores (in memory and on disk under tmp), the fixture folders, and quad snapshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from reasoner.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "ingest" / "valid"
INVALID = FIXTURES / "ingest" / "invalid"


@pytest.fixture
def mem_store() -> OxigraphStore:
    """A fresh in-memory store with the vocabulary loaded."""
    return OxigraphStore(None)


@pytest.fixture
def disk_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """A fresh on-disk store under pytest's temporary folder."""
    store = OxigraphStore(tmp_path / "store")
    yield store
    store.close()


def snapshot(store: OxigraphStore) -> set[str]:
    """Every quad of the store (catalog included) as text, to prove a refused load changed nothing (once the
    replaced versions a write leaves to a background thread are gone)."""
    store.settle()
    return {str(q) for q in store.raw}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(store_path: Path, env: dict[str, str] | None = None, cwd: Path | None = None,
                   wait: float = 90) -> Iterator[str]:
    """``parkstar serve`` over ``store_path`` in a subprocess on a free loopback port, this checkout's code first on
    the path; yields its base URL once ``/api/health`` answers, and stops it afterwards."""
    port = free_port()
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
               **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "reasoner", "serve", "--port", str(port), "--store",
                             str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environ, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "server exited"
            assert time.monotonic() < deadline, f"server did not start within {wait:g} s"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
