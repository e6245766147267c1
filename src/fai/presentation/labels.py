"""Words of the reports in Chinese and English: fixed chart and table texts,
column headings, target items, the words of a change (提高 / 回落 / 持平), and
the names of indicators, regions and periods.

The label maps are data files (``presentation/data/*.csv``: key, zh, en), read
once on first use; names of regions and indicators come from their registries.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import numpy as np
import pandas as pd

from fai.errors import UnknownIndicatorError
from fai.model import indicators, periods, regions
from fai.presentation.formats import check_lang, is_missing

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def _table(name: str) -> dict[str, tuple[str, str]]:
    """key -> (zh, en) of ``data/<name>.csv``."""
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return {row["key"]: (row["zh"], row["en"]) for row in csv.DictReader(f)}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def text(key: str, lang: str = "zh") -> str:
    """A fixed chart/table text in Chinese or English (``data/texts.csv``).

    >>> text("ytd_yoy"), text("ytd_yoy", "en")
    ('累计同比增速（%）', 'YTD growth, y/y (%)')
    """
    return _pick(_table("texts")[key], lang)


@functools.cache
def _sections() -> dict[str, dict[str, str]]:
    with open(DATA / "sections.csv", encoding="utf-8", newline="") as f:
        return {row["key"]: row for row in csv.DictReader(f)}


def section_title(key: str, lang: str = "zh") -> str:
    """The heading of a report section (``data/sections.csv``).

    >>> section_title("single_month"), section_title("single_month", "en")
    ('单月投资', 'Single months')
    """
    row = _sections()[key]
    return row["en"] if lang == "en" else row["zh"]


def section_note(key: str, lang: str = "zh") -> str:
    """How a section's figures are computed, in a line under it (``data/sections.csv``)."""
    row = _sections()[key]
    return row["note_en"] if lang == "en" else row["note_zh"]


def level_noun(level: str, lang: str = "zh") -> str:
    """The regions of one level as a heading names them: 各省（区、市） / "the provinces".

    >>> level_noun("province"), level_noun("county", "en")
    ('各省（区、市）', 'the counties')
    """
    key = f"level_{level}"
    return text(key if key in _table("texts") else "level_other", lang)


def number_label(n: int, lang: str = "zh") -> str:
    """A section's number as a bureau writes it: 一、 二、 … / "1. ".

    >>> number_label(3), number_label(12), number_label(3, "en")
    ('三、', '十二、', '3. ')
    """
    if lang == "en":
        return f"{n}. "
    digits = "零一二三四五六七八九"
    if n < 10:
        return f"{digits[n]}、"
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}、"


def column_label(name: str, lang: str = "zh") -> str | None:
    """The heading of a table column (``data/columns.csv``), None for an unknown column.

    >>> column_label("yoy_pct"), column_label("yoy_pct", "en")
    ('累计同比（%）', 'YTD y/y (%)')
    """
    pair = _table("columns").get(name)
    return None if pair is None else _pick(pair, lang)


def column_labels() -> dict[str, tuple[str, str]]:
    """Every column heading: name -> (zh, en)."""
    return dict(_table("columns"))


def item_label(item: str, lang: str = "zh") -> str:
    """The name of a targets item — a project group or a contest task
    (``data/items.csv``); an unknown item reads as its key with spaces.

    >>> item_label("projects_city_key"), item_label("key_projects_started", "en")
    ('市重点项目', 'Key projects started')
    >>> item_label("projects_重点建设项目")  # a group read from a bulletin keeps its own name
    '重点建设项目'
    """
    pair = _table("items").get(item)
    if pair:
        return _pick(pair, lang)
    if item.startswith("projects_") and not item.isascii():
        return item.removeprefix("projects_")
    return item.replace("_", " ")


