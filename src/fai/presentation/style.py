"""Presentation rules in one place: number formats (亿元, %, 个百分点),
rounding, Chinese / English labels, the colour of each indicator, and the
source line printed under every chart and table.

Charts (:mod:`fai.presentation.plots`) and notebook tables go through these functions, so
a figure reads the same wherever it appears.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from fai.errors import ParameterError
from fai.model import indicators, periods, regions

LANGS = ("zh", "en")

# One colour per indicator, used by every chart (Tableau-like, colour-blind aware).
PALETTE: dict[str, str] = {
    "fai_total": "#1f3b5c",
    "fai_private": "#f28e2b",
    "fai_state_holding": "#b07aa1",
    "fai_primary": "#8cd17d",
    "fai_secondary": "#4e79a7",
    "fai_tertiary": "#f1ce63",
    "fai_industry": "#a0cbe8",
    "fai_mining": "#9c755f",
    "fai_manufacturing": "#59a14f",
    "fai_utilities": "#d37295",
    "fai_infrastructure": "#6a3d9a",
    "fai_urban_infrastructure": "#86bcb6",
    "fai_real_estate": "#e15759",
    "fai_residential": "#ff9d9a",
    "fai_project": "#b6992d",
    "fai_tech_renovation": "#ffbe7d",
    "fai_capital_construction": "#79706e",
    "fai_renovation": "#d7b5a6",
    "fai_key_projects": "#fabfd2",
    "fai_high_tech": "#4e79a7",
    "fai_social": "#bab0ac",
    "fai_funds_in_place": "#6b6b6b",
    "fai_urban": "#1f3b5c",
    "fai_project_500k_plus": "#1f3b5c",
    "other": "#bab0ac",
}
PARENT_COLOR = "#8c8c8c"    # the parent region's line (全国 for a province …)
RESIDUAL_COLOR = "#c8c8c8"  # contribution residual, "no data" cells
TARGET_COLOR = "#e15759"    # 序时进度 / target markers
HEATMAP_CMAP = "RdBu_r"     # diverging at 0: growth red, decline blue

SOURCE_NBS = {"zh": "数据来源：国家统计局", "en": "Source: National Bureau of Statistics of China"}

# Fixed texts of charts and tables: key -> (zh, en).
TEXT: dict[str, tuple[str, str]] = {
    "ytd_yoy": ("累计同比增速（%）", "YTD growth, y/y (%)"),
    "month_value": ("单月投资额（亿元）", "Single-month investment (100m yuan)"),
    "month_yoy": ("单月同比增速（%）", "Single-month growth, y/y (%)"),
    "reported_yoy": ("公布增速（%）", "Published growth (%)"),
    "implied_yoy": ("按公布总量推算增速（%）", "Growth implied by published levels (%)"),
    "revision_gap": ("口径差（个百分点）", "Revision gap (pp)"),
    "mom_sa": ("季调环比增速（%）", "Seasonally adjusted m/m growth (%)"),
    "share": ("占比（%）", "Share (%)"),
    "contribution": ("拉动（个百分点）", "Contribution (pp)"),
    "residual": ("未分解部分", "Residual"),
    "total_growth": ("合计增速", "Total growth"),
    "vs_parent": ("与上级增速之差（个百分点）", "Difference from parent (pp)"),
    "completion": ("完成年度目标（%）", "Completion of annual target (%)"),
    "time_progress": ("序时进度", "Time progress"),
    "annual_plan": ("年度计划投资（亿元）", "Annual plan (100m yuan)"),
    "ytd_done": ("累计完成（亿元）", "Done year to date (100m yuan)"),
    "start_rate": ("开工率（%）", "Start rate (%)"),
    "plan_completion": ("计划完成率（%）", "Plan completion (%)"),
    "target": ("目标", "Target"),
    "done": ("完成", "Done"),
    "count": ("个数", "Count"),
    "amount": ("亿元", "100m yuan"),
    "period": ("时期", "Period"),
    "single_month": ("单月", "single month"),
    "two_months": ("1—2月合计", "Jan–Feb combined"),
    "other_components": ("其他", "Other"),
    "to": ("至", " to "),
    "no_data": ("无数据", "no data"),
    "ahead": ("先进", "ahead"),
    "behind": ("后进", "behind"),
}

# Table headings of metric columns: column -> (zh, en)
COLUMNS: dict[str, tuple[str, str]] = {
    "region_code": ("地区代码", "Region code"),
    "region_name": ("地区", "Region"),
    "period": ("时期", "Period"),
    "indicator": ("指标", "Indicator"),
    "value_100m_yuan": ("累计投资额（亿元）", "YTD level (100m yuan)"),
    "yoy_pct": ("累计同比（%）", "YTD y/y (%)"),
    "mom_sa_pct": ("季调环比（%）", "SA m/m (%)"),
    "month_value_100m_yuan": ("单月投资额（亿元）", "Month level (100m yuan)"),
    "month_yoy_pct": ("单月同比（%）", "Month y/y (%)"),
    "months_covered": ("覆盖月数", "Months covered"),
    "comparable_base_100m_yuan": ("可比基数（亿元）", "Comparable base (100m yuan)"),
    "implied_yoy_pct": ("推算增速（%）", "Implied y/y (%)"),
    "revision_gap_pp": ("口径差（个百分点）", "Revision gap (pp)"),
    "yoy_change_pp": ("增速变化（个百分点）", "Change in growth (pp)"),
    "share_pct": ("占比（%）", "Share (%)"),
    "contribution_pp": ("拉动（个百分点）", "Contribution (pp)"),
    "contribution_residual": ("未分解部分（个百分点）", "Residual (pp)"),
    "contribution_residual_pp": ("未分解部分（个百分点）", "Residual (pp)"),
    "rank": ("位次", "Rank"),
    "rank_change": ("位次变化", "Rank change"),
    "vs_parent_pp": ("与上级之差（个百分点）", "vs parent (pp)"),
    "contribution_to_parent_pp": ("对上级拉动（个百分点）", "Contribution to parent (pp)"),
    "parent_yoy_pct": ("上级增速（%）", "Parent y/y (%)"),
    "target_100m_yuan": ("年度目标（亿元）", "Annual target (100m yuan)"),
    "completion_pct": ("完成目标（%）", "Completion (%)"),
    "time_progress_pct": ("序时进度（%）", "Time progress (%)"),
    "gap_pp": ("快于序时进度（个百分点）", "Ahead of time progress (pp)"),
    "remaining_100m_yuan": ("尚需完成（亿元）", "Still needed (100m yuan)"),
    "monthly_needed_100m_yuan": ("月均尚需（亿元）", "Needed per month (100m yuan)"),
    "months_left": ("剩余月数", "Months left"),
    "share_of_total_pct": ("占全部投资比重（%）", "Share of total (%)"),
    "contribution_to_total_pp": ("拉动投资增长（个百分点）", "Contribution to total (pp)"),
    "share_of_parent_pct": ("占上级比重（%）", "Share of parent (%)"),
    "level_100m_yuan": ("累计投资额（亿元）", "YTD level (100m yuan)"),
    "parent_name": ("上级地区", "Parent"),
    "label": ("类别", "Item"),
    "count": ("项目个数", "Projects"),
    "started": ("已开工", "Started"),
    "total_investment_100m_yuan": ("总投资（亿元）", "Total investment (100m yuan)"),
    "annual_plan_100m_yuan": ("年度计划（亿元）", "Annual plan (100m yuan)"),
    "ytd_100m_yuan": ("累计完成（亿元）", "Done YTD (100m yuan)"),
    "start_rate_pct": ("开工率（%）", "Start rate (%)"),
    "plan_completion_pct": ("计划完成率（%）", "Plan completion (%)"),
    "target_count": ("目标（个）", "Target (count)"),
    "done_count": ("完成（个）", "Done (count)"),
    "done_over_target_pct": ("完成率（%）", "Done / target (%)"),
    "met": ("是否完成", "Met"),
    "unit_rank": ("单位位次", "Unit rank"),
    "unit_label": ("评价", "Verdict"),
    "source": ("来源", "Source"),
}
MONTH_HEADING = ("月份", "Month")
# shown with two decimals: SA m/m as NBS publishes it, targets as bureaus write
# them (61.11 % vs 66.67 %), contributions (often below 0.1 pp)
TWO_DECIMALS = ("mom_sa_pct", "completion_pct", "time_progress_pct", "gap_pp", "plan_completion_pct",
                "contribution_pp", "contribution_to_total_pp", "contribution_to_parent_pp", "residual_pp")
COUNT_COLUMNS = ("rank", "rank_change", "months_covered", "months_left", "count", "started",
                 "target_count", "done_count", "unit_rank", "n_ranked")

_URL = re.compile(r"^https?://", re.IGNORECASE)
_NOTE = re.compile(r"\((.+)\)\s*$")


def check_lang(lang: str) -> str:
    """Return ``lang`` when it is "zh" or "en", else raise :class:`ParameterError`.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ParameterError(f"parameter lang is {lang!r} — expected 'zh' (Chinese) or 'en' (English)")
    return lang


