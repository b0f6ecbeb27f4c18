"""Ingest end to end: valid files load (all encodings, XLSX, RDF, unit conversion); every invalid kind is refused
with file, row, column and reason, and the store is left exactly as it was."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from reasoner.ingest import IngestError, load, prepare
from reasoner.ingest.tabular import read_csv
from reasoner.ingest.templates import templates
from reasoner.ingest.vocab import names_of
from reasoner.namespaces import PS
from reasoner.rating import rate_store
from reasoner.store import OxigraphStore
from tests.conftest import INVALID, VALID, snapshot

CASES = json.loads((INVALID / "cases.json").read_text(encoding="utf-8"))
CASES.pop("_comment")


def _report(e: IngestError) -> str:
    return "\n".join(str(p) for p in e.problems)


def test_valid_fixtures_load_and_count(mem_store: OxigraphStore) -> None:
    report = load(mem_store, [VALID])
    kinds = sorted(p.template for p in report.sources)
    assert kinds == sorted(["announcements", "designations", "enterprises", "rdf", "incidents", "indicators",
                            "indicators", "parks", "projects"]), kinds
    n = mem_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?p a ps:Park }")[0]["n"]
    assert n == 3
    incidents = mem_store.select("SELECT ?i WHERE { ?i a ps:Incident } ORDER BY ?i")
    assert len(incidents) == 3, incidents  # two from CSV, one from Turtle


def test_units_are_converted_and_the_conversion_recorded(mem_store: OxigraphStore) -> None:
    load(mem_store, [VALID])
    rows = mem_store.select("""
        SELECT ?v ?orig ?unit ?note WHERE { ?o ps:observedPark park:T-NB-01 ; ps:year 2023 ; ps:indicator ind:I1 ;
            ps:value ?v ; ps:originalValue ?orig ; ps:originalUnit ?unit ; ps:conversionNote ?note }""")
    assert rows == [{"v": Decimal("420"), "orig": Decimal("4200000"), "unit": "https://w3id.org/parkstar/id/unit/WanYuan",
                     "note": rows[0]["note"] if rows else None}], rows
    assert "万元" in rows[0]["note"] and "亿元" in rows[0]["note"]
    energy = mem_store.select("""SELECT ?v ?b WHERE { ?o ps:observedPark park:T-NB-01 ; ps:year 2023 ;
                                 ps:indicator ind:I10 ; ps:value ?v ; ps:benchmark ?b }""")
    assert energy == [{"v": Decimal("0.61"), "b": Decimal("0.7")}], energy
    tax = mem_store.select("""SELECT ?v WHERE { ?o ps:observedPark park:T-NB-01 ; ps:year 2023 ;
                              ps:indicator ind:I8 ; ps:value ?v }""")
    assert tax == [{"v": Decimal("29.8")}], tax


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_read_the_same(encoding: str) -> None:
    text = (VALID / "parks.csv").read_text(encoding="utf-8")
    table = read_csv(text.encode(encoding), "parks.csv")
    assert table.header[0] == "园区代码", table.header
    assert table.rows[0][1][1] == "测试甲园（合成）"


def test_xlsx_loads_like_csv(tmp_path: Path, mem_store: OxigraphStore) -> None:
    load(mem_store, [VALID / "parks.csv"])
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["园区代码", "年份", "规模以上制造业营业收入(亿元)", "重点制造业企业装备数控化率（%）", "来源"])
    ws.append(["T-HZ-01", 2022, 512.5, 0.655 * 100, "测试用合成数据"])
    path = tmp_path / "ind.xlsx"
    wb.save(path)
    report = load(mem_store, [path])
    assert report.sources[0].template == "indicators"
    rows = mem_store.select("""SELECT ?i ?v WHERE { ?o ps:observedPark park:T-HZ-01 ; ps:year 2022 ;
                               ps:indicator ?i ; ps:value ?v } ORDER BY ?i""")
    assert [r["v"] for r in rows] == [Decimal("512.5"), Decimal("65.5")], rows


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_input_is_refused_and_changes_nothing(name: str, tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    load(store, [VALID / "parks.csv"])
    before = snapshot(store)
    with pytest.raises(IngestError) as err:
        load(store, [INVALID / name])
    expected = CASES[name]
    matching = [p for p in err.value.problems
                if p.row == expected["row"] and (expected["column"] is None or p.column == expected["column"])
                and expected["reason"].lower() in p.reason_en.lower()]
    assert matching, f"expected {expected} among:\n{_report(err.value)}"
    assert all(p.file.endswith(name) for p in err.value.problems), _report(err.value)
    assert all(p.reason_zh for p in err.value.problems), "every problem has a Chinese reason"
    assert snapshot(store) == before, "a refused load must leave the store exactly as it was"
    store.close()


def test_every_problem_is_reported_at_once(tmp_path: Path, mem_store: OxigraphStore) -> None:
    load(mem_store, [VALID / "parks.csv"])
    folder = tmp_path / "bad"
    folder.mkdir()
    for name in ("wrong-type.csv", "percent-range.csv", "unknown-park.csv", "broken.ttl"):
        shutil.copy(INVALID / name, folder / name)
    before = snapshot(mem_store)
    with pytest.raises(IngestError) as err:
        load(mem_store, [folder])
    files = {Path(p.file).name for p in err.value.problems}
    assert files == {"wrong-type.csv", "percent-range.csv", "unknown-park.csv", "broken.ttl"}, _report(err.value)
    assert snapshot(mem_store) == before


def test_a_valid_file_beside_an_invalid_one_is_not_stored_either(tmp_path: Path, mem_store: OxigraphStore) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(VALID / "parks.csv", folder / "parks.csv")
    shutil.copy(INVALID / "percent-range.csv", folder / "percent-range.csv")
    with pytest.raises(IngestError):
        load(mem_store, [folder])
    assert not mem_store.ask("ASK { ?p a ps:Park }"), "all or nothing: the valid parks file must not be stored"


def test_same_facts_from_a_second_source_are_refused(tmp_path: Path, mem_store: OxigraphStore) -> None:
    load(mem_store, [VALID / "parks.csv", VALID / "indicators.csv"])
    copy = tmp_path / "indicators-copy.csv"
    shutil.copy(VALID / "indicators.csv", copy)
    with pytest.raises(IngestError) as err:
        load(mem_store, [copy])
    assert any("already given by the stored source" in p.reason_en and p.row == 2 for p in err.value.problems), \
        _report(err.value)


def test_reloading_a_source_replaces_it(tmp_path: Path, mem_store: OxigraphStore) -> None:
    parks = tmp_path / "parks.csv"
    shutil.copy(VALID / "parks.csv", parks)
    load(mem_store, [parks])
    lines = parks.read_text(encoding="utf-8").splitlines()
    parks.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")  # keep one park
    load(mem_store, [parks])
    codes = [r["c"] for r in mem_store.select("SELECT ?c WHERE { ?p ps:parkCode ?c }")]
    assert codes == ["T-HZ-01"], codes
    assert sum(1 for s in mem_store.sources() if s.template == "parks") == 1


def test_validate_stores_nothing(mem_store: OxigraphStore) -> None:
    before = snapshot(mem_store)
    prepared = prepare([VALID], mem_store)
    assert len(prepared) == 9
    assert snapshot(mem_store) == before


def test_the_incidents_template_names_every_severity_of_the_ontology() -> None:
    """The template's documentation of 事件等级 lists exactly the ontology's grades (特别重大 / 重大 / 较大 / 一般)."""
    note = templates()["incidents"].column("事件等级").note
    listed = {x.strip() for x in note.split("/")}
    assert "特别重大" in listed and listed == set(names_of(PS.Severity)), (note, names_of(PS.Severity))



ESPECIALLY_MAJOR = ("事件编号,园区代码,事件类型,事件等级,发生日期,事件描述,来源,数据性质\n"
                    "E-100,T-HZ-01,安全生产,特别重大,2023-05-01,测试事件（合成）,测试用合成数据,合成\n")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_especially_major_incident_loads_and_vetoes(fmt: str, tmp_path: Path, mem_store: OxigraphStore) -> None:
    """三.3 "重大" is 重大 and above: an incident graded 特别重大 is accepted by the real ingest path (CSV and XLSX)
    and bars its park from any star."""
    path = tmp_path / f"incidents-extra.{fmt}"
    if fmt == "csv":
        path.write_text(ESPECIALLY_MAJOR, encoding="utf-8")
    else:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        for line in ESPECIALLY_MAJOR.splitlines():
            ws.append(line.split(","))
        wb.save(path)
    try:
        load(mem_store, [VALID, path])
    except IngestError as e:
        pytest.fail(f"a 特别重大 incident was refused:\n{_report(e)}")
    rows = mem_store.select("SELECT ?s WHERE { inc:E-100 ps:severity ?s }")
    assert rows == [{"s": str(PS.SeverityEspeciallyMajor)}], rows
    rating = next(r for r in rate_store(mem_store, [2023]) if r.code == "T-HZ-01")
    trace = "\n".join(f"  {t.criterion} | {t.threshold} | {t.observed} | {t.verdict} | {t.note}" for t in rating.trace)
    assert rating.vetoed and rating.level == 0, trace
    assert [i.iri.rsplit("/", 1)[-1] for i in rating.veto_incidents] == ["E-100"], trace


def test_announcements_are_stored_stage_by_stage(mem_store: OxigraphStore) -> None:
    """三.3: each row is one stage a park's level reached — level, stage, 文号, date and source kept as written."""
    load(mem_store, [VALID / "parks.csv"])
    report = load(mem_store, [VALID / "announcements.csv"])
    assert report.sources[0].template == "announcements", report.summary()
    rows = mem_store.select("""
        SELECT DISTINCT ?code ?year ?n ?stage ?doc ?date ?title WHERE {
          ?a a ps:RatingAnnouncement ; ps:announcedPark ?p ; ps:year ?year ; ps:announcedLevel ?lv ;
             ps:announcementStage ?st ; prov:wasDerivedFrom ?src .
          ?p ps:parkCode ?code . ?lv ps:starCount ?n . ?st rdfs:label ?stage FILTER(lang(?stage) = "zh")
          ?src dcterms:title ?title
          OPTIONAL { ?a ps:documentNumber ?doc } OPTIONAL { ?a ps:announcementDate ?date }
        } ORDER BY ?code ?date""")
    got = [(r["code"], r["year"], r["n"], r["stage"], r.get("doc"), str(r.get("date"))) for r in rows]
    assert got == [("T-HZ-01", 2023, 4, "申报", None, "2024-01-10"),
                   ("T-HZ-01", 2023, 4, "公布", "浙制高办〔2024〕1号（合成）", "2024-03-28"),
                   ("T-NB-01", 2023, 3, "建议名单", None, "2024-02-20")], got
    assert {r["title"] for r in rows} == {"测试用合成数据（fixture；synthetic）"}


