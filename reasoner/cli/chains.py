"""Chain commands: ``parkstar anchors`` (承载园区 of each landmark chain) and ``parkstar chain`` (completeness of a
chain for a park, a 设区市 or the province, with gaps, partner parks, roles to recruit, pictures and GraphML); and
the chains section of ``parkstar demo``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..app import Service
from ..app.schemas.base import dump
from ..app.schemas.chains import AnchorsOut, CompletenessOut
from ..chains import ChainAnalysisError
from ..chains.anchors import COUNTING_RULE, AnchorsReport, ChainPark
from ..chains.coverage import Completeness
from ..chains.data import ClusterInfo
from ..chains.model import Term
from ..store import OxigraphStore
from .app import StoreOption, app, console, fail, open_store
from .data import DEMO_STEPS

YearOption = Annotated[int | None, typer.Option("--year", "-y", help="年份（默认为有企业营收数据的最近一年）/ year")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON 输出 / JSON output")]


def _write_json(data: dict[str, Any]) -> None:
    console.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _names(terms: tuple[Term, ...] | list[Term], sep: str = "、") -> str:
    return sep.join(t.name for t in terms)


def _yi(value: Any) -> str:
    return f"{float(value):,.2f}"


def _cluster(c: ClusterInfo) -> str:
    return f"{c.term.name}（{c.tier.name_zh}）" if c.tier else c.term.name


def _park_line(p: ChainPark) -> str:
    city = p.park.city.name if p.park.city else ""
    return f"{p.park.name_zh}（{p.park.code}，{city}）" if city else f"{p.park.name_zh}（{p.park.code}）"


def print_anchors(report: AnchorsReport, limit: int | None = None) -> None:
    """Render the anchor lists, one table per chain, Chinese first."""
    for ch in report.chains:
        clusters = "、".join(_cluster(c) for c in ch.clusters) or "（无）"
        console.rule(f"[bold]{ch.chain.chain.name_zh}[/]（{ch.chain.id}）· {report.year} 年 · 所属集群：{clusters}")
        shown = ch.anchors[:limit] if limit else ch.anchors
        if not shown:
            console.print("无承载园区 / no anchor park")
        t = Table(title=f"承载园区 / anchor parks：{len(ch.anchors)} 个", title_justify="left")
        for col, just in (("排名\nrank", "right"), ("园区 park", "left"), ("设区市\ncity", "left"),
                          ("链上营收（亿元）\nrevenue", "right"), ("企业\nfirms", "right"),
                          ("覆盖环节\nsegments", "left"), ("龙头企业 / 单项冠军\nleaders", "left")):
            t.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
        for a in shown:
            leaders = "\n".join(f"{e.name_zh}（{_names(e.roles)}：{_names(e.segments)}）" for e in a.leaders)
            t.add_row(str(a.rank), f"{a.park.name_zh}\n{a.park.code}", a.park.city.name if a.park.city else "",
                      _yi(a.revenue), str(a.enterprises),
                      f"{len(a.segments)}/{a.segments_total}：{_names(a.segments)}", leaders)
        if shown:
            console.print(t)
        if limit and len(ch.anchors) > limit:
            console.print(f"[dim]……另有 {len(ch.anchors) - limit} 个承载园区 / {len(ch.anchors) - limit} more[/]")
        if ch.without_leader:
            lines = [f"{_park_line(p)} 链上营收 {_yi(p.revenue)} 亿元，覆盖 {len(p.segments)}/{p.segments_total} 个环节"
                     for p in (ch.without_leader[:limit] if limit else ch.without_leader)]
            more = f"\n  ……另有 {len(ch.without_leader) - limit} 个" if limit and len(ch.without_leader) > limit else ""
            console.print(f"声明为主导产业链但无龙头企业或单项冠军的园区（{len(ch.without_leader)} 个）/ declared, "
                          "no leader:\n  " + "\n  ".join(lines) + more)
    roles = _names(report.parameters.anchor_roles.roles)
    console.print(f"[dim]口径：承载园区须声明该链为主导产业链并有从事该链环节的{roles}（psh:AnchorRoles，"
                  f"{'、'.join(report.parameters.anchor_roles.sources)}）。{COUNTING_RULE['zh']}[/]")


@app.command("anchors")
def anchors_cmd(
    chain: Annotated[str | None, typer.Argument(
        help="产业链代码或名称，如 integrated-circuits 或 集成电路（缺省为全部十条）/ chain id or name")] = None,
    year: YearOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="每条链最多显示的园区数 / rows per chain")] = None,
    store: StoreOption = None,
) -> None:
    """产业链承载园区：声明主导产业链且有龙头企业或单项冠军的园区，按链上营收排序 / anchor parks of each chain."""
    with open_store(store) as st:
        try:
            report = Service(st).anchors(year, chain)
        except ChainAnalysisError as e:
            fail(str(e))
    if as_json:
        _write_json(dump(AnchorsOut.of(report)))
        return
    print_anchors(report, limit)


def print_completeness(c: Completeness) -> None:
    """Render one chain's completeness for a scope, Chinese first."""
    segs = c.chain.segments
    console.rule(f"[bold]{c.chain.chain.name_zh}[/]（{c.chain.id}）· {c.scope.title_zh} · {c.year} 年")
    path = ("链条贯通：" + " → ".join(segs[s].term.name for s in c.example_path)) if c.example_path \
        else "链条未贯通（没有一条从源头到末端全部覆盖的路径）"
    console.print(f"覆盖 {len(c.covered)}/{len(c.segments)} 个环节（{c.share:.0%}）；{path}；"
                  f"全覆盖路径 {c.covered_paths}/{c.chain.total_paths} 条")
    t = Table(title="环节覆盖 / segments", title_justify="left")
    for col, just in (("层级\ntier", "right"), ("环节 segment", "left"), ("位置 position", "left"),
                      ("企业数\nfirms", "right"), ("营收（亿元）\nrevenue", "right"), ("状态 status", "left")):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    colour = {"missing": "red", "single": "yellow", "covered": "green"}
    for s in c.segments:
        t.add_row(str(s.segment.tier), f"{s.segment.term.name}\n[dim]{s.segment.id}[/]", s.position.name_zh,
                  str(s.presence.enterprises), _yi(s.presence.revenue),
                  f"[{colour.get(s.status.id, 'white')}]{s.status.name_zh}[/]")
    console.print(t)
    if c.gaps:
        g = Table(title="缺失环节（补链目标，按关键度排序）/ gaps, most critical first", title_justify="left")
        for col, just in (("序\n#", "right"), ("环节 segment", "left"), ("关键度\ncriticality", "right"),
                          ("招引对象 recruit", "left"), ("就近协作园区 nearest partner parks", "left")):
            g.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
        for gap in c.gaps:
            partners = "\n".join(
                f"{p.park.name_zh}（{p.park.code}，{p.proximity.name_zh}，{p.presence.enterprises} 家）"
                for p in gap.partners) or "省内无园区覆盖，需省外招引"
            g.add_row(str(gap.rank), f"{gap.segment.term.name}\n[dim]{gap.position.name_zh}[/]",
                      f"{gap.criticality:.0%}\n[dim]下游 {gap.downstream} 个[/]", _names(gap.recruit.roles), partners)
        console.print(g)
    if c.single_enterprise:
        console.print("单一企业环节（强链风险）/ single-enterprise segments：" +
                      "、".join(segs[s].term.name for s in c.single_enterprise))
    if c.scope.kind == "province" or c.uncovered_in_province:
        uncovered = "、".join(segs[s].term.name for s in c.uncovered_in_province) or "无（全省各环节均有企业）"
        console.print(f"全省无园区覆盖的环节 / uncovered in the province：{uncovered}")
    console.print("所属“415”集群 / clusters of the chain：" +
                  ("、".join(_cluster(x) for x in c.chain_clusters) or "无"))
    if c.enterprise_clusters:
        console.print("范围内企业所属集群 / clusters of the scope's enterprises：" +
                      "、".join(f"{_cluster(x)} {n} 家" for x, n in c.enterprise_clusters))
    params = "；".join(f"psh:{p.name}" + (f" = {p.value.normalize():f}" if p.value is not None else "") +
                       f"（{'、'.join(p.sources)}）" for p in c.parameters.all()[1:3])
    console.print(f"[dim]参数 / parameters：{params}；关键度 = 该环节及其下游环节数 / 全链环节数。[/]")


