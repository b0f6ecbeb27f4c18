"""Pictures and exports of a chain's completeness: SVG (always possible), PNG (needs a font with Chinese glyphs) and
GraphML with the coverage on every node.

The picture lays the segment graph out upstream → downstream: one column per tier (``ps:chainOrder``), segments in a
column ordered to follow their upstream neighbours (barycentre). Boxes are coloured by status (missing, single
enterprise, covered), labelled in Chinese with the number of enterprises and, for a gap, its rank; an unbroken path,
when there is one, is drawn bold. The title names chain, scope and year; a legend explains the colours.

SVG keeps text as text (``svg.fonttype = none``) naming CJK font families, so the viewer renders the characters and
the file can be searched. PNG rasterises here, so a CJK font must be installed (Debian: ``fonts-wqy-zenhei`` or
``fonts-noto-cjk``); without one :class:`MissingCJKFontError` is raised rather than drawing boxes.
"""

from __future__ import annotations

import io
import logging
import textwrap
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from ..namespaces import PS
from .coverage import Completeness
from .errors import MissingCJKFontError
from .model import vocab_term

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN", "Microsoft YaHei", "SimHei",
                "PingFang SC", "Heiti SC")
"""Font families with Chinese glyphs, preferred first; the SVG names them all so any viewer finds one."""
_FONT_FILE_HINTS = ("cjk", "wqy", "droidsansfallback", "sourcehan", "notosanssc", "simhei", "msyh", "pingfang",
                    "uming", "ukai", "heiti")
_PROBE = "链"

STYLE = {
    str(PS.SegmentMissing): {"face": "#f8d7da", "edge": "#c0392b"},
    str(PS.SegmentSingleEnterprise): {"face": "#fff3cd", "edge": "#d4a017"},
    str(PS.SegmentCovered): {"face": "#d4edda", "edge": "#2e8b57"},
}
"""Colours by coverage status (presentation only)."""

BOX_W, BOX_H, STEP_X, STEP_Y = 2.0, 1.0, 3.0, 1.35


