"""A malformed policy is refused with a clear error: each file of ``tests/fixtures/policy/invalid`` added to the
shipped shapes gives a :class:`PolicyError` naming the node and what is wrong (``cases.json``); each file of
``valid/`` loads and is read as written."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from reasoner.policy import AtLeast, BelowBenchmark, Policy, PolicyError, load_policy, shapes_graph
from reasoner.resources import ontology_graph
from tests.conftest import FIXTURES

VALID = FIXTURES / "policy" / "valid"
INVALID = FIXTURES / "policy" / "invalid"
CASES: dict[str, list[str]] = {k: v for k, v in json.loads((INVALID / "cases.json").read_text("utf-8")).items()
                               if not k.startswith("_")}


def _load(extra: Path) -> Policy:
    shapes = Graph()
    shapes += shapes_graph()
    shapes.parse(extra, format="turtle")
    return load_policy(ontology_graph(), shapes)


def test_every_invalid_file_has_a_case() -> None:
    assert set(CASES) == {p.name for p in INVALID.glob("*.ttl")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_invalid_policy_is_refused(name: str) -> None:
    fragment, node = CASES[name]
    with pytest.raises(PolicyError) as e:
        _load(INVALID / name)
    message = str(e.value)
    zh, sep, en = message.partition(" / ")
    assert sep and zh and en, f"a bilingual message, Chinese first: {message}"
    assert fragment in en and node in message, message


def test_a_new_edition_with_a_threshold() -> None:
    pol = _load(VALID / "criterion-with-threshold.ttl")
    (c,) = pol.criteria["2099-t"]
    assert isinstance(c, AtLeast) and (c.indicator, c.level, c.threshold) == ("I2", 3, Decimal(61)), c
    assert pol.edition("2099-t", 2099).default is False
    with pytest.raises(PolicyError, match="not for 2098"):
        pol.edition("2099-t", 2098)


def test_a_criterion_below_the_benchmark_has_no_threshold() -> None:
    (c,) = _load(VALID / "criterion-below-benchmark.ttl").criteria["2099-t"]
    assert isinstance(c, BelowBenchmark) and not hasattr(c, "threshold"), c


def test_a_parameter_valid_for_some_years() -> None:
    pol = _load(VALID / "parameter.ttl")
    p = pol.parameter("TestParameter", 2030)
    assert (p.value, p.indicators, p.valid_until) == (Decimal(7), ("I3", "I10"), 2031), p
    assert pol.value("TestParameter", 2031) == Decimal(7)
    for year in (2029, 2032):
        with pytest.raises(PolicyError, match=f"not valid for {year}") as e:
            pol.parameter("TestParameter", year)
        assert f"不适用于 {year} 年" in str(e.value)
