"""Owns the drawing of parks: place, code and name, leading chains and the segments present, first-year revenue
and quality level, and their trajectory over the years (growth, a step up or down now and then); then the
indicator values (:mod:`.values`) and the number of enterprises per park.

One :class:`Planner` serves a dataset: it keeps the serial numbers, the names taken, how many parks declared each
chain and the segments no park covers, and draws everything from one generator seeded ``"<seed>/plan"``, in a fixed
order, so the same seed always gives the same parks.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from decimal import Decimal

from ..policy import LEVELS
from .calibration import allocate, calibration, dec, level_weights, weight, weighted
from .plan import Plan
from .values import grid, place_values, steps
from .vocabulary import Chain, City, Region, edition_for, indicators, rules, vocab


class Planner:
    """Draws the parks of a dataset: place, chains, revenue and quality per year, indicator values.

    Args:
        seed: the dataset's seed.
        years: first and last year, inclusive.
        missing_rate: the chance an indicator cell is left empty.
    """

    def __init__(self, seed: int | str, years: tuple[int, int], missing_rate: float) -> None:
        self.cal = calibration()
        self.vocab = vocab()
        self.years = list(range(years[0], years[1] + 1))
        self.rng = random.Random(f"{seed}/plan")
        self.missing_rate = missing_rate
        self.serials: dict[str, int] = {}
        self.names: set[str] = set()
        self.declared: dict[str, int] = {}
        segs = [s for c in self.vocab.chains for s in c.segments]
        k = min(int(self.cal["parks"]["uncovered_segments"]), len(segs))
        # segments no park has an enterprise in: the province shows chain gaps, as the chain analysis looks for
        self.uncovered = frozenset(s.notation for s in self.rng.sample(segs, k))

    # -- place and identity
    def _code(self, city: City) -> str:
        self.serials[city.code] = self.serials.get(city.code, 0) + 1
        return f"ZJ-{city.abbreviation}-{self.serials[city.code]:03d}"

    def _name(self, county: Region, type_label: str) -> str:
        brands: list[str] = self.cal["names"]["brands"]
        kind = re.sub(r"^(国家级|省级|市级|县级|其他|已完成整合提升的)", "", type_label)
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

    def _chains(self, index: int) -> tuple[list[Chain], list[bool]]:
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

    def _segments(self, plan: Plan) -> None:
        lo, hi = self.cal["parks"]["segments_present"]
        for c in plan.chains:
            eligible = [s for s in c.segments if s.notation not in self.uncovered]
            n = len(c.segments)
            k = max(1, min(round(n * self.rng.uniform(lo, hi)), n - 1 if n > 1 else 1, len(eligible)))
            present = sorted(self.rng.sample(eligible, k), key=c.segments.index)
            plan.present[c.notation] = present
            plan.thin[c.notation] = self.rng.choice(present) if k > 1 else None

    # -- the park and its years
    def new_park(self, index: int, city: City, revenue0: Decimal | None, quality0: int | None,
                 type_key: str | None = None) -> Plan:
        """A park with its place, name, chains and first-year revenue and quality (drawn when not given).

        Args:
            index: the park's position in the dataset (its first chain goes round the ten in turn).
            city: its 设区市.
            revenue0: its first-year revenue (亿元), or None to draw it.
            quality0: its first-year quality level (0 = below three-star), or None to draw it by revenue band.
            type_key: its park type (local name), or None to draw it.
        """
        cal, rng = self.cal, self.rng
        county = rng.choice(city.counties)
        if type_key is None:
            keys = [k for k, _ in self.vocab.park_types]
            type_key = weighted(rng, keys, cal["parks"]["type_weights"])
        type_label = dict(self.vocab.park_types)[type_key]
        chains, anchored = self._chains(index)
        a = cal["area"]
        area = min(max(rng.lognormvariate(math.log(a["median"]), a["sigma"]), a["min"]), a["max"])
        r = cal["revenue"]
        if revenue0 is None:
            x = rng.lognormvariate(math.log(r["median"]), r["sigma"])
            x *= weight(cal["parks"]["type_revenue"], type_key)
            revenue0 = dec(round(min(max(x, r["min"]), r["max"]), 2))
        first = rules(edition_for(self.years[0]))
        if quality0 is None:
            if revenue0 >= first.t(first.scale, LEVELS[-1]):
                band = "top"
            elif revenue0 >= first.t(first.scale, LEVELS[0]):
                band = "mid"
            else:
                band = "small"
            levels, weights = level_weights(cal["levels"][band])
            quality0 = rng.choices(levels, weights=weights)[0]
        plan = Plan(code=self._code(city), name=self._name(county, type_label), type_key=type_key,
                    type_label=type_label, city=city, county=county, chains=chains, anchored=anchored,
                    area=dec(round(area, 1)), revenue={self.years[0]: revenue0},
                    quality={self.years[0]: quality0})
        self._segments(plan)
        v = cal["values"]
        others = list(first.others)
        # more capped (or failing) indicators than the relaxation rule may relax: the next level (or three
        # stars) is missed for sure
        beyond = first.max_relaxed + 1
        plan.caps = tuple(rng.sample(others, min(max(int(v["capped"]), beyond), len(others))))
        failing = max(rng.randint(int(v["failing_min"]), int(v["failing_max"])), beyond)
        plan.failing = tuple(rng.sample(others, min(failing, len(others))))
        relaxable = [c for c in others if c not in plan.caps and c in first.listed]
        plan.relax_indicator = rng.choice(relaxable or others)
        plan.green_fail = rng.choice(first.greens) if first.greens and rng.random() < v["green_fail"] else ""
        bm = v["benchmarks"]
        step_of = steps()
        for code in first.greens:
            unit = next(i.unit_symbol for i in indicators() if i.code == code)
            lo, hi = bm[unit]
            plan.benchmarks[code] = grid(rng.random(), dec(lo), dec(hi), step_of[code])
        return plan

    def evolve(self, plan: Plan) -> None:
        """Revenue and quality for the years after the first: growth, and now and then a step up or down."""
        r, lv = self.cal["revenue"], self.cal["levels"]
        order = [0, *LEVELS]
        for prev, year in zip(self.years, self.years[1:], strict=False):
            if year not in plan.revenue:
                grown = float(plan.revenue[prev]) * (1 + self.rng.gauss(r["growth_mean"], r["growth_sd"]))
                plan.revenue[year] = dec(round(min(max(grown, r["min"]), r["max"]), 2))
            if year not in plan.quality:
                i = order.index(plan.quality[prev])
                u = self.rng.random()
                if u < lv["step_up"]:
                    i = min(i + 1, len(order) - 1)
                elif u < lv["step_up"] + lv["step_down"]:
                    i = max(i - 1, 0)
                plan.quality[year] = order[i]

    def values(self, plan: Plan) -> None:
        """Every indicator value of every year (:func:`.values.place_values`), drawn from this planner."""
        place_values(plan, self.years, self.rng, self.missing_rate)


def spread_enterprises(plans: Sequence[Plan], total: int, year: int) -> None:
    """Give each park its number of enterprises: more in bigger parks (by the square root of ``year``'s revenue)."""
    counts = allocate(total, [math.sqrt(float(p.revenue[year])) for p in plans])
    for p, n in zip(plans, counts, strict=True):
        p.enterprises = n
