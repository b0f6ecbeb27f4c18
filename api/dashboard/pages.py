"""Each dashboard page's view model, built from the answers of the application layer (:class:`reasoner.app.Service`):
province, park (with a what-if), chains index, chain, evidence upload, and the error page.

The builders ask the service (which keeps its answers until the store changes) and put its answers into the reader's
language and format; they decide nothing of the policy. The figures, verdicts and explanations all come from
``reasoner`` (rating, explanation, next level, adjustment, progress, chains, measures).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from reasoner import vocabulary
from reasoner.app import Explained, NoObservations, Service, WhatIf
from reasoner.app.schemas.parks import ParkDetail, ParkRow
from reasoner.chains import ChainAnalysisError, Completeness
from reasoner.chains.model import Term
from reasoner.measures import Answer
from reasoner.measures.model import VERDICT_ZH as MEASURE_VERDICT_ZH
from reasoner.namespaces import IND, PS
from reasoner.parks import UnknownFilter, UnknownPark
from reasoner.policy import label, policy
from reasoner.rating import INDICATORS, Rating
from reasoner.rating.adjust import CHANGE_ZH, Adjustment, Change, Movement
from reasoner.rating.model import VERDICT_ZH
from reasoner.rating.nextlevel import plain

from . import views as v
from .charts import COLOURS, chain_graph, count_bars, indicator_chart
from .i18n import Ctx

# ---------------------------------------------------------------------------------------------- formatting


def level_name(level: int, lang: str) -> str:
    """The level's label from the ontology (五星级 / five-star …)."""
    return policy().level_name(level, lang)


def badge(r: Rating, ctx: Ctx) -> v.Badge:
    """The rating's level as a badge, with the vetoed / undetermined marks; a park outside the scope of the rating
    (三.1) has none."""
    if not r.in_scope:
        return v.Badge(r.level, ctx.w("not_in_scope"), "", "")
    return v.Badge(r.level, level_name(r.level, ctx.lang), ctx.w("vetoed") if r.vetoed else "",
                   ctx.w("undetermined") if r.undetermined else "")


def tname(term: Term, lang: str) -> str:
    """A term's name in ``lang`` (Chinese when it has no English label)."""
    return term.name_en if lang == "en" and term.name_en else term.name


def ind_name(code: str, lang: str) -> str:
    """An indicator's label."""
    return label(str(IND[code]), lang)


def change_text(change: Change, lang: str) -> str:
    """How a park's level moved, in words."""
    return change.value if lang == "en" else CHANGE_ZH[change]


def pct(share: float | Decimal) -> str:
    """A share as a whole percentage (``0.625`` → ``63%``)."""
    return f"{float(share) * 100:.0f}%"


def rounded(d: Decimal) -> str:
    """A decimal to two places unless it is whole, without trailing zeros (``2.50`` → ``2.5``, ``3`` → ``3``)."""
    q = d.quantize(Decimal("0.01")) if d != d.to_integral_value() else d
    return plain(q)


def frame(ctx: Ctx, title: str) -> v.Frame:
    """The page frame in the reader's language."""
    nav = [v.Link(ctx.href("/"), ctx.w("province")), v.Link(ctx.href("/chains"), ctx.w("chains")),
           v.Link(ctx.href("/upload"), ctx.w("upload"))]
    names = {"zh": "中文", "en": "EN"}
    switch = [v.LangLink(href, names[code], code, code == ctx.lang) for code, href in ctx.switch().items()]
    return v.Frame("zh-CN" if ctx.lang == "zh" else "en", title, nav, switch, ctx.w("synthetic"),
                   ctx.lang if ctx.explicit else "")


def error_page(ctx: Ctx, title: str, message: str) -> v.ErrorPage:
    """A page saying what is wrong."""
    return v.ErrorPage(frame(ctx, title), title, message)


def park_link(ctx: Ctx, code: str, text: str | None = None, year: int | None = None) -> v.Link:
    """A link to a park's page."""
    return v.Link(ctx.href(f"/parks/{code}", year=year), text or code)


def select(name: str, options: Sequence[tuple[str, str]], chosen: str | None, label_text: str) -> v.Select:
    """A labelled select, ``chosen`` (None: the empty value) selected."""
    return v.Select(name, label_text, [v.Option(value, text, value == (chosen or "")) for value, text in options])


