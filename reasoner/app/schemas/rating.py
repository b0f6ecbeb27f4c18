"""The answers about star ratings (三.2, 三.3): a rating with its trace, its explanation and the next level, a
what-if, the annual adjustment and the progress against the 2025 goals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import ConfigDict, Field

from ...rating.adjust import CHANGE_ZH, Adjustment, Movement
from ...rating.announced import Standing
from ...rating.explain import Explanation
from ...rating.model import Rating, TraceEntry
from ...rating.nextlevel import Improvement, NextLevel, plain
from ...rating.progress import GoalStatus
from ...rating.rectification import STATUS_ZH, Rectification
from ..results import Explained, Progress, WhatIf
from .base import Out, omitted, text


class TraceEntryOut(Out):
    """One decision: which criterion, its threshold and edition, the clause, what was observed and from which
    document, and the verdict (``met``, ``below``, ``missing``, ``relaxed``, ``veto``, ``passed``…)."""

    criterion: str
    threshold: str
    edition: str
    clause: str
    observed: str
    source: str
    verdict: str
    note: str
    indicator: str
    level: int

    @classmethod
    def of(cls, t: TraceEntry) -> TraceEntryOut:
        """The entry of a rating's trace."""
        return cls.model_construct(**t._asdict())


class VetoIncidentOut(Out):
    """An incident that vetoes the rating (三.3)."""

    incident: str
    date: dt.date
    severity: str
    type: str
    description: str


class BonusLineOut(Out):
    """One line of the bonus (三.2 加分项目): a weight parameter, how many it counts and the points."""

    parameter: str
    label: str
    count: int
    weight: str = Field(description="每个的分值（十进制文本）/ points each, as decimal text")
    points: str


class IndicatorOut(Out):
    """One indicator of a rated park-year."""

    value: str | None = Field(description="取值（指标单位，十进制文本；缺失为 null）/ value in the indicator's unit")
    unit: str
    met: list[int] = Field(description="达到的星级（放宽前）/ levels whose criterion the value meets")
    relaxed: list[int] = Field(description="放宽的星级（三.2）/ levels at which it was relaxed")
    source: str = Field(description="来源文件 / the source document's title")
    observation: str | None = Field(description="观测值 IRI / the observation's IRI")
    benchmark: str | None = Field(description="全省同行业标准（I10、I11）/ benchmark")
    thresholds: dict[str, str] = Field(description="星级 → 标准 / level → threshold as written")
    reason: str | None = Field(description="missing：缺失值 / why it has no verdict")


class LevelOut(Out):
    """Whether one level's criteria are met, and how."""

    passed: bool
    failures: list[str]
    relaxed: list[str]
    clear: int = Field(description="明显高于标准值的指标数 / indicators clearly above the threshold")
    counted: int
    why: str


class StandingOut(Out):
    """The computed level beside the rating procedure (三.3): the latest stage reached, the published (rated) level,
    whether they agree and why not — the level the support measures (四(三)) rest on is ``announced`` when
    published, else ``computed``."""

    computed: int = Field(description="按数据计算的星级 / the level the data compute")
    stage: str | None = Field(description="最新阶段：申报、建议名单、审议、公布；null 为没有记录 / the latest stage")
    stage_en: str | None
    level_at_stage: int | None = Field(description="最新阶段的星级（申报、建议或公布的）/ the level at that stage")
    published: bool = Field(description="最新阶段为公布（psh:RatedStage）/ the latest stage is publication")
    announced: int | None = Field(description="公布（评定）的星级；尚未公布为 null / the published level")
    document: str | None = Field(description="文号 / document number")
    date: dt.date | None
    source: str | None = Field(description="来源文件 / the source document's title")
    record: str | None = Field(description="程序记录 IRI / the record's IRI")
    agreement: str = Field(description="agrees, higher, lower（公布相对计算）, pending（未到公布）, none（无记录）")
    disagrees: bool
    note: str = Field(description="说明（中文），不一致时含原因 / in Chinese, with the reason of a disagreement")

    @classmethod
    def of(cls, s: Standing) -> StandingOut:
        """The standing."""
        last = s.latest
        return cls(computed=s.computed, stage=last.stage.label_zh if last else None,
                   stage_en=last.stage.label_en if last else None, level_at_stage=last.level if last else None,
                   published=s.published, announced=s.announced, document=(last.document or None) if last else None,
                   date=last.date if last else None, source=(last.source or None) if last else None,
                   record=last.iri if last else None, agreement=s.agreement.value, disagrees=s.disagrees,
                   note=s.note)


