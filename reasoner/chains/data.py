"""The facts chain analysis reads from the store, one query each: parks and where they are, the years with data,
each park's presence in each segment, the "415" clusters and the clusters each park's enterprises belong to.

Year rule: an enterprise counts in a year when it reports a revenue (``ps:AnnualRevenue``) for that year. The years
with data are those of the stored revenues; the default year is the latest of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from ..store import GraphStore
from .errors import NoDataForYearError
from .model import ParkInfo, Presence, Term, vocab_term
from .sparql import run


def data_years(store: GraphStore) -> list[int]:
    """The years for which the store holds enterprise revenue, in order."""
    return [int(r["year"]) for r in run(store, "chains/years") if r["year"] is not None]


def resolve_year(store: GraphStore, year: int | None) -> int:
    """``year`` when the store has revenue for it, else the latest year with data when ``year`` is None;
    :class:`NoDataForYearError` otherwise."""
    if year is not None and run(store, "chains/year-probe", year=year):
        return year
    years = data_years(store)
    if year is None and years:
        return years[-1]
    raise NoDataForYearError(year, years)


def _known_term(iri: str, code: str | None, name_zh: str | None) -> Term:
    known = vocab_term(iri)
    return Term(id=code or known.id, iri=iri, name_zh=known.name_zh or name_zh or "", name_en=known.name_en)


def load_parks(store: GraphStore) -> dict[str, ParkInfo]:
    """Every park by code, with its city, county and declared chains (IRIs)."""
    rows: dict[str, dict[str, Any]] = {}
    for r in run(store, "chains/parks"):
        p = rows.setdefault(r["parkCode"], {"iri": r["park"], "name": r["parkZh"] or "", "chains": [],
                                            "city": None, "county": None})
        if p["city"] is None and r["city"] is not None:
            p["city"] = _known_term(r["city"], r["cityCode"], r["cityZh"])
        if p["county"] is None and r["county"] is not None:
            p["county"] = _known_term(r["county"], r["countyCode"], r["countyZh"])
        if r["chain"] is not None and r["chain"] not in p["chains"]:
            p["chains"].append(r["chain"])
    return {code: ParkInfo(code=code, iri=p["iri"], name_zh=p["name"], city=p["city"], county=p["county"],
                           leading_chains=tuple(p["chains"])) for code, p in sorted(rows.items())}


@dataclass
class CoverageFacts:
    """Who is present in which segment in one year: ``presence[segment id][park code]``."""

    year: int
    presence: dict[str, dict[str, Presence]] = field(default_factory=dict)

    def in_parks(self, segment: str, parks: frozenset[str] | set[str]) -> Presence:
        """The presence of a set of parks in a segment (enterprises and revenue added up)."""
        total = Presence()
        for code, p in self.presence.get(segment, {}).items():
            if code in parks:
                total = total + p
        return total

    def parks_in(self, segment: str) -> dict[str, Presence]:
        """Every park present in a segment."""
        return self.presence.get(segment, {})


def load_coverage(store: GraphStore, year: int, chain_iri: str | None = None) -> CoverageFacts:
    """The presence of every park in every segment (of one chain when ``chain_iri`` is given) in ``year``."""
    facts = CoverageFacts(year)
    chain = ox.NamedNode(chain_iri) if chain_iri else None
    for r in run(store, "chains/coverage", year=year, chain=chain):
        facts.presence.setdefault(r["segmentId"], {})[r["parkCode"]] = Presence(
            int(r["enterprises"]), Decimal(r["revenue"] if r["revenue"] is not None else 0))
    return facts


@dataclass(frozen=True)
class ClusterInfo:
    """A "415" / "415X" cluster: its term, tier, years of validity and the chains it relates to (IRIs)."""

    term: Term
    tier: Term | None
    valid_from: int | None
    valid_until: int | None
    chains: tuple[str, ...]

    def valid_in(self, year: int) -> bool:
        """Whether the cluster is valid in ``year`` (open-ended when no end year is given)."""
        return ((self.valid_from is None or self.valid_from <= year)
                and (self.valid_until is None or year <= self.valid_until))


def load_clusters(store: GraphStore) -> dict[str, ClusterInfo]:
    """Every cluster related to a chain, by IRI."""
    acc: dict[str, dict[str, Any]] = {}
    for r in run(store, "chains/clusters"):
        c = acc.setdefault(r["cluster"], {"row": r, "chains": []})
        if r["chain"] not in c["chains"]:
            c["chains"].append(r["chain"])
    out: dict[str, ClusterInfo] = {}
    for iri, c in acc.items():
        r = c["row"]
        tier = _known_term(r["tier"], None, r["tierZh"]) if r["tier"] is not None else None
        out[iri] = ClusterInfo(
            term=Term(id=r["clusterId"], iri=iri, name_zh=r["clusterZh"] or "", name_en=r["clusterEn"] or ""),
            tier=tier, valid_from=int(r["validFrom"]) if r["validFrom"] is not None else None,
            valid_until=int(r["validUntil"]) if r["validUntil"] is not None else None, chains=tuple(c["chains"]))
    return out


def chain_clusters(clusters: dict[str, ClusterInfo], chain_iri: str, year: int) -> tuple[ClusterInfo, ...]:
    """The clusters a chain belongs to in ``year``, oldest system first, then by id."""
    found = [c for c in clusters.values() if chain_iri in c.chains and c.valid_in(year)]
    return tuple(sorted(found, key=lambda c: (c.valid_from or 0, c.term.id)))


def load_park_clusters(store: GraphStore, year: int, park_iri: str | None = None) -> dict[str, dict[str, int]]:
    """For each park (or the one park ``park_iri``), the clusters its enterprises belong to in ``year`` and how many
    enterprises each (``{park code: {cluster IRI: enterprises}}``)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    park = ox.NamedNode(park_iri) if park_iri else None
    for r in run(store, "chains/park-clusters", year=year, park=park):
        out[r["parkCode"]][r["cluster"]] = int(r["enterprises"])
    return dict(out)
