"""Charts of the report templates. Every function takes a table (the tidy
table or a metrics table), returns a matplotlib Figure and never shows or
saves it.

Common rules (texts, colours, numbers from :mod:`fai.presentation.style`): the title says
region, indicator, measure with its unit, and the period; growth axes are in
% with a zero line; a source line sits under each chart; Chinese text uses
the bundled Noto Sans CJK SC (:func:`fai.presentation.fonts.use_chinese_font`, applied
after seaborn's theme); ``lang="en"`` switches every label to English.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from fai.model import indicators, periods, regions
from fai.presentation import style as st
from fai.presentation.fonts import use_chinese_font

SOURCE_INCHES = 0.32  # height kept free under the axes for the source line


# --------------------------------------------------------------------------- helpers
def _setup():
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    use_chinese_font()


def _figure(width: float, height: float, nrows: int = 1, ncols: int = 1, **kwargs):
    _setup()
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)
    plt.close(fig)  # the caller displays it; no second copy from pyplot's state
    return fig, axes


def _finish(fig, title: str, subtitle: str, source: str):
    """Title (region, indicator, measure and unit / period) and source line."""
    height = fig.get_figheight()
    bottom = min(0.2, SOURCE_INCHES / height)
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    fig.suptitle(f"{title}\n{subtitle}" if subtitle else title, fontsize=13, linespacing=1.5)
    fig.text(0.01, 0.012, source, ha="left", va="bottom", fontsize=8.5, color="#555555")
    return fig


def _dates(values: pd.Series) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values).astype(str).to_numpy() + "-15"))


def _gapped(rows: pd.DataFrame, column: str, max_gap_months: int = 12) -> tuple[pd.Series, pd.Series]:
    """x (dates) and y with a NaN inserted where two points are more than
    ``max_gap_months`` apart, so a line never bridges years without data."""
    idx = periods.period_index(rows["period"].reset_index(drop=True))
    gap = idx.diff() > max_gap_months
    x, y = [], []
    for is_gap, period, value in zip(gap, rows["period"], rows[column]):
        if is_gap:
            x.append(pd.NaT)
            y.append(np.nan)
        x.append(pd.Timestamp(f"{period}-15"))
        y.append(value)
    return pd.Series(x), pd.Series(y, dtype=float)


def _date_axis(ax, dates: pd.Series) -> None:
    import matplotlib.dates as mdates

    span_years = (dates.max() - dates.min()).days / 365.25 if len(dates) else 0
    if span_years >= 3:
        ax.xaxis.set_major_locator(mdates.YearLocator(1 if span_years < 8 else 2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(3, 6, 9, 12) if span_years > 1 else None))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    if len(dates):
        pad = pd.Timedelta(days=40)
        ax.set_xlim(dates.min() - pad, dates.max() + pad)


def _pct_axis(ax, label: str, *, axis: str = "y", zero_color: str = "black") -> None:
    import matplotlib.ticker as mticker

    formatter = mticker.FuncFormatter(lambda v, _: f"{v:g}%")
    if axis == "y":
        ax.yaxis.set_major_formatter(formatter)
        ax.set_ylabel(label)
        ax.axhline(0, color=zero_color, lw=0.9, zorder=1, ls="-" if zero_color == "black" else ":")
    else:
        ax.xaxis.set_major_formatter(formatter)
        ax.set_xlabel(label)
        ax.axvline(0, color="black", lw=0.9, zorder=1)


def _level_axis(ax, label: str) -> None:
    import matplotlib.ticker as mticker

    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel(label)


def _short(code: str, lang: str) -> str:
    reg = regions.registry().set_index("region_code")
    if lang == "en":
        return str(reg.at[code, "region_name_en"])
    return str(reg.at[code, "short_name"])


def _rows(df: pd.DataFrame, region: str, indicator: str) -> pd.DataFrame:
    out = df[(df["region_code"] == region) & (df["indicator"] == indicator)]
    return out.sort_values("period")


def _ancestor_with_data(df: pd.DataFrame, region: str, indicator: str) -> str | None:
    return next(
        (code for code in regions.ancestors(region) if _rows(df, code, indicator)["yoy_pct"].notna().any()),
        None,
    )


def _one_series(frame: pd.DataFrame, code: str, indicator: str) -> pd.DataFrame:
    """Rows of one region and indicator, by period — filtering only on the columns the table has."""
    data = frame.sort_values("period")
    if "region_code" in data:
        data = data[data["region_code"] == code]
    if "indicator" in data:
        data = data[data["indicator"] == indicator]
    return data


def _empty(fig_ax, message: str) -> None:
    ax = fig_ax
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


def _name(region: str, lang: str) -> str:
    return st.region_label(region, lang)


def _sep(lang: str) -> str:
    return " " if lang == "en" else ""


def _title(region: str, indicator: str | None, measure: str, lang: str) -> str:
    parts = [_name(region, lang)]
    if indicator:
        parts.append(st.indicator_label(indicator, lang))
    head = _sep(lang).join(parts)
    return f"{head}: {measure}" if lang == "en" else f"{head}：{measure}"


# --------------------------------------------------------------------------- growth
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
    st.check_lang(lang)
    code = regions.resolve(region)
    parent_code = regions.resolve(parent) if parent else _ancestor_with_data(df, code, indicator)
    own = _rows(df, code, indicator).dropna(subset=["yoy_pct"])
    if period_end:
        own = own[own["period"] <= period_end]
    fig, ax = _figure(10, 4.8)
    shown = [own]
    ax.plot(*_gapped(own, "yoy_pct"), marker="o", ms=3.5, lw=1.8,
            color=st.color(indicator), label=_name(code, lang), zorder=3)
    if parent_code:
        par = _rows(df, parent_code, indicator).dropna(subset=["yoy_pct"])
        if len(own):
            par = par[(par["period"] >= own["period"].min()) & (par["period"] <= own["period"].max())]
        if len(par):
            ax.plot(*_gapped(par, "yoy_pct"), marker="s", ms=3, lw=1.3, ls="--",
                    color=st.PARENT_COLOR, label=_name(parent_code, lang), zorder=2)
            shown.append(par)
    if len(own):
        _date_axis(ax, _dates(own["period"]))
        last = own.iloc[-1]
        ax.annotate(st.fmt_pct(last["yoy_pct"]), (_dates(pd.Series([last["period"]])).iloc[0], last["yoy_pct"]),
                    textcoords="offset points", xytext=(6, 6), fontsize=9, color=st.color(indicator))
    _pct_axis(ax, st.text("ytd_yoy", lang))
    ax.set_xlabel(st.text("period", lang))
    ax.legend(loc="best", frameon=False)
    return _finish(fig, _title(code, indicator, st.text("ytd_yoy", lang), lang),
                   st.span_label(own["period"], lang), st.source_line(pd.concat(shown), lang))


def plot_single_month(months: pd.DataFrame, region: str, indicator: str = "fai_total", *, lang: str = "zh"):
    """Single-month levels (bars, 亿元) with single-month YoY (line, %, right
    axis) from a table with ``period, month_value_100m_yuan, month_yoy_pct``
    (and ``months_covered``: 1—2月 bars are hatched, they hold two months).
    """
    st.check_lang(lang)
    code = regions.resolve(region)
    data = _one_series(months, code, indicator)
    data = data.dropna(subset=["month_value_100m_yuan"])
    fig, ax = _figure(10, 4.8)
    dates = _dates(data["period"])
    covered = data["months_covered"] if "months_covered" in data else pd.Series(1, index=data.index)
    two = (covered == 2).to_numpy()
    ax.bar(dates[~two], data.loc[~two, "month_value_100m_yuan"], width=24, color=st.color(indicator),
           alpha=0.55, label=st.text("month_value", lang))
    if two.any():
        ax.bar(dates[two], data.loc[two, "month_value_100m_yuan"], width=24, color=st.color(indicator),
               alpha=0.3, hatch="///", edgecolor=st.color(indicator), label=st.text("two_months", lang))
    _level_axis(ax, st.text("month_value", lang))
    ax.set_xlabel(st.text("period", lang))
    ax.grid(False, axis="x")
    right = ax.twinx()
    yoy = data.dropna(subset=["month_yoy_pct"])
    # a line only joins consecutive months (Dec → 1—2月 is consecutive too)
    right.plot(*_gapped(yoy, "month_yoy_pct", max_gap_months=2), color=st.PALETTE["fai_real_estate"],
               marker="o", ms=3, lw=1.5, label=st.text("month_yoy", lang))
    # the right axis's zero: dotted, in the line's colour, so it reads as the line's
    _pct_axis(right, st.text("month_yoy", lang), zero_color=st.PALETTE["fai_real_estate"])
    right.grid(False)
    if len(dates):
        _date_axis(ax, dates)
    handles = ax.get_legend_handles_labels()
    handles2 = right.get_legend_handles_labels()
    ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], loc="upper left", frameon=False, fontsize=9)
    measure = f"{st.text('month_value', lang)}, {st.text('month_yoy', lang)}" if lang == "en" else \
        f"{st.text('month_value', lang)}与{st.text('month_yoy', lang)}"
    return _finish(fig, _title(code, indicator, measure, lang),
                   st.span_label(data["period"], lang, monthly=True), st.source_line(data, lang))


def plot_revision_gap(table: pd.DataFrame, region: str, indicator: str = "fai_total", *, lang: str = "zh"):
    """Published YTD YoY against the growth implied by published levels, and
    the revision gap in pp (bars), from ``period, yoy_pct, implied_yoy_pct,
    revision_gap_pp``. The published rate is never corrected with it.
    """
    st.check_lang(lang)
    code = regions.resolve(region)
    data = _one_series(table, code, indicator)
    data = data.dropna(subset=["implied_yoy_pct"])
    fig, (top, bottom) = _figure(10, 6, 2, 1, sharex=True, height_ratios=[2.2, 1])
    dates = _dates(data["period"])
    top.plot(dates, data["yoy_pct"], marker="o", ms=3, lw=1.8, color=st.color(indicator),
             label=st.text("reported_yoy", lang))
    top.plot(dates, data["implied_yoy_pct"], marker="s", ms=3, lw=1.3, ls="--", color=st.PARENT_COLOR,
             label=st.text("implied_yoy", lang))
    _pct_axis(top, st.text("ytd_yoy", lang))
    top.legend(loc="best", frameon=False, fontsize=9)
    gap = data["revision_gap_pp"]
    bottom.bar(dates, gap, width=24, color=np.where(gap >= 0, st.PALETTE["fai_real_estate"],
                                                       st.PALETTE["fai_secondary"]))
    bottom.axhline(0, color="black", lw=0.9)
    bottom.set_ylabel(st.text("revision_gap", lang))
    bottom.set_xlabel(st.text("period", lang))
    if len(dates):
        _date_axis(bottom, dates)
    measure = f"{st.text('reported_yoy', lang)}、{st.text('implied_yoy', lang)}" if lang == "zh" else \
        f"{st.text('reported_yoy', lang)} vs {st.text('implied_yoy', lang)}"
    return _finish(fig, _title(code, indicator, measure, lang), st.span_label(data["period"], lang),
                   st.source_line(data, lang))


def plot_mom_sa(df: pd.DataFrame, region: str = "000000", *, period_end: str | None = None, lang: str = "zh"):
    """NBS's seasonally adjusted month-on-month % of total FAI (bars; the
    tidy table's ``mom_sa_pct`` column, on the fai_total rows)."""
    st.check_lang(lang)
    code = regions.resolve(region)
    data = _rows(df, code, "fai_total").dropna(subset=["mom_sa_pct"])
    if period_end:
        data = data[data["period"] <= period_end]
    fig, ax = _figure(10, 4.2)
    dates = _dates(data["period"])
    values = data["mom_sa_pct"]
    ax.bar(dates, values, width=24, color=np.where(values >= 0, st.color("fai_total"), st.PALETTE["fai_real_estate"]))
    if len(values):
        # one outlier (2020年2月: −27.38 %) would flatten every other bar: clip the
        # axis at twice the 90th percentile and write the clipped values
        limit = max(1.0, 2 * float(np.nanpercentile(values.abs(), 90)))
        lo, hi = max(float(values.min()), -limit), min(float(values.max()), limit)
        ax.set_ylim(min(lo, 0) * 1.15 - 0.1, max(hi, 0) * 1.15 + 0.1)
        for d, v in zip(dates, values):
            if abs(v) > limit:
                ax.annotate(f"{v:.2f}%", (d, min(max(v, lo), hi)), xytext=(4, -10 if v < 0 else 2),
                            textcoords="offset points", fontsize=8, color=st.PALETTE["fai_real_estate"],
                            ha="left", va="bottom")
    _pct_axis(ax, st.text("mom_sa", lang))
    ax.set_xlabel(st.text("period", lang))
    if len(dates):
        _date_axis(ax, dates)
    return _finish(fig, _title(code, "fai_total", st.text("mom_sa", lang), lang),
                   st.span_label(data["period"], lang, monthly=True), st.source_line(data, lang))


