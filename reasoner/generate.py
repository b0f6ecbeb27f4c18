"""Owns the synthetic data: a plausible province of made-up parks, written as the six ingest templates.

``generate_dataset`` writes any number of parks, years and enterprises from a seed. ``write_sample`` writes
the bundled sample (``data/sample``), whose scenario parks each exhibit one rule of the policy: a veto, the
edge of the veto window, the relaxation rule, an edition difference, a missing value, a promotion, a fall.

No number here is a policy number of its own. Indicator values are placed relative to the thresholds and rule
parameters of the policy (:mod:`reasoner.policy`; a value is "a threshold × a factor"); the veto window (三.3) and
the bonus projects' investment bands (三.2 加分项目) come from its parameters; every list of chains, segments,
regions, roles and kinds is read from the ontology, and every label through the policy. The shape of the province
(revenue distribution, shares, the words names are made of) is data in ``calibration.toml`` beside this module:
development-zone statistics of 2020 and assumed ranges per park. Every row says it is synthetic:
数据性质 = 合成 and a 来源 starting “合成数据”; park names end with “（合成）”; every name has “示例”.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import BNode, URIRef
from rdflib.term import Node

from .ingest.credit import check_character
from .ingest.templates import SOURCE_HEADER, SYNTHETIC_HEADER, indicators, templates
from .namespaces import OWL, PS, RDF, SKOS, local
from .policy import LEVELS, AtLeast, BelowBenchmark, PolicyError, policy
from .resources import ontology_graph

__all__ = ["FILES", "GenerationError", "Progress", "bonus_bands", "calibration", "generate_dataset",
           "synthetic_credit_code", "write_sample"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, called now and then for a progress bar."""

FILES: dict[str, str] = {kind: f"{kind}.csv" for kind in
                         ("parks", "indicators", "enterprises", "projects", "incidents", "designations")}
"""The file written for each template kind."""

_CALIBRATION = Path(__file__).with_name("calibration.toml")
_LIST_SEP = "；"
_CREDIT_PREFIX = "91"
"""GB 32100 §4.1: registration authority 9 (market regulation), organisation type 1 (enterprise)."""
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11714 weights of the organisation code's check digit (characters 9–17 of a credit code)."""
_ORG_SPACE = 10**8
_ORG_STRIDE = 7919
"""A prime: serial × stride mod 10⁸ is a bijection, so organisation codes are unique and not sequential."""


class GenerationError(ValueError):
    """The request or the calibration cannot produce a dataset (bad years, unknown label in a scenario...)."""


# ---------------------------------------------------------------------------------------------- calibration
@cache
def calibration() -> dict[str, Any]:
    """The calibration of the synthetic data (``reasoner/calibration.toml``), parsed once."""
    with _CALIBRATION.open("rb") as f:
        return tomllib.load(f)


def _weight(table: Mapping[str, Any], key: str) -> float:
    return float(table.get(key, table.get("default", 0.0)))


def _dec(x: float | int | str) -> Decimal:
    return Decimal(str(x))


# ---------------------------------------------------------------------------------------------- vocabulary
def _local(iri: URIRef) -> str:
    return local(str(iri))


def _zh(iri: URIRef) -> str:
    found = policy().label(iri, "zh", fallback=False)
    if not found:
        raise GenerationError(f"{iri} has no Chinese label in the ontology")
    return found


def _individuals(cls: URIRef) -> list[URIRef]:
    return sorted(s for s in ontology_graph().subjects(RDF.type, cls) if isinstance(s, URIRef))


@dataclass(frozen=True)
class _Region:
    code: str
    label: str


@dataclass(frozen=True)
class _City:
    code: str
    label: str
    abbreviation: str
    counties: tuple[_Region, ...]

    @property
    def short(self) -> str:
        return self.label.removesuffix("市")


@dataclass(frozen=True)
class _Segment:
    notation: str
    label: str
    chain: str


@dataclass(frozen=True)
class _Chain:
    notation: str
    label: str
    segments: tuple[_Segment, ...]


@dataclass(frozen=True)
class _Vocab:
    cities: tuple[_City, ...]
    chains: tuple[_Chain, ...]
    park_types: tuple[tuple[str, str], ...]
    roles: dict[str, str]
    anchor_roles: tuple[str, ...]
    bonus_roles: tuple[str, ...]
    project_kinds: dict[str, str]
    statuses: dict[str, str]
    severities: dict[str, str]
    incident_types: dict[str, str]
    designation_kinds: dict[str, str]
    admin_levels: dict[str, str]


def _roles_defining(cls: URIRef) -> tuple[str, ...]:
    """The enterprise roles named in the OWL definition of ``cls`` (inferred.ttl), however it is written."""
    g = ontology_graph()
    roles = set(_individuals(PS.EnterpriseRole))
    found: set[str] = set()
    stack: list[Node] = list(g.objects(cls, OWL.equivalentClass))
    seen: set[Node] = set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if node in roles and isinstance(node, URIRef):
            found.add(_local(node))
        elif isinstance(node, BNode):
            stack.extend(o for _, o in g.predicate_objects(node))
    if not found:
        raise GenerationError(f"the ontology's definition of {cls} names no enterprise role")
    return tuple(sorted(found))


