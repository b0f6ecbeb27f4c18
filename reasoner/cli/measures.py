"""Support-measure commands: ``measures`` (one park: every measure and obligation) and ``measure`` (one measure:
every park) — and the measures section of ``parkstar demo``.

``measure … --write`` stores the year's answers (and the ratings they rest on) as the official ones only when they
are answered with the default options; with ``--as-of`` they are a what-if: printed, not stored, unless
``--save-as NAME`` saves them as a scenario beside the official results.

Exit codes as the rest of the CLI: 0 success, 1 when the store holds no data to answer from, 2 for usage errors
(unknown park or measure, a measure not in force on the date, a malformed date or scenario name) and system errors.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.table import Table

from ..app import RatingOptions, Service
from ..app.schemas.base import dump
from ..app.schemas.measures import AnswerOut
from ..measures import Answer, MeasureError, Verdict, provision, provisions
from ..measures.model import VERDICT_ZH, held_zh
from ..rating import RatingError, UnknownPark
from ..scenarios import ScenarioError, scenario_name
from ..store import OxigraphStore
from . import rating as _cli_rating  # (registered first: the rating demo comes before this one)
from .app import (
    EXIT_ERROR,
    EXIT_INVALID,
    ReadingOption,
    StoreOption,
    app,
    console,
    err_console,
    fail,
    open_store,
    parse_as_of,
    parse_readings,
)
from .data import DEMO_STEPS

YearOption = Annotated[int | None, typer.Option("--year", "-y", help="年度（默认：有数据的最近一年）/ year")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="判断基准日 YYYY-MM-DD：只用当日有效的措施，星级按此日评定（默认：年度 12 月 31 日）/ as-of date")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON 输出 / JSON output")]

STYLE = {Verdict.YES: "green", Verdict.NO: "red", Verdict.UNDETERMINED: "yellow"}
DEMO_PARKS = ("ZJ-NB-001", "ZJ-JX-001", "ZJ-QZ-001", "ZJ-LS-001")


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except UnknownPark as e:
        fail(f"没有代码为 {e.code} 的园区 / no park with code {e.code}", EXIT_ERROR)
    except (MeasureError, ScenarioError) as e:
        fail(str(e), EXIT_ERROR)
    except RatingError as e:
        fail(str(e), EXIT_INVALID)


def _dump(data: Any) -> None:
    console.file.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _verdict(a: Answer) -> str:
    return f"[{STYLE[a.answer]}]{VERDICT_ZH[a.answer]}[/]"


def _why(a: Answer) -> str:
    if a.answer is Verdict.YES:
        notes = [c.why for c in a.conditions if c.why]
        deadline = [f"目标年份 {p.target_year}" for p in a.provision.parameters if p.target_year]
        return "；".join(notes + deadline)
    if a.answer is Verdict.NO:
        return "；".join(a.because)
    return "需补充：" + "；".join(a.missing)


def park_table(answers: Sequence[Answer], title: str) -> Table:
    """One park's answers: provision, project, answer, clause, and the reason or what is lacking."""
    t = Table(title=title, show_lines=True)
    for col in ("措施 measure", "名称 name", "项目 project", "结论 answer", "条款 clause", "依据 / 原因 / 所缺 why"):
        t.add_column(col, overflow="fold")
    for a in answers:
        t.add_row(a.provision.code, a.provision.label, a.project_name or a.project_code, _verdict(a),
                  a.provision.clause, _why(a))
    return t


def conditions_table(a: Answer) -> Table:
    """The conditions of one answer with their verdicts and the facts' sources."""
    t = Table(title=f"{a.provision.code} {a.provision.label} — {a.code} {a.project_name}".rstrip())
    for col in ("条件 condition", "判断 held", "事实与来源 facts and sources"):
        t.add_column(col, overflow="fold")
    for c in a.conditions:
        facts = "；".join(f"{f.text}（{f.source}）" if f.source else f.text for f in c.facts)
        t.add_row(c.condition.text, held_zh(c.held), facts)
    return t


@app.command("measures")
def measures_cmd(
    code: Annotated[str, typer.Argument(help="园区代码 / park code")],
    year: YearOption = None,
    as_of: AsOfOption = None,
    reading: ReadingOption = None,
    as_json: JsonOption = False,
    trace: Annotated[bool, typer.Option("--trace/--no-trace", help="JSON 中含星级评定的推理过程 / include the "
                                                               "rating's trace in JSON")] = True,
    detail: Annotated[bool, typer.Option("--detail", help="逐条列出条件与事实来源 / conditions and sources")] = False,
    store: StoreOption = None,
) -> None:
    """一个园区可享受的支持措施与须履行的约束性要求（四(三)、三.2、三.3）：适用 / 不适用 / 待定，依据哪条、哪些事实。"""
    date, chosen = parse_as_of(as_of), parse_readings(reading)
    with open_store(store) as st, _errors():
        svc = Service(st)
        y = svc.measure_year(year)
        answers = svc.park_measures(code, y, date, chosen)
    if as_json:
        _dump(dump([AnswerOut.of(a, trace) for a in answers]))
        return
    first = answers[0] if answers else None
    name = first.name if first else code
    day = first.as_of if first else date
    console.print(park_table(answers, f"{code} {name} — {y} 年支持措施与约束性要求（基准日 {day}）/ measures"))
    if detail:
        for a in answers:
            console.print(conditions_table(a))
    counts = Counter(a.answer for a in answers)
    console.print(" ".join(f"{VERDICT_ZH[v]} {counts[v]}" for v in Verdict))


