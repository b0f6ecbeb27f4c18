"""The evaluator: runs the provisions' conditions (the policy's, :mod:`reasoner.policy`) for a year, as of a date,
over the store and the year's star ratings, and combines them in three-valued logic into answers.

Rating conditions are judged on the :class:`~reasoner.rating.Rating` of the park-year, computed by the rating engine
with the same as-of date (so the veto window counts back from it), and the rating with its trace becomes a fact of
the answer; a minimum level (四(三) "对评定为…的园区") is judged on the published level of the rating procedure
(三.3, :mod:`reasoner.rating.announced`) where the list is published, and the answer says which level it used.
Query conditions are SPARQL SELECTs kept in RDF, each run once for all parks of the year (or bound to one park); their
rows say per park (or project) whether the condition held, unbound when the fact is not in the
graph. A park with no row for a condition lacks the fact it needs: the condition, and unless another condition fails
the answer, is undetermined and names that fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from .. import queries
from ..policy import DEFAULT_READINGS, Parameter, Policy, Readings, label, policy
from ..rating import RatingError, rate_park, rate_store
from ..rating.announced import Announcement, announcements, published
from ..rating.engine import OUT_OF_SCOPE
from ..rating.facts import park_iri
from ..rating.model import Rating
from ..rating.rules import assessment_date
from ..store import OxigraphStore
from .model import Answer, Condition, ConditionResult, Fact, Verdict, rating_ref
from .provisions import MeasureError, provision

PER_PROJECT = re.compile(r"^\s*SELECT\b[^{]*\?project\b", re.IGNORECASE)
"""A query condition answers per project when it selects ?project."""
NO_PROJECT = "园区没有登记项目（项目模板）"

Key = tuple[str, str]
"""(park IRI, project IRI or "")."""


@dataclass
class _Rows:
    """A query condition's rows by focus, and whether the query answers per project."""

    per_project: bool = False
    rows: dict[Key, list[dict[str, object]]] = field(default_factory=lambda: defaultdict(list))


RowCache = dict[tuple[str, tuple[object, ...]], _Rows]
"""Query conditions' rows by condition IRI and the values of the parameters they read."""


def combine_all(values: Iterable[bool | None]) -> bool | None:
    """Three-valued and: False if any is False, else None if any is None, else True."""
    vs = list(values)
    if any(v is False for v in vs):
        return False
    return None if any(v is None for v in vs) else True


def combine_any(values: Iterable[bool | None]) -> bool | None:
    """Three-valued or: True if any is True, else None if any is None, else False."""
    vs = list(values)
    if any(v is True for v in vs):
        return True
    return None if any(v is None for v in vs) else False


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------------------------- rating conditions
def rating_fact(r: Rating) -> Fact:
    """The star rating as a fact of an answer (its trace goes with it)."""
    level = policy().level_name(r.level) if r.in_scope else OUT_OF_SCOPE["zh"]
    return Fact(rating_ref(r), f"{r.year} 年星级评定：{level}（版本 {r.edition}，基准日 {r.assessment_date}）",
                f"星级评定 {r.year} {r.edition}", "rating", r)


def _events(r: Rating) -> str:
    return "、".join(f"{i.date} {label(i.severity)}{label(i.type)}" for i in r.veto_incidents)


def _shortfalls(r: Rating, level: int) -> str:
    """What misses ``level``: ``I8 亩均税收 31.2，需 ≥ 35``."""
    names = policy().indicator_names()
    outcome = r.levels.get(level)
    if outcome is None:
        return ""
    parts = []
    for code in outcome.failures:
        res = r.indicators[code]
        value = "缺失" if res.value is None else str(res.value)
        parts.append(f"{code} {names[code]} {value}，需 {res.thresholds.get(level, '')}".rstrip())
    return "；".join(parts)


def announcement_fact(a: Announcement) -> Fact:
    """The published level (三.3) as a fact of an answer."""
    return Fact(a.iri, f"{a.year} 年{a.text}", a.source, "announcement")


