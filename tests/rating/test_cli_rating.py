"""The rating commands as a user runs them: rate (table and JSON), explain, adjust, progress and the demo section,
Chinese output, exit codes 0/1/2, the on-disk store given by --store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reasoner.app.schemas.rating import AdjustmentOut
from reasoner.cli import app
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore
from tests.rating.conftest import load_converted

KEYS = {"park", "year", "level", "demonstration", "edition", "vetoed", "veto_incidents", "relaxed", "bonus",
        "indicators"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "store"
    store = OxigraphStore(path)
    load_converted(store, [sample_dir()])
    store.close()
    return str(path)


def run(store: str, *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--store", store], env={"COLUMNS": "200"})
    return result


def test_rate_json_lists_every_park_with_the_issues_keys(store_path: str) -> None:
    r = run(store_path, "rate", "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert len(rows) == 65 and all(set(x) >= KEYS for x in rows), rows[0].keys()
    one = rows[0]
    assert one["year"] == 2024 and one["edition"] == "2020-a"
    assert set(one["indicators"]) == {f"I{i}" for i in range(1, 12)}
    assert {"value", "unit", "met"} <= set(one["indicators"]["I1"])


def test_rate_table_and_write_back(store_path: str) -> None:
    r = run(store_path, "rate", "--year", "2024")
    assert r.exit_code == 0, r.output
    assert "五星级" in r.stdout and "各星级园区数" in r.stdout and "已写回存储" in r.stdout
    store = OxigraphStore(store_path)
    try:
        n = store.select("SELECT (COUNT(?r) AS ?n) WHERE { ?r a ps:StarRating ; ps:year 2024 }")[0]["n"]
    finally:
        store.close()
    assert n == 65


def test_rate_flags_the_published_level_that_differs(store_path: str) -> None:
    """三.3: the table shows the published level beside the computed one and lists every disagreement with its
    reason; --park says the park's standing; --json carries it."""
    r = run(store_path, "rate", "--no-write")
    assert r.exit_code == 0, r.output
    text = " ".join(r.stdout.split())
    assert "公布 announced" in r.stdout and "公布星级与计算星级不一致" in text, r.stdout
    assert "已公布 5 个（其中与计算不一致 1 个），尚在申报、建议名单或审议阶段 2 个" in text, text
    assert "公布星级高于计算星级" in text and "未达四星级标准" in text and "浙制高领〔2025〕1号（虚构）" in text, text
    one = run(store_path, "rate", "--no-write", "--park", "ZJ-WZ-001")
    assert "公布星级高于计算星级：公布四星级" in " ".join(one.stdout.split()), one.stdout
    waiting = run(store_path, "rate", "--no-write", "--park", "ZJ-ZS-001")
    assert "尚未公布：最新阶段为“建议名单”" in " ".join(waiting.stdout.split()), waiting.stdout
    [row] = json.loads(run(store_path, "rate", "--no-write", "--json", "--park", "ZJ-WZ-001").stdout)
    assert (row["level"], row["announcement"]["announced"], row["announcement"]["agreement"]) == (3, 4, "higher")


def test_rate_shows_a_park_outside_the_scope(store_path: str) -> None:
    """三.1: the county-level ZJ-LS-005 is rated 不在评价范围, counted apart from the levels."""
    r = run(store_path, "rate", "--no-write")
    text = " ".join(r.stdout.split())
    assert "不在评价范围（三.1，不计入上列）not in scope │ 1" in text, r.stdout
    assert "合计 total │ 64" in text and "未达三星级 │ 33" in text, r.stdout
    one = run(store_path, "rate", "--no-write", "--park", "ZJ-LS-005")
    words = " ".join(one.stdout.split())
    assert "评价范围（三.1）/ scope：不在评价范围——园区类型为县级园区" in words, one.stdout
    [row] = json.loads(run(store_path, "rate", "--no-write", "--json", "--park", "ZJ-LS-005").stdout)
    assert (row["level"], row["in_scope"], row["rank_in_level"]) == (None, False, 0), row
    explained = run(store_path, "explain", "ZJ-LS-005")
    assert "不在评价范围（三.1）" in " ".join(explained.stdout.split()), explained.stdout


def test_explain_says_the_procedure(store_path: str) -> None:
    r = run(store_path, "explain", "ZJ-HZ-001", "--year", "2024")
    assert "公布星级与计算星级一致：五星级" in " ".join(r.stdout.split()), r.stdout


@pytest.mark.parametrize(("args", "code", "level", "extra"), [
    (["--park", "ZJ-JX-001", "--strict"], "ZJ-JX-001", 3, {}),
    (["--park", "ZJ-JX-001"], "ZJ-JX-001", 4, {"relaxed": ["I2"]}),
    (["--park", "ZJ-HU-001", "--edition", "2020-c"], "ZJ-HU-001", 3, {"edition": "2020-c"}),
    (["--park", "ZJ-SX-001", "--as-of", "2024-06-30"], "ZJ-SX-001", 0, {"vetoed": True}),
    (["--park", "ZJ-SX-001"], "ZJ-SX-001", 3, {"vetoed": False}),
])
def test_rate_options(store_path: str, args: list[str], code: str, level: int, extra: dict[str, Any]) -> None:
    r = run(store_path, "rate", "--no-write", "--json", *args)
    assert r.exit_code == 0, r.output
    [row] = json.loads(r.stdout)
    assert row["park"] == code and row["level"] == level, row
    for k, v in extra.items():
        assert row[k] == v, row


