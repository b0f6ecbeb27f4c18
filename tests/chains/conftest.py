"""Hand-built chains with known answers, and the chains fixture (six synthetic parks on real chains) loaded once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reasoner.chains.data import CoverageFacts
from reasoner.chains.graph import ChainGraph, Segment, build_chain_graph
from reasoner.chains.model import ParkInfo, Presence, Term, vocab_term
from reasoner.ingest import load
from reasoner.namespaces import REGION
from reasoner.store import OxigraphStore

CHAINS_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "chains"

TOY_EDGES = [("s1", "m1"), ("s2", "m1"), ("s2", "m2"), ("m1", "d1"), ("m2", "d1"), ("m2", "d2")]
"""The toy chain: sources s1, s2 → middles m1, m2 → sinks d1, d2.

    s1 ─┐
        ├─> m1 ──> d1
    s2 ─┤        ↗
        └─> m2 ─┤
                 └> d2

Source → sink paths (4): s1-m1-d1, s2-m1-d1, s2-m2-d1, s2-m2-d2.
Downstream segments: s1 2 (m1, d1), s2 4, m1 1, m2 2, d1 0, d2 0; criticality = (downstream + 1) / 6.
"""


def toy_chain() -> ChainGraph:
    """The toy chain of :data:`TOY_EDGES`, tiers 1-3."""
    tiers = {"s1": 1, "s2": 1, "m1": 2, "m2": 2, "d1": 3, "d2": 3}
    segs = [Segment(Term(id=s, iri=f"urn:toy:{s}", name_zh=f"环节{s}", name_en=f"segment {s}"), t)
            for s, t in tiers.items()]
    return build_chain_graph(Term(id="toy", iri="urn:toy", name_zh="玩具链", name_en="toy chain"), 99, segs,
                             TOY_EDGES)


def region(code: str) -> Term:
    """A city or county of the ontology as the loaders give it."""
    t = vocab_term(str(REGION[code]))
    return Term(id=code, iri=t.iri, name_zh=t.name_zh, name_en=t.name_en)


def toy_parks() -> dict[str, ParkInfo]:
    """Parks placed so that partner order is known: P1 in 萧山区 (杭州), P3 same county, P4 same city (滨江区),
    P5 and P6 in 宁波 and 温州, P2 in 余杭区 (杭州)."""
    spots = {"P1": ("330100", "330109"), "P2": ("330100", "330110"), "P3": ("330100", "330109"),
             "P4": ("330100", "330108"), "P5": ("330200", "330206"), "P6": ("330300", "330304")}
    return {code: ParkInfo(code=code, iri=f"urn:park:{code}", name_zh=f"园区{code}", city=region(city),
                           county=region(county), leading_chains=("urn:toy",))
            for code, (city, county) in spots.items()}


def toy_facts(year: int = 2024) -> CoverageFacts:
    """P1 covers s1 (3 firms), m1 (2), d2 (1): s2, m2, d1 missing, the path s1-m1-d1 broken at d1.
    P2 covers s1, m1, d1: an unbroken path. s2 is covered by P3 (1 firm), P4 (2), P5 (5), P6 (5, less revenue);
    m2 by P5 only; d1 by P2 and P6."""
    rows = {
        "P1": {"s1": (3, 30), "m1": (2, 20), "d2": (1, 5)},
        "P2": {"s1": (1, 10), "m1": (1, 10), "d1": (2, 40)},
        "P3": {"s2": (1, 1)},
        "P4": {"s2": (2, 2)},
        "P5": {"s2": (5, 50), "m2": (1, 7)},
        "P6": {"s2": (5, 20), "d1": (4, 8)},
    }
    facts = CoverageFacts(year)
    for park, segs in rows.items():
        for seg, (n, rev) in segs.items():
            facts.presence.setdefault(seg, {})[park] = Presence(n, Decimal(rev))
    return facts


@pytest.fixture(scope="session")
def chains_store() -> OxigraphStore:
    """An in-memory store holding tests/fixtures/chains (parks and enterprises; 2023 and 2024). Read only."""
    store = OxigraphStore(None)
    load(store, [CHAINS_FIXTURE])
    return store
