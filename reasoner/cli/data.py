"""Data commands: load, validate, stats, sources, retract, query, template, generate, demo."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pyoxigraph as ox
import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import queries
from ..app import Service
from ..app.schemas.base import dump
from ..app.schemas.parks import StoreStats
from ..ingest import IngestError, load, prepare
from ..ingest.templates import template_csv, templates
from ..namespaces import PREFIXES
from ..resources import sample_dir
from ..store import OxigraphStore, iter_rows
from .app import EXIT_INVALID, StoreOption, app, console, err_console, fail, open_store


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar driven by ``callback(stage, done, total)``; silent when stderr is not a terminal."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def print_problems(e: IngestError) -> None:
    """Print every problem of a refused input, grouped as a table."""
    t = Table(title=f"导入被拒绝：{len(e.problems)} 个问题，未写入任何数据 / refused: nothing was stored",
              show_lines=False, title_style="bold red")
    for col in ("文件 file", "行 row", "列 column", "原因 reason", "值 value"):
        t.add_column(col, overflow="fold")
    for p in e.problems:
        t.add_row(p.file, "" if p.row is None else str(p.row), p.column or "",
                  f"{p.reason_zh}\n[dim]{p.reason_en}[/]", p.value or (p.focus if p.row is None else "") or "")
    err_console.print(t)


@app.command("load")
def load_cmd(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（.csv .xlsx .ttl .nt .jsonld）/ files or folders")],
    store: StoreOption = None,
) -> None:
    """导入数据：校验全部通过才写入（全部或全不）；同一来源再次导入即替换 / load files, all or nothing."""
    for p in paths:
        if not p.exists():
            fail(f"找不到 {p} / not found: {p}")
    with open_store(store) as st, progress_bar() as bar:
        try:
            report = load(st, paths, progress=bar)
        except IngestError as e:
            print_problems(e)
            raise typer.Exit(EXIT_INVALID) from e
        t = Table(title="已导入 / loaded")
        t.add_column("文件 file")
        t.add_column("模板 template")
        t.add_column("三元组 triples", justify="right")
        t.add_column("单位换算 conversions", overflow="fold")
        for src in report.sources:
            more = f"\n… 共 {len(src.conversions)} 处" if len(src.conversions) > 3 else ""
            t.add_row(src.file, src.template, str(src.triples), "\n".join(src.conversions[:3]) + more)
        console.print(t)
        console.print(f"共写入 {report.triples} 个三元组 / {report.triples} triples stored in {st.path}")


@app.command("validate")
def validate_cmd(
    paths: Annotated[list[Path], typer.Argument(help="待校验的文件或文件夹 / files or folders to check")],
    store: StoreOption = None,
    engine: Annotated[str, typer.Option("--engine", help="pyshacl（参照实现，默认）或 sparql（快速）/ "
                                        "pyshacl (the reference, default) or sparql (fast)")] = "pyshacl",
) -> None:
    """只校验不写入：用 pyshacl 运行证据形状（SHACL），打印报告；有违规时退出码 1 / check without storing."""
    for p in paths:
        if not p.exists():
            fail(f"找不到 {p} / not found: {p}")
    with open_store(store) as st, progress_bar() as bar:
        try:
            prepared = prepare(paths, st, progress=bar, engine=engine)
        except IngestError as e:
            print_problems(e)
            raise typer.Exit(EXIT_INVALID) from e
        except ValueError as e:
            fail(str(e))
    console.print(f"[green]校验通过[/] / valid: {len(prepared)} 个文件 files, "
                  f"{sum(p.triples for p in prepared)} 个三元组 triples")


@app.command("stats")
def stats_cmd(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON 输出 / JSON output")] = False,
) -> None:
    """数据概况 / what the store holds."""
    with open_store(store) as st:
        s = Service(st).stats()
    if as_json:
        console.print_json(json.dumps(dump(s), ensure_ascii=False))
        return
    print_stats(s)


def print_stats(s: StoreStats) -> None:
    """Render store statistics."""
    note = "（含合成数据 / includes synthetic data）" if s.synthetic else ""
    t = Table(title="数据概况 / store contents" + note)
    t.add_column("类别 kind")
    t.add_column("数量 count", justify="right")
    for k, v in s.counts.items():
        t.add_row(k, str(v))
    t.add_row("三元组 triples", str(s.triples))
    console.print(t)
    if s.years:
        y = Table(title="年度指标 / indicators by year")
        for c in ("年份 year", "园区 parks", "观测值 observations"):
            y.add_column(c, justify="right")
        for r in s.years:
            y.add_row(str(r.y), str(r.parks), str(r.obs))
        console.print(y)
    src = Table(title="来源 / sources")
    for c in ("来源 source", "模板 template", "三元组 triples", "导入时间 loaded"):
        src.add_column(c, overflow="fold")
    for x in s.sources:
        src.add_row(x.file_name, x.template, str(x.triple_count), x.loaded_at[:19])
    console.print(src)


@app.command("retract")
def retract_cmd(
    source: Annotated[str, typer.Argument(help="来源文件路径（如导入时所给）/ the source's path as loaded")],
    store: StoreOption = None,
) -> None:
    """撤回一个来源的全部数据 / remove one loaded source."""
    key = str(Path(source).resolve()) if Path(source).exists() or "/" in source else source
    with open_store(store) as st:
        if not (st.retract_source(key) or st.retract_source(source)):
            fail(f"没有此来源 / no such source: {source}")
    console.print(f"已撤回 / retracted: {source}")


class OutputFormat(StrEnum):
    """Query output formats."""

    table = "table"
    csv = "csv"
    json = "json"


def _short_iri(value: Any) -> str:
    text = "" if value is None else str(value)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri) and prefix not in ("rdf", "rdfs", "owl", "xsd", "sh"):
            return f"{prefix}:{text[len(iri):]}"
    return text


INDEX_COLUMNS = {"name": "名称 name", "area": "领域 area", "description": "说明 description", "path": "文件 file"}


def render_index(fmt: OutputFormat) -> None:
    """Print the index of queries: every shipped query, then the measure conditions' queries."""
    rows = [q.row() for q in queries.index()]
    if fmt is not OutputFormat.table:
        render_rows(rows, fmt)
        return
    t = Table(caption=f"{len(rows)} 个查询 queries；运行 / run: parkstar query 名称 NAME --bind year=2024")
    for header in INDEX_COLUMNS.values():
        t.add_column(header, overflow="fold")
    for r in rows:
        t.add_row(*(escape(r[k]) for k in INDEX_COLUMNS))
    console.print(t)


