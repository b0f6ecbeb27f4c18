"""``parkstar anchors`` and ``parkstar chain`` as a user runs them: Chinese output, JSON, pictures and GraphML
written where asked, and exit code 2 with the known choices for an unknown chain, park, city or year; the shipped
queries run through ``parkstar query NAME --bind year=Y``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.chains.conftest import CHAINS_FIXTURE


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("chains") / "store"
    with OxigraphStore(path) as st:
        load(st, [CHAINS_FIXTURE])
    return str(path)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reasoner", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})


def test_anchors_table(store: str) -> None:
    r = run("anchors", "集成电路", "--year", "2024", "--store", store)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "集成电路（integrated-circuits）· 2024 年" in out and "链测丁园（合成）" in out, out
    assert out.index("C-NB-01") < out.index("C-HZ-01") < out.index("C-HZ-02"), out
    assert "声明为主导产业链但无龙头企业或单项冠军的园区（1 个）" in out and "C-WZ-01" in out, out


def test_anchors_json_for_every_chain(store: str) -> None:
    r = run("anchors", "--json", "--store", store)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["year"] == 2024 and len(data["chains"]) == 10, data["year"]
    ic = data["chains"][1]
    assert ic["chain"]["id"] == "integrated-circuits" and ic["chain"]["name_zh"] == "集成电路", ic["chain"]
    assert [a["park"]["code"] for a in ic["anchors"]] == ["C-NB-01", "C-HZ-01", "C-HZ-02"], ic["anchors"]
    assert [a["park"]["code"] for a in ic["declared_without_leader"]] == ["C-WZ-01"], ic


def test_chain_for_a_park_with_every_output(store: str, tmp_path: Path) -> None:
    svg, png, gml = tmp_path / "c.svg", tmp_path / "c.png", tmp_path / "c.graphml"
    r = run("chain", "integrated-circuits", "--park", "C-HZ-01", "--year", "2024", "--svg", str(svg),
            "--png", str(png), "--graphml", str(gml), "--store", store)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "覆盖 4/5 个环节（80%）" in out and "链条未贯通" in out, out
    assert "材料与装备" in out and "链测乙园（合成）（C-HZ-02，同县（市、区），1 家）" in out, out
    assert "单一企业环节（强链风险）" in out, out
    assert "集成电路产业链覆盖图" in svg.read_text(encoding="utf-8")
    assert png.read_bytes()[:4] == b"\x89PNG"
    g = nx.read_graphml(gml)
    assert g.nodes["ic-materials-equipment"]["status"] == "missing", dict(g.nodes(data=True))


def test_chain_json_for_a_city_and_the_province(store: str) -> None:
    r = run("chain", "集成电路", "--city", "杭州", "--json", "--store", store)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["scope"]["kind"] == "city" and data["scope"]["name_zh"] == "杭州市", data["scope"]
    assert data["path"]["unbroken"] is True and data["coverage"]["share"] == 1.0, data["path"]
    r = run("chain", "现代纺织", "--province", "--json", "--year", "2023", "--store", store)
    data = json.loads(r.stdout)
    assert data["year"] == 2023 and "tx-chemical-fibre" in data["uncovered_in_province"], data


@pytest.mark.parametrize(("args", "needle"), [
    (("chain", "集成电", "--park", "C-HZ-01"), "集成电路（integrated-circuits）"),
    (("chain", "集成电路", "--park", "NOPE"), "C-HZ-01"),
    (("chain", "集成电路", "--city", "北京"), "杭州市"),
    (("chain", "集成电路"), "--park"),
    (("chain", "集成电路", "--park", "C-HZ-01", "--province"), "--park"),
    (("anchors", "--year", "2030"), "2023、2024"),
])
def test_usage_errors_exit_2_naming_the_choices(store: str, args: tuple[str, ...], needle: str) -> None:
    r = run(*args, "--store", store)
    assert r.returncode == 2, r.stdout + r.stderr
    assert needle in r.stderr.replace("\n", ""), r.stderr


@pytest.mark.parametrize("name", ["chain-anchors", "chain-anchor-leaders", "chain-declarers-without-leader",
                                  "chain-coverage", "chain-park-clusters", "chain-segments", "chain-parks",
                                  "chain-clusters", "chains/anchors", "chains/coverage"])
def test_shipped_queries_run_with_parkstar_query(store: str, name: str) -> None:
    r = run("query", name, "--bind", "year=2024", "--format", "csv", "--store", store)
    if name in ("chain-segments", "chain-parks", "chain-clusters"):  # no ?year: run them unbound
        r = run("query", name, "--format", "csv", "--store", store)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows, r.stdout
    if "year" in rows[0]:
        assert {row["year"] for row in rows} == {"2024"}, {row["year"] for row in rows}