def year_select(years: Sequence[int], chosen: int | None, ctx: Ctx) -> v.Select:
    """The year select, latest first."""
    return select("year", [(str(y), str(y)) for y in reversed(years)], str(chosen), ctx.w("year"))


def chain_options(lang: str) -> list[tuple[str, str]]:
    """The ten chains (id, label) in the policy's order."""
    return [(c["id"], c["label"]) for c in vocabulary.chains(lang)]


def chain_year(svc: Service, year: int | None) -> int | None:
    """``year`` when it has chain data, else the latest year that has (None when none has)."""
    years = svc.chain_years()
    if year in years:
        return year
    return years[-1] if years else None


# ---------------------------------------------------------------------------------------------- province


def province(svc: Service, ctx: Ctx, year: int | None, city: str | None,
             chain: str | None) -> v.ProvincePage | v.ErrorPage:
    """Parks by level for a year, the annual changes, the rectification list, progress against the 2025 goals,
    filters by 设区市 and chain, and the anchors of each of the ten chains."""
    lang = ctx.lang
    title = ctx.w("title")
    years = svc.rating_years()
    if not years:
        return error_page(ctx, title, ctx.w("no_data"))
    y = year if year in years else years[-1]
    every = {p.code: p for p in svc.parks(lang=lang)}
    try:
        chosen = {p.code for p in svc.parks(city, chain, lang)}
        problem = ""
    except UnknownFilter as e:
        chosen, problem = set(every), f"未知的筛选条件 / {e}"
    rs = [r for r in svc.ratings(y) if r.code in chosen]
    adj = svc.adjustment(y)
    cities = sorted({(p.city.id, p.city.label) for p in every.values()})
    filters = [year_select(years, y, ctx),
               select("city", [("", ctx.w("all"))] + [(name, name) for _, name in cities], city, ctx.w("city")),
               select("chain", [("", ctx.w("all")), *chain_options(lang)], chain, ctx.w("chain"))]
    return v.ProvincePage(
        frame=frame(ctx, title), heading=f"{title} · {y}", filters=filters, problem=problem,
        levels=_levels(rs, ctx), changes_title=f"{ctx.w('changes')}{ctx.paren(f'{y - 1} → {y}')}",
        changes=_changes(ctx, adj, y, chosen), parks_title=f"{ctx.w('parks')}{ctx.paren(len(rs))}",
        parks=_park_rows(ctx, rs, adj, y, every), rectify=_rectify(ctx, adj, y, chosen, every),
        vetoed=[v.VetoedRow(park_link(ctx, r.code, year=y), r.name,
                            "；".join(f"{i.date} {label(i.severity, lang)}{label(i.type, lang)}"
                                     for i in r.veto_incidents))
                for r in adj.vetoed if r.code in chosen],
        progress_title=f"{ctx.w('progress')}{ctx.paren(y)}",
        progress_note="全省口径（不受筛选影响）" if lang == "zh" else "Province-wide (filters do not apply)",
        progress=_progress(svc, ctx, y), anchors=_anchors(svc, ctx, y, city, chain, every))


def _levels(rs: list[Rating], ctx: Ctx) -> v.LevelsPanel:
    outside = sum(not r.in_scope for r in rs)
    rs = [r for r in rs if r.in_scope]  # 三.1: parks outside the scope count in no level
    counts = Counter(r.level for r in rs)
    rows = [(level_name(lv, ctx.lang), counts[lv], COLOURS[lv]) for lv in (5, 4, 3, 0)]
    cards = [v.Card(ctx.w("total"), str(len(rs))), v.Card(ctx.w("vetoed"), str(sum(r.vetoed for r in rs))),
             v.Card(ctx.w("relaxed"), str(sum(bool(r.relaxed) for r in rs))),
             v.Card(ctx.w("undetermined"), str(sum(r.undetermined for r in rs)))]
    if outside:
        cards.append(v.Card(ctx.w("not_in_scope"), str(outside)))
    return v.LevelsPanel(count_bars(rows), cards)


def moved_text(m: Movement, ctx: Ctx) -> str:
    """How a park's level moved, ``（三星级→四星级）``; an undetermined year says what it needs instead of a level:
    ``（三星级→待定：缺 I6）``."""
    before = "" if m.before is None else level_name(m.before, ctx.lang)
    if m.change is Change.UNDETERMINED:
        return f"（{before}→{ctx.w('undetermined')}：{ctx.w('needs')} {'、'.join(m.missing)}）"
    return f"（{before}→{'' if m.after is None else level_name(m.after, ctx.lang)}）"