def _query_text(query: str) -> str:
    """The text of a query named on the command line: a file, else a shipped query or a measure condition."""
    path = Path(query)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    try:
        info = queries.find(query)
    except queries.UnknownQuery:
        fail(f"找不到查询 {query}（parkstar query --list 列出全部）/ no such query: {query}")
    if info.path.endswith(".ru"):
        fail(f"{info.name} 是更新，不能用 parkstar query 运行 / {info.name} is an update: parkstar query only reads")
    return info.text


@app.command("query")
def query_cmd(
    query: Annotated[str | None, typer.Argument(
        help="查询文件 .rq，或随包查询的名称（如 chains/anchors）/ a .rq file or a shipped query's name")] = None,
    text: Annotated[str | None, typer.Option("--text", "-t", help="查询文本 / query text")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = OutputFormat.table,
    bind: Annotated[list[str] | None, typer.Option("--bind", "-b", help="变量=值，如 year=2024 / VAR=VALUE")] = None,
    list_queries: Annotated[bool, typer.Option(
        "--list", "-l", help="列出全部查询 / list the shipped queries and the measure conditions' queries")] = False,
    store: StoreOption = None,
) -> None:
    """运行 SPARQL 查询（只读；前缀已预置）/ run a read-only SPARQL query (parkstar prefixes predeclared)."""
    if list_queries:
        if query is not None or text is not None:
            fail("--list 不与查询同用 / --list takes no query")
        render_index(fmt)
        return
    if (query is None) == (text is None):
        fail("请给出查询名称或文件，或 --text 之一；parkstar query --list 列出随包查询 / "
             "give a query name or file, or --text; parkstar query --list lists the shipped queries")
    if text is None:
        assert query is not None
        text = _query_text(query)
    raw: dict[str, str] = {}
    for b in bind or []:
        var, sep, value = b.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", var):
            fail(f"--bind 应为 变量=值 / --bind wants VAR=VALUE: {b}")
        raw[var] = value
    try:
        bindings = _typed_bindings(raw)
    except ValueError as e:
        fail(f"--bind 的值不是有效的 IRI / a --bind value is not a valid IRI: {e}")
    with open_store(store) as st:
        try:
            result = st.query(queries.bind(text, **bindings))
            if isinstance(result, ox.QueryBoolean):
                rows = [{"ask": bool(result)}]
            elif isinstance(result, ox.QuerySolutions):
                rows = list(iter_rows(result))
            else:
                console.file.write((ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8"))
                return
        except SyntaxError as e:
            fail(f"SPARQL 语法错误 / SPARQL syntax error: {e}")
        except (OSError, RuntimeError, ValueError) as e:
            fail(f"查询失败 / query failed: {e}")
    render_rows(rows, fmt)


def _typed_bindings(bindings: dict[str, str]) -> dict[str, Any]:
    """``--bind`` values as terms: integers, IRIs (full or prefixed; refused when not valid IRIs), else literals."""
    from ..namespaces import XSD

    out: dict[str, Any] = {}
    for k, v in bindings.items():
        if re.fullmatch(r"-?\d+", v):
            out[k] = ox.Literal(v, datatype=ox.NamedNode(str(XSD.integer)))
        elif v.startswith("http://") or v.startswith("https://"):
            out[k] = ox.NamedNode(v)
        elif ":" in v and v.split(":", 1)[0] in PREFIXES:
            prefix, local = v.split(":", 1)
            out[k] = ox.NamedNode(PREFIXES[prefix] + local)
        else:
            out[k] = ox.Literal(v)
    return out


def render_rows(rows: list[dict[str, Any]], fmt: OutputFormat) -> None:
    """Print SELECT rows as a table, CSV or JSON."""
    if fmt is OutputFormat.json:
        console.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    cols = list(rows[0]) if rows else []
    if fmt is OutputFormat.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r[c] is None else r[c] for c in cols])
        console.file.write(buf.getvalue())
        return
    t = Table(caption=f"{len(rows)} 行 rows")
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*(_short_iri(r[c]) for c in cols))
    console.print(t)