# --------------------------------------------------------------------------- structure
def _components(keys: Sequence[str]) -> list[str]:
    order = indicators.keys()
    return sorted({k for k in keys if k != "fai_total" and k in order}, key=order.index)


def _pick(frame: pd.DataFrame, *names: str) -> str:
    for name in names:
        if name in frame:
            return name
    raise KeyError(f"none of the columns {names} is in the table")


def plot_shares(shares: pd.DataFrame, region: str, *, lang: str = "zh"):
    """Shares of the components in total FAI over time, from ``period,
    indicator`` and ``share_of_total_pct`` (or ``share_pct``): the three
    sectors stacked (they sum to 100 %), the other components (private,
    state-holding, industry, manufacturing, infrastructure, real estate —
    overlapping, so never stacked) as lines.
    """
    st.check_lang(lang)
    code = regions.resolve(region)
    column = _pick(shares, "share_of_total_pct", "share_pct")
    data = shares.dropna(subset=[column])
    if "region_code" in data:
        data = data[data["region_code"] == code]
    data = data[data["indicator"] != "fai_total"]
    sectors = indicators.group_members("sector")
    wide = data.pivot_table(index="period", columns="indicator", values=column, aggfunc="first")
    stacked = wide[sectors].dropna() if set(sectors) <= set(wide) else pd.DataFrame()
    others = [k for k in _components(wide.columns) if k not in sectors]
    panels = int(len(stacked) > 0) + int(bool(others))
    fig, axes = _figure(10, 4.3 * max(panels, 1), max(panels, 1), 1, squeeze=False)
    axes = list(axes[:, 0])
    if len(stacked):
        ax = axes.pop(0)
        x = np.arange(len(stacked))
        bottom = np.zeros(len(stacked))
        for key in sectors:
            ax.bar(x, stacked[key], bottom=bottom, color=st.color(key), label=st.indicator_label(key, lang),
                   width=0.8)
            bottom += stacked[key].to_numpy()
        step = max(1, math.ceil(len(x) / 16))
        ax.set_xticks(x[::step], list(stacked.index[::step]), rotation=45, ha="right", fontsize=8)
        ax.set_ylim(0, 100)
        ax.set_ylabel(st.text("share", lang))
        ax.set_xlabel(st.text("period", lang))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
        ax.grid(False, axis="x")
    if others:
        ax = axes.pop(0)
        for key in others:
            line = wide[[key]].dropna().reset_index()
            ax.plot(*_gapped(line, key), marker="o", ms=3, lw=1.5, color=st.color(key),
                    label=st.indicator_label(key, lang))
        _date_axis(ax, _dates(pd.Series(wide.index)))
        ax.set_ylabel(st.text("share", lang))
        ax.set_xlabel(st.text("period", lang))
        ax.set_ylim(0, max(10.0, float(np.nanmax(wide[others].to_numpy(dtype=float))) * 1.15))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    if not panels:
        _empty(axes[0], st.text("no_data", lang))
    measure = st.text("share", lang)
    head = f"{_name(code, lang)}{_sep(lang)}{st.indicator_label('fai_total', lang)}"
    title = f"{head}: {measure} of components" if lang == "en" else f"{head}：分项{measure}"
    return _finish(fig, title, st.span_label(wide.index, lang), st.source_line(data, lang))


