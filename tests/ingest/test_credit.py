"""GB 32100 check characters."""

from __future__ import annotations

import pytest

from reasoner.ingest.credit import check_character, credit_code_problem


@pytest.mark.parametrize("code", ["91330000MA27XXXXXX"[:17], "91330109000000001"])
def test_computed_check_character_validates(code: str) -> None:
    full = code + check_character(code)
    assert credit_code_problem(full) is None, full


def test_published_example_code() -> None:
    # the example code printed in GB 32100-2015's explanatory material
    assert credit_code_problem("91350100M000100Y43") is None


@pytest.mark.parametrize(("code", "why"), [
    ("9133010900000000", "length"),
    ("91330109000000001I", "characters"),
    ("91ABCDEF0000000010", "division code"),
])
def test_malformed_codes(code: str, why: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and why in problem, problem


def test_wrong_check_character() -> None:
    base = "91330109000000001"
    good = check_character(base)
    wrong = next(c for c in "0123456789" if c != good)
    problem = credit_code_problem(base + wrong)
    assert problem is not None and "check character" in problem
