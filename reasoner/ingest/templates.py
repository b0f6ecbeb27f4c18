"""The spreadsheet templates parkstar ingests: one per kind of fact, with Chinese headers.

A template is a list of columns. ``parkstar template KIND`` writes an empty one; ``reasoner.ingest.tabular``
recognises a file's template from its headers. Indicator columns are derived from the ontology (name and unit of
I1…I11), so the table and the ontology cannot disagree.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache

from ..namespaces import PS
from ..policy import Indicator, policy

SYNTHETIC_HEADER = "数据性质"
"""Optional column in every template: ``合成`` marks a synthetic row (the sample data uses it on every row)."""
SOURCE_HEADER = "来源"


@dataclass(frozen=True)
class Column:
    """One column of a template.

    Attributes:
        header: the Chinese header as written in the template.
        kind: how a cell is read: ``text``, ``code``, ``int``, ``decimal``, ``date``, ``bool``, ``list``,
            ``indicator`` (a value in the indicator's unit) or ``benchmark``.
        required: whether a row without it is an error.
        aliases: other accepted headers (English, ids).
        indicator: for indicator and benchmark columns, the indicator's code (``I1``…).
        unit: the unit symbol the header carries, if any.
        note: what the column holds, shown in the template's documentation.
    """

    header: str
    kind: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    indicator: str | None = None
    unit: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Template:
    """A spreadsheet template: its kind, Chinese name, columns and the headers that identify it."""

    kind: str
    name_zh: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = field(default=())
    """Headers whose values identify a row: two rows with the same key are duplicates."""

    def column(self, header: str) -> Column:
        """The column with this canonical header."""
        for c in self.columns:
            if c.header == header:
                return c
        raise KeyError(header)

    @property
    def headers(self) -> list[str]:
        """The canonical headers, in order."""
        return [c.header for c in self.columns]

    @property
    def required_headers(self) -> list[str]:
        """Headers that must be present for a file to be read as this template."""
        return [c.header for c in self.columns if c.required]


def normalise_header(text: str) -> str:
    """Fold the spellings a header may come in: full/half-width brackets, spaces, BOM, case of codes."""
    t = text.replace("\ufeff", "").strip()
    t = t.replace("(", "（").replace(")", "）").replace("［", "（").replace("］", "）")
    t = re.sub(r"\s+", "", t)
    return t


def split_header_unit(header: str) -> tuple[str, str | None]:
    """Split ``名称（单位）`` into name and unit; the unit is None when there is no trailing bracket."""
    h = normalise_header(header)
    m = re.fullmatch(r"(.+?)（([^（）]+)）", h)
    if not m:
        return h, None
    return m.group(1), m.group(2)


IndicatorInfo = Indicator
"""What the templates need to know of an indicator: the policy's indicator (code, name, unit, direction)."""


def indicators() -> tuple[Indicator, ...]:
    """The eleven indicators in table order (表.1-11), as the policy holds them."""
    return tuple(policy().indicators.values())


BENCHMARK_SUFFIX = "全省同行业标准"


def _common_tail() -> tuple[Column, ...]:
    return (
        Column(SOURCE_HEADER, "text", required=True, aliases=("source", "来源文件"),
               note="事实所依据的文件，如“浙江省经信厅 2024 年园区统计年报”"),
        Column(SYNTHETIC_HEADER, "text", aliases=("synthetic",), note="填“合成”表示虚构数据；真实数据留空或填“实际”"),
    )


@cache
def templates() -> dict[str, Template]:
    """Every template by kind: parks, indicators, enterprises, projects, incidents, designations, assessments,
    announcements."""
    ind_cols: list[Column] = []
    for info in indicators():
        ind_cols.append(Column(f"{info.name}（{info.unit_symbol}）", "indicator", aliases=(info.code,),
                               indicator=info.code, unit=info.unit_symbol,
                               note=f"{info.code}；可写其他同量纲单位，导入时换算并记录"))
        if info.direction == PS.BelowBenchmark:
            ind_cols.append(Column(f"{info.name}{BENCHMARK_SUFFIX}（{info.unit_symbol}）", "benchmark",
                                   aliases=(f"{info.code}基准", f"{info.code}-benchmark"),
                                   indicator=info.code, unit=info.unit_symbol,
                                   note=f"{info.code} 所比较的全省同行业标准，与取值同单位"))
    tail = _common_tail()
    ts = [
        Template("parks", "园区", (
            Column("园区代码", "code", required=True, aliases=("park", "park_code"), note="唯一代码，如 ZJ-HZ-001"),
            Column("园区名称", "text", required=True, aliases=("name",)),
            Column("园区类型", "text", aliases=("type",),
                   note="国家级经济技术开发区、省级经济开发区、已完成整合提升的园区、市级园区、县级园区……"
                        "（三.1 评价范围）"),
            Column("以制造业为主导", "bool", aliases=("manufacturing_led",),
                   note="是 / 否 / 留空（未知）；三.1 只评价以制造业为主导的园区"),
            Column("设区市", "text", required=True, aliases=("city",), note="名称或行政区划代码"),
            Column("县（市、区）", "text", required=True, aliases=("县市区", "county"), note="名称或行政区划代码"),
            Column("主导产业链", "list", required=True, aliases=("chains",),
                   note="1-2 条标志性产业链，名称或代码，以“；”分隔"),
            Column("规划面积（平方公里）", "decimal", aliases=("area",)),
            *tail,
        ), key=("园区代码",)),
        Template("indicators", "年度指标", (
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("年份", "int", required=True, aliases=("year",)),
            *ind_cols,
            *tail,
        ), key=("园区代码", "年份")),
        Template("enterprises", "企业", (
            Column("统一社会信用代码", "code", required=True, aliases=("credit_code",),
                   note="18 位，校验码按 GB 32100"),
            Column("企业名称", "text", required=True, aliases=("name",)),
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("企业称号", "list", aliases=("roles",), note="龙头企业、单项冠军、专精特新……以“；”分隔"),
            Column("产业链环节", "list", aliases=("segments",),
                   note="环节代码（如 ic-design）或“产业链/环节”名称，以“；”分隔"),
            Column("年份", "int", aliases=("year",), note="营业收入所属年度"),
            Column("营业收入（亿元）", "decimal", aliases=("revenue",), unit="亿元"),
            *tail,
        ), key=("统一社会信用代码", "年份")),
        Template("projects", "项目", (
            Column("项目编号", "code", required=True, aliases=("project", "project_id")),
            Column("项目名称", "text", required=True, aliases=("name",)),
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("总投资（亿元）", "decimal", required=True, aliases=("investment",), unit="亿元"),
            Column("所属产业链", "text", aliases=("chain",)),
            Column("所补环节", "list", aliases=("segment",)),
            Column("项目类别", "list", aliases=("kind",), note="重大引领性标志性项目、产业链补短板项目……"),
            Column("项目状态", "text", aliases=("status",), note="谋划签约、在建、建成投产"),
            Column("开工年份", "int", aliases=("start_year",)),
            Column("是否条件成熟", "bool", aliases=("mature",), note="是 / 否 / 留空（未知）"),
            Column("是否符合省重大产业项目库条件", "bool", aliases=("library",), note="是 / 否 / 留空（未知）"),
            *tail,
        ), key=("项目编号",)),
        Template("incidents", "突发事件", (
            Column("事件编号", "code", required=True, aliases=("incident", "incident_id")),
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("事件类型", "text", required=True, aliases=("type",), note="安全生产 / 环保"),
            Column("事件等级", "text", required=True, aliases=("severity",), note="特别重大 / 重大 / 较大 / 一般"),
            Column("发生日期", "date", required=True, aliases=("date",), note="YYYY-MM-DD"),
            Column("事件描述", "text", aliases=("description",)),
            *tail,
        ), key=("事件编号",)),
        Template("designations", "园区认定", (
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("认定类别", "text", required=True, aliases=("kind",),
                   note="美丽园区 / 绿色园区 / 国家新型工业化产业示范基地"),
            Column("认定级别", "text", required=True, aliases=("level",), note="国家级 / 省级 / 市级"),
            Column("认定年份", "int", required=True, aliases=("year",)),
            *tail,
        ), key=("园区代码", "认定类别", "认定级别")),
        # 四(三): facts the statistics do not hold, which some support measures need (reasoner/measures)
        Template("assessments", "地方评估", (
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("年份", "int", required=True, aliases=("year",)),
            Column("发展较好", "bool", aliases=("develops_well",), note="是 / 否 / 留空（未知）；四(三) 用地指标倾斜"),
            Column("节能技改、落后产能淘汰有力度", "bool", aliases=("节能技改落后产能淘汰有力度", "energy_retrofit"),
                   note="是 / 否 / 留空（未知）；四(三) 放宽能耗总量控制"),
            Column("所在地完成单位GDP能耗强度降低目标", "bool", aliases=("local_energy_target",),
                   note="是 / 否 / 留空（未知）；所在地政府当年是否完成"),
            *tail,
        ), key=("园区代码", "年份")),
        # 三.3: the rating procedure — each stage a park's level reached (申报, 建议名单, 审议, 公布); 四(三) rests on
        # the published level (reasoner/rating/announced.py)
        Template("announcements", "星级评定程序", (
            Column("园区代码", "code", required=True, aliases=("park", "park_code")),
            Column("年份", "int", required=True, aliases=("year",), note="评定年度（所据指标的年度）"),
            Column("公布星级", "text", required=True, aliases=("announced_level", "level"),
                   note="三星级 / 四星级 / 五星级：该阶段申报、建议、审议或公布的星级"),
            Column("文号", "text", aliases=("document", "document_number"),
                   note="该阶段文件的文号；阶段为“公布”时必填"),
            Column("公布日期", "date", aliases=("date", "announcement_date"),
                   note="YYYY-MM-DD，不早于评定年度；阶段为“公布”时必填"),
            Column("阶段", "text", required=True, aliases=("stage",),
                   note="申报 / 建议名单 / 审议 / 公布（三.3 评价程序）"),
            *tail,
        ), key=("园区代码", "年份", "阶段")),
    ]
    return {t.kind: t for t in ts}


def template_csv(kind: str) -> str:
    """An empty template (header row only) as CSV text."""
    try:
        t = templates()[kind]
    except KeyError:
        raise KeyError(f"unknown template '{kind}'; known: {', '.join(templates())}") from None
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(t.headers)
    return buf.getvalue()
