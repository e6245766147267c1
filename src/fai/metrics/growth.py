"""Growth metrics derived from year-to-date (YTD) levels and published YoY rates.

Notation: L = YTD level (亿元), g = published YTD YoY % (comparable basis),
t = period. Every function takes a tidy table and returns a new one with
extra columns; the published ``yoy_pct`` is never overwritten.

* :func:`comparable_base`     B_t = L_t / (1 + g_t/100)
* :func:`derive_single_month` M_t = L_t − L_{t−1}; single-month YoY = (M_t / (B_t − B_{t−1}) − 1) × 100
* :func:`implied_yoy`         (L_t / L_{t−12} − 1) × 100 and the gap g − implied
* :func:`yoy_change`          g_t − g_{t−1} in 个百分点 and the period compared with

Numbers only: the words of a change (提高 / 回落 / 持平) are
:func:`fai.presentation.labels.change_word`'s.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fai.metrics import panel


def _base(level: np.ndarray, yoy: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return level / (1.0 + yoy / 100.0)


def _values(df: pd.DataFrame, column: str) -> np.ndarray:
    return df[column].to_numpy(dtype=float, na_value=np.nan)


def comparable_base(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``comparable_base_100m_yuan`` = L / (1 + g/100): last year's YTD level
    on this year's comparable scope (NaN when L or g is missing).

    Worked example (全国 2024-11): 465839 / (1 + 3.3/100) = 450957.4 亿元.

    >>> t = pd.DataFrame({"value_100m_yuan": [465839.0], "yoy_pct": [3.3]})
    >>> round(float(comparable_base(t)["comparable_base_100m_yuan"].iloc[0]), 1)
    450957.4
    """
    return df.assign(**comparable_base_columns(df))


