"""The errors of chain analysis: an unknown chain, park or city (each naming the known choices), a year without
data, a malformed chain graph or parameter, and a picture that cannot be drawn in Chinese."""

from __future__ import annotations

from collections.abc import Sequence


class ChainAnalysisError(ValueError):
    """Base class: the question cannot be answered as asked. ``str(e)`` is bilingual, Chinese first."""


def _choices(known: Sequence[str], limit: int = 20) -> str:
    shown = "、".join(known[:limit])
    more = f" …（共 {len(known)} 个 / {len(known)} in all）" if len(known) > limit else ""
    return (shown or "（无 / none）") + more


class UnknownChainError(ChainAnalysisError):
    """No landmark chain has this id or name."""

    def __init__(self, text: str, known: Sequence[str]) -> None:
        super().__init__(f"未知的产业链“{text}”；可选：{_choices(known)} / unknown chain '{text}'")
        self.text, self.known = text, list(known)


class UnknownParkError(ChainAnalysisError):
    """No park in the store has this code."""

    def __init__(self, code: str, known: Sequence[str]) -> None:
        super().__init__(f"没有代码为“{code}”的园区；已有：{_choices(known)} / no park with code '{code}'")
        self.code, self.known = code, list(known)


class UnknownCityError(ChainAnalysisError):
    """No 设区市 has this name or code."""

    def __init__(self, text: str, known: Sequence[str]) -> None:
        super().__init__(f"未知的设区市“{text}”；可选：{_choices(known)} / unknown prefecture-level city '{text}'")
        self.text, self.known = text, list(known)


class NoDataForYearError(ChainAnalysisError):
    """The store holds no enterprise revenue for the year asked (or none at all)."""

    def __init__(self, year: int | None, years: Sequence[int]) -> None:
        if not years:
            msg = ("存储中没有企业营业收入数据，无法按年份分析产业链；请先导入企业表 / "
                   "the store holds no enterprise revenue: load an enterprises sheet first")
        else:
            have = "、".join(str(y) for y in years)
            msg = (f"存储中没有 {year} 年的企业营业收入；有数据的年份：{have} / "
                   f"no enterprise revenue for {year}; years: {have}")
        super().__init__(msg)
        self.year, self.years = year, list(years)


class ChainStructureError(ChainAnalysisError):
    """A chain's segments do not form an upstream → downstream DAG (a cycle, an edge leaving the chain)."""


class ChainParameterError(ChainAnalysisError):
    """The recruitment parameters (二(一)) do not give exactly one per segment position. (A parameter missing or not
    valid for the year is a :class:`reasoner.policy.PolicyError`.)"""


class MissingCJKFontError(ChainAnalysisError):
    """No font with Chinese glyphs is installed, so a PNG would show boxes instead of characters."""
