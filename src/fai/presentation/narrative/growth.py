"""Sentences of the growth report: the headline paragraph, the single month,
published against implied growth, and the seasonally adjusted month on month.

Each takes derived numbers (:func:`fai.metrics.derive_metrics` or one of its
rows) and writes them as a statistics bureau would::

    1—11月份，全国固定资产投资465839亿元，同比增长3.3%，增速比1—10月份回落0.1个百分点。
    其中，民间投资233689亿元，下降0.4%。
"""

from __future__ import annotations

import pandas as pd

from fai.errors import MissingDataError
from fai.model import periods, regions
from fai.presentation.formats import check_lang, format_level
from fai.presentation.labels import month_label
from fai.presentation.narrative.phrases import (
    EN_MONTHS,
    change_phrase,
    growth_phrase,
    ok,
    period_phrase,
    region_phrase,
    select,
    subject_phrase,
)


def figure_clause(row: pd.Series, lang: str, *, first: bool) -> list[str]:
    """The level and the growth of one indicator, as far as they are there."""
    parts: list[str] = []
    if ok(row.get("value_100m_yuan")):
        parts.append(format_level(float(row["value_100m_yuan"]), lang))
    if ok(row.get("yoy_pct")):
        parts.append(growth_phrase(float(row["yoy_pct"]), lang, prefix="同比" if first else ""))
    return parts


def bulletin_sentence(
    derived: pd.DataFrame,
    region: str,
    period: str = "latest",
    lang: str = "zh",
    components: tuple[str, ...] = ("fai_private",),
    with_year: bool = False,
) -> str:
    """The headline paragraph of a bulletin: the total's YTD level and growth, the
    change in growth since the previous release, then each of ``components``,
    from a derived table (:func:`fai.metrics.derive_metrics`).

    >>> import fai
    >>> bulletin_sentence(fai.derive_metrics(fai.load()), "全国", "2024-11")
    '1—11月份，全国固定资产投资465839亿元，同比增长3.3%，增速比1—10月份回落0.1个百分点。其中，民间投资233689亿元，下降0.4%。'
    """
    lang = check_lang(lang)
    code, period, table = select(derived, region, period)
    name = region_phrase(code, lang)
    when = period_phrase(period, lang, with_year)
    sentences: list[str] = []
    if "fai_total" in table.index:
        row = table.loc["fai_total"]
        parts = figure_clause(row, lang, first=True)
        change = ""
        if ok(row.get("yoy_change_pp")) and ok(row.get("yoy_pct")):
            change = change_phrase(float(row["yoy_pct"]), float(row["yoy_change_pp"]), period,
                                   str(row["yoy_change_vs_period"]), lang)
        if parts:
            if lang == "en":
                words = f"In {when}, fixed-asset investment in {name} was " + ", ".join(parts)
                sentences.append(words + (f"; {change}" if change else "") + ".")
            else:
                sentences.append(f"{when}，{name}固定资产投资" + "，".join([*parts, *filter(None, [change])]) + "。")
    comp_clauses = []
    for key in components:
        if key in table.index:
            parts = figure_clause(table.loc[key], lang, first=False)
            if parts:
                if lang == "en":
                    subject = subject_phrase(key, lang)
                    comp_clauses.append(subject[0].upper() + subject[1:] + " was " + ", ".join(parts))
                else:
                    comp_clauses.append(subject_phrase(key, lang) + "，".join(parts))
    if comp_clauses:
        if lang == "en":
            sentences.append(" ".join(c + "." for c in comp_clauses))
        else:
            sentences.append("其中，" + "；".join(comp_clauses) + "。")
    if not sentences:
        raise MissingDataError(found=f"no figures for {regions.name_of(code)} ({code}) in {period} to write about",
                               expected="a level or growth rate of total investment or its components")
    return ("" if lang == "zh" else " ").join(sentences)