def plot_component_yoy(df: pd.DataFrame, region: str, period: str, *, lang: str = "zh"):
    """YTD YoY of each component at ``period`` (bars) against total FAI's YoY
    (dashed line), from the tidy table."""
    st.check_lang(lang)
    code = regions.resolve(region)
    data = df[(df["region_code"] == code) & (df["period"] == period)].dropna(subset=["yoy_pct"])
    total = data.loc[data["indicator"] == "fai_total", "yoy_pct"]
    keys = indicators.keys()
    in_tree = {k for k in keys if "fai_total" in indicators.ancestors(k)}
    comps = data[data["indicator"].isin(in_tree)]
    comps = comps.set_index("indicator").loc[_components(comps["indicator"])].reset_index()
    fig, ax = _figure(9, 0.45 * max(len(comps), 3) + 1.8)
    y = np.arange(len(comps))[::-1]
    ax.barh(y, comps["yoy_pct"], color=[st.color(k) for k in comps["indicator"]], height=0.65)
    ax.set_yticks(y, [st.indicator_label(k, lang) for k in comps["indicator"]])
    for yi, v in zip(y, comps["yoy_pct"]):
        ax.text(v, yi, f" {v:.1f}% ", va="center", ha="left" if v >= 0 else "right", fontsize=9)
    _pct_axis(ax, st.text("ytd_yoy", lang), axis="x")
    if len(total):
        g = float(total.iloc[0])
        ax.axvline(g, color=st.color("fai_total"), ls="--", lw=1.5,
                   label=f"{st.indicator_label('fai_total', lang)} {st.fmt_pct(g)}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    values = [0.0, *comps["yoy_pct"].tolist(), *total.tolist()]
    pad = max(1.0, (max(values) - min(values)) * 0.2)
    ax.set_xlim(min(values) - pad, max(values) + pad)
    ax.grid(False, axis="y")
    measure = st.text("ytd_yoy", lang)
    head = f"{_name(code, lang)}{_sep(lang)}{st.indicator_label('fai_total', lang)}"
    title = f"{head} by component: {measure}" if lang == "en" else f"{head}分项：{measure}"
    return _finish(fig, title, st.period_label(period, lang), st.source_line(data, lang))


def plot_contributions(contributions: pd.DataFrame, region: str, period: str, *, total_yoy: float | None = None,
                       residual: float | None = None, lang: str = "zh"):
    """Contribution (拉动, pp) of each component to total growth at ``period``,
    from ``indicator`` and ``contribution_to_total_pp`` (or ``contribution_pp``):
    a waterfall of the three sectors plus the residual up to total growth, and
    bars for the overlapping components. ``total_yoy`` defaults to the
    table's fai_total ``yoy_pct``; the residual to total − Σ sectors.
    """
    st.check_lang(lang)
    code = regions.resolve(region)
    column = _pick(contributions, "contribution_to_total_pp", "contribution_pp")
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
    others = [k for k in _components(parts["indicator"]) if k not in sectors or not complete]
    value = parts.set_index("indicator")[column]
    ncols = int(complete) + int(bool(others))
    fig, axes = _figure(12 if ncols == 2 else 8, 5.0, 1, max(ncols, 1), squeeze=False,
                        width_ratios=[1.15, 1] if ncols == 2 else None)
    axes = list(axes[0])
    if complete:
        ax = axes.pop(0)
        steps = [(st.indicator_label(k, lang), float(value[k]), st.color(k)) for k in sectors]
        if residual is None and total_yoy is not None:
            residual = total_yoy - sum(v for _, v, _ in steps)
        if residual is not None:
            steps.append((st.text("residual", lang), float(residual), st.RESIDUAL_COLOR))
        level = 0.0
        for i, (_, v, colour) in enumerate(steps):
            ax.bar(i, v, bottom=level, color=colour, width=0.65)
            ax.text(i, level + v, f"{v:+.2f}", ha="center", va="bottom" if v >= 0 else "top", fontsize=9)
            if i:
                ax.plot([i - 1.33, i - 0.67], [level, level], color="#777777", lw=0.8)
            level += v
        end = total_yoy if total_yoy is not None else level
        ax.plot([len(steps) - 1.33, len(steps) - 0.67], [level, level], color="#777777", lw=0.8)
        ax.bar(len(steps), end, color=st.color("fai_total"), width=0.65)
        ax.text(len(steps), end, f"{end:.1f}%", ha="center", va="bottom" if end >= 0 else "top", fontsize=9)
        labels = [lab for lab, _, _ in steps] + [st.text("total_growth", lang)]
        ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=9)
        ax.axhline(0, color="black", lw=0.9)
        tops = np.cumsum([0.0] + [v for _, v, _ in steps])
        lo, hi = min(0.0, float(tops.min()), end), max(0.0, float(tops.max()), end)
        pad = max(0.3, (hi - lo) * 0.12)
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_ylabel(st.text("contribution", lang))
        ax.grid(False, axis="x")
    if others:
        ax = axes.pop(0)
        vals = value[others]
        y = np.arange(len(others))[::-1]
        ax.barh(y, vals, color=[st.color(k) for k in others], height=0.6)
        ax.set_yticks(y, [st.indicator_label(k, lang) for k in others], fontsize=9)
        for yi, v in zip(y, vals):
            ax.text(v, yi, f" {v:+.2f} ", va="center", ha="left" if v >= 0 else "right", fontsize=9)
        lo, hi = min(0.0, float(vals.min())), max(0.0, float(vals.max()))
        pad = max(0.3, (hi - lo) * 0.3)
        ax.set_xlim(lo - pad, hi + pad)
        ax.axvline(0, color="black", lw=0.9)
        ax.set_ylim(min(-0.8, len(others) - 4.2), len(others) - 0.2)  # bars from the top
        ax.set_xlabel(st.text("contribution", lang))
        ax.grid(False, axis="y")
    if not ncols:
        _empty(axes[0], st.text("no_data", lang))
    return _finish(fig, _title(code, "fai_total", st.text("contribution", lang), lang),
                   st.period_label(period, lang), st.source_line(data, lang))


