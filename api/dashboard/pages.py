"""The dashboard's pages as HTML: province, park (with its what-if), chain, evidence upload.

Each function takes the store and the reader's context and returns the whole document; the figures, verdicts and
explanations all come from ``reasoner`` (rating, explanation, next level, adjustment, progress, chains, measures).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reasoner import parks as park_data
from reasoner.chains import Completeness
from reasoner.chains.model import Term
from reasoner.chains.render import write_svg
from reasoner.namespaces import IND, PS
from reasoner.policy import label, policy
from reasoner.rating import INDICATORS, Rating, Rules, load_rules
from reasoner.rating.adjust import CHANGE_ZH, Change
from reasoner.rating.explain import explain
from reasoner.rating.model import VERDICT_ZH
from reasoner.rating.nextlevel import next_level, plain
from reasoner.rating.progress import progress
from reasoner.store import OxigraphStore

from . import data
from .charts import COLOURS, count_bars, indicator_chart
from .html import Content, Html, join, link, page, render, table, tag
from .i18n import Ctx

# ---------------------------------------------------------------------------------------------- shared pieces


def level_name(level: int, lang: str) -> str:
    """The level's label from the ontology (五星级 / five-star …)."""
    return policy().level_name(level, lang)


def badge(r: Rating, ctx: Ctx) -> Html:
    """The level as a coloured badge, with vetoed / undetermined marks."""
    parts = [tag("span", level_name(r.level, ctx.lang), class_=f"lv lv{r.level}")]
    if r.vetoed:
        parts.append(tag("span", ctx.w("vetoed"), class_="lv veto"))
    if r.undetermined:
        parts.append(tag("span", ctx.w("undetermined"), class_="lv undet"))
    return Html(" ".join(parts))


def tname(term: Term, lang: str) -> str:
    """A term's name in ``lang`` (Chinese when it has no English label)."""
    return term.name_en if lang == "en" and term.name_en else term.name


def chain_label(chain_iri: str, lang: str) -> str:
    """A chain's label."""
    return label(chain_iri, lang)


def ind_name(code: str, lang: str) -> str:
    """An indicator's label."""
    return label(str(IND[code]), lang)


def change_text(change: Change, lang: str) -> str:
    """How a park's level moved, in words."""
    return change.value if lang == "en" else CHANGE_ZH[change]


def section(title: str, *body: Content, id_: str | None = None) -> Html:
    """A titled panel."""
    return tag("section", tag("h2", title), *body, id=id_)


def frame(ctx: Ctx, title: str, body: Content) -> Html:
    """The page frame with navigation in the reader's language."""
    nav = [(ctx.w("province"), ctx.href("/")), (ctx.w("chains"), ctx.href("/chains")),
           (ctx.w("upload"), ctx.href("/upload"))]
    return page(f"{title} · parkstar", body, lang=ctx.lang, nav=nav, switch=ctx.switch(),
                synthetic_note=ctx.w("synthetic"))


def error_page(ctx: Ctx, title: str, message: str) -> Html:
    """A page saying what is wrong."""
    return frame(ctx, title, [tag("h1", title), tag("div", message, class_="banner error")])


def park_link(ctx: Ctx, code: str, text: str | None = None, year: int | None = None) -> Html:
    """A link to a park's page."""
    return link(ctx.href(f"/parks/{code}", year=year), text or code)


def _pct(share: float | Decimal) -> str:
    return f"{float(share) * 100:.0f}%"


def _round(d: Decimal) -> str:
    q = d.quantize(Decimal("0.01")) if d != d.to_integral_value() else d
    return plain(q)


def parks_index(store: OxigraphStore, lang: str) -> dict[str, dict[str, Any]]:
    """Every park by code (city, county, chains with labels in ``lang``)."""
    return data.CACHE.get(store, ("parks", lang),
                          lambda: {p["code"]: p for p in park_data.list_parks(store, lang=lang)})


def _select(name: str, options: Sequence[tuple[str, str]], chosen: str | None, label_text: str) -> Html:
    opts = [tag("option", text, value=value, selected=value == (chosen or "")) for value, text in options]
    return tag("label", label_text, tag("select", *opts, name=name))


def _lang_field(ctx: Ctx) -> Html:
    return tag("input", type="hidden", name="lang", value=ctx.lang) if ctx.explicit else Html("")


# ---------------------------------------------------------------------------------------------- province


