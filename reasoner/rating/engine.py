"""The rating engine: facts in, :class:`Rating` out — for every park of some years from the store, or for one
park-year from given values (the what-if path the HTTP API uses).

Thresholds and parameters come from the policy (:mod:`reasoner.policy`) through :func:`rules.load_rules`; the
facts come from the store in one query per kind (``facts.py``); each park-year is then evaluated in plain Python
with Decimal arithmetic, each criterion's verdict by :func:`reasoner.policy.verdict`. Every rating carries its
trace: criterion, threshold, edition, clause, observed value, source document, verdict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from ..policy import DEFAULT_READINGS, LEVELS, AtLeast, Readings, label, policy
from ..store import OxigraphStore
from .facts import Wanted, fetch_facts, iter_facts, park_iri, rated_years
from .model import (
    INDICATORS,
    BonusLine,
    IndicatorResult,
    LevelOutcome,
    Observation,
    ParkFacts,
    Rating,
    TraceEntry,
    Verdict,
)
from .rules import (
    AtLeastThreshold,
    RatingError,
    Rules,
    Threshold,
    bonus,
    evaluate_level,
    in_scope,
    load_rules,
    priority_designations,
    scope_text,
    veto_lifted_on,
    vetoes,
    vetoing_incidents,
)

WHAT_IF_SOURCE = "假设值（what-if，未写入存储）"
OUT_OF_SCOPE = {"zh": "不在评价范围", "en": "not in scope"}
"""三.1: what a park outside the scope of the rating is rated, instead of a level."""


class _Row(NamedTuple):
    """One level's criterion of one indicator, with the text of its trace entry."""

    level: int
    threshold: Threshold | None
    """None when the level sets no criterion for the indicator."""
    minimum: Decimal | None
    """The threshold of an "at least" criterion (表.1-9); None for a green (below-benchmark) one."""
    criterion: str
    written: str
    """The threshold as the trace shows it ("at least" criteria; green ones show the benchmark)."""
    clause: str


@dataclass(frozen=True)
class _Static:
    """Per rule set, built once: each indicator's criteria with the text of their trace entries."""

    by_indicator: dict[str, dict[int, Threshold]]
    rows: dict[str, tuple[_Row, ...]]
    """Indicator → its criterion at each level, in level order."""
    written: dict[str, dict[int, str]]
    level_names: Mapping[int, str]
    """Star count → the level's Chinese label (0 → 未达三星级)."""
    relaxation: TraceEntry
    """三.2: the relaxation rule as the rules read it (the same entry in every rating under them)."""
    readings: TraceEntry | None
    """The readings chosen other than the defaults, when any (the same entry in every rating under them)."""


@cache
def _static(rules: Rules) -> _Static:
    pol = policy()
    names, lv_names = pol.indicator_names(), pol.level_names()
    by_ind: dict[str, dict[int, Threshold]] = {c: {} for c in INDICATORS}
    for level, ths in rules.levels.items():
        for th in ths:
            by_ind[th.indicator][level] = th
    rows = {code: tuple(
        _Row(lv, th, th.threshold if isinstance(th, AtLeast) else None,
             f"{code} {names[code]} {th.written}（{lv_names[lv]}）" if th else "",
             str(th.threshold) if isinstance(th, AtLeast) else "", th.clause if th else "")
        for lv in LEVELS for th in (by_ind[code].get(lv),)) for code in INDICATORS}
    written = {c: {lv: th.written for lv, th in by_ind[c].items()} for c in INDICATORS}
    relax, ed = rules.relaxation, rules.edition.code
    if relax.enabled:
        role = ("评定任一星级的要求，也是放宽的条件" if relax.required else "条件")
        relaxation = TraceEntry(
            "个别指标可适当放宽标准",
            f"至多 {relax.max_indicators} 项，每项低于标准值不超过 {pct(relax.max_shortfall)}", ed, "三.2", "", "",
            Verdict.INFO, f"{role}：所列 {len(relax.indicators)} 项指标中“明显高于标准值”"
            f"（≥ 标准值 ×（1 + {pct(relax.exceed_margin)}））的须多于 {pct(relax.min_exceeding_share)}；"
            "绿色集约指标与缺失值不放宽")
    else:
        relaxation = TraceEntry("个别指标可适当放宽标准", "", ed, "三.2", "", "", Verdict.INFO, "严格执行：不放宽")
    readings = None
    if rules.readings:
        pol = policy()
        readings = TraceEntry(
            "解读", rules.readings.text(), ed, "、".join(pol.reading(k).clause for k, _ in rules.readings.chosen), "",
            "", Verdict.INFO, "；".join(f"{pol.reading(k).label_zh}：{pol.reading(k).alternative(a).label_zh}"
                                       for k, a in rules.readings.chosen) + "（非默认解读，仅供比较）")
    return _Static(by_ind, rows, written, lv_names, relaxation, readings)


