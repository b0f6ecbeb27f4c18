"""The province's progress against the 2025 goals and the annual adjustment: what the engine answers, as JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reasoner.app.schemas.base import dump
from reasoner.app.schemas.rating import AdjustmentAnswer, AdjustmentOut, GoalStatusOut
from reasoner.rating import rate_store
from reasoner.rating.adjust import adjust
from reasoner.rating.progress import progress
from reasoner.store import OxigraphStore


def test_progress(sample_client: TestClient) -> None:
    store: OxigraphStore = sample_client.app.state.store  # type: ignore[attr-defined]
    r = sample_client.get("/api/province/progress")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["year"] == 2024 and body["edition"] == "2020-a", body
    assert body["goals"] == [dump(GoalStatusOut.of(s)) for s in progress(rate_store(store, [2024]), 2024)], body
    demo = next(g for g in body["goals"] if g["goal"].endswith("DemonstrationParkCount") or "示范园区数" in g["label"])
    assert demo["actual"] == "5", demo
    r = sample_client.get("/api/province/progress", params={"year": 2023, "edition": "2020-c", "strict": "true"})
    assert r.status_code == 200 and r.json()["strict"] and r.json()["edition"] == "2020-c", r.text


def test_adjustment(sample_client: TestClient) -> None:
    r = sample_client.get("/api/province/adjustment", params={"year": 2024}, headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    moves = {m["park"]: m for m in body["movements"]}
    assert moves["ZJ-HZ-001"]["change"] == "upgraded" and moves["ZJ-HZ-001"]["after_label"] == "five-star", moves
    assert moves["ZJ-WZ-001"]["change"] == "downgraded", moves["ZJ-WZ-001"]
    assert moves["ZJ-ZS-001"]["change"] == "upgraded", moves["ZJ-ZS-001"]
    assert "ZJ-JH-001" in [x["park"] for x in body["rectify"]], body["rectify"]
    assert "ZJ-QZ-001" in [x["park"] for x in body["vetoed"]], body["vetoed"]
    store: OxigraphStore = sample_client.app.state.store  # type: ignore[attr-defined]
    expected = dump(AdjustmentOut.of(adjust(rate_store(store, [2024]), rate_store(store, [2023]), 2024)))
    assert body["counts"] == expected["counts"], (body["counts"], expected["counts"])
    first = sample_client.get("/api/province/adjustment", params={"year": 2021}).json()
    assert set(first["counts"]) >= {"newly rated"} and first["counts"]["newly rated"] == 64, first["counts"]


def test_an_undetermined_year_is_reported_as_undetermined(sample_client: TestClient) -> None:
    """ZJ-LS-001 lacks I6 in 2024 (三星级 in 2023): the answer validates against its response model and says 待定 with
    what is missing and why, in the reader's language — not downgraded."""
    zh = sample_client.get("/api/province/adjustment", params={"year": 2024})
    assert zh.status_code == 200, zh.text
    answer = AdjustmentAnswer.model_validate(zh.json())
    ls = next(m for m in answer.movements if m.park == "ZJ-LS-001")
    store: OxigraphStore = sample_client.app.state.store  # type: ignore[attr-defined]
    rating = next(r for r in rate_store(store, [2024]) if r.code == "ZJ-LS-001")
    trace = "\n".join(f"  {t.criterion} | {t.observed} | {t.verdict} | {t.note}" for t in rating.trace
                      if not t.indicator)
    assert (ls.change, ls.change_zh, ls.undetermined, ls.missing) == ("undetermined", "待定", True, ["I6"]), (
        f"{ls}\n{trace}")
    assert ls.before_label == "三星级" and "待定：缺 I6" in ls.note, f"{ls}\n{trace}"
    assert answer.counts["undetermined"] == 1 and "ZJ-LS-001" not in [
        m.park for m in answer.movements if m.change in ("downgraded", "lost by veto")], answer.counts
    en = sample_client.get("/api/province/adjustment", params={"year": 2024}, headers={"Accept-Language": "en"})
    ls_en = next(m for m in AdjustmentAnswer.model_validate(en.json()).movements if m.park == "ZJ-LS-001")
    assert ls_en.change == "undetermined" and "needs I6" in ls_en.note, ls_en


def test_errors(sample_client: TestClient) -> None:
    for url, params, status, code in (("/api/province/progress", {"year": 2031}, 404, "unknown-year"),
                                      ("/api/province/adjustment", {"year": 1999}, 404, "unknown-year"),
                                      ("/api/province/progress", {"edition": "x"}, 400, "bad-edition"),
                                      ("/api/province/adjustment", {"as_of": "31/12/2024"}, 400, "bad-request")):
        r = sample_client.get(url, params=params)
        assert r.status_code == status and r.json()["code"] == code, r.text