def province_page(store: OxigraphStore, ctx: Ctx, year: int | None, city: str | None, chain: str | None) -> Html:
    """Parks by level for a year, the annual changes, the rectification list, progress against the 2025 goals,
    filters by 设区市 and chain, and the anchors of each of the ten chains."""
    lang = ctx.lang
    title = ctx.w("title")
    ys = data.years(store)
    if not ys:
        return error_page(ctx, title, ctx.w("no_data"))
    y = year if year in ys else ys[-1]
    every = parks_index(store, lang)
    try:
        chosen = {p["code"] for p in park_data.list_parks(store, park_data.ParkFilter(city=city, chain=chain), lang)}
        problem = ""
    except park_data.UnknownFilter as e:
        chosen, problem = set(every), f"未知的筛选条件 / {e}"
    rs = [r for r in data.ratings(store).get(y, []) if r.code in chosen]
    cities = sorted({(p["city"]["id"], p["city"]["label"]) for p in every.values()})
    chain_opts = [(c["id"], c["label"]) for c in _chains(lang)]
    filters = tag("form", _select("year", [(str(v), str(v)) for v in reversed(ys)], str(y), ctx.w("year")),
                  _select("city", [("", ctx.w("all"))] + [(label_, label_) for _, label_ in cities], city,
                          ctx.w("city")),
                  _select("chain", [("", ctx.w("all")), *chain_opts], chain, ctx.w("chain")),
                  _lang_field(ctx), tag("button", ctx.w("filter"), type="submit"),
                  method="get", action="/", class_="filters")
    body: list[Content] = [tag("h1", f"{title} · {y}"), filters]
    if problem:
        body.append(tag("div", problem, class_="banner error"))
    body.append(tag("div", _levels_section(rs, ctx), _changes_section(store, ctx, y, chosen), class_="grid"))
    body.append(_parks_table(store, ctx, rs, y, every))
    body.append(tag("div", _rectify_section(store, ctx, y, chosen, every), _progress_section(store, ctx, y),
                    class_="grid"))
    body.append(_anchors_section(store, ctx, y, city, chain, every))
    return frame(ctx, title, body)


def _chains(lang: str) -> list[dict[str, Any]]:
    from reasoner.vocabulary import chains

    return chains(lang)


def _levels_section(rs: list[Rating], ctx: Ctx) -> Html:
    counts = Counter(r.level for r in rs)
    rows = [(level_name(lv, ctx.lang), counts[lv], COLOURS[lv]) for lv in (5, 4, 3, 0)]
    cards = tag("div", *(tag("div", tag("b", n), text, class_="card") for text, n in (
        (ctx.w("total"), len(rs)), (ctx.w("vetoed"), sum(r.vetoed for r in rs)),
        (ctx.w("relaxed"), sum(bool(r.relaxed) for r in rs)),
        (ctx.w("undetermined"), sum(r.undetermined for r in rs)))), class_="cards")
    return section(ctx.w("levels"), tag("div", count_bars(rows), class_="chart"), cards, id_="levels")


def _changes_section(store: OxigraphStore, ctx: Ctx, year: int, chosen: set[str]) -> Html:
    adj = data.adjustment(store, year)
    groups = adj.by_change()
    rows = []
    for change in (Change.UPGRADED, Change.DOWNGRADED, Change.NEW, Change.VETOED, Change.KEPT, Change.DROPPED):
        ms = [m for m in groups[change] if m.code in chosen]
        if change is Change.KEPT:
            listing: Content = ""
        else:
            listing = join("、", (render([park_link(ctx, m.code, year=year),
                                           f"（{'' if m.before is None else level_name(m.before, ctx.lang)}→"
                                           f"{'' if m.after is None else level_name(m.after, ctx.lang)}）"])
                                   for m in ms))
        css = {Change.UPGRADED: "up", Change.DOWNGRADED: "down", Change.VETOED: "down"}.get(change)
        rows.append([tag("span", change_text(change, ctx.lang), class_=css), len(ms), listing])
    return section(f"{ctx.w('changes')}{ctx.paren(f'{year - 1} → {year}')}",
                   table([ctx.w("change"), ctx.w("count"), ctx.w("parks")], rows), id_="changes")