# --------------------------------------------------------------------------- regions
def _scope(parent_code: str, lang: str) -> str:
    """全国各地区 / 东部地区所辖地区; "Regions of China"."""
    if lang == "en":
        return f"Regions of {_name(parent_code, lang)}"
    return "全国各地区" if parent_code == regions.NATION else f"{_name(parent_code, lang)}所辖地区"


def plot_ranking(table: pd.DataFrame, parent: str, period: str | None = None, *, value: str = "yoy_pct",
                 lang: str = "zh"):
    """Peers ranked by YoY (bars, fastest on top) with the parent's growth as
    a dashed line, from :func:`fai.metrics.comparison.compare_regions` tables
    (``region_code, indicator, yoy_pct, parent_yoy_pct``; several indicators
    concatenated → one panel each). Bars at or above the parent are in the
    indicator's colour, those below in grey. ``value="contribution_to_parent_pp"``
    ranks contributions to the parent's growth instead.
    """
    st.check_lang(lang)
    parent_code = regions.resolve(parent)
    data = table[table["region_code"] != parent_code].dropna(subset=[value])
    if period and "period" in data:
        data = data[data["period"] == period]
    keys = list(dict.fromkeys(data["indicator"])) if "indicator" in data else ["fai_total"]
    counts = data.groupby("indicator").size() if "indicator" in data else pd.Series([len(data)])
    n_peers = int(counts.max()) if len(counts) else 1
    width = min(3.6 * len(keys) + 2.0, 17.0) if len(keys) > 1 else 8.5
    fig, axes = _figure(width, 0.27 * n_peers + 2.4, 1, len(keys), squeeze=False)
    label = st.text("ytd_yoy", lang) if value == "yoy_pct" else st.COLUMNS[value][1 if lang == "en" else 0]
    for ax, key in zip(axes[0], keys):
        part = data[data["indicator"] == key] if "indicator" in data else data
        part = part.sort_values(value, ascending=True)
        ref = None
        if value == "yoy_pct" and "parent_yoy_pct" in part and part["parent_yoy_pct"].notna().any():
            ref = float(part["parent_yoy_pct"].dropna().iloc[0])
        y = np.arange(len(part))
        colours = [st.color(key) if ref is None or v >= ref else st.RESIDUAL_COLOR for v in part[value]]
        ax.barh(y, part[value], color=colours, height=0.7)
        ax.set_yticks(y, [_short(c, lang) for c in part["region_code"]], fontsize=8.5 if n_peers > 12 else 10)
        for yi, v in zip(y, part[value]):
            ax.text(v, yi, f" {v:.1f} " if value.endswith("_pct") else f" {v:.2f} ", va="center",
                    ha="left" if v >= 0 else "right", fontsize=7.5 if n_peers > 12 else 9)
        if value.endswith("_pct"):
            _pct_axis(ax, label, axis="x")
        else:
            ax.set_xlabel(label)
            ax.axvline(0, color="black", lw=0.9)
        if ref is not None:  # the parent's growth: a dashed line named above the axes, clear of the bars
            ax.axvline(ref, color=st.PARENT_COLOR, ls="--", lw=1.6)
            ax.text(ref, 1.005, f"{_name(parent_code, lang)} {st.fmt_pct(ref)}", transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=8.5, color="#555555")
        values = [0.0, *part[value].tolist(), *([ref] if ref is not None else [])]
        pad = max(1.0, (max(values) - min(values)) * 0.16)
        ax.set_xlim(min(values) - pad, max(values) + pad)
        ax.set_ylim(-0.7, len(part) - 0.3)
        ax.grid(False, axis="y")
        if len(keys) > 1:
            ax.set_title(st.indicator_label(key, lang), fontsize=11, pad=18)
    head = _scope(parent_code, lang)
    if len(keys) == 1:
        head += _sep(lang) + st.indicator_label(keys[0], lang)
    title = f"{head}: {label}, ranked" if lang == "en" else f"{head}：{label}排序"
    when = st.period_label(period, lang) if period else st.span_label(data.get("period", pd.Series(dtype=str)), lang)
    return _finish(fig, title, when, st.source_line(data, lang))


