"""Inline SVG charts: a park's eleven indicators against the three thresholds and bars of counts (drawn here), and
a chain's segment graph coloured by coverage (the picture of ``parkstar chain``, :mod:`reasoner.chains.render`).

The indicator chart puts the eleven indicators, in their different units, in one picture by normalising each to
its highest threshold (the five-star one for ≥ criteria: 1.0 on the axis) or, for the green indicators judged
against the province's sector benchmark (I10, I11: lower is better), to that benchmark. Thresholds come from the
rules the rating was made under (``shapes/criteria.ttl`` through :func:`reasoner.rating.load_rules`); the chart
only draws them.

All return :class:`markupsafe.Markup` for the templates. Every text and attribute value that goes into the two
drawn here — labels, units, values, colours — is escaped here, numbers are formatted as numbers; the chain picture's
text is escaped by matplotlib's SVG writer. Drawing a chain takes matplotlib about half a second, so each picture is
kept as long as the application layer keeps the completeness it shows (until the store changes).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup, escape

from reasoner.namespaces import IND
from reasoner.policy import AtLeast, policy
from reasoner.rating import INDICATORS, Rating, Rules

from .i18n import word

AXIS_MAX = 1.5
"""Normalised values above this are drawn at the edge with an arrow (presentation only)."""

COLOURS = {5: "#14532d", 4: "#2e8b57", 3: "#8cc98c", 0: "#d64545", "relaxed": "#e8a33d", "missing": "#c3c9d0"}
MARK = "#1f2933"


def _fmt(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


def _text_width(text: str, size: int = 12) -> int:
    """Roughly how wide ``text`` is drawn at ``size`` px: a Chinese character is square, a Latin one narrower."""
    return int(sum(size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.56 for ch in text))


def _name(code: str, lang: str) -> str:
    return policy().label(str(IND[code]), lang)


def indicator_chart(rating: Rating, rules: Rules, lang: str) -> Markup:
    """The park-year's indicators as horizontal bars against the threshold marks of the three levels."""
    names = {code: _name(code, lang) for code in INDICATORS}
    left = 36 + max(_text_width(n) for n in names.values())
    width, row_h, top, right = 520, 34, 46, 240
    total_w = left + width + right
    height = top + row_h * len(INDICATORS) + 32

    def x(norm: float) -> float:
        return left + min(norm, AXIS_MAX) / AXIS_MAX * width

    out: list[str] = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_w} {height}" '
                      f'width="{total_w}" height="{height}" role="img" font-size="12" '
                      f'font-family="Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif">',
                      f"<title>{escape(word('indicator_chart', lang))}</title>"]
    # legend
    legend = [(COLOURS[5], "5★"), (COLOURS[4], "4★"), (COLOURS[3], "3★"), (COLOURS[0], policy().level_name(0, lang)),
              (COLOURS["relaxed"], word("relaxed", lang)), (COLOURS["missing"], word("missing", lang))]
    lx = left
    for colour, text in legend:
        out.append(f'<rect x="{lx}" y="8" width="14" height="10" fill="{escape(colour)}"/>'
                   f'<text x="{lx + 18}" y="17">{escape(text)}</text>')
        lx += 18 + 12 + sum(12 if ord(ch) > 0x2E7F else 7 for ch in text)  # swatch, gap, text (a CJK glyph is as
        # wide as the font size)
    # grid: 0, 0.5, 1.0, 1.5 of the reference
    for g in (0.0, 0.5, 1.0, AXIS_MAX):
        gx = x(g)
        out.append(f'<line x1="{gx:.1f}" y1="{top - 8}" x2="{gx:.1f}" y2="{height - 26}" stroke="#e1e6ec" '
                   f'stroke-width="{1.5 if g == 1.0 else 1}"/>'
                   f'<text x="{gx:.1f}" y="{height - 10}" text-anchor="middle" fill="#6b7785">{g:g}</text>')
    for i, code in enumerate(INDICATORS):
        res = rating.indicators[code]
        y = top + i * row_h
        mid = y + row_h / 2
        if i % 2:
            out.append(f'<rect x="0" y="{y}" width="{total_w}" height="{row_h}" fill="#f7f9fb"/>')
        out.append(f'<text x="8" y="{mid + 4:.1f}"><tspan font-weight="bold">{escape(code)}</tspan> '
                   f'{escape(names[code])}</text>')
        ths = rules.thresholds_of(code)
        mins = {lv: th.threshold for lv, th in ths.items() if isinstance(th, AtLeast)}
        ref: Decimal | None
        if mins:
            ref = max(mins.values())
            marks = {lv: float(v / ref) for lv, v in mins.items()}
            mark_text = {lv: f"{lv}★" for lv in mins}
        else:  # below the benchmark: one mark, the benchmark, for every level that sets the criterion
            ref = res.benchmark
            marks = {lv: 1.0 for lv in ths} if ref else {}
            mark_text = {lv: word("below_bench", lang) for lv in ths}
        value = res.value
        if value is None or ref is None or ref == 0:
            out.append(f'<rect x="{left}" y="{mid - 7}" width="{width * 0.12:.1f}" height="14" '
                       f'fill="{COLOURS["missing"]}"/>'
                       f'<text x="{left + width * 0.12 + 6:.1f}" y="{mid + 4:.1f}" fill="#6b7785">'
                       f'{escape(word("missing", lang))}</text>')
        else:
            norm = float(value / ref)
            met = [lv for lv in res.met if lv in ths]
            if res.relaxed:
                colour = COLOURS["relaxed"]
            elif met:
                colour = COLOURS[max(met)]
            else:
                colour = COLOURS[0]
            out.append(f'<rect x="{left}" y="{mid - 7}" width="{max(x(norm) - left, 1.5):.1f}" height="14" '
                       f'fill="{escape(colour)}" rx="2"><title>{escape(code)} {escape(_fmt(value))} '
                       f'{escape(res.unit)}</title></rect>')
            if norm > AXIS_MAX:
                out.append(f'<text x="{x(AXIS_MAX) - 4:.1f}" y="{mid + 4:.1f}" fill="#fff" text-anchor="end">»</text>')
            suffix = f" ({word('lower_better', lang)})" if not mins else ""
            out.append(f'<text x="{left + width + 8}" y="{mid + 4:.1f}">{escape(_fmt(value))} '
                       f'{escape(res.unit)}<tspan fill="#6b7785">{escape(suffix)}</tspan></text>')
        grouped: dict[float, list[int]] = {}
        for lv, pos in marks.items():
            grouped.setdefault(round(pos, 4), []).append(lv)
        for pos, lvs in grouped.items():
            mx = x(pos)
            text = "/".join(mark_text[lv] for lv in sorted(lvs)) if mins else mark_text[lvs[0]]
            out.append(f'<line x1="{mx:.1f}" y1="{mid - 12}" x2="{mx:.1f}" y2="{mid + 12}" stroke="{MARK}" '
                       f'stroke-width="2"/>'
                       f'<text x="{mx:.1f}" y="{mid - 13:.1f}" text-anchor="middle" font-size="10" '
                       f'fill="#374151">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def count_bars(rows: Sequence[tuple[str, int, str]], width: int = 420) -> Markup:
    """Horizontal bars of counts: (label, count, colour) per row."""
    row_h, left = 26, 140
    biggest = max((n for _, n, _ in rows), default=0) or 1
    height = row_h * len(rows) + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" font-size="12" font-family="Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif">']
    for i, (text, n, colour) in enumerate(rows):
        y = 3 + i * row_h
        w = (width - left - 44) * n / biggest
        out.append(f'<text x="4" y="{y + 16}">{escape(text)}</text>'
                   f'<rect x="{left}" y="{y + 4}" width="{max(w, 1):.1f}" height="16" fill="{escape(colour)}" rx="2"/>'
                   f'<text x="{left + w + 6:.1f}" y="{y + 16}" font-weight="bold">{int(n)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def chain_graph(svg: str) -> Markup:
    """A chain picture (an SVG document drawn by matplotlib from the store's facts) as inline SVG."""
    return Markup(svg[svg.index("<svg"):])
