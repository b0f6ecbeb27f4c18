"""Owns the bundled sample (``data/sample``): its hand-made scenario parks, each exhibiting one rule of the policy
— a veto (三.3), the edge of the veto window, the relaxation rule (三.2), an edition difference, a missing value, a
promotion, a fall — and :func:`write_sample`, which draws the other parks as the general generator does.

The scenarios are data: the calibration's ``[[sample.scenarios]]`` give each one's city, quality levels and revenue
per year (a level's scale threshold × a factor), and its extras written as the templates write them (role, incident
and designation labels, the stages of the rating procedure its levels reached), checked here against the
vocabulary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .calibration import calibration, dec, weight
from .errors import GenerationError
from .plan import Plan
from .planner import Planner, spread_enterprises
from .values import steps
from .vocabulary import edition_for, indicators, rules, veto_window
from .writers import write_all


def scenario_plan(planner: Planner, index: int, spec: Mapping[str, Any]) -> Plan:
    """The plan of one scenario park, from its ``[[sample.scenarios]]`` entry (values not yet placed).

    Args:
        planner: the sample's planner (its years are the scenario's).
        index: the park's position in the sample.
        spec: the scenario's table.

    Raises:
        GenerationError: a list has not one entry per year, or a city, indicator, role, incident or designation is
            not in the vocabulary.
    """
    years = planner.years
    v = planner.vocab
    for field in ("quality", "revenue"):
        if len(spec[field]) != len(years):
            raise GenerationError(f"scenario {spec['name']}: {field} needs one entry per year "
                                  f"{years[0]}-{years[-1]}")
    city = next((c for c in v.cities if c.code == str(spec["city"])), None)
    if city is None:
        raise GenerationError(f"scenario {spec['name']}: unknown city {spec['city']}")
    revenue = {}
    for y, (level, factor) in zip(years, spec["revenue"], strict=True):
        r = rules(edition_for(y))
        revenue[y] = (r.t(r.scale, int(level)) * dec(factor)).quantize(steps()[r.scale])
    type_key = None
    if "type" in spec:
        types = {label: key for key, label in v.park_types}
        if spec["type"] not in types:
            raise GenerationError(f"scenario {spec['name']}: unknown park type {spec['type']}")
        type_key = types[spec["type"]]
    plan = planner.new_park(index, city, revenue[years[0]], int(spec["quality"][0]), type_key)
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
    if "manufacturing_led" in spec:
        plan.manufacturing_led = str(spec["manufacturing_led"])
    types = {word: key for key, word in v.incident_types.items()}
    severities = {label: key for key, label in v.severities.items()}
    for itype, severity, when in spec.get("incidents", []):
        if itype not in types or severity not in severities:
            raise GenerationError(f"scenario {spec['name']}: unknown incident {itype} {severity}")
        # "edge": the last day outside the last year's veto window (三.3), which must not veto
        day = (dt.date(years[-1] - veto_window(), 12, 31) if when == "edge"
               else dt.date.fromisoformat(str(when)))
        plan.incidents.append((types[itype], severities[severity], day))
    kinds = {label: key for key, label in v.designation_kinds.items()}
    levels = {label: key for key, label in v.admin_levels.items()}
    for kind, level, year in spec.get("designations", []):
        if kind not in kinds or level not in levels:
            raise GenerationError(f"scenario {spec['name']}: unknown designation {kind} {level}")
        plan.designations.append((kinds[kind], levels[level], int(year)))
    stages = {label: key for key, label in v.stages.items()}
    stars = {label: key for key, label in v.star_levels.items()}
    for year, stage, level, day, document in spec.get("announcements", []):
        if stage not in stages or level not in stars:
            raise GenerationError(f"scenario {spec['name']}: unknown announcement {stage} {level}")
        plan.announcements.append((int(year), stages[stage], stars[level], dt.date.fromisoformat(str(day)),
                                   str(document)))
    return plan


def write_sample(out: Path) -> dict[str, int]:
    """Write the bundled sample dataset (deterministic) — what is committed in ``data/sample/``.

    The calibration's ``[sample]`` table says how many parks and years, the seed, and the scenario parks that
    exhibit the policy's rules; the other parks are drawn as :func:`~reasoner.synthetic.generate_dataset` draws
    them. The late scenarios (``[[sample.late_scenarios]]``, such as a park outside the scope of 三.1) are drawn
    after them.

    Returns:
        The number of data rows written per file name.

    Raises:
        GenerationError: a scenario does not fit the vocabulary or the years.
    """
    cal = calibration()
    sample = cal["sample"]
    years = (int(sample["years"][0]), int(sample["years"][1]))
    seed = int(sample["seed"])
    planner = Planner(seed, years, float(sample["missing_rate"]))
    plans: list[Plan] = []
    for i, spec in enumerate(sample["scenarios"]):
        plan = scenario_plan(planner, i, spec)
        planner.values(plan)
        plans.append(plan)
    cities = list(planner.vocab.cities)
    city_w = [weight(cal["parks"]["city_weights"], c.code) for c in cities]
    for i in range(len(plans), int(sample["parks"])):
        plan = planner.new_park(i, planner.rng.choices(cities, weights=city_w)[0], None, None)
        planner.evolve(plan)
        planner.values(plan)
        plans.append(plan)
    per_park = int(cal["enterprises"]["per_park"])
    spread_enterprises(plans, per_park * len(plans), years[-1])
    # drawn after the other parks, in the city written last, with their own number of enterprises: adding one
    # changes no other park's rows (nor any enterprise's credit code)
    for spec in sample.get("late_scenarios", []):
        plan = scenario_plan(planner, len(plans), spec)
        planner.values(plan)
        plan.enterprises = int(spec.get("enterprises", per_park))
        plans.append(plan)
    return write_all(out, plans, planner, seed, bool(sample["major_incidents"]), None)