def _changes(ctx: Ctx, adj: Adjustment, year: int, chosen: set[str]) -> list[v.ChangeRow]:
    groups = adj.by_change()
    rows = []
    for change in (Change.UPGRADED, Change.DOWNGRADED, Change.NEW, Change.VETOED, Change.UNDETERMINED,
                   Change.SETTLED, Change.KEPT, Change.DROPPED):
        ms = [m for m in groups[change] if m.code in chosen]
        parks = [] if change is Change.KEPT else [
            v.MovedPark(park_link(ctx, m.code, year=year), moved_text(m, ctx)) for m in ms]
        css = {Change.UPGRADED: "up", Change.DOWNGRADED: "down", Change.VETOED: "down",
               Change.UNDETERMINED: "maybe"}.get(change, "")
        note = {Change.UNDETERMINED: "change_note_undetermined", Change.SETTLED: "change_note_settled"}.get(change)
        rows.append(v.ChangeRow(v.Mark(change_text(change, ctx.lang), css), len(ms), parks,
                                ctx.w(note) if note else ""))
    return rows


def _park_rows(ctx: Ctx, rs: list[Rating], adj: Adjustment, year: int,
               every: Mapping[str, ParkRow]) -> list[v.ParkRowView]:
    moves = {m.code: m for m in adj.movements}
    rows = []
    for r in rs:
        p = every.get(r.code)
        m = moves.get(r.code)
        change = "" if m is None else change_text(m.change, ctx.lang)
        if m is not None and m.change is Change.UNDETERMINED:
            change += f"：{ctx.w('needs')} {'、'.join(m.missing)}"
        rows.append(v.ParkRowView(r.rank_in_level, park_link(ctx, r.code, year=year), r.name,
                                  p.city.label if p else "", badge(r, ctx), rounded(r.bonus),
                                  "、".join(c.label for c in p.chains) if p else "", change))
    return rows


def _rectify(ctx: Ctx, adj: Adjustment, year: int, chosen: set[str],
             every: Mapping[str, ParkRow]) -> list[v.RectifyRow]:
    rows = []
    for r in adj.rectify:
        if r.code not in chosen:
            continue
        note = (f"{ctx.w('undetermined')}：{'、'.join(r.missing)}" if r.undetermined else
                f"{ctx.w('missing')}：{'、'.join(r.missing)}" if r.missing else "")
        p = every.get(r.code)
        rows.append(v.RectifyRow(park_link(ctx, r.code, year=year), r.name, p.city.label if p else "", note))
    return rows


def _progress(svc: Service, ctx: Ctx, year: int) -> list[v.GoalRow]:
    rows = []
    for s in svc.progress(year).goals:
        share = s.goal.measure == str(PS.StarParkShare)

        def show(d: Decimal, share: bool = share) -> str:
            return f"{rounded(d * 100)}%" if share else rounded(d)
        rows.append(v.GoalRow(s.goal.label, s.goal.clause, show(s.goal.value),
                              "—" if s.actual is None else show(s.actual),
                              v.Mark(ctx.w("yes") if s.met else ctx.w("no"), "yes" if s.met else "no"), s.detail))
    return rows


def _anchors(svc: Service, ctx: Ctx, year: int, city: str | None, chain: str | None,
             every: Mapping[str, ParkRow]) -> v.AnchorsPanel | None:
    cy = chain_year(svc, year)
    if cy is None:
        return None
    rows = []
    for ch in svc.anchors(cy).chains:
        if chain and chain not in (ch.chain.id, ch.chain.chain.name_zh, ch.chain.chain.name_en):
            continue
        shown = [a for a in ch.anchors
                 if not city or (a.park.code in every and every[a.park.code].city.label == city)
                 or (a.park.city is not None and city in (a.park.city.name_zh, a.park.city.name_en))]
        leaders = {e.name_zh for a in shown for e in a.leaders}
        rows.append(v.AnchorRow(
            ch.chain.order, v.Link(ctx.href(f"/chains/{ch.chain.id}", year=cy), tname(ch.chain.chain, ctx.lang)),
            len(shown), [v.AnchorPark(park_link(ctx, a.park.code, a.park.name_zh or a.park.code, year=year),
                                      ctx.paren(f"{a.revenue:.1f}")) for a in shown[:4]],
            f" … +{len(shown) - 4}" if len(shown) > 4 else "", len(leaders), len(ch.without_leader)))
    note = (f"{cy} 年企业营收数据；括号内为链上营收（亿元）" if ctx.lang == "zh"
            else f"enterprise revenue of {cy}; in brackets the revenue in the chain (100M CNY)")
    return v.AnchorsPanel(note, rows)