@cache
def _vocab() -> _Vocab:
    g = ontology_graph()
    cal = calibration()
    abbreviations = cal["parks"]["city_abbreviations"]
    cities = []
    for c in _individuals(PS.City):
        code = str(g.value(c, PS.regionCode))
        counties = sorted((_Region(str(g.value(k, PS.regionCode)), _zh(k))
                           for k in g.subjects(PS.parentRegion, c) if isinstance(k, URIRef)),
                          key=lambda r: r.code)
        en = policy().label(c, "en", fallback=False) or code
        cities.append(_City(code, _zh(c), abbreviations.get(code, en[:2].upper()), tuple(counties)))
    chains = []
    for ch in _individuals(PS.IndustrialChain):
        segs = sorted((int(str(g.value(s, PS.chainOrder))), str(g.value(s, SKOS.notation)), _zh(s))
                       for s in g.subjects(PS.segmentOf, ch) if isinstance(s, URIRef))
        chains.append((int(str(g.value(ch, PS.chainOrder))), _Chain(
            str(g.value(ch, SKOS.notation)), _zh(ch),
            tuple(_Segment(n, lbl, str(g.value(ch, SKOS.notation))) for _, n, lbl in segs))))
    words = cal["incidents"]["words"]

    def labels(cls: URIRef) -> dict[str, str]:
        return {_local(i): _zh(i) for i in _individuals(cls)}

    return _Vocab(
        cities=tuple(sorted(cities, key=lambda c: c.code)),
        chains=tuple(c for _, c in sorted(chains, key=lambda p: p[0])),
        park_types=tuple((_local(t), _zh(t)) for t in _individuals(PS.ParkType)),
        roles=labels(PS.EnterpriseRole),
        anchor_roles=_roles_defining(PS.LeadingEnterprise),
        bonus_roles=_roles_defining(PS.BonusEnterprise),
        project_kinds=labels(PS.ProjectKind),
        statuses=labels(PS.ProjectStatus),
        severities=labels(PS.Severity),
        incident_types={_local(i): words.get(_local(i), _zh(i)) for i in _individuals(PS.IncidentType)},
        designation_kinds=labels(PS.DesignationKind),
        admin_levels=labels(PS.AdministrativeLevel),
    )


def bonus_bands() -> tuple[Decimal, ...]:
    """三.2 加分项目: the investment bands of the bonus projects (亿元, lower bounds, ascending), from the policy's
    bonus parameters (``ps:minInvestment``)."""
    return tuple(sorted({p.min_investment for p in policy().parameters.values() if p.min_investment is not None}))


# ---------------------------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class _Rules:
    """What the generator needs of one criteria edition: thresholds and the relaxation and veto parameters."""

    edition: str
    scale: str
    others: tuple[str, ...]
    greens: tuple[str, ...]
    listed: tuple[str, ...]
    thresholds: dict[tuple[str, int], Decimal]
    shortfall: Decimal
    margin: Decimal
    share: Decimal
    max_relaxed: int

    def t(self, code: str, level: int) -> Decimal:
        """The threshold of ``code`` at ``level`` (0 = below three-star: the lowest level's)."""
        lv = max(level, LEVELS[0])
        if (code, lv) in self.thresholds:
            return self.thresholds[(code, lv)]
        defined = sorted(lvl for (c, lvl) in self.thresholds if c == code)
        return self.thresholds[(code, next((x for x in defined if x >= lv), defined[-1]))]


@cache
def _rules(edition_code: str) -> _Rules:
    pol = policy()
    crits = pol.criteria_of(edition_code)
    scale = next(i.code for i in indicators() if i.group == PS.GroupScale)
    mins = {c.indicator for c in crits if isinstance(c, AtLeast)}
    greens = {c.indicator for c in crits if isinstance(c, BelowBenchmark)}
    return _Rules(
        edition=edition_code, scale=scale,
        others=tuple(i.code for i in indicators() if i.code in mins and i.code != scale),
        greens=tuple(i.code for i in indicators() if i.code in greens),
        listed=pol.parameter("RelaxationMaxIndicators").indicators,
        thresholds={(c.indicator, c.level): c.threshold for c in crits if isinstance(c, AtLeast)},
        shortfall=pol.value("RelaxationMaxShortfall"), margin=pol.value("RelaxationExceedMargin"),
        share=pol.value("RelaxationMinExceedingShare"), max_relaxed=int(pol.value("RelaxationMaxIndicators")),
    )


def _edition_for(year: int) -> str:
    """The default edition of ``year``; past the last edition's years, the latest default edition."""
    pol = policy()
    try:
        return pol.default_edition(year).code
    except PolicyError:
        return max((e for e in pol.editions.values() if e.default), key=lambda e: e.valid_from).code


def _veto_window() -> int:
    """三.3: the veto window in years."""
    return int(policy().value("VetoWindowYears"))


# ---------------------------------------------------------------------------------------------- values
def _grid(u: float, lo: Decimal, hi: Decimal, step: Decimal, *, lo_open: bool = False,
          hi_open: bool = False) -> Decimal:
    """A value on the grid of ``step`` inside [lo, hi] (ends open on request), placed at ``u`` ∈ [0, 1].

    Rounding to the written decimals can never carry a value across ``lo`` or ``hi``: a value that must meet a
    threshold is written meeting it.
    """
    k_lo = (lo / step).to_integral_value(ROUND_CEILING)
    if lo_open and k_lo * step == lo:
        k_lo += 1
    k_hi = (hi / step).to_integral_value(ROUND_FLOOR)
    if hi_open and k_hi * step == hi:
        k_hi -= 1
    if k_hi < k_lo:
        raise GenerationError(f"no value on a grid of {step} lies in [{lo}, {hi}]")
    k = k_lo + round(min(max(u, 0.0), 1.0) * float(k_hi - k_lo))
    return (k * step).quantize(step)


@cache
def _steps() -> dict[str, Decimal]:
    """The step each indicator is written with: the unit's decimals, or finer when a threshold needs it."""
    decimals = calibration()["values"]["decimals"]
    out: dict[str, Decimal] = {}
    thresholds = [c for crits in policy().criteria.values() for c in crits if isinstance(c, AtLeast)]
    for info in indicators():
        places = int(decimals.get(info.unit_symbol, 2))
        for c in thresholds:
            if c.indicator == info.code:
                exp = c.threshold.normalize().as_tuple().exponent
                places = max(places, -int(exp)) if isinstance(exp, int) else places
        out[info.code] = Decimal(1).scaleb(-places)
    return out


@cache
def _percent_codes() -> frozenset[str]:
    return frozenset(i.code for i in indicators() if i.unit_symbol == "%")


