"""Numbers as reports print them — the one number formatter of ``fai``.

Every figure a chart, table or sentence shows goes through :func:`number`:
levels in 亿元 (tables: thousands separators, 0 or 2 decimals; bulletin text:
no separators, as NBS writes 465839亿元), rates in %, differences of rates in
个百分点 / pp, counts, and "—" for a missing value.
"""

from __future__ import annotations

import math

import pandas as pd

from fai.errors import ParameterError

LANGS = ("zh", "en")
MISSING = "—"

# table columns with two decimals: SA m/m as NBS publishes it, targets as bureaus write
# them (61.11 % vs 66.67 %), contributions (often below 0.1 pp)
TWO_DECIMALS = ("mom_sa_pct", "completion_pct", "time_progress_pct", "gap_pp", "plan_completion_pct",
                "contribution_pp", "contribution_to_total_pp", "contribution_to_parent_pp", "residual_pp")
COUNT_COLUMNS = ("rank", "rank_change", "rank_change_1m", "rank_change_12m", "rank_in_macro", "n_in_macro",
                 "months_covered", "months_left", "count", "started",
                 "target_count", "done_count", "unit_rank", "n_ranked")


def check_lang(lang: str) -> str:
    """Return ``lang`` when it is "zh" or "en", else raise :class:`ParameterError`.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ParameterError(where="parameter lang", found=repr(lang), expected="'zh' (Chinese) or 'en' (English)")
    return lang


def is_missing(value: object) -> bool:
    """None, NaN or pd.NA.

    >>> is_missing(float("nan")), is_missing(pd.NA), is_missing(0.0)
    (True, True, False)
    """
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value: object, decimals: int = 1, *, grouping: bool = False, strip: bool = False,
           sign: bool = False) -> str:
    """A number with ``decimals`` decimals; thousands separators with ``grouping``;
    trailing zeros dropped with ``strip``; "+" on positive numbers with ``sign``;
    "—" when missing.

    >>> number(485186.0, 0, grouping=True), number(629.40, 2, strip=True), number(2.3, sign=True)
    ('485,186', '629.4', '+2.3')
    """
    if is_missing(value):
        return MISSING
    text = f"{float(value):{'+' if sign else ''}{',' if grouping else ''}.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def level_decimals(value: float) -> int:
    """Decimals shown for a level in 亿元: none from 10,000 up (national
    figures are published as integers), else two (local figures: 629.44).

    >>> level_decimals(485186.0), level_decimals(629.44)
    (0, 2)
    """
    return 0 if abs(value) >= 10_000 else 2


def fmt_level(value: float | None, lang: str = "zh", *, unit: bool = True) -> str:
    """A level in 亿元 for tables and charts: thousands separators, trailing zeros dropped.

    >>> fmt_level(485186.0), fmt_level(1030), fmt_level(629.44, "en")
    ('485,186亿元', '1,030亿元', '629.44 (100m yuan)')
    """
    if is_missing(value):
        return MISSING
    text = number(value, level_decimals(float(value)), grouping=True, strip=True)
    if not unit:
        return text
    return f"{text} (100m yuan)" if lang == "en" else f"{text}亿元"


def format_level(value: float, lang: str = "zh") -> str:
    """A level as a bulletin writes it: 亿元 without separators in Chinese,
    billion yuan (亿元 / 10) with separators in English; small local figures
    (under 10亿元) read as million yuan in English.

    >>> format_level(465839.0), format_level(629.44), format_level(465839.0, "en"), format_level(3.21, "en")
    ('465839亿元', '629.44亿元', '46,583.9 billion yuan', '321 million yuan')
    """
    if lang == "en":
        if abs(value) < 10:
            return number(value * 100, 1, grouping=True, strip=True) + " million yuan"
        return number(value / 10, 3, grouping=True, strip=True) + " billion yuan"
    return number(value, 2, strip=True) + "亿元"


def format_rate(value: float, decimals: int = 1) -> str:
    """Absolute value of a rate with at least ``decimals`` decimals (12 → "12.0",
    0.35 → "0.35"), as bulletins print them.

    >>> format_rate(12.0), format_rate(-0.4), format_rate(0.35)
    ('12.0', '0.4', '0.35')
    """
    value = abs(float(value))
    text = number(value, decimals)
    if abs(float(text) - value) > 1e-9:
        text = number(value, 2)
    return text


def fmt_pct(value: float | None, decimals: int = 1, *, sign: bool = False) -> str:
    """A percentage as published (one decimal unless told): "-3.8%".

    >>> fmt_pct(-3.8), fmt_pct(3.25, 2, sign=True)
    ('-3.8%', '+3.25%')
    """
    if is_missing(value):
        return MISSING
    return number(value, decimals, sign=sign) + "%"


def fmt_pp(value: float | None, lang: str = "zh", decimals: int = 1) -> str:
    """A difference of two rates in 个百分点 / pp.

    >>> fmt_pp(2.2), fmt_pp(-5.556, "en", 2)
    ('2.2个百分点', '-5.56 pp')
    """
    if is_missing(value):
        return MISSING
    text = number(value, decimals)
    return f"{text} pp" if lang == "en" else f"{text}个百分点"


def pp_size(value: float) -> str:
    """The size of a difference in pp for a sentence: one decimal, or two when
    one would print 0.0 for a non-zero value.

    >>> pp_size(-0.66), pp_size(0.04), pp_size(0.0)
    ('0.7', '0.04', '0.0')
    """
    text = number(abs(value), 1)
    return number(abs(value), 2) if text == "0.0" and value != 0 else text


def format_column(name: str, values: pd.Series) -> pd.Series:
    """A table column's numbers by the rules of its name: ``*_100m_yuan`` levels
    (no decimals once any value reaches 10,000, else as :func:`fmt_level`),
    two-decimal columns, ``*_pct`` / ``*_pp`` with one decimal, counts as integers.

    >>> format_column("yoy_pct", pd.Series([3.25, None])).tolist()
    ['3.2', '—']
    """
    if name.endswith("_100m_yuan"):  # one rule per column
        numbers = pd.to_numeric(values, errors="coerce").abs()
        if (numbers >= 10_000).any():
            return values.map(lambda v: number(v, 0, grouping=True))
        return values.map(lambda v: fmt_level(v, unit=False))
    if name in TWO_DECIMALS:
        return values.map(lambda v: number(v, 2))
    if name.endswith(("_pct", "_pp")) or name == "contribution_residual":
        return values.map(lambda v: number(v, 1))
    if name in COUNT_COLUMNS:
        return values.map(lambda v: MISSING if is_missing(v) else f"{int(v):d}")
    return values
