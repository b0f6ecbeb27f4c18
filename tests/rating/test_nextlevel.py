"""The next level: applying the improvements lifts the park to the target level (checked with the independent
reference implementation), and no smaller set of improvements would (brute force over every subset of fewer
indicators and every value that changes a verdict: the relaxation floor, the threshold, "clearly above")."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations, product

from hypothesis import HealthCheck, given, settings

from reasoner.rating import Rating, load_rules, rate_facts
from reasoner.rating.nextlevel import Improvement, next_level
from tests.rating import reference
from tests.rating.test_reference import _facts, parks

TINY = Decimal("0.000001")


def _apply(values: dict[str, Decimal | None], imps: list[Improvement]) -> dict[str, Decimal | None]:
    out = dict(values)
    for i in imps:
        assert i.needed is not None
        out[i.indicator] = i.needed if i.comparison == "≥" else i.needed - TINY
    return out


def _choices(edition: str, level: int, code: str, current: Decimal | None,
             bench: Decimal | None) -> list[Decimal]:
    p = reference.params()
    t = reference.threshold(edition, level, code)
    if t is None:
        crit = [c for c in reference.table()[(edition, level)] if c.indicator == code]
        return [bench - TINY] if crit and bench is not None else []
    cands = [t - p.shortfall * t, t, t + p.margin * t]
    return [c for c in cands if current is None or c > current]


def _reaches(edition: str, level: int, values: dict[str, Decimal | None], benches: dict[str, Decimal | None],
             strict: bool) -> bool:
    return reference.level_met(edition, level, values, benches, strict)[0]


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(parks())
def test_next_level_is_enough_and_smallest(p: dict[str, object]) -> None:
    edition, strict = str(p["edition"]), bool(p["strict"])
    values: dict[str, Decimal | None] = p["values"]  # type: ignore[assignment]
    benches: dict[str, Decimal | None] = p["benches"]  # type: ignore[assignment]
    rules = load_rules(edition, int(p["year"]), strict)  # type: ignore[call-overload]
    p = {**p, "incidents": []}
    r: Rating = rate_facts(_facts(p), rules)
    nxt = next_level(r, rules)
    if nxt.target is None or any(i.needed is None for i in nxt.improvements):
        return
    improved = _apply(values, nxt.improvements)
    assert _reaches(edition, nxt.target, improved, benches, strict), (
        f"applying {nxt} to {values} does not reach {nxt.target}")
    k = len(nxt.improvements)
    if k > 3:
        return
    codes = [c for c in values if c in {c.indicator for c in reference.table()[(edition, nxt.target)]}]
    for size in range(k):
        for subset in combinations(codes, size):
            options = [_choices(edition, nxt.target, c, values[c], benches.get(c)) for c in subset]
            for combo in product(*options):
                trial = dict(values)
                trial.update(zip(subset, combo, strict=True))
                assert not _reaches(edition, nxt.target, trial, benches, strict), (
                    f"{dict(zip(subset, combo, strict=True))} ({size} indicators) already reaches {nxt.target}; "
                    f"next_level proposed {nxt} for {values}")


def test_next_level_on_the_sample(sample_ratings: list[Rating]) -> None:
    rules = load_rules(None, 2024)
    for r in sample_ratings:
        if r.year != 2024 or r.indicator_level == 5:
            continue
        nxt = next_level(r, rules)
        if not r.in_scope:  # 三.1: no level to rise from
            assert nxt.target is None and "不在评价范围" in nxt.note, nxt
            continue
        assert nxt.target == (3 if r.indicator_level == 0 else r.indicator_level + 1)
        values = {c: res.value for c, res in r.indicators.items()}
        benches = {c: res.benchmark for c, res in r.indicators.items()}
        assert _reaches("2020-a", nxt.target, _apply(values, nxt.improvements), benches, False), nxt
        if r.vetoed:
            assert nxt.veto_lifts_on is not None and "否决" in nxt.note