def _has_glyph(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        return FT2Font(path).get_char_index(ord(_PROBE)) != 0
    except (OSError, RuntimeError, ValueError):
        return False


def cjk_fonts() -> list[str]:
    """Installed font families that have Chinese glyphs, preferred first (registers system CJK fonts that
    matplotlib's font cache predates)."""
    fm = font_manager.fontManager

    def found() -> list[str]:
        by_name = {f.name: f.fname for f in fm.ttflist}
        return [f for f in CJK_FAMILIES if f in by_name and _has_glyph(by_name[f])]

    fonts = found()
    if fonts:
        return fonts
    for path in font_manager.findSystemFonts():
        if any(h in Path(path).name.lower().replace("-", "").replace("_", "") for h in _FONT_FILE_HINTS):
            try:
                fm.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return found()


@contextmanager
def _fonts(required: bool) -> Iterator[list[str]]:
    fonts = cjk_fonts()
    if required and not fonts:
        raise MissingCJKFontError(
            "没有可显示中文的字体，PNG 中的汉字会显示为方框；请安装 fonts-wqy-zenhei 或 fonts-noto-cjk（Debian："
            "apt-get install fonts-wqy-zenhei）/ no font with Chinese glyphs is installed: install fonts-wqy-zenhei "
            "or fonts-noto-cjk")
    families = fonts + [f for f in CJK_FAMILIES if f not in fonts] + ["DejaVu Sans", "sans-serif"]
    # the SVG names fonts this machine may lack (the viewer renders them), and CJK fonts often come in one weight:
    # matplotlib's complaints about either say nothing the caller can act on
    fm_log = logging.getLogger("matplotlib.font_manager")
    level = fm_log.level
    fm_log.setLevel(logging.ERROR)
    try:
        with rc_context({"font.family": "sans-serif", "font.sans-serif": families, "svg.fonttype": "none",
                         "axes.unicode_minus": False}), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
            yield fonts
    finally:
        fm_log.setLevel(level)


def _layout(result: Completeness) -> dict[str, tuple[float, float]]:
    """Positions: x by tier column, y by barycentre of upstream neighbours (top to bottom)."""
    chain = result.chain
    tiers = sorted({s.tier for s in chain.segments.values()})
    column = {t: i for i, t in enumerate(tiers)}
    members: dict[int, list[str]] = {i: [] for i in range(len(tiers))}
    for seg_id, seg in chain.segments.items():
        members[column[seg.tier]].append(seg_id)
    rank: dict[str, float] = {}
    for col in range(len(tiers)):
        def bary(n: str) -> tuple[float, str]:
            ups = [rank[p] for p in chain.graph.predecessors(n) if p in rank]
            return (sum(ups) / len(ups) if ups else float("inf"), n)
        ordered = sorted(members[col], key=bary) if col else sorted(members[col])
        for i, n in enumerate(ordered):
            rank[n] = float(i)
        members[col] = ordered
    if len(tiers) > 1:  # one backward pass puts the first column beside what it supplies
        def down(n: str) -> tuple[float, str]:
            outs = [rank[s] for s in chain.graph.successors(n)]
            return (sum(outs) / len(outs) if outs else float("inf"), n)
        members[0] = sorted(members[0], key=down)
    pos: dict[str, tuple[float, float]] = {}
    for col, nodes in members.items():
        for i, n in enumerate(nodes):
            pos[n] = (col * STEP_X, -(i - (len(nodes) - 1) / 2) * STEP_Y)
    return pos


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap_name(name: str, width: int = 9) -> list[str]:
    """A segment name in at most two lines: whole when it fits ``width`` Chinese characters (a Latin letter counts
    half), else split near the middle, at 与/等/和 when one is close, so that the halves balance."""
    if _display_width(name) <= 2 * width:
        return [name]
    mid = (len(name) + 1) // 2
    for offset in (0, -1, 1, -2, 2):
        i = mid + offset
        if 0 < i < len(name) and name[i] in "与等和及（(":
            return [name[:i], name[i:]]
    return [name[:mid], name[mid:]] if len(name) <= 2 * width else textwrap.wrap(name, width)


def _label(result: Completeness, seg_id: str, name: str, enterprises: int) -> str:
    lines = wrap_name(name) or [seg_id]
    gap = next((g for g in result.gaps if g.segment.id == seg_id), None)
    detail = f"缺失 · 缺口 {gap.rank}" if gap else f"{enterprises} 家企业"
    return "\n".join([*lines, detail])


def figure(result: Completeness) -> Figure:
    """The picture of ``result`` as a matplotlib Figure (no pyplot, no global state)."""
    chain = result.chain
    pos = _layout(result)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    width = max(xs) - min(xs) + BOX_W + 0.6
    height = max(ys) - min(ys) + BOX_H + 0.6
    inch = 0.9  # inches per data unit, so 9-point labels fit their boxes
    top, bottom = 1.05, 1.0  # inches kept for title and subtitle, for the axis note and the legend
    fig_w = max(8.0, width * inch + 0.4)
    fig_h = height * inch + top + bottom
    fig = Figure(figsize=(fig_w, fig_h), dpi=100)
    ax = fig.add_axes(((fig_w - width * inch) / 2 / fig_w, bottom / fig_h, width * inch / fig_w, height * inch / fig_h))
    ax.set_axis_off()
    path = set(zip(result.example_path, result.example_path[1:], strict=False)) if result.example_path else set()
    covered = set(result.covered)
    for a, b in chain.graph.edges:
        (xa, ya), (xb, yb) = pos[a], pos[b]
        bold = (a, b) in path
        ok = a in covered and b in covered
        # fan the ends out along the box edges, so arrows into one box do not meet in a single point
        spread = BOX_H * 0.35
        ya_out = ya + max(-spread, min(spread, (yb - ya) * 0.12))
        yb_in = yb + max(-spread, min(spread, (ya - yb) * 0.12))
        ax.annotate("", xy=(xb - BOX_W / 2, yb_in), xytext=(xa + BOX_W / 2, ya_out),
                    arrowprops={"arrowstyle": "-|>", "lw": 2.5 if bold else 1.1, "mutation_scale": 12,
                                "color": "#1e7b4a" if bold else ("#7a7a7a" if ok else "#c8c8c8"),
                                "linestyle": "-" if ok else (0, (4, 3)), "shrinkA": 0, "shrinkB": 0})
    by_id = {s.segment.id: s for s in result.segments}
    for seg_id, (x, y) in pos.items():
        row = by_id[seg_id]
        style = STYLE[row.status.iri]
        ax.add_patch(FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                                    boxstyle="round,pad=0.02,rounding_size=0.12", facecolor=style["face"],
                                    edgecolor=style["edge"], linewidth=2.2 if seg_id in result.missing else 1.4))
        ax.text(x, y, _label(result, seg_id, row.segment.term.name, row.presence.enterprises), ha="center",
                va="center", fontsize=9, color="#222222", linespacing=1.25)
    ax.set_xlim(min(xs) - BOX_W / 2 - 0.3, max(xs) + BOX_W / 2 + 0.3)
    ax.set_ylim(min(ys) - BOX_H / 2 - 0.3, max(ys) + BOX_H / 2 + 0.3)
    status = "链条贯通" if result.unbroken else "链条未贯通"
    fig.suptitle(f"{chain.chain.name_zh}产业链覆盖图 · {result.scope.title_zh} · {result.year} 年",
                 fontsize=14, fontweight="bold", y=1 - 0.3 / fig_h)
    fig.text(0.5, 1 - 0.72 / fig_h,
             f"覆盖 {len(result.covered)}/{len(result.segments)} 个环节（{result.share:.0%}）· {status}"
             f" · 缺失 {len(result.gaps)} 个 · 单一企业 {len(result.single_enterprise)} 个",
             ha="center", fontsize=10, color="#444444")
    fig.text(0.5, 0.62 / fig_h, "上游 → 下游（按 ps:chainOrder 分层）", ha="center", fontsize=9, color="#666666")
    handles: list[Patch | Line2D] = [
        Patch(facecolor=STYLE[iri]["face"], edgecolor=STYLE[iri]["edge"], label=vocab_term(iri).name_zh)
        for iri in (str(PS.SegmentMissing), str(PS.SegmentSingleEnterprise), str(PS.SegmentCovered))]
    handles.append(Line2D([0], [0], color="#1e7b4a", lw=2.5, label="贯通路径示例"))
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=9,
               bbox_to_anchor=(0.5, 0.05 / fig_h))
    return fig


