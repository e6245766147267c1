"""Charts of the growth report: YTD growth over the years against the parent,
single months, published against implied growth, seasonally adjusted m/m."""

from __future__ import annotations

import numpy as np
import pandas as pd

from fai.model import regions
from fai.presentation.colors import PALETTE, PARENT_COLOR, color
from fai.presentation.formats import check_lang, fmt_pct
from fai.presentation.labels import span_label, text
from fai.presentation.plots.base import (
    TimeAxis,
    ancestor_with_data,
    bars,
    figure,
    finish,
    level_axis,
    one_series,
    pct_axis,
    region_name,
    series_rows,
    title,
)
from fai.presentation.sources import source_line


def plot_yoy_history(
    df: pd.DataFrame,
    region: str,
    indicator: str = "fai_total",
    *,
    parent: str | None = None,
    period_end: str | None = None,
    lang: str = "zh",
):
    """YTD YoY of a region over the years against its parent (the nearest
    ancestor with data unless ``parent`` is given), from the tidy table.

    >>> fig = plot_yoy_history(fai.load(), "000000")  # doctest: +SKIP
    """
    check_lang(lang)
    code = regions.resolve(region)
    parent_code = regions.resolve(parent) if parent else ancestor_with_data(df, code, indicator)
    own = series_rows(df, code, indicator).dropna(subset=["yoy_pct"])
    if period_end:
        own = own[own["period"] <= period_end]
    par = pd.DataFrame(columns=["period", "yoy_pct"])
    if parent_code:
        par = series_rows(df, parent_code, indicator).dropna(subset=["yoy_pct"])
        if len(own):
            par = par[(par["period"] >= own["period"].min()) & (par["period"] <= own["period"].max())]
    axis = TimeAxis([*own["period"], *par["period"]], lang)
    fig, ax = figure(10, 4.8)
    shown = [own]
    ax.plot(*axis.line(own, "yoy_pct"), marker="o", ms=3.5, lw=1.8,
            color=color(indicator), label=region_name(code, lang), zorder=3)
    if len(par):
        ax.plot(*axis.line(par, "yoy_pct"), marker="s", ms=3, lw=1.3, ls="--",
                color=PARENT_COLOR, label=region_name(parent_code, lang), zorder=2)
        shown.append(par)
    axis.apply(ax)
    if axis.categorical:
        axis.write_values(ax, own, "yoy_pct", fmt_pct, color(indicator))
    elif len(own):
        last = own.iloc[-1]
        ax.annotate(fmt_pct(last["yoy_pct"]), (axis.x([last["period"]]).iloc[0], last["yoy_pct"]),
                    textcoords="offset points", xytext=(6, 6), fontsize=9, color=color(indicator))
    pct_axis(ax, text("ytd_yoy", lang))
    ax.set_xlabel(text("period", lang))
    ax.legend(loc="best", frameon=False)
    return finish(fig, title(code, indicator, text("ytd_yoy", lang), lang),
                  span_label(own["period"], lang), source_line(pd.concat(shown), lang))


def plot_single_month(months: pd.DataFrame, region: str, indicator: str = "fai_total", *, lang: str = "zh"):
    """Single-month levels (bars, 亿元) with single-month YoY (line, %, right
    axis) from a table with ``period, month_value_100m_yuan, month_yoy_pct``
    (and ``months_covered``: 1—2月 bars are hatched, they hold two months).
    """
    check_lang(lang)
    code = regions.resolve(region)
    data = one_series(months, code, indicator)
    data = data.dropna(subset=["month_value_100m_yuan"])
    axis = TimeAxis(data["period"], lang, monthly=True)
    fig, ax = figure(10, 4.8)
    xs = axis.x(data["period"])
    covered = data["months_covered"] if "months_covered" in data else pd.Series(1, index=data.index)
    two = (covered == 2).to_numpy()
    ax.bar(xs[~two], data.loc[~two, "month_value_100m_yuan"], width=axis.bar_width, color=color(indicator),
           alpha=0.55, label=text("month_value", lang))
    if two.any():
        ax.bar(xs[two], data.loc[two, "month_value_100m_yuan"], width=axis.bar_width, color=color(indicator),
               alpha=0.3, hatch="///", edgecolor=color(indicator), label=text("two_months", lang))
    level_axis(ax, text("month_value", lang))
    ax.set_xlabel(text("period", lang))
    ax.grid(False, axis="x")
    axis.write_values(ax, data, "month_value_100m_yuan", lambda v: f"{v:,.0f}", color(indicator))
    right = ax.twinx()
    yoy = data.dropna(subset=["month_yoy_pct"])
    # a line only joins consecutive months (Dec → 1—2月 is consecutive too)
    right.plot(*axis.line(yoy, "month_yoy_pct", max_gap_months=2), color=PALETTE["fai_real_estate"],
               marker="o", ms=3, lw=1.5, label=text("month_yoy", lang))
    # the right axis's zero: dotted, in the line's colour, so it reads as the line's
    pct_axis(right, text("month_yoy", lang), zero_color=PALETTE["fai_real_estate"])
    right.grid(False)
    axis.apply(ax)
    handles = ax.get_legend_handles_labels()
    handles2 = right.get_legend_handles_labels()
    ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], loc="upper left", frameon=False, fontsize=9)
    measure = f"{text('month_value', lang)}, {text('month_yoy', lang)}" if lang == "en" else \
        f"{text('month_value', lang)}与{text('month_yoy', lang)}"
    return finish(fig, title(code, indicator, measure, lang),
                  span_label(data["period"], lang, monthly=True), source_line(data, lang))