def test_a_malformed_announcements_file_is_refused_whole(tmp_path: Path) -> None:
    """Every problem of the file at once, in Chinese with file, row and column; nothing stored."""
    store = OxigraphStore(tmp_path / "store")
    load(store, [VALID / "parks.csv"])
    before = snapshot(store)
    bad = tmp_path / "公布名单.csv"
    src = "测试用合成数据（fixture；synthetic）,合成"
    bad.write_text("\n".join([
        "园区代码,年份,公布星级,文号,公布日期,阶段,来源,数据性质",
        f"T-HZ-01,2023,四星级,浙制高领〔2024〕1号（合成）,2024-03-28,公布,{src}",  # the one good row
        f"T-XX-99,2023,四星级,浙制高领〔2024〕1号（合成）,2024-03-28,公布,{src}",  # unknown park
        f"T-NB-01,2023,未达三星级,,2024-02-20,建议名单,{src}",  # no level a list names
        f"T-NB-01,2022,三星级,,2023-02-20,复核,{src}",  # no such stage
        f"T-WZ-01,2023,三星级,浙制高领〔2024〕1号（合成）,2024/13/01,公布,{src}",  # no such date
        f"T-WZ-01,2024,三星级,浙制高领〔2024〕1号（合成）,2023-12-01,公布,{src}",  # before the rating year
        f"T-HZ-01,2023,四星级,浙制高领〔2024〕2号（合成）,2024-03-29,公布,{src}",  # the same stage twice
    ]) + "\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load(store, [bad])
    found = {(p.row, p.column): p.reason_zh for p in err.value.problems}
    report = _report(err.value)
    assert "已登记的园区" in found.get((3, "园区代码"), ""), report
    assert "三星级、四星级、五星级" in found.get((4, "公布星级"), ""), report
    assert "申报 / 建议名单 / 审议 / 公布" in found.get((5, "阶段"), ""), report
    assert "不存在的日期" in found.get((6, "公布日期"), ""), report
    assert "早于评定年度" in found.get((7, "公布日期"), ""), report
    assert "重复" in found.get((8, "园区代码"), ""), report
    assert 2 not in {p.row for p in err.value.problems}, report
    assert all(p.file.endswith("公布名单.csv") for p in err.value.problems), report
    assert snapshot(store) == before, "a refused load must leave the store exactly as it was"
    store.close()


def test_park_type_and_manufacturing_flag(tmp_path: Path, mem_store: OxigraphStore) -> None:
    """三.1: the parks template records a park's type (市级园区, 县级园区 among them) and whether it is
    manufacturing-led (是 / 否 / empty for unknown); anything else is refused with row and column."""
    parks = tmp_path / "parks.csv"
    src = "测试用合成数据（fixture；synthetic）,合成"
    parks.write_text("\n".join([
        "园区代码,园区名称,园区类型,以制造业为主导,设区市,县（市、区）,主导产业链,来源,数据性质",
        f"T-LS-01,测试县级园（合成）,县级园区,是,丽水市,青田县,生物医药,{src}",
        f"T-LS-02,测试市级园（合成）,市级园区,,丽水市,莲都区,生物医药,{src}",
        f"T-LS-03,测试省级园（合成）,省级经济开发区,否,丽水市,莲都区,生物医药,{src}",
    ]) + "\n", encoding="utf-8")
    load(mem_store, [parks])
    rows = mem_store.select("""SELECT ?c ?t ?led WHERE { ?p ps:parkCode ?c ; ps:parkType ?t .
                               OPTIONAL { ?p ps:manufacturingLed ?led } } ORDER BY ?c""")
    got = [(r["c"], r["t"].rsplit("#", 1)[-1], r.get("led")) for r in rows]
    assert got == [("T-LS-01", "CountyPark", True), ("T-LS-02", "MunicipalPark", None),
                   ("T-LS-03", "ProvincialEDZ", False)], got
    bad = tmp_path / "bad-parks.csv"
    bad.write_text("\n".join([
        "园区代码,园区名称,园区类型,以制造业为主导,设区市,县（市、区）,主导产业链,来源,数据性质",
        f"T-LS-09,测试园（合成）,乡级园区,也许,丽水市,青田县,生物医药,{src}",
    ]) + "\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load(mem_store, [bad])
    found = {p.column: p.reason_zh for p in err.value.problems if p.row == 2}
    assert "未知的取值" in found.get("园区类型", "") and "县级园区" in found["园区类型"], _report(err.value)
    assert "是”或“否" in found.get("以制造业为主导", ""), _report(err.value)
