"""Answers kept per store version: what the use cases computed, reused until the store changes.

The version is the list of current named graphs: every load, upload or write-back switches the catalog to fresh
graphs, so a changed store has a new version and the old answers are dropped at once. Only the serving process
writes to the on-disk store (Oxigraph lets one process open it read-write), so nothing changes behind its back.
Cached values are shared between requests: callers must not mutate them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import anyio

from ..store import OxigraphStore

T = TypeVar("T")


class VersionCache:
    """A bounded least-recently-used cache of answers, emptied when the store's version changes.

    One lock per key while computing, so a burst of identical requests computes an expensive answer once.
    """

    def __init__(self, maxsize: int = 1024) -> None:
        self.maxsize = maxsize
        self._version: tuple[str, ...] = ()
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    @staticmethod
    def version(store: OxigraphStore) -> tuple[str, ...]:
        """The store's version: its current named graphs."""
        return tuple(g.value for g in store.active_graphs)

    def _lookup(self, version: tuple[str, ...], key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if version != self._version:
                self._version = version
                self._items.clear()
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return True, self._items[key]
            return False, None

    def peek(self, store: OxigraphStore, key: Hashable) -> Any:
        """The answer for ``key`` when it is computed for the store as it is now, else None."""
        return self._lookup(self.version(store), key)[1]

    def put(self, store: OxigraphStore, key: Hashable, value: Any) -> None:
        """Keep ``value`` as the answer for ``key`` at the store's current version."""
        version = self.version(store)
        self._lookup(version, key)
        with self._lock:
            if version == self._version:
                self._items[key] = value
                while len(self._items) > self.maxsize:
                    self._items.popitem(last=False)

    def get(self, store: OxigraphStore, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for ``key`` at the store's current version, computed by ``compute`` when missing."""
        version = self.version(store)
        found, value = self._lookup(version, key)
        if found:
            return value
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            found, value = self._lookup(version, key)
            if found:
                return value
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self.misses += 1
                if version == self._version:
                    self._items[key] = value
                    while len(self._items) > self.maxsize:
                        self._items.popitem(last=False)
        return value

    async def aget(self, store: OxigraphStore, key: Hashable, compute: Callable[[], T]) -> T:
        """:meth:`get` for async routes: a hit is answered on the event loop, a miss computed in a worker thread
        (so the loop never waits on the store)."""
        found, value = self._lookup(self.version(store), key)
        if found:
            return value
        return await anyio.to_thread.run_sync(lambda: self.get(store, key, compute))

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._items.clear()