def svg(result: Completeness) -> str:
    """The picture as an SVG document (text kept as text, CJK font families named)."""
    buffer = io.StringIO()
    with _fonts(required=False):
        figure(result).savefig(buffer, format="svg")
    return buffer.getvalue()


def write_svg(result: Completeness, path: Path) -> Path:
    """Write the picture as SVG (text kept as text, CJK font families named)."""
    path.write_text(svg(result), encoding="utf-8")
    return path


def write_png(result: Completeness, path: Path, dpi: int = 160) -> Path:
    """Write the picture as PNG; :class:`MissingCJKFontError` when no installed font has Chinese glyphs."""
    with _fonts(required=True):
        figure(result).savefig(path, format="png", dpi=dpi)
    return path


def graphml_graph(result: Completeness) -> nx.DiGraph:
    """The chain's segment graph with coverage attributes on nodes and edges, ready for GraphML."""
    chain = result.chain
    gaps = {g.segment.id: g for g in result.gaps}
    on_path = set(result.example_path or ())
    covered = set(result.covered)
    g: nx.DiGraph = nx.DiGraph()
    g.graph.update({"chain": chain.id, "chain_zh": chain.chain.name_zh, "scope_kind": result.scope.kind,
                    "scope": result.scope.term.id, "scope_zh": result.scope.term.name_zh, "year": result.year,
                    "coverage_share": round(result.share, 4), "unbroken": result.unbroken})
    for row in result.segments:
        seg_id = row.segment.id
        gap = gaps.get(seg_id)
        g.add_node(seg_id, name_zh=row.segment.term.name_zh, name_en=row.segment.term.name_en,
                   tier=row.segment.tier, position=row.position.id, enterprises=row.presence.enterprises,
                   revenue=float(row.presence.revenue), status=row.status.id, status_zh=row.status.name_zh,
                   gap_rank=gap.rank if gap else 0, criticality=round(gap.criticality, 4) if gap else 0.0,
                   on_example_path=seg_id in on_path)
    for a, b in chain.graph.edges:
        g.add_edge(a, b, covered=a in covered and b in covered)
    return g


def write_graphml(result: Completeness, path: Path) -> Path:
    """Write the chain with its coverage as GraphML (readable by networkx, Gephi, yEd)."""
    nx.write_graphml(graphml_graph(result), path, encoding="utf-8")
    return path