def plot_heatmap(df: pd.DataFrame, peers: Sequence[str], indicators_: Sequence[str] | None = None,
                 periods_: Sequence[str] | None = None, *, parent: str | None = None, lang: str = "zh"):
    """YTD YoY of regions × periods (rows in the order of ``peers``; several
    indicators side by side, one block each), red for growth, blue for decline,
    grey where nothing was published; values written in the cells when they fit.
    """
    st.check_lang(lang)
    import seaborn as sns

    codes = [regions.resolve(p) for p in peers]
    data = df[df["region_code"].isin(codes)].dropna(subset=["yoy_pct"])
    keys = list(indicators_) if indicators_ else _components(data["indicator"]) or ["fai_total"]
    if indicators_ is None and "fai_total" in set(data["indicator"]):
        keys = ["fai_total", *[k for k in keys if k != "fai_total"]]
    data = data[data["indicator"].isin(keys)]
    if periods_ is not None:
        data = data[data["period"].isin(list(periods_))]
    wide = data.pivot_table(index="region_code", columns=["indicator", "period"], values="yoy_pct", aggfunc="first")
    wide = wide.reindex(index=[c for c in codes if c in wide.index])
    wide = wide.reindex(columns=sorted(wide.columns, key=lambda c: (keys.index(c[0]), c[1])))
    n_rows, n_cols = wide.shape
    annotate = n_cols <= 45
    cell = 0.62 if len(keys) > 1 else 0.5
    fig, ax = _figure(min(max(7.0, cell * n_cols + 3.0), 18.0), 0.3 * max(n_rows, 2) + 2.6)
    finite = np.abs(wide.to_numpy(dtype=float))
    bound = max(float(np.nanpercentile(finite, 95)) if np.isfinite(finite).any() else 1.0, 1.0)
    ax.set_facecolor("#eeeeee")
    plot = wide.copy()
    yearly = all(p.endswith("-12") for _, p in wide.columns)
    plot.columns = [p[:4] if yearly else p for _, p in wide.columns]
    plot.index = [_short(c, lang) for c in plot.index]
    with warnings.catch_warnings():  # seaborn 0.13 calls a colormap method matplotlib deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        sns.heatmap(plot, ax=ax, cmap=st.HEATMAP_CMAP, center=0, vmin=-bound, vmax=bound, annot=annotate,
                    fmt=".1f", annot_kws={"fontsize": 6.5 if n_cols > 16 else 8}, linewidths=0.4,
                    linecolor="white", cbar_kws={"label": "%", "shrink": 0.8, "pad": 0.02})
    ax.grid(False)
    ax.set_xlabel(st.text("period", lang) + ("（1—12月）" if yearly and lang == "zh" else
                                             " (Jan–Dec)" if yearly else ""))
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelsize=7.5 if n_cols > 16 else 9, rotation=90 if n_cols > 10 and not yearly else 0)
    ax.tick_params(axis="y", labelsize=8.5 if n_rows > 12 else 10, rotation=0)
    if len(keys) > 1:  # one block per indicator: separators and a heading over each
        start = 0
        for key in keys:
            width = sum(1 for k, _ in wide.columns if k == key)
            if not width:
                continue
            if start:
                ax.axvline(start, color="black", lw=1.5)
            ax.text(start + width / 2, -0.3, st.indicator_label(key, lang), ha="center", va="bottom",
                    fontsize=9, transform=ax.transData)
            start += width
    scope = _scope(regions.resolve(parent), lang) if parent else ""
    what = st.indicator_label(keys[0], lang) if len(keys) == 1 else ("分领域" if lang == "zh" else "by indicator")
    head = f"{scope}{_sep(lang)}{what}" if scope else what
    title = f"{head}: {st.text('ytd_yoy', lang)}" if lang == "en" else f"{head}：{st.text('ytd_yoy', lang)}"
    return _finish(fig, title, st.span_label(data["period"], lang), st.source_line(data, lang))