@pytest.mark.parametrize(("code", "phrases"), [
    ("ZJ-QZ-001", ["不得评定为星级园区", "2023-08-14", "重大", "合成数据：应急管理与生态环境事件通报（虚构）"]),
    ("ZJ-JX-001", ["放宽", "I2", "低 6.15%", "合成数据：浙江省园区年度统计（虚构）2024", "升至五星级"]),
    ("ZJ-LS-001", ["待定——需补充 I6", "缺失"]),
    ("ZJ-NB-001", ["示范园区", "加分", "优先"]),
])
def test_explain_in_chinese(store_path: str, code: str, phrases: list[str]) -> None:
    r = run(store_path, "explain", code, "--year", "2024")
    assert r.exit_code == 0, r.output
    text = " ".join(r.stdout.split())
    for p in phrases:
        assert p in text, f"“{p}” missing from:\n{r.stdout}"


def test_explain_json_has_the_trace(store_path: str) -> None:
    r = run(store_path, "explain", "ZJ-JX-001", "--json")
    data = json.loads(r.stdout)
    entry = data["trace"][0]
    assert {"criterion", "threshold", "edition", "clause", "observed", "source", "verdict"} <= set(entry)
    assert data["next_level"]["target"] == 5 and data["explanation"]["conclusion"]


def test_adjust_reports_an_undetermined_year_as_undetermined(store_path: str) -> None:
    """ZJ-LS-001 is three-star in 2023 and lacks I6 in 2024 (待定——需补充 I6): the adjustment says 待定 with what is
    missing, never 降级 (nor 因否决失星)."""
    r = run(store_path, "adjust", "--year", "2024", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    AdjustmentOut.model_validate(data)
    ls = next(m for m in data["movements"] if m["park"] == "ZJ-LS-001")
    explained = json.loads(run(store_path, "explain", "ZJ-LS-001", "--year", "2024", "--json").stdout)
    trace = "\n".join(f"  {t['criterion']} | {t['observed']} | {t['verdict']} | {t['note']}"
                      for t in explained["trace"] if not t.get("indicator"))
    assert (ls["change"], ls["change_zh"], ls["undetermined"], ls["missing"]) == (
        "undetermined", "待定", True, ["I6"]), f"{ls}\n{trace}"
    assert ls["before"] == 3 and "待定：缺 I6" in ls["note"], f"{ls}\n{trace}"
    downgraded = [m["park"] for m in data["movements"] if m["change"] in ("downgraded", "lost by veto")]
    assert "ZJ-LS-001" not in downgraded, f"{downgraded}\n{trace}"
    assert data["counts"]["undetermined"] == 1 and not any(
        m["undetermined"] for m in data["movements"] if m["park"] != "ZJ-LS-001"), data["counts"]
    text = run(store_path, "adjust", "--year", "2024").stdout
    line = next(x for x in text.splitlines() if "ZJ-LS-001" in x and "→" in x)
    assert "待定" in line and "缺 I6" in line and "降级" not in line, text
    assert "待定：缺 I6" in text, text


def test_adjust_and_progress(store_path: str) -> None:
    r = run(store_path, "adjust", "--year", "2024")
    assert r.exit_code == 0, r.output
    assert "升级" in r.stdout and "降级" in r.stdout and "限期整改" in r.stdout and "ZJ-JH-001" in r.stdout
    data = json.loads(run(store_path, "adjust", "--year", "2023", "--json").stdout)
    assert data["counts"]["lost by veto"] == 1
    r = run(store_path, "progress", "--year", "2024")
    assert r.exit_code == 0, r.output
    assert "示范园区数" in r.stdout and "一(二)" in r.stdout
    goals = json.loads(run(store_path, "progress", "--json").stdout)["goals"]
    assert len(goals) == 7 and {g["target"] for g in goals} >= {"10", "60", "3", "40", "150", "35"}


@pytest.mark.parametrize(("args", "code"), [
    (["rate", "--edition", "2019-x"], 2),
    (["rate", "--as-of", "2024-13-01"], 2),
    (["explain", "NOPE-1"], 2),
    (["rate", "--year", "1999"], 2),  # no criteria edition is valid for 1999
    (["rate", "--year", "2020"], 1),  # the criteria apply, the store holds no observations for 2020
])
def test_exit_codes(store_path: str, args: list[str], code: int) -> None:
    r = run(store_path, *args)
    assert r.exit_code == code, r.output


def test_demo_section(store_path: str) -> None:
    from reasoner.cli.app import console
    from reasoner.cli.rating import demo_rating

    store = OxigraphStore(store_path)
    width = console.width
    console.width = 200
    try:
        with console.capture() as cap:
            demo_rating(store)
    finally:
        console.width = width
        store.close()
    out = cap.get()
    assert "被否决的园区" in out and "ZJ-QZ-001" in out and "ZJ-JX-001" in out and "已写回存储" in out


def test_console_script(store_path: str) -> None:
    out = subprocess.run([sys.executable, "-m", "reasoner", "rate", "--park", "ZJ-NB-001", "--no-write",
                          "--store", store_path], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    assert "ZJ-NB-001" in out.stdout and "示范园区" in out.stdout
    assert Path(store_path).is_dir()