# ---------------------------------------------------------------------------------------------- park plans
@dataclass
class _Plan:
    """Everything decided about one park before its rows are written."""

    code: str
    name: str
    type_key: str
    type_label: str
    city: _City
    county: _Region
    chains: list[_Chain]
    anchored: list[bool]
    area: Decimal
    revenue: dict[int, Decimal]
    quality: dict[int, int]
    relaxed_years: set[int] = field(default_factory=set)
    missing: dict[int, set[str]] = field(default_factory=dict)
    caps: tuple[str, ...] = ()
    failing: tuple[str, ...] = ()
    relax_indicator: str = ""
    green_fail: str = ""
    benchmarks: dict[str, Decimal] = field(default_factory=dict)
    values: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    present: dict[str, list[_Segment]] = field(default_factory=dict)
    thin: dict[str, _Segment | None] = field(default_factory=dict)
    enterprises: int = 0
    scenario: str = ""
    bonus_roles: list[str] = field(default_factory=list)
    flagship_bands: list[int] = field(default_factory=list)
    incidents: list[tuple[str, str, dt.date]] = field(default_factory=list)
    designations: list[tuple[str, str, int]] = field(default_factory=list)


def _weighted(rng: random.Random, items: Sequence[str], weights: Mapping[str, Any]) -> str:
    ws = [_weight(weights, k) for k in items]
    if not any(ws):
        return items[0]
    return rng.choices(list(items), weights=ws)[0]


def _level_weights(table: Mapping[str, Any]) -> tuple[list[int], list[float]]:
    return [int(k) for k in table], [float(v) for v in table.values()]


