"""Where ``shapes/`` is, and the shapes graphs as the validators run them: the evidence shapes (every load), the
criteria of one edition and the veto (pyshacl, the reference for the rating engine), and the files the store keeps
as its copy of the rules. The only module that opens a file of ``shapes/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.term import Node

from ..resources import data_dir

COMMON, EVIDENCE, VETO = "common", "evidence", "veto"
"""Stems of the files of ``shapes/`` the validators pick: shared declarations and the SPARQL target, evidence
quality, the veto of 三.3."""


def shapes_dir() -> Path:
    """The folder of the SHACL shapes and policy parameters (``reasoner/_data/shapes`` in a wheel)."""
    return data_dir("shapes")


def provisions_file() -> Path:
    """The file of the provisions' conditions (the support measures and obligations, 四(三), 三.2, 三.3)."""
    return shapes_dir() / "measures.ttl"


def shapes_files() -> list[Path]:
    """Every Turtle file of the shapes folder, in a stable order."""
    return sorted(shapes_dir().glob("*.ttl"))


def rule_files() -> list[Path]:
    """The files the store loads as its copy of the rules (every file of ``shapes/``, in a stable order)."""
    return shapes_files()


def _parse(files: Iterable[Path]) -> Graph:
    g = Graph()
    for f in files:
        g.parse(f, format="turtle")
    return g


@cache
def shapes_graph() -> Graph:
    """All shapes and parameters as one rdflib graph (parsed once per process; treat as read-only)."""
    return _parse(shapes_files())


def shapes_file_graph(name: str) -> Graph:
    """One file of ``shapes/`` by its stem, e.g. ``evidence`` (a new graph each call)."""
    return _parse([shapes_dir() / f"{name}.ttl"])


@cache
def evidence_shapes() -> Graph:
    """The evidence shapes plus the shared declarations they use (parsed once; treat as read-only)."""
    return _parse([shapes_dir() / f"{COMMON}.ttl", shapes_dir() / f"{EVIDENCE}.ttl"])


def veto_shapes() -> Graph:
    """The veto shape (三.3) plus the shared declarations (a new graph each call)."""
    return _parse([shapes_dir() / f"{COMMON}.ttl", shapes_dir() / f"{VETO}.ttl"])


def _closure(source: Graph, roots: Iterable[Node], into: Graph) -> None:
    """Copy each root's triples and, through blank nodes, everything they hang on (the shape's CBD)."""
    todo = list(roots)
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in source.predicate_objects(node):
            into.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)


def shapes_subgraph(roots: Iterable[Node]) -> Graph:
    """The given shapes of ``shapes/`` (each with what hangs on it) plus the shared declarations: what pyshacl runs
    to check some criteria (a new graph each call)."""
    g = shapes_file_graph(COMMON)
    _closure(shapes_graph(), sorted(roots, key=str), g)
    return g
