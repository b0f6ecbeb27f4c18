"""Sensitivity of a year's answers to the readings: rate the year and answer its measures under each alternative of
each reading (one at a time, every other reading at its default) and list the parks whose level, or whose measures,
change — what an analyst checks before a list is published.

The official answers (every reading at its default) are the baseline. A query condition's rows are fetched once
for all alternatives that give its parameters the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..measures import Answer, Verdict, evaluate
from ..measures.evaluate import RowCache
from ..policy import Alternative, Reading, Readings, policy
from ..rating import Rating, rate_store
from ..store import OxigraphStore


@dataclass(frozen=True)
class LevelChange:
    """A park whose level differs under an alternative, and why (the level's verdict under it)."""

    code: str
    name: str
    before: int
    after: int
    why: str


@dataclass(frozen=True)
class MeasureChange:
    """A park's (or project's) answer to a provision that differs under an alternative."""

    code: str
    name: str
    measure: str
    project: str
    project_name: str
    before: Verdict
    after: Verdict
    why: str


@dataclass(frozen=True)
class BeneficiaryChange:
    """A provision whose beneficiary the alternative reads differently."""

    measure: str
    before: str
    after: str


@dataclass(frozen=True)
class Effect:
    """What one alternative of one reading changes against the defaults."""

    reading: Reading
    alternative: Alternative
    levels: list[LevelChange]
    measures: list[MeasureChange]
    beneficiaries: list[BeneficiaryChange]


@dataclass(frozen=True)
class Sensitivity:
    """Every non-default alternative's effect on the year's ratings and measures."""

    year: int
    parks: int
    answers: int
    effects: list[Effect]


def _level_changes(before: Sequence[Rating], after: Sequence[Rating]) -> list[LevelChange]:
    now = {r.code: r for r in after}
    out = []
    for r in before:
        a = now.get(r.code)
        if a is None or a.level == r.level:
            continue
        # a lower level: why the old level is no longer reached; a higher one: how the new level is reached
        outcome = a.levels.get(r.level) if a.level < r.level and r.level else a.levels.get(a.level)
        why = a.trace[-1].note if a.vetoed or outcome is None else outcome.why
        out.append(LevelChange(r.code, r.name, r.level, a.level, why))
    return sorted(out, key=lambda c: (c.after - c.before, c.code))


def _key(a: Answer) -> tuple[str, str, str]:
    return a.provision.code, a.code, a.project


def _measure_changes(before: Sequence[Answer], after: Sequence[Answer]) -> list[MeasureChange]:
    now = {_key(a): a for a in after}
    out = []
    for b in before:
        a = now.get(_key(b))
        if a is None or a.answer is b.answer:
            continue
        out.append(MeasureChange(b.code, b.name, b.provision.code, b.project_code, b.project_name, b.answer,
                                 a.answer, a.summary))
    return out


def sensitivity(store: OxigraphStore, year: int, *, progress: Callable[[str], None] | None = None) -> Sensitivity:
    """Rate ``year`` and answer its measures under every non-default alternative of every reading, one at a time.

    Args:
        store: the store to read.
        year: the rating year (it must have indicator observations).
        progress: called with a line of text (Chinese) before each alternative is computed.

    Raises:
        RatingError: no observations for ``year``.
    """
    pol = policy()
    rows: RowCache = {}
    base_ratings = rate_store(store, [year])
    base = evaluate(store, year, ratings=base_ratings, rows=rows)
    effects = []
    todo = [(r, a) for r in pol.readings.values() for a in r.alternatives if a.key != r.default]
    for i, (reading, alt) in enumerate(todo, start=1):
        if progress is not None:
            progress(f"[{i}/{len(todo)}] {reading.key}={alt.key}：{reading.label_zh}——{alt.label_zh}")
        chosen = Readings(((reading.key, alt.key),))
        ratings = rate_store(store, [year], readings=chosen) if reading.scope == "rating" else base_ratings
        answers = evaluate(store, year, ratings=ratings, readings=chosen, rows=rows)
        under = pol.under(chosen)
        beneficiaries = [BeneficiaryChange(code, p.beneficiary, under.provisions[code].beneficiary)
                         for code, p in pol.provisions.items() if under.provisions[code].beneficiary != p.beneficiary]
        effects.append(Effect(reading, alt, _level_changes(base_ratings, ratings), _measure_changes(base, answers),
                              beneficiaries))
    return Sensitivity(year, len(base_ratings), len(base), effects)
