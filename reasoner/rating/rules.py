"""The rules of the star rating as small pure functions, and the rule set they apply for one year and edition.

Every number and choice comes from the policy (:mod:`reasoner.policy`: thresholds, editions, the relaxation, veto,
bonus and priority parameters — the veto's window, grades and incident types too); this module holds none and reads
no graph. Each function cites its clause of the plan
(浙江省制造业高质量发展示范园区建设实施方案: 三.2 the criteria table and its rules, 三.3 the veto, 表.N a row of the
table).

Reading of "level" (三.2): a park's level is the highest level whose criteria are all met, each level judged on
its own with the relaxation rule applied at that level. With the relaxation rule a park could in principle meet a
higher level and not a lower one (the rule's "most indicators clearly above" counts differ by level); the level is
still the highest one met, and the trace shows every level's verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import TypeAlias

from ..namespaces import PS
from ..policy import (
    DEFAULT_READINGS,
    LEVELS,
    MET,
    MISSING,
    AtLeast,
    BelowBenchmark,
    Edition,
    Parameter,
    Readings,
    VetoRule,
    label,
    policy,
    verdict,
)
from .model import Designation, Incident, LevelOutcome, Observation, ParkFacts, Project

PLANNED = str(PS.StatusPlanned)
"""A project merely planned or signed (谋划签约) is not yet "实施的" (三.2 加分项目)."""


class RatingError(ValueError):
    """A rating cannot be made as asked (no data for the year, unknown park, unusable parameters)."""


@dataclass(frozen=True, slots=True)
class AtLeastThreshold(AtLeast):
    """表.1-9: a criterion "at least the threshold" with the two bounds the relaxation rule (三.2) needs."""

    floor: Decimal
    """threshold × (1 − max shortfall): the lowest value the relaxation can still accept (inclusive)."""
    clear: Decimal
    """threshold × (1 + exceed margin): from here on the value is "clearly above" (inclusive)."""


Threshold: TypeAlias = AtLeastThreshold | BelowBenchmark
"""One criterion of one level as the rules apply it (表.1-9 with its relaxation bounds, or 表.10-11)."""


@dataclass(frozen=True, slots=True)
class Relaxation:
    """The relaxation rule's parameters (三.2), or ``enabled=False`` in strict mode (reading ``relaxation=none``).

    ``required`` (reading ``relaxation=requirement``): "most indicators clearly above" is part of meeting any level,
    not only the condition for relaxing one."""

    enabled: bool
    indicators: frozenset[str]
    max_indicators: int
    max_shortfall: Decimal
    exceed_margin: Decimal
    min_exceeding_share: Decimal
    required: bool = False


@dataclass(frozen=True, slots=True)
class RoleWeight:
    """Bonus points per enterprise holding ``role`` (三.2 加分项目)."""

    parameter: str
    role: str
    weight: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class ProjectBand:
    """Bonus points per project of ``kinds`` whose highest band is this one (三.2 加分项目)."""

    parameter: str
    min_investment: Decimal
    weight: Decimal
    kinds: frozenset[str]
    label: str


@dataclass(frozen=True, slots=True)
class PriorityRule:
    """Designations that give priority within a level (表.10-11 note), and their weight as a tie-break."""

    parameter: str
    kinds: frozenset[str]
    levels: frozenset[str]
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Scope:
    """三.1: the park types rated during the trial, and whether a park must be manufacturing-led."""

    parameter: str
    park_types: frozenset[str]
    manufacturing_led: bool
    clause: str


@dataclass(frozen=True, slots=True)
class LevelPlan:
    """One level's criteria ready for :func:`evaluate_level`: each with its indicator and, when the relaxation rule
    lists the indicator (三.2), the criterion again as the one whose bounds count; and how many are listed."""

    rows: tuple[tuple[str, Threshold, AtLeastThreshold | None], ...]
    counted: int


def level_plan(thresholds: Iterable[Threshold], listed: frozenset[str]) -> LevelPlan:
    """三.2: a level's criteria, those of the listed indicators ("at least" ones) marked for the relaxation."""
    rows = tuple((th.indicator, th, th if isinstance(th, AtLeastThreshold) and th.indicator in listed else None)
                 for th in thresholds)
    return LevelPlan(rows, sum(1 for _, _, at_least in rows if at_least is not None))


