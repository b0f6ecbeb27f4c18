"""The GB 32100-2015 unified social credit code (统一社会信用代码) and its check character."""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015 §4.3: weights 3^(i-1) mod 31)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code, or None when it is."""
    if len(code) != 18:
        return f"长度为 {len(code)}，应为 18 位 / length {len(code)}, must be 18"
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return f"含非法字符 {''.join(bad)} / contains characters outside GB 32100: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "第 3-8 位应为行政区划代码 / characters 3-8 must be a division code"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"校验码应为 {expected} / check character should be {expected}"
    return None