# ---------------------------------------------------------------------------------------------- park


@dataclass(frozen=True)
class WhatIfInput:
    """The what-if form read against the stored rating: the changed indicators, or what is not a number."""

    overrides: dict[str, Decimal | None]
    wrong: list[str]


def whatif_input(form: Mapping[str, str], stored: Rating) -> WhatIfInput:
    """The indicators whose submitted value (empty: missing) differs from the stored one; the fields that are not
    numbers (``I1：很多``)."""
    overrides: dict[str, Decimal | None] = {}
    wrong = []
    for c in INDICATORS:
        text = form.get(c, "").strip().replace(",", "")
        try:
            value = Decimal(text) if text else None
        except InvalidOperation:
            wrong.append(f"{c}：{text}")
            continue
        if value is not None and not value.is_finite():
            wrong.append(f"{c}：{text}")
            continue
        if value != stored.indicators[c].value:
            overrides[c] = value
    return WhatIfInput(overrides, wrong)


def park(svc: Service, ctx: Ctx, code: str, year: int | None, *,
         whatif: tuple[WhatIf, Mapping[str, str]] | None = None) -> tuple[int, v.ParkPage | v.ErrorPage]:
    """A park's level and edition, the chart of its indicators against the three thresholds, what was relaxed or
    vetoed and why, the next-level gap, bonus points, measures, chains with coverage, history and the what-if
    form; with ``whatif`` (its answer and the submitted values) its result first. 404 for an unknown park."""
    lang = ctx.lang
    try:
        info = svc.park(code, lang)
    except UnknownPark:
        return 404, error_page(ctx, code, f"没有代码为 {code} 的园区 / no park with code {code}")
    years = list(info.years)
    y = year if year in years else (years[-1] if years else None)
    title = f"{info.name}（{code}）"
    meta = " · ".join(x for x in (info.city.label, info.county.label, info.type or "",
                                  f"{info.planned_area_km2} km²" if info.planned_area_km2 else "") if x)
    toc = [v.Link(f"#{anchor}", ctx.w(key)) for anchor, key in (
        ("chart", "indicator_chart_short"), ("whatif", "whatif"), ("reasons", "reasons_short"),
        ("next-level", "next_level"), ("bonus", "bonus_points"), ("measures", "measures"),
        ("chains", "park_chains"), ("history", "history"))]
    explained: Explained | None = None
    if y is not None:
        try:
            explained = svc.explain(code, y)
        except NoObservations:
            explained = None
    page = v.ParkPage(
        frame=frame(ctx, title), heading=title, meta=meta, code=code, year_select=year_select(years, y, ctx), toc=toc,
        rating=None if explained is None else _rating_panels(svc, ctx, code, info, explained,
                                                             whatif[1] if whatif else None),
        whatif=None if explained is None or whatif is None else _whatif_result(ctx, whatif[0]))
    return 200, page


def _announced(ex: Explained, ctx: Ctx) -> str:
    """三.3: the published level (marked when it differs from the computed one), the stage reached, or none."""
    s = ex.standing
    if s is None or s.latest is None:
        return ctx.w("not_announced")
    if s.announced is None:
        stage = f"{label(s.latest.stage.iri, ctx.lang)}：{level_name(s.latest.level, ctx.lang)}"
        return f"{ctx.w('not_announced')}{ctx.paren(stage)}"
    differs = ctx.paren(ctx.w("differs")) if s.disagrees else ""
    return f"{level_name(s.announced, ctx.lang)}{differs}"


