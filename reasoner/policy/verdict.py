"""The verdict of one criterion on one observation (表.1-11): met, below, or missing — the one place it is decided.

The rating engine, the level evaluation and the next-level planner all call :func:`verdict`.
"""

from __future__ import annotations

from decimal import Decimal

from .model import AtLeast, BelowBenchmark, Criterion

MET = "met"
BELOW = "below"
MISSING = "missing"
"""The three verdicts (plain strings, so that traces keep them as they are in JSON and RDF)."""


def verdict(criterion: Criterion, value: Decimal | None, benchmark: Decimal | None = None) -> str:
    """表.1-9: met when ``value`` ≥ the threshold; 表.10-11: met when ``value`` < ``benchmark``. Missing when there
    is no value, or (表.10-11) no benchmark to compare it with; below otherwise. Under the reading
    ``below-benchmark=or-equal`` a value equal to the benchmark is met."""
    if value is None:
        return MISSING
    if isinstance(criterion, AtLeast):
        return MET if value >= criterion.threshold else BELOW
    if benchmark is None:
        return MISSING
    if isinstance(criterion, BelowBenchmark) and criterion.inclusive:
        return MET if value <= benchmark else BELOW
    return MET if value < benchmark else BELOW
