"""Star rating (三.2, 三.3): criteria from the policy (:mod:`reasoner.policy`), the veto, relaxation, bonus and
priority, explanations, annual adjustment, province progress, the next level, and write-back as RDF with PROV.

The modules: ``model`` (facts, results, traces), ``rules`` (the rules as small pure functions and the rule set of a year
and edition), ``facts`` (one SPARQL query per kind of fact), ``engine`` (rating), ``explain`` (Chinese reasons),
``adjust``, ``progress``, ``nextlevel`` and ``writeback``.
"""

from __future__ import annotations

from .engine import park_facts, rate_facts, rate_park, rate_store, rate_values
from .facts import DuplicateObservation, UnknownPark
from .model import INDICATORS, ParkFacts, Rating, TraceEntry
from .rules import RatingError, Rules, load_rules

__all__ = [
    "INDICATORS", "DuplicateObservation", "ParkFacts", "Rating", "RatingError", "Rules", "TraceEntry", "UnknownPark",
    "load_rules", "park_facts", "rate_facts", "rate_park", "rate_store", "rate_values",
]
