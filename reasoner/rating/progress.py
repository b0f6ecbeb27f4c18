"""Province progress against the goals of 一(二) and 三.2 for 2025: the number of demonstration parks, the share of
parks at three-star or above, and the demonstration parks' indicators. Every goal is a ``ps:PolicyGoal`` of the
policy (:attr:`reasoner.policy.Policy.goals`); this module holds no goal number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..namespaces import PS
from ..policy import Goal, policy
from .model import Rating


@dataclass(frozen=True, slots=True)
class GoalStatus:
    """Where the province stands on one goal in a year."""

    goal: Goal
    actual: Decimal | None
    met: bool
    detail: str


def progress(ratings: Sequence[Rating], year: int) -> list[GoalStatus]:
    """Each goal against the ratings of ``year`` (those of one edition and strictness); parks outside the scope of
    the rating (三.1) are not counted."""
    rated = [r for r in ratings if r.year == year and r.in_scope]
    demo = [r for r in rated if r.demonstration]
    out = []
    for goal in policy().goals:
        if goal.measure == str(PS.DemonstrationParkCount):
            actual = Decimal(len(demo))
            out.append(GoalStatus(goal, actual, actual >= goal.value, f"示范园区 {len(demo)} 个"))
        elif goal.measure == str(PS.StarParkShare):
            starred = sum(1 for r in rated if r.level > 0)
            share = Decimal(starred) / Decimal(len(rated)) if rated else None
            out.append(GoalStatus(goal, share, share is not None and share >= goal.value,
                                  f"三星级及以上 {starred} / 参评 {len(rated)} 个园区"))
        elif goal.measure == str(PS.DemonstrationIndicatorMean) and goal.indicator is not None:
            values = [v for r in demo if (v := r.indicators[goal.indicator].value) is not None]
            if not values:
                out.append(GoalStatus(goal, None, False, "当年没有示范园区（或其均缺此指标）：无法衡量"))
                continue
            mean = sum(values, Decimal(0)) / len(values)
            reached = sum(1 for v in values if v >= goal.value)
            out.append(GoalStatus(goal, mean, mean >= goal.value,
                                  f"{len(values)} 个示范园区均值；最低 {min(values)}；达到目标的 {reached} 个"))
    return out