class RatingOut(Out):
    """The rating of one park for one year under one edition of the criteria (三.2, 三.3)."""

    park: str = Field(description="园区代码 / park code")
    name: str
    iri: str
    year: int
    level: int | None = Field(description="星级（0 为未达三星级；不在评价范围为 null）/ star level, 0 below three "
                                          "stars, null when the park is not in scope (三.1)")
    in_scope: bool = Field(description="在评价范围内（三.1）/ the park is within the scope of the rating")
    scope: str = Field(description="评价范围的判断及原因（中文）/ why the park is (not) in scope, in Chinese")
    indicator_level: int = Field(description="否决前指标达到的星级 / the level the indicators reach before the veto")
    demonstration: bool = Field(description="五星级即示范园区 / five-star parks are demonstration parks")
    edition: str
    strict: bool
    assessment_date: dt.date
    vetoed: bool
    veto_incidents: list[VetoIncidentOut]
    relaxed: list[str]
    missing: list[str]
    undetermined: bool = Field(description="待定：补充缺失值后可能更高 / missing values might lift the park")
    needs: list[str]
    bonus: str
    bonus_breakdown: list[BonusLineOut]
    priority: list[str]
    priority_score: str
    rank_in_level: int
    readings: dict[str, str] = Field(description="所用解读 → 选项（parkstar readings）/ the readings applied")
    indicators: dict[str, IndicatorOut]
    levels: dict[str, LevelOut]
    trace: list[TraceEntryOut] | None = omitted("推理过程 / the trace of every decision")
    level_label: str | None = omitted("星级名称（读者的语言）/ the level's label in the reader's language")
    indicator_level_label: str | None = omitted()
    announcement: StandingOut | None = omitted("评定程序与公布星级（三.3）/ the rating procedure and the published "
                                               "level")

    @classmethod
    def of(cls, r: Rating, *, trace: bool = True, level_label: Callable[[int | None], str] | None = None,
           standing: Standing | None = None) -> RatingOut:
        """The rating (with its trace unless ``trace`` is false; with the levels' labels when ``level_label`` names
        them; beside the rating procedure when ``standing`` is given)."""
        return cls(
            park=r.code, name=r.name, iri=r.park, year=r.year, level=r.level if r.in_scope else None,
            in_scope=r.in_scope, scope=r.scope, indicator_level=r.indicator_level,
            demonstration=r.demonstration, edition=r.edition, strict=r.strict, assessment_date=r.assessment_date,
            vetoed=r.vetoed,
            veto_incidents=[VetoIncidentOut(incident=i.iri, date=i.date, severity=i.severity, type=i.type,
                                            description=i.description) for i in r.veto_incidents],
            relaxed=r.relaxed, missing=r.missing, undetermined=r.undetermined,
            needs=r.missing if r.undetermined else [], bonus=str(r.bonus),
            bonus_breakdown=[BonusLineOut(parameter=b.parameter, label=b.label, count=b.count, weight=str(b.weight),
                                          points=str(b.points)) for b in r.bonus_lines],
            priority=[d.iri for d in r.priority], priority_score=str(r.priority_score), rank_in_level=r.rank_in_level,
            readings=r.readings,
            indicators={k: IndicatorOut(value=text(v.value), unit=v.unit, met=v.met, relaxed=v.relaxed,
                                        source=v.source, observation=v.observation or None,
                                        benchmark=text(v.benchmark),
                                        thresholds={str(lv): t for lv, t in v.thresholds.items()},
                                        reason=v.reason or None) for k, v in r.indicators.items()},
            levels={str(k): LevelOut(passed=o.passed, failures=list(o.failures), relaxed=list(o.relaxed),
                                     clear=o.clear, counted=o.counted, why=o.why) for k, o in r.levels.items()},
            trace=[TraceEntryOut.of(t) for t in r.trace] if trace else None,
            level_label=level_label(r.level if r.in_scope else None) if level_label else None,
            indicator_level_label=level_label(r.indicator_level) if level_label else None,
            announcement=StandingOut.of(standing) if standing is not None else None,
        )


