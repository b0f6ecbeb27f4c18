"""Turns a spreadsheet in one of the templates into RDF, cell by cell, collecting every problem.

Each row becomes one main node (a park, an observation per indicator, an enterprise...), linked to the source
document named in its 来源 cell. Values in a unit other than the template's are converted with the factors of
``ontology/indicators.ttl`` and the conversion is recorded on the node.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from rdflib import URIRef

from ..namespaces import (
    DCTERMS,
    DESIG,
    ENT,
    INC,
    IND,
    OBS,
    PARK,
    PROJ,
    PROV,
    PS,
    RDF,
    RDFS,
    SRC,
    UNIT,
    XSD,
)
from ..policy import LEVELS, policy
from .credit import credit_code_problem
from .problems import Problem
from .sink import IRI, NT, TripleSink, lit, lit_bool, lit_int, typed
from .tabular import Table
from .templates import (
    SOURCE_HEADER,
    SYNTHETIC_HEADER,
    Column,
    Template,
    indicators,
    normalise_header,
    split_header_unit,
    templates,
)
from .vocab import UnitInfo, fold, lookup, names_of, segment, unit

CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
LIST_SPLIT = re.compile(r"[；;、,，\n]+")
TRUE_WORDS = {"是", "true", "yes", "y", "1", "√"}
FALSE_WORDS = {"否", "false", "no", "n", "0", "×"}


@dataclass(frozen=True)
class BoundColumn:
    """A file's column matched to a template column, with the unit conversion its header asks for."""

    index: int
    written: str
    column: Column
    factor: Decimal | None = None
    given_unit: UnitInfo | None = None
    canonical_unit: UnitInfo | None = None


@dataclass
class Converted:
    """The RDF of one spreadsheet, where each node came from, and what went wrong.

    Nodes and properties are keyed by their IRI strings.
    """

    file: str
    template: Template
    sink: TripleSink = field(default_factory=TripleSink)
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    conversions: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)
    """Main subjects (parks, observations, enterprises...) and the row each came from."""
    cells: dict[tuple[str, str], str] = field(default_factory=dict)
    """The written header a node's property came from, where it differs by node (indicator columns)."""


# ---------------------------------------------------------------------------------------------- header matching
def _header_candidates(col: Column) -> list[str]:
    name, _ = split_header_unit(col.header)
    return [fold(normalise_header(col.header)), fold(name), *(fold(a) for a in col.aliases)]


def bind_header(template: Template, header: str, index: int, file: str) -> BoundColumn | Problem | None:
    """Match one written header to a column of ``template``; None when it matches none."""
    h = normalise_header(header)
    for col in template.columns:
        if fold(h) in (fold(normalise_header(col.header)), *(fold(a) for a in col.aliases)):
            canon = unit(col.unit) if col.unit else None
            return BoundColumn(index, header, col, None, canon, canon)
    name, given = split_header_unit(h)
    for col in template.columns:
        if fold(name) not in _header_candidates(col)[1:]:
            continue
        if col.unit is None or given is None:
            return BoundColumn(index, header, col)
        canon, g = unit(col.unit), unit(given)
        if g is None or canon is None:
            return Problem(file, 1, header, f"无法识别的单位“{given}”，应为 {col.unit} 或可换算的同类单位",
                           f"unknown unit '{given}'; expected {col.unit} or a convertible unit", given)
        if g.kind != canon.kind:
            return Problem(file, 1, header, f"单位“{given}”不能换算为 {col.unit}",
                           f"unit '{given}' cannot be converted to {col.unit}", given)
        factor = g.multiplier / canon.multiplier
        return BoundColumn(index, header, col, None if factor == 1 else factor, g, canon)
    return None