# --------------------------------------------------------------------------- targets
# Target charts take ``source``: the targets table's own source line (fai.sections
# passes it); without one they name the targets table, never NBS.
def plot_target_progress(progress: pd.DataFrame | dict, region: str, *, lang: str = "zh", source: str | None = None):
    """Completion of the annual target against 序时进度 (time progress), as a
    gauge bar: filled to the completion %, a dashed marker at the time
    progress, the gap in pp written above, from a row of
    :func:`fai.metrics.targets.target_progress_for` (``period, level_100m_yuan,
    target_100m_yuan, completion_pct, time_progress_pct, gap_pp``).
    """
    st.check_lang(lang)
    code = regions.resolve(region)
    row = pd.Series(progress) if isinstance(progress, dict) else progress.iloc[0]
    done, clock, gap = float(row["completion_pct"]), float(row["time_progress_pct"]), float(row["gap_pp"])
    fig, ax = _figure(9, 3.2)
    ax.barh([0], [100], color="#eeeeee", height=0.5)
    ax.barh([0], [done], color=st.color("fai_total") if gap >= 0 else st.PALETTE["fai_real_estate"], height=0.5,
            label=st.text("completion", lang))
    ax.plot([clock, clock], [-0.34, 0.34], color="black", ls="--", lw=2,
            label=f"{st.text('time_progress', lang)} {clock:.2f}%")
    inside = done < clock and done > 15  # keep the label clear of the time-progress marker
    ax.text(done, 0, f"{done:.2f}% " if inside else f" {done:.2f}%", va="center", ha="right" if inside else "left",
            fontsize=10, color="white" if inside else "black")
    if lang == "zh":
        verdict = f"{'快于' if gap >= 0 else '落后'}序时进度{abs(gap):.2f}个百分点"
    else:
        verdict = f"{abs(gap):.2f} pp {'ahead of' if gap >= 0 else 'behind'} time progress"
    ax.text(min(done, clock) + abs(gap) / 2, 0.36, verdict, ha="center", va="bottom", fontsize=10)
    ax.set_xlim(0, max(105.0, done + 12))
    ax.set_ylim(-0.5, 0.75)
    ax.set_yticks([])
    _pct_axis(ax, st.text("completion", lang), axis="x")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    level = st.fmt_level(row.get("level_100m_yuan", row.get("value_100m_yuan")), lang)
    target = st.fmt_level(row.get("target_100m_yuan"), lang)
    when = st.period_label(str(row["period"]), lang)
    sub = f"{when}: {level} of {target}" if lang == "en" else f"{when}：{level}，{st.text('target', lang)}{target}"
    return _finish(fig, _title(code, "fai_total", st.text("completion", lang), lang), sub,
                   source or _targets_source(progress, lang))


