"""Periods of year-to-date (YTD) figures: "YYYY-MM" = January … that month.

Chinese FAI is published cumulatively (1—N月累计). January and February are
released together, so "2024-02" means 1—2月 and there is no "YYYY-01".

>>> parse_period("2024-11"), period_label_zh("2024-02"), period_label_en("2024-02")
((2024, 11), '2024年1—2月', 'Jan–Feb 2024')
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from fai.errors import PeriodError

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_period(text: str, *, where: str = "") -> tuple[int, int]:
    """Split a tidy-table period ``"YYYY-MM"`` into (year, month), checking month 1–12.

    Only the tidy form: labels as sources write them (2016年1-8月, 前三季度) are read by
    :func:`fai.cleaning.period_labels.read_period_label`. ``where`` names the place
    (``"parameter period_end"``) in the error.

    >>> parse_period("2024-11")
    (2024, 11)
    """
    at = where.strip().rstrip(":").strip() or None
    m = _PERIOD_RE.match(str(text).strip())
    if not m:
        raise PeriodError(where=at, found=f"period is {str(text)[:40]!r}", expected="'YYYY-MM'")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(where=at, found=f"period is {text!r}: month must be 1–12",
                          expected="'YYYY-MM' with a month 01–12")
    return year, month


def format_period(year: int, month: int) -> str:
    """Join year and month into the "YYYY-MM" form used in the tidy table.

    >>> format_period(2024, 2)
    '2024-02'
    """
    return f"{int(year):04d}-{int(month):02d}"


def period_year(periods: pd.Series) -> pd.Series:
    """Year of each "YYYY-MM" period as integers (vectorised).

    >>> period_year(pd.Series(["2024-11", "2025-02"])).tolist()
    [2024, 2025]
    """
    return periods.str.slice(0, 4).astype(int)


def period_month(periods: pd.Series) -> pd.Series:
    """Month of each "YYYY-MM" period as integers (vectorised).

    >>> period_month(pd.Series(["2024-11", "2025-02"])).tolist()
    [11, 2]
    """
    return periods.str.slice(5, 7).astype(int)


def period_index(periods: pd.Series) -> pd.Series:
    """Months since year 0 (year*12 + month − 1): differences are month gaps.

    >>> period_index(pd.Series(["2024-11", "2024-12"])).diff().tolist()[1]
    1.0
    """
    return period_year(periods) * 12 + period_month(periods) - 1


def months_covered(periods: pd.Series) -> pd.Series:
    """How many months a single-month value derived at this period covers.

    1—2月 ("YYYY-02") covers 2 months; every other month covers 1.

    >>> months_covered(pd.Series(["2024-02", "2024-03"])).tolist()
    [2, 1]
    """
    return pd.Series(np.where(period_month(periods) == 2, 2, 1), index=periods.index)


def period_label_zh(period: str) -> str:
    """The bulletin's name of a YTD period: "2024-11" → "2024年1—11月"; "2024-02" → "2024年1—2月".

    >>> period_label_zh("2024-12")
    '2024年1—12月'
    """
    year, month = parse_period(period)
    if month == 1:
        return f"{year}年1月"
    return f"{year}年1—{month}月"


def period_label_en(period: str) -> str:
    """English name of a YTD period: "2024-11" → "Jan–Nov 2024".

    >>> period_label_en("2024-02")
    'Jan–Feb 2024'
    """
    year, month = parse_period(period)
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    if month == 1:
        return f"Jan {year}"
    return f"Jan–{names[month - 1]} {year}"
