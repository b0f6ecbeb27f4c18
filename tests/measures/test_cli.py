"""The measure commands as a user runs them: ``parkstar measures CODE`` and ``parkstar measure M`` (tables in
Chinese, JSON with the issue's keys, --as-of, --write), exit codes 0 and 2, the on-disk store given by --store."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from reasoner.cli import app
from reasoner.ingest import load
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("measures-cli") / "store"
    store = OxigraphStore(path)
    load(store, [sample_dir()])
    store.close()
    return str(path)


def run(store: str, *args: str) -> Any:
    return CliRunner().invoke(app, [*args, "--store", store], env={"COLUMNS": "200"})


def test_measures_json_for_a_park(store_path: str) -> None:
    r = run(store_path, "measures", "ZJ-NB-001", "--year", "2024", "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {x["measure"] for x in rows} == {f"M{i}" for i in range(1, 13)} | {"O1", "O2"}
    for x in rows:
        assert {"measure", "answer", "clause", "conditions", "missing"} <= set(x)
        assert all({"text", "held", "facts"} <= set(c) for c in x["conditions"])
    m11 = next(x for x in rows if x["measure"] == "M11")
    assert m11["answer"] == "yes" and m11["clause"] == "四(三)"
    assert m11["conditions"][0]["facts"][0]["trace"], "the rating's trace goes with the answer"


def test_measures_table_in_chinese(store_path: str) -> None:
    r = run(store_path, "measures", "ZJ-LS-001", "--year", "2024", "--detail")
    assert r.exit_code == 0, r.output
    assert "待定" in r.stdout and "需补充" in r.stdout and "I6" in r.stdout and "条件" in r.stdout


def test_measure_reverse_question(store_path: str) -> None:
    r = run(store_path, "measure", "M7", "--year", "2024", "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert len(rows) == 65 and {x["measure"] for x in rows} == {"M7"}
    by = {x["park"]: x for x in rows}
    assert by["ZJ-NB-001"]["answer"] == "yes"
    assert by["ZJ-LS-005"]["answer"] == "no" and "不在评价范围" in by["ZJ-LS-005"]["summary"]  # 三.1
    assert by["ZJ-JX-001"]["answer"] == "undetermined" and by["ZJ-JX-001"]["missing"]
    table = run(store_path, "measure", "M7", "--year", "2024")
    assert table.exit_code == 0 and "适用" in table.stdout and "待定" in table.stdout, table.output


def test_measure_all_and_write(store_path: str) -> None:
    r = run(store_path, "measure", "all", "--year", "2024", "--write")
    assert r.exit_code == 0, r.output
    assert "已写回存储" in r.stdout and "parkstar:measures/2024" in r.stdout
    store = OxigraphStore(store_path)
    try:
        n = store.select("SELECT (COUNT(?a) AS ?n) WHERE { ?a a ps:MeasureAnswer ; ps:basedOnRating ?r . "
                         "?r a ps:StarRating }")[0]["n"]
    finally:
        store.close()
    assert n > 64 * 10


def test_as_of_and_errors(store_path: str) -> None:
    r = run(store_path, "measures", "ZJ-JH-001", "--year", "2025", "--as-of", "2026-01-15", "--json")
    assert r.exit_code == 0, r.output
    assert "O1" not in {x["measure"] for x in json.loads(r.stdout)}
    assert run(store_path, "measure", "O1", "--year", "2024", "--as-of", "2026-01-15").exit_code == 2
    assert run(store_path, "measures", "ZJ-XX-999", "--year", "2024").exit_code == 2
    assert run(store_path, "measure", "M99", "--year", "2024").exit_code == 2
    assert run(store_path, "measures", "ZJ-NB-001", "--as-of", "2024-13-01").exit_code == 2