def text(key: str, lang: str = "zh") -> str:
    """A fixed chart/table text in Chinese or English.

    >>> text("ytd_yoy"), text("ytd_yoy", "en")
    ('累计同比增速（%）', 'YTD growth, y/y (%)')
    """
    zh, en = TEXT[key]
    return en if lang == "en" else zh


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def level_decimals(value: float) -> int:
    """Decimals shown for a level in 亿元: none from 10,000 up (national
    figures are published as integers), else two (local figures: 629.44).

    >>> level_decimals(485186.0), level_decimals(629.44)
    (0, 2)
    """
    return 0 if abs(value) >= 10_000 else 2


def fmt_level(value: float | None, lang: str = "zh", *, unit: bool = True) -> str:
    """A level in 亿元 with thousands separators; trailing zeros dropped.

    >>> fmt_level(485186.0), fmt_level(1030), fmt_level(629.44, "en")
    ('485,186亿元', '1,030亿元', '629.44 (100m yuan)')
    """
    if _missing(value):
        return "—"
    text_ = f"{float(value):,.{level_decimals(float(value))}f}"
    if "." in text_:
        text_ = text_.rstrip("0").rstrip(".")
    if not unit:
        return text_
    return f"{text_} (100m yuan)" if lang == "en" else f"{text_}亿元"