class ExplanationRow(Out):
    """One indicator of an explanation: value, the threshold at each level, the levels met, the source."""

    model_config = ConfigDict(populate_by_name=True)

    indicator: str
    name: str
    value: str
    unit: str
    benchmark: str
    met: str
    relaxed: str
    source: str
    three: str = Field(alias="3", description="三星级标准 / three-star threshold")
    four: str = Field(alias="4")
    five: str = Field(alias="5")


class ExplanationOut(Out):
    """A rating in words (Chinese): the title, the conclusion, every reason in order, one row per indicator."""

    title: str
    conclusion: str
    reasons: list[str]
    rows: list[ExplanationRow]
    next_steps: list[str]

    @classmethod
    def of(cls, e: Explanation) -> ExplanationOut:
        """The explanation."""
        return cls(title=e.title, conclusion=e.conclusion, reasons=e.reasons, next_steps=e.next_steps,
                   rows=[ExplanationRow.model_validate(row) for row in e.rows])


class ImprovementOut(Out):
    """Raise (or lower, for I10/I11) one indicator: to at least ``needed`` (``≥``), or below it (``<``)."""

    indicator: str
    current: str | None
    needed: str | None = Field(description="所需值；null：需先补充全省同行业标准 / null: a benchmark is missing")
    comparison: str
    unit: str
    why: str

    @classmethod
    def of(cls, i: Improvement) -> ImprovementOut:
        """The improvement."""
        return cls(indicator=i.indicator, current=text(i.current),
                   needed=None if i.needed is None else plain(i.needed), comparison=i.comparison, unit=i.unit,
                   why=i.why)


class NextLevelOut(Out):
    """What lifts a park one level above what its indicators reach (三.2; a vetoed park waits for 三.3)."""

    park: str
    year: int
    level: int
    target: int | None
    improvements: list[ImprovementOut]
    relaxed: list[str]
    veto_incidents: list[str]
    veto_lifts_on: dt.date | None
    note: str

    @classmethod
    def of(cls, n: NextLevel) -> NextLevelOut:
        """The next level."""
        return cls(park=n.code, year=n.year, level=n.level, target=n.target,
                   improvements=[ImprovementOut.of(i) for i in n.improvements], relaxed=n.relaxed,
                   veto_incidents=[i.iri for i in n.veto], veto_lifts_on=n.veto_lifts_on, note=n.note)


class NextLevelAnswer(NextLevelOut):
    """The next level with labels in the reader's language and the steps in words."""

    level_label: str
    target_label: str | None
    steps: list[str]


class ExplainedRating(RatingOut):
    """A rating with its explanation and next level (``parkstar explain --json``)."""

    explanation: ExplanationOut
    next_level: NextLevelOut

    @classmethod
    def of_explained(cls, e: Explained, level_label: Callable[[int | None], str] | None = None) -> ExplainedRating:
        """The explained rating (with the levels' labels when ``level_label`` names them)."""
        return cls(**dict(RatingOut.of(e.rating, level_label=level_label, standing=e.standing)),
                   explanation=ExplanationOut.of(e.explanation), next_level=NextLevelOut.of(e.next_level))