@dataclass(frozen=True, eq=False)
class Rules:
    """Everything a rating of one year under one edition applies (compared by identity: one per edition, year and
    strictness, made by the cached :func:`load_rules`)."""

    edition: Edition
    year: int
    strict: bool
    levels: dict[int, tuple[Threshold, ...]]
    relaxation: Relaxation
    veto: VetoRule
    """三.3: the window, the grades that veto (重大及以上) and the incident types that veto."""
    veto_window: int
    veto_parameter: str
    role_weights: tuple[RoleWeight, ...]
    project_bands: tuple[ProjectBand, ...]
    """Highest band first."""
    priority: PriorityRule | None
    scope: Scope | None
    """三.1: who is rated (None: every park, when no scope parameter is valid for the year)."""
    parameters: tuple[str, ...]
    """IRIs of every parameter the rules used (for PROV ``ps:usedParameter``)."""
    plans: dict[int, LevelPlan]
    """Each level's criteria as :func:`evaluate_level` walks them."""
    readings: Readings = DEFAULT_READINGS
    """The readings chosen other than the defaults (shapes/readings.ttl)."""
    in_force: dict[str, str] = field(default_factory=dict)
    """Every rating reading → the alternative the rules apply."""
    calendar_veto: bool = False
    """Reading ``veto-window=calendar``: the window is the rating year and the years before it, by calendar."""
    assessment_months: int = 0
    """Reading ``assessment-date``: D is the end of the month this many months after the rating year's end."""

    def assessment_date(self, as_of: dt.date | None = None) -> dt.date:
        """三.3: the date D these rules assess at (``as_of`` when given)."""
        return assessment_date(self.year, as_of, self.assessment_months)

    def in_window(self, date: dt.date, d: dt.date) -> bool:
        """三.3 "两年内" as the veto-window reading has it (D the assessment date)."""
        if self.calendar_veto:
            return date <= d and self.year - self.veto_window < date.year <= d.year
        return in_veto_window(date, d, self.veto_window)

    def window_text(self, d: dt.date) -> str:
        """The veto window as a trace shows it."""
        if self.calendar_veto:
            return f"{self.year - self.veto_window + 1}-01-01 ≤ 日期 ≤ {d}"
        return f"{window_start(d, self.veto_window)} < 日期 ≤ {d}"

    def thresholds_of(self, indicator: str) -> dict[int, Threshold]:
        """The threshold of ``indicator`` at each level that sets one."""
        return {lv: t for lv, ths in self.levels.items() for t in ths if t.indicator == indicator}


def _band_label(p: Parameter) -> str:
    """三.2 加分项目: a band's name for the trace, its label without the "bonus weight" frame."""
    return (p.label_zh or str(p.iri)).removeprefix("加分权重：").removesuffix("（每个）")