class _Planner:
    """Draws the parks of a dataset: place, chains, revenue and quality per year, indicator values."""

    def __init__(self, seed: int | str, years: tuple[int, int], missing_rate: float) -> None:
        self.cal = calibration()
        self.vocab = _vocab()
        self.years = list(range(years[0], years[1] + 1))
        self.rng = random.Random(f"{seed}/plan")
        self.missing_rate = missing_rate
        self.serials: dict[str, int] = {}
        self.names: set[str] = set()
        self.declared: dict[str, int] = {}
        segs = [s for c in self.vocab.chains for s in c.segments]
        k = min(int(self.cal["parks"]["uncovered_segments"]), len(segs))
        self.uncovered = frozenset(s.notation for s in self.rng.sample(segs, k))

    # -- place and identity
    def _code(self, city: _City) -> str:
        self.serials[city.code] = self.serials.get(city.code, 0) + 1
        return f"ZJ-{city.abbreviation}-{self.serials[city.code]:03d}"

    def _name(self, county: _Region, type_label: str) -> str:
        brands: list[str] = self.cal["names"]["brands"]
        kind = re.sub(r"^(国家级|省级|其他)", "", type_label)
        kind = "产业园区" if kind == "园区" else kind
        for attempt in range(len(brands) * 4):
            brand = self.rng.choice(brands) if attempt < len(brands) else "".join(self.rng.sample(brands, 2))
            name = f"{county.label}{brand}示例{kind}（合成）"
            if name not in self.names:
                self.names.add(name)
                return name
        name = f"{county.label}示例{kind}{len(self.names) + 1}（合成）"
        self.names.add(name)
        return name

    def _chains(self, index: int) -> tuple[list[_Chain], list[bool]]:
        chains = list(self.vocab.chains)
        first = chains[index % len(chains)]
        picked = [first]
        if self.rng.random() < float(self.cal["parks"]["chains_two"]):
            picked.append(self.rng.choice([c for c in chains if c is not first]))
        anchored = []
        for c in picked:
            n = self.declared.get(c.notation, 0)
            self.declared[c.notation] = n + 1
            # the first park to declare a chain anchors it, the second does not: every chain shows both
            anchored.append(n == 0 or (n > 1 and self.rng.random() < float(self.cal["parks"]["anchored"])))
        return picked, anchored

    def _segments(self, plan: _Plan) -> None:
        lo, hi = self.cal["parks"]["segments_present"]
        for c in plan.chains:
            eligible = [s for s in c.segments if s.notation not in self.uncovered]
            n = len(c.segments)
            k = max(1, min(round(n * self.rng.uniform(lo, hi)), n - 1 if n > 1 else 1, len(eligible)))
            present = sorted(self.rng.sample(eligible, k), key=c.segments.index)
            plan.present[c.notation] = present
            plan.thin[c.notation] = self.rng.choice(present) if k > 1 else None

    def new_park(self, index: int, city: _City, revenue0: Decimal | None, quality0: int | None) -> _Plan:
        """A park with its place, name, chains and first-year revenue and quality (drawn when not given)."""
        cal, rng = self.cal, self.rng
        county = rng.choice(city.counties)
        keys = [k for k, _ in self.vocab.park_types]
        type_key = _weighted(rng, keys, cal["parks"]["type_weights"])
        type_label = dict(self.vocab.park_types)[type_key]
        chains, anchored = self._chains(index)
        a = cal["area"]
        area = min(max(rng.lognormvariate(math.log(a["median"]), a["sigma"]), a["min"]), a["max"])
        r = cal["revenue"]
        if revenue0 is None:
            x = rng.lognormvariate(math.log(r["median"]), r["sigma"])
            x *= _weight(cal["parks"]["type_revenue"], type_key)
            revenue0 = _dec(round(min(max(x, r["min"]), r["max"]), 2))
        rules = _rules(_edition_for(self.years[0]))
        if quality0 is None:
            if revenue0 >= rules.t(rules.scale, LEVELS[-1]):
                band = "top"
            elif revenue0 >= rules.t(rules.scale, LEVELS[0]):
                band = "mid"
            else:
                band = "small"
            levels, weights = _level_weights(cal["levels"][band])
            quality0 = rng.choices(levels, weights=weights)[0]
        plan = _Plan(code=self._code(city), name=self._name(county, type_label), type_key=type_key,
                     type_label=type_label, city=city, county=county, chains=chains, anchored=anchored,
                     area=_dec(round(area, 1)), revenue={self.years[0]: revenue0},
                     quality={self.years[0]: quality0})
        self._segments(plan)
        v = cal["values"]
        others = list(rules.others)
        # more capped (or failing) indicators than the relaxation rule may relax: the next level (or three
        # stars) is missed for sure
        beyond = rules.max_relaxed + 1
        plan.caps = tuple(rng.sample(others, min(max(int(v["capped"]), beyond), len(others))))
        failing = max(rng.randint(int(v["failing_min"]), int(v["failing_max"])), beyond)
        plan.failing = tuple(rng.sample(others, min(failing, len(others))))
        relaxable = [c for c in others if c not in plan.caps and c in rules.listed]
        plan.relax_indicator = rng.choice(relaxable or others)
        plan.green_fail = rng.choice(rules.greens) if rules.greens and rng.random() < v["green_fail"] else ""
        bm = v["benchmarks"]
        steps = _steps()
        for code in rules.greens:
            unit = next(i.unit_symbol for i in indicators() if i.code == code)
            lo, hi = bm[unit]
            plan.benchmarks[code] = _grid(rng.random(), _dec(lo), _dec(hi), steps[code])
        return plan

    def evolve(self, plan: _Plan) -> None:
        """Revenue and quality for the years after the first: growth, and now and then a step up or down."""
        r, lv = self.cal["revenue"], self.cal["levels"]
        order = [0, *LEVELS]
        for prev, year in zip(self.years, self.years[1:], strict=False):
            if year not in plan.revenue:
                grown = float(plan.revenue[prev]) * (1 + self.rng.gauss(r["growth_mean"], r["growth_sd"]))
                plan.revenue[year] = _dec(round(min(max(grown, r["min"]), r["max"]), 2))
            if year not in plan.quality:
                i = order.index(plan.quality[prev])
                u = self.rng.random()
                if u < lv["step_up"]:
                    i = min(i + 1, len(order) - 1)
                elif u < lv["step_up"] + lv["step_down"]:
                    i = max(i - 1, 0)
                plan.quality[year] = order[i]

    def values(self, plan: _Plan) -> None:
        """Every indicator value of every year, placed relative to the thresholds of the year's edition."""
        v = self.cal["values"]
        steps, percent = _steps(), _percent_codes()
        headroom, floor_ = _dec(v["headroom"]), _dec(v["fail_floor"])
        ceiling = _dec(v["percent_ceiling"])
        bm = v["benchmarks"]
        positions = {i.code: self.rng.random() for i in indicators()}
        for year in self.years:
            rules = _rules(_edition_for(year))
            q = plan.quality[year]
            relaxed = year in plan.relaxed_years and q > 0
            out: dict[str, Decimal] = {rules.scale: plan.revenue[year].quantize(steps[rules.scale])}
            for code in rules.others:
                u, step = positions[code], steps[code]
                top = ceiling if code in percent else None
                t = rules.t(code, q)
                lo, hi, lo_open, hi_open = t, t * (1 + headroom), False, False
                if q == 0 and code in plan.failing:
                    lo, hi, hi_open = t * floor_, t, True
                elif relaxed and code == plan.relax_indicator:
                    lo, hi, hi_open = t * (1 - rules.shortfall), t, True
                    if q > LEVELS[0]:
                        lo = max(lo, rules.t(code, q - 1))
                elif q and q < LEVELS[-1] and code in plan.caps and rules.t(code, q + 1) > t:
                    hi, hi_open = rules.t(code, q + 1), True
                elif relaxed:
                    lo, hi = t * (1 + rules.margin), t * (1 + rules.margin + headroom)
                if top is not None:
                    hi = min(hi, top)
                out[code] = _grid(u, lo, hi, step, lo_open=lo_open, hi_open=hi_open)
            if relaxed:
                self._check_relaxable(rules, plan, out, q)
            for code in rules.greens:
                b = plan.benchmarks[code]
                if q == 0 and code == plan.green_fail:
                    out[code] = _grid(positions[code], b * _dec(bm["fail_low"]), b * _dec(bm["fail_high"]),
                                      steps[code], lo_open=True)
                else:
                    out[code] = _grid(positions[code], b * _dec(bm["pass_low"]), b * _dec(bm["pass_high"]),
                                      steps[code], hi_open=True)
            for code in plan.missing.get(year, ()):
                out.pop(code, None)
            if self.missing_rate:
                for code in list(out):
                    if self.rng.random() < self.missing_rate:
                        del out[code]
            plan.values[year] = out
            for code in positions:
                positions[code] = min(max(positions[code] + self.rng.gauss(0, v["drift"]), 0.0), 1.0)

    @staticmethod
    def _check_relaxable(rules: _Rules, plan: _Plan, out: Mapping[str, Decimal], q: int) -> None:
        """A park meant to reach ``q`` by relaxation needs enough indicators clearly above (三.2 reading)."""
        listed = [c for c in rules.listed if (c, q) in rules.thresholds]
        clear = sum(1 for c in listed if c in out and out[c] >= rules.t(c, q) * (1 + rules.margin))
        if not clear > rules.share * len(listed):
            raise GenerationError(f"{plan.code}: only {clear} of {len(listed)} indicators clearly above "
                                  f"{q}-star; lower [values] capped in calibration.toml")


# ---------------------------------------------------------------------------------------------- writing
def _positions(kind: str) -> tuple[list[str], dict[str, int]]:
    """A template's headers and each column's position, by its English alias (or header)."""
    t = templates()[kind]
    pos: dict[str, int] = {}
    for i, c in enumerate(t.columns):
        pos[c.header] = i
        for a in c.aliases:
            pos.setdefault(a, i)
        if c.indicator is not None:
            pos[f"{c.kind}:{c.indicator}"] = i
    return t.headers, pos


class _Sheet:
    """One CSV file being written: UTF-8 without BOM, the template's headers, rows streamed to disk."""

    def __init__(self, out: Path, kind: str) -> None:
        self.headers, self.pos = _positions(kind)
        self.file = (out / FILES[kind]).open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow(self.headers)
        self.rows = 0

    def blank(self, source: str) -> list[str]:
        row = [""] * len(self.headers)
        row[self.pos[SOURCE_HEADER]] = source
        row[self.pos[SYNTHETIC_HEADER]] = calibration()["sources"]["synthetic"]
        return row

    def write(self, row: list[str]) -> None:
        self.writer.writerow(row)
        self.rows += 1

    def close(self) -> None:
        self.file.close()


