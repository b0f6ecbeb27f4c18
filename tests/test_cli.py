"""The console script as a user runs it: exit codes, Chinese output, the on-disk store given by --store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import INVALID, VALID

PARKSTAR = [sys.executable, "-m", "reasoner"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PARKSTAR, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200", **(env or {})})


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "parkstar"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "load" in out.stdout and "template" in out.stdout


def test_load_stats_query_roundtrip(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    r = run("load", str(VALID), "--store", store)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "已导入" in r.stdout
    r = run("stats", "--json", "--store", store)
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["counts"]["园区 parks"] == 3 and stats["synthetic"] is True, stats
    r = run("query", "--text", "SELECT ?c WHERE { ?p ps:parkCode ?c } ORDER BY ?c", "--format", "csv",
            "--store", store)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["c", "T-HZ-01", "T-NB-01", "T-WZ-01"], r.stdout


def test_store_from_environment(tmp_path: Path) -> None:
    env = {"PARKSTAR_STORE": str(tmp_path / "envstore")}
    assert run("load", str(VALID / "parks.csv"), env=env).returncode == 0
    assert (tmp_path / "envstore").is_dir()


def test_invalid_input_exits_1_with_the_report(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run("load", str(VALID / "parks.csv"), "--store", store).returncode == 0
    r = run("load", str(INVALID / "percent-range.csv"), "--store", store)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "百分比须在 0-100 之间" in r.stderr and "percent-range.csv" in r.stderr, r.stderr
    r = run("validate", str(INVALID / "broken.ttl"), "--store", store)
    assert r.returncode == 1 and "RDF 语法错误" in r.stderr, r.stderr


def test_usage_and_system_errors_exit_2(tmp_path: Path) -> None:
    assert run("load", str(tmp_path / "missing.csv"), "--store", str(tmp_path / "s")).returncode == 2
    assert run("query", "--text", "SELEC nothing", "--store", str(tmp_path / "s")).returncode == 2
    assert run("template", "nonsense").returncode == 2
    assert run("frobnicate").returncode == 2


def test_template_round_trip(tmp_path: Path) -> None:
    r = run("template", "indicators")
    assert r.returncode == 0
    assert r.stdout.startswith("园区代码,年份,规模以上制造业营业收入（亿元）")
    out = tmp_path / "parks.csv"
    assert run("template", "parks", "--out", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("园区代码,园区名称")
