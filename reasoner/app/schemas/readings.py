"""The answers about readings: every named interpretation parkstar makes of the policy's open words (with its clause,
default and alternatives), and the sensitivity of a year's ratings and measures to each alternative."""

from __future__ import annotations

from pydantic import Field

from ...policy import Alternative, Policy, Reading
from ..sensitivity import Effect, Sensitivity
from .base import Out, text


class AlternativeOut(Out):
    """One alternative of a reading: its key, labels, explanation, and what it sets or rewrites."""

    key: str = Field(description="--reading KEY=此值 / the value that selects it")
    iri: str
    default: bool
    label: str
    label_en: str
    explanation: str
    explanation_en: str
    parameter: str | None = Field(description="所设参数 / the parameter it sets")
    value: str | None = Field(description="所设参数值（十进制文本）/ the value it sets, as decimal text")
    provisions: list[str] = Field(description="所改写的条款 / the provisions it rewrites")

    @classmethod
    def of(cls, r: Reading, a: Alternative, pol: Policy) -> AlternativeOut:
        """The alternative of ``r``."""
        codes = {p.iri: code for code, p in pol.provisions.items()}
        return cls(key=a.key, iri=str(a.iri), default=a.key == r.default, label=a.label_zh, label_en=a.label_en,
                   explanation=a.definition_zh, explanation_en=a.definition_en,
                   parameter=None if a.parameter is None else str(pol.parameter(a.parameter).iri),
                   value=text(a.value), provisions=[codes[o.provision] for o in a.overrides])


class ReadingOut(Out):
    """A reading: the policy's words it interprets, the clause, what it bears on, its default and alternatives."""

    key: str = Field(description="--reading 此键=选项 / the key that selects it")
    iri: str
    clause: str
    scope: str = Field(description="rating（星级，进而影响措施）或 measures（措施）/ what it bears on")
    words: str = Field(description="政策原文 / the policy's words")
    label: str
    label_en: str
    explanation: str
    explanation_en: str
    default: str
    alternatives: list[AlternativeOut]

    @classmethod
    def of(cls, r: Reading, pol: Policy) -> ReadingOut:
        """The reading."""
        return cls(key=r.key, iri=str(r.iri), clause=r.clause, scope=r.scope, words=r.words, label=r.label_zh,
                   label_en=r.label_en, explanation=r.definition_zh, explanation_en=r.definition_en,
                   default=r.default, alternatives=[AlternativeOut.of(r, a, pol) for a in r.alternatives])


class LevelChangeOut(Out):
    """A park whose level the alternative changes."""

    park: str
    name: str
    before: int = Field(description="默认解读下的星级 / level under the defaults")
    after: int
    why: str


class MeasureChangeOut(Out):
    """A park's (or project's) answer to a provision that the alternative changes."""

    park: str
    name: str
    measure: str
    project: str | None
    project_name: str | None
    before: str = Field(description="yes、no、undetermined")
    after: str
    why: str


class BeneficiaryChangeOut(Out):
    """A provision whose beneficiary the alternative reads differently."""

    measure: str
    before: str
    after: str


class EffectOut(Out):
    """What one alternative of one reading changes against the defaults (every other reading at its default)."""

    reading: str
    alternative: str
    label: str
    alternative_label: str
    clause: str
    levels: list[LevelChangeOut]
    measures: list[MeasureChangeOut]
    beneficiaries: list[BeneficiaryChangeOut]
    counts: dict[str, int] = Field(description="levels：星级变化的园区数；measures：结论变化数 / how many change")

    @classmethod
    def of(cls, e: Effect) -> EffectOut:
        """The effect."""
        return cls(
            reading=e.reading.key, alternative=e.alternative.key, label=e.reading.label_zh,
            alternative_label=e.alternative.label_zh, clause=e.reading.clause,
            levels=[LevelChangeOut(park=c.code, name=c.name, before=c.before, after=c.after, why=c.why)
                    for c in e.levels],
            measures=[MeasureChangeOut(park=c.code, name=c.name, measure=c.measure, project=c.project or None,
                                       project_name=c.project_name or None, before=c.before.value,
                                       after=c.after.value, why=c.why) for c in e.measures],
            beneficiaries=[BeneficiaryChangeOut(measure=b.measure, before=b.before, after=b.after)
                           for b in e.beneficiaries],
            counts={"levels": len(e.levels), "measures": len(e.measures),
                    "parks": len({c.code for c in e.levels} | {c.code for c in e.measures})})


class SensitivityOut(Out):
    """A year's ratings and measures under each non-default alternative, one at a time, against the defaults."""

    year: int
    parks: int = Field(description="评定的园区数 / parks rated")
    answers: int = Field(description="默认解读下的措施结论数 / measure answers under the defaults")
    effects: list[EffectOut]

    @classmethod
    def of(cls, s: Sensitivity) -> SensitivityOut:
        """The sensitivity."""
        return cls(year=s.year, parks=s.parks, answers=s.answers, effects=[EffectOut.of(e) for e in s.effects])
