"""Rating commands: rate, explain, adjust, progress — and the rating section of ``parkstar demo``.

``rate`` stores only the official computation (the default edition and options, every park shown); a run with
``--park``, ``--edition``, ``--strict`` or ``--as-of`` is a what-if: printed, not stored, unless ``--save-as NAME``
saves it as a scenario beside the official results.

Exit codes as the rest of the CLI: 0 success, 1 when the data cannot be rated (no observations for the year, no
observation of the park), 2 for usage errors (unknown edition or park, a malformed date or scenario name) and system
errors.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from ..app import RatingOptions, Service
from ..app.schemas.base import dump
from ..app.schemas.rating import AdjustmentOut, ExplainedRating, ProgressOut, RatingOut
from ..namespaces import PS
from ..policy import PolicyError, label, policy
from ..rating import RatingError, UnknownPark
from ..rating.adjust import CHANGE_ZH, Change
from ..rating.announced import Agreement, Standing
from ..rating.engine import OUT_OF_SCOPE
from ..rating.model import Rating
from ..rating.rectification import STATUS_ZH
from ..scenarios import ScenarioError, scenario_name
from ..store import OxigraphStore
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

YearOption = Annotated[int | None, typer.Option("--year", "-y", help="评定年度（默认：有数据的最近一年）/ rating year")]
EditionOption = Annotated[str | None, typer.Option(
    "--edition", "-e", help="评价标准版本，如 2020-a、2020-c（默认：该年度默认版本）/ edition")]
StrictOption = Annotated[bool, typer.Option("--strict", help="严格执行，不放宽任何指标 / no relaxation")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="评定基准日 YYYY-MM-DD（默认：评定年度 12 月 31 日）"
                                                           " / assessment date")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON 输出 / JSON output")]
SaveAsOption = Annotated[str | None, typer.Option(
    "--save-as", help="另存为指定名称的假设情景（与正式结果并列，不覆盖；小写字母、数字、-、_）/ save as a named "
                      "scenario beside the official results")]

WHAT_IF_NOTICE = ("假设情景：未写入存储；如需保存请加 --save-as 名称 / what-if: nothing stored; add --save-as NAME to "
                  "keep it as a scenario")
"""Said on stderr when a run with non-default options would have been stored: only the official computation is."""

STARS = {0: "—", 3: "★★★", 4: "★★★★", 5: "★★★★★"}


@contextmanager
def _rating_errors() -> Iterator[None]:
    """Turn the rating's exceptions into messages and exit codes."""
    try:
        yield
    except PolicyError as e:
        fail(f"评价标准或参数不可用 / criteria unusable: {e}", EXIT_ERROR)
    except ScenarioError as e:
        fail(str(e), EXIT_ERROR)
    except UnknownPark as e:
        fail(f"没有代码为 {e.code} 的园区 / no park with code {e.code}", EXIT_ERROR)
    except RatingError as e:
        fail(str(e), EXIT_INVALID)


def _dump(data: Any) -> None:
    console.file.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _level(r: Rating) -> str:
    names = policy().level_names()
    if not r.in_scope:
        return f"{OUT_OF_SCOPE['zh']}（三.1）\n[dim]指标达{names[r.indicator_level]}[/]"
    text = f"{names[r.level]} {STARS[r.level]}"
    if r.vetoed:
        text += f"\n[red]否决（指标达{names[r.indicator_level]}）[/]"
    elif r.undetermined:
        text += f"\n[yellow]待定——需 {'、'.join(r.missing)}[/]"
    return text


def _announced(s: Standing | None) -> str:
    """三.3: the published level (marked when it differs from the computed one), or the stage reached."""
    if s is None or s.latest is None:
        return ""
    names = policy().level_names()
    if s.announced is None:
        return f"[dim]{s.latest.stage.label_zh}：{names[s.latest.level]}[/]"
    if s.agreement is Agreement.AGREES:
        return f"{names[s.announced]} ✓"
    return f"[red]{names[s.announced]} ≠[/]"


def ratings_table(ratings: list[Rating], title: str, standings: dict[str, Standing] | None = None) -> Table:
    """The ratings as a table, Chinese headers first (with the published level of the procedure, 三.3, when
    ``standings`` are given)."""
    t = Table(title=title, show_lines=False)
    t.add_column("排名 rank", justify="right")
    t.add_column("园区代码 park")
    t.add_column("园区名称 name", overflow="fold")
    for col in ("星级 level", "示范 demo"):
        t.add_column(col)
    if standings is not None:
        t.add_column("公布 announced")
    t.add_column("加分 bonus", justify="right")
    for col in ("优先 priority", "放宽 relaxed", "缺失 missing"):
        t.add_column(col)
    for r in ratings:
        announced = [_announced(standings.get(r.code))] if standings is not None else []
        t.add_row(str(r.rank_in_level), r.code, r.name, _level(r), "示范园区" if r.demonstration else "",
                  *announced, str(r.bonus), "、".join(f"{label(d.level)}{label(d.kind)}" for d in r.priority),
                  "、".join(r.relaxed), "、".join(r.missing))
    return t


