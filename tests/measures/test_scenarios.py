"""Policy cases as data: every case of tests/scenarios/measures/*.json is answered from a store holding its facts;
the answer (per project where the measure is per project), the missing facts and the reasons must be the expected
ones. Failures print the whole trace. Every measure and obligation has a qualifying and a non-qualifying case, and an
undetermined one where it can have one."""

from __future__ import annotations

from collections import defaultdict

import pytest

from reasoner.measures import evaluate, provisions
from reasoner.policy import Readings
from reasoner.store import OxigraphStore
from tests.measures.conftest import CASES, trace_text
from tests.measures.scenario import Case


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_scenario(c: Case, scenario_store: OxigraphStore) -> None:
    answers = evaluate(scenario_store, c.year, as_of=c.as_of, park=c.code, readings=c.readings)
    mine = [a for a in answers if a.provision.code == c.measure]
    where = f"{c.id} ({c.clause})\n{trace_text(mine or answers)}"
    e = c.expect
    if e.get("absent"):
        assert not mine, f"{c.measure} should not be in force\n{where}"
        return
    assert mine, f"{c.measure} missing from the answers\n{where}"
    if "answers" in e:
        assert [a.answer.value for a in mine] == e["answers"], where
    if "answer" in e:
        assert len(mine) == 1 and mine[0].answer.value == e["answer"], where
    words_missing = " ".join(m for a in mine for m in a.missing)
    for phrase in e.get("missing", []):
        assert phrase in words_missing, f"“{phrase}” not among the missing facts: {words_missing}\n{where}"
    words_because = " ".join(b for a in mine for b in a.because)
    for phrase in e.get("because", []):
        assert phrase in words_because, f"“{phrase}” not in the reasons: {words_because}\n{where}"
    for a in mine:
        assert a.provision.clause and a.conditions, where
        if a.answer.value == "undetermined":
            assert a.missing, f"an undetermined answer names what it lacks\n{where}"


def test_every_provision_has_yes_and_no_cases_and_undetermined_where_possible() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for c in CASES:
        for v in ([c.expect["answer"]] if "answer" in c.expect else c.expect.get("answers", [])):
            seen[c.measure].add(v)
    can_be_undetermined = {code for code, p in provisions().items() if code != "O2"}
    problems = [f"{code}: {sorted(seen[code])}" for code in provisions()
                if not {"yes", "no"} <= seen[code]
                or (code in can_be_undetermined and "undetermined" not in seen[code])]
    assert not problems, "provisions without enough scenarios:\n" + "\n".join(problems)


def test_all_parks_at_once_agree_with_one_park_at_a_time(scenario_store: OxigraphStore) -> None:
    """The all-parks queries (ps:selectQuery) and the one-park queries (ps:parkQuery) answer every case alike."""
    groups: dict[tuple[int, object, Readings], list[Case]] = defaultdict(list)
    for c in CASES:
        groups[(c.year, c.as_of, c.readings)].append(c)
    for (year, as_of, readings), cs in groups.items():
        batch = {(a.code, a.provision.code, a.project): a.answer for a in
                 evaluate(scenario_store, year, as_of=as_of, readings=readings)}  # type: ignore[arg-type]
        for c in cs:
            one = evaluate(scenario_store, year, as_of=c.as_of, park=c.code, readings=readings)
            for a in one:
                assert batch[(a.code, a.provision.code, a.project)] is a.answer, f"{c.id}\n{trace_text([a])}"