def _fmt(v: Decimal | None) -> str:
    return "缺失" if v is None else str(v)


def pct(share: Decimal) -> str:
    """A share (0.1) as a percentage for people (10%)."""
    return f"{format((share * 100).normalize(), 'f')}%"


def _undetermined(obs: Mapping[str, Observation], missing: list[str], rules: Rules, level: int) -> bool:
    """三 answers: would the park reach a higher level if its missing values were there (and good)?"""
    if not missing:
        return False
    filled = dict(obs)
    by_ind = _static(rules).by_indicator
    for code in missing:
        ths = by_ind[code].values()
        highest = max((t.clear for t in ths if isinstance(t, AtLeastThreshold)), default=None)
        if highest is not None:
            filled[code] = Observation(code, highest)
        else:  # a green indicator: any value below its benchmark
            filled[code] = Observation(code, Decimal(0), benchmark=Decimal(1))
    best = max((lv for lv in LEVELS if evaluate_level(lv, rules, filled).passed),
               default=0)
    return best > level


def rate_facts(facts: ParkFacts, rules: Rules, as_of: dt.date | None = None) -> Rating:
    """Rate one park-year (三.2, 三.3): per-level verdicts, the veto, relaxation, bonus, priority and the trace."""
    d = rules.assessment_date(as_of)
    obs = facts.observations
    st = _static(rules)
    ed = rules.edition.code
    outcomes: dict[int, LevelOutcome] = {lv: evaluate_level(lv, rules, obs) for lv in LEVELS}
    verdicts = {lv: o.verdicts for lv, o in outcomes.items()}
    indicator_level = max((lv for lv, o in outcomes.items() if o.passed), default=0)
    veto = vetoing_incidents(facts.incidents, d, rules)
    level = 0 if veto else indicator_level
    relaxed_at = {lv: o.relaxed for lv, o in outcomes.items() if o.passed and o.relaxed}
    trace: list[TraceEntry] = []
    results: dict[str, IndicatorResult] = {}
    missing: list[str] = []
    met_v, missing_v, relaxed_v = Verdict.MET, Verdict.MISSING, Verdict.RELAXED
    entry = tuple.__new__  # TraceEntry(...) without the NamedTuple's Python-level __new__: 300,000 per batch
    add = trace.append
    for code in INDICATORS:
        o = obs.get(code)
        if o is None:
            value = bench = None
            unit = source = iri = ""
        else:
            _, value, unit, bench, iri, source = o
        observed = "缺失" if value is None else str(value)
        green: tuple[str, str] | None = None  # a green criterion's threshold and observed texts, the same per level
        met: list[int] = []
        relaxed: list[int] = []
        reason = ""
        for lv, th, minimum, text, threshold, clause in st.rows[code]:
            if th is None:
                met.append(lv)
                continue
            verdict = verdicts[lv][code]
            if verdict is met_v:
                met.append(lv)
            elif verdict is missing_v:
                reason = "missing"
            elif relaxed_at and code in relaxed_at.get(lv, ()):
                relaxed.append(lv)
                verdict = relaxed_v
            if minimum is not None:
                add(entry(TraceEntry, (text, threshold, ed, clause, observed, source, verdict, "", code, lv)))
            else:
                if green is None:
                    green = (f"< {_fmt(bench)}", observed if bench is None else f"{observed}（基准 {bench}）")
                add(entry(TraceEntry, (text, green[0], ed, clause, green[1], source, verdict, "", code, lv)))
        if reason:
            missing.append(code)
        results[code] = IndicatorResult(code, value, unit, source, iri, bench, st.written[code], met, relaxed, reason)
    names = st.level_names
    for lv in LEVELS:
        oc = outcomes[lv]
        add(entry(TraceEntry, (f"{names[lv]}标准", "", ed, "三.2", f"未达标 {len(oc.failures)} 项", "",
                               Verdict.PASSED if oc.passed else Verdict.FAILED, oc.why, "", lv)))
    trace.append(st.relaxation)
    if st.readings is not None:
        trace.append(st.readings)
    for inc in sorted(facts.incidents, key=lambda i: i.date, reverse=True):
        if inc.date > d:
            continue
        vetoing = inc in veto
        if vetoing:
            why = f"{label(inc.severity)}事件在否决期限内，{veto_lifted_on(inc.date, rules.veto_window)} 起不再否决"
        elif not vetoes(inc, rules.veto):  # 三.3 as the veto's parameters read it: 只有重大及以上安全生产、环保事件
            why = f"事件等级为{label(inc.severity) or '未知'}，只有{rules.veto.reading()}事件否决"
        else:
            why = "事件不在否决期限内"
        trace.append(TraceEntry(
            "两年内重大安全生产、环保突发事件一票否决", rules.window_text(d),
            ed, "三.3", f"{inc.date} {label(inc.severity)}{label(inc.type)}", inc.source,
            Verdict.VETO if vetoing else Verdict.NO_VETO, why))
    lines = [BonusLine(p, lbl, n, w, w * n, items) for p, lbl, n, w, items in bonus(facts, rules)]
    total = sum((b.points for b in lines), Decimal(0))
    for b in lines:
        add(entry(TraceEntry, (f"加分：{b.label}", f"每个 {b.weight} 分", ed, "三.2 加分项目", str(b.count), "",
                               Verdict.INFO, f"得 {b.points} 分", "", 0)))
    prio = priority_designations(facts.designations, facts.year, rules.priority)
    for des in prio:
        trace.append(TraceEntry("被评为省级及以上美丽园区、绿色园区优先", "", ed, "表.10、表.11",
                                f"{label(des.level)}{label(des.kind)}（{des.year or '年份未知'}）", "", Verdict.INFO,
                                "同星级内优先（排序依据，不代替指标达标）"))
    scoped, scope_why = in_scope(facts.park_type, facts.manufacturing_led, rules.scope)
    trace.append(TraceEntry("评价范围", scope_text(rules.scope), ed, "三.1",
                            label(facts.park_type) if facts.park_type else "园区类型未登记", "",
                            Verdict.PASSED if scoped else Verdict.NOT_APPLICABLE, scope_why))
    if not scoped:
        level = 0
    undetermined = scoped and not veto and _undetermined(obs, missing, rules, indicator_level)
    conclusion = names[level] if scoped else OUT_OF_SCOPE["zh"]
    if not scoped:
        why = f"{OUT_OF_SCOPE['zh']}：{scope_why}；不计入各星级园区数与排名（指标达{names[indicator_level]}，仅供参考）"
    elif veto:
        why = f"指标达{names[indicator_level]}，但被否决：" + "、".join(f"{i.date} {label(i.severity)}{label(i.type)}"
                                                                   for i in veto)
    elif undetermined:
        why = f"待定——需补充 {'、'.join(missing)}（缺失值按不达标计，不放宽）"
    else:
        why = f"达到的最高星级为{conclusion}"
    if level == 5:
        why += "；五星级园区确定为“制造业高质量发展示范园区”"
    add(entry(TraceEntry, ("评定星级", "", ed, "三.2、三.3" if scoped else "三.1", conclusion, "",
                           Verdict.NOT_APPLICABLE if not scoped else Verdict.PASSED if level else Verdict.FAILED,
                           why, "", level)))
    return Rating(
        park=facts.park, code=facts.code, name=facts.name, year=facts.year, edition=ed, strict=rules.strict,
        assessment_date=d, level=level, indicator_level=indicator_level, vetoed=bool(veto), veto_incidents=veto,
        relaxed=list(relaxed_at.get(indicator_level, ())), missing=missing, undetermined=undetermined,
        bonus=total, bonus_lines=lines, priority=prio, indicators=results, levels=outcomes, trace=trace,
        priority_score=rules.priority.weight * len(prio) if rules.priority is not None else Decimal(0),
        readings=rules.in_force, in_scope=scoped, scope=scope_why)


