"""Tables ready to show: codes and keys become names, numbers are rounded by the
rules of :mod:`fai.presentation.formats`, missing values show "—", and headings
say the unit in the report's language.

>>> import fai
>>> m = fai.metrics_table(fai.load(), "全国", "2024-11")
>>> format_table(m, columns=["indicator", "value_100m_yuan", "yoy_pct"]).iloc[0].tolist()
['固定资产投资', '465,839', '3.3']
"""

from __future__ import annotations

import pandas as pd

from fai.model import indicators
from fai.presentation.formats import check_lang, format_column
from fai.presentation.labels import (
    column_label,
    indicator_label,
    item_label,
    month_label,
    period_label,
    region_label,
    text,
    verdict,
)


def format_table(
    df: pd.DataFrame, lang: str = "zh", *, columns: list[str] | None = None, monthly: bool = False
) -> pd.DataFrame:
    """A metrics table ready to show: codes and keys become names, numbers are
    rounded (levels 0 or 2 decimals, rates 1, SA m/m 2), missing values show "—",
    and headings say the unit in the chosen language. ``monthly=True`` names
    periods as single months (2025年12月), for single-month tables.

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
        known = set(indicators.keys())
        out["indicator"] = out["indicator"].map(lambda k: indicator_label(k, lang) if k in known else k)
    if "period" in out:
        fmt = month_label if monthly else period_label
        out["period"] = out["period"].map(lambda p: fmt(p, lang) if isinstance(p, str) else p)
    if "met" in out:
        yes, no = ("yes", "no") if lang == "en" else ("是", "否")
        out["met"] = out["met"].map(lambda v: yes if bool(v) else no)
    for name in list(out.columns):
        out[name] = format_column(str(name), out[name])
    headings = {c: column_label(c, lang) for c in out.columns if column_label(c, lang) is not None}
    if "region_code" in headings:
        headings["region_code"] = column_label("region_name", lang)
    if monthly:
        headings["period"] = text("month_heading", lang)
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
    keys = list(dict.fromkeys(table["indicator"]))
    order = table[table["indicator"] == keys[0]].sort_values(["rank", "region_code"])["region_code"].tolist()
    order += [c for c in dict.fromkeys(table["region_code"]) if c not in order]
    blocks = []
    for key in keys:
        part = table[table["indicator"] == key].set_index("region_code").reindex(order)
        when = period_label(str(part["period"].dropna().iloc[0]), lang)
        head = f"{indicator_label(key, lang)}（{when}）" if lang == "zh" else f"{indicator_label(key, lang)} ({when})"
        cols = ["yoy_pct", "rank", "rank_change", "vs_parent_pp"]
        block = pd.DataFrame({column_label(c, lang): format_column(c, part[c]) for c in cols}, index=part.index)
        block.columns = pd.MultiIndex.from_product([[head], block.columns])
        blocks.append(block)
    out = pd.concat(blocks, axis=1)
    out.index = [region_label(c, lang) for c in out.index]
    out.index.name = column_label("region_name", lang)
    return out


def pipeline_table(pipeline: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Project groups (from :func:`fai.metrics.targets.project_pipeline`) ready to show;
    the start rate is started / planned where both are given, else as published."""
    cols = ["label", "count", "started", "start_rate_pct", "total_investment_100m_yuan",
            "annual_plan_100m_yuan", "ytd_100m_yuan", "plan_completion_pct"]
    rate = pipeline["start_rate_pct"].fillna(pipeline["start_rate_published_pct"])
    labels = [item_label(i, lang) for i in pipeline["item"]]
    return format_table(pipeline.assign(start_rate_pct=rate, label=labels), lang, columns=cols)


def contest_table(contest: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A task contest (from :func:`fai.metrics.targets.task_contest`) ready to show:
    per unit and task the target, the number done, done / target, met, the unit's
    rank and its verdict (先进 when it met every task, else 后进)."""
    cols = ["region_code", "label", "target_count", "done_count", "done_over_target_pct", "met",
            "unit_rank", "unit_label"]
    shown = contest.assign(label=[item_label(i, lang) for i in contest["task"]],
                           unit_label=[verdict(bool(m), lang) for m in contest["unit_met_all"]])
    return format_table(shown, lang, columns=cols)