def disagreements_table(ratings: list[Rating], standings: dict[str, Standing], title: str) -> Table | None:
    """三.3: every park-year whose published level differs from the computed one, with the reason; None when
    there is none."""
    names = policy().level_names()
    t = Table(title=title)
    for col in ("园区代码 park", "园区名称 name", "计算 computed", "公布 announced", "文号 document", "原因 why"):
        t.add_column(col, overflow="fold")
    for r in ratings:
        s = standings.get(r.code)
        if s is None or not s.disagrees or s.latest is None or s.announced is None:
            continue
        t.add_row(r.code, r.name, names[r.level], names[s.announced], s.latest.document, s.note)
    return t if t.rows else None


def summary_table(ratings: list[Rating], title: str) -> Table:
    """Counts by level (and of vetoed, relaxed and undetermined parks); parks outside the scope of the rating (三.1)
    are counted apart."""
    names = policy().level_names()
    outside = [r for r in ratings if not r.in_scope]
    ratings = [r for r in ratings if r.in_scope]
    counts = Counter(r.level for r in ratings)
    t = Table(title=title)
    t.add_column("星级 level")
    t.add_column("园区数 parks", justify="right")
    for lv in (5, 4, 3, 0):
        t.add_row(names[lv] + ("（示范园区）" if lv == 5 else ""), str(counts[lv]))
    t.add_row("其中被否决 vetoed", str(sum(r.vetoed for r in ratings)))
    t.add_row("经放宽达到 relaxed", str(sum(bool(r.relaxed) for r in ratings)))
    t.add_row("待定（缺数据）undetermined", str(sum(r.undetermined for r in ratings)))
    t.add_row("合计 total", str(len(ratings)))
    t.add_row(f"{OUT_OF_SCOPE['zh']}（三.1，不计入上列）not in scope", str(len(outside)))
    return t


@app.command("rate")
def rate_cmd(
    year: YearOption = None,
    park: Annotated[str | None, typer.Option("--park", "-p", help="只显示此园区 / show this park only")] = None,
    edition: EditionOption = None,
    strict: StrictOption = False,
    as_of: AsOfOption = None,
    reading: ReadingOption = None,
    as_json: JsonOption = False,
    write: Annotated[bool, typer.Option("--write/--no-write", help="写回正式结果（默认写回；仅默认选项）/ store the "
                                                              "official ratings (default options only)")] = True,
    save_as: SaveAsOption = None,
    store: StoreOption = None,
) -> None:
    """星级评定：按评价标准（三.2）、否决（三.3）、放宽与加分评定全部园区并写回存储 / rate every park of a year.

    全部园区一起评定（同星级排名需要全体），--park 只决定显示哪个园区。只有默认选项的评定（正式结果）写回存储；
    带 --park、--edition、--strict 或 --as-of 的是假设情景：只显示、不写入，除非用 --save-as 名称另存为情景。
    """
    opts = RatingOptions(edition, strict, parse_as_of(as_of), parse_readings(reading))
    if save_as is not None and not write:
        fail("--save-as 与 --no-write 不能同时使用 / --save-as and --no-write contradict each other")
    official = opts.official and park is None  # --park shows one park: a look, not the year's official run
    with open_store(store) as st, _rating_errors():
        if save_as is not None:
            scenario_name(save_as)  # a bad name fails before anything is rated
        svc = Service(st)
        ratings, keys = svc.rate(year, opts, write=write and official and save_as is None, save_as=save_as)
        standings = svc.standings(ratings[0].year, opts)
        shown = ratings
        if park is not None:
            shown = [r for r in ratings if r.code == park]
            if not shown:
                raise UnknownPark(park)
    if write and not official and save_as is None:
        err_console.print(WHAT_IF_NOTICE)
    if as_json:
        _dump(dump([RatingOut.of(r, trace=False, standing=standings[r.code]) for r in shown]))
        return
    first = ratings[0]
    mode = "严格（不放宽）" if first.strict else "含放宽规则"
    chosen = f"，解读 {opts.readings.text()}" if opts.readings else ""
    head = (f"{first.year} 年星级评定 / star ratings — 版本 {first.edition}，{mode}，"
            f"基准日 {first.assessment_date}{chosen}")
    console.print(ratings_table(shown, head, standings))
    if park is None:
        console.print(summary_table(ratings, f"{first.year} 年各星级园区数 / parks by level"))
        published = sum(1 for s in standings.values() if s.published)
        pending = sum(1 for s in standings.values() if s.agreement is Agreement.PENDING)
        console.print(f"评定程序（三.3）/ the procedure: 已公布 {published} 个（其中与计算不一致 "
                      f"{sum(1 for s in standings.values() if s.disagrees)} 个），尚在申报、建议名单或审议阶段 "
                      f"{pending} 个；其余尚无记录 / published {published}, at an earlier stage {pending}")
        table = disagreements_table(shown, standings, f"{first.year} 年公布星级与计算星级不一致 / published ≠ "
                                                      "computed")
        if table is not None:
            console.print(table)
    else:
        scope = shown[0].scope if shown[0].in_scope else f"{OUT_OF_SCOPE['zh']}——{shown[0].scope}"
        console.print(f"评价范围（三.1）/ scope：{scope}")
        console.print(f"评定程序（三.3）/ procedure：{standings[park].note}")
    if keys and save_as is not None:
        console.print(f"已另存为假设情景“{save_as}”，正式结果未改动 / saved as scenario {save_as} beside the official "
                      f"results: {', '.join(keys)}")
    elif keys:
        console.print(f"已写回存储 / stored as: {', '.join(keys)}")