def rank(ratings: Iterable[Rating]) -> None:
    """三.2 加分项目 and 表.10-11: number the parks of each (year, level) — bonus first, then priority, then code."""
    groups: dict[tuple[int, int], list[Rating]] = defaultdict(list)
    for r in ratings:
        if r.in_scope:  # 三.1: a park outside the scope takes no rank
            groups[(r.year, r.level)].append(r)
    for group in groups.values():
        group.sort(key=lambda r: (-r.bonus, -r.priority_score, r.code))
        for i, r in enumerate(group, start=1):
            r.rank_in_level = i


def sort_key(r: Rating) -> tuple[int, bool, int, int, str]:
    """Year, then level (high first), then rank within the level; parks outside the scope (三.1) last."""
    return (r.year, not r.in_scope, -r.level, r.rank_in_level, r.code)


def _wanted(rules: Iterable[Rules]) -> Wanted:
    rs = list(rules)
    return Wanted(roles=frozenset(w.role for r in rs for w in r.role_weights),
                  project_kinds=frozenset(k for r in rs for b in r.project_bands for k in b.kinds),
                  projects=any(r.project_bands for r in rs))


def latest_year(store: OxigraphStore) -> int:
    """The latest year with indicator observations.

    Raises:
        RatingError: the store holds no observations.
    """
    known = rated_years(store)
    if not known:
        raise RatingError("存储中没有指标观测值，请先导入数据 / the store holds no indicator observations")
    return known[-1]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch builds many small objects that all stay alive.

    Rating 8,000 park-years makes about a million objects (trace entries, results); every collection during the
    batch would walk them again, which more than triples the time. On the way out they are moved straight to the
    oldest generation (freeze, then unfreeze): otherwise the first young collection after the pause walks them
    all at once (a quarter of a second), and they would be walked once more on their way up. Nothing here makes
    reference cycles; any made meanwhile are still collected at the next full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def rate_store(store: OxigraphStore, years: Sequence[int] | None = None, *, edition: str | None = None,
               strict: bool = False, as_of: dt.date | None = None,
               readings: Readings = DEFAULT_READINGS) -> list[Rating]:
    """Rate every park with observations in ``years`` (default: the latest year), ranked within each level.

    Args:
        store: the store to read.
        years: rating years; None for the latest year with observations.
        edition: criteria edition code (default: each year's default edition).
        strict: turn the relaxation rule off.
        as_of: assessment date overriding 31 December of each year.
        readings: the readings chosen other than the defaults (shapes/readings.ttl).

    Raises:
        RatingError: no observations for the years asked.
        PolicyError: unknown edition or one not valid for a year.
    """
    ys = sorted(set(years)) if years else [latest_year(store)]
    rules = {y: load_rules(edition, y, strict, readings) for y in ys}
    with paused_gc():
        # each batch is rated while the store evaluates the next one
        out = [rate_facts(f, rules[f.year], as_of)
               for batch in iter_facts(store, ys, _wanted(rules.values())) for f in batch.values()]
        absent = sorted(set(ys) - {r.year for r in out})
        if absent:
            raise RatingError(f"{'、'.join(map(str, absent))} 年没有指标观测值 / no indicator observations for "
                              f"{', '.join(map(str, absent))}")
        rank(out)
        out.sort(key=sort_key)
    return out


