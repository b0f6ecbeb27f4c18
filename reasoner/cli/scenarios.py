"""Stored results: ``stored`` (the written-back star levels of a year — the official ones, or a saved scenario's) and
``scenarios`` (the what-if scenarios saved with ``--save-as``).

Exit codes as the rest of the CLI: 0 success, 1 when the store holds nothing for the year (no observations, no stored
ratings), 2 for usage errors (a malformed scenario name or level, a scenario not saved) and system errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.table import Table

from ..app import Service
from ..app.schemas.base import dump
from ..policy import policy
from ..rating import RatingError
from ..scenarios import ScenarioError
from .app import EXIT_ERROR, EXIT_INVALID, StoreOption, app, console, fail, open_store

JsonOption = Annotated[bool, typer.Option("--json", help="JSON 输出 / JSON output")]


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except ScenarioError as e:
        fail(str(e), EXIT_ERROR)
    except RatingError as e:
        fail(str(e), EXIT_INVALID)


def _dump(data: Any) -> None:
    console.file.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command("stored")
def stored_cmd(
    year: Annotated[int | None, typer.Option("--year", "-y", help="评定年度（默认：有数据的最近一年）/ year")] = None,
    level: Annotated[int | None, typer.Option("--level", help="只列此星级（0 为未达三星级）/ only this level")] = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", help="已保存的假设情景名称（默认：正式结果）/ a saved scenario (default: the official "
                           "ratings)")] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """已存星级：写回存储的某年度评定结果（默认正式结果；--scenario 读取已保存的假设情景），不重新评定 / the stored
    ratings of a year."""
    if level is not None and level not in policy().levels:
        fail("--level 应为 0（未达三星级）、3、4 或 5 / --level must be 0, 3, 4 or 5")
    with open_store(store) as st, _errors():
        rows = Service(st).stored_parks(year, level=level, scenario=scenario)
    if as_json:
        _dump(dump(rows))
        return
    y = rows[0].rating.year if rows and rows[0].rating else year
    whose = f"假设情景“{scenario}”" if scenario is not None else "正式结果"
    t = Table(title=f"{y or ''} 年已存星级（{whose}）/ stored ratings ({scenario or 'official'})")
    for col in ("园区代码 park", "园区名称 name", "设区市 city", "星级 level"):
        t.add_column(col, overflow="fold")
    for p in rows:
        t.add_row(p.code, p.name, p.city.label, p.rating.label if p.rating else "")
    console.print(t)


@app.command("scenarios")
def scenarios_cmd(
    name: Annotated[str | None, typer.Argument(help="只列此名称的情景 / only this scenario")] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """已保存的假设情景（rate/measure --save-as）：名称、年度、所用选项与保存时间 / the saved what-if scenarios."""
    with open_store(store) as st, _errors():
        found = Service(st).scenarios(name)
    if as_json:
        _dump(dump(found))
        return
    t = Table(title="已保存的假设情景 / saved scenarios", caption="读取 / read: parkstar stored --scenario 名称 NAME "
              "--year 年度 YEAR")
    for col in ("名称 name", "年度 year", "版本 edition", "严格 strict", "基准日 as of", "解读 readings",
                "含措施 measures", "保存时间 saved"):
        t.add_column(col, overflow="fold")
    for s in found:
        t.add_row(s.name, str(s.year), s.edition, "是" if s.strict else "否",
                  str(s.as_of) if s.as_of else f"{s.year}-12-31（默认）",
                  ", ".join(f"{k}={v}" for k, v in s.readings.items()) or "默认", "是" if s.measures else "否",
                  s.saved_at)
    console.print(t if found else "没有已保存的假设情景 / no saved scenarios")
