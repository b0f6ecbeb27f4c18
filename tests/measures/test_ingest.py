"""Facts the graph lacks are supplied through ingest and settle the answer: the assessments template (发展较好,
节能技改, 所在地能耗强度目标) and the projects template's 是否条件成熟. Bad assessment files are refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from reasoner.ingest import IngestError, load
from reasoner.ingest.templates import template_csv, templates
from reasoner.measures import Answer, Verdict, park_measures
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from tests.measures.conftest import SAMPLE_YEAR, trace_text
from tests.rating.conftest import clone

HEADER = template_csv("assessments").strip()


def _write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _answer(store: OxigraphStore, code: str, measure: str) -> list[Answer]:
    return [a for a in park_measures(store, code, SAMPLE_YEAR) if a.provision.code == measure]


def test_the_template_is_offered() -> None:
    t = templates()["assessments"]
    assert t.headers[:2] == ["园区代码", "年份"] and "发展较好" in t.headers


def test_an_assessment_settles_m7(sample_store: OxigraphStore, tmp_path: Path) -> None:
    store = clone(sample_store)
    before = _answer(store, "ZJ-WZ-001", "M7")
    assert [a.answer for a in before] == [Verdict.UNDETERMINED], trace_text(before)
    assert any("能耗强度降低目标" in m for m in before[0].missing), trace_text(before)
    f = _write(tmp_path / "评估.csv", [f"ZJ-WZ-001,{SAMPLE_YEAR},否,是,是,温州市经信局评估意见（合成）,合成"])
    load(store, [f])
    after = _answer(store, "ZJ-WZ-001", "M7")
    assert [a.answer for a in after] == [Verdict.YES], trace_text(after)
    sources = {f.source for c in after[0].conditions for p in [c, *c.parts] for f in p.facts}
    assert "温州市经信局评估意见（合成）" in sources, trace_text(after)


def test_a_no_in_the_assessment_settles_it_the_other_way(sample_store: OxigraphStore, tmp_path: Path) -> None:
    store = clone(sample_store)
    f = _write(tmp_path / "评估.csv", [f"ZJ-WZ-001,{SAMPLE_YEAR},,是,否,评估意见（合成）,合成"])
    load(store, [f])
    after = _answer(store, "ZJ-WZ-001", "M7")
    assert [a.answer for a in after] == [Verdict.NO], trace_text(after)


def test_project_maturity_settles_m3(sample_store: OxigraphStore, tmp_path: Path) -> None:
    """Reloading the projects source with 是否条件成熟 filled in for one project settles that project's M3."""
    store = clone(sample_store)
    before = {a.project_code: a.answer for a in _answer(store, "ZJ-NB-001", "M3")}
    # XM02 was built (建成投产) in 2020: no longer a candidate, whatever its maturity
    assert before == {"ZJ-NB-001-XM01": Verdict.UNDETERMINED, "ZJ-NB-001-XM02": Verdict.NO,
                      "ZJ-NB-001-XM03": Verdict.UNDETERMINED}, before
    original = sample_dir() / "projects.csv"
    lines = original.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    col = header.index("是否条件成熟")
    for i, line in enumerate(lines):
        if line.startswith("ZJ-NB-001-XM01,"):
            cells = line.split(",")
            cells[col] = "是"
            lines[i] = ",".join(cells)
    edited = tmp_path / "projects.csv"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load(store, [edited], keys={edited: str(original.resolve())})
    after = {a.project_code: a.answer for a in _answer(store, "ZJ-NB-001", "M3")}
    assert after["ZJ-NB-001-XM01"] is Verdict.YES, after
    assert after["ZJ-NB-001-XM02"] is Verdict.NO and after["ZJ-NB-001-XM03"] is Verdict.UNDETERMINED, after


@pytest.mark.parametrize(("row", "why"), [
    (f"ZJ-XX-999,{SAMPLE_YEAR},是,是,是,评估（合成）,合成", "园区"),
    (f"ZJ-WZ-001,{SAMPLE_YEAR},也许,是,是,评估（合成）,合成", "发展较好"),
    (f"ZJ-WZ-001,{SAMPLE_YEAR},是,是,是,,合成", "来源"),
])
def test_bad_assessments_are_refused_and_change_nothing(sample_store: OxigraphStore, tmp_path: Path, row: str,
                                                        why: str) -> None:
    store = clone(sample_store)
    count = store.triple_count()
    with pytest.raises(IngestError) as e:
        load(store, [_write(tmp_path / "坏评估.csv", [row])])
    assert why in str(e.value), str(e.value)
    assert store.triple_count() == count