@cache
def load_rules(edition_code: str | None, year: int, strict: bool = False,
               readings: Readings = DEFAULT_READINGS) -> Rules:
    """The rule set for rating ``year`` under an edition (default: the year's default edition) and a choice of
    readings (default: the defaults; ``strict`` is the reading ``relaxation=none``).

    Raises:
        PolicyError: unknown edition, an edition or parameter not valid for ``year``.
    """
    pol = policy().under(readings)
    mode = "none" if strict else pol.choice("relaxation")
    ed = pol.edition(edition_code, year)
    used: list[str] = []

    def param(name: str) -> Parameter:
        p = pol.parameter(name, year)
        used.append(str(p.iri))
        return p

    def value(name: str) -> Decimal:
        param(name)
        return pol.value(name, year)

    listed = param("RelaxationMaxIndicators").indicators
    n_max, shortfall = value("RelaxationMaxIndicators"), value("RelaxationMaxShortfall")
    margin, share = value("RelaxationExceedMargin"), value("RelaxationMinExceedingShare")
    relax = Relaxation(enabled=mode != "none", indicators=frozenset(listed), max_indicators=int(n_max),
                       max_shortfall=shortfall, exceed_margin=margin, min_exceeding_share=share,
                       required=mode == "requirement")
    months = int(value("AssessmentDateMonthsAfterYearEnd"))
    inclusive = pol.choice("below-benchmark") == "or-equal"
    veto = pol.veto(year)
    used += [str(p.iri) for p in veto.parameters]
    levels: dict[int, tuple[Threshold, ...]] = {}
    for lv in LEVELS:
        ths: list[Threshold] = []
        for c in pol.criteria_of(ed.code):
            if c.level != lv:
                continue
            if isinstance(c, AtLeast):
                t = c.threshold
                ths.append(AtLeastThreshold(c.indicator, lv, c.edition, c.shape, c.clause, c.message_zh, c.message_en,
                                            t, floor=t * (1 - shortfall), clear=t * (1 + margin)))
            elif isinstance(c, BelowBenchmark):
                ths.append(replace(c, inclusive=True) if inclusive else c)
        levels[lv] = tuple(ths)
    roles = []
    bands = []
    priority = None
    for p in pol.valid_parameters(year):
        if p.value is None:
            continue
        for role in p.roles:
            roles.append(RoleWeight(str(p.iri), str(role), p.value, pol.label(role)))
            used.append(str(p.iri))
        if p.min_investment is not None:
            bands.append(ProjectBand(str(p.iri), p.min_investment, p.value, frozenset(map(str, p.project_kinds)),
                                     _band_label(p)))
            used.append(str(p.iri))
        if p.designation_kinds:
            priority = PriorityRule(str(p.iri), frozenset(map(str, p.designation_kinds)),
                                    frozenset(map(str, p.administrative_levels)), p.value)
    if priority is not None:
        used.append(priority.parameter)
    scope = None
    found = pol.parameters.get("TrialScope")
    if found is not None and found.valid_in(year):
        scope = Scope(str(param("TrialScope").iri), frozenset(map(str, found.park_types)),
                      found.requires_manufacturing_led, found.clause)
    in_force = pol.in_force("rating")
    if strict:
        in_force["relaxation"] = "none"
    return Rules(edition=ed, year=year, strict=strict or mode == "none", levels=levels, relaxation=relax, veto=veto,
                 veto_window=veto.window_years, veto_parameter=str(veto.window.iri), role_weights=tuple(roles),
                 project_bands=tuple(sorted(bands, key=lambda b: b.min_investment, reverse=True)),
                 priority=priority, scope=scope, parameters=tuple(dict.fromkeys(used)),
                 plans={lv: level_plan(ths, relax.indicators) for lv, ths in levels.items()},
                 readings=readings, in_force=in_force, calendar_veto=pol.choice("veto-window") == "calendar",
                 assessment_months=months)


# ---------------------------------------------------------------------------------------------- the rules
@cache
def scope_text(scope: Scope | None) -> str:
    """三.1: the scope in words for the trace — the park types rated, and the manufacturing condition."""
    if scope is None:
        return "不限"
    types = "、".join(sorted(label(t) for t in scope.park_types))
    return types + ("；以制造业为主导" if scope.manufacturing_led else "")


def in_scope(park_type: str | None, manufacturing_led: bool | None, scope: Scope | None) -> tuple[bool, str]:
    """三.1: whether a park is rated during the trial, and why (Chinese). A park whose type (or manufacturing flag)
    is not recorded is rated as in scope: the data do not say otherwise."""
    if scope is None:
        return True, "不限园区类型（本年度无试行范围参数）"
    parts = []
    if park_type is None:
        parts.append("园区类型未登记，按在评价范围内评定")
    elif park_type not in scope.park_types:
        return False, (f"园区类型为{label(park_type)}，试行期只评价省级及以上开发区（园区）和已完成整合提升的园区"
                       f"（{scope.clause}）")
    else:
        parts.append(f"园区类型为{label(park_type)}")
    if scope.manufacturing_led and manufacturing_led is False:
        return False, f"数据注明园区不以制造业为主导，只评价以制造业为主导的园区（{scope.clause}）"
    return True, "，".join(parts) + f"，在评价范围内（{scope.clause}）"


