"""Follow-up of rectification (三.2 "达不到三星级评价标准的园区，要限期整改，通过五年努力，力争在 2025 年全部达到三星级
园区标准" — obligation O1): for each park that fell under it, the year it first did, its deadline, and whether it
reached three-star by then.

A park falls under O1 in a year when its indicators there reach no star and it is in the scope of the rating (三.1),
neither vetoed (that is O2) nor undetermined (its level is not known). Its deadline is read from the policy: the
common deadline ``psh:RectificationDeadlineYear`` (2025) by default, or, under the reading
``o1-deadline=years-after``, the year it first fell under O1 plus ``psh:RectificationPeriodYears``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..policy import Policy
from .model import Rating


class Status(StrEnum):
    """Where a park under rectification stands in the year asked."""

    ON_TIME = "reached on time"
    LATE = "reached late"
    OVERDUE = "overdue"
    PENDING = "pending"


STATUS_ZH: dict[Status, str] = {Status.ON_TIME: "按期达到三星级", Status.LATE: "逾期后达到三星级",
                                Status.OVERDUE: "逾期未达三星级", Status.PENDING: "整改中（未到期限）"}


@dataclass(frozen=True, slots=True)
class Rectification:
    """One park's rectification: since when, until when, and where it stands in ``year``."""

    code: str
    name: str
    since: int
    """The first year it fell under O1."""
    deadline: int
    year: int
    status: Status
    reached_in: int | None
    """The first year after ``since`` (up to ``year``) it was rated three-star or above."""
    level: int | None
    """Its level in ``year`` (None: not rated that year)."""

    @property
    def due(self) -> bool:
        """Whether the deadline has come by ``year`` (its rating is the last chance)."""
        return self.deadline <= self.year

    def note(self) -> str:
        """The status in words (Chinese)."""
        head = f"{self.since} 年落入限期整改，期限 {self.deadline} 年"
        if self.reached_in is not None:
            return f"{head}；{self.reached_in} 年达到三星级（{STATUS_ZH[self.status]}）"
        return f"{head}；至 {self.year} 年仍未达到三星级（{STATUS_ZH[self.status]}）"


def under_rectification(r: Rating) -> bool:
    """三.2: the year's indicators reach no star, and the park is in the scope of 三.1, neither vetoed (O2) nor
    undetermined."""
    return r.in_scope and r.indicator_level == 0 and not r.vetoed and not r.undetermined


def deadline(pol: Policy, since: int) -> int:
    """The year by whose rating a park that fell under O1 in ``since`` must reach three-star (reading
    ``o1-deadline``)."""
    if pol.choice("o1-deadline") == "years-after":
        return since + int(pol.value("RectificationPeriodYears"))
    return int(pol.value("RectificationDeadlineYear"))


def follow_up(ratings: Mapping[int, Sequence[Rating]], year: int, pol: Policy) -> list[Rectification]:
    """Every park that fell under O1 in a year up to ``year``, with its deadline and status in ``year``, from the
    ratings of each year (under the same options); ordered by status (overdue first), then code."""
    by_park: dict[str, dict[int, Rating]] = {}
    for y, rs in ratings.items():
        if y <= year:
            for r in rs:
                by_park.setdefault(r.code, {})[y] = r
    out = []
    for code, years in by_park.items():
        since = next((y for y in sorted(years) if under_rectification(years[y])), None)
        if since is None:
            continue
        due = deadline(pol, since)
        reached = next((y for y in sorted(years) if y > since and years[y].level >= 3), None)
        if reached is not None:
            status = Status.ON_TIME if reached <= due else Status.LATE
        else:
            status = Status.OVERDUE if due <= year else Status.PENDING
        now = years.get(year)
        latest = years[max(years)]
        out.append(Rectification(code, latest.name, since, due, year, status, reached,
                                 None if now is None else now.level))
    order = [Status.OVERDUE, Status.LATE, Status.ON_TIME, Status.PENDING]
    return sorted(out, key=lambda r: (order.index(r.status), r.code))
