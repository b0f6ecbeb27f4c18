"""The dashboard's templates from hand-built view models (no store, no service): each page's template shows what
its model holds, with the ids and forms the browser tests use; a model missing a field fails instead of leaving a
blank; text is escaped and only the charts' markup passes; no module of the dashboard reaches the store."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from api.dashboard import views as v
from api.dashboard.charts import count_bars
from api.dashboard.i18n import WORDS
from api.dashboard.render import TEMPLATES, render
from api.dashboard.routes import TEMPLATES as PAGE_TEMPLATES

DASHBOARD = Path(__file__).resolve().parents[2] / "api" / "dashboard"
EVIL = "<script>alert(1)</script>"
SVG = Markup('<svg xmlns="http://www.w3.org/2000/svg"><text>图</text></svg>')


def frame(title: str = "标题", lang_field: str = "") -> v.Frame:
    nav = [v.Link("/", "全省概览"), v.Link("/chains", "产业链"), v.Link("/upload", "证据上传")]
    switch = [v.LangLink("/?lang=zh", "中文", "zh", True), v.LangLink("/?lang=en", "EN", "en", False)]
    return v.Frame("zh-CN", title, nav, switch, "样例数据为合成数据", lang_field)


def link(code: str = "P-1") -> v.Link:
    return v.Link(f"/parks/{code}?year=2024", code)


def select(name: str) -> v.Select:
    return v.Select(name, name.upper(), [v.Option("", "全部", False), v.Option("x", "某项", True)])


BADGE = v.Badge(4, "四星级", vetoed="否决", undetermined="")


def province_view(name: str = "甲园") -> v.ProvincePage:
    return v.ProvincePage(
        frame=frame(), heading="概览 · 2024", filters=[select("year"), select("city"), select("chain")],
        problem="未知的筛选条件 / x", levels=v.LevelsPanel(SVG, [v.Card("合计", "7")]),
        changes_title="年度动态调整（2023 → 2024）",
        changes=[v.ChangeRow(v.Mark("升级", "up"), 1, [v.MovedPark(link(), "（三星级→四星级）")]),
                 v.ChangeRow(v.Mark("待定", "maybe"), 1, [v.MovedPark(link("P-7"), "（三星级→待定：缺 I6）")],
                             "补充后方可定级，不计升降级"),
                 v.ChangeRow(v.Mark("上年待定"), 0, [], "上年评定待定"),
                 v.ChangeRow(v.Mark("保持"), 5, [])],
        parks_title="园区（1）",
        parks=[v.ParkRowView(1, link(), name, "杭州市", BADGE, "2.5", "集成电路", "升级")],
        rectify=[v.RectifyRow(link("P-9"), "乙园", "湖州市", "缺失：I3")],
        vetoed=[v.VetoedRow(link("P-8"), "丙园", "2024-03-02 较大环保")],
        progress_title="对照 2025 年目标（2024）", progress_note="全省口径",
        progress=[v.GoalRow("五星级园区数", "一(二)", "10", "5", v.Mark("否", "no"), "差 5 个")],
        anchors=v.AnchorsPanel("2024 年企业营收数据", [v.AnchorRow(
            1, v.Link("/chains/ic?year=2024", "集成电路"), 5, [v.AnchorPark(link(), "（12.3）")], " … +4", 2, 1)]))


def park_view(name: str = "甲园", *, rating: bool = True, whatif: bool = True) -> v.ParkPage:
    panels = v.RatingPanels(
        title="2024 星级", cards=[v.SummaryCard("星级", badge=BADGE), v.SummaryCard("加分", "2.5")],
        conclusion="评定为四星级。", chart=SVG, whatif_year=2024,
        whatif_fields=[v.WhatIfField("I1", "I1 营业收入（亿元）", "1120")],
        indicators=[v.IndicatorRow("I1", "营业收入", "1120", "亿元", ["≥ 500", "≥ 800", "≥ 1000"], "三星级", "",
                                   "年报")],
        level_names=["三星级", "四星级", "五星级"], zh_only="", reasons=["五星级（三.2）：未达到"],
        next_level=v.NextLevelPanel("升级差距 → 五星级", "", [v.ImprovementRow("I2", "设备数控化率", "60", "≥ 65", "%",
                                                                        "差 5")], ""),
        bonus_title="加分与优先：2.5", bonus=[v.BonusRow("中国500强", 1, "2", "2")], priority="优先：无",
        measures_title="可享受的支持政策（适用 1）",
        measures=[v.MeasureRow("M1", "示例措施", v.Mark("适用", "yes"), "", "四(三)", "✔1",
                               [v.Condition("✔ 园区为四星级", "2024 年四星级（评定）", "")])],
        chains=[v.ParkChainRow(v.Link("/chains/ic?park=P-1", "集成电路"), "2/5（40%）", "链条未贯通", "材料")],
        history=[v.HistoryRow(v.Link("/parks/P-1?year=2024", "2024"), BADGE, "", "2.5", "3", "", "")])
    result = v.WhatIfResult(
        before=BADGE, after=v.Badge(3, "三星级"), changed="修改：I1 1120 → 600", conclusion="评定为三星级。", chart=SVG,
        reasons=["四星级：未达到"], next_steps=["提高 I1"], trace_title="评定轨迹（1）",
        trace=[v.TraceRow("I1 ≥ 800", "800", "600", "假设值", "未达标", "")])
    return v.ParkPage(frame=frame(), heading=f"{name}（P-1）", meta="杭州市 · 萧山区", code="P-1",
                      year_select=select("year"), toc=[v.Link("#chart", "指标图"), v.Link("#whatif", "假设分析")],
                      rating=panels if rating else None, whatif=result if rating and whatif else None)


def chains_view() -> v.ChainsPage:
    return v.ChainsPage(frame(), "产业链（2024）", [v.ChainRow(1, v.Link("/chains/ic?year=2024", "集成电路"), 5)])


def chain_view() -> v.ChainPage:
    return v.ChainPage(
        frame(), "集成电路 · 浙江省 · 2024", [select("chain"), select("scope"), select("year")],
        [v.Card("覆盖度", "2/5（40%）")], v.Link("/parks/P-1", "返回园区页"), SVG,
        [v.GapRow(1, "材料与装备", "上游", "100%", "龙头企业", [v.Partner(link("P-2"), "（同设区市，1 家企业）")]),
         v.GapRow(2, "设计", "中游", "80%", "龙头企业", [])],
        [v.SegmentRow("晶圆制造", 3, "中游", 52, "600.4", "已覆盖")])


def upload_view(status: str = "refused") -> v.UploadPage:
    return v.UploadPage(frame(lang_field="en"), status, "证据未通过校验（1 个问题）", "校验报告（1）",
                        [v.ReportRow("bad-unit.csv", "1", "营业收入（万元/亩）", "单位不能换算", "万元/亩")])


VIEWS: dict[str, Any] = {
    "error.html": v.ErrorPage(frame(), "NO-SUCH", "没有代码为 NO-SUCH 的园区"),
    "province.html": province_view(), "park.html": park_view(), "chains.html": chains_view(),
    "chain.html": chain_view(), "upload.html": upload_view(),
}


def test_every_page_template_has_a_view_model_here() -> None:
    pages = {p.name for p in TEMPLATES.glob("*.html") if not p.name.startswith("_") and p.name != "base.html"}
    assert pages == set(VIEWS) == set(PAGE_TEMPLATES.values()), (pages, set(VIEWS), PAGE_TEMPLATES)
    assert {type(view) for view in VIEWS.values()} == set(PAGE_TEMPLATES), PAGE_TEMPLATES


@pytest.mark.parametrize("template", sorted(VIEWS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_template_renders_its_view_model_in_the_frame(template: str, lang: str) -> None:
    html = render(template, VIEWS[template], lang)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html, html[:300]
    assert "<title>标题 · parkstar</title>" in html and 'href="/?lang=en"' in html, html[:2000]
    assert '<a href="/?lang=zh" class="on" hreflang="zh">中文</a>' in html, html[:3000]
    assert "样例数据为合成数据" in html and "<style>" in html and "box-sizing" in html, html[-500:]
    nav = ("全省概览", "产业链", "证据上传")
    assert all(f">{word}</a>" in html for word in nav), html[:3000]


def test_province_template() -> None:
    html = render("province.html", province_view(), "zh")
    for expected in ('<h1>概览 · 2024</h1>', '<form method="get" action="/" class="filters">',
                     '<option value="x" selected>某项</option>', '<div class="banner error">未知的筛选条件 / x</div>',
                     'id="levels"', "<svg", '<div class="card"><b>7</b>合计</div>', 'id="changes"',
                     '<span class="up">升级</span>', '<a href="/parks/P-1?year=2024">P-1</a>（三星级→四星级）',
                     '<span>保持</span>', '<span class="maybe">待定</span>',
                     '<a href="/parks/P-7?year=2024">P-7</a>（三星级→待定：缺 I6）'
                     '<div class="note">补充后方可定级，不计升降级</div>',
                     'id="parks"', "园区（1）",
                     '<span class="code"><a href="/parks/P-1?year=2024">P-1</a></span>',
                     '<span class="lv lv4">四星级</span> <span class="lv veto">否决</span>', 'id="rectify"', "缺失：I3",
                     "2024-03-02 较大环保", 'id="progress"', '<span class="no">否</span>', 'id="anchors"',
                     '<span class="note">（12.3）</span><span class="note"> … +4</span>'):
        assert expected in html, (expected, html)
    assert "上年评定待定" not in html, "a kind without parks shows no note"
    bare = dataclasses.replace(province_view(), problem="", anchors=None, rectify=[], vetoed=[])
    html = render("province.html", bare, "en")
    assert "<h2>Parks by level</h2>" in html and "各星级园区数" not in html, html
    assert "banner error" not in html and 'id="anchors"' not in html and "no data" in html, html
    assert html.count('<td colspan="4" class="muted">none</td>') == 1, html
    assert '<td colspan="3" class="muted">none</td>' in html, html


def test_park_template_with_a_rating_and_a_whatif_result() -> None:
    html = render("park.html", park_view(), "zh")
    for expected in ('<h1>甲园（P-1）</h1>', 'action="/parks/P-1"', '<p class="toc"><a href="#chart">指标图</a> · ',
                     'id="whatif-result"', 'id="whatif-level"', '<span class="lv lv3">三星级</span>',
                     "修改：I1 1120 → 600", "评定轨迹（1）", "<td>假设值</td>", 'id="rating"', "评定为四星级。",
                     'id="chart"', 'id="whatif"', 'action="/parks/P-1/what-if"',
                     '<input type="text" inputmode="decimal" name="I1" value="1120" placeholder="缺失">',
                     '<input type="hidden" name="year" value="2024">', 'id="whatif-run"', 'id="indicators"',
                     "<th>五星级</th>", "<td>≥ 1000</td>", 'id="reasons"', 'id="next-level"', "升级差距 → 五星级",
                     "<td>≥ 65</td>", 'id="bonus"', "优先：无", 'id="measures"', '<span class="yes">适用</span>',
                     '<summary>✔1</summary>', '<span class="note"> — 2024 年四星级（评定）</span>', 'id="chains"',
                     '<a href="/chains/ic?park=P-1">集成电路</a>', 'id="history"'):
        assert expected in html, (expected, html)
    assert html.index('id="whatif-result"') < html.index('id="rating"'), "the what-if result comes first"
    assert 'name="lang"' not in html, "no language field unless the reader chose one"


def test_park_template_without_a_rating_or_a_whatif() -> None:
    html = render("park.html", park_view(whatif=False), "zh")
    assert 'id="rating"' in html and 'id="whatif-result"' not in html, html
    html = render("park.html", park_view(rating=False), "en")
    assert 'no indicator observations that year' in html and 'id="rating"' not in html, html


def test_chains_chain_error_and_upload_templates() -> None:
    html = render("chains.html", chains_view(), "zh")
    assert "<h2>产业链（2024）</h2>" in html and '<a href="/chains/ic?year=2024">集成电路</a>' in html, html
    html = render("chain.html", chain_view(), "zh")
    for expected in ('action="/chains/go"', 'name="scope"', 'id="chain-summary"', "<b>2/5（40%）</b>",
                     '<p><a href="/parks/P-1">返回园区页</a></p>', 'id="graph"', "<svg", 'id="gaps"',
                     '<a href="/parks/P-2?year=2024">P-2</a>（同设区市，1 家企业）', '<span class="muted">无</span>',
                     'id="segments"', "<td>600.4</td>"):
        assert expected in html, (expected, html)
    html = render("error.html", VIEWS["error.html"], "zh")
    assert '<div class="banner error">没有代码为 NO-SUCH 的园区</div>' in html, html
    html = render("upload.html", upload_view(), "zh")
    for expected in ('id="upload-status"', "上传被拒绝", "证据未通过校验（1 个问题）", 'id="report"', "校验报告（1）",
                     "<td>bad-unit.csv</td>", 'enctype="multipart/form-data"', 'name="token"', 'name="file"',
                     '<input type="hidden" name="lang" value="en">'):
        assert expected in html, (expected, html)
    html = render("upload.html", dataclasses.replace(upload_view("done"), report=[]), "zh")
    assert 'class="banner ok" id="upload-status"' in html and 'id="report"' not in html, html
    html = render("upload.html", dataclasses.replace(upload_view(""), report=[]), "zh")
    assert 'id="upload-status"' not in html, html


def test_the_words_templates_use_exist_and_are_not_shadowed() -> None:
    """Templates read the dashboard's words as ``w.key`` from a dict: a key named like a dict method would be
    the method."""
    used = {key for path in TEMPLATES.glob("*.html") for key in re.findall(r"\bw\.(\w+)", path.read_text("utf-8"))}
    assert used and used <= set(WORDS), sorted(used - set(WORDS))
    assert not set(WORDS) & set(dir(dict)), set(WORDS) & set(dir(dict))


@pytest.mark.parametrize("template", sorted(VIEWS))
def test_a_view_model_missing_a_field_fails(template: str) -> None:
    view = dataclasses.asdict(VIEWS[template])
    render(template, view, "zh")  # the same model as a dict renders
    for name in list(view):
        if name == "whatif":  # optional: the park page shows no what-if result without one
            continue
        partial = {k: value for k, value in view.items() if k != name}
        with pytest.raises(UndefinedError):
            render(template, partial, "zh")


def test_nested_missing_fields_fail_too() -> None:
    view = dataclasses.asdict(park_view())
    del view["rating"]["measures"][0]["clause"]
    with pytest.raises(UndefinedError, match="clause"):
        render("park.html", view, "zh")


def test_text_is_escaped_and_only_chart_markup_passes() -> None:
    html = render("province.html", province_view(EVIL), "zh")
    assert EVIL not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, html
    assert "<svg" in html, "the chart's markup is kept"
    html = render("park.html", park_view(EVIL), "zh")
    assert EVIL not in html and "<h1>&lt;script&gt;alert(1)&lt;/script&gt;（P-1）</h1>" in html, html
    bars = count_bars([(EVIL, 3, '"><script>')])
    assert "<script>" not in bars and "&lt;script&gt;alert(1)" in bars and 'fill="&#34;&gt;' in bars, bars


STORE_NAMES = re.compile(r"\b(OxigraphStore|get_store|reasoner\.store|state\.store|svc\.store|service\.store)\b")


def test_no_dashboard_module_reaches_the_store() -> None:
    """Pages read only the application layer's answers: no module imports the store or takes it from the app."""
    for path in sorted(DASHBOARD.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                names = []
            assert not any(n == "store" or n.startswith("reasoner.store") or n in ("get_store", "OxigraphStore")
                           for n in names), f"{path.name}:{getattr(node, 'lineno', '?')} imports the store"
            if isinstance(node, ast.Attribute):
                assert node.attr != "store", f"{path.name}:{node.lineno} reaches for .store"
        assert not STORE_NAMES.search(source), f"{path.name}: {STORE_NAMES.search(source)}"
