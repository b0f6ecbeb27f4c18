"""Every fixed SPARQL query of parkstar, and the one way values get into query text.

A query is a file under ``reasoner/queries/<area>/``: ``.rq`` for a query, ``.ru`` for an update, each starting
with a comment that says what it answers. It is named by area and file stem (``chains/anchors``); the chain
queries' names from before they moved into ``chains/`` (``chain-anchors``…) still work. Text is read once per
process.

Values never enter query text by pasting. :func:`bind` binds variables by a ``VALUES`` block at the start of the
query's WHERE clause, every value written by :func:`term`, the only function that turns a value into SPARQL text:
IRIs must be ``pyoxigraph.NamedNode`` (which refuses anything that could leave its ``<…>``), strings become
literals. The few queries built in code (the rating's numbered ``VALUES`` lists, its sub-select joins, the SHACL
compiler) write their terms through :func:`term` and :func:`values` too.

:func:`index` lists every shipped query and, beside them, the measure conditions' queries, which are policy data
kept in ``shapes/measures.ttl`` (read through :func:`measure_conditions`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..namespaces import XSD
from ..policy import policy, provisions_file

if TYPE_CHECKING:
    from ..store import GraphStore

HERE = Path(__file__).resolve().parent
SUFFIXES = (".rq", ".ru")
CONDITIONS_AREA = "conditions"

ALIASES: dict[str, str] = {f"chain-{stem}": f"chains/{stem}" for stem in (
    "anchors", "anchor-leaders", "clusters", "coverage", "declarers-without-leader", "park-clusters", "parks",
    "segments")}
"""The chain queries' names before they moved into ``chains/`` (the README and scripts name them so)."""

_INTEGER = ox.NamedNode(str(XSD.integer))
_DECIMAL = ox.NamedNode(str(XSD.decimal))
_BOOLEAN = ox.NamedNode(str(XSD.boolean))

Term = ox.NamedNode | ox.Literal
Value = Term | bool | int | Decimal | str
"""What can be bound: a term, or a Python value taken as a typed literal (a ``str`` is a plain literal, never an
IRI)."""
Binding = Value | Collection[Value] | None
"""A value; a list, tuple or set of values (the variable takes each in turn); None leaves the variable unbound."""


class UnknownQuery(KeyError):
    """No shipped query or measure condition has this name."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"没有名为 {self.name} 的查询（parkstar query --list 列出全部）/ no query named {self.name}"


@dataclass(frozen=True)
class QueryInfo:
    """One entry of the index: a shipped query file or a measure condition's query."""

    name: str
    """``area/stem`` for a file, ``conditions/<condition>`` (``…/park`` for its one-park form) for a condition."""
    area: str
    path: str
    """The file, relative to the repository (``reasoner/queries/…`` or ``shapes/measures.ttl``)."""
    description: str
    """The file's first comment line; a condition's Chinese label."""
    text: str = field(repr=False, default="")

    def row(self) -> dict[str, str]:
        """The entry without its text, as ``parkstar query --list`` prints it."""
        return {"name": self.name, "area": self.area, "path": self.path, "description": self.description}


# ---------------------------------------------------------------------------------------------- the shipped files
@cache
def _files() -> dict[str, Path]:
    return {p.relative_to(HERE).with_suffix("").as_posix(): p
            for p in sorted(HERE.rglob("*")) if p.suffix in SUFFIXES and p.is_file()}


def names() -> list[str]:
    """The names of every shipped query, sorted (``chains/anchors``, ``rating/roles``, ``store/switch``…)."""
    return sorted(_files())


def path(name: str) -> Path:
    """The file of the shipped query ``name`` (or its old alias).

    Raises:
        UnknownQuery: no shipped query has that name.
    """
    found = _files().get(ALIASES.get(name, name))
    if found is None:
        raise UnknownQuery(name)
    return found


