"""Parks as the analyst sees them: the list with filters and one park's registered facts, in Chinese or English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from . import queries
from .namespaces import PARK, PS, local
from .policy import label
from .store import OxigraphStore


class UnknownPark(LookupError):
    """No park has this code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no park with code {code}")
        self.code = code


@dataclass(frozen=True)
class ParkFilter:
    """Filters of the park list: city (name or code), leading chain (id or name)."""

    city: str | None = None
    chain: str | None = None


def _city_iri(text: str) -> str | None:
    from .ingest.vocab import lookup

    found = lookup(PS.City, text)
    return str(found) if found else None


def _chain_iri(text: str) -> str | None:
    from .ingest.vocab import lookup

    found = lookup(PS.IndustrialChain, text)
    return str(found) if found else None


class UnknownFilter(ValueError):
    """A filter names a city or chain the ontology does not know."""


def _park_row(r: dict[str, Any], lang: str) -> dict[str, Any]:
    chains = sorted(r["chains"].split()) if r["chains"] else []
    return {
        "code": r["code"], "name": r["name"],
        "city": {"id": local(r["city"]), "label": label(r["city"], lang)},
        "county": {"id": local(r["county"]), "label": label(r["county"], lang)},
        "type": label(r["type"], lang) if r["type"] else None,
        "chains": [{"id": local(c), "label": label(c, lang)} for c in chains],
    }


def list_parks(store: OxigraphStore, filters: ParkFilter | None = None, lang: str = "zh") -> list[dict[str, Any]]:
    """Every park (code, name, city, county, type, leading chains), filtered by city and chain."""
    f = filters or ParkFilter()
    city = _city_iri(f.city) if f.city else None
    chain = _chain_iri(f.chain) if f.chain else None
    if f.city and city is None:
        raise UnknownFilter(f"unknown city: {f.city}")
    if f.chain and chain is None:
        raise UnknownFilter(f"unknown chain: {f.chain}")
    out = []
    for r in queries.select(store, "parks/list"):
        if city and r["city"] != city:
            continue
        if chain and chain not in (r["chains"] or "").split():
            continue
        out.append(_park_row(r, lang))
    return out


def park_iri(code: str) -> str:
    """The IRI of the park with this code."""
    from urllib.parse import quote

    return str(PARK[quote(code, safe="-_.")])


def park_detail(store: OxigraphStore, code: str, lang: str = "zh") -> dict[str, Any]:
    """One park's registered facts: identity, region, chains, designations, incidents, counts, sources."""
    iri = ox.NamedNode(park_iri(code))
    base = queries.select(store, "parks/list", park=iri)
    if not base or base[0]["code"] != code:
        raise UnknownPark(code)
    park = _park_row(base[0], lang)
    area = queries.select(store, "parks/planned-area", p=iri)
    park["planned_area_km2"] = float(area[0]["a"]) if area else None
    park["designations"] = [
        {"kind": label(r["kind"], lang), "level": label(r["level"], lang), "year": r["year"]}
        for r in queries.select(store, "parks/designations", p=iri)]
    park["incidents"] = [
        {"id": local(r["i"]), "type": label(r["t"], lang), "severity": label(r["s"], lang), "date": str(r["d"]),
         "description": r["desc"]}
        for r in queries.select(store, "parks/incidents", p=iri)]
    counts = queries.select(store, "parks/counts", p=iri)[0]
    park["enterprises"] = counts["ents"]
    park["projects"] = counts["projects"]
    park["years"] = [r["y"] for r in queries.select(store, "parks/years", p=iri)]
    park["synthetic"] = queries.ask(store, "stats/synthetic", x=iri)
    return park


def park_graph_query(code: str) -> str:
    """A CONSTRUCT giving the park's own triples and the labels of what they point at (for Turtle / JSON-LD)."""
    return queries.bound("describe/resource", x=ox.NamedNode(park_iri(code)))


def chain_iri(text: str) -> str | None:
    """A chain's IRI from its id or Chinese/English name."""
    return _chain_iri(text)


