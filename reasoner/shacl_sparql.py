"""A fast evaluation of SHACL shapes as SPARQL over an in-memory Oxigraph store.

pyshacl is the reference: it runs the shapes as they are, but spends seconds per thousand focus nodes. This engine
compiles each constraint of the shapes parkstar ships into one SPARQL query over all focus nodes at once and
returns the same results (focus node, path, value, messages). ``tests/test_shacl_sparql.py`` proves it gives
pyshacl's verdicts on the fixtures and the sample data. It supports exactly the SHACL features parkstar's shapes
use; anything else raises :class:`UnsupportedShape` rather than being skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from . import queries
from .namespaces import RDF, RDFS, SH

SUPPORTED_PARAMS = {SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.minInclusive, SH.maxInclusive,
                    SH.minExclusive, SH.maxExclusive, SH.pattern, SH.flags, SH.lessThan, SH.message, SH.name,
                    SH.description, SH.severity, RDF.type}
IGNORED_SHAPE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.target, SH.targetClass, SH.property, SH.message,
                      SH.deactivated, SH.sparql}
UNSUPPORTED_SPARQL_VARIABLES = ("$PATH", "$currentShape", "$shapesGraph")


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this engine does not compile; use pyshacl for it."""


@dataclass(frozen=True)
class Result:
    """One violation, in the same terms as a pyshacl result."""

    focus: Node
    path: Node | None
    value: Node | None
    message_zh: str
    message_en: str
    shape: Node | None
    severity: str = "Violation"


def _n3(node: Node) -> str:
    """An IRI or literal of the shapes as query text, written by :func:`reasoner.queries.term`."""
    try:
        if isinstance(node, URIRef):
            return queries.term(ox.NamedNode(str(node)))
        if isinstance(node, Literal):
            if node.language:
                return queries.term(ox.Literal(str(node), language=node.language))
            if node.datatype is not None:
                return queries.term(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
            return queries.term(str(node))
    except ValueError as e:
        raise UnsupportedShape(f"cannot use {node!r} in a query: {e}") from e
    raise UnsupportedShape(f"cannot use {node!r} in a query")


def _messages(g: rdflib.Graph, *nodes: Node) -> tuple[str, str]:
    for node in nodes:
        msgs = [m for m in g.objects(node, SH.message) if isinstance(m, Literal)]
        if msgs:
            zh = next((str(m) for m in msgs if m.language == "zh"), str(msgs[0]))
            en = next((str(m) for m in msgs if m.language == "en"), zh)
            return zh, en
    return "", ""


def _prefixes(g: rdflib.Graph, node: Node) -> str:
    """PREFIX lines from the sh:declare of the node's sh:prefixes (SHACL §5.2.1)."""
    lines = []
    for owner in g.objects(node, SH.prefixes):
        for decl in g.objects(owner, SH.declare):
            prefix, namespace = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
            if not re.fullmatch(r"[A-Za-z][\w.-]*", str(prefix)) or namespace is None:
                raise UnsupportedShape(f"{owner}: not a prefix declaration this engine can use: {prefix!r}")
            lines.append(f"PREFIX {prefix}: {_n3(URIRef(str(namespace)))}")
    return "\n".join(lines) + "\n"


def _select_body(text: str) -> str:
    """The part of a SELECT after its prologue, for use as a sub-select."""
    upper = text.upper()
    return text[upper.index("SELECT"):]


def _target_patterns(g: rdflib.Graph, shape: Node) -> tuple[str, list[str]]:
    """The UNION of the shape's targets as a group pattern binding ?this, and the PREFIX lines it needs."""
    parts: list[str] = []
    prologue: list[str] = []
    for cls in g.objects(shape, SH.targetClass):
        parts.append(f"{{ ?this a/{_n3(RDFS.subClassOf)}* {_n3(cls)} }}")
    for target in g.objects(shape, SH.target):
        ttype = g.value(target, RDF.type)
        if ttype == SH.SPARQLTarget:
            select = str(g.value(target, SH.select))
            prologue.append(_prefixes(g, target))
            parts.append(f"{{ {_select_body(select)} }}")
            continue
        if ttype is None or (ttype, RDF.type, SH.SPARQLTargetType) not in g:
            raise UnsupportedShape(f"target {target} of {shape} is neither a SPARQL target nor of a SPARQL target type")
        select = str(g.value(ttype, SH.select))
        for param in g.objects(ttype, SH.parameter):
            path = g.value(param, SH.path)
            name = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            value = g.value(target, path)
            if value is None:
                raise UnsupportedShape(f"target {target} lacks parameter {path}")
            select = select.replace(f"${name}", _n3(value))
        prologue.append(_prefixes(g, ttype))
        parts.append(f"{{ {_select_body(select)} }}")
    if not parts:
        raise UnsupportedShape(f"shape {shape} has no target this engine understands")
    return " UNION ".join(parts), prologue


def _constraint_queries(g: rdflib.Graph, focus: str, prop: Node) -> list[tuple[str, str]]:
    """(component, SELECT ?this ?value) for each constraint of a property shape."""
    path = g.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"property shape {prop}: only single-IRI paths are supported")
    for p in g.predicates(prop, None):
        if p not in SUPPORTED_PARAMS:
            raise UnsupportedShape(f"property shape {prop} uses {p}, which this engine does not compile")
    pred = _n3(path)
    out: list[tuple[str, str]] = []
    count_sub = (f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {{ {focus} }} OPTIONAL {{ ?this {pred} ?v }} }} "
                 "GROUP BY ?this }")
    if (n := g.value(prop, SH.minCount)) is not None:
        out.append(("MinCount", f"SELECT ?this (?this AS ?value0) WHERE {{ {count_sub} FILTER (?n < {int(str(n))}) }}"))
    if (n := g.value(prop, SH.maxCount)) is not None:
        out.append(("MaxCount", f"SELECT ?this (?this AS ?value0) WHERE {{ {count_sub} FILTER (?n > {int(str(n))}) }}"))
    each = f"{{ {focus} }} ?this {pred} ?value ."
    if (c := g.value(prop, SH["class"])) is not None:
        out.append(("Class", f"SELECT ?this ?value WHERE {{ {each} "
                             f"FILTER NOT EXISTS {{ ?value a/{_n3(RDFS.subClassOf)}* {_n3(c)} }} }}"))
    if (d := g.value(prop, SH.datatype)) is not None:
        out.append(("Datatype", f"SELECT ?this ?value WHERE {{ {each} "
                                f"FILTER (!isLiteral(?value) || datatype(?value) != {_n3(d)}) }}"))
    for param, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<="), (SH.minExclusive, ">"),
                      (SH.maxExclusive, "<")):
        if (x := g.value(prop, param)) is not None:
            name = str(param).rsplit("#", 1)[-1]
            test = f"FILTER (!COALESCE(?value {op} {_n3(x)}, false))"
            out.append((name, f"SELECT ?this ?value WHERE {{ {each} {test} }}"))
    if (pat := g.value(prop, SH.pattern)) is not None:
        flags = g.value(prop, SH.flags)
        args = queries.term(str(pat)) + (f", {queries.term(str(flags))}" if flags else "")
        out.append(("Pattern", f"SELECT ?this ?value WHERE {{ {each} "
                               f"FILTER (isBlank(?value) || !COALESCE(REGEX(STR(?value), {args}), false)) }}"))
    if (other := g.value(prop, SH.lessThan)) is not None:
        out.append(("LessThan", f"SELECT ?this ?value WHERE {{ {each} ?this {_n3(other)} ?w . "
                                f"FILTER (!COALESCE(?value < ?w, false)) }}"))
    return out


