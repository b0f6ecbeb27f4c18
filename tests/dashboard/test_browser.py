"""The dashboard in a real browser: Chromium loads each page from ``parkstar serve`` on loopback, clicks through
province → park → chain, runs a what-if, switches to English and uploads a bad file; every check reads what is on
the screen, and every step leaves a screenshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import INVALID

from .conftest import TOKEN, Server

pytestmark = pytest.mark.slow

PARK = "ZJ-HZ-001"
"""A five-star park of the sample in 2024 (synthetic), declaring the integrated-circuits chain."""


def _text(page: Any, selector: str = "main") -> str:
    return str(page.inner_text(selector))


def test_province_park_chain(server: Server, page: Any, shots: Path) -> None:
    page.goto(server.base + "/")
    main = _text(page)
    for heading in ("各星级园区数", "年度动态调整", "限期整改名单", "对照 2025 年目标", "十大标志性产业链承载园区"):
        assert heading in main, main[:2000]
    assert "2024" in _text(page, "h1"), _text(page, "h1")
    assert page.locator("#levels svg").count() == 1, page.inner_html("#levels")
    page.screenshot(path=str(shots / "1-province.png"), full_page=True)

    page.select_option("select[name=city]", "杭州市")
    page.click("form.filters button")
    page.wait_for_url("**city=*")
    cities = page.locator("#parks tbody tr td:nth-child(4)").all_inner_texts()
    assert cities and set(cities) == {"杭州市"}, cities
    page.screenshot(path=str(shots / "2-province-hangzhou.png"), full_page=True)

    page.locator(f"#parks a:text-is('{PARK}')").click()
    page.wait_for_url(f"**/parks/{PARK}*")
    main = _text(page)
    assert PARK in _text(page, "h1"), _text(page, "h1")
    for heading in ("指标与三档标准", "评定理由", "升级差距", "加分与优先", "可享受的支持政策", "所在产业链及覆盖度",
                    "历年星级", "假设分析"):
        assert heading in main, main[:3000]
    assert "五星级" in _text(page, "#rating"), _text(page, "#rating")
    chart = page.locator("#chart svg")
    assert chart.count() == 1 and chart.locator("text", has_text="I11").count() >= 1, page.inner_html("#chart")[:800]
    assert page.locator("#history tbody tr").count() >= 2, _text(page, "#history")
    page.screenshot(path=str(shots / "3-park.png"), full_page=True)

    page.locator("#chains a", has_text="集成电路").first.click()
    page.wait_for_url("**/chains/integrated-circuits*")
    main = _text(page)
    assert "集成电路" in _text(page, "h1") and PARK in _text(page, "h1"), _text(page, "h1")
    assert "缺失环节（按关键度排序）与可补链园区" in main, main[:2000]
    graph = page.locator("#graph svg")
    picture = graph.text_content() or ""
    assert graph.count() == 1 and "集成电路产业链覆盖图" in picture, page.inner_html("#graph")[:800]
    page.screenshot(path=str(shots / "4-chain-park.png"), full_page=True)

    page.select_option("select[name=scope]", "")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "浙江省" in _text(page, "h1"), _text(page, "h1")
    page.screenshot(path=str(shots / "5-chain-province.png"), full_page=True)


def test_whatif_shows_the_level_that_would_result_and_stores_nothing(server: Server, page: Any,
                                                                     shots: Path) -> None:
    page.goto(f"{server.base}/parks/{PARK}?year=2024")
    before = _text(page, "#rating")
    assert "五星级" in before, before
    page.fill("input[name=I1]", "600")
    page.click("#whatif-run")
    page.wait_for_selector("#whatif-result")
    result = _text(page, "#whatif-result")
    level = _text(page, "#whatif-level")
    assert "五星级" in level and "四星级" in level, result[:2000]
    assert "I1 1120 → 600" in result, result[:2000]
    assert "假设值" in result, result[:3000]  # the trace names the what-if value as its source
    assert page.input_value("input[name=I1]") == "600", page.inner_html("#whatif")[:500]
    page.screenshot(path=str(shots / "6-whatif.png"), full_page=True)

    page.goto(f"{server.base}/parks/{PARK}?year=2024")
    after = _text(page, "#rating")
    assert "五星级" in after and page.locator("#whatif-result").count() == 0, after


def test_english_switch(server: Server, page: Any, shots: Path) -> None:
    page.goto(server.base + "/")
    page.locator("header .lang a", has_text="EN").click()
    page.wait_for_url("**lang=en*")
    main = _text(page)
    assert "Parks by level" in main and "Annual adjustment" in main, main[:1500]
    assert "Hangzhou" in main, main[:3000]
    page.locator(f"#parks a:text-is('{PARK}')").click()
    page.wait_for_url(f"**/parks/{PARK}*lang=en*")
    main = _text(page)
    assert "Indicators against the three thresholds" in main and "five-star" in main, main[:2000]
    page.screenshot(path=str(shots / "7-park-en.png"), full_page=True)


def test_upload_refused_shows_the_report_in_chinese(server: Server, page: Any, shots: Path) -> None:
    bad = INVALID / "bad-unit.csv"
    page.goto(server.base + "/upload")
    page.fill("input[name=token]", "wrong-token")
    page.set_input_files("input[name=file]", str(bad))
    page.click("form button")
    page.wait_for_selector("#upload-status")
    assert "令牌无效" in _text(page, "#upload-status"), _text(page)

    page.fill("input[name=token]", TOKEN)
    page.set_input_files("input[name=file]", str(bad))
    page.click("form button")
    page.wait_for_selector("#report")
    status, report = _text(page, "#upload-status"), _text(page, "#report")
    assert "上传被拒绝" in status and "未写入任何数据" in status, status
    assert "bad-unit.csv" in report and "单位" in report, report
    page.screenshot(path=str(shots / "8-upload-refused.png"), full_page=True)
    sources = httpx.get(f"{server.base}/api/stats").text
    assert "bad-unit" not in sources, sources