class ParkRatings(Out):
    """A park's ratings, one per year asked."""

    park: str
    ratings: list[ExplainedRating]


class Baseline(Out):
    """The level the stored values give, beside a what-if."""

    level: int
    level_label: str
    indicator_level: int


class WhatIfAnswer(ExplainedRating):
    """The rating some changed indicator values would give; nothing is stored."""

    stored: bool = Field(description="始终为 false：假设分析不写入 / always false: nothing is stored")
    overrides: dict[str, str | None]
    baseline: Baseline
    changed: bool

    @classmethod
    def of_what_if(cls, w: WhatIf, level_label: Callable[[int | None], str]) -> WhatIfAnswer:
        """The what-if with the levels' labels."""
        return cls(**dict(ExplainedRating.of_explained(w.after, level_label)), stored=False,
                   overrides={k: text(v) for k, v in w.overrides.items()},
                   baseline=Baseline(level=w.before.level, level_label=level_label(w.before.level),
                                     indicator_level=w.before.indicator_level),
                   changed=w.changed)


class MovementOut(Out):
    """One park's change between Y − 1 and Y (三.3)."""

    park: str
    name: str
    before: int | None
    after: int | None = Field(description="本年星级；待定时为现有数据达到的星级（下限）/ the year's level; when "
                                          "undetermined, the level the data reach so far (a lower bound)")
    change: str = Field(description="upgraded, downgraded, kept, newly rated, lost by veto, undetermined (the "
                                    "year's rating is undetermined), previously undetermined (last year's was), "
                                    "not rated")
    change_zh: str
    undetermined: bool = Field(description="本年评定待定（缺少可能提升星级的指标）/ the year's rating is undetermined")
    missing: list[str] = Field(description="待定时需补充的指标 / the indicators an undetermined rating needs")
    previous_undetermined: bool = Field(description="上年评定待定 / last year's rating was undetermined")
    note: str = Field(description="待定或上年待定的中文说明，如“待定：缺 I6（…）”/ why no movement is claimed")

    @classmethod
    def of(cls, m: Movement, lang: str = "zh") -> MovementOut:
        """The movement (its note in ``lang``)."""
        return cls(park=m.code, name=m.name, before=m.before, after=m.after, change=m.change.value,
                   change_zh=CHANGE_ZH[m.change], undetermined=m.undetermined, missing=m.missing,
                   previous_undetermined=m.previous_undetermined, note=m.note(lang))


class LabelledMovement(MovementOut):
    """A movement with the levels' labels in the reader's language."""

    before_label: str | None
    after_label: str | None

    @classmethod
    def labelled(cls, m: Movement, level_label: Callable[[int], str], lang: str = "zh") -> LabelledMovement:
        """The movement with its levels' labels (and its note) in ``lang``."""
        return cls(**MovementOut.of(m, lang).model_dump(),
                   before_label=None if m.before is None else level_label(m.before),
                   after_label=None if m.after is None else level_label(m.after))


class RectifyOut(Out):
    """A park that must rectify (O1, 三.2)."""

    park: str
    name: str
    level: int
    missing: list[str]
    undetermined: bool


class RectificationOut(Out):
    """A park that fell under rectification (O1, 三.2), followed up: since when, its deadline, where it stands."""

    park: str
    name: str
    since: int = Field(description="首次落入限期整改的年度 / the year it first fell under O1")
    deadline: int = Field(description="应达到三星级的评定年度 / the rating year it must reach three-star by")
    due: bool = Field(description="期限已到（含本年度）/ the deadline has come")
    status: str = Field(description="reached on time、reached late、overdue、pending")
    status_zh: str
    reached_in: int | None = Field(description="达到三星级的年度 / the year it reached three-star")
    level: int | None = Field(description="本年度星级 / its level in the year asked")
    note: str

    @classmethod
    def of(cls, r: Rectification) -> RectificationOut:
        """The park's rectification."""
        return cls(park=r.code, name=r.name, since=r.since, deadline=r.deadline, due=r.due, status=r.status.value,
                   status_zh=STATUS_ZH[r.status], reached_in=r.reached_in, level=r.level, note=r.note())