def _parks_table(store: OxigraphStore, ctx: Ctx, rs: list[Rating], year: int,
                 every: Mapping[str, dict[str, Any]]) -> Html:
    moves = {m.code: m.change for m in data.adjustment(store, year).movements}
    rows = []
    for r in rs:
        p = every.get(r.code, {})
        chains = "、".join(c["label"] for c in p.get("chains", []))
        change = moves.get(r.code)
        rows.append([r.rank_in_level, tag("span", park_link(ctx, r.code, year=year), class_="code"), r.name,
                     p.get("city", {}).get("label", ""),
                     badge(r, ctx), _round(r.bonus), chains,
                     change_text(change, ctx.lang) if change is not None else ""])
    return section(f"{ctx.w('parks')}{ctx.paren(len(rs))}",
                   table([ctx.w("rank"), ctx.w("code"), ctx.w("name"), ctx.w("city"), ctx.w("level"),
                          ctx.w("bonus"), ctx.w("leading_chains"), ctx.w("change")], rows, empty=ctx.w("none")),
                   id_="parks")


def _rectify_section(store: OxigraphStore, ctx: Ctx, year: int, chosen: set[str],
                     every: Mapping[str, dict[str, Any]]) -> Html:
    adj = data.adjustment(store, year)
    rows = []
    for r in adj.rectify:
        if r.code not in chosen:
            continue
        note = (f"{ctx.w('undetermined')}：{'、'.join(r.missing)}" if r.undetermined else
                f"{ctx.w('missing')}：{'、'.join(r.missing)}" if r.missing else "")
        rows.append([tag("span", park_link(ctx, r.code, year=year), class_="code"), r.name,
                     every.get(r.code, {}).get("city", {}).get("label", ""),
                     note])
    vetoed = [[park_link(ctx, r.code, year=year), r.name,
               "；".join(f"{i.date} {label(i.severity, ctx.lang)}{label(i.type, ctx.lang)}"
                        for i in r.veto_incidents)]
              for r in adj.vetoed if r.code in chosen]
    return section(ctx.w("rectify"),
                   table([ctx.w("code"), ctx.w("name"), ctx.w("city"), ctx.w("note")], rows, empty=ctx.w("none")),
                   tag("h2", ctx.w("vetoed_list"), style="margin-top:14px"),
                   table([ctx.w("code"), ctx.w("name"), ctx.w("detail")], vetoed, empty=ctx.w("none")),
                   id_="rectify")


def _progress_section(store: OxigraphStore, ctx: Ctx, year: int) -> Html:
    status = progress(data.ratings(store).get(year, []), year)
    rows = []
    for s in status:
        share = s.goal.measure == str(PS.StarParkShare)

        def show(d: Decimal, share: bool = share) -> str:
            return f"{_round(d * 100)}%" if share else _round(d)
        rows.append([s.goal.label, s.goal.clause, show(s.goal.value), "—" if s.actual is None else show(s.actual),
                     tag("span", ctx.w("yes") if s.met else ctx.w("no"), class_="yes" if s.met else "no"),
                     s.detail])
    note = tag("p", "全省口径（不受筛选影响）" if ctx.lang == "zh" else "Province-wide (filters do not apply)",
               class_="note")
    return section(f"{ctx.w('progress')}{ctx.paren(year)}", note,
                   table([ctx.w("goal"), ctx.w("clause"), ctx.w("target"), ctx.w("actual"), ctx.w("met"),
                          ctx.w("detail")], rows), id_="progress")


def _anchors_section(store: OxigraphStore, ctx: Ctx, year: int, city: str | None, chain: str | None,
                     every: Mapping[str, dict[str, Any]]) -> Html:
    cy = data.chain_year(store, year)
    if cy is None:
        return section(ctx.w("anchors"), tag("p", ctx.w("no_data"), class_="muted"))
    report = data.anchors_report(store, cy)
    rows = []
    for ch in report.chains:
        if chain and chain not in (ch.chain.id, ch.chain.chain.name_zh, ch.chain.chain.name_en):
            continue
        shown = [a for a in ch.anchors
                 if not city or every.get(a.park.code, {}).get("city", {}).get("label") == city
                 or (a.park.city is not None and city in (a.park.city.name_zh, a.park.city.name_en))]
        top = join("、", (render([park_link(ctx, a.park.code, a.park.name_zh or a.park.code, year=year),
                                  tag("span", ctx.paren(f"{a.revenue:.1f}"), class_="note")]) for a in shown[:4]))
        more = tag("span", f" … +{len(shown) - 4}", class_="note") if len(shown) > 4 else ""
        leaders = sorted({e.name_zh for a in shown for e in a.leaders})
        rows.append([ch.chain.order, link(ctx.href(f"/chains/{ch.chain.id}", year=cy), tname(ch.chain.chain, ctx.lang)),
                     len(shown), [top, more] if shown else tag("span", ctx.w("no_anchor"), class_="muted"),
                     len(leaders), len(ch.without_leader)])
    note = tag("p", f"{cy} 年企业营收数据；括号内为链上营收（亿元）" if ctx.lang == "zh"
               else f"enterprise revenue of {cy}; in brackets the revenue in the chain (100M CNY)", class_="note")
    return section(ctx.w("anchors"), note,
                   table(["#", ctx.w("chain"), ctx.w("anchor_count"), ctx.w("anchor_parks"), ctx.w("leaders"),
                          ctx.w("without_leader")], rows), id_="anchors")


