"""The data of an eligibility answer: each condition's verdict with the facts it used, and the answer for a park (or
one of its projects) and year. The provisions and their conditions are the policy's (:mod:`reasoner.policy`).

Nothing here evaluates a condition; ``evaluate.py`` does. :meth:`Answer.to_json` is the shape the CLI's ``--json``
and the HTTP API return.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..policy import Condition, Parameter, Provision
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


def parameter_json(p: Parameter) -> dict[str, Any]:
    """A rule parameter a provision names (``ps:usedParameter``), as an answer lists it: value, target year, clause."""
    return {"parameter": str(p.iri), "label": p.label_zh, "value": "" if p.value is None else str(p.value),
            "target_year": p.target_year, "clause": p.clause}


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

    def to_json(self, trace: bool = True) -> dict[str, Any]:
        """JSON-ready values; a rating fact carries the rating's level, sources and (``trace``) its trace."""
        out: dict[str, Any] = {"kind": self.kind, "iri": self.iri, "text": self.text, "source": self.source or None}
        if self.rating is not None:
            r = self.rating
            out.update({"level": r.level, "indicator_level": r.indicator_level, "vetoed": r.vetoed,
                        "undetermined": r.undetermined, "edition": r.edition,
                        "assessment_date": r.assessment_date.isoformat(),
                        "sources": sorted({t.source for t in r.trace if t.source})})
            if trace:
                out["trace"] = [t.to_json() for t in r.trace]
        return out


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

    def to_json(self, trace: bool = True) -> dict[str, Any]:
        """JSON-ready values (``text``, ``held``, ``facts`` as the issue asks, and more)."""
        c = self.condition
        return {"condition": c.iri, "text": c.text, "text_en": c.text_en, "clause": c.clause, "held": self.held,
                "facts": [f.to_json(trace) for f in self.facts], "why": self.why, "missing": self.missing,
                "any_of": [p.to_json(trace) for p in self.parts]}


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

    def to_json(self, trace: bool = True) -> dict[str, Any]:
        """The answer as the CLI and the API give it: ``measure``, ``answer``, ``clause``, ``conditions`` (each with
        ``text``, ``held``, ``facts``) and ``missing``, and more. ``trace=False`` leaves the ratings' traces out."""
        p = self.provision
        return {
            "measure": p.code, "iri": p.iri, "label": p.label, "label_en": p.label_en, "kind": p.kind,
            "park": self.code, "park_name": self.name, "project": self.project_code or None,
            "project_name": self.project_name or None, "year": self.year, "as_of": self.as_of.isoformat(),
            "answer": self.answer.value, "answer_zh": VERDICT_ZH[self.answer], "clause": p.clause,
            "beneficiary": p.beneficiary, "summary": self.summary,
            "conditions": [c.to_json(trace) for c in self.conditions], "missing": self.missing,
            "because": self.because, "parameters": [parameter_json(x) for x in p.parameters],
            "rating": None if self.rating is None else rating_ref(self.rating),
        }


def rating_ref(r: Rating) -> str:
    """The IRI the rating has (or would have) when written back."""
    return rating_iri(r.code, r.year, r.edition, r.strict)