def fmt_pct(value: float | None, decimals: int = 1, *, sign: bool = False) -> str:
    """A percentage as published (one decimal unless told): "-3.8%".

    >>> fmt_pct(-3.8), fmt_pct(3.25, 2, sign=True)
    ('-3.8%', '+3.25%')
    """
    if _missing(value):
        return "—"
    return f"{float(value):{'+' if sign else ''}.{decimals}f}%"


def fmt_pp(value: float | None, lang: str = "zh", decimals: int = 1) -> str:
    """A difference of two rates in 个百分点 / pp.

    >>> fmt_pp(2.2), fmt_pp(-5.556, "en", 2)
    ('2.2个百分点', '-5.56 pp')
    """
    if _missing(value):
        return "—"
    return f"{float(value):.{decimals}f} pp" if lang == "en" else f"{float(value):.{decimals}f}个百分点"


def indicator_label(key: str, lang: str = "zh") -> str:
    """Display label of an indicator (registry label; shortened in English).

    >>> indicator_label("fai_real_estate"), indicator_label("fai_total", "en")
    ('房地产开发投资', 'Fixed-asset investment')
    """
    return indicators.label(key, lang)


def region_label(code: str, lang: str = "zh") -> str:
    """Display name of a region code.

    >>> region_label("900004"), region_label("330110", "en")
    ('东北地区', 'Yuhang District')
    """
    return regions.name_of(code, lang)


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
    items = sorted({str(p) for p in values if not _missing(p)})
    if not items:
        return ""
    fmt = month_label if monthly else period_label
    first, last = fmt(items[0], lang), fmt(items[-1], lang)
    return first if first == last else f"{first}{text('to', lang)}{last}"


def color(indicator: str) -> str:
    """The colour of an indicator in every chart.

    >>> color("fai_total")
    '#1f3b5c'
    """
    return PALETTE.get(indicator, PALETTE["other"])


