"""The rating's shapes as pyshacl runs them, and pyshacl's report read back as shapes violated per focus node.

pyshacl is the reference: the engine evaluates the same shapes in Python for speed, and the tests prove
that pyshacl's report and the engine's verdicts agree. The shapes graphs come from :mod:`reasoner.policy` (the
criteria of one edition and level, the veto of 三.3); this module reads pyshacl's report and evaluates nothing.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef

from ..ingest.validate import run_pyshacl, shacl_results
from ..namespaces import SH
from ..policy import criteria_shapes, veto_shapes

__all__ = ["criteria_shapes", "veto_shapes", "violations"]


def violations(data: Graph, shapes: Graph) -> dict[URIRef, set[URIRef | BNode]]:
    """Run pyshacl; focus node → the shapes it violates (a property shape's node shape when it has one)."""
    conforms, report = run_pyshacl(data, shapes)
    out: dict[URIRef, set[URIRef | BNode]] = {}
    if conforms:
        return out
    for r in shacl_results(report):
        if isinstance(r.focus, URIRef) and isinstance(r.shape, URIRef | BNode):
            shape: URIRef | BNode = r.shape
            if isinstance(shape, BNode):  # a property shape: report its node shape
                shape = next((s for s in shapes.subjects(SH.property, shape) if isinstance(s, URIRef)), shape)
            out.setdefault(r.focus, set()).add(shape)
    return out
