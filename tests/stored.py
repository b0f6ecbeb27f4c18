"""Helpers of the tests on what is stored: the bundled sample on disk with its official 2024 ratings and measure
answers written back (built once, copied for each test that writes), and canonical dumps of the stored results to
prove that a run changed them or not."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from typer.testing import CliRunner

from reasoner.cli import app
from reasoner.ingest import load
from reasoner.measures import evaluate
from reasoner.measures.writeback import SOURCE_PREFIX as MEASURES_PREFIX
from reasoner.measures.writeback import write_answers
from reasoner.rating import rate_store
from reasoner.rating.writeback import SOURCE_PREFIX as RATINGS_PREFIX
from reasoner.rating.writeback import write_ratings
from reasoner.resources import sample_dir
from reasoner.store import CATALOG, OxigraphStore

YEAR = 2024
WHAT_IF = "假设情景：未写入存储"


def build_official_sample(path: Path) -> Path:
    """The bundled sample at ``path`` with the official ratings and measure answers of :data:`YEAR` stored (as
    ``parkstar rate --year 2024`` and ``parkstar measure all --write --year 2024`` leave it); closed."""
    with OxigraphStore(path) as store:
        load(store, [sample_dir()])
        ratings = rate_store(store, [YEAR])
        write_ratings(store, ratings)
        write_answers(store, evaluate(store, YEAR, ratings=ratings))
    return path


def copy_store(pristine: Path, tmp_path: Path) -> Path:
    """A copy of a closed on-disk store, to write into."""
    return Path(shutil.copytree(pristine, tmp_path / "store"))


def run(store: Path, *args: str) -> Any:
    """A CLI command over the store (closed again when it returns)."""
    return CliRunner().invoke(app, [*args, "--store", str(store)], env={"COLUMNS": "200"})


def official_results(path: Path) -> dict[str, bytes]:
    """Source key → the sorted N-Quads of its current graph, for every official ratings and measures source: equal
    dumps mean the stored official results are byte for byte the same (same graph version, same quads)."""
    with OxigraphStore(path) as store:
        return official_results_of(store)


def official_results_of(store: OxigraphStore) -> dict[str, bytes]:
    """:func:`official_results` of an open store."""
    out = {}
    for src in store.sources():
        if src.key.startswith((RATINGS_PREFIX, MEASURES_PREFIX)):
            lines = sorted(f"{line[:-2]} <{src.graph}> .\n" for line in
                           store.dump_graph(src.graph).decode("utf-8").splitlines(keepends=True))
            out[src.key] = "".join(lines).encode("utf-8")
    return out


def everything(path: Path) -> tuple[bytes, tuple[str, ...], int]:
    """What the store holds, catalog included: the catalog's quads, the named graphs and the number of quads. Every
    write makes a fresh graph and switches the catalog to it, so equal before and after a run means it wrote
    nothing at all (and dumping every quad would take seconds)."""
    with OxigraphStore(path) as store:
        return everything_of(store)


def everything_of(store: OxigraphStore) -> tuple[bytes, tuple[str, ...], int]:
    """:func:`everything` of an open store."""
    store.settle()
    catalog = store.raw.dump(format=ox.RdfFormat.N_QUADS, from_graph=CATALOG) or b""
    graphs = tuple(sorted(g.value for g in store.raw.named_graphs() if isinstance(g, ox.NamedNode)))
    return b"".join(sorted(catalog.splitlines(keepends=True))), graphs, len(store.raw)


def source_keys(path: Path) -> set[str]:
    """The keys of the store's current sources."""
    with OxigraphStore(path) as store:
        return {s.key for s in store.sources()}


def source_graphs(path: Path) -> dict[str, str]:
    """Source key → the graph of its current version (a new graph: the source was written again)."""
    with OxigraphStore(path) as store:
        return {s.key: s.graph for s in store.sources()}
