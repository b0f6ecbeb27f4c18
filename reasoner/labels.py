"""Labels of the ontology's terms in Chinese or English, for every answer parkstar gives."""

from __future__ import annotations

from functools import cache

from rdflib import Literal

from .namespaces import RDFS
from .resources import ontology_graph


@cache
def _labels() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for s, o in ontology_graph().subject_objects(RDFS.label):
        if isinstance(o, Literal) and o.language in ("zh", "en"):
            out[(str(s), o.language)] = str(o)
    return out


def label(iri: str | None, lang: str = "zh") -> str:
    """The term's label in ``lang`` (falling back to the other language, then to the IRI's last part)."""
    if iri is None:
        return ""
    labels = _labels()
    other = "en" if lang == "zh" else "zh"
    return labels.get((iri, lang)) or labels.get((iri, other)) or iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def local(iri: str) -> str:
    """The last part of an IRI (a code or id)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
