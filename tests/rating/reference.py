"""A second, independent implementation of the star rating, for the tests only.

It shares no code with ``reasoner/rating`` (nor with ``reasoner.policy``): it reads ``shapes/criteria.ttl`` and
``shapes/parameters.ttl`` itself with rdflib, and applies the rules of the criteria table (三.2, 表.1-11) and the
veto (三.3) as issue 3 reads them, written as plainly as possible:

* a level is met when each of its criteria is met (value ≥ threshold; for I10/I11 value < benchmark), or when the
  misses can be relaxed: at most N misses, each among the relaxable indicators, each no more than S × threshold
  short, none missing, and strictly more than H of the relaxable indicators with a threshold at that level are at
  least threshold × (1 + M);
* the level is the highest level met; 0 if none;
* an incident graded 重大 or above (特别重大 or 重大 — 三.3's "重大" read as 重大及以上, written out here rather than
  read from psh:VetoSeverities so that the parameter is checked too) of type 安全生产 or 环保 with
  D − W years < date ≤ D (D − W years on the calendar, 29 Feb → 28 Feb) sets the level to 0.

Readings (``shapes/readings.ttl``, read here with rdflib too): an alternative that sets a parameter replaces its
value; ``relaxation=requirement`` also asks the majority condition of a level met without misses,
``relaxation=none`` relaxes nothing; ``below-benchmark=or-equal`` meets I10/I11 at value ≤ benchmark;
``veto-window=calendar`` vetoes incidents dated in the rating year or the W − 1 years before it (and ≤ D);
``assessment-date`` moves D (when no date is given) to the end of the month that many months after the year's end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import rdflib

SHAPES = Path(__file__).resolve().parents[2] / "shapes"
PS = "https://w3id.org/parkstar/def#"
PSH = "https://w3id.org/parkstar/shapes#"
SH = "http://www.w3.org/ns/shacl#"
IND = "https://w3id.org/parkstar/id/indicator/"
EDITION = "https://w3id.org/parkstar/id/edition/"
STARS = {PS + "ThreeStar": 3, PS + "FourStar": 4, PS + "FiveStar": 5}
MAJOR_AND_ABOVE = {PS + "SeverityEspeciallyMajor", PS + "SeverityMajor"}
VETO_TYPES = {PS + "SafetyIncident", PS + "EnvironmentalIncident"}


def _u(iri: str) -> rdflib.URIRef:
    return rdflib.URIRef(iri)


@dataclass(frozen=True)
class Crit:
    indicator: str
    minimum: Decimal | None  # None: below the benchmark


@cache
def table() -> dict[tuple[str, int], list[Crit]]:
    """(edition code, level) → its criteria, read from shapes/criteria.ttl."""
    g = rdflib.Graph().parse(SHAPES / "criteria.ttl")
    out: dict[tuple[str, int], list[Crit]] = {}
    for shape in set(g.subjects(_u(PS + "indicator"), None)):
        if (shape, _u(SH + "property"), None) not in g:
            continue  # a target node, not a shape
        ind = str(g.value(shape, _u(PS + "indicator")))[len(IND):]
        prop = g.value(shape, _u(SH + "property"))
        low = g.value(prop, _u(SH + "minInclusive"))
        crit = Crit(ind, None if low is None else Decimal(str(low)))
        for ed in g.objects(shape, _u(PS + "edition")):
            code = str(ed)[len(EDITION):]
            overrides = [n for n in g.objects(shape, _u(PS + "levelInEdition"))
                         if g.value(n, _u(PS + "edition")) == ed]
            if list(g.objects(shape, _u(PS + "levelInEdition"))):
                levels = [lv for n in overrides for lv in g.objects(n, _u(PS + "starLevel"))]
            else:
                levels = list(g.objects(shape, _u(PS + "starLevel")))
            for lv in levels:
                out.setdefault((code, STARS[str(lv)]), []).append(crit)
    return out


@dataclass(frozen=True)
class Params:
    window: int
    max_relaxed: int
    relaxable: frozenset[str]
    shortfall: Decimal
    margin: Decimal
    share: Decimal
    months: int = 0
    mode: str = "exception"
    inclusive: bool = False
    calendar: bool = False


@cache
def _set_by_readings() -> dict[tuple[str, str], tuple[str, Decimal]]:
    """(reading key, alternative key) → (parameter name, value) for the alternatives that set one."""
    g = rdflib.Graph().parse(SHAPES / "readings.ttl")
    out = {}
    for r in g.subjects(_u(PS + "readingKey"), None):
        key = str(g.value(r, _u(PS + "readingKey")))
        for a in g.objects(r, _u(PS + "alternative")):
            target = g.value(a, _u(PS + "setsParameter"))
            if target is not None:
                out[(key, str(g.value(a, _u(PS + "alternativeKey"))))] = (
                    str(target)[len(PSH):], Decimal(str(g.value(a, _u(PS + "setsValue")))))
    return out


@cache
def params(chosen: tuple[tuple[str, str], ...] = ()) -> Params:
    """The parameters, under the readings ``chosen`` ((key, alternative) pairs)."""
    g = rdflib.Graph().parse(SHAPES / "parameters.ttl")
    given = dict(_set_by_readings()[c] for c in chosen if c in _set_by_readings())
    modes = dict(chosen)

    def num(name: str) -> Decimal:
        return given.get(name, Decimal(str(g.value(_u(PSH + name), _u(PS + "parameterValue")))))

    relaxable = frozenset(str(i)[len(IND):] for i in g.objects(_u(PSH + "RelaxationMaxIndicators"),
                                                                _u(PS + "appliesToIndicator")))
    return Params(int(num("VetoWindowYears")), int(num("RelaxationMaxIndicators")), relaxable,
                  num("RelaxationMaxShortfall"), num("RelaxationExceedMargin"), num("RelaxationMinExceedingShare"),
                  int(num("AssessmentDateMonthsAfterYearEnd")), modes.get("relaxation", "exception"),
                  modes.get("below-benchmark") == "or-equal", modes.get("veto-window") == "calendar")


def threshold(edition: str, level: int, indicator: str) -> Decimal | None:
    for c in table()[(edition, level)]:
        if c.indicator == indicator:
            return c.minimum
    return None


def level_met(edition: str, level: int, values: dict[str, Decimal | None], benches: dict[str, Decimal | None],
              strict: bool, chosen: tuple[tuple[str, str], ...] = ()) -> tuple[bool, list[str]]:
    """Whether the level is met, and which indicators were relaxed to meet it."""
    p = params(chosen)
    strict = strict or p.mode == "none"
    crits = table()[(edition, level)]
    misses = []
    for c in crits:
        v = values.get(c.indicator)
        if c.minimum is None:
            b = benches.get(c.indicator)
            ok = v is not None and b is not None and (v <= b if p.inclusive else v < b)
        else:
            ok = v is not None and v >= c.minimum
        if not ok:
            misses.append(c)
    if not misses and (strict or p.mode != "requirement"):
        return True, []
    if strict or len(misses) > p.max_relaxed:
        return False, []
    for c in misses:
        v = values.get(c.indicator)
        if c.minimum is None or c.indicator not in p.relaxable or v is None:
            return False, []
        if c.minimum - v > p.shortfall * c.minimum:
            return False, []
    eligible = [c for c in crits if c.minimum is not None and c.indicator in p.relaxable]
    clearly = 0
    for c in eligible:
        v = values.get(c.indicator)
        if v is not None and v >= c.minimum + p.margin * c.minimum:  # type: ignore[operator]
            clearly += 1
    if Decimal(clearly) > p.share * Decimal(len(eligible)):
        return True, sorted(c.indicator for c in misses)
    return False, []


def vetoed(incidents: list[tuple[dt.date, str, str]], d: dt.date, year: int | None = None,
           chosen: tuple[tuple[str, str], ...] = ()) -> bool:
    p = params(chosen)
    w = p.window
    if p.calendar:
        assert year is not None
        return any(sev in MAJOR_AND_ABOVE and kind in VETO_TYPES and year - w < day.year and day <= d
                   for day, sev, kind in incidents)
    try:
        lower = d.replace(year=d.year - w)
    except ValueError:
        lower = dt.date(d.year - w, 2, 28)
    return any(sev in MAJOR_AND_ABOVE and kind in VETO_TYPES and lower < day <= d for day, sev, kind in incidents)


def assessment_day(year: int, as_of: dt.date | None, chosen: tuple[tuple[str, str], ...] = ()) -> dt.date:
    """D: the date given, else 31 December of the year, moved on by the assessment-date reading's months."""
    if as_of is not None:
        return as_of
    months = params(chosen).months
    end = dt.date(year, 12, 31)
    for _ in range(months):  # the last day of the next month
        start = end + dt.timedelta(days=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return end


@dataclass(frozen=True)
class RefRating:
    level: int
    indicator_level: int
    vetoed: bool
    relaxed: list[str]


def rate(edition: str, values: dict[str, Decimal | None], benches: dict[str, Decimal | None], strict: bool,
         incidents: list[tuple[dt.date, str, str]], d: dt.date, year: int | None = None,
         chosen: tuple[tuple[str, str], ...] = ()) -> RefRating:
    best, relaxed = 0, []
    for level in (5, 4, 3):
        ok, rel = level_met(edition, level, values, benches, strict, chosen)
        if ok:
            best, relaxed = level, rel
            break
    v = vetoed(incidents, d, year, chosen)
    return RefRating(0 if v else best, best, v, relaxed)
