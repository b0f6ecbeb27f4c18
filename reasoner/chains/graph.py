"""A chain's segments as a networkx DiGraph (upstream → downstream) and the graph facts completeness rests on.

Built from the store (``chains/segments.rq``) or by hand (tests). Nodes are segment ids; each carries its
:class:`Segment` under ``"segment"``. The graph facts are pure functions of the graph and a set of covered
segments:

- *sources* have no upstream segment, *sinks* no downstream one; a segment's *position* is upstream (a source
  that supplies something), downstream (a sink that is supplied) or midstream (the rest, isolated segments too);
- ``downstream[s]``: how many segments lie downstream of ``s`` (its descendants); ``criticality(s)`` = the share of
  the chain's segments that depend on ``s``: ``(downstream[s] + 1) / n``;
- ``paths_through[s]``: how many source → sink paths pass through ``s`` (paths into ``s`` × paths out of it);
- an *unbroken path* is a source → sink path whose every segment is covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..ingest.vocab import fold
from ..store import GraphStore
from .errors import ChainStructureError, UnknownChainError
from .model import Term, vocab_term
from .params import POSITIONS
from .sparql import run


@dataclass(frozen=True)
class Segment:
    """A segment of a chain: its term and tier (``ps:chainOrder``, 1 = most upstream)."""

    term: Term
    tier: int

    @property
    def id(self) -> str:
        """The segment's notation, e.g. ``ic-design``."""
        return self.term.id


@dataclass
class ChainGraph:
    """One chain: its term, place in the policy's list, and the DAG of its segments with the derived counts."""

    chain: Term
    order: int
    graph: nx.DiGraph
    segments: dict[str, Segment] = field(init=False)
    sources: tuple[str, ...] = field(init=False)
    sinks: tuple[str, ...] = field(init=False)
    total_paths: int = field(init=False)
    paths_through: dict[str, int] = field(init=False)
    downstream: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        if not nx.is_directed_acyclic_graph(self.graph):
            cycle = nx.find_cycle(self.graph)
            raise ChainStructureError(f"产业链“{self.chain.name}”的环节成环 / the segments of {self.chain.id} form "
                                      f"a cycle: {cycle}")
        self.segments = {n: self.graph.nodes[n]["segment"] for n in sorted(self.graph.nodes, key=self._key)}
        self.sources = tuple(n for n in self.segments if self.graph.in_degree(n) == 0)
        self.sinks = tuple(n for n in self.segments if self.graph.out_degree(n) == 0)
        into = count_paths(self.graph, self.graph.nodes, self.sources, reverse=False)
        out = count_paths(self.graph, self.graph.nodes, self.sinks, reverse=True)
        self.paths_through = {n: into[n] * out[n] for n in self.segments}
        self.total_paths = sum(out[s] for s in self.sources)
        self.downstream = {n: len(nx.descendants(self.graph, n)) for n in self.segments}

    def _key(self, node: str) -> tuple[int, str]:
        return self.graph.nodes[node]["segment"].tier, node

    @property
    def id(self) -> str:
        """The chain's id, e.g. ``integrated-circuits``."""
        return self.chain.id

    def order_key(self, node: str) -> tuple[int, str]:
        """Upstream first, then by id: the stable order of segments in every answer."""
        return self._key(node)

    def position(self, node: str) -> Term:
        """Upstream, midstream or downstream (``ontology/chains-analysis.ttl``), from the graph alone."""
        if self.graph.in_degree(node) == 0 and self.graph.out_degree(node) > 0:
            return vocab_term(str(POSITIONS["upstream"]))
        if self.graph.out_degree(node) == 0 and self.graph.in_degree(node) > 0:
            return vocab_term(str(POSITIONS["downstream"]))
        return vocab_term(str(POSITIONS["midstream"]))

    def downstream_share(self, node: str) -> float:
        """The share of the chain's other segments that lie downstream of ``node``."""
        n = len(self.segments)
        return self.downstream[node] / (n - 1) if n > 1 else 0.0

    def criticality(self, node: str) -> float:
        """The share of the chain's segments that depend on ``node``: itself and every segment downstream of it
        (1.0 for the single source of a linear chain, 1/n for a sink)."""
        return (self.downstream[node] + 1) / len(self.segments)


def build_chain_graph(chain: Term, order: int, segments: Iterable[Segment],
                      edges: Iterable[tuple[str, str]]) -> ChainGraph:
    """A :class:`ChainGraph` from its segments and ``(upstream, downstream)`` edges; edges must stay inside."""
    g: nx.DiGraph = nx.DiGraph(chain=chain.id)
    for s in segments:
        g.add_node(s.id, segment=s)
    for a, b in edges:
        if a not in g or b not in g:
            raise ChainStructureError(f"环节连接 {a} → {b} 超出产业链“{chain.name}” / edge {a} → {b} leaves "
                                      f"the chain {chain.id}")
        g.add_edge(a, b)
    return ChainGraph(chain=chain, order=order, graph=g)