def _min_level(c: Condition, r: Rating | None, year: int, announced: Announcement | None,
               facts: list[Fact]) -> ConditionResult:
    """四(三) "对评定为…的园区": at least ``c.min_level`` — on the published level where the list is published
    (三.3), on the computed level otherwise."""
    names = policy().level_names()
    want = c.min_level
    assert want is not None
    if announced is not None:
        basis = f"按公布星级：{names[announced.level]}（文号 {announced.document or '未注明'}）"
        facts.append(announcement_fact(announced))
        if announced.level >= want:
            computed = f"；计算星级为{names[r.level]}" if r is not None and r.level != announced.level else ""
            return ConditionResult(c, True, facts, basis + computed)
        if r is None or r.level >= want:
            computed = f"；计算星级为{names[r.level]}" if r is not None else ""
            return ConditionResult(c, False, facts, f"需{names[want]}；{basis}{computed}")
        return ConditionResult(c, False, facts, f"需{names[want]}；{basis}；计算星级为{names[r.level]}——"
                                                f"{_shortfalls(r, want) or _events(r)}")
    basis = "按计算星级（尚未公布）"
    if r is None:
        return ConditionResult(c, None, facts, f"{basis}：{year} 年没有星级评定（没有当年指标观测值）", [c.missing])
    if r.level >= want:
        return ConditionResult(c, True, facts, f"{basis}：评定为{names[r.level]}")
    if r.vetoed:
        return ConditionResult(c, False, facts, f"{basis}：需{names[want]}；被一票否决（{_events(r)}），"
                                                f"指标达{names[r.indicator_level]}")
    outcome = r.levels.get(want)
    failures = set(outcome.failures) if outcome is not None else set()
    if failures and failures <= set(r.missing):
        lacking = "、".join(sorted(failures))
        return ConditionResult(c, None, facts,
                               f"{basis}：需{names[want]}；现为{names[r.level]}，缺 {lacking}，补充后方可判断",
                               [f"{year} 年指标 {lacking}（指标模板）"])
    return ConditionResult(c, False, facts, f"{basis}：需{names[want]}；现为{names[r.level]}——{_shortfalls(r, want)}")


def rating_condition(c: Condition, r: Rating | None, year: int,
                     announced: Announcement | None = None) -> ConditionResult:
    """Judge a rating condition (``ps:minStarLevel``, ``ps:maxStarLevel``, ``ps:requiresVeto``) on a rating.

    ``announced`` is the park-year's published level (三.3, the latest stage of its procedure when that is
    publication): a minimum level (四(三) "评定为…") is judged on it where there is one, on the computed level
    otherwise, and the explanation says which. The obligations read the data: O1 "达不到三星级评价标准" the
    indicators, O2 the veto. A park outside the scope of the rating (三.1) fails every rating condition: it is
    granted no measure and bound by no obligation.
    """
    if r is not None and not r.in_scope:  # 三.1: outside the scope nothing is granted nor required
        return ConditionResult(c, False, [rating_fact(r)], f"不在评价范围（三.1）：{r.scope}，不适用")
    if c.min_level is not None and (r is not None or announced is not None):
        return _min_level(c, r, year, announced, [rating_fact(r)] if r is not None else [])
    if r is None:
        return ConditionResult(c, None, [], f"{year} 年没有星级评定（没有当年指标观测值）", [c.missing])
    names = policy().level_names()
    facts = [rating_fact(r)]
    if c.requires_veto:
        facts += [Fact(i.iri, f"{i.date} {label(i.severity)}{label(i.type)}", i.source, "incident")
                  for i in r.veto_incidents]
        if r.vetoed:
            return ConditionResult(c, True, facts, f"被一票否决：{_events(r)}（指标达{names[r.indicator_level]}）")
        return ConditionResult(c, False, facts, f"否决期限内没有{policy().veto(year).reading()}突发事件")
    if c.max_level is not None:
        lowest = min(r.levels)
        if r.indicator_level <= c.max_level:
            if r.undetermined:
                lacking = "、".join(r.missing)
                return ConditionResult(c, None, facts,
                                       f"指标现为{names[r.indicator_level]}，缺 {lacking}，补充后可能更高",
                                       [f"{year} 年指标 {lacking}（指标模板）"])
            return ConditionResult(c, True, facts, f"指标达不到{names[lowest]}标准——{_shortfalls(r, lowest)}")
        return ConditionResult(c, False, facts, f"指标达{names[r.indicator_level]}")
    raise MeasureError(f"{c.iri}: a rating condition needs ps:minStarLevel, ps:maxStarLevel or ps:requiresVeto")


