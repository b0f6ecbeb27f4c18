"""The rules of the star rating as small pure functions, and the rule set they read from ``shapes/``.

Every number comes from the shapes graph through :mod:`reasoner.criteria` (thresholds, editions, the relaxation,
veto, bonus and priority parameters); this module holds none. Each function cites its clause of the plan
(浙江省制造业高质量发展示范园区建设实施方案, clause ids as in ``shared/policy/facts.md``).

Reading of "level" (三.2): a park's level is the highest level whose criteria are all met, each level judged on
its own with the relaxation rule applied at that level. With the relaxation rule a park could in principle meet a
higher level and not a lower one (the rule's "most indicators clearly above" counts differ by level); the level is
still the highest one met, and the trace shows every level's verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import Literal, URIRef

from ..criteria import LEVELS, CriteriaError, Edition, Parameter, criteria, edition, parameter
from ..labels import label
from ..namespaces import IND, PS, RDFS
from ..resources import ontology_graph, shapes_graph
from .model import Designation, Incident, LevelOutcome, Observation, ParkFacts, Project, Verdict

VETO_SEVERITY = str(PS.SeverityMajor)
"""三.3 "重大" — the severity that vetoes (较大 and 一般 do not)."""
VETO_TYPES = frozenset({str(PS.SafetyIncident), str(PS.EnvironmentalIncident)})
"""三.3 "安全生产和环保突发事件"."""
PLANNED = str(PS.StatusPlanned)
"""A project merely planned or signed (谋划签约) is not yet "实施的" (三.2 加分项目)."""
MIN, BELOW_BENCHMARK = "min", "below_benchmark"
"""The two kinds of criterion (see :class:`reasoner.criteria.Criterion`)."""


class RatingError(ValueError):
    """A rating cannot be made as asked (no data for the year, unknown park, unusable parameters)."""


@dataclass(frozen=True, slots=True)
class Threshold:
    """One criterion of one level, with the two bounds the relaxation rule needs precomputed."""

    indicator: str
    level: int
    kind: str
    """``"min"`` (value ≥ threshold) or ``"below_benchmark"`` (value < the benchmark recorded with it)."""
    value: Decimal | None
    floor: Decimal | None
    """threshold × (1 − max shortfall): the lowest value the relaxation can still accept (inclusive)."""
    clear: Decimal | None
    """threshold × (1 + exceed margin): from here on the value is "clearly above" (inclusive)."""
    clause: str
    shape: str
    message_zh: str

    @property
    def written(self) -> str:
        """The threshold as printed: ``≥ 500`` or ``< 基准``."""
        return f"≥ {self.value}" if self.kind == MIN else "< 基准"


@dataclass(frozen=True, slots=True)
class Relaxation:
    """The relaxation rule's parameters (三.2), or ``enabled=False`` in strict mode."""

    enabled: bool
    indicators: frozenset[str]
    max_indicators: int
    max_shortfall: Decimal
    exceed_margin: Decimal
    min_exceeding_share: Decimal


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


@dataclass(frozen=True, eq=False)
class Rules:
    """Everything a rating of one year under one edition reads from ``shapes/`` (compared by identity: one per
    edition, year and strictness, made by the cached :func:`load_rules`)."""

    edition: Edition
    year: int
    strict: bool
    levels: dict[int, tuple[Threshold, ...]]
    relaxation: Relaxation
    veto_window: int
    veto_parameter: str
    role_weights: tuple[RoleWeight, ...]
    project_bands: tuple[ProjectBand, ...]
    """Highest band first."""
    priority: PriorityRule | None
    parameters: tuple[str, ...]
    """IRIs of every parameter the rules used (for PROV ``ps:usedParameter``)."""

    def thresholds_of(self, indicator: str) -> dict[int, Threshold]:
        """The threshold of ``indicator`` at each level that sets one."""
        return {lv: t for lv, ths in self.levels.items() for t in ths if t.indicator == indicator}


def _zh(node: URIRef) -> str:
    g = shapes_graph()
    for o in g.objects(node, RDFS.label):
        if isinstance(o, Literal) and o.language == "zh":
            return str(o)
    return str(node)


