"""The rating procedure beside the computation (三.3): only the latest stage of a park-year counts, only a published
level is the park's rating, and every disagreement with the computed level carries its reason — a criterion missed
at the published level, a veto, a missing value — or says there is no published level yet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reasoner.namespaces import PARK, PS
from reasoner.policy import Stage, policy
from reasoner.rating import Rating, load_rules, rate_facts
from reasoner.rating.announced import Agreement, Announcement, announcements, latest, standing, standings
from reasoner.rating.model import Incident, Observation, ParkFacts
from reasoner.store import OxigraphStore
from tests.rating.scenario import threshold

YEAR = 2024


def _stage(local: str) -> Stage:
    return policy().stage(str(PS[local]))


def record(level: int, stage: str = "StagePublished", document: str = "浙制高领〔2025〕1号（测试）") -> Announcement:
    return Announcement(iri=f"urn:test:{stage}", park=str(PARK["T-1"]), code="T-1", year=YEAR, level=level,
                        stage=_stage(stage), document=document, date=dt.date(2025, 3, 28), source="测试（合成）")


def park_year(base: float = 1.05, **changes: Decimal | None) -> ParkFacts:
    """A four-star park-year (every "at least" indicator at the four-star threshold × ``base``), with changes."""
    facts = ParkFacts(park=str(PARK["T-1"]), code="T-1", name="测试园（合成）", year=YEAR)
    for i in range(1, 10):
        code = f"I{i}"
        v = changes.get(code, threshold(code, 4, "2020-a") * Decimal(str(base)))
        if v is not None:
            facts.observations[code] = Observation(code, v, "", None, f"urn:obs:{code}", "测试统计（合成）")
    for code in ("I10", "I11"):
        facts.observations[code] = Observation(code, Decimal("0.3"), "", Decimal("0.5"), f"urn:obs:{code}", "")
    return facts


def rated(base: float = 1.05, **changes: Decimal | None) -> Rating:
    return rate_facts(park_year(base, **changes), load_rules(None, YEAR))


def test_a_published_level_above_the_data_names_the_criteria_it_misses() -> None:
    r = rated()
    assert r.level == 4, r.levels
    s = standing(r, [record(4, "StageApplication"), record(5)])
    assert (s.agreement, s.published, s.announced, s.computed) == (Agreement.HIGHER, True, 5, 4), s
    assert s.disagrees
    assert s.note.startswith("公布星级高于计算星级："), s.note
    failures = r.levels[5].failures
    assert failures, r.levels[5]
    for code in failures:
        assert f"{code} " in s.note and "未达五星级标准" in s.note, s.note
    assert "浙制高领〔2025〕1号（测试）" in s.note


def test_a_vetoed_park_published_at_a_level_says_the_veto() -> None:
    facts = park_year()
    facts.incidents.append(Incident("urn:inc:1", dt.date(2024, 5, 1), str(PS.SeverityMajor), str(PS.SafetyIncident)))
    r = rate_facts(facts, load_rules(None, YEAR))
    assert r.vetoed and r.level == 0
    s = standing(r, [record(4)])
    assert s.agreement is Agreement.HIGHER and "一票否决" in s.note and "指标达四星级" in s.note, s.note


def test_a_missing_value_behind_a_disagreement_is_named() -> None:
    r = rated(I6=None)
    s = standing(r, [record(4)])
    assert s.agreement is Agreement.HIGHER, s
    assert "I6" in s.note and "缺失" in s.note, s.note


def test_agreeing_lower_earlier_stages_and_no_record() -> None:
    r = rated()
    assert standing(r, [record(4)]).agreement is Agreement.AGREES
    lower = standing(r, [record(3)])
    assert lower.agreement is Agreement.LOWER and lower.note.startswith("公布星级低于计算星级"), lower.note
    pending = standing(r, [record(5, "StageApplication"), record(5, "StageProposedList")])
    assert (pending.agreement, pending.published, pending.announced) == (Agreement.PENDING, False, None), pending
    assert "尚未公布" in pending.note and "建议名单" in pending.note and not pending.disagrees, pending.note
    none = standing(r, [])
    assert none.agreement is Agreement.NONE and "尚未公布" in none.note, none.note


def test_only_the_latest_stage_counts() -> None:
    """A published level followed by nothing later counts; the order is the stages', not the rows'."""
    rows = [record(5), record(3, "StageApplication"), record(4, "StageReview")]
    last = latest(rows)
    assert last is not None and last.stage.label_zh == "公布", last
    assert standing(rated(), rows).announced == 5


def test_the_sample_shows_agreement_disagreement_and_earlier_stages(sample_store: OxigraphStore) -> None:
    from reasoner.rating import rate_store

    ratings = rate_store(sample_store, [YEAR])
    found = standings(ratings, announcements(sample_store, [YEAR]))
    by_code = {k[0].rsplit("/", 1)[-1]: s for k, s in found.items()}
    wz = by_code["ZJ-WZ-001"]
    assert (wz.computed, wz.announced, wz.agreement) == (3, 4, Agreement.HIGHER), wz
    assert "未达四星级标准" in wz.note, wz.note
    assert by_code["ZJ-HZ-001"].agreement is Agreement.AGREES, by_code["ZJ-HZ-001"]
    assert by_code["ZJ-ZS-001"].agreement is Agreement.PENDING and "建议名单" in by_code["ZJ-ZS-001"].note
    qz = by_code["ZJ-QZ-001"]
    assert qz.agreement is Agreement.PENDING and "一票否决" in qz.note, qz.note
    assert sum(s.agreement is Agreement.NONE for s in found.values()) > 50


@pytest.mark.parametrize("strict", [False, True])
def test_strictness_changes_the_computed_side_only(sample_store: OxigraphStore, strict: bool) -> None:
    from reasoner.rating import rate_store

    ratings = {r.code: r for r in rate_store(sample_store, [YEAR], strict=strict)}
    records = announcements(sample_store, [YEAR])
    jx = ratings["ZJ-JX-001"]
    s = standing(jx, records[(jx.park, YEAR)])
    assert s.announced == 4
    assert s.agreement is (Agreement.HIGHER if strict else Agreement.AGREES), s.note
    if strict:
        assert "I2" in s.note, s.note