def detect_template(table: Table) -> tuple[Template, list[BoundColumn]] | list[Problem]:
    """Recognise which template a table uses, from its headers; bind every header or report it."""
    best: tuple[int, Template] | None = None
    for t in templates().values():
        bound = [b for i, h in enumerate(table.header)
                 if isinstance(b := bind_header(t, h, i, table.file), BoundColumn)]
        covered = {b.column.header for b in bound}
        score = len(covered) + (100 if all(r in covered for r in t.required_headers) else 0)
        if best is None or score > best[0]:
            best = (score, t)
    assert best is not None
    template = best[1]
    problems: list[Problem] = []
    binding: list[BoundColumn] = []
    seen: dict[str, str] = {}
    for i, h in enumerate(table.header):
        b = bind_header(template, h, i, table.file)
        if b is None:
            problems.append(Problem(table.file, 1, h or f"第{i + 1}列", f"未知表头（{template.name_zh}模板中没有此列）",
                                    f"unknown header (not a column of the {template.kind} template)", h))
        elif isinstance(b, Problem):
            problems.append(b)
        else:
            if b.column.header in seen:
                problems.append(Problem(table.file, 1, h, f"与“{seen[b.column.header]}”重复",
                                        f"duplicates header '{seen[b.column.header]}'", h))
            seen[b.column.header] = h
            binding.append(b)
    for r in template.required_headers:
        if r not in seen:
            problems.append(Problem(table.file, 1, r, f"缺少必填列“{r}”（{template.name_zh}模板）",
                                    f"required column '{r}' is missing ({template.kind} template)"))
    return problems if problems else (template, binding)