def plot_revision_gap(table: pd.DataFrame, region: str, indicator: str = "fai_total", *, lang: str = "zh"):
    """Published YTD YoY against the growth implied by published levels, and
    the revision gap in pp (bars), from ``period, yoy_pct, implied_yoy_pct,
    revision_gap_pp``. The published rate is never corrected with it.
    """
    check_lang(lang)
    code = regions.resolve(region)
    data = one_series(table, code, indicator)
    data = data.dropna(subset=["implied_yoy_pct"])
    axis = TimeAxis(data["period"], lang)
    fig, (top, bottom) = figure(10, 6, 2, 1, sharex=True, height_ratios=[2.2, 1])
    xs = axis.x(data["period"])
    top.plot(xs, data["yoy_pct"], marker="o", ms=3, lw=1.8, color=color(indicator),
             label=text("reported_yoy", lang))
    top.plot(xs, data["implied_yoy_pct"], marker="s", ms=3, lw=1.3, ls="--", color=PARENT_COLOR,
             label=text("implied_yoy", lang))
    axis.write_values(top, data, "yoy_pct", fmt_pct, color(indicator))
    pct_axis(top, text("ytd_yoy", lang))
    top.legend(loc="best", frameon=False, fontsize=9)
    gap = data["revision_gap_pp"]
    bars(bottom, xs, gap, axis.bar_width, np.where(gap >= 0, PALETTE["fai_real_estate"], PALETTE["fai_secondary"]))
    bottom.axhline(0, color="black", lw=0.9)
    bottom.set_ylabel(text("revision_gap", lang))
    bottom.set_xlabel(text("period", lang))
    axis.apply(bottom)
    measure = f"{text('reported_yoy', lang)}、{text('implied_yoy', lang)}" if lang == "zh" else \
        f"{text('reported_yoy', lang)} vs {text('implied_yoy', lang)}"
    return finish(fig, title(code, indicator, measure, lang), span_label(data["period"], lang),
                  source_line(data, lang))


def plot_mom_sa(df: pd.DataFrame, region: str = "000000", *, period_end: str | None = None, lang: str = "zh"):
    """NBS's seasonally adjusted month-on-month % of total FAI (bars; the
    tidy table's ``mom_sa_pct`` column, on the fai_total rows)."""
    check_lang(lang)
    code = regions.resolve(region)
    data = series_rows(df, code, "fai_total").dropna(subset=["mom_sa_pct"])
    if period_end:
        data = data[data["period"] <= period_end]
    axis = TimeAxis(data["period"], lang, monthly=True)
    fig, ax = figure(10, 4.2)
    xs = axis.x(data["period"])
    values = data["mom_sa_pct"]
    bars(ax, xs, values, axis.bar_width, np.where(values >= 0, color("fai_total"), PALETTE["fai_real_estate"]))
    if len(values):
        # one outlier (2020年2月: −27.38 %) would flatten every other bar: clip the
        # axis at twice the 90th percentile and write the clipped values
        limit = max(1.0, 2 * float(np.nanpercentile(values.abs(), 90)))
        lo, hi = max(float(values.min()), -limit), min(float(values.max()), limit)
        ax.set_ylim(min(lo, 0) * 1.15 - 0.1, max(hi, 0) * 1.15 + 0.1)
        for d, v in zip(xs, values):
            if abs(v) > limit:
                ax.annotate(f"{v:.2f}%", (d, min(max(v, lo), hi)), xytext=(4, -10 if v < 0 else 2),
                            textcoords="offset points", fontsize=8, color=PALETTE["fai_real_estate"],
                            ha="left", va="bottom")
    axis.write_values(ax, data, "mom_sa_pct", lambda v: fmt_pct(v, 2), color("fai_total"))
    pct_axis(ax, text("mom_sa", lang))
    ax.set_xlabel(text("period", lang))
    axis.apply(ax)
    return finish(fig, title(code, "fai_total", text("mom_sa", lang), lang),
                  span_label(data["period"], lang, monthly=True), source_line(data, lang))