def assessment_date(year: int, as_of: dt.date | None = None, months: int = 0) -> dt.date:
    """三.3: the date D a rating is assessed at — 31 December of the rating year unless given; with ``months`` (the
    reading ``assessment-date``), the end of the month that many months later."""
    if as_of is not None:
        return as_of
    if not months:
        return dt.date(year, 12, 31)
    y, m = divmod(12 + months, 12)  # the month after the last one: year + y, 0-based month m
    return dt.date(year + y, m + 1, 1) - dt.timedelta(days=1)


def in_veto_window(date: dt.date, d: dt.date, years: int) -> bool:
    """三.3 "两年内": D − years < date ≤ D, with D − years taken on the calendar and compared as (y, m, d)."""
    return date <= d and (date.year + years, date.month, date.day) > (d.year, d.month, d.day)


def window_start(d: dt.date, years: int) -> dt.date:
    """三.3: the exclusive lower bound of the veto window, D − years on the calendar (29 Feb → 28 Feb)."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return dt.date(d.year - years, 2, 28)


def veto_lifted_on(date: dt.date, years: int) -> dt.date:
    """三.3: the first assessment date at which an incident of ``date`` no longer vetoes."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February: (y, 2, 29) ≤ D first holds on 1 March of a common year
        return dt.date(date.year + years, 3, 1)


def vetoes(incident: Incident, veto: VetoRule) -> bool:
    """三.3: only an incident of a grade and a type the veto names vetoes (重大及以上 — 特别重大 or 重大 — 安全生产 or
    环保, as ``shapes/`` says); 较大 and 一般 ones never do."""
    return incident.severity in veto.severities and incident.type in veto.incident_types


def vetoing_incidents(incidents: Iterable[Incident], d: dt.date, rules: Rules) -> list[Incident]:
    """三.3: the incidents that bar a star at assessment date ``d`` (the window as the veto-window reading has it)."""
    return sorted((i for i in incidents if vetoes(i, rules.veto) and rules.in_window(i.date, d)),
                  key=lambda i: i.date)


def evaluate_level(level: int, rules: Rules, obs: Mapping[str, Observation]) -> LevelOutcome:
    """三.2: whether ``level`` is reached under ``rules`` — every criterion met, or missed by at most the relaxation
    allows.

    Each criterion is judged by :func:`reasoner.policy.verdict` (表.1-11); the outcome keeps the verdicts. The
    relaxation ("大部分指标明显高于标准值、个别指标可适当放宽标准"): at most ``max_indicators`` of the listed
    indicators may miss, each by at most ``max_shortfall`` of its threshold, and only when strictly more than
    ``min_exceeding_share`` of the listed indicators with a threshold at this level are at least
    threshold × (1 + ``exceed_margin``). Green indicators and missing values are never relaxed.
    """
    plan = rules.plans[level]
    verdicts: dict[str, str] = {}
    failures: list[str] = []
    missing: list[str] = []
    relaxable = clear = 0
    get = obs.get
    for code, th, listed in plan.rows:
        o = get(code)
        if o is None:
            v = None
            vd = verdicts[code] = verdict(th, None)
        else:
            v = o.value
            vd = verdicts[code] = verdict(th, v, o.benchmark)
        if vd == MET:
            if listed is not None and v is not None and v >= listed.clear:
                clear += 1
            continue
        failures.append(code)
        if vd == MISSING:
            missing.append(code)
        elif listed is not None and v is not None and v >= listed.floor:
            relaxable += 1
    counted = plan.counted
    if not failures and not rules.relaxation.required:
        return LevelOutcome(level, True, (), (), (), clear, counted, "全部指标达标", verdicts)
    fails = tuple(failures)
    passed, why = relax_level(fails, tuple(missing), relaxable, clear, counted, rules.relaxation)
    if passed and rules.relaxation.required and not clear > rules.relaxation.min_exceeding_share * counted:
        passed = False
        why = (f"明显高于标准值的指标 {clear}/{counted} 项，未超过 {share_text(rules.relaxation.min_exceeding_share)}"
               "（解读 relaxation=requirement：这是达到该星级本身的要求）")
    return LevelOutcome(level, passed, fails, tuple(missing), fails if passed else (), clear, counted, why, verdicts)