def _sparql_constraint(g: rdflib.Graph, focus: str, constraint: Node) -> str:
    """A SELECT-based SPARQL constraint (SHACL §5.3) over all focus nodes at once: its query, with ``$this`` as a
    variable, joined with the shape's targets."""
    select = g.value(constraint, SH.select)
    if select is None:
        raise UnsupportedShape(f"SPARQL constraint {constraint} has no sh:select")
    text = str(select)
    for var in UNSUPPORTED_SPARQL_VARIABLES:
        if var in text:
            raise UnsupportedShape(f"SPARQL constraint {constraint} uses {var}, which this engine does not bind")
    body = _select_body(text).replace("$this", "?this")
    return f"SELECT ?this ?value WHERE {{ {{ {focus} }} {{ {body} }} }}"


def compile_shapes(shapes: rdflib.Graph) -> list[tuple[Node, Node, str, str, tuple[str, str]]]:
    """(shape, property shape, component, query, messages) for every constraint of every node shape."""
    out = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if (shape, SH.deactivated, Literal(True)) in shapes:
            continue
        for key in shapes.predicates(shape, None):
            if key not in IGNORED_SHAPE_KEYS and not str(key).startswith("https://w3id.org/parkstar/") \
                    and not str(key).startswith(str(RDFS)) and key != URIRef("http://purl.org/dc/terms/source"):
                raise UnsupportedShape(f"node shape {shape} uses {key}, which this engine does not compile")
        focus, prologue = _target_patterns(shapes, shape)
        for prop in shapes.objects(shape, SH.property):
            msgs = _messages(shapes, prop, shape)
            for component, query in _constraint_queries(shapes, focus, prop):
                out.append((shape, prop, component, "".join(dict.fromkeys(prologue)) + query, msgs))
        for constraint in shapes.objects(shape, SH.sparql):
            if (constraint, SH.deactivated, Literal(True)) in shapes:
                continue
            lines = "".join(dict.fromkeys([*prologue, _prefixes(shapes, constraint)]))
            out.append((shape, constraint, "SPARQL", lines + _sparql_constraint(shapes, focus, constraint),
                        _messages(shapes, constraint, shape)))
    return out


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def validate(data: rdflib.Graph | bytes, shapes: rdflib.Graph) -> list[Result]:
    """Every violation of ``shapes`` in ``data`` (an rdflib graph, or N-Triples bytes)."""
    store = ox.Store()
    nt = data if isinstance(data, bytes) else data.serialize(format="nt", encoding="utf-8")
    store.bulk_load(nt, ox.RdfFormat.N_TRIPLES)
    results: list[Result] = []
    for _shape, prop, _component, query, messages in compile_shapes(shapes):
        path = shapes.value(prop, SH.path)
        solutions = store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            focus = _to_rdflib(row["this"])
            value = _to_rdflib(row["value"]) if "value" in [v.value for v in solutions.variables] else None
            assert focus is not None
            # a SPARQL constraint's message may name the value ({?value}); pyshacl fills it in, so do we
            zh, en = (m.replace("{?value}", str(value)) if value is not None else m for m in messages)
            results.append(Result(focus, path, value, zh, en, prop))
    return results
