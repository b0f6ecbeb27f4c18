"""Owns the general generator: a dataset of any number of parks, years and enterprises from a seed, every park
drawn by the planner (no scenario parks; 重大 incidents may occur)."""

from __future__ import annotations

from pathlib import Path

from .calibration import calibration, weight
from .errors import GenerationError
from .plan import Plan
from .planner import Planner, spread_enterprises
from .writers import Progress, write_all


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
    planner = Planner(seed, years, float(cal["values"]["missing_rate"]))
    cities = list(planner.vocab.cities)
    city_w = [weight(cal["parks"]["city_weights"], c.code) for c in cities]
    plans: list[Plan] = []
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
    spread_enterprises(plans, total, planner.years[-1])
    return write_all(out, plans, planner, seed, True, progress)