def single_month_sentence(derived: pd.DataFrame, region: str, period: str = "latest", lang: str = "zh") -> str:
    """The single month derived from two YTD releases (M_t = L_t − L_{t−1}, YoY on
    comparable bases); empty string when it cannot be derived.

    >>> import fai
    >>> single_month_sentence(fai.derive_metrics(fai.load()), "全国", "2024-11")
    '11月份，全国固定资产投资42617亿元，同比增长2.3%（由累计数推算）。'
    """
    lang = check_lang(lang)
    code, period, table = select(derived, region, period)
    if "fai_total" not in table.index or not ok(table.loc["fai_total", "month_value_100m_yuan"]):
        return ""
    row = table.loc["fai_total"]
    year, month = periods.parse_period(period)
    two = int(row["months_covered"]) == 2
    name = region_phrase(code, lang)
    if lang == "en":
        when = "January–February" if two else EN_MONTHS[month - 1]
        words = (f"In {when} {year} alone, fixed-asset investment in {name} was "
                 f"{format_level(row['month_value_100m_yuan'], 'en')}")
        if ok(row["month_yoy_pct"]):
            words += f", {growth_phrase(round(float(row['month_yoy_pct']), 1), 'en', prefix='y')}"
        return words + " (derived from year-to-date figures)."
    when = "1—2月份" if two else f"{month}月份"
    parts = [format_level(float(row["month_value_100m_yuan"]))]
    if ok(row["month_yoy_pct"]):
        parts.append(growth_phrase(round(float(row["month_yoy_pct"]), 1), prefix="同比"))
    return f"{when}，{name}固定资产投资" + "，".join(parts) + "（由累计数推算）。"


def revision_gap_sentence(row: pd.Series, region: str, lang: str = "zh") -> str:
    """Published growth against the growth implied by published levels, from a
    row with period, yoy_pct, implied_yoy_pct and revision_gap_pp.

    >>> row = pd.Series({"period": "2024-11", "yoy_pct": 3.3, "implied_yoy_pct": 1.09, "revision_gap_pp": 2.21})
    >>> revision_gap_sentence(row, "000000").split('；')[0]
    '2024年1—11月份，按公布的累计投资额推算，全国固定资产投资同比增长1.1%'
    """
    code = regions.resolve(region)
    when, name = period_phrase(str(row["period"]), lang, True), region_phrase(code, lang)
    implied, published, gap = float(row["implied_yoy_pct"]), float(row["yoy_pct"]), float(row["revision_gap_pp"])
    if lang == "zh":
        return (f"{when}，按公布的累计投资额推算，{name}固定资产投资{growth_phrase(round(implied, 1), prefix='同比')}；"
                f"公布增速为{published:.1f}%，两者相差{abs(gap):.1f}个百分点。"
                "差异来自上年基数的修订与统计口径调整，公布增速按可比口径计算，以公布增速为准。")
    return (f"In {when}, the published levels imply growth of {implied:.1f}% for {name} against "
            f"{published:.1f}% published, a gap of {abs(gap):.1f} percentage points: last year's base was "
            "revised and re-scoped, and the published rate is on a comparable basis, so it stands.")


def mom_sa_sentence(row: pd.Series, region: str, lang: str = "zh") -> str:
    """NBS's seasonally adjusted month-on-month growth of one month (``period``, ``mom_sa_pct``).

    >>> mom_sa_sentence(pd.Series({"period": "2025-12", "mom_sa_pct": -1.13}), "000000")
    '从环比看，2025年12月全国固定资产投资季调环比下降1.13%。'
    """
    code = regions.resolve(region)
    value = float(row["mom_sa_pct"])
    month = month_label(str(row["period"]), lang)
    if lang == "zh":
        word = "增长" if value > 0 else "下降" if value < 0 else "持平"
        figure = f"{abs(value):.2f}%" if value else ""
        return f"从环比看，{month}{region_phrase(code)}固定资产投资季调环比{word}{figure}。"
    return (f"Seasonally adjusted, investment in {region_phrase(code, 'en')} "
            f"{'rose' if value > 0 else 'fell' if value < 0 else 'was flat'}"
            f"{f' {abs(value):.2f}%' if value else ''} month on month in {month}.")