def plot_gap_history(ranks: pd.DataFrame, region: str, parent: str, *, lang: str = "zh",
                     source: str | None = None):
    """A region's growth minus its parent's over the years (bars, pp: red above,
    blue below) and its rank among its peers (line, right axis, 1 at the top),
    from :func:`fai.metrics.ranks.rank_panel` rows of the region."""
    import matplotlib.ticker as mticker

    check_lang(lang)
    code, parent_code = regions.resolve(region), regions.resolve(parent)
    data = ranks[ranks["region_code"] == code].dropna(subset=["vs_parent_pp"]).sort_values("period")
    axis = TimeAxis(data["period"], lang)
    fig, ax = figure(10, 4.8)
    xs = axis.x(data["period"])
    gap = data["vs_parent_pp"].astype(float)
    bars(ax, xs, gap, axis.bar_width, np.where(gap >= 0, PALETTE["fai_real_estate"], PALETTE["fai_secondary"]),
         alpha=0.8, label=text("vs_parent", lang))
    ax.axhline(0, color="black", lw=0.9)
    ax.set_ylabel(text("vs_parent", lang))
    ax.grid(False, axis="x")
    right = ax.twinx()
    right.plot(xs, data["rank"].astype(float), color=color("fai_total"), lw=1.3, marker="o", ms=2,
               label=text("rank_among", lang))
    n = int(data["n_ranked"].max()) if len(data) else 1
    right.set_ylim(n + 0.5, 0.5)
    right.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    right.set_ylabel(text("rank_among", lang))
    right.grid(False)
    axis.apply(ax)
    ax.set_xlabel(text("period", lang))
    handles = ax.get_legend_handles_labels()
    handles2 = right.get_legend_handles_labels()
    ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], loc="upper left", frameon=False, fontsize=9)
    vs = region_name(parent_code, lang)
    measure = f"growth minus {vs} (pp) and rank" if lang == "en" else f"与{vs}增速之差（个百分点）及位次"
    return finish(fig, title(code, "fai_total", measure, lang), span_label(data["period"], lang),
                  source or source_line(data, lang))


def plot_yearly(years: pd.DataFrame, region: str, indicator: str = "fai_total", *, lang: str = "zh",
                source: str | None = None):
    """Growth of each year (1—12月) as bars with their values, from rows with
    ``period`` (YYYY-12) and ``yoy_pct``."""
    check_lang(lang)
    code = regions.resolve(region)
    data = years.dropna(subset=["yoy_pct"]).sort_values("period")
    fig, ax = figure(10, 4.2)
    values = data["yoy_pct"].astype(float)
    xs = np.arange(len(data))
    ax.bar(xs, values, width=0.6, color=np.where(values >= 0, color(indicator), PALETTE["fai_real_estate"]))
    for x, v in zip(xs, values):
        ax.text(x, v, f"{v:.1f}", ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
    ax.set_xticks(xs, [p[:4] for p in data["period"]], fontsize=8.5)
    pct_axis(ax, text("ytd_yoy", lang))
    ax.set_xlabel(text("period", lang) + ("（1—12月）" if lang == "zh" else " (Jan–Dec)"))
    ax.grid(False, axis="x")
    return finish(fig, title(code, indicator, text("ytd_yoy", lang), lang), span_label(data["period"], lang),
                  source or source_line(data, lang))