def _rating_panels(svc: Service, ctx: Ctx, code: str, info: ParkDetail, ex: Explained,
                   submitted: Mapping[str, str] | None) -> v.RatingPanels:
    lang = ctx.lang
    r, nxt, exp = ex.rating, ex.next_level, ex.explanation
    edition = f"{r.edition}{ctx.paren(ex.rules.edition.label_zh)}" if lang == "zh" else r.edition
    cards = [v.SummaryCard(ctx.w("level"), badge=badge(r, ctx)), v.SummaryCard(ctx.w("edition"), edition),
             v.SummaryCard(ctx.w("assessment"), r.assessment_date.isoformat()),
             v.SummaryCard(ctx.w("bonus"), rounded(r.bonus)),
             v.SummaryCard(ctx.w("rank"), str(r.rank_in_level) if r.rank_in_level else "—")]
    if r.demonstration:
        cards.append(v.SummaryCard("", ctx.w("demo_park")))
    cards.append(v.SummaryCard(ctx.w("announced"), _announced(ex, ctx)))
    target = f"→ {level_name(nxt.target, lang)}" if nxt.target is not None else ""
    next_panel = v.NextLevelPanel(
        f"{ctx.w('next_level')} {target}", nxt.note or "",
        [v.ImprovementRow(i.indicator, ind_name(i.indicator, lang), "—" if i.current is None else plain(i.current),
                          f"{i.comparison} {plain(i.needed)}" if i.needed is not None else "—", i.unit, i.why)
         for i in nxt.improvements] if nxt.target is not None else None,
        f"{ctx.w('relaxed')}：{'、'.join(nxt.relaxed)}" if nxt.relaxed else "")
    space = " " if lang == "en" else ""
    priority = "、".join(f"{label(d.level, lang)}{space}{label(d.kind, lang)}{ctx.paren(d.year or '—')}"
                         for d in r.priority)
    measures = svc.park_measures(code, r.year)
    return v.RatingPanels(
        title=f"{r.year} {ctx.w('level')}", cards=cards, conclusion=exp.conclusion,
        chart=indicator_chart(r, ex.rules, lang), whatif_year=r.year, whatif_fields=_whatif_fields(ctx, r, submitted),
        indicators=[v.IndicatorRow(row["indicator"], ind_name(row["indicator"], lang), row["value"], row["unit"],
                                   [row["3"], row["4"], row["5"]], row["met"], row["relaxed"], row["source"])
                    for row in exp.rows],
        level_names=[level_name(n, lang) for n in (3, 4, 5)], zh_only=ctx.w("zh_only") if lang == "en" else "",
        reasons=list(exp.reasons), next_level=next_panel,
        bonus_title=f"{ctx.w('bonus_points')}：{rounded(r.bonus)}",
        bonus=[v.BonusRow(b.label, b.count, rounded(b.weight), rounded(b.points)) for b in r.bonus_lines],
        priority=("优先：" if lang == "zh" else "Priority: ") + (priority or ctx.w("none")),
        measures_title=f"{ctx.w('measures')}{ctx.paren(_measure_counts(measures, lang))}",
        measures=[_measure_row(a, lang) for a in measures], chains=_park_chains(svc, ctx, code, info, r.year),
        history=_history(svc, ctx, code))


def _measure_counts(answers: Sequence[Answer], lang: str) -> str:
    counts = Counter(a.answer.value for a in answers)
    names = {"yes": "适用", "undetermined": "待定", "no": "不适用"}
    return "；".join(f"{names[k] if lang == 'zh' else k} {counts[k]}" for k in names if counts[k])


def _measure_row(a: Answer, lang: str) -> v.MeasureRow:
    marks: Counter[str] = Counter()
    conditions = []
    for c in a.conditions:
        mark = "✔" if c.held is True else "✘" if c.held is False else "？"
        marks[mark] += 1
        facts = "；".join(f.text + (f"（{f.source}）" if f.source else "") for f in c.facts)
        text = c.condition.text_en if lang == "en" and c.condition.text_en else c.condition.text
        conditions.append(v.Condition(f"{mark} {text}", facts, c.why))
    p = a.provision
    name = p.label_en if lang == "en" and p.label_en else p.label
    answer = a.answer.value
    return v.MeasureRow(
        p.code, name + (f"（{a.project_name}）" if a.project_name else ""),
        v.Mark(answer if lang == "en" else MEASURE_VERDICT_ZH[a.answer],
               {"yes": "yes", "no": "no", "undetermined": "maybe"}.get(answer, "")),
        "需补充：" + "；".join(a.missing) if a.missing else "", p.clause,
        " ".join(f"{m}{n}" for m, n in marks.items()), conditions)


