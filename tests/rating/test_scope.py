"""三.1 on the bundled sample: ZJ-LS-005, a county-level park whose indicators reach three stars, is 不在评价范围 —
not 未达三星级 — counted in no level, ranked nowhere, absent from the annual adjustment and the rectification list,
left out of the 2025 progress, written back without a level, and granted or obliged nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reasoner.measures import Verdict, evaluate
from reasoner.rating import Rating, rate_store
from reasoner.rating.adjust import adjust
from reasoner.rating.progress import progress
from reasoner.rating.rules import load_rules
from reasoner.rating.writeback import ntriples
from reasoner.store import OxigraphStore

CODE = "ZJ-LS-005"


def _by_code(ratings: list[Rating]) -> dict[str, Rating]:
    return {r.code: r for r in ratings}


def test_the_county_park_is_not_in_scope(sample_ratings: list[Rating]) -> None:
    for r in (r for r in sample_ratings if r.code == CODE):
        assert not r.in_scope and r.level == 0 and r.indicator_level == 3, (r.year, r.scope, r.levels)
        assert "园区类型为县级园区" in r.scope and "三.1" in r.scope, r.scope
        assert r.rank_in_level == 0 and not r.demonstration and not r.undetermined
        final = r.trace[-1]
        assert (final.observed, final.verdict, final.clause) == ("不在评价范围", "n/a", "三.1"), final
    others = [r for r in sample_ratings if r.code != CODE]
    assert all(r.in_scope for r in others), [r.code for r in others if not r.in_scope]


def test_it_counts_in_no_level_nor_rank(sample_store: OxigraphStore) -> None:
    ratings = rate_store(sample_store, [2024])
    inside = [r for r in ratings if r.in_scope]
    assert len(ratings) == 65 and len(inside) == 64
    assert Counter(r.level for r in inside) == {5: 5, 4: 9, 3: 17, 0: 33}
    threes = sorted(r.rank_in_level for r in inside if r.level == 3)
    assert threes == list(range(1, 18)), threes
    assert ratings[-1].code == CODE, "parks outside the scope come last"


def test_adjustment_and_progress_leave_it_out(sample_store: OxigraphStore) -> None:
    now, before = rate_store(sample_store, [2024]), rate_store(sample_store, [2023])
    adj = adjust(now, before, 2024)
    assert CODE not in {m.code for m in adj.movements} | {r.code for r in adj.rectify}
    share = next(g for g in progress(now, 2024) if g.detail.startswith("三星级及以上"))
    assert share.detail.endswith("参评 64 个园区"), share.detail


def test_written_back_without_a_level(sample_store: OxigraphStore) -> None:
    r = _by_code(rate_store(sample_store, [2024]))[CODE]
    now = dt.datetime.now(dt.UTC)
    data, _ = ntriples([r], load_rules(None, 2024), "urn:run", now, now)
    text = data.decode()
    assert "#starLevel>" not in text and '#inScope> "false"' in text, text[:500]
    assert "#indicatorStarLevel> <https://w3id.org/parkstar/def#ThreeStar>" in text


def test_no_measure_granted_nor_obligation(sample_store: OxigraphStore) -> None:
    answers = evaluate(sample_store, 2024, park=CODE)
    assert answers and all(a.answer is Verdict.NO for a in answers), [(a.provision.code, a.answer) for a in answers]
    for a in answers:
        assert any("不在评价范围（三.1）" in b for b in a.because), (a.provision.code, a.because)
