"""Apps over on-disk stores — the valid ingest fixtures (one per test, to write into) and the bundled sample
(one per session, read-only) — and TestClients for them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from reasoner.ingest import load
from reasoner.rating import rate_store
from reasoner.rating.writeback import write_ratings
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from tests.conftest import VALID

TOKEN = "test-token-7f3a9c"
SAMPLE_YEARS = [2021, 2022, 2023, 2024]


@pytest.fixture
def api_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path / "store")
    load(store, [VALID])
    yield store
    store.close()


@pytest.fixture
def client(api_store: OxigraphStore) -> Iterator[TestClient]:
    settings = Settings(store=api_store.path, upload_token=TOKEN, upload_max_bytes=64 * 1024, sparql_timeout=2.0,
                        sparql_max_rows=100)
    with TestClient(create_app(settings, store=api_store)) as c:
        yield c


@pytest.fixture(scope="session")
def sample_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app over the bundled synthetic sample on disk, its ratings of every year written back (as ``parkstar
    rate`` does). Read-only: tests that write use ``client``."""
    store = OxigraphStore(tmp_path_factory.mktemp("sample") / "store")
    load(store, [sample_dir()])
    write_ratings(store, rate_store(store, SAMPLE_YEARS))
    settings = Settings(store=store.path, upload_token=TOKEN, sparql_timeout=5.0)
    with TestClient(create_app(settings, store=store)) as c:
        yield c
    store.close()