def _park_chains(svc: Service, ctx: Ctx, code: str, info: ParkDetail, year: int) -> list[v.ParkChainRow]:
    cy = chain_year(svc, year)
    if cy is None:
        return []
    rows = []
    for c in info.chains:
        comp = svc.completeness(c.id, park=code, year=cy)
        rows.append(v.ParkChainRow(
            v.Link(ctx.href(f"/chains/{c.id}", park=code, year=cy), c.label),
            f"{len(comp.covered)}/{len(comp.segments)}{ctx.paren(pct(comp.share))}",
            ctx.w("unbroken") if comp.unbroken else ctx.w("broken"),
            "、".join(tname(g.segment.term, ctx.lang) for g in comp.gaps[:4]) + ("…" if len(comp.gaps) > 4 else "")))
    return rows


def _history(svc: Service, ctx: Ctx, code: str) -> list[v.HistoryRow]:
    rows = []
    for y, ratings in svc.rate_years(svc.rating_years()).items():
        r = next((r for r in ratings if r.code == code), None)
        if r is None:
            continue
        rows.append(v.HistoryRow(park_link(ctx, code, str(y), year=y), badge(r, ctx),
                                 level_name(r.indicator_level, ctx.lang) if r.vetoed else "", rounded(r.bonus),
                                 str(r.rank_in_level or "—"), "、".join(r.relaxed), "、".join(r.missing)))
    return rows


def _whatif_fields(ctx: Ctx, r: Rating, submitted: Mapping[str, str] | None) -> list[v.WhatIfField]:
    fields = []
    for c in INDICATORS:
        res = r.indicators[c]
        current = "" if res.value is None else plain(res.value)
        unit = ctx.paren(res.unit) if res.unit else ""
        fields.append(v.WhatIfField(c, f"{c} {ind_name(c, ctx.lang)}{unit}",
                                    submitted.get(c, current) if submitted is not None else current))
    return fields


def _whatif_result(ctx: Ctx, w: WhatIf) -> v.WhatIfResult:
    lang = ctx.lang
    new, exp = w.after.rating, w.after.explanation
    verdicts = {k: (k if lang == "en" else text) for k, text in VERDICT_ZH.items()}

    def shown(d: Decimal | None) -> str:
        return "—" if d is None else plain(d)
    changed = "、".join(f"{c} {shown(w.before.indicators[c].value)} → {shown(new.indicators[c].value)}"
                       for c in w.changed_indicators)
    return v.WhatIfResult(
        before=badge(w.before, ctx), after=badge(new, ctx),
        changed=("修改：" if lang == "zh" else "Changed: ") + (changed or ctx.w("none")),
        conclusion=exp.conclusion, chart=indicator_chart(new, w.after.rules, lang), reasons=list(exp.reasons),
        next_steps=list(exp.next_steps), trace_title=f"{ctx.w('trace')}{ctx.paren(len(new.trace))}",
        trace=[v.TraceRow(t.criterion, t.threshold, t.observed, t.source, verdicts.get(t.verdict, t.verdict), t.note)
               for t in new.trace])


# ---------------------------------------------------------------------------------------------- chains


def chains(svc: Service, ctx: Ctx, year: int | None) -> v.ChainsPage:
    """The ten chains with the number of anchor parks, each linking to its province picture."""
    cy = chain_year(svc, year)
    counts = {c.chain.id: len(c.anchors) for c in svc.anchors(cy).chains} if cy is not None else {}
    rows = [v.ChainRow(c["order"], v.Link(ctx.href(f"/chains/{c['id']}", year=cy), c["label"]),
                       counts.get(c["id"], 0)) for c in vocabulary.chains(ctx.lang)]
    return v.ChainsPage(frame(ctx, ctx.w("chains")), f"{ctx.w('chains')}{ctx.paren(cy or '—')}", rows)