def _notes(frame: pd.DataFrame) -> list[str]:
    """Non-NBS source notes of the rows: text notes in ``source_url`` or in
    parentheses at the end of ``source`` (the targets table)."""
    found: list[str] = []
    if "source_url" in frame:
        for value in frame["source_url"].dropna().astype(str).unique():
            if value.strip() and not _URL.match(value.strip()):
                found.append(value.strip())
    if not found and "source" in frame:
        for value in frame["source"].dropna().astype(str).unique():
            m = _NOTE.search(value)
            if m and not _URL.match(m.group(1)):
                found.append(m.group(1).strip())
    return list(dict.fromkeys(found))


def source_line(frame: pd.DataFrame | None = None, lang: str = "zh") -> str:
    """The line printed under a chart: 国家统计局 for NBS figures (the national
    and provincial files cite reposts of NBS releases; portal exports), else
    the raw file's own description of its source (local government reports).

    >>> source_line(None)
    '数据来源：国家统计局'
    >>> source_line(pd.DataFrame({"source_url": ["Zhejiang online news, 2020-05-15"]}), "en")
    'Source: Zhejiang online news, 2020-05-15'
    """
    notes = [] if frame is None else _notes(frame)
    if not notes:
        return SOURCE_NBS[lang]
    shown = "；".join(notes[:2]) if lang == "zh" else "; ".join(notes[:2])
    more = ("等" if lang == "zh" else " et al.") if len(notes) > 2 else ""
    return f"数据来源：{shown}{more}" if lang == "zh" else f"Source: {shown}{more}"


def _format_column(name: str, values: pd.Series) -> pd.Series:
    if name.endswith("_100m_yuan"):  # one rule per column: no decimals once any value reaches 10,000
        numbers = pd.to_numeric(values, errors="coerce").abs()
        if (numbers >= 10_000).any():
            return values.map(lambda v: "—" if _missing(v) else f"{float(v):,.0f}")
        return values.map(lambda v: fmt_level(v, unit=False))
    if name in TWO_DECIMALS:
        return values.map(lambda v: "—" if _missing(v) else f"{float(v):.2f}")
    if name.endswith(("_pct", "_pp")) or name == "contribution_residual":
        return values.map(lambda v: "—" if _missing(v) else f"{float(v):.1f}")
    if name in COUNT_COLUMNS:
        return values.map(lambda v: "—" if _missing(v) else f"{int(v):d}")
    return values


def format_table(
    df: pd.DataFrame, lang: str = "zh", *, columns: list[str] | None = None, monthly: bool = False
) -> pd.DataFrame:
    """A metrics table ready to show: codes and keys become names, numbers are
    rounded by the rules above (levels 0 or 2 decimals, rates 1, SA m/m 2),
    missing values show "—", and headings say the unit in the chosen language.
    ``monthly=True`` names periods as single months (2025年12月), for
    single-month tables.

    >>> t = pd.DataFrame({"region_code": ["000000"], "indicator": ["fai_total"],
    ...                   "period": ["2025-12"], "value_100m_yuan": [485186.0], "yoy_pct": [-3.8]})
    >>> format_table(t).iloc[0].tolist()
    ['全国', '固定资产投资', '2025年1—12月', '485,186', '-3.8']
    """
    check_lang(lang)
    out = df.copy() if columns is None else df[[c for c in columns if c in df]].copy()
    if "region_code" in out:
        out["region_code"] = out["region_code"].map(lambda c: region_label(c, lang))
        out = out.drop(columns=[c for c in ("region_name",) if c in out])
    if "indicator" in out:
        out["indicator"] = out["indicator"].map(
            lambda k: indicator_label(k, lang) if k in set(indicators.keys()) else k
        )
    if "period" in out:
        fmt = month_label if monthly else period_label
        out["period"] = out["period"].map(lambda p: fmt(p, lang) if isinstance(p, str) else p)
    if "met" in out:
        yes, no = ("yes", "no") if lang == "en" else ("是", "否")
        out["met"] = out["met"].map(lambda v: yes if bool(v) else no)
    if "unit_label" in out and lang == "en":
        out["unit_label"] = out["unit_label"].map({"先进": text("ahead", "en"), "后进": text("behind", "en")})
    for name in list(out.columns):
        out[name] = _format_column(str(name), out[name])
    i = 1 if lang == "en" else 0
    headings = {c: COLUMNS[c][i] for c in out.columns if c in COLUMNS}
    if "region_code" in headings:
        headings["region_code"] = COLUMNS["region_name"][i]
    if monthly:
        headings["period"] = MONTH_HEADING[i]
    return out.rename(columns=headings).reset_index(drop=True)