@app.command("explain")
def explain_cmd(
    code: Annotated[str, typer.Argument(help="园区代码 / park code")],
    year: YearOption = None,
    edition: EditionOption = None,
    strict: StrictOption = False,
    as_of: AsOfOption = None,
    reading: ReadingOption = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """解释一个园区的星级：哪条标准、哪个数值、哪份来源文件，放宽了什么、为何否决，以及升级所需 / explain a rating."""
    opts = RatingOptions(edition, strict, parse_as_of(as_of), parse_readings(reading))
    with open_store(store) as st, _rating_errors():
        explained = Service(st).explain(code, year, opts)
    if as_json:
        _dump(dump(ExplainedRating.of_explained(explained)))
        return
    exp = explained.explanation
    console.rule(f"[bold]{exp.title}")
    console.print(f"[bold]结论 / conclusion：[/]{exp.conclusion}")
    if explained.standing is not None:
        console.print(f"[bold]评定程序 / procedure（三.3）：[/]{explained.standing.note}")
    names = policy().level_names()
    t = Table(title="指标 / indicators")
    for col in ("指标", "名称", "数值", "单位", f"{names[3]}", f"{names[4]}", f"{names[5]}", "达到", "放宽", "来源"):
        t.add_column(col, overflow="fold")
    for row in exp.rows:
        t.add_row(row["indicator"], row["name"], row["value"], row["unit"], row["3"], row["4"], row["5"],
                  row["met"], row["relaxed"], row["source"])
    console.print(t)
    console.print("[bold]理由 / reasons[/]")
    for line in exp.reasons:
        console.print(f" • {line}")
    if exp.next_steps:
        console.print("[bold]下一星级 / next level[/]")
        for line in exp.next_steps:
            console.print(f" • {line}")


@app.command("adjust")
def adjust_cmd(
    year: YearOption = None,
    edition: EditionOption = None,
    strict: StrictOption = False,
    as_of: AsOfOption = None,
    reading: ReadingOption = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """年度动态调整（三.3）：与上一年度相比的升级、降级、保持、新参评、因否决失星、待定（本年缺指标，不计升降级）；限期整改名单（O1）及其跟踪。"""
    opts = RatingOptions(edition, strict, parse_as_of(as_of), parse_readings(reading))
    with open_store(store) as st, _rating_errors():
        result = Service(st).adjustment(year, opts)
    y = result.year
    if as_json:
        _dump(dump(AdjustmentOut.of(result)))
        return
    names = policy().level_names()
    groups = result.by_change()
    t = Table(title=f"{y - 1} → {y} 年度星级调整 / annual adjustment")
    for col in ("变化 change", "园区数 parks", "园区 parks"):
        t.add_column(col, overflow="fold")
    for change in Change:
        ms = groups[change]
        if change is Change.KEPT:
            listing = f"（{len(ms)} 个，略）"
        elif change is Change.UNDETERMINED:  # no level yet: say what is missing, not where it "moved"
            listing = "；".join(f"{m.code} {'' if m.before is None else names[m.before]}→"
                               f"待定（缺 {'、'.join(m.missing)}）" for m in ms)
        else:
            listing = "；".join(f"{m.code} {'' if m.before is None else names[m.before]}→"
                               f"{'' if m.after is None else names[m.after]}" for m in ms)
        t.add_row(CHANGE_ZH[change], str(len(ms)), listing)
    console.print(t)
    notes = [f"{m.code} {m.note()}" for m in result.movements if m.note()]
    if notes:
        console.print("[bold]待定说明 / undetermined ratings[/]"
                      "（缺少可能提升星级的指标时，现有星级只是下限，不计升降级）")
        for line in notes:
            console.print(f" • {line}")
    r = Table(title=f"{y} 年限期整改名单（O1：未达三星级）/ rectification list")
    for col in ("园区代码", "园区名称", "说明"):
        r.add_column(col, overflow="fold")
    for x in result.rectify:
        note = f"待定——需补充 {'、'.join(x.missing)}" if x.undetermined else (
            f"缺失 {'、'.join(x.missing)}" if x.missing else "")
        r.add_row(x.code, x.name, note)
    console.print(r)
    due = [x for x in result.follow_up if x.due or x.reached_in is not None]
    pending = len(result.follow_up) - len(due)
    f = Table(title=f"限期整改跟踪（三.2，O1）/ rectification follow-up — 到期或已达标 {len(due)} 个，"
                    f"整改中 {pending} 个")
    for col in ("园区代码", "园区名称", "落入年度", "期限", "状态", f"{y} 年星级"):
        f.add_column(col, overflow="fold")
    for fu in due:
        f.add_row(fu.code, fu.name, str(fu.since), str(fu.deadline), STATUS_ZH[fu.status],
                  "—" if fu.level is None else names[fu.level])
    console.print(f)
    if result.vetoed:
        v = Table(title=f"{y} 年被否决园区（O2：不得评定为星级园区）/ vetoed")
        for col in ("园区代码", "园区名称", "事件"):
            v.add_column(col, overflow="fold")
        for x in result.vetoed:
            events = "；".join(f"{i.date} {label(i.severity)}{label(i.type)}" for i in x.veto_incidents)
            v.add_row(x.code, x.name, events)
        console.print(v)


@app.command("progress")
def progress_cmd(
    year: YearOption = None,
    edition: EditionOption = None,
    strict: StrictOption = False,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """全省进展：对照 2025 年目标（一(二)、三.2）——示范园区数、三星级及以上占比、示范园区指标 / province progress."""
    opts = RatingOptions(edition, strict, parse_as_of(as_of))
    with open_store(store) as st, _rating_errors():
        result = Service(st).progress(year, opts)
    y, status = result.year, result.goals
    if as_json:
        _dump(dump(ProgressOut.of(result)))
        return
    t = Table(title=f"{y} 年对照 2025 年目标 / progress against the 2025 goals")
    for col in ("目标 goal", "条款 clause", "目标值 target", "现状 actual", "达到 met", "说明 detail"):
        t.add_column(col, overflow="fold")
    for s in status:
        show = _percent if s.goal.measure == str(PS.StarParkShare) else _round
        actual = "—" if s.actual is None else show(s.actual)
        t.add_row(s.goal.label, s.goal.clause, show(s.goal.value), actual, "是" if s.met else "[red]否[/]", s.detail)
    console.print(t)


def _percent(share: Decimal) -> str:
    return f"{_round(share * 100)}%"


def _round(d: Decimal) -> str:
    q = d.quantize(Decimal("0.01")) if d != d.to_integral_value() else d
    return format(q.normalize() if q == q.to_integral_value() else q, "f")


def demo_rating(st: OxigraphStore) -> None:
    """Demo section: rate the latest year, store it, and show the levels, the vetoed and the relaxed parks."""
    svc = Service(st)
    ratings, keys = svc.rate(None, write=True)
    year = ratings[0].year
    console.rule(f"[bold]{year} 年星级评定 / star ratings")
    console.print(summary_table(ratings, f"{year} 年各星级园区数（版本 {ratings[0].edition}）/ parks by level"))
    vetoed = [r for r in ratings if r.vetoed]
    if vetoed:
        console.print(ratings_table(vetoed, "被否决的园区（三.3）/ vetoed parks"))
    relaxed = [r for r in ratings if r.relaxed]
    if relaxed:
        console.print(ratings_table(relaxed, "经“个别指标可适当放宽”达到星级的园区（三.2）/ relaxed"))
    differ = disagreements_table(ratings, svc.standings(year), "公布星级与计算星级不一致（三.3）/ published ≠ computed")
    if differ is not None:
        console.print(differ)
    console.print(f"已写回存储 / stored as {', '.join(keys)}；详见 parkstar explain 园区代码 --year {year}")


DEMO_STEPS.append(demo_rating)