def _fmt(d: Decimal) -> str:
    return format(d, "f")


def _write_parks(out: Path, plans: Sequence[_Plan]) -> int:
    s = _Sheet(out, "parks")
    src = calibration()["sources"]["parks"]
    for p in plans:
        row = s.blank(src)
        for key, value in (("park", p.code), ("name", p.name), ("type", p.type_label), ("city", p.city.label),
                           ("county", p.county.label), ("chains", _LIST_SEP.join(c.label for c in p.chains)),
                           ("area", _fmt(p.area))):
            row[s.pos[key]] = value
        s.write(row)
    s.close()
    return s.rows


def _write_indicators(out: Path, plans: Sequence[_Plan], years: Sequence[int]) -> int:
    s = _Sheet(out, "indicators")
    src = calibration()["sources"]["indicators"]
    greens = set(_rules(_edition_for(years[0])).greens)
    for p in plans:
        for year in years:
            row = s.blank(src.format(year=year))
            row[s.pos["park"]] = p.code
            row[s.pos["year"]] = str(year)
            for code, value in p.values[year].items():
                row[s.pos[f"indicator:{code}"]] = _fmt(value)
            for code in greens:
                if f"benchmark:{code}" in s.pos:
                    row[s.pos[f"benchmark:{code}"]] = _fmt(p.benchmarks[code])
            s.write(row)
    s.close()
    return s.rows