# ---------------------------------------------------------------------------------------------- park


def park_page(store: OxigraphStore, ctx: Ctx, code: str, year: int | None, *,
              whatif: tuple[Rating, dict[str, str], list[str]] | None = None) -> tuple[int, Html]:
    """A park's level and edition, the chart of its indicators against the three thresholds, what was relaxed or
    vetoed and why, the next-level gap, bonus points, measures, chains with coverage, history and the what-if
    form; with ``whatif`` (the what-if rating, the submitted values, the changed indicators) its result first."""
    lang = ctx.lang
    try:
        info = park_data.park_detail(store, code, lang)
    except park_data.UnknownPark:
        return 404, error_page(ctx, code, f"没有代码为 {code} 的园区 / no park with code {code}")
    ys = [int(v) for v in info["years"]]
    y = year if year in ys else (ys[-1] if ys else None)
    title = f"{info['name']}（{code}）"
    meta = " · ".join(x for x in (info["city"]["label"], info["county"]["label"], info.get("type") or "",
                                  f"{info['planned_area_km2']} km²" if info.get("planned_area_km2") else "") if x)
    year_form = tag("form", _select("year", [(str(v), str(v)) for v in reversed(ys)], str(y), ctx.w("year")),
                    _lang_field(ctx), tag("button", ctx.w("show"), type="submit"),
                    method="get", action=f"/parks/{code}", class_="filters")
    toc = tag("p", join(" · ", (link(f"#{anchor}", ctx.w(key)) for anchor, key in (
        ("chart", "indicator_chart_short"), ("whatif", "whatif"), ("reasons", "reasons_short"),
        ("next-level", "next_level"), ("bonus", "bonus_points"), ("measures", "measures"),
        ("chains", "park_chains"), ("history", "history")))), class_="toc")
    body: list[Content] = [tag("h1", title), tag("p", meta, class_="muted"), year_form, toc]
    rating = data.rating_of(store, code, y) if y is not None else None
    if rating is None:
        body.append(tag("div", ctx.w("no_rating"), class_="banner"))
        return 200, frame(ctx, title, body)
    rules = load_rules(rating.edition, rating.year, rating.strict)
    if whatif is not None:
        body.append(_whatif_result(ctx, rating, whatif[0], whatif[2], rules))
    body.append(_rating_summary(ctx, rating, rules))
    body.append(section(ctx.w("indicator_chart"), tag("div", indicator_chart(rating, rules, lang), class_="chart"),
                        id_="chart"))
    body.append(_whatif_form(ctx, code, rating, whatif[1] if whatif else None))
    exp = explain(rating, rules, nxt := next_level(rating, rules))
    body.append(_indicator_table(ctx, exp.rows))
    zh_only = tag("p", ctx.w("zh_only"), class_="note") if lang == "en" else ""
    body.append(section(ctx.w("reasons"), zh_only, tag("ul", *(tag("li", x) for x in exp.reasons),
                                                        class_="reasons"), id_="reasons"))
    improvements = [[i.indicator, ind_name(i.indicator, lang), "—" if i.current is None else plain(i.current),
                     f"{i.comparison} {plain(i.needed)}" if i.needed is not None else "—", i.unit, i.why]
                    for i in nxt.improvements]
    target = (f"→ {level_name(nxt.target, lang)}" if nxt.target is not None else "")
    body.append(section(f"{ctx.w('next_level')} {target}", tag("p", nxt.note) if nxt.note else "",
                        table([ctx.w("indicator"), ctx.w("name"), ctx.w("now"), ctx.w("needed"), ctx.w("unit"),
                               ctx.w("why")], improvements, empty=ctx.w("none")) if nxt.target is not None else "",
                        tag("p", f"{ctx.w('relaxed')}：{'、'.join(nxt.relaxed)}") if nxt.relaxed else "",
                        id_="next-level"))
    body.append(_bonus_section(ctx, rating))
    body.append(_measures_section(store, ctx, code, rating.year))
    body.append(_park_chains_section(store, ctx, code, info, rating.year))
    body.append(_history_section(store, ctx, code))
    return 200, frame(ctx, title, body)