@app.command("template")
def template_cmd(
    kind: Annotated[str, typer.Argument(help="模板 / template: " + ", ".join(templates()))],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="写入文件（默认标准输出）/ file to write")] = None,
) -> None:
    """输出一个空白导入模板（CSV，UTF-8）/ write an empty ingest template."""
    try:
        text = template_csv(kind)
    except KeyError as e:
        fail(str(e.args[0]))
    if out is None:
        console.file.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"已写入 / written: {out}")


def _years(value: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", value.strip())
    if not m:
        raise typer.BadParameter("应为 YYYY 或 YYYY-YYYY / must be YYYY or YYYY-YYYY")
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    if b < a:
        raise typer.BadParameter("结束年份早于起始年份 / end year before start year")
    return a, b


@app.command("generate")
def generate_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help="输出文件夹 / output folder")],
    parks: Annotated[int, typer.Option("--parks", min=1, max=5000, help="园区数 / number of parks")] = 2000,
    years: Annotated[str, typer.Option("--years", help="年份范围 / years, e.g. 2021-2024")] = "2021-2024",
    seed: Annotated[int, typer.Option("--seed", help="随机种子 / random seed")] = 1,
    enterprises: Annotated[int | None, typer.Option("--enterprises", min=0, max=1_000_000,
                                                    help="企业数（默认每园区约 50）/ enterprises")] = None,
) -> None:
    """生成合成数据集（与导入模板相同格式）/ write a synthetic dataset in the ingest templates."""
    from ..synthetic import generate_dataset

    span = _years(years)
    out.mkdir(parents=True, exist_ok=True)
    with progress_bar() as bar:
        counts = generate_dataset(out, parks, span, seed, enterprises, progress=bar)
    t = Table(title=f"合成数据已写入 {out} / synthetic data written")
    t.add_column("文件 file")
    t.add_column("行数 rows", justify="right")
    for f, n in counts.items():
        t.add_row(f, str(n))
    console.print(t)


@app.command("demo")
def demo_cmd(store: StoreOption = None) -> None:
    """演示：导入随包的合成样例数据并展示概况 / load the bundled synthetic sample and show it."""
    folder = sample_dir()
    console.rule("[bold]parkstar 演示 / demo：合成样例数据 synthetic sample data")
    with open_store(store) as st, progress_bar() as bar:
        try:
            report = load(st, [folder], progress=bar)
        except IngestError as e:
            print_problems(e)
            raise typer.Exit(EXIT_INVALID) from e
        console.print(f"已导入 {len(report.sources)} 个文件、{report.triples} 个三元组，存储于 {st.path}")
        print_stats(Service(st).stats())
        for step in DEMO_STEPS:
            step(st)


DEMO_STEPS: list[Callable[[OxigraphStore], None]] = []
"""Further demo sections (rating, measures, chains) register here; each prints one part of the demo."""


@app.command("infer")
def infer_cmd(store: StoreOption = None) -> None:
    """OWL 2 RL 推理：物化逆属性与定义类（如示范园区、龙头企业），存为来源 parkstar:inferred / materialise OWL 2 RL."""
    from ..inference import inferred_classes, materialise

    with open_store(store) as st:
        report = materialise(st)
        counts = inferred_classes(st)
    console.print(f"读入 {report.input_triples} 个三元组，推出 {report.derived_triples} 个，"
                  f"保留 {report.kept_triples} 个（推理 {report.seconds_reasoning:.2f} 秒，"
                  f"共 {report.seconds_total:.2f} 秒）")
    t = Table(title="各类实例数 / instances per class")
    t.add_column("类 class")
    t.add_column("数量 count", justify="right")
    for c, n in counts.items():
        t.add_row(c, str(n))
    console.print(t)
