"""What the dashboard's pages read, computed by ``reasoner`` and kept while the store does not change.

Ratings (every year, default edition, with relaxation — as ``parkstar rate`` writes them back), the annual
adjustment, the anchors and the facts chain completeness is computed from are read once per state of the store: the
key is the list of current source graphs, which every load, upload or rating write-back replaces. A worker thread
started with the app computes the latest year's in advance (:func:`warm`), so the first reader does not wait for
them. Nothing here decides anything.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from reasoner.chains import AnchorsReport, ChainCatalog, Completeness, anchors, completeness, load_catalog
from reasoner.chains.coverage import city_scope, park_scope, province_scope
from reasoner.chains.data import (
    ClusterInfo,
    data_years,
    load_clusters,
    load_coverage,
    load_park_clusters,
    load_parks,
)
from reasoner.chains.model import ParkInfo
from reasoner.chains.params import ChainParameters, chain_parameters
from reasoner.rating import Rating, RatingError, rate_store
from reasoner.rating.adjust import Adjustment, adjust
from reasoner.rating.facts import rated_years
from reasoner.store import OxigraphStore

T = TypeVar("T")


class Cache:
    """Results by key, for one state of one store (cleared when the store's source graphs change); a key being
    computed is computed once, later askers wait for it."""

    def __init__(self) -> None:
        self._state: tuple[int, tuple[str, ...]] | None = None
        self._values: dict[tuple[Any, ...], Any] = {}
        self._locks: dict[tuple[Any, ...], threading.Lock] = {}
        self._lock = threading.Lock()

    def has(self, store: OxigraphStore, key: tuple[Any, ...]) -> bool:
        """Whether ``key`` is computed for the store as it is now."""
        state = (id(store), tuple(g.value for g in store.active_graphs))
        with self._lock:
            return state == self._state and key in self._values

    def get(self, store: OxigraphStore, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The cached value of ``key`` for the store as it is now, computing it when absent."""
        state = (id(store), tuple(g.value for g in store.active_graphs))
        with self._lock:
            if state != self._state:
                self._state, self._values, self._locks = state, {}, {}
            if key in self._values:
                return self._values[key]
            key_lock = self._locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if state == self._state and key in self._values:
                    return self._values[key]
            value = compute()
            with self._lock:
                if state == self._state:
                    self._values[key] = value
        return value


CACHE = Cache()


def years(store: OxigraphStore) -> list[int]:
    """Years with indicator observations (rating years), in order."""
    return CACHE.get(store, ("years",), lambda: rated_years(store))


def chain_years(store: OxigraphStore) -> list[int]:
    """Years with enterprise revenue (chain-analysis years), in order."""
    return CACHE.get(store, ("chain-years",), lambda: data_years(store))


def ratings(store: OxigraphStore) -> dict[int, list[Rating]]:
    """Every year's ratings, ranked within each level."""
    def compute() -> dict[int, list[Rating]]:
        ys = years(store)
        out: dict[int, list[Rating]] = {y: [] for y in ys}
        if not ys:
            return out
        for r in rate_store(store, ys):
            out[r.year].append(r)
        return out
    return CACHE.get(store, ("ratings",), compute)


def rating_of(store: OxigraphStore, code: str, year: int) -> Rating | None:
    """One park-year's rating (with its rank in level), None when it has no observations that year."""
    return next((r for r in ratings(store).get(year, []) if r.code == code), None)


def adjustment(store: OxigraphStore, year: int) -> Adjustment:
    """The annual adjustment of ``year`` against the year before."""
    def compute() -> Adjustment:
        rs = ratings(store)
        return adjust(rs.get(year, []), rs.get(year - 1, []), year)
    return CACHE.get(store, ("adjust", year), compute)


def chain_year(store: OxigraphStore, year: int | None) -> int | None:
    """``year`` when it has chain data, else the latest year that has (None when none has)."""
    ys = chain_years(store)
    if year in ys:
        return year
    return ys[-1] if ys else None


def anchors_report(store: OxigraphStore, year: int) -> AnchorsReport:
    """The anchors of the ten chains in ``year``."""
    return CACHE.get(store, ("anchors", year), lambda: anchors(store, year))


@dataclass(frozen=True)
class ChainInputs:
    """What completeness is computed from, for every chain of one year: read once, shared by all scopes."""

    catalog: ChainCatalog
    parks: dict[str, ParkInfo]
    clusters: dict[str, ClusterInfo]
    params: ChainParameters


def chain_inputs(store: OxigraphStore, year: int) -> ChainInputs:
    """The chains, parks, clusters and the parameters of ``year``."""
    return CACHE.get(store, ("chain-inputs", year), lambda: ChainInputs(
        catalog(store), load_parks(store), load_clusters(store), chain_parameters(year)))


def park_clusters(store: OxigraphStore, year: int, park: str | None = None) -> dict[str, dict[str, int]]:
    """The clusters of every park's enterprises in ``year`` (of one park's, by a query bound to it: much faster)."""
    return CACHE.get(store, ("park-clusters", year, park), lambda: load_park_clusters(store, year, park))


def catalog(store: OxigraphStore) -> ChainCatalog:
    """The ten chains' segment graphs."""
    return CACHE.get(store, ("catalog",), lambda: load_catalog(store))


def chain_completeness(store: OxigraphStore, chain: str, year: int, *, park: str | None = None,
                       city: str | None = None) -> Completeness:
    """Completeness of ``chain`` for a park, a city or (neither) the province in ``year``, as
    :func:`reasoner.chains.analyse_chain` computes it, from the year's inputs read once.

    Raises:
        UnknownChainError, UnknownParkError, UnknownCityError: as ``analyse_chain``.
    """
    def compute() -> Completeness:
        inputs = chain_inputs(store, year)
        graph = inputs.catalog.resolve(chain)
        if park is not None:
            scope = park_scope(inputs.parks, park)
            tied = park_clusters(store, year, inputs.parks[scope.term.id].iri)
        else:
            scope = city_scope(inputs.parks, city) if city is not None else province_scope(inputs.parks)
            tied = park_clusters(store, year)
        facts = CACHE.get(store, ("coverage", graph.id, year), lambda: load_coverage(store, year, graph.chain.iri))
        return completeness(graph, scope, facts, inputs.parks, inputs.params, clusters=inputs.clusters,
                            park_clusters=tied)
    return CACHE.get(store, ("chain", chain, year, park, city), compute)


def measures_module() -> Any | None:
    """``reasoner.measures`` when this installation has it (the measures engine), else None."""
    try:
        return importlib.import_module("reasoner.measures")
    except ImportError:
        return None


def _answer_json(answer: Any) -> dict[str, Any]:
    takes_trace = "trace" in inspect.signature(answer.to_json).parameters
    out: dict[str, Any] = answer.to_json(trace=False) if takes_trace else answer.to_json()
    return out


def year_measures(store: OxigraphStore, year: int) -> dict[str, list[dict[str, Any]]] | None:
    """Every park's support-measure answers of ``year`` (JSON-ready, by park code), from one evaluation of the
    whole year with the ratings in hand — about as costly as two parks one by one; None without the engine."""
    module = measures_module()
    if module is None or not hasattr(module, "evaluate"):
        return None

    def compute() -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for a in module.evaluate(store, year, ratings=ratings(store).get(year, [])):
            row = _answer_json(a)
            out.setdefault(str(row.get("park", "")), []).append(row)
        return out
    return CACHE.get(store, ("measures", year), compute)


def park_measures(store: OxigraphStore, code: str, year: int) -> list[dict[str, Any]] | None:
    """One park's support-measure answers of ``year`` (``Answer.to_json()`` of ``reasoner.measures``), None when
    the measures engine is not installed. The latest year's come from :func:`year_measures` (computed at start-up);
    another year's are evaluated for the park alone unless that year is already in hand."""
    module = measures_module()
    if module is None or not hasattr(module, "park_measures"):
        return None
    ys = years(store)
    if hasattr(module, "evaluate") and (CACHE.has(store, ("measures", year)) or (ys and year == ys[-1])):
        whole = year_measures(store, year)
        if whole is not None:
            return whole.get(code, [])
    return CACHE.get(store, ("measures", code, year),
                     lambda: [_answer_json(a) for a in module.park_measures(store, code, year)])


def warm(store: OxigraphStore, stop: threading.Event) -> None:
    """Compute the latest year's ratings, adjustment, anchors and chain inputs ahead of the first reader; stops
    between steps when ``stop`` is set. A failure here only means the first reader computes them instead."""
    try:
        ys = years(store)
        steps: list[Callable[[], object]] = [lambda: ratings(store)]
        if ys:
            steps.append(lambda: adjustment(store, ys[-1]))
        cy = chain_year(store, ys[-1] if ys else None)
        if cy is not None:
            steps += [lambda: anchors_report(store, cy), lambda: chain_inputs(store, cy),
                      lambda: park_clusters(store, cy)]
        if ys:
            steps.append(lambda: year_measures(store, ys[-1]))
        for step in steps:
            if stop.is_set():
                return
            step()
    except Exception:  # the pages compute the same on demand and report errors there
        logging.getLogger(__name__).debug("dashboard warm-up stopped", exc_info=True)


__all__ = ["CACHE", "RatingError", "adjustment", "anchors_report", "catalog", "chain_completeness", "chain_inputs",
           "chain_year", "chain_years", "measures_module", "park_clusters", "park_measures", "rating_of", "ratings",
           "warm", "year_measures", "years"]
