"""The rating's shapes as pyshacl runs them: the criteria of one edition (and level), and the veto.

pyshacl is the reference (DESIGN.md): the engine evaluates the same shapes in Python for speed, and the tests prove
that pyshacl's report and the engine's verdicts agree. This module picks the shapes out of ``shapes/`` and reads
pyshacl's report; it evaluates nothing itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..criteria import criteria
from ..ingest.validate import run_pyshacl, shacl_results
from ..namespaces import SH
from ..resources import shapes_file_graph, shapes_graph


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


def criteria_shapes(edition: str, level: int | None = None) -> Graph:
    """The criterion shapes of an edition (of one level when given) plus ``shapes/common.ttl``.

    A shape serving several levels (the 500 亿元 revenue shape in edition 2020-a) is included for each of them.
    """
    shapes = {c.shape for c in criteria(edition) if level is None or c.level == level}
    g = shapes_file_graph("common")
    _closure(shapes_graph(), sorted(shapes), g)
    return g


def veto_shapes() -> Graph:
    """The veto shape (三.3) plus ``shapes/common.ttl``."""
    g = shapes_file_graph("common")
    g += shapes_file_graph("veto")
    return g


def violations(data: Graph, shapes: Graph) -> dict[URIRef, set[URIRef]]:
    """Run pyshacl; focus node → the shapes it violates."""
    conforms, report = run_pyshacl(data, shapes)
    out: dict[URIRef, set[URIRef]] = {}
    if conforms:
        return out
    for r in shacl_results(report):
        if isinstance(r.focus, URIRef) and isinstance(r.shape, URIRef | BNode):
            shape = r.shape
            if isinstance(shape, BNode):  # a property shape: report its node shape
                shape = next((s for s in shapes.subjects(SH.property, shape) if isinstance(s, URIRef)), shape)
            out.setdefault(r.focus, set()).add(shape)  # type: ignore[arg-type]
    return out