@app.command("chain")
def chain_cmd(
    chain: Annotated[str, typer.Argument(
        help="产业链代码或名称，如 integrated-circuits 或 集成电路 / chain id or name")],
    park: Annotated[str | None, typer.Option("--park", help="园区代码 / park code")] = None,
    city: Annotated[str | None, typer.Option("--city", help="设区市名称或代码，如 杭州市 / city name or code")] = None,
    province: Annotated[bool, typer.Option("--province", help="全省 / the whole province")] = False,
    year: YearOption = None,
    as_json: JsonOption = False,
    svg: Annotated[Path | None, typer.Option("--svg", help="写出 SVG 图 / write an SVG picture")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="写出 PNG 图 / write a PNG picture")] = None,
    graphml: Annotated[Path | None, typer.Option("--graphml", help="写出 GraphML / write GraphML")] = None,
    store: StoreOption = None,
) -> None:
    """产业链完整度：覆盖率、缺失环节（补链）、单一企业环节（强链）、贯通性、协作园区与招引对象 / chain completeness."""
    if sum((park is not None, city is not None, province)) != 1:
        fail("请指定且只指定一个范围：--park 代码、--city 设区市 或 --province / give exactly one of --park, --city, "
             "--province")
    with open_store(store) as st:
        try:
            result = Service(st).completeness(chain, park=park, city=city, province=province, year=year)
        except ChainAnalysisError as e:
            fail(str(e))
    written = []
    try:
        from ..chains import render

        if svg is not None:
            written.append(("SVG", render.write_svg(result, svg)))
        if png is not None:
            written.append(("PNG", render.write_png(result, png)))
        if graphml is not None:
            written.append(("GraphML", render.write_graphml(result, graphml)))
    except ChainAnalysisError as e:
        fail(str(e))
    except OSError as e:
        fail(f"无法写入文件 / cannot write: {e}")
    if as_json:
        _write_json(dump(CompletenessOut.of(result)))
    else:
        print_completeness(result)
    for kind, path in written:
        (console.print if not as_json else _stderr)(f"已写入 {kind} / written: {path}")


