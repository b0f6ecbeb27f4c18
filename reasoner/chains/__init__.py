"""Chain analysis (强链补链, 二(一)): which parks anchor each landmark chain, how complete a chain is in a park, a
设区市 or the province, where its gaps are and who could fill them, and the ties to the "415" clusters.

Modules: ``graph`` (a chain's segment DAG with networkx), ``data`` (facts read from the store), ``anchors``,
``coverage`` (completeness), ``gaps`` (criticality, partner parks, roles to recruit), ``params`` (the parameters in
``shapes/chain-parameters.ttl``), ``render`` (SVG, PNG, GraphML). The SPARQL lives in ``reasoner/queries/chains/``.
"""

from __future__ import annotations

from .anchors import AnchorsReport, ChainAnchors, anchors
from .coverage import Completeness, analyse_chain, completeness, every_park_completeness
from .errors import (
    ChainAnalysisError,
    ChainParameterError,
    ChainStructureError,
    MissingCJKFontError,
    NoDataForYearError,
    UnknownChainError,
    UnknownCityError,
    UnknownParkError,
)
from .graph import ChainCatalog, ChainGraph, Segment, build_chain_graph, load_catalog

__all__ = [
    "AnchorsReport",
    "ChainAnalysisError",
    "ChainAnchors",
    "ChainCatalog",
    "ChainGraph",
    "ChainParameterError",
    "ChainStructureError",
    "Completeness",
    "MissingCJKFontError",
    "NoDataForYearError",
    "Segment",
    "UnknownChainError",
    "UnknownCityError",
    "UnknownParkError",
    "analyse_chain",
    "anchors",
    "build_chain_graph",
    "completeness",
    "every_park_completeness",
    "load_catalog",
]
