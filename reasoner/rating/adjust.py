"""Annual adjustment (三.3 "园区星级评定实行动态调整，每年根据评定结果调整星级等次") and the rectification list
(三.2 "达不到三星级评价标准的园区，要限期整改" — obligation O1).

Compares the ratings of year Y with those of Y − 1 under the same edition and strictness.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from .model import Rating


class Change(StrEnum):
    """How a park's level moved from Y − 1 to Y."""

    UPGRADED = "upgraded"
    DOWNGRADED = "downgraded"
    KEPT = "kept"
    NEW = "newly rated"
    VETOED = "lost by veto"
    DROPPED = "not rated"


CHANGE_ZH: dict[Change, str] = {
    Change.UPGRADED: "升级", Change.DOWNGRADED: "降级", Change.KEPT: "保持", Change.NEW: "新参评",
    Change.VETOED: "因否决失星", Change.DROPPED: "本年未参评",
}


@dataclass(frozen=True, slots=True)
class Movement:
    """One park's change between two years."""

    code: str
    name: str
    before: int | None
    after: int | None
    change: Change
    rating: Rating | None
    previous: Rating | None


@dataclass(slots=True)
class Adjustment:
    """The annual adjustment of year ``year`` against ``year - 1``."""

    year: int
    movements: list[Movement] = field(default_factory=list)
    rectify: list[Rating] = field(default_factory=list)
    """O1: parks whose indicators stay below three-star (vetoed parks are O2's, listed under ``vetoed``)."""
    vetoed: list[Rating] = field(default_factory=list)

    def by_change(self) -> dict[Change, list[Movement]]:
        """Movements grouped by kind, every kind present."""
        out: dict[Change, list[Movement]] = {c: [] for c in Change}
        for m in self.movements:
            out[m.change].append(m)
        return out


def classify(before: Rating | None, after: Rating | None) -> Change:
    """三.3: the kind of change — a park starred in Y − 1 and vetoed in Y lost its star by the veto."""
    if after is None:
        return Change.DROPPED
    if before is None:
        return Change.NEW
    if after.vetoed and before.level > after.level:
        return Change.VETOED
    if after.level > before.level:
        return Change.UPGRADED
    if after.level < before.level:
        return Change.DOWNGRADED
    return Change.KEPT


def adjust(current: Iterable[Rating], previous: Iterable[Rating], year: int) -> Adjustment:
    """Compare the ratings of ``year`` with those of the year before (same edition and strictness). Parks outside
    the scope of the rating (三.1) take no part: they have no level to move, nothing to rectify."""
    now = {r.park: r for r in current if r.year == year and r.in_scope}
    before = {r.park: r for r in previous if r.year == year - 1 and r.in_scope}
    out = Adjustment(year)
    for park in sorted(now.keys() | before.keys(), key=lambda p: (now.get(p) or before[p]).code):
        a, b = now.get(park), before.get(park)
        ref = a or b
        assert ref is not None
        out.movements.append(Movement(ref.code, ref.name, None if b is None else b.level,
                                      None if a is None else a.level, classify(b, a), a, b))
    out.rectify = sorted((r for r in now.values() if r.level == 0 and not r.vetoed), key=lambda r: r.code)
    out.vetoed = sorted((r for r in now.values() if r.vetoed), key=lambda r: r.code)
    return out
