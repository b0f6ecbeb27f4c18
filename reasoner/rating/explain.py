"""A rating explained in Chinese: the conclusion, then every reason — which threshold, which value, which source
document, what was relaxed or vetoed and why — built from the rating's trace. No printing here: the CLI renders
these lines, the HTTP API returns them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..policy import AtLeast, label, policy
from .engine import OUT_OF_SCOPE, pct
from .model import INDICATORS, Rating, Verdict
from .nextlevel import NextLevel, plain
from .rules import Rules, veto_lifted_on


@dataclass(slots=True)
class Explanation:
    """A rating in words: a title, the conclusion, the reasons in order, and one row per indicator."""

    title: str
    conclusion: str
    reasons: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


def _levels_text(levels: list[int], names: Mapping[int, str]) -> str:
    return "、".join(names[lv] for lv in levels) if levels else "无"


def explain(rating: Rating, rules: Rules, nxt: NextLevel | None = None) -> Explanation:
    """The Chinese explanation of ``rating`` (made under ``rules``), with the next level when given."""
    names, ind_names = policy().level_names(), policy().indicator_names()
    mode = "严格执行，不放宽" if rating.strict else "含“个别指标可适当放宽”规则"
    title = (f"{rating.name}（{rating.code}）{rating.year} 年星级评定："
             f"{names[rating.level] if rating.in_scope else OUT_OF_SCOPE['zh']}"
             f"（标准版本 {rating.edition}：{rules.edition.label_zh}；评定基准日 {rating.assessment_date}；{mode}）")
    if not rating.in_scope:
        conclusion = (f"不在评价范围（三.1）：{rating.scope}。不计入各星级园区数与排名，不适用支持措施，也不列入"
                      f"限期整改；其指标达到{names[rating.indicator_level]}，仅供参考。")
    elif rating.vetoed:
        conclusion = (f"不得评定为星级园区：指标达到{names[rating.indicator_level]}，但两年内发生"
                      f"{rules.veto.reading()}突发事件，一票否决（三.3）。")
    elif rating.undetermined:
        conclusion = (f"待定——需补充 {'、'.join(rating.missing)}：缺失值按“缺失”判为不达标且不放宽，"
                      f"现有数据只达到{names[rating.level]}。")
    elif rating.level:
        conclusion = f"评定为{names[rating.level]}。"
    else:
        conclusion = "未达到三星级评价标准，须限期整改（三.2，O1）。"
    if rating.demonstration:
        conclusion += "五星级园区确定为“制造业高质量发展示范园区”（三.2）。"
    out = Explanation(title, conclusion)
    reasons = out.reasons
    for inc in rating.veto_incidents:
        reasons.append(f"否决（三.3）：{inc.date} 发生{label(inc.severity)}{label(inc.type)}"
                       f"{('：' + inc.description) if inc.description else ''}，在评定基准日前 {rules.veto_window} 年内"
                       f"（{rating.assessment_date} 前）；{veto_lifted_on(inc.date, rules.veto_window)} 起不再否决。"
                       f"来源：{inc.source or '未注明'}")
    for t in rating.trace:
        if t.criterion.startswith("两年内") and t.verdict == Verdict.NO_VETO:
            reasons.append(f"不否决（三.3）：{t.observed}——{t.note}。")
    for lv in sorted(rating.levels, reverse=True):
        o = rating.levels[lv]
        head = f"{names[lv]}（三.2）：{'达到' if o.passed else '未达到'}——{o.why}"
        details = []
        for code in o.failures:
            res = rating.indicators[code]
            th = rules.thresholds_of(code).get(lv)
            if th is None:
                continue
            if res.reason == "missing":
                details.append(f"{code} {ind_names[code]} 缺失（{th.clause}，{th.written}），不放宽")
                continue
            if isinstance(th, AtLeast):
                assert res.value is not None
                short = (th.threshold - res.value) / th.threshold
                verb = "放宽" if code in o.relaxed else "未达标"
                details.append(f"{code} {ind_names[code]} {res.value} {res.unit}，标准 {th.written}（{th.clause}），"
                               f"低 {pct(short.quantize(Decimal('0.0001')))}——{verb}；来源：{res.source or '未注明'}")
            else:
                details.append(f"{code} {ind_names[code]} {res.value} {res.unit}，须低于全省同行业标准 "
                               f"{res.benchmark}（{th.clause}）——未达标，绿色集约指标不放宽；"
                               f"来源：{res.source or '未注明'}")
        reasons.append(head + ("。明细：" + "；".join(details) + "。" if details else "。"))
    if rating.relaxed:
        relax = rules.relaxation
        reasons.append(f"放宽（三.2）：{'、'.join(rating.relaxed)} 在{names[rating.indicator_level]}放宽——至多 "
                       f"{relax.max_indicators} 项、每项低于标准值不超过 {pct(relax.max_shortfall)}，且所列指标中"
                       f"明显高于标准值（≥ 标准值 ×（1 + {pct(relax.exceed_margin)}））的多于 "
                       f"{pct(relax.min_exceeding_share)}。")
    if rating.bonus_lines:
        reasons.append("加分（三.2 加分项目，仅用于同星级内排序）：" + "；".join(
            f"{b.label} {b.count} 个 × {b.weight} = {b.points} 分" for b in rating.bonus_lines)
            + f"；合计 {rating.bonus} 分。")
    if rating.priority:
        reasons.append("优先（表.10、表.11 注：被评为省级及以上美丽园区、绿色园区优先）：" + "、".join(
            f"{label(d.level)}{label(d.kind)}（{d.year or '年份未知'}）" for d in rating.priority)
            + "——同星级内排在加分相同的园区之前，不代替指标达标。")
    if rating.rank_in_level:
        reasons.append(f"同星级排名：{rating.year} 年{names[rating.level]}中第 {rating.rank_in_level} 位"
                       "（先加分，再优先，再园区代码）。")
    for code in INDICATORS:
        res = rating.indicators[code]
        row = {"indicator": code, "name": ind_names[code],
               "value": "缺失" if res.value is None else str(res.value), "unit": res.unit,
               "benchmark": "" if res.benchmark is None else str(res.benchmark),
               "met": _levels_text(res.met, names),
               "relaxed": _levels_text(res.relaxed, names) if res.relaxed else "",
               "source": res.source}
        for lv in sorted(rules.levels):
            th = rules.thresholds_of(code).get(lv)
            row[str(lv)] = "—" if th is None else (th.written if isinstance(th, AtLeast)
                                                  else f"< {res.benchmark or '基准'}")
        out.rows.append(row)
    if nxt is not None:
        out.next_steps = next_steps(nxt)
    return out


def next_steps(nxt: NextLevel) -> list[str]:
    """The next level in words."""
    names = policy().level_names()
    lines = []
    if nxt.note:
        lines.append(nxt.note)
    if nxt.target is None:
        return lines
    if not nxt.improvements:
        return lines
    head = f"升至{names[nxt.target]}的最少改进（{len(nxt.improvements)} 项指标）："
    items = []
    for imp in nxt.improvements:
        now = "缺失" if imp.current is None else f"{imp.current}"
        need = "（须补充全省同行业标准）" if imp.needed is None else f"{imp.comparison} {plain(imp.needed)}"
        items.append(f"{imp.indicator} 现为 {now}，需 {need} {imp.unit}（{imp.why}）")
    lines.append(head + "；".join(items))
    if nxt.relaxed:
        lines.append(f"届时 {'、'.join(nxt.relaxed)} 仍低于标准值，按放宽规则计入（三.2）。")
    return lines
