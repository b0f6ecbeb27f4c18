"""Problems found in input, and the error that carries all of them at once."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (file, row, column) and why, in Chinese and English.

    ``row`` is the spreadsheet row as the user sees it (the header is row 1) or the line of an RDF file;
    None when the problem concerns the whole file or an RDF node.
    """

    file: str
    row: int | None
    column: str | None
    reason_zh: str
    reason_en: str
    value: str | None = None
    focus: str | None = None

    def where(self) -> str:
        """``file:row [column]`` for messages."""
        loc = self.file
        if self.row is not None:
            loc += f" 第{self.row}行"
        if self.column:
            loc += f"「{self.column}」列"
        if self.focus and self.row is None:
            loc += f" <{self.focus}>"
        return loc

    def __str__(self) -> str:
        v = f"（值：{self.value}）" if self.value not in (None, "") else ""
        return f"{self.where()}：{self.reason_zh}{v} / {self.reason_en}"

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return asdict(self)


class IngestError(Exception):
    """Input was refused; ``problems`` lists every problem found. Nothing was written to the store."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = "\n".join(str(p) for p in problems[:20])
        more = f"\n… 另有 {len(problems) - 20} 个问题 / {len(problems) - 20} more" if len(problems) > 20 else ""
        head = f"{len(problems)} 个问题，未写入任何数据 / {len(problems)} problem(s), nothing stored"
        super().__init__(f"{head}:\n{first}{more}")
