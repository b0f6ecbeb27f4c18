"""The anchor parks (主要承载平台, 二(一)) of each landmark chain in a year, and the parks that declare a chain
without anchoring it.

A park *anchors* a chain in a year when it declares the chain among its leading chains (``ps:leadingChain``) and
hosts at least one enterprise that holds a role of ``psh:AnchorRoles`` (龙头企业, 单项冠军), works in a segment of
the chain and reports a revenue that year. Anchors are ranked by the park's revenue in the chain that year: the sum
of that year's revenue of its enterprises working in at least one of the chain's segments, each enterprise once per
chain with its whole revenue (an enterprise in several segments of a chain counts once; one in two chains counts in
both, so the chains' revenues do not add up to the park's). Ties: more enterprises in the chain, then park code.

Both lists come from one SPARQL query over all chains, bound to the year (``chains/anchors.rq``), with the leading
enterprises named by ``chains/anchor-leaders.rq``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from ..ingest.vocab import lookup
from ..namespaces import PS
from ..store import GraphStore
from .data import ClusterInfo, chain_clusters, load_clusters, load_parks, resolve_year
from .graph import ChainCatalog, ChainGraph, load_catalog
from .model import ParkInfo, Term, vocab_term
from .params import ChainParameters, chain_parameters
from .sparql import run

COUNTING_RULE = {
    "zh": "链上营收 = 当年园区内从事该链任一环节的企业营业收入之和；同一企业在该链多个环节只计一次，"
          "在多条链上则每条链各计全额。某年只计当年报送营业收入的企业。",
    "en": "Revenue in a chain = the year's revenue of the park's enterprises working in at least one of the chain's "
          "segments; an enterprise in several segments of the chain counts once, one in several chains counts in "
          "full in each. An enterprise counts in a year when it reports a revenue for that year.",
}


@dataclass(frozen=True)
class LeadingEnterprise:
    """An enterprise that makes its park an anchor: its roles (those of ``psh:AnchorRoles``) and segments."""

    credit_code: str
    iri: str
    name_zh: str
    roles: tuple[Term, ...]
    segments: tuple[Term, ...]


@dataclass(frozen=True)
class ChainPark:
    """A park declaring a chain: its revenue, enterprises and segments in the chain that year, its leaders."""

    rank: int
    park: ParkInfo
    revenue: Decimal
    enterprises: int
    segments: tuple[Term, ...]
    segments_total: int
    leaders: tuple[LeadingEnterprise, ...]


@dataclass(frozen=True)
class ChainAnchors:
    """One chain's anchors (best first), the parks that declare it without a leader, and its clusters."""

    chain: ChainGraph
    clusters: tuple[ClusterInfo, ...]
    anchors: tuple[ChainPark, ...]
    without_leader: tuple[ChainPark, ...]


@dataclass(frozen=True)
class AnchorsReport:
    """The anchors of one or all chains in a year, with the parameters and the counting rule used."""

    year: int
    chains: tuple[ChainAnchors, ...]
    parameters: ChainParameters


def _segments(graph: ChainGraph, ids: str | None) -> tuple[Term, ...]:
    wanted = set((ids or "").split())
    return tuple(graph.segments[s].term for s in graph.segments if s in wanted)


def _roles(names: str | None) -> tuple[Term, ...]:
    out = []
    for name in (names or "").split("、"):
        iri = lookup(PS.EnterpriseRole, name) if name else None
        if iri is not None:
            out.append(vocab_term(str(iri)))
    return tuple(sorted(out, key=lambda t: t.iri))


def _park(parks: dict[str, ParkInfo], code: str, iri: str) -> ParkInfo:
    return parks.get(code) or ParkInfo(code=code, iri=iri, name_zh="", city=None, county=None)


def _rank(rows: list[ChainPark]) -> tuple[ChainPark, ...]:
    ordered = sorted(rows, key=lambda p: (-p.revenue, -p.enterprises, p.park.code))
    return tuple(ChainPark(i, p.park, p.revenue, p.enterprises, p.segments, p.segments_total, p.leaders)
                 for i, p in enumerate(ordered, start=1))


def _leaders(store: GraphStore, year: int, chain: ox.NamedNode | None,
             catalog: ChainCatalog) -> dict[tuple[str, str], list[LeadingEnterprise]]:
    """The leading enterprises by (chain IRI, park IRI), from ``chains/anchor-leaders.rq``."""
    out: dict[tuple[str, str], dict[str, LeadingEnterprise]] = {}
    for r in run(store, "chains/anchor-leaders", year=year, chain=chain):
        graph = catalog.by_iri(r["chain"])
        if graph is None:
            continue
        out.setdefault((r["chain"], r["park"]), {}).setdefault(r["leader"], LeadingEnterprise(
            credit_code=r["leaderCode"], iri=r["leader"], name_zh=r["leaderName"] or "",
            roles=_roles(r["roles"]), segments=_segments(graph, r["segments"])))
    return {k: sorted(v.values(), key=lambda e: e.credit_code) for k, v in out.items()}


def anchors(store: GraphStore, year: int | None = None, chain: str | None = None, *,
            catalog: ChainCatalog | None = None) -> AnchorsReport:
    """The anchor parks of every chain (or of the chain named ``chain``) in ``year`` (default: latest with data).

    Two queries, each over all chains: ``chains/anchors.rq`` decides for every declaring park with enterprises in
    the chain whether it anchors it, with its revenue and segments; ``chains/anchor-leaders.rq`` names the leading
    enterprises. Declaring parks with no enterprise in the chain that year come from the park register.
    (``chains/declarers-without-leader.rq`` gives the same second list in SPARQL alone, for ``parkstar query``.)
    """
    catalog = catalog or load_catalog(store)
    only = catalog.resolve(chain) if chain is not None else None
    y = resolve_year(store, year)
    parks = load_parks(store)
    clusters = load_clusters(store)
    bind = ox.NamedNode(only.chain.iri) if only else None
    leaders = _leaders(store, y, bind, catalog)
    found: dict[str, list[ChainPark]] = {}
    without: dict[str, list[ChainPark]] = {}
    seen: set[tuple[str, str]] = set()
    for r in run(store, "chains/anchors", year=y, chain=bind):
        graph = catalog.by_iri(r["chain"])
        if graph is None:
            continue
        seen.add((r["chain"], r["park"]))
        codes = set((r["leaders"] or "").split())
        row = ChainPark(0, _park(parks, r["parkCode"], r["park"]), Decimal(r["revenue"] or 0),
                        int(r["enterprises"] or 0), _segments(graph, r["segments"]), len(graph.segments),
                        tuple(e for e in leaders.get((r["chain"], r["park"]), []) if e.credit_code in codes))
        (found if r["anchor"] else without).setdefault(graph.id, []).append(row)
    for park in parks.values():  # declaring parks without any enterprise in the chain that year
        for chain_iri in park.leading_chains:
            graph = catalog.by_iri(chain_iri)
            if graph is not None and (only is None or graph is only) and (chain_iri, park.iri) not in seen:
                without.setdefault(graph.id, []).append(
                    ChainPark(0, park, Decimal(0), 0, (), len(graph.segments), ()))
    out = [ChainAnchors(graph, chain_clusters(clusters, graph.chain.iri, y), _rank(found.get(graph.id, [])),
                        _rank(without.get(graph.id, [])))
           for graph in ([only] if only else list(catalog))]
    return AnchorsReport(y, tuple(out), chain_parameters(y))
