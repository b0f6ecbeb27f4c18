"""The rating procedure (三.3) beside the computation: which stage each park's level for a year has reached
(申报 → 建议名单 → 审议 → 公布), the level it was rated when the list is published, and how that compares with the
level the data compute — every disagreement with its reason, taken from the rating's own level outcomes.

Only the latest stage of a park-year counts, and only a stage named by ``psh:RatedStage`` (publication) makes its
level the park's rating (四(三): 对评定为…的园区); earlier stages are shown as the stage reached. Which stage that is,
and the stages' order and labels, come from the policy (:mod:`reasoner.policy`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox

from .. import queries
from ..policy import Stage, label, policy
from ..store import OxigraphStore
from .engine import OUT_OF_SCOPE
from .model import Rating


@dataclass(frozen=True, slots=True)
class Announcement:
    """One stage a park's level for a year has reached (三.3), as the announcements template records it."""

    iri: str
    park: str
    """The park's IRI."""
    code: str
    year: int
    level: int
    """The level at this stage (star count): applied for, proposed, reviewed or published."""
    stage: Stage
    document: str
    date: dt.date | None
    source: str

    @property
    def text(self) -> str:
        """The record in words: ``公布：五星级（文号 …，2025-03-28）``."""
        extra = "，".join(x for x in (f"文号 {self.document}" if self.document else "",
                                      self.date.isoformat() if self.date else "") if x)
        return f"{self.stage.label_zh}：{policy().level_name(self.level)}" + (f"（{extra}）" if extra else "")


class Agreement(StrEnum):
    """How the published level compares with the computed one; or why there is no published level yet."""

    AGREES = "agrees"
    HIGHER = "higher"
    """The published level is above the computed one."""
    LOWER = "lower"
    PENDING = "pending"
    """The procedure has reached an earlier stage than publication."""
    NONE = "none"
    """No record of the procedure for the park-year."""


AGREEMENT_ZH: dict[Agreement, str] = {
    Agreement.AGREES: "一致", Agreement.HIGHER: "公布星级高于计算星级", Agreement.LOWER: "公布星级低于计算星级",
    Agreement.PENDING: "尚未公布", Agreement.NONE: "尚未公布"}


@dataclass(frozen=True, slots=True)
class Standing:
    """A park-year's computed level beside the procedure: the latest stage reached, the published (rated) level
    when that stage is publication, whether the two agree and why not (Chinese)."""

    code: str
    year: int
    computed: int
    latest: Announcement | None
    """The record of the latest stage reached; None when there is none."""
    published: bool
    """The latest stage makes its level the park's rating (``psh:RatedStage``)."""
    agreement: Agreement
    note: str

    @property
    def announced(self) -> int | None:
        """The published (rated) level, None until the list is published."""
        return self.latest.level if self.published and self.latest is not None else None

    @property
    def disagrees(self) -> bool:
        """The published level differs from the computed one."""
        return self.agreement in (Agreement.HIGHER, Agreement.LOWER)


# ---------------------------------------------------------------------------------------------- reading
def announcements(store: OxigraphStore, years: Iterable[int], park: str | None = None
                  ) -> dict[tuple[str, int], list[Announcement]]:
    """Every procedure record of ``years`` (of the park with IRI ``park`` when given), by (park IRI, year), in
    stage order."""
    pol = policy()
    out: dict[tuple[str, int], list[Announcement]] = defaultdict(list)
    rows = queries.select(store, "rating/announcements", year=[int(y) for y in years],
                          park=ox.NamedNode(park) if park else None)
    for row in rows:
        stage = pol.stages.get(str(row["stage"]))
        if stage is None:  # not a stage of the ontology: the evidence shapes refuse such records on load
            continue
        date = row.get("date")
        a = Announcement(iri=str(row["a"]), park=str(row["park"]), code=str(row["code"]), year=int(row["year"]),
                         level=int(row["n"]), stage=stage, document=str(row.get("document") or ""),
                         date=date if isinstance(date, dt.date) else None, source=str(row.get("source") or ""))
        out[(a.park, a.year)].append(a)
    for records in out.values():
        records.sort(key=lambda a: (a.stage.order, a.iri))
    return dict(out)


