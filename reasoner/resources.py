"""Where the shipped ontology, sample data and SPARQL queries are found, installed or in a checkout.

In a wheel they sit in ``reasoner/_data``; in a checkout (editable install, tests) at the repository root. The
shapes folder is found the same way, by :mod:`reasoner.policy`, its only reader.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` (``ontology``...): ``reasoner/_data/<name>`` in a wheel, else at the root.

    Raises:
        FileNotFoundError: neither exists.
    """
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"parkstar data folder '{name}' not found beside {_PKG}")


def ontology_dir() -> Path:
    """The folder of the OWL ontology's Turtle files."""
    return data_dir("ontology")


def queries_dir() -> Path:
    """The folder of the SPARQL queries shipped with the package."""
    return _PKG / "queries"


def ontology_files() -> list[Path]:
    """Every Turtle file of the ontology, in a stable order."""
    return sorted(ontology_dir().glob("*.ttl"))


@cache
def ontology_graph() -> Graph:
    """The whole ontology as one rdflib graph (parsed once per process; treat as read-only)."""
    g = Graph()
    for f in ontology_files():
        g.parse(f, format="turtle")
    return g


def sample_dir() -> Path:
    """The bundled synthetic sample dataset."""
    for candidate in (_PKG / "_data" / "sample", _PKG.parent / "data" / "sample"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled sample data (data/sample) is not installed")
