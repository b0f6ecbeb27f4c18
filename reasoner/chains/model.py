"""The plain values chain analysis passes around: a labelled term, a park and its place, a segment's presence.

Every answer names things by id with both labels (Chinese first), so JSON, tables and pictures agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import URIRef

from ..namespaces import SKOS, local
from ..policy import label
from ..resources import ontology_graph


@dataclass(frozen=True, order=True)
class Term:
    """A named thing of the ontology or the data: its id (notation, code or IRI's last part), IRI and labels."""

    id: str
    iri: str = ""
    name_zh: str = ""
    name_en: str = ""

    @property
    def name(self) -> str:
        """The Chinese label, else the English one, else the id."""
        return self.name_zh or self.name_en or self.id


@cache
def vocab_term(iri: str) -> Term:
    """A term of the shipped ontology (role, position, status, region...) by IRI, with its notation as id."""
    notation = ontology_graph().value(URIRef(iri), SKOS.notation)
    return Term(id=str(notation) if notation is not None else local(iri), iri=iri,
                name_zh=label(iri, "zh", fallback=False), name_en=label(iri, "en", fallback=False))


@dataclass(frozen=True)
class ParkInfo:
    """A park as chain analysis needs it: code, name, where it is, and the chains it declares (IRIs)."""

    code: str
    iri: str
    name_zh: str
    city: Term | None
    county: Term | None
    leading_chains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Presence:
    """How a park (or a scope) is present in one segment in one year: enterprises and their revenue (亿元)."""

    enterprises: int = 0
    revenue: Decimal = Decimal(0)

    def __add__(self, other: Presence) -> Presence:
        return Presence(self.enterprises + other.enterprises, self.revenue + other.revenue)