def _targets_source(frame: pd.DataFrame | dict, lang: str) -> str:
    """The source line of a targets chart: the rows' own source when they carry
    one, else the targets table (not NBS: targets come from local reports)."""
    if isinstance(frame, pd.DataFrame) and ({"source", "source_url"} & set(frame.columns)):
        return st.source_line(frame, lang)
    return "Source: targets table (fai.load_targets)" if lang == "en" else "数据来源：目标任务表（fai.load_targets）"


def _item_label(item: str, lang: str) -> str:
    from fai.metrics.targets import PROJECT_LABELS, TASK_LABELS

    labels = PROJECT_LABELS.get(item) or TASK_LABELS.get(item)
    return labels[1 if lang == "en" else 0] if labels else item.replace("_", " ")


def plot_project_pipeline(pipeline: pd.DataFrame, region: str, *, lang: str = "zh", source: str | None = None):
    """Project groups from :func:`fai.metrics.targets.project_pipeline`: annual plan
    against investment done so far (亿元, plan completion % written next to
    the bars) and the start rate (%) where given."""
    st.check_lang(lang)
    code = regions.resolve(region)
    data = pipeline.reset_index(drop=True)
    period = str(data["period"].iloc[0])
    plan = data["annual_plan_100m_yuan"].astype(float)
    done = data["ytd_100m_yuan"].astype(float)
    completion = data["plan_completion_pct"].astype(float)
    rate = data["start_rate_pct"].astype(float).fillna(data["start_rate_published_pct"].astype(float))
    has_rate = bool(rate.notna().any())
    fig, axes = _figure(11 if has_rate else 8.5, 0.6 * max(len(data), 3) + 2.3, 1, 2 if has_rate else 1,
                        squeeze=False, width_ratios=[2.2, 1] if has_rate else None)
    ax = axes[0][0]
    y = np.arange(len(data))[::-1]
    names = [_item_label(i, lang) for i in data["item"]]
    ax.barh(y + 0.18, plan.fillna(0), height=0.36, color=st.RESIDUAL_COLOR, label=st.text("annual_plan", lang))
    ax.barh(y - 0.18, done.fillna(0), height=0.36, color=st.color("fai_project"), label=st.text("ytd_done", lang))
    for yi, p_, d_, c_ in zip(y, plan, done, completion):
        if not math.isnan(c_):
            ax.text(np.nanmax([p_, d_]), yi, f"  {c_:.1f}%", va="center", ha="left", fontsize=9)
    ax.set_yticks(y, names, fontsize=9)
    ax.set_xlabel(st.text("amount", lang))
    ax.set_xlim(0, float(np.nanmax(np.r_[plan.to_numpy(), done.to_numpy(), 1.0])) * 1.3)
    ax.legend(loc="lower right", frameon=True, fontsize=9, framealpha=0.9)
    ax.grid(False, axis="y")
    if has_rate:
        ax2 = axes[0][1]
        ax2.barh(y, rate.fillna(0), color=st.color("fai_infrastructure"), height=0.5)
        for yi, r in zip(y, rate):
            ax2.text(0 if math.isnan(r) else r, yi, " —" if math.isnan(r) else f" {r:.1f}%", va="center",
                     ha="left", fontsize=9)
        ax2.set_yticks(y, [""] * len(y))
        ax2.set_xlim(0, 130)
        _pct_axis(ax2, st.text("start_rate", lang), axis="x")
        ax2.grid(False, axis="y")
    measure = "项目推进（亿元、%）" if lang == "zh" else "project pipeline (100m yuan, %)"
    return _finish(fig, _title(code, None, measure, lang), st.period_label(period, lang),
                   source or _targets_source(pipeline, lang))