@cache
def text(name: str) -> str:
    """The text of the shipped query ``name`` (or its old alias), read once per process.

    Raises:
        UnknownQuery: no shipped query has that name.
    """
    return path(name).read_text(encoding="utf-8")


def _description(sparql: str) -> str:
    for line in sparql.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            return stripped.lstrip("#").strip()
        if stripped:
            break
    return ""


# ---------------------------------------------------------------------------------------------- values into text
def to_term(value: Value) -> Term:
    """A value as a pyoxigraph term: terms as they are, bool/int/Decimal as typed literals, str as a plain literal.

    Raises:
        TypeError: any other value (an rdflib term, say: wrap IRIs in ``pyoxigraph.NamedNode``).
    """
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_BOOLEAN)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_INTEGER)
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=_DECIMAL)
    if type(value) is str:  # not a subclass: an rdflib URIRef is a str and must not become a literal silently
        return ox.Literal(value)
    raise TypeError(f"cannot bind {value!r} ({type(value).__name__}): give an IRI as pyoxigraph.NamedNode, a "
                    "literal as pyoxigraph.Literal, int, Decimal, bool or str")


def term(value: Value) -> str:
    """The SPARQL text of one value: the only function that writes a value into query text.

    IRIs come as ``pyoxigraph.NamedNode``, whose constructor refuses every character that could end the ``<…>``;
    literals are escaped by pyoxigraph; a Python int is written as a bare integer (Oxigraph stores small integers
    inline, and a long list of them parses faster so).
    """
    kind = type(value)
    if kind is ox.NamedNode or kind is ox.Literal or kind is int:  # first: this runs for every value of the rating's
        return str(value)                                            # VALUES lists (thousands of IRIs and numbers)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(int(value))
    return str(to_term(value))


def values(variables: Sequence[str], rows: Iterable[Sequence[Value]]) -> str:
    """A ``VALUES (?a ?b) { (…) (…) }`` block, every value written by :func:`term`.

    Raises:
        ValueError: a variable name that is not a plain name, or a row of the wrong width.
    """
    for v in variables:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
            raise ValueError(f"not a variable name: {v!r}")
    width = len(variables)
    out = []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a VALUES row of {len(row)} values for {width} variables")
        out.append("(" + " ".join([term(v) for v in row]) + ")")
    return f"VALUES ({' '.join('?' + v for v in variables)}) {{ {' '.join(out)} }}"


_SKIP = re.compile(r'<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*')


def _insert(sparql: str, blocks: Sequence[str]) -> str:
    """``blocks`` inserted at the start of the query's WHERE clause (its first group when it has no WHERE)."""
    if not blocks:
        return sparql
    masked = _SKIP.sub(lambda m: " " * len(m.group(0)), sparql)
    where = re.search(r"\bWHERE\b", masked, re.IGNORECASE)
    brace = masked.find("{", where.end() if where else 0)
    if brace < 0:
        raise ValueError("cannot bind variables: the query has no WHERE clause")
    return f"{sparql[:brace + 1]} {' '.join(blocks)} {sparql[brace + 1:]}"


def bind(sparql: str, **bindings: Binding) -> str:
    """Bind variables to values by ``VALUES`` blocks at the start of the query's WHERE clause.

    The effect of SEP-0007 substitution, also for variables that are not projected (pyoxigraph's own
    ``substitutions`` only takes projected ones). Single values share one block; a list, tuple or set binds its
    variable to each of its values (a block of its own); None leaves the variable unbound.

    Raises:
        TypeError: a value :func:`to_term` refuses.
        ValueError: the query has no WHERE clause, or a bad variable name.
    """
    single, many = _split(bindings)
    blocks = [values(list(single), [list(single.values())])] if single else []
    blocks += [values([k], [[x] for x in v]) for k, v in many.items()]
    return _insert(sparql, blocks)