def comparable_base_columns(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """The column :func:`comparable_base` adds."""
    return {"comparable_base_100m_yuan": _base(_values(df, "value_100m_yuan"), _values(df, "yoy_pct"))}


def single_month_columns(df: pd.DataFrame, p: panel.Panel) -> dict[str, np.ndarray]:
    """The columns :func:`derive_single_month` adds, for a table already keyed by
    :func:`fai.metrics.panel.build` (lets a pipeline key a big table once)."""
    level = _values(df, "value_100m_yuan")
    base = _base(level, _values(df, "yoy_pct"))
    month = p.month
    prev = p.find(month_shift=-1)
    prev_level = panel.take(level, prev)
    prev_base = panel.take(base, prev)
    # Jan–Feb is released as one figure: without a January value, 1—2月 is a
    # two-month value. January itself is a single month. Never subtract December.
    first = (month == 1) | ((month == 2) & np.isnan(prev_level))
    covered = np.where((month == 2) & first, 2, 1).astype(np.int64)
    m_level = np.where(first, level, level - prev_level)
    m_base = np.where(first, base, base - prev_base)
    with np.errstate(divide="ignore", invalid="ignore"):
        m_yoy = (m_level / m_base - 1.0) * 100.0
    return {"month_value_100m_yuan": m_level, "month_yoy_pct": m_yoy, "months_covered": covered}


def derive_single_month(df: pd.DataFrame) -> pd.DataFrame:
    """Add single-month values and their YoY.

    * ``month_value_100m_yuan`` M_t = L_t − L_{t−1 month} (same year). For
      "YYYY-02" (1—2月, published as one figure) M = L and covers 2 months;
      NaN when the previous month's YTD level is missing — never interpolated,
      and never across a year boundary (1—2月 never subtracts December).
    * ``month_yoy_pct`` = (M_t / (B_t − B_{t−1}) − 1) × 100 with B the comparable base.
    * ``months_covered``: 2 for a 1—2月 value, else 1.

    Worked example (全国): 1—10月 423222 亿元 +3.4 %, 1—11月 465839 亿元 +3.3 % →
    November M = 465839 − 423222 = 42617 亿元; bases 423222/1.034 = 409305.6 and
    465839/1.033 = 450957.4 → November YoY = (42617 / 41651.8 − 1) × 100 = +2.3 %.

    >>> t = pd.DataFrame({"region_code": ["000000"] * 2, "indicator": ["fai_total"] * 2,
    ...     "period": ["2024-10", "2024-11"], "value_100m_yuan": [423222.0, 465839.0],
    ...     "yoy_pct": [3.4, 3.3]})
    >>> out = derive_single_month(t).iloc[1]
    >>> float(out.month_value_100m_yuan), round(float(out.month_yoy_pct), 1)
    (42617.0, 2.3)
    """
    return df.assign(**single_month_columns(df, panel.build(df)))


def implied_yoy(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``implied_yoy_pct`` = (L_t / L_{t−12 months} − 1) × 100 from the published
    levels, and ``revision_gap_pp`` = g − implied. The published g stays as is:
    the gap shows how much last year's level was revised or re-scoped.

    Worked example (全国): 2024 1—11月 465839 vs 2023 1—11月 460814 →
    (465839 / 460814 − 1) × 100 = +1.09 % against +3.3 % published, gap 2.21 pp.

    >>> t = pd.DataFrame({"region_code": ["000000"] * 2, "indicator": ["fai_total"] * 2,
    ...     "period": ["2023-11", "2024-11"], "value_100m_yuan": [460814.0, 465839.0],
    ...     "yoy_pct": [2.9, 3.3]})
    >>> out = implied_yoy(t).iloc[1]
    >>> round(float(out.implied_yoy_pct), 2), round(float(out.revision_gap_pp), 2)
    (1.09, 2.21)
    """
    return df.assign(**implied_columns(df, panel.build(df)))


def implied_columns(df: pd.DataFrame, p: panel.Panel) -> dict[str, np.ndarray]:
    """The columns :func:`implied_yoy` adds, for a keyed table."""
    level = _values(df, "value_100m_yuan")
    last_year = panel.take(level, p.find(month_shift=-12))
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = (level / last_year - 1.0) * 100.0
    return {"implied_yoy_pct": implied, "revision_gap_pp": _values(df, "yoy_pct") - implied}


def yoy_change(df: pd.DataFrame) -> pd.DataFrame:
    """Add the change of the published YTD growth since the previous YTD period.

    * ``yoy_change_pp`` = g_t − g_{prev} (个百分点, rounded to 10 decimals to
      drop float noise), NaN when either rate is missing.
    * ``yoy_change_vs_period``: the period compared with (categorical, missing when NaN).

    The previous period is the immediately preceding YTD release: t − 1 month
    within a year, and for 1—2月 (and a lone January) the previous year's
    1—12月, as NBS bulletins do ("增速比上年全年…"). When that release is
    missing the change is NaN — never a comparison with an older release.

    Worked example (全国): 1—10月 +3.4 %, 1—11月 +3.3 % → 3.3 − 3.4 = −0.1 pp;
    2024 1—12月 +3.2 %, 2025 1—2月 +4.1 % → +0.9 pp.

    >>> t = pd.DataFrame({"region_code": ["000000"] * 2, "indicator": ["fai_total"] * 2,
    ...     "period": ["2024-10", "2024-11"], "value_100m_yuan": [423222.0, 465839.0],
    ...     "yoy_pct": [3.4, 3.3]})
    >>> out = yoy_change(t).iloc[1]
    >>> float(out.yoy_change_pp), out.yoy_change_vs_period
    (-0.1, '2024-10')
    """
    return df.assign(**yoy_change_columns(df, panel.build(df)))


def yoy_change_columns(df: pd.DataFrame, p: panel.Panel) -> dict[str, np.ndarray]:
    """The columns :func:`yoy_change` adds, for a keyed table."""
    yoy = _values(df, "yoy_pct")
    month = p.month
    prev_month = p.find(month_shift=-1)
    prev_month_yoy = panel.take(yoy, prev_month)
    december = p.find(month_shift=-month)  # the previous year's 1—12月
    use_december = (month == 1) | ((month == 2) & np.isnan(prev_month_yoy))
    prev = np.where(use_december, december, prev_month)
    change = np.round(yoy - panel.take(yoy, prev), 10)
    prev_index = np.where(np.isnan(change), -1, p.month_index - np.where(use_december, month, 1))
    vs = _format_periods(prev_index)
    return {"yoy_change_pp": change, "yoy_change_vs_period": vs}


def _format_periods(month_index: np.ndarray) -> pd.Categorical:
    """"YYYY-MM" labels of month indexes, missing where negative (formats each distinct value once).

    >>> list(_format_periods(np.array([24298, -1, 24298])))
    ['2024-11', nan, '2024-11']
    """
    codes, uniques = pd.factorize(month_index, sort=True)
    labels = [f"{u // 12:04d}-{u % 12 + 1:02d}" if u >= 0 else "" for u in uniques]
    missing = [i for i, u in enumerate(uniques) if u < 0]
    if missing:
        codes = np.where(codes == missing[0], -1, codes - (codes > missing[0]))
        labels.pop(missing[0])
    return pd.Categorical.from_codes(codes, categories=labels)