def share_text(share: Decimal) -> str:
    """A share (0.5) as people write it (50%)."""
    return f"{format((share * 100).normalize(), 'f')}%"


def relax_level(fails: tuple[str, ...], missing: tuple[str, ...], relaxable: int, clear: int, counted: int,
               relax: Relaxation) -> tuple[bool, str]:
    """三.2 "大部分指标明显高于标准值、个别指标可适当放宽标准": whether a level whose criteria ``fails`` miss (of
    which ``missing`` lack a value, ``relaxable`` are within the relaxation's reach) is still reached, and why.

    ``clear`` of the ``counted`` listed indicators are clearly above their thresholds.
    """
    if not fails:
        return True, "全部指标达标"
    if not relax.enabled:
        return False, "严格执行（不放宽）：" + "、".join(fails) + " 未达标"
    if missing:
        return False, "缺失指标不放宽：" + "、".join(missing)
    if len(fails) > relax.max_indicators:
        return False, f"{len(fails)} 项未达标，超过可放宽上限 {relax.max_indicators} 项"
    if relaxable < len(fails):
        return False, "、".join(fails) + " 不可放宽（绿色集约指标不放宽，或低于标准值超过放宽幅度）"
    if not clear > relax.min_exceeding_share * counted:
        share = share_text(relax.min_exceeding_share)
        return False, f"明显高于标准值的指标 {clear}/{counted} 项，未超过 {share}，不放宽"
    return True, f"放宽 {'、'.join(fails)}：明显高于标准值的指标 {clear}/{counted} 项"


def bonus(facts: ParkFacts, rules: Rules) -> list[tuple[str, str, int, Decimal, tuple[str, ...]]]:
    """三.2 加分项目: (parameter, label, count, weight, items) per weight — enterprises by role, projects by band.

    A project counts once, in the highest band its investment reaches, when it is of a kind the band names, is not
    merely planned (谋划签约) and started no later than the rating year (or its start is unknown).
    """
    lines: list[tuple[str, str, int, Decimal, tuple[str, ...]]] = []
    for rw in rules.role_weights:
        n = facts.roles.get(rw.role, 0)
        if n:
            lines.append((rw.parameter, rw.label, n, rw.weight, ()))
    counted: dict[str, list[str]] = {}
    for p in facts.projects:
        if not counts_for_bonus(p, facts.year):
            continue
        band = next((b for b in rules.project_bands
                     if p.investment >= b.min_investment and (not b.kinds or b.kinds & p.kinds)), None)
        if band is not None:
            counted.setdefault(band.parameter, []).append(p.iri)
    for b in rules.project_bands:
        if b.parameter in counted:
            items = tuple(sorted(counted[b.parameter]))
            lines.append((b.parameter, b.label, len(items), b.weight, items))
    return lines


def counts_for_bonus(project: Project, year: int) -> bool:
    """三.2 加分项目 "实施的…项目": under way (not merely planned) and started by the rating year."""
    if project.status == PLANNED:
        return False
    return project.start_year is None or project.start_year <= year


def priority_designations(designations: Iterable[Designation], year: int,
                          rule: PriorityRule | None) -> list[Designation]:
    """表.10-11 note "被评为省级及以上美丽园区、绿色园区优先": the designations held by ``year`` that give priority."""
    if rule is None:
        return []
    return sorted((d for d in designations if d.kind in rule.kinds and d.level in rule.levels
                   and (d.year is None or d.year <= year)), key=lambda d: d.iri)
