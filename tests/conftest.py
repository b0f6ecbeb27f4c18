"""Shared fixtures: stores (in memory and on disk under tmp), the fixture folders, and quad snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reasoner.store import OxigraphStore

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
    """Every quad of the store (catalog included) as text, to prove a refused load changed nothing."""
    return {str(q) for q in store.raw}
