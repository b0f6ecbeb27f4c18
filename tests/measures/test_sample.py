"""The bundled sample's scenario parks (data/sample/README.md) get the answers their facts imply, and every answer's
trace reaches back to the source documents of the facts it used."""

from __future__ import annotations

from reasoner.app.schemas.base import dump
from reasoner.app.schemas.measures import AnswerOut
from reasoner.measures import Answer, Verdict, park_measures
from reasoner.store import OxigraphStore
from tests.measures.conftest import SAMPLE_YEAR, trace_text


def _answer(answers: list[Answer], code: str, measure: str) -> Answer:
    found = [a for a in answers if a.code == code and a.provision.code == measure and not a.project]
    assert len(found) == 1, f"{code} {measure}: {len(found)} answers"
    return found[0]


EXPECTED = [
    ("ZJ-NB-001", "M11", Verdict.YES), ("ZJ-NB-001", "M12", Verdict.YES), ("ZJ-NB-001", "M5", Verdict.YES),
    ("ZJ-NB-001", "M7", Verdict.YES), ("ZJ-NB-001", "O1", Verdict.NO),
    ("ZJ-HZ-001", "M1", Verdict.YES), ("ZJ-HZ-001", "M7", Verdict.NO),
    ("ZJ-JX-001", "M1", Verdict.YES), ("ZJ-JX-001", "M11", Verdict.NO), ("ZJ-JX-001", "M7", Verdict.UNDETERMINED),
    ("ZJ-QZ-001", "O2", Verdict.YES), ("ZJ-QZ-001", "M4", Verdict.NO), ("ZJ-QZ-001", "O1", Verdict.NO),
    ("ZJ-LS-001", "M4", Verdict.UNDETERMINED), ("ZJ-LS-001", "O1", Verdict.UNDETERMINED),
    ("ZJ-JH-001", "O1", Verdict.YES), ("ZJ-JH-001", "M8", Verdict.NO),
    ("ZJ-TZ-001", "M5", Verdict.NO),
]


def test_scenario_parks(sample_answers: list[Answer]) -> None:
    problems = []
    for code, measure, want in EXPECTED:
        a = _answer(sample_answers, code, measure)
        if a.answer is not want:
            problems.append(f"{code} {measure}: expected {want.value}\n{trace_text([a])}")
    assert not problems, "\n".join(problems)


def test_undetermined_names_the_missing_fact(sample_answers: list[Answer]) -> None:
    ls = _answer(sample_answers, "ZJ-LS-001", "M4")
    assert any("I6" in m for m in ls.missing), trace_text([ls])
    jx = _answer(sample_answers, "ZJ-JX-001", "M7")
    assert any("能耗强度降低目标" in m for m in jx.missing), trace_text([jx])


def test_a_no_says_what_would_change_it(sample_answers: list[Answer]) -> None:
    jx = _answer(sample_answers, "ZJ-JX-001", "M11")  # its 2024 level is published (三.3)
    words = " ".join(jx.because)
    assert "需五星级" in words and "按公布星级：四星级" in words and "I1" in words, trace_text([jx])
    tz = _answer(sample_answers, "ZJ-TZ-001", "M1")  # not published: the computed level
    words = " ".join(tz.because)
    assert "按计算星级（尚未公布）" in words and "需四星级" in words and "现为三星级" in words, trace_text([tz])
    qz = _answer(sample_answers, "ZJ-QZ-001", "M4")
    assert "一票否决" in " ".join(qz.because) and "2023-08-14" in " ".join(qz.because), trace_text([qz])


def _digest(a: Answer) -> tuple[object, ...]:
    return (a.answer, tuple((c.held, tuple(sorted((f.iri, f.text, f.source) for p in [c, *c.parts] for f in p.facts)))
                            for c in a.conditions))


def test_the_park_entry_point_agrees_with_the_batch(sample_store: OxigraphStore,
                                                    sample_answers: list[Answer]) -> None:
    """Each query condition's one-park form (ps:parkQuery) gives what its all-parks form (ps:selectQuery) gives."""
    codes = sorted({a.code for a in sample_answers})
    assert len(codes) == 65
    for code in codes:
        one = {(a.provision.code, a.project): _digest(a) for a in park_measures(sample_store, code, SAMPLE_YEAR)}
        batch = {(a.provision.code, a.project): _digest(a) for a in sample_answers if a.code == code}
        assert one == batch, f"{code}: {set(one.items()) ^ set(batch.items())}"


def _titles(store: OxigraphStore) -> set[str]:
    rows = store.select("SELECT ?t WHERE { ?d a ps:SourceDocument ; dcterms:title ?t }")
    return {str(r["t"]) for r in rows}


def test_trace_reaches_the_source_documents(sample_store: OxigraphStore, sample_answers: list[Answer]) -> None:
    """Each fact of an answer names the document it came from, the star rating's through the rating's own trace:
    observations → 浙江省园区年度统计, projects → 园区重点项目清单, assessments → 评估意见, incidents → 事件通报."""
    titles = _titles(sample_store)
    checked = 0
    for code, measure in (("ZJ-NB-001", "M5"), ("ZJ-NB-001", "M7"), ("ZJ-QZ-001", "O2"), ("ZJ-HZ-001", "M1")):
        a = _answer(sample_answers, code, measure)
        for c in a.conditions:
            for f in [f for c2 in [c, *c.parts] for f in c2.facts]:
                where = f"{code} {measure} {f.kind} {f.iri}\n{trace_text([a])}"
                if f.rating is not None:
                    sources = {t.source for t in f.rating.trace if t.source}
                    assert sources and sources <= titles, f"rating sources {sources} not documents\n{where}"
                    assert any("园区年度统计" in s for s in sources), where
                else:
                    assert f.source in titles, f"fact source “{f.source}” is not a source document\n{where}"
                checked += 1
    assert checked >= 8
    projects = [a for a in sample_answers if a.code == "ZJ-NB-001" and a.provision.code == "M2"]
    facts = [f for a in projects for c in a.conditions for f in c.facts if f.kind == "fact"]
    assert facts and all("园区重点项目清单" in f.source for f in facts), trace_text(projects)
    nb7 = _answer(sample_answers, "ZJ-NB-001", "M7")
    assert any("评估意见" in f.source for c in nb7.conditions for f in c.facts), trace_text([nb7])


def test_json_shape(sample_store: OxigraphStore) -> None:
    answers = park_measures(sample_store, "ZJ-NB-001", SAMPLE_YEAR)
    for a in answers:
        j = dump(AnswerOut.of(a))
        assert {"measure", "answer", "clause", "conditions", "missing"} <= set(j), j.keys()
        assert j["answer"] in ("yes", "no", "undetermined")
        for c in j["conditions"]:
            assert {"text", "held", "facts"} <= set(c) and c["held"] in (True, False, None), c
    rating_facts = [f for a in answers for c in dump(AnswerOut.of(a))["conditions"] for f in c["facts"]
                    if f["kind"] == "rating"]
    assert rating_facts and all(f["trace"] and f["sources"] for f in rating_facts)