# ---------------------------------------------------------------------------------------------- query conditions
def _parameter_value(p: Parameter) -> object:
    """What a query reads of a parameter: its number, or the terms it lists (project statuses)."""
    if p.project_statuses:
        return [NamedNode(str(t)) for t in p.project_statuses]
    return p.value


def _run(store: OxigraphStore, c: Condition, year: int, park: str | None, pol: Policy) -> _Rows:
    bindings: dict[str, object] = {"year": year}
    for name in c.parameters:
        bindings[name] = _parameter_value(pol.parameter(name))
    if park is not None:
        bindings["park"] = NamedNode(park)
    query = c.query if park is None else c.park_query
    out = _Rows(per_project=bool(PER_PROJECT.search(query)))
    for row in store.select(query, **bindings):
        project = row.get("project")
        out.rows[(str(row["park"]), str(project) if project else "")].append(row)
    return out


def query_condition(c: Condition, rows: _Rows, key: Key) -> ConditionResult:
    """Judge a query condition for one focus from its rows."""
    park, project = key
    if rows.per_project and not project:
        return ConditionResult(c, False, [], NO_PROJECT)
    found = rows.rows.get((park, project if rows.per_project else ""), [])
    if not found:
        return ConditionResult(c, None, [], "图中没有所需事实", [c.missing])
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for row in found:
        f = Fact(str(row.get("fact") or ""), str(row.get("factText") or ""), str(row.get("source") or ""))
        if (f.iri, f.text) not in seen:
            seen.add((f.iri, f.text))
            facts.append(f)
    values = [None if row.get("held") is None else bool(row["held"]) for row in found]
    held = combine_any(values)
    text = "；".join(dict.fromkeys(f.text for f in facts if f.text))
    if held is None:
        return ConditionResult(c, None, facts, text, [c.missing])
    return ConditionResult(c, held, facts, text)


# ---------------------------------------------------------------------------------------------- the evaluator
@dataclass
class _Context:
    store: OxigraphStore
    year: int
    park: str | None
    ratings: dict[str, Rating]
    policy: Policy
    announced: dict[str, Announcement] = field(default_factory=dict)
    """Park IRI → its published level of the year (三.3)."""
    queries: RowCache = field(default_factory=dict)
    """A query condition's rows by condition and the values of the parameters it reads (shared by the answers under
    several choices of readings, :func:`evaluate` with ``rows``)."""

    mine: dict[str, _Rows] = field(default_factory=dict)
    """The rows of each condition under this context's policy (the key into ``queries`` is made once per
    condition, not once per park)."""

    def rows(self, c: Condition) -> _Rows:
        found = self.mine.get(c.iri)
        if found is None:
            key = (c.iri, tuple(str(_parameter_value(self.policy.parameter(n))) for n in c.parameters))
            if key not in self.queries:
                self.queries[key] = _run(self.store, c, self.year, self.park, self.policy)
            found = self.mine[c.iri] = self.queries[key]
        return found


def _judge(ctx: _Context, c: Condition, key: Key) -> ConditionResult:
    if c.kind == "rating":
        return rating_condition(c, ctx.ratings.get(key[0]), ctx.year, ctx.announced.get(key[0]))
    if c.kind == "any":
        parts = [_judge(ctx, p, key) for p in c.any_of]
        held = combine_any(p.held for p in parts)
        missing = [m for p in parts if p.held is None for m in p.missing] if held is None else []
        why = "；".join(f"{p.condition.text}：{p.why}" for p in parts if p.why)
        facts = [f for p in parts for f in p.facts]
        return ConditionResult(c, held, facts, why if held is not False else f"均不成立：{why}", missing, parts)
    return query_condition(c, ctx.rows(c), key)


def _ratings(store: OxigraphStore, year: int, as_of: dt.date | None, code: str | None,
             readings: Readings) -> dict[str, Rating]:
    try:
        if code is not None:
            r = rate_park(store, code, year, as_of=as_of, readings=readings)
            return {r.park: r}
        return {r.park: r for r in rate_store(store, [year], as_of=as_of, readings=readings)}
    except RatingError:
        return {}


