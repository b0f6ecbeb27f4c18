"""The dashboard's own words in Chinese and English, the reader's language (``?lang=zh|en`` first, then
``Accept-Language``, Chinese by default) and the links that keep it. Names of things (parks' regions, chains,
segments, indicators, levels) come from the ontology's ``rdfs:label`` ``@zh`` / ``@en`` through
:func:`reasoner.policy.label`, not from here. Templates get the words of the reader's language as ``w``
(:func:`words`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Request

from ..deps import language

WORDS: dict[str, tuple[str, str]] = {
    "title": ("浙江省制造业高质量发展示范园区 · 分析看板", "Zhejiang star parks · analyst dashboard"),
    "province": ("全省概览", "Province"),
    "chains": ("产业链", "Chains"),
    "upload": ("证据上传", "Evidence upload"),
    "year": ("年度", "Year"),
    "city": ("设区市", "City"),
    "chain": ("产业链", "Chain"),
    "all": ("全部", "All"),
    "filter": ("筛选", "Filter"),
    "show": ("查看", "Show"),
    "levels": ("各星级园区数", "Parks by level"),
    "parks": ("园区", "Parks"),
    "park": ("园区", "Park"),
    "code": ("代码", "Code"),
    "name": ("名称", "Name"),
    "county": ("县（市、区）", "County"),
    "level": ("星级", "Level"),
    "rank": ("同级排名", "Rank in level"),
    "bonus": ("加分", "Bonus"),
    "change": ("年度变化", "Change"),
    "leading_chains": ("主导产业链", "Leading chains"),
    "changes": ("年度动态调整", "Annual adjustment"),
    "rectify": ("限期整改名单（O1：未达三星级）", "Rectification list (O1: below three-star)"),
    "vetoed_list": ("被否决园区（O2：不得评定为星级园区）", "Vetoed parks (O2: may not be rated)"),
    "progress": ("对照 2025 年目标", "Progress against the 2025 goals"),
    "anchors": ("十大标志性产业链承载园区", "Anchor parks of the ten landmark chains"),
    "goal": ("目标", "Goal"), "clause": ("条款", "Clause"), "target": ("目标值", "Target"),
    "actual": ("现状", "Actual"), "met": ("达到", "Met"), "detail": ("说明", "Detail"),
    "yes": ("是", "yes"), "no": ("否", "no"),
    "vetoed": ("否决", "vetoed"), "undetermined": ("待定", "undetermined"), "relaxed": ("放宽", "relaxed"),
    "missing": ("缺失", "missing"), "total": ("合计", "total"), "needs": ("缺", "needs"),
    "change_note_undetermined": ("本年缺少可能提升星级的指标：现有星级只是下限，补充后方可定级，不计升降级",
                                 "indicators that might lift the level are missing: the level so far is only a lower "
                                 "bound, no change is counted until they are given"),
    "change_note_settled": ("上年评定待定：本年星级不与之比较升级或保持（低于上年下限的仍计降级）",
                            "last year's rating was undetermined: no upgrade or unchanged level is claimed against "
                            "it (falling below its lower bound still counts as downgraded)"),
    "not_in_scope": ("不在评价范围", "not in scope"),
    "announced": ("公布星级", "announced level"), "not_announced": ("尚未公布", "not yet published"),
    "differs": ("与计算不一致", "differs from the data"),
    "none": ("无", "none"),
    "revenue_in_chain": ("链上营收（亿元）", "Revenue in chain (100M CNY)"),
    "enterprises": ("企业数", "Enterprises"),
    "leaders": ("龙头企业 / 单项冠军", "Leaders / champions"),
    "anchor_count": ("承载园区数", "Anchor parks"),
    "anchor_parks": ("主要承载园区", "Leading anchor parks"),
    "without_leader": ("申报但无龙头", "Declared, no leader"),
    "ent_unit": ("家企业", "enterprises"),
    "indicator_chart_short": ("指标图", "Chart"),
    "reasons_short": ("评定理由", "Reasons"),
    "no_anchor": ("暂无承载园区", "no anchor park"),
    "coverage_link": ("全省覆盖图", "province coverage"),
    "edition": ("标准版本", "Edition"),
    "assessment": ("评定基准日", "Assessment date"),
    "indicator_chart": ("指标与三档标准（按五星级标准值归一）", "Indicators against the three thresholds "
                        "(normalised to the five-star threshold)"),
    "indicators": ("指标明细", "Indicators"),
    "indicator": ("指标", "Indicator"), "value": ("数值", "Value"), "unit": ("单位", "Unit"),
    "source": ("来源", "Source"),
    "reasons": ("评定理由（放宽、否决及原因）", "Reasons (relaxation, veto and why)"),
    "next_level": ("升级差距", "Next-level gap"),
    "now": ("现值", "Now"), "needed": ("需达到", "Needed"), "why": ("原因", "Why"),
    "bonus_points": ("加分与优先", "Bonus points and priority"),
    "item": ("项目", "Item"), "count": ("数量", "Count"), "weight": ("分值", "Weight"), "points": ("得分", "Points"),
    "measures": ("可享受的支持政策", "Support measures"),
    "answer": ("结论", "Answer"), "conditions": ("条件与依据", "Conditions and facts"),
    "park_chains": ("所在产业链及覆盖度", "Chains and coverage"),
    "coverage": ("覆盖度", "Coverage"), "gaps": ("缺失环节", "Gaps"),
    "history": ("历年星级", "Year-by-year history"),
    "whatif": ("假设分析（what-if）", "What-if"),
    "whatif_hint": ("修改指标值后重新评定；结果不写入存储。留空表示缺失。",
                    "Change indicator values and rate again; nothing is stored. Leave empty for missing."),
    "whatif_run": ("重新评定", "Rate"),
    "whatif_result": ("假设分析结果（未写入存储）", "What-if result (not stored)"),
    "whatif_from_to": ("实际星级 → 假设星级", "Actual level → what-if level"),
    "trace": ("评定轨迹", "Trace"),
    "criterion": ("标准", "Criterion"), "threshold": ("标准值", "Threshold"), "observed": ("观测值", "Observed"),
    "verdict": ("判定", "Verdict"), "note": ("说明", "Note"),
    "back_to_park": ("返回园区页", "Back to the park"),
    "segment_graph": ("环节图（按覆盖着色）", "Segment graph (coloured by coverage)"),
    "scope": ("范围", "Scope"), "whole_province": ("全省", "Whole province"),
    "gaps_by_criticality": ("缺失环节（按关键度排序）与可补链园区",
                            "Gaps by criticality and parks that could fill them"),
    "criticality": ("关键度", "Criticality"), "position": ("位置", "Position"),
    "recruit": ("招引对象", "Roles to recruit"), "partners": ("协作园区", "Partner parks"),
    "segments": ("环节覆盖", "Segments"), "segment": ("环节", "Segment"), "tier": ("层级", "Tier"),
    "status": ("状态", "Status"), "revenue": ("营收（亿元）", "Revenue (100M CNY)"),
    "unbroken": ("链条贯通", "unbroken"), "broken": ("链条未贯通", "broken"),
    "single": ("单一企业环节", "Single-enterprise segments"),
    "token": ("上传令牌", "Upload token"), "file": ("文件", "File"), "send": ("上传", "Upload"),
    "upload_intro": ("上传 CSV（导入模板）、XLSX、Turtle 或 JSON-LD 证据文件。全部校验通过才写入，否则不写入任何数据。",
                     "Upload evidence as CSV (ingest templates), XLSX, Turtle or JSON-LD. It is stored only when "
                     "every check passes; otherwise nothing is stored."),
    "upload_refused": ("上传被拒绝", "Upload refused"),
    "upload_done": ("已写入存储", "Stored"),
    "report": ("校验报告", "Validation report"),
    "row": ("行", "Row"), "column": ("列", "Column"), "reason": ("问题", "Problem"),
    "synthetic": ("样例数据为合成数据，不代表任何真实园区。",
                  "The sample data is synthetic; no figure belongs to a real park."),
    "zh_only": ("", "Explanations are given in Chinese."),
    "no_data": ("没有数据", "no data"),
    "demo_park": ("示范园区", "demonstration park"),
    "prev_year": ("上一年度", "previous year"),
    "no_rating": ("该年度没有指标观测值", "no indicator observations that year"),
    "lower_better": ("越低越好", "lower is better"),
    "below_bench": ("基准", "benchmark"),
}


def word(key: str, lang: str) -> str:
    """The dashboard's word for ``key`` in ``lang``."""
    zh, en = WORDS[key]
    return en if lang == "en" else zh