def _stderr(message: str) -> None:
    from .app import err_console

    err_console.print(message)


def demo_chains(st: OxigraphStore) -> None:
    """The chains section of ``parkstar demo``: the anchors of every chain and the largest gaps."""
    svc = Service(st)
    try:
        report = svc.anchors()
        gaps = svc.largest_gaps(report.year)
    except ChainAnalysisError as e:
        console.print(f"[yellow]产业链分析跳过 / chains skipped：{e}[/]")
        return
    console.rule(f"[bold]十大标志性产业链承载园区 / anchor parks of the ten chains · {report.year} 年")
    print_anchors(report, limit=3)
    t = Table(title=f"各链最大缺口 / largest gaps · {report.year} 年", title_justify="left")
    for col in ("产业链 chain", "全省无园区覆盖的环节\nuncovered in the province",
                "主导园区中最常缺失的环节（缺失园区数/声明园区数，关键度）\nmost common gaps of the declaring parks",
                "招引对象 recruit"):
        t.add_column(col, overflow="fold")
    for s in gaps:
        top = s.common[:3]
        t.add_row(s.chain.chain.name_zh,
                  "、".join(s.chain.segments[x].term.name for x in s.uncovered_in_province) or "无",
                  "\n".join(f"{g.segment.term.name}（{g.parks_missing}/{g.parks_declaring}，{g.criticality:.0%}）"
                            for g in top) or "无",
                  "\n".join(_names(g.recruit) for g in top))
    console.print(t)


DEMO_STEPS.append(demo_chains)