def headline_table(headline: dict, lang: str = "zh") -> pd.DataFrame:
    """The headline of a report as a one-row table: region, period, YTD level,
    YoY, change in pp since the previous release, parent and pp vs parent.

    >>> h = {"region_code": "000000", "period": "2025-12", "value_100m_yuan": 485186.0,
    ...      "yoy_pct": -3.8, "yoy_change_pp": -1.2, "vs_parent_pp": None, "parent_code": None}
    >>> headline_table(h).iloc[0].tolist()
    ['全国', '2025年1—12月', '485,186', '-3.8', '-1.2', '—', '—']
    """
    parent = headline.get("parent_code")
    row = {
        "region_code": headline["region_code"], "period": headline["period"],
        "value_100m_yuan": headline.get("value_100m_yuan"), "yoy_pct": headline.get("yoy_pct"),
        "yoy_change_pp": headline.get("yoy_change_pp"),
        "parent_name": region_label(parent, lang) if parent else "—",
        "vs_parent_pp": headline.get("vs_parent_pp"),
    }
    frame = pd.DataFrame([row]).astype({c: float for c in ("value_100m_yuan", "yoy_pct", "yoy_change_pp",
                                                            "vs_parent_pp")})
    return format_table(frame, lang)


def ranking_table(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A comparison of peers (one or several indicators, from
    :func:`fai.metrics.comparison.compare_regions`) as one wide table: a row per
    region in the rank order of the first indicator; per indicator its YoY,
    rank and change in rank, and the pp against the parent.
    """
    check_lang(lang)
    i = 1 if lang == "en" else 0
    keys = list(dict.fromkeys(table["indicator"]))
    order = table[table["indicator"] == keys[0]].sort_values(["rank", "region_code"])["region_code"].tolist()
    order += [c for c in dict.fromkeys(table["region_code"]) if c not in order]
    blocks = []
    for key in keys:
        part = table[table["indicator"] == key].set_index("region_code").reindex(order)
        when = period_label(str(part["period"].dropna().iloc[0]), lang)
        head = f"{indicator_label(key, lang)}（{when}）" if lang == "zh" else f"{indicator_label(key, lang)} ({when})"
        cols = ["yoy_pct", "rank", "rank_change", "vs_parent_pp"]
        block = pd.DataFrame({COLUMNS[c][i]: _format_column(c, part[c]) for c in cols}, index=part.index)
        block.columns = pd.MultiIndex.from_product([[head], block.columns])
        blocks.append(block)
    out = pd.concat(blocks, axis=1)
    out.index = [region_label(c, lang) for c in out.index]
    out.index.name = COLUMNS["region_name"][i]
    return out


def pipeline_table(pipeline: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Project groups (from :func:`fai.metrics.targets.project_pipeline`) ready to show;
    the start rate is started / planned where both are given, else as published."""
    cols = ["label", "count", "started", "start_rate_pct", "total_investment_100m_yuan",
            "annual_plan_100m_yuan", "ytd_100m_yuan", "plan_completion_pct"]
    rate = pipeline["start_rate_pct"].fillna(pipeline["start_rate_published_pct"])
    return format_table(pipeline.assign(start_rate_pct=rate), lang, columns=cols)


def contest_table(contest: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A task contest (from :func:`fai.metrics.targets.task_contest`) ready to show."""
    cols = ["region_code", "label", "target_count", "done_count", "done_over_target_pct", "met",
            "unit_rank", "unit_label"]
    return format_table(contest, lang, columns=cols)
