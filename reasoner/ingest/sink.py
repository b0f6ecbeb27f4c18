"""Where converted triples go: N-Triples lines, deduplicated, with the typed subjects indexed.

A spreadsheet of 400,000 rows becomes millions of triples; held as rdflib graphs they cost gigabytes and minutes.
The sink keeps each triple once as an N-Triples line, ready for Oxigraph's bulk loader and for the SPARQL-compiled
shapes, and builds an rdflib graph only when one is asked for (pyshacl, small inputs).
"""

from __future__ import annotations

from collections.abc import Iterable

import rdflib
from rdflib.term import Node

from ..namespaces import RDF

_RDF_TYPE = str(RDF.type)


def nt_term(t: Node) -> str:
    """A term in N-Triples syntax."""
    return t.n3()


class TripleSink:
    """An ordered set of triples as N-Triples lines, with ``rdf:type`` statements indexed by class."""

    def __init__(self) -> None:
        self._lines: dict[str, None] = {}
        self._typed: dict[str, set[str]] = {}
        self._subjects: set[str] = set()

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        """Add one triple (rdflib terms)."""
        s, p, o = triple
        self._lines[f"{s.n3()} {p.n3()} {o.n3()} .\n"] = None
        self._subjects.add(str(s))
        if str(p) == _RDF_TYPE:
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
