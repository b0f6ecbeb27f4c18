"""The next level (三.2, 三.3 动态调整): for a park below five-star, the smallest set of indicator improvements —
indicator, current value, needed value — that lifts it one level under the same rules, relaxation included.

"Smallest" is the fewest indicators changed; among equals, the smallest total rise relative to the thresholds.
With the relaxation rule one rise may suffice where two indicators miss: raising one and leaving the other within
the relaxation's reach, or lifting an indicator to "clearly above" so that the rule's majority condition holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from ..policy import LEVELS, MET, BelowBenchmark, policy, verdict
from .model import Incident, Observation, Rating
from .rules import AtLeastThreshold, Rules, Threshold, veto_lifted_on


def plain(d: Decimal) -> str:
    """A computed value without trailing zeros or exponent (2.070 → 2.07, 5E+2 → 500)."""
    return format(d.normalize(), "f")


@dataclass(frozen=True, slots=True)
class Improvement:
    """Raise (or lower, for I10/I11) one indicator: to at least ``needed`` (``comparison`` "≥"), or below it ("<")."""

    indicator: str
    current: Decimal | None
    needed: Decimal | None
    """None when the value cannot be judged without a fact the graph lacks (a missing benchmark)."""
    comparison: str
    unit: str
    why: str


@dataclass(slots=True)
class NextLevel:
    """What lifts a park from its level to ``target``."""

    code: str
    year: int
    level: int
    target: int | None
    improvements: list[Improvement] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)
    """Indicators that would still miss and be relaxed at the target level."""
    veto: list[Incident] = field(default_factory=list)
    veto_lifts_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Plan:
    cost: int
    rise: Decimal
    changes: tuple[Improvement, ...]
    relaxed: tuple[str, ...]


def _unit(code: str) -> str:
    return policy().indicators[code].unit_symbol


def _rise(th: AtLeastThreshold, current: Decimal | None, needed: Decimal) -> Decimal:
    base = current if current is not None else Decimal(0)
    return max(needed - base, Decimal(0)) / th.threshold


def _raise(th: AtLeastThreshold, o: Observation | None, needed: Decimal, why: str) -> Improvement:
    return Improvement(th.indicator, None if o is None else o.value, needed, "≥", _unit(th.indicator), why)


def _green(th: BelowBenchmark, o: Observation | None) -> Improvement:
    bench = None if o is None else o.benchmark
    why = "低于全省同行业标准" if bench is not None else "补充全省同行业标准后判断"
    return Improvement(th.indicator, None if o is None else o.value, bench, "<", _unit(th.indicator), why)


def _meet(th: Threshold, o: Observation | None) -> Improvement:
    """表.1-11: the change that meets one criterion (reach the threshold, or get below the benchmark)."""
    if isinstance(th, AtLeastThreshold):
        return _raise(th, o, th.threshold, "达到标准值")
    return _green(th, o)


def plan_level(level: int, rules: Rules, obs: Mapping[str, Observation]) -> _Plan | None:
    """三.2: the cheapest set of changes that makes ``level`` pass; None when no set of rises can (never for data
    this module is given: raising every indicator always passes)."""
    ths = rules.levels[level]
    relax = rules.relaxation
    failing: list[Threshold] = []
    near_clear: list[AtLeastThreshold] = []
    clear0 = counted = 0
    for th in ths:
        o = obs.get(th.indicator)
        v = None if o is None else o.value
        listed = isinstance(th, AtLeastThreshold) and th.indicator in relax.indicators
        if listed:
            counted += 1
        if verdict(th, v, None if o is None else o.benchmark) != MET:
            failing.append(th)
        elif isinstance(th, AtLeastThreshold) and listed and v is not None:
            if v >= th.clear:
                clear0 += 1
            else:
                near_clear.append(th)
    # A: no relaxation — every failing criterion is met.
    changes = tuple(_meet(th, obs.get(th.indicator)) for th in failing)
    rise = sum((_rise(th, c.current, th.threshold) for th, c in zip(failing, changes, strict=True)
                if isinstance(th, AtLeastThreshold)), Decimal(0))
    best = _Plan(len(changes), rise, changes, ())
    if not relax.enabled or not failing:
        return best
    needed_clear = int(relax.min_exceeding_share * counted) + 1
    candidates = [th for th in failing if isinstance(th, AtLeastThreshold) and th.indicator in relax.indicators]
    for size in range(1, relax.max_indicators + 1):
        for group in combinations(candidates, size):
            plan = _with_relaxation(group, failing, near_clear, clear0, needed_clear, obs, relax.indicators)
            if plan is not None and (plan.cost, plan.rise) < (best.cost, best.rise):
                best = plan
    return best


def _with_relaxation(relaxed: Sequence[AtLeastThreshold], failing: Sequence[Threshold],
                     near_clear: Sequence[AtLeastThreshold],
                     clear0: int, needed_clear: int, obs: Mapping[str, Observation],
                     listed: frozenset[str]) -> _Plan | None:
    """三.2 with ``relaxed`` left below the threshold: raise them to the relaxation's floor where they are under it,
    meet every other failing criterion, and lift enough indicators to "clearly above" for the majority condition —
    first among those being raised anyway (no extra indicator), then among those met but not clearly above."""
    cost, rise = 0, Decimal(0)
    changes: list[Improvement] = []
    for th in relaxed:
        o = obs.get(th.indicator)
        v = None if o is None else o.value
        if v is None or v < th.floor:
            changes.append(_raise(th, o, th.floor, "达到放宽下限（可放宽的最低值）"))
            cost += 1
            rise += _rise(th, v, th.floor)
    rest = [th for th in failing if th not in relaxed]
    upgrades: list[tuple[int, Decimal, AtLeastThreshold]] = []  # (extra indicators, extra rise, criterion)
    for criterion in rest:
        cost += 1
        if not isinstance(criterion, AtLeastThreshold):
            changes.append(_green(criterion, obs.get(criterion.indicator)))
            continue
        o = obs.get(criterion.indicator)
        rise += _rise(criterion, None if o is None else o.value, criterion.threshold)
        if criterion.indicator in listed:
            upgrades.append((0, _rise(criterion, criterion.threshold, criterion.clear), criterion))
    for near in near_clear:
        o = obs.get(near.indicator)
        upgrades.append((1, _rise(near, None if o is None else o.value, near.clear), near))
    short = needed_clear - clear0
    chosen: set[str] = set()
    if short > 0:
        upgrades.sort(key=lambda u: (u[0], u[1], u[2].indicator))
        if len(upgrades) < short:
            return None
        for extra_cost, extra_rise, up in upgrades[:short]:
            chosen.add(up.indicator)
            cost += extra_cost
            rise += extra_rise
    for item in [*rest, *near_clear]:
        if not isinstance(item, AtLeastThreshold):
            continue
        o = obs.get(item.indicator)
        if item.indicator in chosen:
            changes.append(_raise(item, o, item.clear, "明显高于标准值（满足放宽条件）"))
        elif item in rest:
            changes.append(_raise(item, o, item.threshold, "达到标准值"))
    changes.sort(key=lambda c: int(c.indicator[1:]))
    return _Plan(cost, rise, tuple(changes), tuple(th.indicator for th in relaxed))


def observations_of(rating: Rating) -> dict[str, Observation]:
    """The observations a rating was made on, rebuilt from its indicator results."""
    return {code: Observation(code, r.value, r.unit, r.benchmark, r.observation, r.source)
            for code, r in rating.indicators.items() if r.value is not None}


def next_level(rating: Rating, rules: Rules, obs: Mapping[str, Observation] | None = None) -> NextLevel:
    """三.2: what lifts the park one level above what its indicators reach (a vetoed park also waits for the veto
    to lift, 三.3). ``obs`` defaults to the rating's own observations; ``rules`` must be those it was made under."""
    obs = observations_of(rating) if obs is None else obs
    current = rating.indicator_level
    higher = [lv for lv in LEVELS if lv > current]
    if not rating.in_scope:  # 三.1: no level to rise from
        return NextLevel(rating.code, rating.year, rating.level, None, note=f"不在评价范围（三.1）：{rating.scope}")
    out = NextLevel(rating.code, rating.year, rating.level, higher[0] if higher else None)
    if rating.vetoed:
        out.veto = list(rating.veto_incidents)
        out.veto_lifts_on = max(veto_lifted_on(i.date, rules.veto_window) for i in rating.veto_incidents)
        out.note = f"被否决（三.3）：{out.veto_lifts_on} 起方可评定为星级园区"
    if out.target is None:
        out.note = out.note or "已是最高星级（五星级，示范园区）"
        return out
    plan = plan_level(out.target, rules, obs)
    if plan is None:
        out.note = (out.note + "；" if out.note else "") + "无法仅凭提高指标达到"
        return out
    out.improvements = list(plan.changes)
    out.relaxed = list(plan.relaxed)
    return out