def plot_task_contest(contest: pd.DataFrame, region: str, *, lang: str = "zh", source: str | None = None):
    """Task contest (双比双看) from :func:`fai.metrics.targets.task_contest`: target
    against done per task (counts), done/target % written next to the bars;
    with several units the bar labels name the unit."""
    st.check_lang(lang)
    code = regions.resolve(region)
    data = contest.reset_index(drop=True)
    period = str(data["period"].iloc[0])
    names = [_item_label(i, lang) for i in data["task"]]
    if "region_code" in data and data["region_code"].nunique() > 1:
        names = [f"{_short(c, lang)}·{n}" for c, n in zip(data["region_code"], names)]
    fig, ax = _figure(9, 0.6 * max(len(data), 3) + 2.2)
    y = np.arange(len(data))[::-1]
    target, done = data["target_count"].astype(float), data["done_count"].astype(float)
    ax.barh(y + 0.18, target, height=0.36, color=st.RESIDUAL_COLOR, label=st.text("target", lang))
    ax.barh(y - 0.18, done, height=0.36, color=st.color("fai_total"), label=st.text("done", lang))
    for yi, t, d in zip(y, target, done):
        if t:
            ax.text(max(t, d), yi, f"  {d:.0f} / {t:.0f} = {d / t * 100:.0f}%", va="center", fontsize=9)
    ax.set_yticks(y, names, fontsize=9)
    ax.set_xlabel(st.text("count", lang))
    ax.set_xlim(0, float(np.nanmax(np.r_[target.to_numpy(), done.to_numpy(), 1.0])) * 1.45)
    ax.legend(loc="lower right", frameon=True, fontsize=9, framealpha=0.9)
    ax.grid(False, axis="y")
    measure = "任务完成情况（个）" if lang == "zh" else "tasks done against target (count)"
    return _finish(fig, _title(code, None, measure, lang), st.month_label(period, lang),
                   source or _targets_source(contest, lang))