def _split(bindings: Mapping[str, Binding]) -> tuple[dict[str, Value], dict[str, Collection[Value]]]:
    """Bindings to one value, and bindings to each value of a collection; None left out."""
    single: dict[str, Value] = {}
    many: dict[str, Collection[Value]] = {}
    for k, v in bindings.items():
        if v is None:
            continue
        if isinstance(v, ox.NamedNode | ox.Literal | bool | int | Decimal | str):
            single[k] = v
        else:
            many[k] = v
    return single, many


def bind_rows(sparql: str, variables: Sequence[str], rows: Iterable[Sequence[Value]]) -> str:
    """Bind several variables to several rows of values at once (one ``VALUES`` block, see :func:`bind`)."""
    return _insert(sparql, [values(variables, rows)])


def bound(name: str, **bindings: Binding) -> str:
    """The shipped query ``name`` with ``bindings`` bound (see :func:`bind`)."""
    return bind(text(name), **bindings)


def _terms(bindings: Mapping[str, Binding]) -> dict[str, Term | list[Term]]:
    """Bindings as terms for :meth:`GraphStore.select` (ints typed ``xsd:integer``), None left out."""
    single, many = _split(bindings)
    return {**{k: to_term(v) for k, v in single.items()}, **{k: [to_term(x) for x in v] for k, v in many.items()}}


def select(store: GraphStore, name: str, **bindings: Binding) -> list[dict[str, Any]]:
    """Run the shipped SELECT ``name`` over the store's current sources; rows of plain Python values.

    ``year=2024`` binds ``?year`` to ``2024`` (``xsd:integer``), IRIs are given as ``pyoxigraph.NamedNode``; None
    leaves a variable unbound.
    """
    return store.select(text(name), **_terms(bindings))


def ask(store: GraphStore, name: str, **bindings: Binding) -> bool:
    """Run the shipped ASK ``name`` over the store's current sources."""
    return store.ask(bind(text(name), **bindings))


# ---------------------------------------------------------------------------------------------- the index
def measure_conditions() -> list[tuple[str, str, str, str]]:
    """(IRI, Chinese label, query, one-park query or "") of every query condition of the support measures.

    The conditions are policy data; the index reads them through :mod:`reasoner.policy`.
    """
    found: dict[str, tuple[str, str, str, str]] = {}
    todo = [c for p in policy().provisions.values() for c in p.conditions]
    while todo:
        c = todo.pop()
        todo.extend(c.any_of)
        if c.kind == "query" and c.query and c.iri not in found:
            found[c.iri] = (c.iri, c.text, c.query, c.park_query if c.park_query != c.query else "")
    return [found[k] for k in sorted(found)]


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


@cache
def index() -> tuple[QueryInfo, ...]:
    """Every shipped query (by name), then every measure condition's query (by condition)."""
    out = []
    for name, p in sorted(_files().items()):
        body = p.read_text(encoding="utf-8")
        out.append(QueryInfo(name, name.split("/", 1)[0], f"reasoner/queries/{p.relative_to(HERE).as_posix()}",
                             _description(body), body))
    where = f"{provisions_file().parent.name}/{provisions_file().name}"
    for iri, label, query, park_query in measure_conditions():
        name = f"{CONDITIONS_AREA}/{_local(iri)}"
        out.append(QueryInfo(name, CONDITIONS_AREA, where, label, query))
        if park_query:
            out.append(QueryInfo(f"{name}/park", CONDITIONS_AREA, where, f"{label}（单个园区 one park）", park_query))
    return tuple(out)


def find(name: str) -> QueryInfo:
    """The index entry named ``name`` (a shipped query, its old alias, or a measure condition).

    Raises:
        UnknownQuery: nothing has that name.
    """
    wanted = ALIASES.get(name, name)
    for info in index():
        if info.name == wanted:
            return info
    raise UnknownQuery(name)


__all__ = ["ALIASES", "Binding", "QueryInfo", "UnknownQuery", "Value", "ask", "bind", "bind_rows", "bound", "find",
           "index", "measure_conditions", "names", "path", "select", "term", "text", "to_term", "values"]
