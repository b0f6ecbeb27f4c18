"""The triple store: Oxigraph on disk by default, in memory for tests, behind one small interface.

Every loaded source lives in a named graph of its own. A catalog graph lists, for each source key, the one named
graph that is its current version; queries see only catalogued graphs. Loading writes new graph versions first and
then switches the catalog in a single transaction, so a load is all or nothing even when the bulk write fails half
way, and loading a source again replaces it. Graphs no catalog entry points at are garbage: removed on open, and
after each switch by a background thread (graphs still being written are staged and never taken). The catalog's
reads and updates are shipped queries like every other (``reasoner/queries/store/``).

The default graph of a query is the union of the current sources except the named-only ones (saved what-if
scenarios, template ``scenario``): those sit beside the official results as named graphs, reached with ``GRAPH``,
so no query over the union ever mixes a scenario's ratings or answers into the official ones.

A remote SPARQL 1.1 endpoint can implement :class:`GraphStore` later; nothing else in parkstar touches pyoxigraph.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import threading
import uuid
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
import rdflib

from . import queries
from .namespaces import GRAPH, PREFIXES, XSD
from .policy import rule_files
from .queries import bind
from .resources import ontology_files

CATALOG = ox.NamedNode(str(GRAPH["catalog"]))
ONTOLOGY_KEY = "parkstar:ontology"
SHAPES_KEY = "parkstar:shapes"
STORE_ENV = "PARKSTAR_STORE"
BULK_LOADS = 4
"""Sources bulk-loaded at once by one write."""
_DATE_TIME = ox.NamedNode(str(XSD.dateTime))
SCENARIO_TEMPLATE = "scenario"
"""The template kind of a saved what-if scenario's source (``reasoner.scenarios``)."""
NAMED_ONLY_TEMPLATES = frozenset({SCENARIO_TEMPLATE})
"""Template kinds whose sources are left out of the union default graph: reached only as named graphs."""


class StoreError(RuntimeError):
    """The store cannot be opened or written (in use by another process, disk error...)."""


def default_store_path() -> Path:
    """``--store`` else ``$PARKSTAR_STORE`` else ``$XDG_DATA_HOME/parkstar/store`` (``~/.local/share/...``)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "parkstar" / "store"


@dataclass(frozen=True)
class SourceGraph:
    """One source ready to be stored: its key, description and content as N-Triples."""

    key: str
    file_name: str
    template: str
    ntriples: bytes
    triple_count: int
    sha256: str = ""


@dataclass(frozen=True)
class SourceInfo:
    """A catalogued source: where its current version lives and what it came from."""

    key: str
    graph: str
    file_name: str
    template: str
    sha256: str
    triple_count: int
    loaded_at: str


def _py(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (IRIs as str, typed literals as int/Decimal/bool/date/str)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt_iri = term.datatype.value
        v = term.value
        try:
            if dt_iri in (str(XSD.integer), str(XSD.int), str(XSD.long), str(XSD.nonNegativeInteger)):
                return int(v)
            if dt_iri in (str(XSD.decimal), str(XSD.double), str(XSD.float)):
                return Decimal(v)
            if dt_iri == str(XSD.boolean):
                return v in ("true", "1")
            if dt_iri == str(XSD.date):
                return dt.date.fromisoformat(v)
        except ValueError:
            return v
        return v
    return str(term)


class GraphStore(Protocol):
    """What parkstar needs of a store. Oxigraph implements it; a SPARQL endpoint can too."""

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run a SELECT and return rows of plain Python values; keyword arguments are bound to variables."""
        ...

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """Run an ASK query; keyword arguments are bound to variables."""
        ...

    def replace_sources(self, sources: Sequence[SourceGraph]) -> None:
        """Store each source as its current version, all or nothing."""
        ...

    def retract_source(self, key: str) -> bool:
        """Remove a source; True when it existed."""
        ...

    def sources(self) -> list[SourceInfo]:
        """The catalogued sources."""
        ...

    def to_rdflib(self, keys: Iterable[str] | None = None) -> rdflib.Graph:
        """The union of the given sources (default: all but the named-only ones) as an rdflib graph, e.g. for
        pyshacl."""
        ...