@app.command("measure")
def measure_cmd(
    measure: Annotated[str, typer.Argument(help="措施代码 M1–M12、O1、O2，或 all / measure code, or all")],
    year: YearOption = None,
    as_of: AsOfOption = None,
    reading: ReadingOption = None,
    as_json: JsonOption = False,
    trace: Annotated[bool, typer.Option("--trace/--no-trace", help="JSON 中含星级评定的推理过程 / include the "
                                                               "ratings' traces in JSON")] = False,
    write: Annotated[bool, typer.Option("--write", help="把该年度全部措施的结论（及星级评定）写回存储（仅默认选项）"
                                                        "/ store all of the year's answers and ratings (default "
                                                        "options only)")] = False,
    save_as: _cli_rating.SaveAsOption = None,
    store: StoreOption = None,
) -> None:
    """反查：某项措施在某年度适用于哪些园区（或项目），哪些待定、各缺什么 / every park for one measure.

    --write 只写回默认选项的结论（正式结果）；带 --as-of 或 --reading 的是假设情景：只显示、不写入，
    除非用 --save-as 名称另存为情景。
    """
    date, chosen = parse_as_of(as_of), parse_readings(reading)
    opts = RatingOptions(as_of=date, readings=chosen)
    keep = write or save_as is not None
    with open_store(store) as st, _errors():
        if save_as is not None:
            scenario_name(save_as)  # a bad name fails before anything is answered
        svc = Service(st)
        y = svc.measure_year(year)
        everything = svc.year_measures(y, date, chosen) if keep or measure.lower() == "all" else None
        if measure.lower() == "all":
            answers = everything or []
        elif everything is not None:
            code = provision(measure).code
            answers = [a for a in everything if a.provision.code == code]
        else:
            answers = svc.measure_parks(measure, y, date, chosen)
        keys: list[str] = []
        if everything is not None and (save_as is not None or (write and opts.official)):
            keys = svc.write_measures(everything, opts, save_as=save_as)
    if write and not opts.official and save_as is None:
        err_console.print(_cli_rating.WHAT_IF_NOTICE)
    if as_json:
        _dump(dump([AnswerOut.of(a, trace) for a in answers]))
        return
    if measure.lower() == "all":
        console.print(summary_table(answers, f"{y} 年各项措施的结论 / answers by measure"))
    else:
        _print_measure(answers, y)
    if keys and save_as is not None:
        console.print(f"已另存为假设情景“{save_as}”，正式结果未改动 / saved as scenario {save_as} beside the official "
                      f"results: {', '.join(keys)}")
    elif keys:
        console.print(f"已写回存储 / stored as: {', '.join(keys)}")


def summary_table(answers: Sequence[Answer], title: str) -> Table:
    """Counts of yes / no / undetermined per provision."""
    counts = Counter((a.provision.code, a.answer) for a in answers)
    t = Table(title=title)
    for col in ("措施 measure", "名称 name", "条款 clause", "适用 yes", "待定 undetermined", "不适用 no"):
        t.add_column(col, overflow="fold")
    for p in provisions().values():
        if any(a.provision.code == p.code for a in answers):
            t.add_row(p.code, p.label, p.clause, str(counts[(p.code, Verdict.YES)]),
                      str(counts[(p.code, Verdict.UNDETERMINED)]), str(counts[(p.code, Verdict.NO)]))
    return t


def _print_measure(answers: Sequence[Answer], year: int) -> None:
    if not answers:
        console.print("没有园区 / no parks")
        return
    p = answers[0].provision
    console.rule(f"[bold]{p.code} {p.label}（{p.clause}）— {year} 年，适用对象：{p.beneficiary}")
    for verdict in (Verdict.YES, Verdict.UNDETERMINED):
        chosen = [a for a in answers if a.answer is verdict]
        t = Table(title=f"{VERDICT_ZH[verdict]} {len(chosen)} / {verdict.value}")
        for col in ("园区代码 park", "园区名称 name", "项目 project", "依据 / 所缺 why"):
            t.add_column(col, overflow="fold")
        for a in chosen:
            t.add_row(a.code, a.name, a.project_name or a.project_code, _why(a))
        console.print(t)
    console.print(f"不适用 / no: {sum(a.answer is Verdict.NO for a in answers)}（--json 查看各自原因）")


def demo_measures(st: OxigraphStore) -> None:
    """Demo section: the measures of a few scenario parks, and the year's answers written back."""
    svc = Service(st)
    try:
        year = svc.rating_year(None)
    except RatingError:
        return
    answers = svc.year_measures(year)
    console.rule(f"[bold]{year} 年支持措施（四(三)）与约束性要求 / support measures and obligations")
    for code in DEMO_PARKS:
        mine = [a for a in answers if a.code == code]
        if mine:
            console.print(park_table(mine, f"{code} {mine[0].name}"))
    console.print(summary_table(answers, f"{year} 年各项措施的结论 / answers by measure"))
    keys = svc.write_measures(answers)
    console.print(f"已写回存储 / stored as {', '.join(keys)}；详见 parkstar measures 园区代码 --year {year} "
                  f"或 parkstar measure M1 --year {year}")


DEMO_STEPS.append(demo_measures)