def change_word(change: float) -> str | None:
    """The word for a change in growth: 提高 (> 0), 回落 (< 0), 持平 (= 0), None when missing.

    >>> change_word(-0.1), change_word(0.9), change_word(0.0), change_word(float("nan"))
    ('回落', '提高', '持平', None)
    """
    if is_missing(change):
        return None
    return "提高" if change > 0 else "回落" if change < 0 else "持平"


def change_words(changes: pd.Series) -> pd.Series:
    """:func:`change_word` of every value (missing stays missing).

    >>> change_words(pd.Series([-0.1, 0.9])).tolist()
    ['回落', '提高']
    """
    values = changes.to_numpy(dtype=float, na_value=np.nan)
    return pd.Series([change_word(v) for v in values], index=changes.index, dtype=object)


def verdict(all_met: bool, lang: str = "zh") -> str:
    """A unit's verdict in a task contest: 先进 when it met every task, else 后进.

    >>> verdict(True), verdict(False), verdict(False, "en")
    ('先进', '后进', 'behind')
    """
    return text("ahead" if all_met else "behind", lang)


def indicator_label(key: str, lang: str = "zh") -> str:
    """Display label of an indicator (registry label; shortened in English).

    >>> indicator_label("fai_real_estate"), indicator_label("fai_total", "en")
    ('房地产开发投资', 'Fixed-asset investment')
    """
    return indicators.label(key, lang)


def known_indicator_label(key: str, lang: str = "zh") -> str:
    """:func:`indicator_label`, or the key itself when it is not in the registry.

    >>> known_indicator_label("fai_total"), known_indicator_label("fai_bogus")
    ('固定资产投资', 'fai_bogus')
    """
    try:
        return indicator_label(key, lang)
    except UnknownIndicatorError:
        return key


def region_label(code: str, lang: str = "zh") -> str:
    """Display name of a region code.

    >>> region_label("900004"), region_label("330110", "en")
    ('东北地区', 'Yuhang District')
    """
    return regions.name_of(code, lang)


def short_region_label(code: str, lang: str = "zh") -> str:
    """The short name of a region for chart axes: 西藏 / "Xizang (Tibet)".

    >>> short_region_label("540000")
    '西藏'
    """
    reg = regions.registry().set_index("region_code")
    return str(reg.at[code, "region_name_en" if lang == "en" else "short_name"])


def period_label(period: str, lang: str = "zh") -> str:
    """The bulletin's name of a YTD period.

    >>> period_label("2025-12"), period_label("2025-02", "en")
    ('2025年1—12月', 'Jan–Feb 2025')
    """
    return periods.period_label_en(period) if lang == "en" else periods.period_label_zh(period)


def month_label(period: str, lang: str = "zh") -> str:
    """The name of a single month (for single-month series): "2025年12月" / "Dec 2025".

    >>> month_label("2024-11"), month_label("2024-11", "en")
    ('2024年11月', 'Nov 2024')
    """
    year, month = periods.parse_period(period)
    if lang == "en":
        return pd.Timestamp(year=year, month=month, day=1).strftime("%b %Y")
    return f"{year}年{month}月"


def span_label(values: pd.Series | list[str], lang: str = "zh", *, monthly: bool = False) -> str:
    """The span of a set of periods: "2015年1—4月至2025年1—12月" (or months).

    >>> span_label(["2024-11", "2023-12"]), span_label(["2024-11"], "en")
    ('2023年1—12月至2024年1—11月', 'Jan–Nov 2024')
    """
    items = sorted({str(p) for p in values if not is_missing(p)})
    if not items:
        return ""
    fmt = month_label if monthly else period_label
    first, last = fmt(items[0], lang), fmt(items[-1], lang)
    return first if first == last else f"{first}{text('to', lang)}{last}"


__all__ = [
    "change_word", "change_words", "check_lang", "column_label", "column_labels", "indicator_label",
    "item_label", "known_indicator_label", "level_noun", "month_label", "number_label", "period_label",
    "region_label", "section_note", "section_title", "short_region_label", "span_label", "text", "verdict",
]
