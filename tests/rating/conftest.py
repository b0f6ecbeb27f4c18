"""Fixtures of the rating tests: the bundled sample and a generated dataset in in-memory stores (loaded as
``parkstar load`` loads them, evidence shapes included), rated once."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import configuration

from reasoner.ingest import load
from reasoner.rating import Rating, rate_store
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from reasoner.synthetic import generate_dataset

SAMPLE_YEARS = (2021, 2022, 2023, 2024)

# Hypothesis keeps caches under ./.hypothesis by default; tests do not write into the repository.
configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "parkstar-tests-hypothesis")
GENERATED_YEARS = (2023, 2024)


def load_converted(store: OxigraphStore, folders: Sequence[Path]) -> None:
    """Load every file of ``folders`` as ``parkstar load`` does (all or nothing, evidence shapes checked)."""
    load(store, list(folders))


def clone(store: OxigraphStore) -> OxigraphStore:
    """An in-memory copy of a store (catalog and all), to write into without touching the original."""
    copy = OxigraphStore(None, bootstrap=False)
    copy.raw.bulk_load(store.raw.dump(format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
    copy.refresh()
    return copy


@pytest.fixture(scope="session")
def sample_store() -> OxigraphStore:
    """The bundled sample (data/sample) in an in-memory store. Treat as read-only."""
    store = OxigraphStore(None)
    load_converted(store, [sample_dir()])
    return store


@pytest.fixture(scope="session")
def sample_ratings(sample_store: OxigraphStore) -> list[Rating]:
    """Every park-year of the sample under the default edition."""
    return rate_store(sample_store, list(SAMPLE_YEARS))


@pytest.fixture(scope="session")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate_dataset(out, 150, GENERATED_YEARS, 11, enterprises=900)
    return out


@pytest.fixture(scope="session")
def generated_store(generated_dir: Path) -> OxigraphStore:
    """150 generated parks, 2023-2024, in an in-memory store. Treat as read-only."""
    store = OxigraphStore(None)
    load_converted(store, [generated_dir])
    return store
