"""Owns the writing of the seven ingest templates: one writer per template (parks, indicators, enterprises,
projects, incidents, designations, announcements), each streaming its rows to a CSV file (UTF-8, no BOM, the
template's headers), and the made-up 统一社会信用代码 of the enterprises.

The parks' plans decide the parks, their years and values; what is drawn here (enterprises, projects, incidents,
designations) comes from one generator per park and template, seeded ``"<seed>/<template>/<park code>"``, so one
park's rows do not depend on how many parks come before it. Every row says it is synthetic: 数据性质 = 合成 and a
来源 starting “合成数据”.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..ingest.credit import check_character
from ..ingest.templates import SOURCE_HEADER, SYNTHETIC_HEADER, templates
from ..namespaces import PS
from .calibration import calibration, weight, weighted
from .errors import GenerationError
from .plan import Plan
from .planner import Planner
from .vocabulary import Chain, Segment, bonus_bands, edition_for, local_name, rules, veto_window

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, called now and then for a progress bar."""

FILES: dict[str, str] = {kind: f"{kind}.csv" for kind in
                         ("parks", "indicators", "enterprises", "projects", "incidents", "designations",
                          "announcements")}
"""The file written for each template kind."""

_LIST_SEP = "；"
_CREDIT_PREFIX = "91"
"""GB 32100 §4.1: registration authority 9 (market regulation), organisation type 1 (enterprise)."""
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11714 weights of the organisation code's check digit (characters 9–17 of a credit code)."""
_ORG_SPACE = 10**8
_ORG_STRIDE = 7919
"""A prime: serial × stride mod 10⁸ is a bijection, so organisation codes are unique and not sequential."""


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


class Sheet:
    """One CSV file being written: UTF-8 without BOM, the template's headers, rows streamed to disk."""

    def __init__(self, out: Path, kind: str) -> None:
        self.headers, self.pos = _positions(kind)
        self.file = (out / FILES[kind]).open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow(self.headers)
        self.rows = 0

    def blank(self, source: str) -> list[str]:
        """An empty row marked synthetic (数据性质 = 合成), with its 来源."""
        row = [""] * len(self.headers)
        row[self.pos[SOURCE_HEADER]] = source
        row[self.pos[SYNTHETIC_HEADER]] = calibration()["sources"]["synthetic"]
        return row

    def write(self, row: list[str]) -> None:
        """Write one data row."""
        self.writer.writerow(row)
        self.rows += 1

    def close(self) -> None:
        """Close the file; :attr:`rows` is the number of data rows written."""
        self.file.close()


def _fmt(d: Decimal) -> str:
    return format(d, "f")


def write_parks(out: Path, plans: Sequence[Plan]) -> int:
    """Write ``parks.csv``: one row per park (code, name, type, city, county, leading chains, area).

    Returns:
        The number of data rows written.
    """
    s = Sheet(out, "parks")
    src = calibration()["sources"]["parks"]
    for p in plans:
        row = s.blank(src)
        for key, value in (("park", p.code), ("name", p.name), ("type", p.type_label),
                           ("manufacturing_led", p.manufacturing_led), ("city", p.city.label),
                           ("county", p.county.label), ("chains", _LIST_SEP.join(c.label for c in p.chains)),
                           ("area", _fmt(p.area))):
            row[s.pos[key]] = value
        s.write(row)
    s.close()
    return s.rows


def write_indicators(out: Path, plans: Sequence[Plan], years: Sequence[int]) -> int:
    """Write ``indicators.csv``: one row per park and year, the values of the plan and the green indicators'
    benchmarks (表.10-11).

    Returns:
        The number of data rows written.
    """
    s = Sheet(out, "indicators")
    src = calibration()["sources"]["indicators"]
    greens = set(rules(edition_for(years[0])).greens)
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
    """One enterprise being drawn: its chain and segments, its size (a share of the park's revenue), roles."""

    chain: Chain
    segments: list[Segment]
    weight: float
    roles: list[str] = field(default_factory=list)
    on_chain: bool = True