def _file_digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class OxigraphStore:
    """Oxigraph-backed :class:`GraphStore`, on disk at ``path`` or in memory when ``path`` is None."""

    def __init__(self, path: Path | str | None = None, *, bootstrap: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e} "
                             "(another parkstar process may be using it)") from e
        self._active: list[ox.NamedNode] = []
        self._templates: dict[str, str] = {}
        self._lock = threading.Lock()
        self._staged: set[str] = set()
        """Fresh graphs being written, not yet catalogued: never garbage."""
        self._collector = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parkstar-collect")
        self._collecting: list[Future[int]] = []
        self.refresh()
        self.collect_garbage()
        if bootstrap:
            self.ensure_vocabulary()

    # ------------------------------------------------------------------ reading
    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for the SPARQL endpoint's own guarded execution)."""
        return self._store

    @property
    def active_graphs(self) -> list[ox.NamedNode]:
        """The named graphs queries see: the current version of every catalogued source."""
        return list(self._active)

    @property
    def union_graphs(self) -> list[ox.NamedNode]:
        """The graphs whose union is a query's default graph: the current sources but the named-only ones (saved
        scenarios)."""
        return [g for g in self._active if self._templates.get(g.value) not in NAMED_ONLY_TEMPLATES]

    def refresh(self) -> None:
        """Re-read the catalog (after another process or store object wrote to it)."""
        rows = self.raw_select(queries.text("store/catalog"))
        rows.sort(key=lambda r: r["g"])
        self._active = [ox.NamedNode(r["g"]) for r in rows]
        self._templates = {r["g"]: r.get("t", "") for r in rows}

    def raw_select(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT over the whole store as it is on disk (catalog and every graph), values as their lexical form.

        For parkstar's own bookkeeping; everything else goes through :meth:`select`, which sees current sources only.
        """
        result = self._store.query(sparql, prefixes=PREFIXES)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("raw_select runs SELECT queries only")
        names = [v.value for v in result.variables]
        return [{n: term.value for n in names if (term := row[n]) is not None} for row in result]

    def query(self, sparql: str, skip_templates: Collection[str] = (), **kwargs: Any) -> Any:
        """Run any SPARQL query over the current sources (their union, named-only sources left out, is the default
        graph; every current source is a named graph).

        ``skip_templates`` leaves the sources of those template kinds out of the default graph too: a query that
        cannot match anything in them (observations are never in an enterprise list) runs over fewer triples.
        """
        graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
            g for g in self.union_graphs if self._templates.get(g.value) not in skip_templates] or [ox.DefaultGraph()]
        named: list[ox.NamedNode | ox.BlankNode] = list(self._active)
        return self._store.query(sparql, prefixes=PREFIXES, default_graph=graphs, named_graphs=named, **kwargs)

    def lexical_rows(self, sparql: str, skip_templates: Collection[str] = ()) -> list[list[str]]:
        """Run a SELECT over the current sources; each solution as the lexical forms of its IRIs and literals (""
        when unbound).

        Oxigraph evaluates and serialises the whole result in one call that releases the GIL (the results as
        SPARQL CSV, parsed here), whereas iterating solutions takes the GIL back for every row: a thread iterating
        a query beside a thread busy in Python waits for the GIL at each row and barely moves. Use this for large
        results evaluated in a worker thread; the caller knows which columns hold IRIs.
        """
        result = self.query(sparql, skip_templates)
        width = len(result.variables)
        data = result.serialize(format=ox.QueryResultsFormat.CSV)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]
        if all(len(row) == width for row in rows):
            return rows
        # SPARQL CSV leaves IRIs unquoted, so an IRI with a comma splits its row: read the solutions one by one
        return [["" if t is None else t.value for t in row] for row in self.query(sparql, skip_templates)]

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run a SELECT; keyword arguments are substituted for variables (see :func:`bind`)."""
        result = self.query(bind(sparql, **bindings) if bindings else sparql)
        names = [v.value for v in result.variables]
        return [{n: _py(row[n]) for n in names} for row in result]

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """Run an ASK query; keyword arguments are substituted for variables (see :func:`bind`)."""
        return bool(self.query(bind(sparql, **bindings) if bindings else sparql))

    def triple_count(self) -> int:
        """Triples across all current sources."""
        rows = self.select(queries.text("store/triple-count"))
        return int(rows[0]["n"])

    def sources(self) -> list[SourceInfo]:
        """The catalogued sources, oldest first."""
        rows = self.raw_select(queries.text("store/sources"))
        out = [SourceInfo(key=r["key"], graph=r["g"], file_name=r["file"], template=r["tpl"], sha256=r["sha"],
                          triple_count=int(r["n"]), loaded_at=r["at"]) for r in rows]
        return sorted(out, key=lambda s: (s.loaded_at, s.key))

    def source(self, key: str) -> SourceInfo | None:
        """The catalogued source with this key, if any."""
        return next((s for s in self.sources() if s.key == key), None)

    def dump_graph(self, graph: str) -> bytes:
        """One named graph as N-Triples."""
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""

    def to_rdflib(self, keys: Iterable[str] | None = None) -> rdflib.Graph:
        """The union of the given sources (default: those of the default graph, named-only ones left out) as one
        rdflib graph."""
        wanted = set(keys) if keys is not None else None
        g = rdflib.Graph()
        for s in self.sources():
            if (s.key in wanted) if wanted is not None else (s.template not in NAMED_ONLY_TEMPLATES):
                g.parse(data=self.dump_graph(s.graph), format="nt")
        return g

    # ------------------------------------------------------------------ writing
    def replace_sources(self, sources: Sequence[SourceGraph]) -> None:
        """Store each source as the new current version of its key; all or nothing.

        New versions are bulk-written into fresh graphs, several at once (Oxigraph's bulk loader releases the GIL
        and uses one core per load: four 45,000-triple sources load in 0.55 s instead of 0.95 s on two cores); one
        SPARQL update then swaps the catalog entries. If anything fails before the swap, the fresh graphs are
        removed (once every load has stopped) and the store is as it was.
        """
        if not sources:
            return
        keys = [s.key for s in sources]
        if len(set(keys)) != len(keys):
            raise StoreError(f"one load names the same source twice: {sorted(k for k in keys if keys.count(k) > 1)}")
        fresh = [(s, ox.NamedNode(str(GRAPH[f"source/{uuid.uuid4().hex}"]))) for s in sources]
        with self._lock:
            self._staged.update(g.value for _, g in fresh)
        try:
            with ThreadPoolExecutor(max_workers=BULK_LOADS) as pool:
                for _ in pool.map(lambda f: self._store.bulk_load(f[0].ntriples, ox.RdfFormat.N_TRIPLES,
                                                                  to_graph=f[1]),
                                  [f for f in fresh if f[0].ntriples]):
                    pass
            self._switch(fresh)
        except BaseException:
            for _, g in fresh:
                self._remove_graph_quietly(g)
            self._unstage(fresh)
            raise
        self.refresh()  # before the fresh graphs leave the staged set, so they are never taken for garbage
        self._unstage(fresh)
        self._collect_later()

    def _unstage(self, fresh: list[tuple[SourceGraph, ox.NamedNode]]) -> None:
        with self._lock:
            self._staged.difference_update(g.value for _, g in fresh)

    def _switch(self, fresh: list[tuple[SourceGraph, ox.NamedNode]]) -> None:
        now = ox.Literal(dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"), datatype=_DATE_TIME)
        rows = [(g, s.key, s.file_name, s.template, s.sha256, s.triple_count, now) for s, g in fresh]
        self._store.update(queries.bind_rows(queries.text("store/switch"),
                                             ("g", "key", "file", "tpl", "sha", "n", "at"), rows),
                           prefixes=PREFIXES)

    def retract_source(self, key: str) -> bool:
        """Remove a source from the catalog (one transaction), then its graph."""
        if self.source(key) is None:
            return False
        self._store.update(queries.bind(queries.text("store/retract"), key=key), prefixes=PREFIXES)
        self.refresh()
        self._collect_later()
        return True

    def _collect_later(self) -> None:
        """Remove the replaced versions in a background thread: no query sees them once the catalog has switched,
        and deleting a graph is slow in Oxigraph (45,000 triples take about half a second), so a write returns as
        soon as its new versions are current. :meth:`settle` and :meth:`close` wait for it."""
        with self._lock:
            self._collecting = [f for f in self._collecting if not f.done()]
            self._collecting.append(self._collector.submit(self.collect_garbage))

    @property
    def removing(self) -> bool:
        """Whether replaced versions are still being removed in the background."""
        with self._lock:
            return any(not f.done() for f in self._collecting)

    def settle(self) -> None:
        """Wait until the replaced versions scheduled for removal are gone."""
        with self._lock:
            pending = list(self._collecting)
        for f in pending:
            f.result()

    def collect_garbage(self) -> int:
        """Remove named graphs no catalog entry points at (left by replaced versions or interrupted loads)."""
        with self._lock:  # a graph staged later is not listed here: it is staged before it is written
            keep = {g.value for g in self._active} | {CATALOG.value} | self._staged
            garbage = [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in keep]
        # two at a time: Oxigraph deletes quad by quad without the GIL (four 45,000-triple graphs: 1.4 s, not 2.2)
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in pool.map(self._remove_graph_quietly, garbage):
                pass
        return len(garbage)

    def _remove_graph_quietly(self, g: ox.NamedNode) -> None:
        with contextlib.suppress(OSError, RuntimeError):  # else left for the next garbage collection
            self._store.remove_graph(g)

    def ensure_vocabulary(self) -> None:
        """Load (or refresh) the shipped ontology and shapes as sources when missing or changed."""
        wanted = [(ONTOLOGY_KEY, ontology_files()), (SHAPES_KEY, rule_files())]
        todo = []
        current = {s.key: s for s in self.sources()}
        for key, files in wanted:
            digest = _file_digest(files)
            if key in current and current[key].sha256 == digest:
                continue
            g = rdflib.Graph()
            for f in files:
                g.parse(f, format="turtle")
            nt = g.serialize(format="nt", encoding="utf-8")
            todo.append(SourceGraph(key=key, file_name=", ".join(f.name for f in files), template="vocabulary",
                                    ntriples=nt, triple_count=len(g), sha256=digest))
        self.replace_sources(todo)

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Finish removing replaced versions, flush and release the store (pyoxigraph closes when the object is
        dropped)."""
        self.settle()
        self._collector.shutdown()
        self.flush()
        del self._store

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_rows(result: Any) -> Iterator[dict[str, Any]]:
    """Rows of a pyoxigraph SELECT result as dicts of plain values."""
    names = [v.value for v in result.variables]
    for row in result:
        yield {n: _py(row[n]) for n in names}
