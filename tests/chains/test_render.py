"""Pictures and GraphML: the SVG keeps the Chinese labels and the title as text, the PNG is drawn with a CJK font,
the GraphML reads back into networkx with the coverage on its nodes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from reasoner.chains.coverage import Completeness, park_scope
from reasoner.chains.coverage import completeness as compute
from reasoner.chains.params import chain_parameters
from reasoner.chains.render import cjk_fonts, figure, wrap_name, write_graphml, write_png, write_svg
from tests.chains.conftest import toy_chain, toy_facts, toy_parks


@pytest.fixture
def result() -> Completeness:
    parks = toy_parks()
    return compute(toy_chain(), park_scope(parks, "P1"), toy_facts(), parks, chain_parameters(2024))


def test_svg_has_the_chinese_labels_title_and_legend(result: Completeness, tmp_path: Path) -> None:
    svg = write_svg(result, tmp_path / "c.svg").read_text(encoding="utf-8")
    for text in ("玩具链产业链覆盖图", "园区P1（P1）", "2024 年", "环节s1", "环节d2", "缺失（补链）",
                 "单一企业（强链风险）", "已覆盖", "缺失 · 缺口 1", "3 家企业"):
        assert text in svg, f"{text!r} missing from the SVG"
    assert "font-family" in svg and ("WenQuanYi Zen Hei" in svg or "Noto Sans CJK SC" in svg), svg[:2000]


def test_png_is_drawn_with_a_cjk_font(result: Completeness, tmp_path: Path) -> None:
    if not cjk_fonts():
        pytest.fail("no font with Chinese glyphs is installed: install fonts-wqy-zenhei (.ci/run does)")
    out = write_png(result, tmp_path / "c.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, len(data)


def test_layout_runs_upstream_to_downstream(result: Completeness) -> None:
    fig = figure(result)
    ax = fig.axes[0]
    xs = {t.get_text().split("\n")[0]: t.get_position()[0] for t in ax.texts}
    assert xs["环节s1"] == xs["环节s2"] < xs["环节m1"] == xs["环节m2"] < xs["环节d1"] == xs["环节d2"], xs


def test_graphml_reads_back_with_coverage(result: Completeness, tmp_path: Path) -> None:
    g = nx.read_graphml(write_graphml(result, tmp_path / "c.graphml"))
    assert set(g.nodes) == {"s1", "s2", "m1", "m2", "d1", "d2"} and g.number_of_edges() == 6, g.nodes
    assert g.nodes["s2"]["status"] == "missing" and g.nodes["s2"]["gap_rank"] == 1, g.nodes["s2"]
    assert g.nodes["d2"]["status"] == "single" and g.nodes["s1"]["enterprises"] == 3, dict(g.nodes(data=True))
    assert g.nodes["s1"]["name_zh"] == "环节s1" and g.nodes["s1"]["position"] == "upstream"
    assert abs(g.nodes["s2"]["criticality"] - 0.8333) < 1e-9, g.nodes["s2"]
    assert g.graph["chain"] == "toy" and g.graph["year"] == 2024 and g.graph["coverage_share"] == 0.5, g.graph
    assert g.edges["s1", "m1"]["covered"] is True and g.edges["m1", "d1"]["covered"] is False


@pytest.mark.parametrize(("name", "lines"), [
    ("设计（EDA/IP）", ["设计（EDA/IP）"]),
    ("智能成套装备与系统集成", ["智能成套装备", "与系统集成"]),
    ("高性能纤维等高分子材料", ["高性能纤维", "等高分子材料"]),
])
def test_long_names_wrap_in_two_balanced_lines(name: str, lines: list[str]) -> None:
    assert wrap_name(name) == lines
