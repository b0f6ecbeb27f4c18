"""Owns the indicator values: where each lies relative to the thresholds of the year's edition (三.2), given the
park's quality level, and how it is written (a grid of decimals that never carries a value across a threshold).

A met indicator lies in [t, t × (1 + headroom)], a missed one below t; a park reaching its level by the relaxation
rule has one listed indicator short by at most the allowed shortfall and enough others clearly above; green
indicators (表.10-11) lie below or above the park's benchmark. Every share comes from the calibration's ``[values]``,
every threshold and rule parameter from the policy.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache

from ..policy import LEVELS, AtLeast, policy
from .calibration import calibration, dec
from .errors import GenerationError
from .plan import Plan
from .vocabulary import Rules, edition_for, indicators, rules


def grid(u: float, lo: Decimal, hi: Decimal, step: Decimal, *, lo_open: bool = False,
         hi_open: bool = False) -> Decimal:
    """A value on the grid of ``step`` inside [lo, hi] (ends open on request), placed at ``u`` ∈ [0, 1].

    Rounding to the written decimals can never carry a value across ``lo`` or ``hi``: a value that must meet a
    threshold is written meeting it.

    Raises:
        GenerationError: no value of the grid lies in the interval.
    """
    k_lo = (lo / step).to_integral_value(ROUND_CEILING)
    if lo_open and k_lo * step == lo:
        k_lo += 1
    k_hi = (hi / step).to_integral_value(ROUND_FLOOR)
    if hi_open and k_hi * step == hi:
        k_hi -= 1
    if k_hi < k_lo:
        raise GenerationError(f"no value on a grid of {step} lies in [{lo}, {hi}]")
    k = k_lo + round(min(max(u, 0.0), 1.0) * float(k_hi - k_lo))
    return (k * step).quantize(step)


@cache
def steps() -> dict[str, Decimal]:
    """The step each indicator is written with: the unit's decimals, or finer when a threshold needs it."""
    decimals = calibration()["values"]["decimals"]
    out: dict[str, Decimal] = {}
    thresholds = [c for crits in policy().criteria.values() for c in crits if isinstance(c, AtLeast)]
    for info in indicators():
        places = int(decimals.get(info.unit_symbol, 2))
        for c in thresholds:
            if c.indicator == info.code:
                exp = c.threshold.normalize().as_tuple().exponent
                places = max(places, -int(exp)) if isinstance(exp, int) else places
        out[info.code] = Decimal(1).scaleb(-places)
    return out


@cache
def _percent_codes() -> frozenset[str]:
    return frozenset(i.code for i in indicators() if i.unit_symbol == "%")


def place_values(plan: Plan, years: Sequence[int], rng: random.Random, missing_rate: float) -> None:
    """Every indicator value of every year into ``plan.values``, relative to the thresholds of the year's edition.

    Each indicator keeps a position within its band that drifts from year to year, so a park's values move
    smoothly while its level holds.

    Args:
        plan: the park, with its revenue, quality levels, capped and failing indicators and benchmarks drawn.
        years: the years, in order.
        rng: the planner's generator (draws are taken in a fixed order: the output depends on it).
        missing_rate: the chance each cell is left empty.

    Raises:
        GenerationError: a park meant to reach a level by relaxation cannot (the calibration caps too many).
    """
    v = calibration()["values"]
    step_of, percent = steps(), _percent_codes()
    headroom, floor_ = dec(v["headroom"]), dec(v["fail_floor"])
    ceiling = dec(v["percent_ceiling"])
    bm = v["benchmarks"]
    positions = {i.code: rng.random() for i in indicators()}
    for year in years:
        r = rules(edition_for(year))
        q = plan.quality[year]
        relaxed = year in plan.relaxed_years and q > 0
        out: dict[str, Decimal] = {r.scale: plan.revenue[year].quantize(step_of[r.scale])}
        for code in r.others:
            top = ceiling if code in percent else None
            t = r.t(code, q)
            lo, hi, lo_open, hi_open = t, t * (1 + headroom), False, False
            if q == 0 and code in plan.failing:
                lo, hi, hi_open = t * floor_, t, True
            elif relaxed and code == plan.relax_indicator:
                lo, hi, hi_open = t * (1 - r.shortfall), t, True
                if q > LEVELS[0]:
                    lo = max(lo, r.t(code, q - 1))
            elif q and q < LEVELS[-1] and code in plan.caps and r.t(code, q + 1) > t:
                hi, hi_open = r.t(code, q + 1), True
            elif relaxed:
                lo, hi = t * (1 + r.margin), t * (1 + r.margin + headroom)
            if top is not None:
                hi = min(hi, top)
            out[code] = grid(positions[code], lo, hi, step_of[code], lo_open=lo_open, hi_open=hi_open)
        if relaxed:
            _check_relaxable(r, plan, out, q)
        for code in r.greens:
            b = plan.benchmarks[code]
            if q == 0 and code == plan.green_fail:
                out[code] = grid(positions[code], b * dec(bm["fail_low"]), b * dec(bm["fail_high"]), step_of[code],
                                 lo_open=True)
            else:
                out[code] = grid(positions[code], b * dec(bm["pass_low"]), b * dec(bm["pass_high"]), step_of[code],
                                 hi_open=True)
        for code in plan.missing.get(year, ()):
            out.pop(code, None)
        if missing_rate:
            for code in list(out):
                if rng.random() < missing_rate:
                    del out[code]
        plan.values[year] = out
        for code in positions:
            positions[code] = min(max(positions[code] + rng.gauss(0, v["drift"]), 0.0), 1.0)


def _check_relaxable(r: Rules, plan: Plan, out: Mapping[str, Decimal], q: int) -> None:
    """A park meant to reach ``q`` by relaxation needs enough indicators clearly above (三.2 reading)."""
    listed = [c for c in r.listed if (c, q) in r.thresholds]
    clear = sum(1 for c in listed if c in out and out[c] >= r.t(c, q) * (1 + r.margin))
    if not clear > r.share * len(listed):
        raise GenerationError(f"{plan.code}: only {clear} of {len(listed)} indicators clearly above "
                              f"{q}-star; lower [values] capped in calibration.toml")
