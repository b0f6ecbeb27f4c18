"""Support measures (四(三)) and obligations (三.2, 三.3): which provision applies to a park (or one of its projects)
in a year, by which clause, on which facts — and, when it does not or cannot be told, why and what is lacking.

The modules: ``model`` (condition results, answers), ``provisions`` (the policy's provisions and conditions, by
code; :mod:`reasoner.policy` reads them), ``evaluate`` (three-valued evaluation over the store and the year's
ratings) and ``writeback`` (answers as RDF with PROV).
"""

from __future__ import annotations

from .evaluate import evaluate, measure_parks, park_measures
from .model import Answer, Condition, ConditionResult, Fact, Provision, Verdict
from .provisions import MeasureError, provision, provisions

__all__ = [
    "Answer", "Condition", "ConditionResult", "Fact", "MeasureError", "Provision", "Verdict", "evaluate",
    "measure_parks", "park_measures", "provision", "provisions",
]