class VetoedOut(Out):
    """A park barred from any star by the veto (O2, 三.3)."""

    park: str
    name: str
    incidents: list[str]


class AdjustmentOut(Out):
    """The annual adjustment of year Y against Y − 1 (``parkstar adjust --json``)."""

    year: int
    movements: list[MovementOut]
    counts: dict[str, int]
    rectify: list[RectifyOut]
    vetoed: list[VetoedOut]
    follow_up: list[RectificationOut] = Field(
        description="限期整改跟踪：落入之年、期限、是否达到三星级 / O1 followed up: since, deadline, reached or not")

    @classmethod
    def of(cls, a: Adjustment) -> AdjustmentOut:
        """The adjustment."""
        return cls(year=a.year, movements=[MovementOut.of(m) for m in a.movements],
                   counts={c.value: len(ms) for c, ms in a.by_change().items()},
                   rectify=[RectifyOut(park=r.code, name=r.name, level=r.level, missing=r.missing,
                                       undetermined=r.undetermined) for r in a.rectify],
                   vetoed=[VetoedOut(park=r.code, name=r.name, incidents=[i.iri for i in r.veto_incidents])
                           for r in a.vetoed],
                   follow_up=[RectificationOut.of(r) for r in a.follow_up])


class AdjustmentAnswer(Out):
    """The annual adjustment with labels in the reader's language, the edition and strictness (the HTTP API)."""

    year: int
    movements: list[LabelledMovement]
    counts: dict[str, int]
    rectify: list[RectifyOut]
    vetoed: list[VetoedOut]
    follow_up: list[RectificationOut]
    edition: str | None
    strict: bool

    @classmethod
    def of_labelled(cls, a: Adjustment, level_label: Callable[[int], str], edition: str | None,
                    strict: bool, lang: str = "zh") -> AdjustmentAnswer:
        """The adjustment with labels (and notes) in ``lang``."""
        plain_ = AdjustmentOut.of(a)
        return cls(year=plain_.year, movements=[LabelledMovement.labelled(m, level_label, lang)
                                                for m in a.movements],
                   counts=plain_.counts, rectify=plain_.rectify, vetoed=plain_.vetoed,
                   follow_up=plain_.follow_up, edition=edition, strict=strict)


class GoalStatusOut(Out):
    """Where the province stands on one goal of 一(二) in a year."""

    goal: str
    label: str
    clause: str
    indicator: str | None
    target: str
    target_year: int | None
    actual: str | None
    met: bool
    detail: str

    @classmethod
    def of(cls, s: GoalStatus) -> GoalStatusOut:
        """The goal's status."""
        g = s.goal
        return cls(goal=g.iri, label=g.label, clause=g.clause, indicator=g.indicator, target=str(g.value),
                   target_year=g.target_year, actual=text(s.actual), met=s.met, detail=s.detail)


class ProgressOut(Out):
    """Progress against the 2025 goals (``parkstar progress --json``)."""

    year: int
    goals: list[GoalStatusOut]

    @classmethod
    def of(cls, p: Progress) -> ProgressOut:
        """The progress."""
        return cls(year=p.year, goals=[GoalStatusOut.of(s) for s in p.goals])


class ProvinceProgress(ProgressOut):
    """Progress with the edition and strictness of the ratings it counts."""

    edition: str | None
    strict: bool

    @classmethod
    def of_progress(cls, p: Progress) -> ProvinceProgress:
        """The progress with its edition and strictness."""
        return cls(year=p.year, goals=[GoalStatusOut.of(s) for s in p.goals], edition=p.edition, strict=p.strict)