class EnterpriseWriter:
    """Streams each park's enterprises, one row per enterprise and year, to ``enterprises.csv``."""

    def __init__(self, out: Path, planner: Planner, seed: int | str) -> None:
        self.sheet = Sheet(out, "enterprises")
        self.planner = planner
        self.seed = seed
        self.cal = calibration()["enterprises"]
        self.vocab = planner.vocab
        self.serial = 0
        self.offset = random.Random(f"{seed}/credit").randrange(_ORG_SPACE)
        src = calibration()["sources"]["enterprises"]
        self.sources = {y: src.format(year=y) for y in planner.years}
        roles = self.cal["roles"]
        self.plain_roles = [(self.vocab.roles[k], weight(roles, k)) for k in self.vocab.roles
                            if k not in self.vocab.anchor_roles and k not in self.vocab.bonus_roles
                            and weight(roles, k) > 0]
        first = [*self.vocab.anchor_roles, *self.vocab.bonus_roles]
        ordered = first + [k for k in self.vocab.roles if k not in first]
        self.role_order = {self.vocab.roles[k]: i for i, k in enumerate(ordered)}

    def _draw(self, plan: Plan, n: int, rng: random.Random) -> list[_Enterprise]:
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

    def _roles(self, plan: Plan, ents: list[_Enterprise], rng: random.Random) -> None:
        v, cal = self.vocab, self.cal
        anchors = [v.roles[k] for k in v.anchor_roles]
        for c, anchored in zip(plan.chains, plan.anchored, strict=True):
            on = [e for e in ents if e.on_chain and e.chain is c]
            if not anchored or not on:
                continue
            leader = v.roles[local_name(PS.RoleLeader)] if local_name(PS.RoleLeader) in v.anchor_roles else anchors[0]
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

    def park(self, plan: Plan) -> None:
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
        """Close ``enterprises.csv``.

        Returns:
            The number of data rows written.
        """
        self.sheet.close()
        return self.sheet.rows


def write_projects(out: Path, plans: Sequence[Plan], planner: Planner, seed: int | str) -> int:
    """Write ``projects.csv``: a few projects per park, mostly on its chains, some filling a missing segment; a
    scenario's flagship projects invest in a bonus band (三.2 加分项目) as the policy sets the bands.

    Returns:
        The number of data rows written.

    Raises:
        GenerationError: a plan asks for a flagship project and the policy defines no band.
    """
    s = Sheet(out, "projects")
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
    landmark = local_name(PS.LandmarkProject)
    weak = local_name(PS.WeakLinkProject)
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
                kind_keys = [weighted(rng, kinds, cal["kind_weights"])]
                if rng.random() < float(cal["two_kinds"]):
                    extra = weighted(rng, kinds, cal["kind_weights"])
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
            status = weighted(rng, statuses, cal["status_weights"])
            if status == local_name(PS.StatusCompleted):
                start = str(rng.randint(years[0] - 3, years[-1] - 1))
            elif status == local_name(PS.StatusUnderConstruction):
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


def write_incidents(out: Path, plans: Sequence[Plan], planner: Planner, seed: int | str, majors: bool) -> int:
    """Write ``incidents.csv``: a scenario's own incidents, else incidents drawn per year from the start of the
    first year's veto window (三.3); 重大 ones only when ``majors``.

    Returns:
        The number of data rows written.
    """
    s = Sheet(out, "incidents")
    cal, v = calibration()["incidents"], planner.vocab
    src = calibration()["sources"]["incidents"]
    years = planner.years
    first = years[0] - veto_window() + 1
    chances = [(local_name(PS.SeverityGeneral), float(cal["general"])),
               (local_name(PS.SeverityLarger), float(cal["larger"]))]
    if majors:
        chances.append((local_name(PS.SeverityMajor), float(cal["major"])))
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