def chain(svc: Service, ctx: Ctx, chain_id: str, year: int | None, park: str | None,
          city: str | None) -> tuple[int, v.ChainPage | v.ErrorPage]:
    """The segment graph coloured by coverage for the province, a city or a park, the gaps ordered by criticality
    and the parks that could fill them. 404 for an unknown chain, park or city."""
    lang = ctx.lang
    cy = chain_year(svc, year)
    if cy is None:  # no chain data at all: the chain's name from the vocabulary
        try:
            found = vocabulary.chain(chain_id, lang)
        except vocabulary.UnknownTerm as e:
            return 404, error_page(ctx, chain_id, str(e))
        return 200, error_page(ctx, found["label"], ctx.w("no_data"))
    try:
        graph = svc.chain_inputs(cy).catalog.resolve(chain_id)
    except ChainAnalysisError as e:
        return 404, error_page(ctx, chain_id, str(e))
    name = tname(graph.chain, lang)
    city = None if park else city  # a park's scope when both are given
    try:
        comp = svc.completeness(graph.id, park=park, city=city, province=park is None and city is None, year=cy)
    except ChainAnalysisError as e:
        return 404, error_page(ctx, name, str(e))
    return 200, _chain_page(svc, ctx, comp, name, park, city)


def _chain_page(svc: Service, ctx: Ctx, comp: Completeness, name: str, park: str | None,
                city: str | None) -> v.ChainPage:
    lang = ctx.lang
    graph, cy = comp.chain, comp.year
    every = svc.parks(lang=lang)
    cities = sorted({p.city.label for p in every})
    declaring = [p for p in every if any(c.id == graph.id for c in p.chains)]
    options = [("", ctx.w("whole_province"))] + [(f"city:{c}", c) for c in cities] + [
        (f"park:{p.code}", f"{p.code} {p.name}") for p in declaring]
    if park and f"park:{park}" not in {value for value, _ in options}:
        options.append((f"park:{park}", park))
    scope_value = f"park:{park}" if park else f"city:{city}" if city else ""
    filters = [select("chain", chain_options(lang), graph.id, ctx.w("chain")),
               select("scope", options, scope_value, ctx.w("scope")),
               year_select(svc.chain_years(), cy, ctx)]
    scope_title = comp.scope.title_zh
    if lang == "en" and comp.scope.kind != "park":
        scope_title = tname(comp.scope.term, lang)
    cards = [v.Card(ctx.w("coverage"), f"{len(comp.covered)}/{len(comp.segments)}{ctx.paren(pct(comp.share))}"),
             v.Card(ctx.w("status"), ctx.w("unbroken") if comp.unbroken else ctx.w("broken")),
             v.Card(ctx.w("gaps"), str(len(comp.gaps))), v.Card(ctx.w("single"), str(len(comp.single_enterprise)))]
    comma = "，" if lang == "zh" else ", "
    gaps = [v.GapRow(g.rank, tname(g.segment.term, lang), tname(g.position, lang), pct(g.criticality),
                     "、".join(tname(r, lang) for r in g.recruit.roles),
                     [v.Partner(park_link(ctx, p.park.code, p.park.name_zh or p.park.code),
                                ctx.paren(f"{tname(p.proximity, lang)}{comma}{p.presence.enterprises} "
                                          f"{ctx.w('ent_unit')}")) for p in g.partners])
            for g in comp.gaps]
    segments = [v.SegmentRow(tname(s.segment.term, lang), s.segment.tier, tname(s.position, lang),
                             s.presence.enterprises, f"{s.presence.revenue:.1f}", tname(s.status, lang))
                for s in comp.segments]
    return v.ChainPage(frame(ctx, name), f"{name} · {scope_title} · {cy}", filters, cards,
                       park_link(ctx, park, ctx.w("back_to_park")) if park else None,
                       chain_graph(svc.chain_picture(comp)), gaps,
                       segments)


# ---------------------------------------------------------------------------------------------- upload


def upload(ctx: Ctx, *, status: str = "", message: str = "", report: Sequence[Mapping[str, Any]] = (),
           done: Mapping[str, Any] | None = None) -> v.UploadPage:
    """The evidence upload form; after a refusal, the validation report; after a success, what was stored."""
    if status == "done" and done is not None:
        message = f"{done.get('file')} → {done.get('source')}，{done.get('triples')} 三元组 / triples"
    rows = [v.ReportRow(str(p.get("file", "")), str(p.get("row") or ""), str(p.get("column") or p.get("focus") or ""),
                        str(p.get("reason_zh", "") if ctx.lang == "zh" else p.get("reason_en", "")),
                        str(p.get("value") or "")) for p in report]
    return v.UploadPage(frame(ctx, ctx.w("upload")), status, message, f"{ctx.w('report')}{ctx.paren(len(rows))}", rows)
