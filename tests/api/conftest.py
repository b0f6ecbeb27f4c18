"""An app over an on-disk store holding the valid fixtures, and a TestClient for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.conftest import VALID

TOKEN = "test-token-7f3a9c"


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
