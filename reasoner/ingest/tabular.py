"""Reads CSV (UTF-8, UTF-8 with BOM, GB18030) and XLSX files into header and rows of text cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .problems import IngestError, Problem

ENCODINGS = ("utf-8-sig", "gb18030")
"""Tried in order; utf-8-sig also reads plain UTF-8. GB18030 is a superset of GBK and GB2312."""


@dataclass
class Table:
    """A spreadsheet: its header, its data rows with their row numbers (header = row 1) and how it was read."""

    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode CSV bytes, trying UTF-8 (with or without BOM) then GB18030."""
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise IngestError([Problem(file, None, None, "文件编码无法识别（支持 UTF-8、UTF-8 BOM、GB18030）",
                               "unreadable encoding (UTF-8, UTF-8 with BOM and GB18030 are supported)")])


def read_csv(data: bytes, file: str) -> Table:
    """Read CSV bytes."""
    text, enc = decode(data, file)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment,unused-ignore]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as e:
        raise IngestError([Problem(file, None, None, f"CSV 格式错误：{e}", f"malformed CSV: {e}")]) from e
    return _table(file, records, enc)


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        d = Decimal(repr(v))
        return str(d.quantize(Decimal(1))) if d == d.to_integral_value() else format(d, "f")
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def read_xlsx(data: bytes, file: str) -> Table:
    """Read the first worksheet of an XLSX workbook."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise IngestError([Problem(file, None, None, f"无法读取 XLSX 工作簿：{e}",
                                   f"unreadable XLSX workbook: {e}")]) from e
    ws = wb.worksheets[0]
    records = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return _table(file, records, "xlsx")


def _table(file: str, records: list[list[str]], enc: str) -> Table:
    numbered = [(i, [c.strip() for c in r]) for i, r in enumerate(records, start=1)]
    numbered = [(i, r) for i, r in numbered if any(r)]
    if not numbered:
        raise IngestError([Problem(file, None, None, "文件为空", "the file is empty")])
    (_, header), *rows = numbered
    while header and not header[-1]:
        header.pop()
    width = len(header)
    problems = [Problem(file, i, None, f"本行有 {len(r)} 列，多于表头的 {width} 列",
                        f"row has {len(r)} cells, more than the {width} headers")
                for i, r in rows if len(r) > width and any(r[width:])]
    if problems:
        raise IngestError(problems)
    return Table(file, header, [(i, (r + [""] * width)[:width]) for i, r in rows], enc)


def read_table(path: Path, data: bytes | None = None, name: str | None = None) -> Table:
    """Read a .csv or .xlsx file (``data`` when the bytes are already in hand, e.g. an upload)."""
    raw = path.read_bytes() if data is None else data
    file = name or str(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(raw, file)
    if suffix == ".csv":
        return read_csv(raw, file)
    raise IngestError([Problem(file, None, None, f"不支持的表格格式 {suffix}",
                               f"unsupported spreadsheet type {suffix}")])