# ---------------------------------------------------------------------------------------------- cell parsing
class CellError(ValueError):
    """A cell that cannot be read as its column's type."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def parse_decimal(text: str, percent: bool = False) -> Decimal:
    """A decimal number; thousands separators and, in percentage columns, a trailing % are allowed."""
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if percent and t.endswith("%"):
        t = t[:-1]
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise CellError("不是数字", "not a number") from None
    if not d.is_finite():
        raise CellError("不是有限数值", "not a finite number")
    return d


def parse_int(text: str) -> int:
    """A whole number (``2024`` or ``2024.0``)."""
    d = parse_decimal(text)
    if d != d.to_integral_value():
        raise CellError("不是整数", "not a whole number")
    return int(d)


def parse_date(text: str) -> dt.date:
    """A date as YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", t)
    if not m:
        raise CellError("日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise CellError("不存在的日期", "no such date") from None


def parse_bool(text: str) -> bool | None:
    """是/否 (or yes/no, true/false, 1/0); empty is None (unknown)."""
    t = fold(text)
    if not t:
        return None
    if t in TRUE_WORDS:
        return True
    if t in FALSE_WORDS:
        return False
    raise CellError("应填“是”或“否”（或留空表示未知）", "must be 是 or 否 (or empty for unknown)")


def split_list(text: str) -> list[str]:
    """A cell holding several names separated by ；; 、 , or new lines."""
    return [p.strip() for p in LIST_SPLIT.split(text) if p.strip()]


def _safe(code: str) -> str:
    return quote(code, safe="-_.")


def source_node(title: str) -> IRI:
    """The IRI of the source document named ``title`` (same title, same node, in every file)."""
    return IRI(f"{SRC}{hashlib.sha1(title.encode()).hexdigest()[:16]}")


# ---------------------------------------------------------------------------------------------- row conversion
class _Row:
    """Cell access for one row, reporting problems against file, row and column."""

    def __init__(self, out: Converted, number: int, cells: dict[str, tuple[str, BoundColumn]]) -> None:
        self.out, self.number, self.cells = out, number, cells
        self.g = out.sink
        self._reported: set[tuple[str | None, str, str | None]] = set()

    def scratch(self) -> None:
        """Keep checking this row's cells but write its triples nowhere (it duplicates an earlier row)."""
        self.g = TripleSink()

    def raw(self, header: str) -> str:
        return self.cells[header][0] if header in self.cells else ""

    def problem(self, header: str | None, zh: str, en: str, value: str | None = None) -> None:
        if (header, zh, value) in self._reported:  # a row's shared cells (来源) serve several nodes
            return
        self._reported.add((header, zh, value))
        written = self.cells[header][1].written if header and header in self.cells else header
        self.out.problems.append(Problem(self.out.file, self.number, written, zh, en, value))

    def get(self, header: str, parse: Callable[[str], object], required: bool = False) -> object | None:
        text = self.raw(header)
        if not text:
            if required:
                self.problem(header, "必填项为空", "required value is empty")
            return None
        try:
            return parse(text)
        except CellError as e:
            self.problem(header, e.zh, e.en, text)
            return None

    def amount(self, header: str, required: bool = False) -> tuple[Decimal, Decimal | None, UnitInfo | None] | None:
        """A number in the column's canonical unit, with the original value and unit when converted."""
        bound = self.cells.get(header, ("", None))[1]
        percent = bound is not None and bound.canonical_unit is not None and bound.canonical_unit.symbol == "%"
        value = self.get(header, lambda t: parse_decimal(t, percent), required)
        if value is None:
            return None
        assert isinstance(value, Decimal)
        if bound is not None and bound.factor is not None:
            return value * bound.factor, value, bound.given_unit
        return value, None, None

    def vocab(self, header: str, cls: URIRef, required: bool = False) -> URIRef | None:
        text = self.raw(header)
        if not text:
            if required:
                self.problem(header, "必填项为空", "required value is empty")
            return None
        found = lookup(cls, text)
        if found is None:
            known = "、".join(names_of(cls)[:12])
            self.problem(header, f"未知的取值，可选：{known}", "unknown value", text)
        return found


def _lit_decimal(d: Decimal) -> NT:
    return typed(format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f"), str(XSD.decimal))


def _common(row: _Row, node: IRI) -> None:
    out = row.out
    title = row.raw(SOURCE_HEADER)
    if title:
        src = source_node(title)
        row.g.add((src, RDF.type, PS.SourceDocument))
        row.g.add((src, DCTERMS.title, lit(title)))
        row.g.add((node, PROV.wasDerivedFrom, src))
    else:
        row.problem(SOURCE_HEADER, "必填项为空：须写明数据来源文件",
                    "required value is empty: name the source document")
    syn = row.raw(SYNTHETIC_HEADER)
    if syn:
        if fold(syn) in (fold("合成"), "synthetic", fold("合成数据")):
            row.g.add((node, PS.synthetic, lit_bool(True)))
        elif fold(syn) not in (fold("实际"), "real", fold("真实")):
            row.problem(SYNTHETIC_HEADER, "应填“合成”或“实际”", "must be 合成 (synthetic) or 实际 (real)", syn)
    out.rows[str(node)] = row.number


def _code(row: _Row, header: str) -> str | None:
    text = row.raw(header)
    if not text:
        row.problem(header, "必填项为空", "required value is empty")
        return None
    if not CODE_RE.fullmatch(text):
        row.problem(header, "代码只能含字母、数字、- _ .", "codes may hold only letters, digits, - _ .", text)
        return None
    return text


def _key(row: _Row, node: IRI, header: str, label: str) -> None:
    out = row.out
    if node in out.keys:
        first = out.keys[node]
        row.problem(header, f"与第{first}行重复（{label}）", f"duplicates row {first} ({label})", label)
        row.scratch()
    else:
        out.keys[node] = row.number


def _parks(row: _Row) -> None:
    code = _code(row, "园区代码")
    if code is None:
        return
    park = IRI(f"{PARK}{_safe(code)}")
    _key(row, park, "园区代码", code)
    row.g.add((park, RDF.type, PS.Park))
    row.g.add((park, PS.parkCode, lit(code)))
    name = row.get("园区名称", str, required=True)
    if name:
        row.g.add((park, RDFS.label, lit(str(name), "zh")))
    ptype = row.vocab("园区类型", PS.ParkType)
    if ptype:
        row.g.add((park, PS.parkType, ptype))
    led = row.get("以制造业为主导", parse_bool)
    if led is not None:
        row.g.add((park, PS.manufacturingLed, lit_bool(bool(led))))
    city = row.vocab("设区市", PS.City, required=True)
    county = row.vocab("县（市、区）", PS.County, required=True)
    if city:
        row.g.add((park, PS.inCity, city))
    if county:
        row.g.add((park, PS.inCounty, county))
    for name in split_list(row.raw("主导产业链")):
        chain = lookup(PS.IndustrialChain, name)
        if chain is None:
            row.problem("主导产业链", "未知的产业链（应为十大标志性产业链之一）",
                        "unknown chain (must be one of the ten)", name)
        else:
            row.g.add((park, PS.leadingChain, chain))
    area = row.amount("规划面积（平方公里）")
    if area:
        row.g.add((park, PS.plannedArea, _lit_decimal(area[0])))
    _common(row, park)


def _indicators(row: _Row) -> None:
    out = row.out
    code = _code(row, "园区代码")
    year = row.get("年份", parse_int, required=True)
    if code is None or year is None:
        return
    park = IRI(f"{PARK}{_safe(code)}")
    _key(row, IRI(f"{park}#{year}"), "园区代码", f"{code} {year}")
    for info in indicators():
        col = next(c for c in out.template.columns if c.kind == "indicator" and c.indicator == info.code)
        value = row.amount(col.header)
        bench_col = next((c for c in out.template.columns if c.kind == "benchmark" and c.indicator == info.code), None)
        bench = row.amount(bench_col.header) if bench_col else None
        if value is None:
            continue
        obs = IRI(f"{OBS}{_safe(code)}/{year}/{info.code}")
        out.keys[obs] = row.number
        row.g.add((obs, RDF.type, PS.IndicatorObservation))
        row.g.add((obs, PS.observedPark, park))
        row.g.add((obs, PS.indicator, IND[info.code]))
        row.g.add((obs, PS.year, lit_int(int(str(year)))))
        row.g.add((obs, PS.value, _lit_decimal(value[0])))
        row.g.add((obs, PS.unit, info.unit_iri))
        written = row.cells[col.header][1].written
        for prop in (PS.value, PS.unit, PS.indicator):
            out.cells[(str(obs), str(prop))] = written
        if bench_col is not None:  # the benchmark's column, or where it belongs when the file lacks it
            bound = row.cells.get(bench_col.header)
            out.cells[(str(obs), str(PS.benchmark))] = bound[1].written if bound else bench_col.header
        if value[1] is not None and value[2] is not None:
            row.g.add((obs, PS.originalValue, _lit_decimal(value[1])))
            row.g.add((obs, PS.originalUnit, value[2].iri))
            note = f"{value[1]} {value[2].symbol} → {value[0].normalize():f} {info.unit_symbol}"
            row.g.add((obs, PS.conversionNote, lit(note)))
            out.conversions.append(f"第{row.number}行 {info.code}：{note}")
        if bench is not None:
            row.g.add((obs, PS.benchmark, _lit_decimal(bench[0])))
        _common(row, obs)
        out.rows[str(obs)] = row.number


def _enterprises(row: _Row) -> None:
    out = row.out
    code = row.raw("统一社会信用代码").upper()
    if not code:
        row.problem("统一社会信用代码", "必填项为空", "required value is empty")
        return
    why = credit_code_problem(code)
    if why:
        zh, _, en = why.partition(" / ")
        row.problem("统一社会信用代码", f"统一社会信用代码无效：{zh}", f"invalid credit code: {en}", code)
        return
    ent = IRI(f"{ENT}{code}")
    year = row.get("年份", parse_int)
    _key(row, IRI(f"{ent}#{year or ''}"), "统一社会信用代码", f"{code} {year or ''}")
    out.keys.setdefault(ent, row.number)
    row.g.add((ent, RDF.type, PS.Enterprise))
    row.g.add((ent, PS.creditCode, lit(code)))
    name = row.get("企业名称", str, required=True)
    if name:
        row.g.add((ent, RDFS.label, lit(str(name), "zh")))
    park_code = _code(row, "园区代码")
    if park_code:
        row.g.add((ent, PS.inPark, IRI(f"{PARK}{_safe(park_code)}")))
    for r in split_list(row.raw("企业称号")):
        role = lookup(PS.EnterpriseRole, r)
        if role is None:
            known = "、".join(names_of(PS.EnterpriseRole))
            row.problem("企业称号", f"未知的企业称号，可选：{known}", "unknown role", r)
        else:
            row.g.add((ent, PS.hasRole, role))
    for s in split_list(row.raw("产业链环节")):
        seg = segment(s)
        if seg is None:
            row.problem("产业链环节", "未知的产业链环节（写环节代码如 ic-design，或“产业链/环节”）",
                        "unknown segment (write its id, e.g. ic-design, or chain/segment)", s)
        else:
            row.g.add((ent, PS.worksInSegment, seg))
    revenue = row.amount("营业收入（亿元）")
    if revenue is not None:
        if year is None:
            row.problem("年份", "填写营业收入时须写明年份", "a revenue needs its year")
        else:
            rev = IRI(f"{ENT}{code}/revenue/{year}")
            row.g.add((rev, RDF.type, PS.AnnualRevenue))
            row.g.add((rev, PS.revenueOf, ent))
            row.g.add((rev, PS.year, lit_int(int(str(year)))))
            row.g.add((rev, PS.value, _lit_decimal(revenue[0])))
            row.g.add((rev, PS.unit, UNIT.YiYuan))
            out.cells[(str(rev), str(PS.value))] = row.cells["营业收入（亿元）"][1].written
            _common(row, rev)
    _common(row, ent)


def _projects(row: _Row) -> None:
    out = row.out
    code = _code(row, "项目编号")
    if code is None:
        return
    proj = IRI(f"{PROJ}{_safe(code)}")
    _key(row, proj, "项目编号", code)
    row.g.add((proj, RDF.type, PS.Project))
    name = row.get("项目名称", str, required=True)
    if name:
        row.g.add((proj, RDFS.label, lit(str(name), "zh")))
    park_code = _code(row, "园区代码")
    if park_code:
        row.g.add((proj, PS.projectPark, IRI(f"{PARK}{_safe(park_code)}")))
    inv = row.amount("总投资（亿元）", required=True)
    if inv is not None:
        row.g.add((proj, PS.investment, _lit_decimal(inv[0])))
        if inv[1] is not None and inv[2] is not None:
            row.g.add((proj, PS.originalValue, _lit_decimal(inv[1])))
            row.g.add((proj, PS.originalUnit, inv[2].iri))
            out.conversions.append(f"第{row.number}行 总投资：{inv[1]} {inv[2].symbol} → {inv[0].normalize():f} 亿元")
    chain = row.vocab("所属产业链", PS.IndustrialChain)
    if chain:
        row.g.add((proj, PS.projectChain, chain))
    for s in split_list(row.raw("所补环节")):
        seg = segment(s)
        if seg is None:
            row.problem("所补环节", "未知的产业链环节", "unknown segment", s)
        else:
            row.g.add((proj, PS.projectSegment, seg))
    for k in split_list(row.raw("项目类别")):
        kind = lookup(PS.ProjectKind, k)
        if kind is None:
            known = "、".join(names_of(PS.ProjectKind))
            row.problem("项目类别", f"未知的项目类别，可选：{known}", "unknown project kind", k)
        else:
            row.g.add((proj, PS.projectKind, kind))
    status = row.vocab("项目状态", PS.ProjectStatus)
    if status:
        row.g.add((proj, PS.projectStatus, status))
    start = row.get("开工年份", parse_int)
    if start is not None:
        row.g.add((proj, PS.startYear, lit_int(int(str(start)))))
    for header, prop in (("是否条件成熟", PS.mature), ("是否符合省重大产业项目库条件", PS.meetsLibraryConditions)):
        b = row.get(header, parse_bool)
        if b is not None:
            row.g.add((proj, prop, lit_bool(bool(b))))
    _common(row, proj)


def _incidents(row: _Row) -> None:
    code = _code(row, "事件编号")
    if code is None:
        return
    inc = IRI(f"{INC}{_safe(code)}")
    _key(row, inc, "事件编号", code)
    row.g.add((inc, RDF.type, PS.Incident))
    park_code = _code(row, "园区代码")
    if park_code:
        row.g.add((inc, PS.incidentPark, IRI(f"{PARK}{_safe(park_code)}")))
    itype = row.vocab("事件类型", PS.IncidentType, required=True)
    if itype:
        row.g.add((inc, PS.incidentType, itype))
    sev = row.vocab("事件等级", PS.Severity, required=True)
    if sev:
        row.g.add((inc, PS.severity, sev))
    date = row.get("发生日期", parse_date, required=True)
    if isinstance(date, dt.date):
        row.g.add((inc, PS.incidentDate, typed(date.isoformat(), str(XSD.date))))
    desc = row.raw("事件描述")
    if desc:
        row.g.add((inc, DCTERMS.description, lit(desc, "zh")))
    _common(row, inc)


def _designations(row: _Row) -> None:
    code = _code(row, "园区代码")
    kind = row.vocab("认定类别", PS.DesignationKind, required=True)
    level = row.vocab("认定级别", PS.AdministrativeLevel, required=True)
    year = row.get("认定年份", parse_int, required=True)
    if code is None or kind is None or level is None:
        return
    node = IRI(f"{DESIG}{_safe(code)}/{str(kind).rsplit('#', 1)[-1]}/{str(level).rsplit('#', 1)[-1]}")
    _key(row, node, "园区代码", f"{code} {row.raw('认定类别')} {row.raw('认定级别')}")
    row.g.add((node, RDF.type, PS.Designation))
    row.g.add((node, PS.designatedPark, IRI(f"{PARK}{_safe(code)}")))
    row.g.add((node, PS.designationKind, kind))
    row.g.add((node, PS.designationLevel, level))
    if year is not None:
        row.g.add((node, PS.designationYear, lit_int(int(str(year)))))
    _common(row, node)


ASSESSMENT_COLUMNS: tuple[tuple[str, URIRef], ...] = (
    ("发展较好", PS.developsWell), ("节能技改、落后产能淘汰有力度", PS.energyRetrofitStrong),
    ("所在地完成单位GDP能耗强度降低目标", PS.localEnergyTargetMet))


def _assessments(row: _Row) -> None:
    """四(三): one park-year's local assessment; an empty cell stays unknown (no triple)."""
    code = _code(row, "园区代码")
    year = row.get("年份", parse_int, required=True)
    if code is None or year is None:
        return
    park = IRI(f"{PARK}{_safe(code)}")
    node = IRI(f"{park}/assessment/{year}")
    _key(row, node, "园区代码", f"{code} {year}")
    row.g.add((node, RDF.type, PS.LocalAssessment))
    row.g.add((node, PS.assessedPark, park))
    row.g.add((node, PS.year, lit_int(int(str(year)))))
    for header, prop in ASSESSMENT_COLUMNS:
        b = row.get(header, parse_bool)
        if b is not None:
            row.g.add((node, prop, lit_bool(bool(b))))
    _common(row, node)


def _star_level(row: _Row, header: str) -> URIRef | None:
    """三.2: a level a list can name (三星级, 四星级, 五星级), by label or star count."""
    text = row.raw(header)
    if not text:
        row.problem(header, "必填项为空", "required value is empty")
        return None
    levels = policy().levels
    found = lookup(PS.StarLevel, text)
    named = {lv.iri: lv for n, lv in levels.items() if n in LEVELS}
    if found is None or found not in named:
        known, known_en = "、".join(levels[n].label_zh for n in LEVELS), ", ".join(levels[n].label_en for n in LEVELS)
        row.problem(header, f"星级须为 {known} 之一", f"the level must be one of {known_en}", text)
        return None
    return found


def _stage(row: _Row, header: str) -> URIRef | None:
    """三.3: a stage of the rating procedure, by label."""
    text = row.raw(header)
    if not text:
        row.problem(header, "必填项为空", "required value is empty")
        return None
    found = lookup(PS.AnnouncementStage, text)
    if found is None:
        stages = policy().stages.values()
        row.problem(header, f"阶段须为 {' / '.join(s.label_zh for s in stages)}（三.3 评价程序）",
                    f"the stage must be one of {', '.join(s.label_en for s in stages)} (三.3)", text)
    return found


def _announcements(row: _Row) -> None:
    """三.3: one stage a park's level for a year has reached (申报, 建议名单, 审议, 公布)."""
    code = _code(row, "园区代码")
    year = row.get("年份", parse_int, required=True)
    level = _star_level(row, "公布星级")
    stage = _stage(row, "阶段")
    date = row.get("公布日期", parse_date)
    if isinstance(date, dt.date) and isinstance(year, int) and date.year < year:
        row.problem("公布日期", f"公布日期早于评定年度 {year} 年", f"the date is before the rating year {year}",
                    row.raw("公布日期"))
    if code is None or year is None or stage is None:
        return
    park = IRI(f"{PARK}{_safe(code)}")
    node = IRI(f"{park}/announcement/{year}/{str(stage).rsplit('#', 1)[-1]}")
    _key(row, node, "园区代码", f"{code} {year} {row.raw('阶段')}")
    row.g.add((node, RDF.type, PS.RatingAnnouncement))
    row.g.add((node, PS.announcedPark, park))
    row.g.add((node, PS.year, lit_int(int(str(year)))))
    row.g.add((node, PS.announcementStage, stage))
    if level is not None:
        row.g.add((node, PS.announcedLevel, level))
    document = row.raw("文号")
    if document:
        row.g.add((node, PS.documentNumber, lit(document)))
    if isinstance(date, dt.date):
        row.g.add((node, PS.announcementDate, typed(date.isoformat(), str(XSD.date))))
    _common(row, node)


BUILDERS: dict[str, Callable[[_Row], None]] = {
    "parks": _parks, "indicators": _indicators, "enterprises": _enterprises,
    "projects": _projects, "incidents": _incidents, "designations": _designations, "assessments": _assessments,
    "announcements": _announcements,
}

PREDICATE_COLUMNS: dict[str, dict[URIRef, str]] = {
    "parks": {PS.parkCode: "园区代码", RDFS.label: "园区名称", PS.parkType: "园区类型",
              PS.manufacturingLed: "以制造业为主导", PS.inCity: "设区市",
              PS.inCounty: "县（市、区）", PS.leadingChain: "主导产业链", PS.plannedArea: "规划面积（平方公里）"},
    "indicators": {PS.observedPark: "园区代码", PS.year: "年份"},
    "enterprises": {PS.creditCode: "统一社会信用代码", RDFS.label: "企业名称", PS.inPark: "园区代码",
                    PS.hasRole: "企业称号", PS.worksInSegment: "产业链环节", PS.revenueOf: "统一社会信用代码",
                    PS.year: "年份"},
    "projects": {RDFS.label: "项目名称", PS.projectPark: "园区代码", PS.investment: "总投资（亿元）",
                 PS.projectChain: "所属产业链", PS.projectSegment: "所补环节", PS.projectKind: "项目类别",
                 PS.projectStatus: "项目状态", PS.startYear: "开工年份", PS.mature: "是否条件成熟",
                 PS.meetsLibraryConditions: "是否符合省重大产业项目库条件"},
    "incidents": {PS.incidentPark: "园区代码", PS.incidentType: "事件类型", PS.severity: "事件等级",
                  PS.incidentDate: "发生日期"},
    "designations": {PS.designatedPark: "园区代码", PS.designationKind: "认定类别", PS.designationLevel: "认定级别",
                     PS.designationYear: "认定年份"},
    "assessments": {PS.assessedPark: "园区代码", PS.year: "年份", **{p: h for h, p in ASSESSMENT_COLUMNS}},
    "announcements": {PS.announcedPark: "园区代码", PS.year: "年份", PS.announcedLevel: "公布星级",
                      PS.documentNumber: "文号", PS.announcementDate: "公布日期", PS.announcementStage: "阶段"},
}
"""Which template column a property of a row's node came from, to place SHACL results on the sheet."""


def convert(table: Table) -> Converted:
    """Convert a table to RDF; the result's ``problems`` lists everything wrong (empty when all is well)."""
    detected = detect_template(table)
    if isinstance(detected, list):
        dummy = Converted(table.file, templates()["parks"])
        dummy.problems = detected
        return dummy
    template, binding = detected
    out = Converted(table.file, template)
    out.columns.update({str(k): v for k, v in PREDICATE_COLUMNS[template.kind].items()})
    out.columns[str(PROV.wasDerivedFrom)] = SOURCE_HEADER
    for b in binding:
        if b.factor is not None and b.given_unit and b.canonical_unit:
            out.conversions.append(f"「{b.written}」按 1 {b.given_unit.symbol} = {b.factor.normalize():f} "
                                   f"{b.canonical_unit.symbol} 换算")
    build = BUILDERS[template.kind]
    for number, cells in table.rows:
        bound = {b.column.header: (cells[b.index], b) for b in binding}
        build(_Row(out, number, bound))
    return out