@cache
def words(lang: str) -> dict[str, str]:
    """Every word in ``lang``, by key (what templates see as ``w``); shared: do not mutate."""
    return {key: word(key, lang) for key in WORDS}


def query(path: str, **params: str | int | None) -> str:
    """``path?k=v`` with the parameters that are set."""
    kept = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


@dataclass(frozen=True)
class Ctx:
    """The reader's language, whether they chose it explicitly (then links keep ``?lang=``), and the path."""

    lang: str
    explicit: bool
    path: str
    params: tuple[tuple[str, str], ...] = ()

    def w(self, key: str) -> str:
        """The word for ``key`` in the reader's language."""
        return word(key, self.lang)

    def paren(self, text: object) -> str:
        """``text`` in brackets: full-width in Chinese, `` (…)`` in English."""
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def href(self, path: str, **params: str | int | None) -> str:
        """A link inside the dashboard that keeps the chosen language."""
        return query(path, **params, lang=self.lang if self.explicit else None)

    def switch(self) -> dict[str, str]:
        """This page in Chinese and in English."""
        kept = {k: v for k, v in self.params if k != "lang"}
        return {code: query(self.path, **kept, lang=code) for code in ("zh", "en")}


def context(request: Request, preferred: Annotated[str, Depends(language)]) -> Ctx:
    """The reader's language from ``?lang=``, else ``Accept-Language`` (the API's own rule), Chinese by default."""
    asked = request.query_params.get("lang", "").lower()[:2]
    explicit = asked in ("zh", "en")
    return Ctx(asked if explicit else preferred, explicit, request.url.path, tuple(request.query_params.items()))