def synthetic_credit_code(county_code: str, serial: int, offset: int = 0) -> str:
    """A made-up 统一社会信用代码 that passes every check of GB 32100 (and its GB 11714 organisation code).

    Args:
        county_code: the 6-digit division code written at positions 3–8.
        serial: a number unique within the dataset; distinct serials give distinct codes.
        offset: shifts the organisation codes, so datasets of different seeds differ.
    """
    body = f"{(serial * _ORG_STRIDE + offset) % _ORG_SPACE:08d}"
    c = 11 - sum(int(d) * w for d, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    org = body + ("X" if c == 10 else "0" if c == 11 else str(c))
    first17 = _CREDIT_PREFIX + county_code + org
    return first17 + check_character(first17)


@dataclass
class _Enterprise:
    chain: _Chain
    segments: list[_Segment]
    weight: float
    roles: list[str] = field(default_factory=list)
    on_chain: bool = True


class _EnterpriseWriter:
    """Streams each park's enterprises, one row per enterprise and year, to ``enterprises.csv``."""

    def __init__(self, out: Path, planner: _Planner, seed: int | str) -> None:
        self.sheet = _Sheet(out, "enterprises")
        self.planner = planner
        self.seed = seed
        self.cal = calibration()["enterprises"]
        self.vocab = planner.vocab
        self.serial = 0
        self.offset = random.Random(f"{seed}/credit").randrange(_ORG_SPACE)
        src = calibration()["sources"]["enterprises"]
        self.sources = {y: src.format(year=y) for y in planner.years}
        roles = self.cal["roles"]
        self.plain_roles = [(self.vocab.roles[k], _weight(roles, k)) for k in self.vocab.roles
                            if k not in self.vocab.anchor_roles and k not in self.vocab.bonus_roles
                            and _weight(roles, k) > 0]
        first = [*self.vocab.anchor_roles, *self.vocab.bonus_roles]
        ordered = first + [k for k in self.vocab.roles if k not in first]
        self.role_order = {self.vocab.roles[k]: i for i, k in enumerate(ordered)}

    def _draw(self, plan: _Plan, n: int, rng: random.Random) -> list[_Enterprise]:
        cal = self.cal
        chains = plan.chains
        sigma = float(cal["size_sigma"])
        ents: list[_Enterprise] = []
        n_on = round(n * float(cal["on_chain"]))
        for c in chains:  # each thin segment gets exactly one enterprise
            t = plan.thin.get(c.notation)
            if t is not None and len(ents) < n_on:
                ents.append(_Enterprise(c, [t], rng.lognormvariate(0, sigma)))
        spread = float(cal["segment_sigma"])
        seg_weights = {c.notation: [rng.lognormvariate(0, spread) for _ in plan.present[c.notation]]
                       for c in chains}
        while len(ents) < n_on:
            c = chains[0] if len(chains) == 1 or rng.random() < float(cal["first_chain"]) else chains[1]
            pool = [s for s in plan.present[c.notation] if s is not plan.thin.get(c.notation)]
            ws = [w for s, w in zip(plan.present[c.notation], seg_weights[c.notation], strict=True)
                  if s is not plan.thin.get(c.notation)]
            if not pool:
                pool, ws = plan.present[c.notation], seg_weights[c.notation]
            segs = [rng.choices(pool, weights=ws)[0]]
            if len(pool) > 1 and rng.random() < float(cal["second_segment"]):
                second = rng.choice(pool)
                if second is not segs[0]:
                    segs.append(second)
            ents.append(_Enterprise(c, sorted(segs, key=c.segments.index), rng.lognormvariate(0, sigma)))
        elsewhere = [c for c in self.vocab.chains if c not in chains] or list(self.vocab.chains)
        while len(ents) < n:
            c = rng.choice(elsewhere)
            pool = [s for s in c.segments if s.notation not in self.planner.uncovered] or list(c.segments)
            ents.append(_Enterprise(c, [rng.choice(pool)], rng.lognormvariate(0, sigma), on_chain=False))
        self._roles(plan, ents, rng)
        return ents

    def _roles(self, plan: _Plan, ents: list[_Enterprise], rng: random.Random) -> None:
        v, cal = self.vocab, self.cal
        anchors = [v.roles[k] for k in v.anchor_roles]
        for c, anchored in zip(plan.chains, plan.anchored, strict=True):
            on = [e for e in ents if e.on_chain and e.chain is c]
            if not anchored or not on:
                continue
            leader = v.roles[_local(PS.RoleLeader)] if _local(PS.RoleLeader) in v.anchor_roles else anchors[0]
            biggest = max(on, key=lambda e: e.weight)
            biggest.roles.append(leader if rng.random() < float(cal["leader_share"]) else rng.choice(anchors))
            for e in on:
                if not e.roles and rng.random() < float(cal["champion_extra"]):
                    e.roles.append(rng.choice(anchors))
        for e in ents:
            for label, p in self.plain_roles:
                if rng.random() < p:
                    e.roles.append(label)
        top = sorted(ents, key=lambda e: -e.weight)[: int(cal["bonus_top"])]
        bonus = [v.roles[k] for k in v.bonus_roles]
        for i, label in enumerate(plan.bonus_roles):
            if top:
                top[i % len(top)].roles.append(label)
        if not plan.bonus_roles:
            for e in top:
                if rng.random() < float(cal["bonus_chance"]):
                    e.roles.append(rng.choice(bonus))
        for e in ents:
            e.roles = sorted(set(e.roles), key=self.role_order.__getitem__)

    def park(self, plan: _Plan) -> None:
        """Write the enterprises of one park, every year they are present."""
        if plan.enterprises <= 0:
            return
        rng = random.Random(f"{self.seed}/enterprises/{plan.code}")
        ents = self._draw(plan, plan.enterprises, rng)
        years = self.planner.years
        lo, hi = self.cal["coverage"]
        coverage = rng.uniform(lo, hi)
        total_w = sum(e.weight for e in ents)
        forms: list[str] = self.cal["legal_forms"]
        brands: list[str] = calibration()["names"]["brands"]
        s, pos = self.sheet, self.sheet.pos
        i_code, i_name, i_park, i_roles, i_segs = (pos[k] for k in ("credit_code", "name", "park", "roles",
                                                                      "segments"))
        i_year, i_rev, i_src = pos["year"], pos["revenue"], pos[SOURCE_HEADER]
        revenue = {y: float(plan.revenue[y]) * coverage / total_w for y in years}
        late, noise_sd = float(self.cal["late_entry"]), float(self.cal["revenue_noise"])
        two_brands = float(self.cal["two_brands"])
        for e in ents:
            self.serial += 1
            brand = "".join(rng.sample(brands, 2)) if rng.random() < two_brands else rng.choice(brands)
            row = s.blank("")
            row[i_code] = synthetic_credit_code(plan.county.code, self.serial, self.offset)
            row[i_name] = f"{plan.city.short}示例{brand}{e.chain.label}{rng.choice(forms)}"
            row[i_park] = plan.code
            row[i_roles] = _LIST_SEP.join(e.roles)
            row[i_segs] = _LIST_SEP.join(seg.notation for seg in e.segments)
            late_entry = len(years) > 1 and rng.random() < late
            start = rng.randint(years[0] + 1, years[-1]) if late_entry else years[0]
            for y in years:
                noise = math.exp(rng.gauss(0, noise_sd))
                if y < start:
                    continue
                r = row.copy()
                r[i_year] = str(y)
                r[i_rev] = f"{max(e.weight * revenue[y] * noise, 0.01):.2f}"
                r[i_src] = self.sources[y]
                s.write(r)

    def close(self) -> int:
        self.sheet.close()
        return self.sheet.rows


def _write_projects(out: Path, plans: Sequence[_Plan], planner: _Planner, seed: int | str) -> int:
    s = _Sheet(out, "projects")
    cal, v = calibration()["projects"], planner.vocab
    src = calibration()["sources"]["projects"]
    brands: list[str] = calibration()["names"]["brands"]
    bands = bonus_bands()
    if not bands and any(p.flagship_bands for p in plans):
        raise GenerationError("the policy defines no bonus project bands (ps:minInvestment, 三.2 加分项目)")
    years = planner.years
    kinds, statuses = list(v.project_kinds), list(v.statuses)
    yes_no = ["是", "否", ""]
    known = [float(cal["known"][0]), float(cal["known"][1])]
    known.append(max(0.0, 1 - sum(known)))
    landmark = _local(PS.LandmarkProject)
    weak = _local(PS.WeakLinkProject)
    for p in plans:
        rng = random.Random(f"{seed}/projects/{p.code}")
        n = rng.randint(int(cal["per_park"][0]), int(cal["per_park"][1]))
        n = max(n, len(p.flagship_bands))
        for i in range(n):
            flagship = p.flagship_bands[i] if i < len(p.flagship_bands) else None
            if flagship is not None:
                lo, hi = cal["flagship"]
                inv = float(bands[min(flagship, len(bands)) - 1]) * rng.uniform(lo, hi)
                kind_keys = [landmark]
            else:
                inv = rng.lognormvariate(math.log(cal["investment_median"]), cal["investment_sigma"])
                kind_keys = [_weighted(rng, kinds, cal["kind_weights"])]
                if rng.random() < float(cal["two_kinds"]):
                    extra = _weighted(rng, kinds, cal["kind_weights"])
                    if extra not in kind_keys:
                        kind_keys.append(extra)
            inv = min(max(inv, float(cal["investment_min"])), float(cal["investment_max"]))
            if rng.random() < float(cal["on_chain"]) or flagship is not None:
                chain = rng.choice(p.chains)
                absent = [x for x in chain.segments if x not in p.present[chain.notation]]
                if weak in kind_keys and absent and rng.random() < float(cal["gap_filling"]):
                    seg = rng.choice(absent)
                else:
                    seg = rng.choice(p.present[chain.notation])
            else:
                chain = rng.choice([c for c in v.chains if c not in p.chains] or list(v.chains))
                seg = rng.choice(chain.segments)
            status = _weighted(rng, statuses, cal["status_weights"])
            if status == _local(PS.StatusCompleted):
                start = str(rng.randint(years[0] - 3, years[-1] - 1))
            elif status == _local(PS.StatusUnderConstruction):
                start = str(rng.randint(years[0] - 1, years[-1]))
            else:
                start = rng.choice([str(years[-1]), str(years[-1] + 1), ""])
            label = re.sub(r"（[^）]*）|\s", "", seg.label)
            row = s.blank(src)
            for key, value in (
                ("project", f"{p.code}-XM{i + 1:02d}"),
                ("name", f"{p.county.label}示例{rng.choice(brands)}{label}{rng.choice(cal['suffixes'])}项目"),
                ("park", p.code), ("investment", f"{inv:.2f}"), ("chain", chain.label),
                ("segment", seg.notation),
                ("kind", _LIST_SEP.join(v.project_kinds[k] for k in kind_keys)),
                ("status", v.statuses[status]), ("start_year", start),
                ("mature", rng.choices(yes_no, weights=known)[0]),
                ("library", rng.choices(yes_no, weights=known)[0]),
            ):
                row[s.pos[key]] = value
            s.write(row)
    s.close()
    return s.rows


def _write_incidents(out: Path, plans: Sequence[_Plan], planner: _Planner, seed: int | str,
                     majors: bool) -> int:
    s = _Sheet(out, "incidents")
    cal, v = calibration()["incidents"], planner.vocab
    src = calibration()["sources"]["incidents"]
    years = planner.years
    first = years[0] - _veto_window() + 1
    chances = [(_local(PS.SeverityGeneral), float(cal["general"])),
               (_local(PS.SeverityLarger), float(cal["larger"]))]
    if majors:
        chances.append((_local(PS.SeverityMajor), float(cal["major"])))
    types = list(v.incident_types)
    for p in plans:
        rng = random.Random(f"{seed}/incidents/{p.code}")
        found: list[tuple[str, str, dt.date]] = list(p.incidents)
        if not p.scenario:
            for year in range(first, years[-1] + 1):
                for sev, chance in chances:
                    if rng.random() < chance:
                        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
                        found.append((rng.choice(types), sev, day))
        for n, (itype, sev, day) in enumerate(sorted(found, key=lambda x: (x[2], x[0], x[1])), start=1):
            row = s.blank(src)
            word, severity = v.incident_types[itype], v.severities[sev]
            for key, value in (("incident", f"{p.code}-SJ{n:02d}"), ("park", p.code), ("type", word),
                               ("severity", severity), ("date", day.isoformat()),
                               ("description", f"园区内一家企业发生{severity}{word}事件（虚构）")):
                row[s.pos[key]] = value
            s.write(row)
    s.close()
    return s.rows


def _write_designations(out: Path, plans: Sequence[_Plan], planner: _Planner, seed: int | str) -> int:
    s = _Sheet(out, "designations")
    cal, v = calibration()["designations"], planner.vocab
    src = calibration()["sources"]["designations"]
    years = planner.years
    kinds, levels = list(v.designation_kinds), list(v.admin_levels)
    for p in plans:
        rng = random.Random(f"{seed}/designations/{p.code}")
        held = list(p.designations)
        if not p.scenario and rng.random() < float(cal["chance"]):
            for _ in range(2 if rng.random() < float(cal["second"]) else 1):
                kind = _weighted(rng, kinds, cal["kind_weights"])
                level = _weighted(rng, levels, cal["level_weights"])
                held.append((kind, level, rng.randint(years[0] - int(cal["years_before"]), years[-1])))
        seen: set[tuple[str, str]] = set()
        for kind, level, year in held:
            if (kind, level) in seen:
                continue
            seen.add((kind, level))
            row = s.blank(src)
            for key, value in (("park", p.code), ("kind", v.designation_kinds[kind]),
                               ("level", v.admin_levels[level]), ("year", str(year))):
                row[s.pos[key]] = value
            s.write(row)
    s.close()
    return s.rows


# ---------------------------------------------------------------------------------------------- datasets
def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders; deterministic)."""
    w = sum(weights) or 1.0
    exact = [total * x / w for x in weights]
    out = [int(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _spread_enterprises(plans: Sequence[_Plan], total: int, year: int) -> None:
    """Give each park its number of enterprises: more in bigger parks (by the square root of revenue)."""
    counts = _allocate(total, [math.sqrt(float(p.revenue[year])) for p in plans])
    for p, n in zip(plans, counts, strict=True):
        p.enterprises = n


def _write_all(out: Path, plans: list[_Plan], planner: _Planner, seed: int | str, majors: bool,
               progress: Progress | None) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    plans.sort(key=lambda p: (p.city.code, len(p.code), p.code))
    counts: dict[str, int] = {}
    n = len(plans)

    def tick(stage: str, done: int) -> None:
        if progress is not None:
            progress(stage, done, n)

    # each stage reports its own progress, in parks, from 0 to all of them
    simple: list[tuple[str, str, Callable[[], int]]] = [
        ("parks", "园区 / parks", lambda: _write_parks(out, plans)),
        ("indicators", "指标 / indicators", lambda: _write_indicators(out, plans, planner.years)),
    ]
    for kind, stage, write in simple:
        tick(stage, 0)
        counts[FILES[kind]] = write()
        tick(stage, n)
    writer = _EnterpriseWriter(out, planner, seed)
    every = max(1, n // 100)
    for i, p in enumerate(plans):
        if i % every == 0:
            tick("企业 / enterprises", i)
        writer.park(p)
    counts[FILES["enterprises"]] = writer.close()
    tick("企业 / enterprises", n)
    simple = [
        ("projects", "项目 / projects", lambda: _write_projects(out, plans, planner, seed)),
        ("incidents", "事件 / incidents", lambda: _write_incidents(out, plans, planner, seed, majors)),
        ("designations", "认定 / designations", lambda: _write_designations(out, plans, planner, seed)),
    ]
    for kind, stage, write in simple:
        tick(stage, 0)
        counts[FILES[kind]] = write()
        tick(stage, n)
    return counts


def _check_years(years: tuple[int, int]) -> None:
    a, b = years
    if a > b:
        raise GenerationError(f"years {a}-{b}: the first year is after the last")
    if a < 2000 or b > 2100:
        raise GenerationError(f"years {a}-{b} are outside 2000-2100")


def generate_dataset(out: Path, parks: int, years: tuple[int, int], seed: int, enterprises: int | None = None,
                     progress: Progress | None = None) -> dict[str, int]:
    """Write parks, indicators, enterprises, projects, incidents and designations (.csv) into ``out``.

    Args:
        out: the folder to write into (created when missing; files of the same names are replaced).
        parks: how many parks (at least 1); the first eleven go one to each 设区市.
        years: first and last year, inclusive; incidents start earlier, to cover the first year's veto window.
        seed: the same seed, sizes and calibration always give the same bytes.
        enterprises: how many enterprises in all; None means about 50 per park. Each has one row per year.
        progress: called as ``progress(stage, done, total)`` now and then.

    Returns:
        The number of data rows written per file name.

    Raises:
        GenerationError: the sizes or years cannot make a dataset.
    """
    if parks < 1:
        raise GenerationError("at least one park is needed")
    if enterprises is not None and enterprises < 0:
        raise GenerationError("the number of enterprises cannot be negative")
    _check_years(years)
    cal = calibration()
    planner = _Planner(seed, years, float(cal["values"]["missing_rate"]))
    cities = list(planner.vocab.cities)
    city_w = [_weight(cal["parks"]["city_weights"], c.code) for c in cities]
    plans: list[_Plan] = []
    for i in range(parks):
        city = cities[i] if i < len(cities) else planner.rng.choices(cities, weights=city_w)[0]
        if progress is not None and i % max(1, parks // 20) == 0:
            progress("规划 / planning", i, parks)
        plan = planner.new_park(i, city, None, None)
        planner.evolve(plan)
        planner.values(plan)
        plans.append(plan)
    if progress is not None:
        progress("规划 / planning", parks, parks)
    total = cal["enterprises"]["per_park"] * parks if enterprises is None else enterprises
    _spread_enterprises(plans, total, planner.years[-1])
    return _write_all(out, plans, planner, seed, True, progress)


def _scenario_plan(planner: _Planner, index: int, spec: Mapping[str, Any]) -> _Plan:
    years = planner.years
    v = planner.vocab
    for key in ("quality", "revenue"):
        if len(spec[key]) != len(years):
            raise GenerationError(f"scenario {spec['name']}: {key} needs one entry per year "
                                  f"{years[0]}-{years[-1]}")
    city = next((c for c in v.cities if c.code == str(spec["city"])), None)
    if city is None:
        raise GenerationError(f"scenario {spec['name']}: unknown city {spec['city']}")
    revenue = {}
    for y, (level, factor) in zip(years, spec["revenue"], strict=True):
        rules = _rules(_edition_for(y))
        revenue[y] = (rules.t(rules.scale, int(level)) * _dec(factor)).quantize(_steps()[rules.scale])
    plan = planner.new_park(index, city, revenue[years[0]], int(spec["quality"][0]))
    plan.scenario = str(spec["name"])
    plan.revenue = revenue
    plan.quality = {y: int(q) for y, q in zip(years, spec["quality"], strict=True)}
    plan.relaxed_years = {int(y) for y in spec.get("relaxed", [])}
    codes = {i.code for i in indicators()}
    for y, missing in spec.get("missing", {}).items():
        unknown = set(missing) - codes
        if unknown:
            raise GenerationError(f"scenario {spec['name']}: unknown indicators {sorted(unknown)}")
        plan.missing[int(y)] = set(missing)
    by_label = {label: key for key, label in v.roles.items()}
    for label in spec.get("bonus_roles", []):
        if label not in by_label:
            raise GenerationError(f"scenario {spec['name']}: unknown role {label}")
        plan.bonus_roles.append(label)
    plan.flagship_bands = [int(b) for b in spec.get("flagship_bands", [])]
    types = {word: key for key, word in v.incident_types.items()}
    severities = {label: key for key, label in v.severities.items()}
    for itype, severity, when in spec.get("incidents", []):
        if itype not in types or severity not in severities:
            raise GenerationError(f"scenario {spec['name']}: unknown incident {itype} {severity}")
        day = (dt.date(years[-1] - _veto_window(), 12, 31) if when == "edge"
               else dt.date.fromisoformat(str(when)))
        plan.incidents.append((types[itype], severities[severity], day))
    kinds = {label: key for key, label in v.designation_kinds.items()}
    levels = {label: key for key, label in v.admin_levels.items()}
    for kind, level, year in spec.get("designations", []):
        if kind not in kinds or level not in levels:
            raise GenerationError(f"scenario {spec['name']}: unknown designation {kind} {level}")
        plan.designations.append((kinds[kind], levels[level], int(year)))
    return plan


def write_sample(out: Path) -> dict[str, int]:
    """Write the bundled sample dataset (deterministic) — what is committed in ``data/sample/``.

    The calibration's ``[sample]`` table says how many parks and years, the seed, and the scenario parks that
    exhibit the policy's rules; the other parks are drawn as :func:`generate_dataset` draws them.

    Returns:
        The number of data rows written per file name.
    """
    cal = calibration()
    sample = cal["sample"]
    years = (int(sample["years"][0]), int(sample["years"][1]))
    seed = int(sample["seed"])
    planner = _Planner(seed, years, float(sample["missing_rate"]))
    plans: list[_Plan] = []
    for i, spec in enumerate(sample["scenarios"]):
        plan = _scenario_plan(planner, i, spec)
        planner.values(plan)
        plans.append(plan)
    cities = list(planner.vocab.cities)
    city_w = [_weight(cal["parks"]["city_weights"], c.code) for c in cities]
    for i in range(len(plans), int(sample["parks"])):
        plan = planner.new_park(i, planner.rng.choices(cities, weights=city_w)[0], None, None)
        planner.evolve(plan)
        planner.values(plan)
        plans.append(plan)
    total = int(cal["enterprises"]["per_park"]) * len(plans)
    _spread_enterprises(plans, total, years[-1])
    return _write_all(out, plans, planner, seed, bool(sample["major_incidents"]), None)
