"""Where converted triples go: N-Triples lines, deduplicated, with the typed subjects indexed.

A spreadsheet of 400,000 rows becomes millions of triples; held as rdflib graphs they cost gigabytes and minutes.
The sink keeps each triple once as an N-Triples line, ready for Oxigraph's bulk loader and for the SPARQL-compiled
shapes, and builds an rdflib graph only when one is asked for (pyshacl, small inputs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import rdflib
from rdflib import URIRef
from rdflib.term import Node

from ..namespaces import RDF, XSD

_RDF_TYPE = str(RDF.type)


class IRI(str):
    """An IRI parkstar built itself (from percent-encoded codes), so it needs no checking."""

    __slots__ = ()


class NT(str):
    """A term already written in N-Triples syntax."""

    __slots__ = ()


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(text: str, lang: str | None = None) -> NT:
    """A plain (xsd:string) or language-tagged literal."""
    body = f'"{text.translate(_ESCAPES)}"'
    return NT(f"{body}@{lang}" if lang else body)


def typed(lexical: str, datatype: str) -> NT:
    """A typed literal from its lexical form."""
    return NT(f'"{lexical.translate(_ESCAPES)}"^^<{datatype}>')


def lit_int(n: int) -> NT:
    """An xsd:integer literal."""
    return NT(f'"{n}"^^<{XSD.integer}>')


def lit_bool(b: bool) -> NT:
    """An xsd:boolean literal."""
    return NT(f'"{"true" if b else "false"}"^^<{XSD.boolean}>')


def lit_decimal(d: Decimal) -> NT:
    """An xsd:decimal literal (never in exponent notation)."""
    return NT(f'"{format(d, "f")}"^^<{XSD.decimal}>')


def lit_date(d: dt.date) -> NT:
    """An xsd:date literal."""
    return NT(f'"{d.isoformat()}"^^<{XSD.date}>')


Term = Node | IRI | NT


def _nt(t: Term) -> str:
    kind = type(t)
    if kind is NT:
        return t  # type: ignore[return-value]
    if kind is IRI or kind is URIRef:
        return f"<{t}>"
    return t.n3()  # type: ignore[union-attr]


class TripleSink:
    """An ordered set of triples as N-Triples lines, with ``rdf:type`` statements indexed by class."""

    def __init__(self) -> None:
        self._lines: dict[str, None] = {}
        self._typed: dict[str, set[str]] = {}
        self._subjects: set[str] = set()

    def add(self, triple: tuple[Term, Term, Term]) -> None:
        """Add one triple: rdflib terms, :class:`IRI` or :class:`NT` strings."""
        s, p, o = triple
        self._lines[f"{_nt(s)} {_nt(p)} {_nt(o)} .\n"] = None
        self._subjects.add(str(s))
        if str(p) == _RDF_TYPE:  # URIRef.__eq__ refuses a plain str
            self._typed.setdefault(str(o), set()).add(str(s))

    def add_ntriples(self, lines: Iterable[str], typed: Iterable[tuple[str, str]], subjects: Iterable[str]) -> None:
        """Add lines already in N-Triples syntax, with their (subject, class) typings and subjects."""
        for line in lines:
            self._lines[line] = None
        for s, c in typed:
            self._typed.setdefault(c, set()).add(s)
        self._subjects.update(subjects)

    def __len__(self) -> int:
        return len(self._lines)

    def __contains__(self, subject: str) -> bool:
        """Whether a subject (IRI string) has a triple here."""
        return subject in self._subjects

    def instances(self, cls: str) -> set[str]:
        """Subjects typed with ``cls`` (no inference)."""
        return self._typed.get(cls, set())

    def ntriples(self) -> bytes:
        """All triples as N-Triples, UTF-8."""
        return "".join(self._lines).encode("utf-8")

    def graph(self) -> rdflib.Graph:
        """The triples as a new rdflib graph (for pyshacl and small inputs)."""
        g = rdflib.Graph()
        if self._lines:
            g.parse(data=self.ntriples(), format="nt")
        return g