def _rating_summary(ctx: Ctx, r: Rating, rules: Rules) -> Html:
    lang = ctx.lang
    edition = f"{r.edition}{ctx.paren(rules.edition.label_zh)}" if lang == "zh" else r.edition
    cards = [(ctx.w("level"), badge(r, ctx)), (ctx.w("edition"), edition),
             (ctx.w("assessment"), r.assessment_date.isoformat()), (ctx.w("bonus"), _round(r.bonus)),
             (ctx.w("rank"), str(r.rank_in_level) if r.rank_in_level else "—")]
    if r.demonstration:
        cards.append(("", ctx.w("demo_park")))
    exp_line = explain(r, rules).conclusion
    return section(f"{r.year} {ctx.w('level')}",
                   tag("div", *(tag("div", tag("span", k, class_="note"), tag("div", v), class_="card")
                                for k, v in cards), class_="cards"),
                   tag("p", tag("strong", exp_line)), id_="rating")


def _indicator_table(ctx: Ctx, rows: list[dict[str, str]]) -> Html:
    lv = [level_name(n, ctx.lang) for n in (3, 4, 5)]
    body = [[r["indicator"], ind_name(r["indicator"], ctx.lang), r["value"], r["unit"], r["3"], r["4"], r["5"],
             r["met"], r["relaxed"], r["source"]] for r in rows]
    return section(ctx.w("indicators"), table([ctx.w("indicator"), ctx.w("name"), ctx.w("value"), ctx.w("unit"),
                                               *lv, ctx.w("met"), ctx.w("relaxed"), ctx.w("source")], body),
                   id_="indicators")


def _bonus_section(ctx: Ctx, r: Rating) -> Html:
    rows = [[b.label, b.count, _round(b.weight), _round(b.points)] for b in r.bonus_lines]
    space = " " if ctx.lang == "en" else ""
    prio = "、".join(f"{label(d.level, ctx.lang)}{space}{label(d.kind, ctx.lang)}{ctx.paren(d.year or '—')}"
                    for d in r.priority)
    return section(f"{ctx.w('bonus_points')}：{_round(r.bonus)}",
                   table([ctx.w("item"), ctx.w("count"), ctx.w("weight"), ctx.w("points")], rows,
                         empty=ctx.w("none")),
                   tag("p", ("优先：" if ctx.lang == "zh" else "Priority: ") + (prio or ctx.w("none"))), id_="bonus")


def _measures_section(store: OxigraphStore, ctx: Ctx, code: str, year: int) -> Html:
    answers = data.park_measures(store, code, year)
    if answers is None:
        return section(ctx.w("measures"), tag("p", ctx.w("measures_missing"), class_="banner"), id_="measures")
    css = {"yes": "yes", "no": "no", "undetermined": "maybe"}
    rows = []
    for a in answers:
        conds = []
        held_count: Counter[str] = Counter()
        for c in a.get("conditions", []):
            held = c.get("held")
            mark = "✔" if held is True else "✘" if held is False else "？"
            held_count[mark] += 1
            facts = "；".join(str(f.get("text", "")) + (f"（{f['source']}）" if f.get("source") else "")
                             for f in c.get("facts", []))
            text = c.get("text_en") if ctx.lang == "en" and c.get("text_en") else c.get("text", "")
            conds.append(tag("li", f"{mark} {text}", tag("span", f" — {facts}", class_="note") if facts else "",
                             tag("span", f" {c['why']}", class_="note") if c.get("why") else ""))
        name = a.get("label_en") if ctx.lang == "en" and a.get("label_en") else a.get("label", "")
        project = f"（{a['project_name']}）" if a.get("project_name") else ""
        answer = a.get("answer", "")
        verdict = answer if ctx.lang == "en" else a.get("answer_zh", answer)
        missing = a.get("missing") or []
        summary = " ".join(f"{m}{n}" for m, n in held_count.items())
        rows.append([tag("b", a.get("measure", "")), tag("div", name, project, class_="wide"),
                     [tag("span", verdict, class_=css.get(answer)),
                      tag("div", "需补充：" + "；".join(map(str, missing)), class_="note") if missing else ""],
                     tag("span", a.get("clause", ""), class_="code"),
                     tag("details", tag("summary", summary), tag("ul", *conds))])
    counts = Counter(a.get("answer", "") for a in answers)
    words = {"yes": "适用", "undetermined": "待定", "no": "不适用"}
    head = "；".join(f"{words[k] if ctx.lang == 'zh' else k} {counts[k]}" for k in words if counts[k])
    return section(f"{ctx.w('measures')}{ctx.paren(head)}",
                   table(["#", ctx.w("name"), ctx.w("answer"), ctx.w("clause"), ctx.w("conditions")], rows,
                         empty=ctx.w("none")), id_="measures")