def _valid(node: URIRef, year: int) -> bool:
    g = shapes_graph()
    vf, vu = g.value(node, PS.validFromYear), g.value(node, PS.validUntilYear)
    return (vf is None or int(str(vf)) <= year) and (vu is None or year <= int(str(vu)))


def _decimal(node: URIRef, prop: URIRef) -> Decimal:
    v = shapes_graph().value(node, prop)
    if v is None:
        raise CriteriaError(f"{node} has no {prop}")
    return Decimal(str(v))


@cache
def load_rules(edition_code: str | None, year: int, strict: bool = False) -> Rules:
    """The rule set for rating ``year`` under an edition (default: the year's default edition).

    Raises:
        CriteriaError: unknown edition, an edition or parameter not valid for ``year``, malformed shapes.
    """
    ed = edition(edition_code, year)
    used: list[str] = []

    def param(name: str) -> Parameter:
        p = parameter(name, year)
        used.append(str(p.iri))
        return p

    n_max, shortfall = param("RelaxationMaxIndicators"), param("RelaxationMaxShortfall").value
    margin, share = param("RelaxationExceedMargin").value, param("RelaxationMinExceedingShare").value
    relax = Relaxation(enabled=not strict, indicators=frozenset(n_max.indicators), max_indicators=int(n_max.value),
                       max_shortfall=shortfall, exceed_margin=margin, min_exceeding_share=share)
    veto = param("VetoWindowYears")
    levels: dict[int, tuple[Threshold, ...]] = {}
    for lv in LEVELS:
        ths = []
        for c in criteria(ed.code):
            if c.level != lv:
                continue
            t = c.threshold
            ths.append(Threshold(
                indicator=c.indicator, level=lv, kind=c.kind, value=t,
                floor=None if t is None else t * (1 - shortfall), clear=None if t is None else t * (1 + margin),
                clause=c.source, shape=str(c.shape), message_zh=c.message_zh))
        levels[lv] = tuple(ths)
    g = shapes_graph()
    roles = []
    bands = []
    for p in sorted({s for s in g.subjects(PS.parameterValue, None) if isinstance(s, URIRef)}, key=str):
        if not _valid(p, year):
            continue
        role = g.value(p, PS.appliesToRole)
        if isinstance(role, URIRef):
            roles.append(RoleWeight(str(p), str(role), _decimal(p, PS.parameterValue), label(str(role))))
            used.append(str(p))
        if g.value(p, PS.minInvestment) is not None:
            kinds = frozenset(str(k) for k in g.objects(p, PS.appliesToProjectKind))
            name = _zh(p).removeprefix("加分权重：").removesuffix("（每个）")
            bands.append(ProjectBand(str(p), _decimal(p, PS.minInvestment), _decimal(p, PS.parameterValue), kinds,
                                     name))
            used.append(str(p))
    priority = None
    for p in sorted({s for s in g.subjects(PS.appliesToDesignationKind, None) if isinstance(s, URIRef)}, key=str):
        if _valid(p, year):
            priority = PriorityRule(str(p), frozenset(str(k) for k in g.objects(p, PS.appliesToDesignationKind)),
                                    frozenset(str(k) for k in g.objects(p, PS.appliesToAdministrativeLevel)),
                                    _decimal(p, PS.parameterValue))
            used.append(str(p))
    return Rules(edition=ed, year=year, strict=strict, levels=levels, relaxation=relax,
                 veto_window=int(veto.value), veto_parameter=str(veto.iri), role_weights=tuple(roles),
                 project_bands=tuple(sorted(bands, key=lambda b: b.min_investment, reverse=True)),
                 priority=priority, parameters=tuple(dict.fromkeys(used)))


@cache
def indicator_units() -> dict[str, str]:
    """Indicator code → the symbol of its unit (ontology/indicators.ttl)."""
    g = ontology_graph()
    out = {}
    for i in range(1, 12):
        unit = g.value(IND[f"I{i}"], PS.unit)
        sym = g.value(unit, PS.unitSymbol) if unit is not None else None
        out[f"I{i}"] = str(sym) if sym is not None else ""
    return out


@cache
def indicator_names() -> dict[str, str]:
    """Indicator code → its Chinese name."""
    return {f"I{i}": label(str(IND[f"I{i}"])) for i in range(1, 12)}


