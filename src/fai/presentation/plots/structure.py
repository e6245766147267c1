"""Charts of the structure report: shares of the components over time, their
growth against the total's, and their contributions (拉动) to total growth."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from fai.model import indicators, regions
from fai.presentation.colors import RESIDUAL_COLOR, color
from fai.presentation.formats import check_lang, fmt_pct
from fai.presentation.labels import indicator_label, period_label, span_label, text
from fai.presentation.plots.base import (
    components,
    date_axis,
    empty,
    figure,
    finish,
    gapped,
    pct_axis,
    pick,
    region_name,
    sep,
    title,
    to_dates,
)
from fai.presentation.sources import source_line


def plot_shares(shares: pd.DataFrame, region: str, *, lang: str = "zh"):
    """Shares of the components in total FAI over time, from ``period,
    indicator`` and ``share_of_total_pct`` (or ``share_pct``): the three
    sectors stacked (they sum to 100 %), the other components (private,
    state-holding, industry, manufacturing, infrastructure, real estate —
    overlapping, so never stacked) as lines.
    """
    check_lang(lang)
    code = regions.resolve(region)
    column = pick(shares, "share_of_total_pct", "share_pct")
    data = shares.dropna(subset=[column])
    if "region_code" in data:
        data = data[data["region_code"] == code]
    data = data[data["indicator"] != "fai_total"]
    sectors = indicators.group_members("sector")
    wide = data.pivot_table(index="period", columns="indicator", values=column, aggfunc="first")
    stacked = wide[sectors].dropna() if set(sectors) <= set(wide) else pd.DataFrame()
    others = [k for k in components(wide.columns) if k not in sectors]
    panels = int(len(stacked) > 0) + int(bool(others))
    fig, axes = figure(10, 4.3 * max(panels, 1), max(panels, 1), 1, squeeze=False)
    axes = list(axes[:, 0])
    if len(stacked):
        ax = axes.pop(0)
        x = np.arange(len(stacked))
        bottom = np.zeros(len(stacked))
        for key in sectors:
            ax.bar(x, stacked[key], bottom=bottom, color=color(key), label=indicator_label(key, lang),
                   width=0.8)
            bottom += stacked[key].to_numpy()
        step = max(1, math.ceil(len(x) / 16))
        ax.set_xticks(x[::step], list(stacked.index[::step]), rotation=45, ha="right", fontsize=8)
        ax.set_ylim(0, 100)
        ax.set_ylabel(text("share", lang))
        ax.set_xlabel(text("period", lang))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
        ax.grid(False, axis="x")
    if others:
        ax = axes.pop(0)
        for key in others:
            line = wide[[key]].dropna().reset_index()
            ax.plot(*gapped(line, key), marker="o", ms=3, lw=1.5, color=color(key),
                    label=indicator_label(key, lang))
        date_axis(ax, to_dates(pd.Series(wide.index)))
        ax.set_ylabel(text("share", lang))
        ax.set_xlabel(text("period", lang))
        ax.set_ylim(0, max(10.0, float(np.nanmax(wide[others].to_numpy(dtype=float))) * 1.15))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    if not panels:
        empty(axes[0], text("no_data", lang))
    measure = text("share", lang)
    head = f"{region_name(code, lang)}{sep(lang)}{indicator_label('fai_total', lang)}"
    title = f"{head}: {measure} of components" if lang == "en" else f"{head}：分项{measure}"
    return finish(fig, title, span_label(wide.index, lang), source_line(data, lang))


def plot_component_yoy(df: pd.DataFrame, region: str, period: str, *, lang: str = "zh"):
    """YTD YoY of each component at ``period`` (bars) against total FAI's YoY
    (dashed line), from the tidy table."""
    check_lang(lang)
    code = regions.resolve(region)
    data = df[(df["region_code"] == code) & (df["period"] == period)].dropna(subset=["yoy_pct"])
    total = data.loc[data["indicator"] == "fai_total", "yoy_pct"]
    keys = indicators.keys()
    in_tree = {k for k in keys if "fai_total" in indicators.ancestors(k)}
    comps = data[data["indicator"].isin(in_tree)]
    comps = comps.set_index("indicator").loc[components(comps["indicator"])].reset_index()
    fig, ax = figure(9, 0.45 * max(len(comps), 3) + 1.8)
    y = np.arange(len(comps))[::-1]
    ax.barh(y, comps["yoy_pct"], color=[color(k) for k in comps["indicator"]], height=0.65)
    ax.set_yticks(y, [indicator_label(k, lang) for k in comps["indicator"]])
    for yi, v in zip(y, comps["yoy_pct"]):
        ax.text(v, yi, f" {v:.1f}% ", va="center", ha="left" if v >= 0 else "right", fontsize=9)
    pct_axis(ax, text("ytd_yoy", lang), axis="x")
    if len(total):
        g = float(total.iloc[0])
        ax.axvline(g, color=color("fai_total"), ls="--", lw=1.5,
                   label=f"{indicator_label('fai_total', lang)} {fmt_pct(g)}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    values = [0.0, *comps["yoy_pct"].tolist(), *total.tolist()]
    pad = max(1.0, (max(values) - min(values)) * 0.2)
    ax.set_xlim(min(values) - pad, max(values) + pad)
    ax.grid(False, axis="y")
    measure = text("ytd_yoy", lang)
    head = f"{region_name(code, lang)}{sep(lang)}{indicator_label('fai_total', lang)}"
    title = f"{head} by component: {measure}" if lang == "en" else f"{head}分项：{measure}"
    return finish(fig, title, period_label(period, lang), source_line(data, lang))


def plot_contributions(contributions: pd.DataFrame, region: str, period: str, *, total_yoy: float | None = None,
                       residual: float | None = None, lang: str = "zh"):
    """Contribution (拉动, pp) of each component to total growth at ``period``,
    from ``indicator`` and ``contribution_to_total_pp`` (or ``contribution_pp``):
    a waterfall of the three sectors plus the residual up to total growth, and
    bars for the overlapping components. ``total_yoy`` defaults to the
    table's fai_total ``yoy_pct``; the residual to total − Σ sectors.
    """
    check_lang(lang)
    code = regions.resolve(region)
    column = pick(contributions, "contribution_to_total_pp", "contribution_pp")
    data = contributions
    if "region_code" in data:
        data = data[data["region_code"] == code]
    if "period" in data:
        data = data[data["period"] == period]
    if total_yoy is None and "yoy_pct" in data:
        tot = data.loc[data["indicator"] == "fai_total", "yoy_pct"].dropna()
        total_yoy = float(tot.iloc[0]) if len(tot) else None
    parts = data.dropna(subset=[column])
    parts = parts[parts["indicator"] != "fai_total"]
    sectors = [s for s in indicators.group_members("sector") if s in set(parts["indicator"])]
    complete = len(sectors) == len(indicators.group_members("sector"))
    others = [k for k in components(parts["indicator"]) if k not in sectors or not complete]
    value = parts.set_index("indicator")[column]
    ncols = int(complete) + int(bool(others))
    fig, axes = figure(12 if ncols == 2 else 8, 5.0, 1, max(ncols, 1), squeeze=False,
                        width_ratios=[1.15, 1] if ncols == 2 else None)
    axes = list(axes[0])
    if complete:
        ax = axes.pop(0)
        steps = [(indicator_label(k, lang), float(value[k]), color(k)) for k in sectors]
        if residual is None and total_yoy is not None:
            residual = total_yoy - sum(v for _, v, _ in steps)
        if residual is not None:
            steps.append((text("residual", lang), float(residual), RESIDUAL_COLOR))
        level = 0.0
        for i, (_, v, colour) in enumerate(steps):
            ax.bar(i, v, bottom=level, color=colour, width=0.65)
            ax.text(i, level + v, f"{v:+.2f}", ha="center", va="bottom" if v >= 0 else "top", fontsize=9)
            if i:
                ax.plot([i - 1.33, i - 0.67], [level, level], color="#777777", lw=0.8)
            level += v
        end = total_yoy if total_yoy is not None else level
        ax.plot([len(steps) - 1.33, len(steps) - 0.67], [level, level], color="#777777", lw=0.8)
        ax.bar(len(steps), end, color=color("fai_total"), width=0.65)
        ax.text(len(steps), end, f"{end:.1f}%", ha="center", va="bottom" if end >= 0 else "top", fontsize=9)
        labels = [lab for lab, _, _ in steps] + [text("total_growth", lang)]
        ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=9)
        ax.axhline(0, color="black", lw=0.9)
        tops = np.cumsum([0.0] + [v for _, v, _ in steps])
        lo, hi = min(0.0, float(tops.min()), end), max(0.0, float(tops.max()), end)
        pad = max(0.3, (hi - lo) * 0.12)
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_ylabel(text("contribution", lang))
        ax.grid(False, axis="x")
    if others:
        ax = axes.pop(0)
        vals = value[others]
        y = np.arange(len(others))[::-1]
        ax.barh(y, vals, color=[color(k) for k in others], height=0.6)
        ax.set_yticks(y, [indicator_label(k, lang) for k in others], fontsize=9)
        for yi, v in zip(y, vals):
            ax.text(v, yi, f" {v:+.2f} ", va="center", ha="left" if v >= 0 else "right", fontsize=9)
        lo, hi = min(0.0, float(vals.min())), max(0.0, float(vals.max()))
        pad = max(0.3, (hi - lo) * 0.3)
        ax.set_xlim(lo - pad, hi + pad)
        ax.axvline(0, color="black", lw=0.9)
        ax.set_ylim(min(-0.8, len(others) - 4.2), len(others) - 0.2)  # bars from the top
        ax.set_xlabel(text("contribution", lang))
        ax.grid(False, axis="y")
    if not ncols:
        empty(axes[0], text("no_data", lang))
    return finish(fig, title(code, "fai_total", text("contribution", lang), lang),
                   period_label(period, lang), source_line(data, lang))