def _park_chains_section(store: OxigraphStore, ctx: Ctx, code: str, info: Mapping[str, Any], year: int) -> Html:
    cy = data.chain_year(store, year)
    rows = []
    for c in info.get("chains", []) if cy is not None else []:
        assert cy is not None
        comp = data.chain_completeness(store, c["id"], cy, park=code)
        rows.append([link(ctx.href(f"/chains/{c['id']}", park=code, year=cy), c["label"]),
                     f"{len(comp.covered)}/{len(comp.segments)}{ctx.paren(_pct(comp.share))}",
                     ctx.w("unbroken") if comp.unbroken else ctx.w("broken"),
                     "、".join(tname(g.segment.term, ctx.lang) for g in comp.gaps[:4])
                     + ("…" if len(comp.gaps) > 4 else "")])
    return section(ctx.w("park_chains"), table([ctx.w("chain"), ctx.w("coverage"), ctx.w("status"),
                                                ctx.w("gaps")], rows, empty=ctx.w("none")), id_="chains")


def _history_section(store: OxigraphStore, ctx: Ctx, code: str) -> Html:
    rows = []
    for y in data.years(store):
        r = data.rating_of(store, code, y)
        if r is None:
            continue
        rows.append([park_link(ctx, code, str(y), year=y), badge(r, ctx),
                     level_name(r.indicator_level, ctx.lang) if r.vetoed else "", _round(r.bonus),
                     r.rank_in_level or "—", "、".join(r.relaxed), "、".join(r.missing)])
    return section(ctx.w("history"), table([ctx.w("year"), ctx.w("level"), ctx.w("vetoed"), ctx.w("bonus"),
                                            ctx.w("rank"), ctx.w("relaxed"), ctx.w("missing")], rows),
                   id_="history")


def _whatif_form(ctx: Ctx, code: str, r: Rating, values: Mapping[str, str] | None) -> Html:
    fields = []
    for c in INDICATORS:
        res = r.indicators[c]
        current = "" if res.value is None else plain(res.value)
        value = values.get(c, current) if values is not None else current
        unit = f"{ctx.paren(res.unit)}" if res.unit else ""
        fields.append(tag("label", f"{c} {ind_name(c, ctx.lang)}{unit}",
                          tag("input", type="text", inputmode="decimal", name=c, value=value,
                              placeholder=ctx.w("missing"))))
    return section(ctx.w("whatif"), tag("p", ctx.w("whatif_hint"), class_="note"),
                   tag("form", tag("div", *fields, class_="whatif"),
                       tag("input", type="hidden", name="year", value=r.year), _lang_field(ctx),
                       tag("p", tag("button", ctx.w("whatif_run"), type="submit", id="whatif-run")),
                       method="post", action=f"/parks/{code}/what-if"), id_="whatif")


