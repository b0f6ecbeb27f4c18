"""``parkstar readings``: every named reading of the policy's open words with its default and alternatives, and
(``--sensitivity``) which parks each alternative would change in a year."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from ..app import Service
from ..app.schemas.base import dump
from ..app.schemas.readings import ReadingOut, SensitivityOut
from ..app.sensitivity import Effect
from ..measures.model import VERDICT_ZH
from ..policy import policy
from . import measures as _cli_measures  # noqa: F401  (listed after the commands it qualifies)
from .app import EXIT_INVALID, StoreOption, app, console, err_console, fail, open_store
from .rating import YearOption, _rating_errors

SHOWN = 12
"""Parks listed per effect in the text output (--json lists all)."""


def readings_table() -> Table:
    """Every reading: key, clause, the policy's words, default and alternatives."""
    pol = policy()
    t = Table(title="政策解读 / readings（--reading 键=选项 选用；正式结果只用默认）", show_lines=True)
    for col in ("键 key", "条款", "解读 reading", "政策原文 words", "默认 default", "可选 alternatives"):
        t.add_column(col, overflow="fold")
    for r in pol.readings.values():
        alts = "\n".join(f"{'● ' if a.key == r.default else '○ '}{a.key}：{a.label_zh}——{a.definition_zh}"
                         for a in r.alternatives)
        t.add_row(r.key, r.clause, f"{r.label_zh}\n{r.definition_zh}", r.words, r.default, alts)
    return t


def _level(n: int) -> str:
    return policy().level_name(n)


def _effect(e: Effect) -> None:
    head = f"{e.reading.key}={e.alternative.key}（{e.reading.label_zh}：{e.alternative.label_zh}，{e.reading.clause}）"
    if not (e.levels or e.measures or e.beneficiaries):
        console.print(f"[dim]• {head}：无变化 / no change[/]")
        return
    console.rule(f"[bold]{head}")
    if e.levels:
        t = Table(title=f"星级变化 {len(e.levels)} 个园区 / level changes")
        for col in ("园区 park", "名称 name", "默认 default", "此解读 under it", "原因 why"):
            t.add_column(col, overflow="fold")
        for c in e.levels[:SHOWN]:
            t.add_row(c.code, c.name, _level(c.before), _level(c.after), c.why)
        console.print(t)
        if len(e.levels) > SHOWN:
            console.print(f"……另 {len(e.levels) - SHOWN} 个（--json 列出全部）")
    if e.measures:
        by_measure: dict[str, list[str]] = {}
        for m in e.measures:
            by_measure.setdefault(m.measure, []).append(
                f"{m.code}{' ' + m.project if m.project else ''} {VERDICT_ZH[m.before]}→{VERDICT_ZH[m.after]}")
        console.print(f"措施结论变化 {len(e.measures)} 项 / measure answers changed:")
        for code, items in by_measure.items():
            more = f" ……另 {len(items) - SHOWN} 项" if len(items) > SHOWN else ""
            console.print(f"  {code}（{len(items)}）：{'；'.join(items[:SHOWN])}{more}")
    for b in e.beneficiaries:
        console.print(f"  {b.measure} 适用对象：{b.before} → {b.after}")


@app.command("readings")
def readings_cmd(
    sensitivity: Annotated[bool, typer.Option(
        "--sensitivity", help="逐一改用每个非默认选项，列出星级或措施结论会变化的园区 / what each alternative changes")
    ] = False,
    year: YearOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON 输出 / JSON output")] = False,
    store: StoreOption = None,
) -> None:
    """政策解读：parkstar 对政策中含义不确定措辞的每一处解读（条款、默认、可选），及 --sensitivity 的敏感性分析。"""
    pol = policy()
    if not sensitivity:
        if year is not None:
            fail("--year 只用于 --sensitivity / --year goes with --sensitivity", EXIT_INVALID)
        if as_json:
            console.file.write(json.dumps(dump([ReadingOut.of(r, pol) for r in pol.readings.values()]),
                                          ensure_ascii=False, indent=2) + "\n")
            return
        console.print(readings_table())
        return
    with open_store(store) as st, _rating_errors(), err_console.status("敏感性分析 / sensitivity…") as status:
        result = Service(st).sensitivity(year, progress=lambda line: status.update(f"敏感性分析：{line}"))
    if as_json:
        console.file.write(json.dumps(dump(SensitivityOut.of(result)), ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"[bold]{result.year} 年敏感性分析 / sensitivity[/]：{result.parks} 个园区、"
                  f"{result.answers} 项措施结论；每次只改用一个解读选项，其余为默认")
    for e in result.effects:
        _effect(e)