def write_designations(out: Path, plans: Sequence[Plan], planner: Planner, seed: int | str) -> int:
    """Write ``designations.csv``: a scenario's own designations, else one or two drawn for some parks.

    Returns:
        The number of data rows written.
    """
    s = Sheet(out, "designations")
    cal, v = calibration()["designations"], planner.vocab
    src = calibration()["sources"]["designations"]
    years = planner.years
    kinds, levels = list(v.designation_kinds), list(v.admin_levels)
    for p in plans:
        rng = random.Random(f"{seed}/designations/{p.code}")
        held = list(p.designations)
        if not p.scenario and rng.random() < float(cal["chance"]):
            for _ in range(2 if rng.random() < float(cal["second"]) else 1):
                kind = weighted(rng, kinds, cal["kind_weights"])
                level = weighted(rng, levels, cal["level_weights"])
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


def write_announcements(out: Path, plans: Sequence[Plan], planner: Planner) -> int:
    """Write ``announcements.csv``: the stages of the rating procedure (三.3) a scenario's levels reached, by park,
    year and stage (the general generator's parks have none: the file then holds its header only).

    Returns:
        The number of data rows written.
    """
    s = Sheet(out, "announcements")
    v = planner.vocab
    src = calibration()["sources"]["announcements"]
    order = list(v.stages)
    for p in plans:
        for year, stage, level, day, document in sorted(p.announcements, key=lambda a: (a[0], order.index(a[1]))):
            row = s.blank(src)
            for key, value in (("park", p.code), ("year", str(year)), ("level", v.star_levels[level]),
                               ("document", document), ("date", day.isoformat()), ("stage", v.stages[stage])):
                row[s.pos[key]] = value
            s.write(row)
    s.close()
    return s.rows


def write_all(out: Path, plans: list[Plan], planner: Planner, seed: int | str, majors: bool,
              progress: Progress | None) -> dict[str, int]:
    """Write the seven templates of a dataset into ``out`` (created when missing), parks in code order per city.

    Args:
        out: the folder.
        plans: the parks, sorted here by city and code.
        planner: the planner that drew them (years, vocabulary, uncovered segments).
        seed: the dataset's seed.
        majors: whether drawn incidents may be 重大 (the sample leaves vetoes to its scenarios).
        progress: called as ``progress(stage, done, total)`` per stage, from 0 to all parks.

    Returns:
        The number of data rows written per file name.
    """
    out.mkdir(parents=True, exist_ok=True)
    plans.sort(key=lambda p: (p.city.code, len(p.code), p.code))
    counts: dict[str, int] = {}
    n = len(plans)

    def tick(stage: str, done: int) -> None:
        if progress is not None:
            progress(stage, done, n)

    # each stage reports its own progress, in parks, from 0 to all of them
    simple: list[tuple[str, str, Callable[[], int]]] = [
        ("parks", "园区 / parks", lambda: write_parks(out, plans)),
        ("indicators", "指标 / indicators", lambda: write_indicators(out, plans, planner.years)),
    ]
    for kind, stage, write in simple:
        tick(stage, 0)
        counts[FILES[kind]] = write()
        tick(stage, n)
    writer = EnterpriseWriter(out, planner, seed)
    every = max(1, n // 100)
    for i, p in enumerate(plans):
        if i % every == 0:
            tick("企业 / enterprises", i)
        writer.park(p)
    counts[FILES["enterprises"]] = writer.close()
    tick("企业 / enterprises", n)
    simple = [
        ("projects", "项目 / projects", lambda: write_projects(out, plans, planner, seed)),
        ("incidents", "事件 / incidents", lambda: write_incidents(out, plans, planner, seed, majors)),
        ("designations", "认定 / designations", lambda: write_designations(out, plans, planner, seed)),
        ("announcements", "评定程序 / announcements", lambda: write_announcements(out, plans, planner)),
    ]
    for kind, stage, write in simple:
        tick(stage, 0)
        counts[FILES[kind]] = write()
        tick(stage, n)
    return counts