def count_paths(g: nx.DiGraph, allowed: Iterable[str], starts: Sequence[str], *, reverse: bool) -> dict[str, int]:
    """Paths from any of ``starts`` to each node (``reverse``: from each node to any of ``starts``), through
    ``allowed`` nodes only. A start counts one path to itself when it is allowed."""
    ok = set(allowed)
    order = list(nx.topological_sort(g))
    if reverse:
        order.reverse()
    start = set(starts)
    counts: dict[str, int] = {}
    for n in order:
        if n not in ok:
            counts[n] = 0
            continue
        prev = g.successors(n) if reverse else g.predecessors(n)
        counts[n] = (1 if n in start else 0) + sum(counts[p] for p in prev if p in ok)
    return counts


def covered_paths(chain: ChainGraph, covered: Iterable[str]) -> int:
    """How many of the chain's source → sink paths run through covered segments only."""
    into = count_paths(chain.graph, covered, chain.sources, reverse=False)
    return sum(into[s] for s in chain.sinks)


def unbroken_path(chain: ChainGraph, covered: Iterable[str]) -> tuple[str, ...] | None:
    """One source → sink path through covered segments only, or None. Deterministic: the first in depth-first
    order, upstream and lower ids first."""
    ok = set(covered)
    sinks = set(chain.sinks)
    dead: set[str] = set()

    def walk(node: str, path: list[str]) -> list[str] | None:
        path = [*path, node]
        if node in sinks:
            return path
        for nxt in sorted(chain.graph.successors(node), key=chain.order_key):
            if nxt in ok and nxt not in dead:
                found = walk(nxt, path)
                if found:
                    return found
                dead.add(nxt)
        return None

    for s in chain.sources:
        if s in ok:
            found = walk(s, [])
            if found:
                return tuple(found)
    return None


class ChainCatalog:
    """Every chain of the store by id, found by id, Chinese or English name (e.g. ``集成电路``)."""

    def __init__(self, chains: Iterable[ChainGraph]) -> None:
        self.chains: dict[str, ChainGraph] = {c.id: c for c in sorted(chains, key=lambda c: (c.order, c.id))}
        self._by_iri = {c.chain.iri: c for c in self.chains.values()}
        self._names: dict[str, str] = {}
        for c in self.chains.values():
            for name in (c.id, c.chain.name_zh, c.chain.name_en, c.chain.iri):
                if name:
                    self._names.setdefault(fold(name), c.id)

    def __iter__(self) -> Any:
        return iter(self.chains.values())

    def __len__(self) -> int:
        return len(self.chains)

    def choices(self) -> list[str]:
        """The chains as a person names them, for error messages: ``集成电路（integrated-circuits）``."""
        return [f"{c.chain.name_zh}（{c.id}）" for c in self.chains.values()]

    def resolve(self, text: str) -> ChainGraph:
        """The chain named ``text`` (id, label in either language, IRI); :class:`UnknownChainError` otherwise."""
        key = self._names.get(fold(text))
        if key is None:
            raise UnknownChainError(text, self.choices())
        return self.chains[key]

    def by_iri(self, iri: str) -> ChainGraph | None:
        """The chain with this IRI, if the store has it."""
        return self._by_iri.get(iri)


def load_catalog(store: GraphStore) -> ChainCatalog:
    """Every chain in the store with its segment graph (one query)."""
    chains: dict[str, dict[str, Any]] = {}
    for r in run(store, "chains/segments"):
        c = chains.setdefault(r["chain"], {
            "term": Term(id=r["chainId"], iri=r["chain"], name_zh=r["chainZh"] or "", name_en=r["chainEn"] or ""),
            "order": int(r["chainOrder"]) if r["chainOrder"] is not None else 0,
            "segments": {}, "edges": set(), "iri_to_id": {}})
        if r["segment"] is None:
            continue
        c["iri_to_id"][r["segment"]] = r["segmentId"]
        c["segments"].setdefault(r["segmentId"], Segment(
            Term(id=r["segmentId"], iri=r["segment"], name_zh=r["segmentZh"] or "", name_en=r["segmentEn"] or ""),
            int(r["tier"]) if r["tier"] is not None else 0))
        if r["downstream"] is not None:
            c["edges"].add((r["segment"], r["downstream"]))
    out = []
    for c in chains.values():
        ids: dict[str, str] = c["iri_to_id"]
        edges = [(ids[a], ids.get(b, b)) for a, b in sorted(c["edges"])]
        out.append(build_chain_graph(c["term"], c["order"], c["segments"].values(), edges))
    return ChainCatalog(out)
