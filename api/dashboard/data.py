"""What the dashboard's pages read, computed by ``reasoner`` and kept while the store does not change.

Ratings (every year, default edition, with relaxation — as ``parkstar rate`` writes them back), the annual
adjustment, the anchors and chain completeness are computed once per state of the store: the key is the list of
current source graphs, which every load, upload or rating write-back replaces. Nothing here decides anything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from reasoner.chains import AnchorsReport, Completeness, analyse_chain, anchors
from reasoner.chains.data import data_years
from reasoner.rating import Rating, RatingError, rate_store
from reasoner.rating.adjust import Adjustment, adjust
from reasoner.rating.facts import rated_years
from reasoner.store import OxigraphStore

T = TypeVar("T")


class Cache:
    """Results by key, for one state of one store (cleared when the store's source graphs change)."""

    def __init__(self) -> None:
        self._state: tuple[int, tuple[str, ...]] | None = None
        self._values: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    def get(self, store: OxigraphStore, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The cached value of ``key`` for the store as it is now, computing it when absent."""
        state = (id(store), tuple(g.value for g in store.active_graphs))
        with self._lock:
            if state != self._state:
                self._state, self._values = state, {}
            if key in self._values:
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


def chain_completeness(store: OxigraphStore, chain: str, year: int, *, park: str | None = None,
                       city: str | None = None) -> Completeness:
    """Completeness of ``chain`` for a park, a city or (neither) the province in ``year``."""
    return CACHE.get(store, ("chain", chain, year, park, city), lambda: analyse_chain(
        store, chain, park=park, city=city, province=park is None and city is None, year=year))


__all__ = ["CACHE", "RatingError", "adjustment", "anchors_report", "chain_completeness", "chain_year",
           "chain_years", "rating_of", "ratings", "years"]
