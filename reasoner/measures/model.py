"""The data of an eligibility answer: each condition's verdict with the facts it used, and the answer for a park (or
one of its projects) and year. The provisions and their conditions are the policy's (:mod:`reasoner.policy`).

Nothing here evaluates a condition; ``evaluate.py`` does. The JSON of an answer (the CLI's ``--json`` and the HTTP
API) is :class:`reasoner.app.schemas.measures.AnswerOut`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..policy import Condition, Provision
from ..rating.model import Rating
from ..rating.writeback import rating_iri


class Verdict(StrEnum):
    """The three answers: yes, no, or undetermined when a condition needs a fact the graph does not hold."""

    YES = "yes"
    NO = "no"
    UNDETERMINED = "undetermined"


VERDICT_ZH: dict[Verdict, str] = {Verdict.YES: "适用", Verdict.NO: "不适用", Verdict.UNDETERMINED: "待定"}


def held_zh(held: bool | None) -> str:
    """A condition's verdict in Chinese."""
    return "未知" if held is None else ("成立" if held else "不成立")


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact a condition used: the node, what it says, and the title of the document it came from.

    For the star rating, ``rating`` is the rating itself, whose trace goes with it.
    """

    iri: str
    text: str
    source: str = ""
    kind: str = "fact"
    rating: Rating | None = None


@dataclass(slots=True)
class ConditionResult:
    """One condition's verdict for one park (or project): held true/false/None, the facts, why, what is missing."""

    condition: Condition
    held: bool | None
    facts: list[Fact] = field(default_factory=list)
    why: str = ""
    """Why it (does not) hold; for a failure, what would change it."""
    missing: list[str] = field(default_factory=list)
    """The facts to supply when ``held`` is None."""
    parts: list[ConditionResult] = field(default_factory=list)
    """The alternatives' own results, for an any-of condition."""


@dataclass(slots=True)
class Answer:
    """Whether a provision applies to a park (or one of its projects) in a year, as of a date, and why."""

    provision: Provision
    park: str
    code: str
    name: str
    year: int
    as_of: dt.date
    answer: Verdict
    conditions: list[ConditionResult]
    project: str = ""
    project_code: str = ""
    project_name: str = ""
    rating: Rating | None = None
    readings: dict[str, str] = field(default_factory=dict)
    """The readings the answer rests on (shapes/readings.ttl) → the alternative applied."""

    @property
    def missing(self) -> list[str]:
        """The facts whose absence leaves the answer undetermined (empty unless it is)."""
        if self.answer is not Verdict.UNDETERMINED:
            return []
        out: list[str] = []
        for c in self.conditions:
            for m in c.missing:
                if m not in out:
                    out.append(m)
        return out

    @property
    def because(self) -> list[str]:
        """For a "no", what would change it: each failing condition's reason."""
        return [c.why for c in self.conditions if c.held is False and c.why]

    @property
    def summary(self) -> str:
        """One line in Chinese: the answer and its main reason."""
        head = VERDICT_ZH[self.answer]
        if self.answer is Verdict.NO:
            return f"{head}：{'；'.join(self.because)}"
        if self.answer is Verdict.UNDETERMINED:
            return f"{head}——需补充 {'；'.join(self.missing)}"
        return head


def rating_ref(r: Rating) -> str:
    """The IRI the rating has (or would have) when written back."""
    return rating_iri(r.code, r.year, r.edition, r.strict)
