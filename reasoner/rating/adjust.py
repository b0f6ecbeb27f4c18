"""Annual adjustment (三.3 "园区星级评定实行动态调整，每年根据评定结果调整星级等次") and the rectification list
(三.2 "达不到三星级评价标准的园区，要限期整改" — obligation O1).

Compares the ratings of year Y with those of Y − 1 under the same edition and strictness.

An undetermined rating (:attr:`Rating.undetermined`: a missing value might lift the park higher, "待定——需补充 …")
holds only a lower bound of the park's level, so a movement is claimed only where the bounds make it certain:

* Y undetermined → 待定 (:attr:`Change.UNDETERMINED`), whatever Y − 1 said: the year's level is not known yet, so it is
  neither 降级 nor 因否决失星 (a vetoed rating is never undetermined) nor 升级, and it is not counted as 新参评 either.
  The movement carries what is missing (``待定：缺 I6``); its ``after`` is the level the data reach so far.
* Y − 1 undetermined, Y determined → 上年待定 (:attr:`Change.SETTLED`): a higher or equal level in Y may only mean that
  the data are now complete, so no 升级 or 保持 is claimed. Two cases stay certain and keep their kind: a level in Y
  below Y − 1's lower bound is 降级, and a Y − 1 lower bound of three stars or more lost by a veto in Y is 因否决失星.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..policy import policy
from .model import Rating
from .rectification import Rectification


class Change(StrEnum):
    """How a park's level moved from Y − 1 to Y."""

    UPGRADED = "upgraded"
    DOWNGRADED = "downgraded"
    KEPT = "kept"
    NEW = "newly rated"
    VETOED = "lost by veto"
    UNDETERMINED = "undetermined"
    """Y's rating is undetermined (missing values): no movement is claimed."""
    SETTLED = "previously undetermined"
    """Y − 1's rating was undetermined and Y's is not: no 升级 or 保持 is claimed."""
    DROPPED = "not rated"


CHANGE_ZH: dict[Change, str] = {
    Change.UPGRADED: "升级", Change.DOWNGRADED: "降级", Change.KEPT: "保持", Change.NEW: "新参评",
    Change.VETOED: "因否决失星", Change.UNDETERMINED: "待定", Change.SETTLED: "上年待定", Change.DROPPED: "本年未参评",
}


@dataclass(frozen=True, slots=True)
class Movement:
    """One park's change between two years."""

    code: str
    name: str
    before: int | None
    after: int | None
    """Y's level; for an undetermined rating the level the data reach so far (a lower bound)."""
    change: Change
    rating: Rating | None
    previous: Rating | None

    @property
    def undetermined(self) -> bool:
        """Y's rating is undetermined: "待定——需补充 ``missing``"."""
        return self.rating is not None and self.rating.undetermined

    @property
    def missing(self) -> list[str]:
        """The indicators Y's undetermined rating needs (empty when it is determined)."""
        return list(self.rating.missing) if self.rating is not None and self.rating.undetermined else []

    @property
    def previous_undetermined(self) -> bool:
        """Y − 1's rating was undetermined."""
        return self.previous is not None and self.previous.undetermined

    def note(self, lang: str = "zh") -> str:
        """Why an undetermined rating gives no movement, or what Y − 1's undetermined rating leaves certain; "" for
        the other changes."""
        names = policy().level_names(lang)
        en = lang == "en"
        if self.change is Change.UNDETERMINED and self.after is not None:
            needs = ", ".join(self.missing) if en else "、".join(self.missing)
            if en:
                return (f"undetermined: needs {needs} (the data so far reach {names[self.after]}; the level is set "
                        "once they are given, no change is counted)")
            return f"待定：缺 {needs}（现有数据为{names[self.after]}，补充后方可定级，不计升降级）"
        if self.previous is None or not self.previous.undetermined or self.before is None or self.after is None:
            return ""
        was = ", ".join(self.previous.missing) if en else "、".join(self.previous.missing)
        if self.change is Change.SETTLED:
            if en:
                return (f"undetermined last year (needed {was}), {names[self.after]} this year: no upgrade or "
                        "unchanged level is claimed")
            return f"上年待定（缺 {was}），本年评定为{names[self.after]}：不计升级或保持"
        if en:
            return f"undetermined last year (needed {was}) but at least {names[self.before]}: a certain change"
        return f"上年待定（缺 {was}），但至少为{names[self.before]}：确定的变化"


@dataclass(slots=True)
class Adjustment:
    """The annual adjustment of year ``year`` against ``year - 1``."""

    year: int
    movements: list[Movement] = field(default_factory=list)
    rectify: list[Rating] = field(default_factory=list)
    """O1: parks whose indicators stay below three-star (vetoed parks are O2's, listed under ``vetoed``); an
    undetermined one is listed with its flag and what it needs."""
    vetoed: list[Rating] = field(default_factory=list)
    follow_up: list[Rectification] = field(default_factory=list)
    """O1 followed up: every park that fell under rectification up to ``year``, its deadline and whether it reached
    three-star (:mod:`.rectification`)."""

    def by_change(self) -> dict[Change, list[Movement]]:
        """Movements grouped by kind, every kind present."""
        out: dict[Change, list[Movement]] = {c: [] for c in Change}
        for m in self.movements:
            out[m.change].append(m)
        return out


def classify(before: Rating | None, after: Rating | None) -> Change:
    """三.3: the kind of change — a park starred in Y − 1 and vetoed in Y lost its star by the veto; an undetermined
    rating gives a level only as a lower bound, so it claims no movement it cannot prove (see the module's
    docstring)."""
    if after is None:
        return Change.DROPPED
    if after.undetermined:
        return Change.UNDETERMINED
    if before is None:
        return Change.NEW
    if after.vetoed and before.level > after.level:
        return Change.VETOED
    if before.undetermined:
        return Change.DOWNGRADED if after.level < before.level else Change.SETTLED
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
