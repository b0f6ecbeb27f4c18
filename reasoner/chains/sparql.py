"""The shipped SPARQL files chain analysis runs (``reasoner/queries/chain-*.rq``), read once per process.

The same files answer ``parkstar query NAME --bind year=Y``: every one projects ``?year`` (and ``?chain`` or
``?park`` where it narrows the answer), because Oxigraph substitutes only projected variables.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pyoxigraph as ox

from ..namespaces import XSD
from ..resources import queries_dir
from ..store import GraphStore

QUERY_NAMES = ("chain-segments", "chain-parks", "chain-coverage", "chain-clusters", "chain-park-clusters",
               "chain-anchors", "chain-anchor-leaders", "chain-declarers-without-leader")


@cache
def query_text(name: str) -> str:
    """The text of the shipped query ``name`` (file stem)."""
    if name not in QUERY_NAMES:
        raise KeyError(f"not a chain query: {name}; known: {', '.join(QUERY_NAMES)}")
    return (queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


def year_literal(year: int) -> ox.Literal:
    """A year as the data types it (``xsd:integer``), for binding ``?year``."""
    return ox.Literal(str(year), datatype=ox.NamedNode(str(XSD.integer)))


def run(store: GraphStore, name: str, **bindings: Any) -> list[dict[str, Any]]:
    """Run the shipped query ``name``; ``year=2024`` binds ``?year``, IRIs are given as ``ox.NamedNode``."""
    subs = {k: (year_literal(v) if isinstance(v, int) and not isinstance(v, bool) else v)
            for k, v in bindings.items() if v is not None}
    return store.select(query_text(name), **subs)