def evaluate(store: OxigraphStore, year: int, *, as_of: dt.date | None = None, park: str | None = None,
             measures: Sequence[str] | None = None, ratings: Sequence[Rating] | None = None,
             readings: Readings = DEFAULT_READINGS, rows: RowCache | None = None,
             records: Mapping[tuple[str, int], Sequence[Announcement]] | None = None) -> list[Answer]:
    """Answer every provision in force on the as-of date for every park (or the park coded ``park``) and year.

    Args:
        store: the store to read.
        year: the rating year.
        as_of: the date the answer is asked as of (default 31 December of ``year``): provisions valid that day are
            used and the ratings are assessed at it.
        park: one park's code; None for every park.
        measures: provision codes to answer (default: all in force).
        ratings: the year's ratings when the caller has them (same year, as-of date and readings); computed when
            None.
        readings: the readings chosen other than the defaults: provisions rewritten, parameters set, ratings made
            under them (shapes/readings.ttl).
        rows: query conditions' rows already fetched for the same store, year and park (filled as they are run).
        records: the year's records of the rating procedure (三.3) by (park IRI, year) when the caller has them;
            read when None. A minimum level is judged on the published level where there is one.

    Raises:
        UnknownPark: ``park`` is not a park's code.
        MeasureError: an unknown provision code.
    """
    pol = policy().under(readings)
    day = assessment_date(year, as_of)
    chosen = [pol.provisions[provision(m).code] for m in measures] if measures else list(pol.provisions.values())
    active = [p for p in chosen if p.valid_on(day)]
    if park is not None:
        iri = park_iri(store, park)
        parks = queries.select(store, "measures/parks", park=NamedNode(iri))
    else:
        parks = queries.select(store, "measures/parks")
    by_park = {str(row["park"]): (str(row["code"]), str(row.get("name") or row["code"])) for row in parks}
    if ratings is not None:
        rated = {r.park: r for r in ratings if r.year == year}
    else:
        rated = _ratings(store, year, as_of, park, readings)
    projects: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if any(p.focus == "project" for p in active):
        for row in queries.select(store, "measures/projects",
                                  park=NamedNode(park_iri(store, park)) if park else None):
            projects[str(row["park"])].append((str(row["project"]), str(row.get("name") or "")))
        for lst in projects.values():
            lst.sort()
    if records is None:
        records = announcements(store, [year], None if park is None else next(iter(by_park), None))
    announced = {piri: found for piri in by_park
                 if (found := published(records.get((piri, year), ()), year)) is not None}
    ctx = _Context(store, year, None if park is None else next(iter(by_park), None), rated, pol, announced,
                   {} if rows is None else rows)
    out: list[Answer] = []
    for p in active:
        bearing = pol.bearing_on(p)
        for piri, (code, name) in sorted(by_park.items(), key=lambda kv: kv[1][0]):
            foci = [(pr, pname) for pr, pname in projects.get(piri, [])] if p.focus == "project" else []
            for project, pname in foci or [("", "")]:
                results = [_judge(ctx, c, (piri, project)) for c in p.conditions]
                held = combine_all(r.held for r in results)
                verdict = Verdict.YES if held else Verdict.NO if held is False else Verdict.UNDETERMINED
                out.append(Answer(p, piri, code, name, year, day, verdict, results, project,
                                  _local(project) if project else "", pname, rated.get(piri), bearing))
    return out


def park_measures(store: OxigraphStore, code: str, year: int, as_of: dt.date | None = None) -> list[Answer]:
    """Every support measure and obligation in force for one park and year: the API's park entry point.

    Raises:
        UnknownPark: no park has ``code``.
    """
    return evaluate(store, year, as_of=as_of, park=code)


def measure_parks(store: OxigraphStore, measure: str, year: int, as_of: dt.date | None = None) -> list[Answer]:
    """The reverse question: one provision for every park (and project) of a year — the API's measure entry point.

    Raises:
        MeasureError: unknown provision, or not in force on the as-of date.
    """
    p = provision(measure)
    day = assessment_date(year, as_of)
    if not p.valid_on(day):
        raise MeasureError(f"{p.code} 在 {day} 不在有效期内（{p.valid_from or '—'} 至 {p.valid_until or '—'}）"
                           f" / {p.code} is not in force on {day}")
    return evaluate(store, year, as_of=as_of, measures=[p.code])
