"""Which shipped queries chain analysis runs (``reasoner/queries/chains/``) and how it binds them.

The same files answer ``parkstar query chains/NAME --bind year=Y``: every one projects ``?year`` (and ``?chain`` or
``?park`` where it narrows the answer), so that a store which substitutes only projected variables (a SPARQL
endpoint, the union-of-graphs what-if of ``bench/chains.py``) binds them too.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from .. import queries
from ..namespaces import XSD
from ..store import GraphStore

QUERY_NAMES = ("chains/segments", "chains/parks", "chains/coverage", "chains/clusters", "chains/park-clusters",
               "chains/anchors", "chains/anchor-leaders", "chains/declarers-without-leader")
UNDATED = ("chains/segments", "chains/parks", "chains/clusters")
"""The queries without ``?year``."""


def year_literal(year: int) -> ox.Literal:
    """A year as the data types it (``xsd:integer``), for binding ``?year``."""
    return ox.Literal(str(int(year)), datatype=ox.NamedNode(str(XSD.integer)))


def run(store: GraphStore, name: str, **bindings: Any) -> list[dict[str, Any]]:
    """Run the shipped query ``name``; ``year=2024`` binds ``?year``, IRIs are given as ``ox.NamedNode``, None
    leaves a variable unbound."""
    return queries.select(store, name, **bindings)
