"""四(三) "对评定为…的园区": a minimum level is judged on the level published by the rating procedure (三.3) where the
list is published — and says so, with the document number — and on the computed level otherwise ("按计算星级（尚未
公布）"). The obligations keep reading the data."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reasoner.measures import Answer, Verdict, provision
from reasoner.measures.evaluate import rating_condition
from reasoner.namespaces import PS
from reasoner.policy import policy
from reasoner.rating.announced import Announcement
from tests.measures.conftest import trace_text


def _answer(answers: list[Answer], code: str, measure: str) -> Answer:
    return next(a for a in answers if a.code == code and a.provision.code == measure and not a.project)


def test_a_four_star_measure_on_the_published_level(sample_answers: list[Answer]) -> None:
    """ZJ-WZ-001 computes three-star in 2024 but its list publishes it four-star: M1 and M10 apply."""
    for measure in ("M1", "M10"):
        a = _answer(sample_answers, "ZJ-WZ-001", measure)
        assert a.answer is Verdict.YES, trace_text([a])
        cond = a.conditions[0]
        assert cond.why.startswith("按公布星级：四星级（文号 浙制高领〔2025〕1号（虚构））"), cond.why
        assert "计算星级为三星级" in cond.why, cond.why
        kinds = {f.kind for f in cond.facts}
        assert {"rating", "announcement"} <= kinds, trace_text([a])
        fact = next(f for f in cond.facts if f.kind == "announcement")
        assert fact.iri.endswith("ZJ-WZ-001/announcement/2024/StagePublished") and fact.source.startswith("合成数据")


def test_not_yet_published_the_computed_level_serves(sample_answers: list[Answer]) -> None:
    """ZJ-ZS-001 is on the proposed list only: its three stars are the computed ones, and the answer says so."""
    a = _answer(sample_answers, "ZJ-ZS-001", "M4")
    assert a.answer is Verdict.YES, trace_text([a])
    assert a.conditions[0].why == "按计算星级（尚未公布）：评定为三星级", a.conditions[0].why
    assert all(f.kind != "announcement" for c in a.conditions for f in c.facts), trace_text([a])


def test_the_obligations_read_the_data(sample_answers: list[Answer]) -> None:
    """O1 (达不到三星级评价标准) and O2 (the veto) do not take the published level: the vetoed ZJ-QZ-001 applied
    for four stars and still falls under O2."""
    qz = _answer(sample_answers, "ZJ-QZ-001", "O2")
    assert qz.answer is Verdict.YES, trace_text([qz])
    wz = _answer(sample_answers, "ZJ-WZ-001", "O1")
    assert wz.answer is Verdict.NO and "指标达三星级" in wz.conditions[0].why, trace_text([wz])


def test_a_published_level_answers_even_without_the_years_data() -> None:
    """A park published four-star for a year without indicator values still gets its four-star measure."""
    cond = provision("M1").conditions[0]
    published = Announcement(iri="urn:test:a", park="urn:test:park", code="T-1", year=2024, level=4,
                             stage=policy().stage(str(PS.StagePublished)), document="浙制高领〔2025〕1号（测试）",
                             date=dt.date(2025, 3, 28), source="测试（合成）")
    held = rating_condition(cond, None, 2024, published)
    assert held.held is True and held.why.startswith("按公布星级：四星级"), held
    refused = rating_condition(cond, None, 2024, dataclasses.replace(published, level=3))
    assert refused.held is False and "需四星级；按公布星级：三星级" in refused.why, refused
    assert rating_condition(cond, None, 2024, None).held is None
