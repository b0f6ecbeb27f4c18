"""The answers about support measures (四(三)) and obligations (三.2, 三.3): whether a provision applies to a park
(or one of its projects), by which clause, on which facts; a park's answers; the reverse question for a measure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import Field

from ...measures.model import VERDICT_ZH, Answer, ConditionResult, Fact, rating_ref
from ...policy import Parameter
from .base import Out, omitted
from .rating import TraceEntryOut


class FactOut(Out):
    """A fact a condition used: the node, what it says and the document it came from. The star rating as a fact
    also carries the rating's level, its sources and (with ``trace``) its own trace."""

    kind: str = Field(description="fact、rating、incident、announcement（公布星级，三.3）")
    iri: str
    text: str
    source: str | None
    level: int | None = omitted()
    indicator_level: int | None = omitted()
    vetoed: bool | None = omitted()
    undetermined: bool | None = omitted()
    edition: str | None = omitted()
    assessment_date: dt.date | None = omitted()
    sources: list[str] | None = omitted()
    trace: list[TraceEntryOut] | None = omitted()

    @classmethod
    def of(cls, f: Fact, trace: bool) -> FactOut:
        """The fact (a rating fact with its trace when ``trace``)."""
        r = f.rating
        if r is None:
            return cls(kind=f.kind, iri=f.iri, text=f.text, source=f.source or None)
        return cls(kind=f.kind, iri=f.iri, text=f.text, source=f.source or None, level=r.level,
                   indicator_level=r.indicator_level, vetoed=r.vetoed, undetermined=r.undetermined,
                   edition=r.edition, assessment_date=r.assessment_date,
                   sources=sorted({t.source for t in r.trace if t.source}),
                   trace=[TraceEntryOut.of(t) for t in r.trace] if trace else None)


class ConditionOut(Out):
    """One condition's verdict: held (true, false, or null when a fact is missing), the facts, why, what is
    missing, and the alternatives' own results for an any-of condition."""

    condition: str
    text: str
    text_en: str
    clause: str
    held: bool | None
    facts: list[FactOut]
    why: str
    missing: list[str]
    any_of: list[ConditionOut]

    @classmethod
    def of(cls, c: ConditionResult, trace: bool) -> ConditionOut:
        """The condition's result."""
        d = c.condition
        return cls(condition=d.iri, text=d.text, text_en=d.text_en, clause=d.clause, held=c.held,
                   facts=[FactOut.of(f, trace) for f in c.facts], why=c.why, missing=c.missing,
                   any_of=[ConditionOut.of(p, trace) for p in c.parts])


class MeasureParameterOut(Out):
    """A rule parameter a provision names: its value, target year and clause."""

    parameter: str
    label: str
    value: str
    target_year: int | None
    clause: str

    @classmethod
    def of(cls, p: Parameter) -> MeasureParameterOut:
        """The parameter."""
        return cls(parameter=str(p.iri), label=p.label_zh, value="" if p.value is None else str(p.value),
                   target_year=p.target_year, clause=p.clause)


class AnswerOut(Out):
    """Whether a provision applies to a park (or one of its projects) in a year, as of a date, and why."""

    measure: str = Field(description="M1–M12、O1、O2")
    iri: str
    label: str
    label_en: str
    kind: str = Field(description="measure 或 obligation")
    park: str
    park_name: str
    project: str | None
    project_name: str | None
    year: int
    as_of: dt.date
    answer: str = Field(description="yes、no、undetermined")
    answer_zh: str
    clause: str
    beneficiary: str
    summary: str
    conditions: list[ConditionOut]
    missing: list[str] = Field(description="待定时须补充的事实 / the facts an undetermined answer needs")
    because: list[str] = Field(description="不适用的原因，即什么会改变结论 / for a no, what would change it")
    parameters: list[MeasureParameterOut]
    rating: str | None = Field(description="所依据的星级评定 IRI / the rating it rests on")
    readings: dict[str, str] = Field(
        description="所依据的解读 → 所用选项（parkstar readings）/ the readings it rests on")
    measure_label: str | None = omitted("措施名称（读者的语言）/ the measure's label in the reader's language")
    level: int | None = omitted()
    level_label: str | None = omitted()

    @classmethod
    def of(cls, a: Answer, trace: bool = True, *, lang: str | None = None,
           level_label: Callable[[int | None], str] | None = None) -> AnswerOut:
        """The answer (the ratings' traces unless ``trace`` is false); with ``lang``, the measure's label in it and
        the level with its label."""
        p = a.provision
        labelled = lang is not None and level_label is not None and a.rating is not None
        return cls(
            measure=p.code, iri=p.iri, label=p.label, label_en=p.label_en, kind=p.kind, park=a.code,
            park_name=a.name, project=a.project_code or None, project_name=a.project_name or None, year=a.year,
            as_of=a.as_of, answer=a.answer.value, answer_zh=VERDICT_ZH[a.answer], clause=p.clause,
            beneficiary=p.beneficiary, summary=a.summary, conditions=[ConditionOut.of(c, trace) for c in a.conditions],
            missing=a.missing, because=a.because, parameters=[MeasureParameterOut.of(x) for x in p.parameters],
            rating=None if a.rating is None else rating_ref(a.rating), readings=a.readings,
            measure_label=None if lang is None else (p.label if lang == "zh" else p.label_en),
            level=a.rating.level if labelled and a.rating is not None and a.rating.in_scope else None,
            level_label=level_label(a.rating.level if a.rating.in_scope else None)
            if labelled and level_label and a.rating is not None else None)


class ParkMeasures(Out):
    """Every measure and obligation in force for one park and year."""

    park: str
    year: int
    as_of: dt.date
    measures: list[AnswerOut]


class MeasureParks(Out):
    """The reverse question for one measure and year: who qualifies, who is undetermined, who does not."""

    measure: str
    label: str
    clause: str
    year: int
    as_of: dt.date
    counts: dict[str, int]
    qualifies: list[AnswerOut]
    undetermined: list[AnswerOut]
    does_not: list[AnswerOut]
