"""Owns the shape of a plausible province: ``calibration.toml`` beside this module, parsed once, and the helpers
that draw from its tables.

Nothing in the calibration is a policy number. It holds the province's development-zone statistics of 2020 (the
revenue of its economic-development zones: mean, skew, largest) and assumed ranges per park: the revenue and area
distributions, the mix of quality levels, where a value lies relative to its threshold (as a
share of the threshold, never the threshold itself), shares of chains, enterprises, roles, projects, incidents and
designations, and the words names are made of. Tables keyed by ontology individuals use the individual's local name
and give the others their ``default`` weight.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

_FILE = Path(__file__).with_name("calibration.toml")


@cache
def calibration() -> dict[str, Any]:
    """The calibration of the synthetic data (``calibration.toml`` beside this module), parsed once.

    Returns:
        The parsed tables; treat as read-only.
    """
    with _FILE.open("rb") as f:
        return tomllib.load(f)


def weight(table: Mapping[str, Any], key: str) -> float:
    """The weight of ``key`` in a calibration table, else the table's ``default``, else 0."""
    return float(table.get(key, table.get("default", 0.0)))


def dec(x: float | int | str) -> Decimal:
    """A calibration number as a Decimal, by its shortest decimal spelling (``0.1`` is ``Decimal('0.1')``)."""
    return Decimal(str(x))


def weighted(rng: random.Random, items: Sequence[str], weights: Mapping[str, Any]) -> str:
    """One of ``items`` drawn by their weights in a calibration table; the first when every weight is 0."""
    ws = [weight(weights, k) for k in items]
    if not any(ws):
        return items[0]
    return rng.choices(list(items), weights=ws)[0]


def level_weights(table: Mapping[str, Any]) -> tuple[list[int], list[float]]:
    """A level mix of ``[levels]`` (``{"5" = 0.12, ...}``) as star counts and their weights, in table order."""
    return [int(k) for k in table], [float(v) for v in table.values()]


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders; deterministic)."""
    w = sum(weights) or 1.0
    exact = [total * x / w for x in weights]
    out = [int(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out