def latest(records: Sequence[Announcement]) -> Announcement | None:
    """三.3: the record of the latest stage reached (only it counts)."""
    return max(records, key=lambda a: (a.stage.order, a.iri), default=None)


def published(records: Sequence[Announcement], year: int) -> Announcement | None:
    """四(三): the record whose level is the park's rating — the latest stage, when it is publication."""
    last = latest(records)
    if last is None or str(last.stage.iri) not in policy().rated_stages(year):
        return None
    return last


# ---------------------------------------------------------------------------------------------- comparing
def _events(r: Rating) -> str:
    return "、".join(f"{i.date} {label(i.severity)}{label(i.type)}" for i in r.veto_incidents)


def shortfalls(r: Rating, level: int) -> str:
    """三.2: why the data do not reach ``level`` — each failing criterion with its value and threshold, a missing
    value as missing; a veto (三.3) first when the indicators reach the level but the veto bars it."""
    names, ind = policy().level_names(), policy().indicator_names()
    if not r.in_scope:
        return f"计算结果为{OUT_OF_SCOPE['zh']}（三.1：{r.scope}）"
    parts = []
    if r.vetoed:
        parts.append(f"被一票否决（{_events(r)}，三.3），指标达{names[r.indicator_level]}")
    outcome = r.levels.get(level)
    if outcome is not None and not outcome.passed:
        for code in outcome.failures:
            res = r.indicators[code]
            if res.value is None:
                parts.append(f"{code} {ind[code]} 缺失，按未达{names[level]}标准计（缺失值不放宽）")
            else:
                parts.append(f"{code} {ind[code]} {res.value} 未达{names[level]}标准"
                             f"（需 {res.thresholds.get(level, '')}）")
        if r.undetermined:
            parts.append(f"计算结果待定——需补充 {'、'.join(r.missing)}")
    return "；".join(parts) or f"计算星级为{names[r.level]}"


def computed_text(r: Rating) -> str:
    """The computed level in words, with what qualifies it: ``未达三星级（一票否决，指标达四星级）``."""
    names = policy().level_names()
    if not r.in_scope:
        return f"{OUT_OF_SCOPE['zh']}（三.1：{r.scope}）"
    if r.vetoed:
        return f"{names[r.level]}（一票否决，指标达{names[r.indicator_level]}）"
    if r.undetermined:
        return f"{names[r.level]}（待定——需补充 {'、'.join(r.missing)}）"
    return names[r.level]


def standing(r: Rating, records: Sequence[Announcement]) -> Standing:
    """三.3, 四(三): the rating beside the latest stage of its procedure, every disagreement with its reason."""
    names = policy().level_names()
    last = latest(records)
    if last is None:
        return Standing(r.code, r.year, r.level, None, False, Agreement.NONE,
                        f"尚未公布（没有评定程序记录），按计算星级{computed_text(r)}")
    if published(records, r.year) is None:
        return Standing(r.code, r.year, r.level, last, False, Agreement.PENDING,
                        f"尚未公布：最新阶段为“{last.stage.label_zh}”（{names[last.level]}），按计算星级"
                        f"{computed_text(r)}")
    doc = f"（文号 {last.document}）" if last.document else ""
    if last.level == r.level and r.in_scope:
        return Standing(r.code, r.year, r.level, last, True, Agreement.AGREES,
                        f"公布星级与计算星级一致：{names[r.level]}{doc}")
    if last.level > r.level or not r.in_scope:
        return Standing(r.code, r.year, r.level, last, True, Agreement.HIGHER,
                        f"公布星级高于计算星级：公布{names[last.level]}{doc}，计算"
                        f"{names[r.level] if r.in_scope else OUT_OF_SCOPE['zh']}——"
                        f"{shortfalls(r, last.level)}")
    return Standing(r.code, r.year, r.level, last, True, Agreement.LOWER,
                    f"公布星级低于计算星级：公布{names[last.level]}{doc}，计算达{names[r.level]}——数据未显示降级理由，"
                    "请核对公布文件")


def standings(ratings: Iterable[Rating], records: Mapping[tuple[str, int], Sequence[Announcement]]
              ) -> dict[tuple[str, int], Standing]:
    """Every rating's standing, by (park IRI, year)."""
    return {(r.park, r.year): standing(r, records.get((r.park, r.year), ())) for r in ratings}