def _whatif_result(ctx: Ctx, actual: Rating, new: Rating, changed: list[str], rules: Rules) -> Html:
    lang = ctx.lang
    exp = explain(new, rules, next_level(new, rules))
    verdicts = {k: (k if lang == "en" else v) for k, v in VERDICT_ZH.items()}
    trace = [[t.criterion, t.threshold, t.observed, t.source, verdicts.get(t.verdict, t.verdict), t.note]
             for t in new.trace]
    changes = "、".join(f"{c} {plain(v) if (v := actual.indicators[c].value) is not None else '—'} → "
                       f"{plain(n) if (n := new.indicators[c].value) is not None else '—'}" for c in changed)
    return tag("section",
               tag("h2", ctx.w("whatif_result")),
               tag("div", tag("strong", ctx.w("whatif_from_to"), "："), badge(actual, ctx), " → ", badge(new, ctx),
                   class_="banner ok", id="whatif-level"),
               tag("p", ("修改：" if lang == "zh" else "Changed: ") + (changes or ctx.w("none"))),
               tag("p", tag("strong", exp.conclusion)),
               tag("div", indicator_chart(new, rules, lang), class_="chart"),
               tag("ul", *(tag("li", x) for x in exp.reasons), class_="reasons"),
               tag("ul", *(tag("li", x) for x in exp.next_steps)) if exp.next_steps else "",
               tag("details", tag("summary", f"{ctx.w('trace')}{ctx.paren(len(trace))}"),
                   table([ctx.w("criterion"), ctx.w("threshold"), ctx.w("observed"), ctx.w("source"),
                          ctx.w("verdict"), ctx.w("note")], trace)),
               id="whatif-result", style="border:2px solid #e8a33d")


# ---------------------------------------------------------------------------------------------- chains


def chains_index(store: OxigraphStore, ctx: Ctx, year: int | None) -> Html:
    """The ten chains with the number of anchor parks, each linking to its province picture."""
    cy = data.chain_year(store, year)
    counts: dict[str, int] = {}
    if cy is not None:
        counts = {c.chain.id: len(c.anchors) for c in data.anchors_report(store, cy).chains}
    rows = [[c["order"], link(ctx.href(f"/chains/{c['id']}", year=cy), c["label"]), counts.get(c["id"], 0)]
            for c in _chains(ctx.lang)]
    return frame(ctx, ctx.w("chains"), [tag("h1", ctx.w("chains")),
                                        section(f"{ctx.w('chains')}{ctx.paren(cy or '—')}",
                                                table(["#", ctx.w("chain"), ctx.w("anchors")], rows))])


def chain_svg(comp: Completeness) -> Html:
    """The chain picture of :mod:`reasoner.chains.render` as inline SVG (text kept as text)."""
    with tempfile.TemporaryDirectory(prefix="parkstar-svg-") as tmp:
        text = write_svg(comp, Path(tmp) / "chain.svg").read_text(encoding="utf-8")
    return Html(text[text.index("<svg"):])