# ---------------------------------------------------------------------------------------------- the rules
def assessment_date(year: int, as_of: dt.date | None = None) -> dt.date:
    """三.3: the date D a rating is assessed at — 31 December of the rating year unless given."""
    return as_of if as_of is not None else dt.date(year, 12, 31)


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


def vetoes(incident: Incident) -> bool:
    """三.3: only a 重大 work-safety or environmental incident vetoes."""
    return incident.severity == VETO_SEVERITY and incident.type in VETO_TYPES


def vetoing_incidents(incidents: Iterable[Incident], d: dt.date, years: int) -> list[Incident]:
    """三.3: the incidents that bar a star at assessment date ``d``."""
    return sorted((i for i in incidents if vetoes(i) and in_veto_window(i.date, d, years)), key=lambda i: i.date)


def criterion_verdict(th: Threshold, obs: Observation | None) -> str:
    """表.1-11: ``met``, ``below`` or ``missing`` (no value, or no benchmark for a green indicator)."""
    v = None if obs is None else obs.value
    if v is None:
        return Verdict.MISSING
    if th.kind == MIN:
        return Verdict.MET if v >= th.value else Verdict.BELOW  # type: ignore[operator]
    assert obs is not None
    if obs.benchmark is None:
        return Verdict.MISSING
    return Verdict.MET if v < obs.benchmark else Verdict.BELOW


def evaluate_level(level: int, thresholds: tuple[Threshold, ...], obs: Mapping[str, Observation],
                   relax: Relaxation) -> LevelOutcome:
    """三.2: whether ``level`` is reached — every criterion met, or missed by at most the relaxation allows.

    The relaxation ("大部分指标明显高于标准值、个别指标可适当放宽标准"): at most ``max_indicators`` of the listed
    indicators may miss, each by at most ``max_shortfall`` of its threshold, and only when strictly more than
    ``min_exceeding_share`` of the listed indicators with a threshold at this level are at least
    threshold × (1 + ``exceed_margin``). Green indicators and missing values are never relaxed.
    """
    failures: list[str] = []
    missing: list[str] = []
    relaxable = clear = counted = 0
    listed = relax.indicators
    for th in thresholds:
        code = th.indicator
        o = obs.get(code)
        v = None if o is None else o.value
        if th.kind == MIN:
            is_listed = code in listed
            if is_listed:
                counted += 1
            if v is None:
                failures.append(code)
                missing.append(code)
            elif v >= th.value:  # type: ignore[operator]
                if is_listed and v >= th.clear:  # type: ignore[operator]
                    clear += 1
            else:
                failures.append(code)
                if is_listed and v >= th.floor:  # type: ignore[operator]
                    relaxable += 1
        else:
            bench = None if o is None else o.benchmark
            if v is None or bench is None:
                failures.append(code)
                missing.append(code)
            elif not v < bench:
                failures.append(code)
    if not failures:
        return LevelOutcome(level, True, (), (), (), clear, counted, "全部指标达标")
    fails, miss = tuple(failures), tuple(missing)
    if not relax.enabled:
        return LevelOutcome(level, False, fails, miss, (), clear, counted,
                            "严格执行（不放宽）：" + "、".join(fails) + " 未达标")
    if miss:
        return LevelOutcome(level, False, fails, miss, (), clear, counted, "缺失指标不放宽：" + "、".join(miss))
    if len(fails) > relax.max_indicators:
        return LevelOutcome(level, False, fails, miss, (), clear, counted,
                            f"{len(fails)} 项未达标，超过可放宽上限 {relax.max_indicators} 项")
    if relaxable < len(fails):
        return LevelOutcome(level, False, fails, miss, (), clear, counted,
                            "、".join(fails) + " 不可放宽（绿色集约指标不放宽，或低于标准值超过放宽幅度）")
    if not clear > relax.min_exceeding_share * counted:
        return LevelOutcome(level, False, fails, miss, (), clear, counted,
                            f"明显高于标准值的指标 {clear}/{counted} 项，未过半，不放宽")
    return LevelOutcome(level, True, fails, miss, fails, clear, counted,
                        f"放宽 {'、'.join(fails)}：明显高于标准值的指标 {clear}/{counted} 项")


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