def park_facts(store: OxigraphStore, code: str, year: int, rules: Rules | None = None) -> ParkFacts:
    """One park-year's facts from the store (queries bound to the park).

    Raises:
        UnknownPark: no park has ``code``.
        RatingError: the park has no observation that year.
    """
    iri = park_iri(store, code)
    r = rules or load_rules(None, year)
    found = fetch_facts(store, [year], _wanted([r]), park=iri)
    if (iri, year) not in found:
        raise RatingError(f"{code} 在 {year} 年没有指标观测值 / {code} has no observations for {year}")
    return found[(iri, year)]


def rate_park(store: OxigraphStore, code: str, year: int, *, edition: str | None = None, strict: bool = False,
              as_of: dt.date | None = None, readings: Readings = DEFAULT_READINGS) -> Rating:
    """Rate one park-year straight from the store, without ranking it among the others (rank 0)."""
    rules = load_rules(edition, year, strict, readings)
    return rate_facts(park_facts(store, code, year, rules), rules, as_of)


def rate_values(facts: ParkFacts, overrides: Mapping[str, Decimal | None] | None = None, *,
                benchmarks: Mapping[str, Decimal] | None = None, edition: str | None = None, strict: bool = False,
                as_of: dt.date | None = None, readings: Readings = DEFAULT_READINGS) -> Rating:
    """What-if: rate one park-year from ``facts`` with some indicator values replaced; the store is not touched.

    Args:
        facts: the park-year's facts (e.g. from :func:`park_facts`, or built by the caller).
        overrides: indicator code → value in the indicator's unit, or None to treat it as missing.
        benchmarks: indicator code → benchmark for I10/I11 values given in ``overrides``.
        edition: criteria edition; strict: no relaxation; as_of: assessment date; readings: the readings chosen.
    """
    obs = dict(facts.observations)
    for code, value in (overrides or {}).items():
        if code not in INDICATORS:
            raise RatingError(f"未知指标 {code}（应为 I1–I11）/ unknown indicator {code}")
        old = obs.get(code)
        bench = (benchmarks or {}).get(code, old.benchmark if old is not None else None)
        unit = old.unit if old is not None else ""
        obs[code] = Observation(code, value, unit, bench, "", WHAT_IF_SOURCE)
    for code, bench in (benchmarks or {}).items():
        if code not in (overrides or {}) and code in obs:
            obs[code] = obs[code]._replace(benchmark=bench, iri="", source=WHAT_IF_SOURCE)
    new = dataclasses.replace(facts, observations=obs)
    return rate_facts(new, load_rules(edition, facts.year, strict, readings), as_of)