def chain_page(store: OxigraphStore, ctx: Ctx, chain_id: str, year: int | None, park: str | None,
               city: str | None) -> tuple[int, Html]:
    """The segment graph coloured by coverage for the province, a city or a park, the gaps ordered by criticality
    and the parks that could fill them."""
    from reasoner.chains import ChainAnalysisError

    lang = ctx.lang
    try:
        graph = data.catalog(store).resolve(chain_id)
    except ChainAnalysisError as e:
        return 404, error_page(ctx, chain_id, str(e))
    cy = data.chain_year(store, year)
    name = tname(graph.chain, lang)
    if cy is None:
        return 200, error_page(ctx, name, ctx.w("no_data"))
    try:
        comp = data.chain_completeness(store, graph.id, cy, park=park or None, city=city or None)
    except ChainAnalysisError as e:
        return 404, error_page(ctx, name, str(e))
    svg = data.CACHE.get(store, ("svg", graph.id, cy, park, city), lambda: chain_svg(comp))
    every = parks_index(store, lang)
    scope_value = f"park:{park}" if park else f"city:{city}" if city else ""
    cities = sorted({p["city"]["label"] for p in every.values()})
    declaring = [p for p in every.values() if any(c["id"] == graph.id for c in p["chains"])]
    options = [("", ctx.w("whole_province"))] + [(f"city:{c}", c) for c in cities] + [
        (f"park:{p['code']}", f"{p['code']} {p['name']}") for p in declaring]
    if park and f"park:{park}" not in {v for v, _ in options}:
        options.append((f"park:{park}", park))
    chain_opts = [(c["id"], c["label"]) for c in _chains(lang)]
    chain_years = data.chain_years(store)
    form = tag("form", _select("chain", chain_opts, graph.id, ctx.w("chain")),
               _select("scope", options, scope_value, ctx.w("scope")),
               _select("year", [(str(v), str(v)) for v in reversed(chain_years)], str(cy), ctx.w("year")),
               _lang_field(ctx), tag("button", ctx.w("show"), type="submit"),
               method="get", action="/chains/go", class_="filters")
    scope_title = comp.scope.title_zh
    if lang == "en" and comp.scope.kind != "park":
        scope_title = tname(comp.scope.term, lang)
    body: list[Content] = [tag("h1", f"{name} · {scope_title} · {cy}"), form]
    cards = [(ctx.w("coverage"), f"{len(comp.covered)}/{len(comp.segments)}{ctx.paren(_pct(comp.share))}"),
             (ctx.w("status"), ctx.w("unbroken") if comp.unbroken else ctx.w("broken")),
             (ctx.w("gaps"), str(len(comp.gaps))), (ctx.w("single"), str(len(comp.single_enterprise)))]
    body.append(tag("div", *(tag("div", tag("span", k, class_="note"), tag("b", v), class_="card")
                             for k, v in cards), class_="cards", id="chain-summary"))
    if park:
        body.append(tag("p", park_link(ctx, park, ctx.w("back_to_park"))))
    body.append(section(ctx.w("segment_graph"), tag("div", svg, class_="chart"), id_="graph"))
    gap_rows = []
    comma = "，" if lang == "zh" else ", "
    for g in comp.gaps:
        partners = join("、", (render([park_link(ctx, p.park.code, p.park.name_zh or p.park.code),
                                      ctx.paren(f"{tname(p.proximity, lang)}{comma}{p.presence.enterprises} "
                                                f"{ctx.w('ent_unit')}")])
                              for p in g.partners))
        link_partners: Content = partners if g.partners else tag("span", ctx.w("none"), class_="muted")
        gap_rows.append([g.rank, tname(g.segment.term, lang), tname(g.position, lang), _pct(g.criticality),
                         "、".join(tname(r, lang) for r in g.recruit.roles), link_partners])
    body.append(section(ctx.w("gaps_by_criticality"),
                        table(["#", ctx.w("segment"), ctx.w("position"), ctx.w("criticality"), ctx.w("recruit"),
                               ctx.w("partners")], gap_rows, empty=ctx.w("none")), id_="gaps"))
    seg_rows = [[tname(s.segment.term, lang), s.segment.tier, tname(s.position, lang), s.presence.enterprises,
                 f"{s.presence.revenue:.1f}", tname(s.status, lang)] for s in comp.segments]
    body.append(section(ctx.w("segments"), table([ctx.w("segment"), ctx.w("tier"), ctx.w("position"),
                                                  ctx.w("enterprises"), ctx.w("revenue"), ctx.w("status")],
                                                 seg_rows), id_="segments"))
    return 200, frame(ctx, name, body)


# ---------------------------------------------------------------------------------------------- upload


def upload_page(ctx: Ctx, *, status: str = "", message: str = "",
                report: Sequence[Mapping[str, Any]] = (), done: Mapping[str, Any] | None = None) -> Html:
    """The evidence upload form; after a refusal, the validation report in Chinese; after a success, what was
    stored."""
    body: list[Content] = [tag("h1", ctx.w("upload")), tag("p", ctx.w("upload_intro"), class_="muted")]
    if status == "refused":
        body.append(tag("div", tag("strong", ctx.w("upload_refused"), "："), message, class_="banner error",
                        id="upload-status"))
    elif status == "done" and done is not None:
        body.append(tag("div", tag("strong", ctx.w("upload_done"), "："),
                        f"{done.get('file')} → {done.get('source')}，{done.get('triples')} 三元组 / triples",
                        class_="banner ok", id="upload-status"))
    if report:
        rows = [[p.get("file", ""), p.get("row") or "", p.get("column") or p.get("focus") or "",
                 p.get("reason_zh", "") if ctx.lang == "zh" else p.get("reason_en", ""), p.get("value") or ""]
                for p in report]
        body.append(section(f"{ctx.w('report')}{ctx.paren(len(rows))}",
                            table([ctx.w("file"), ctx.w("row"), ctx.w("column"), ctx.w("reason"), ctx.w("value")],
                                  rows), id_="report"))
    form = tag("form",
               tag("div", tag("label", ctx.w("token"), tag("input", type="password", name="token", required=True,
                                                           autocomplete="off")),
                   tag("label", ctx.w("file"), tag("input", type="file", name="file", required=True,
                                                   accept=".csv,.xlsx,.ttl,.jsonld,.json,.nt")),
                   _lang_field(ctx), tag("button", ctx.w("send"), type="submit"), class_="filters"),
               method="post", action="/upload", enctype="multipart/form-data")
    body.append(section(ctx.w("upload"), form))
    return frame(ctx, ctx.w("upload"), body)
