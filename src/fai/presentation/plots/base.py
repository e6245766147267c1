"""What every chart shares: the theme and the CJK font, a figure with room for
the title and the source line, time and percent axes, a line that never
bridges a gap of years, and the selection of a region's series."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from fai.errors import ParameterError
from fai.model import indicators, periods, regions
from fai.presentation.fonts import use_chinese_font
from fai.presentation.labels import (
    indicator_label,
    month_label,
    period_label,
    region_label,
    short_region_label,
)
from fai.presentation.plots.chart import KEEP_OPEN, Figure

SOURCE_INCHES = 0.32  # height kept free under the axes for the source line


def setup() -> None:
    """seaborn's white-grid theme, then the bundled CJK font (the theme resets fonts)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    use_chinese_font()


def figure(width: float, height: float, nrows: int = 1, ncols: int = 1, **kwargs):
    """(:class:`~fai.presentation.plots.chart.Figure`, axes) of ``width`` × ``height``
    inches, constrained layout, not kept by pyplot (unless
    :data:`~fai.presentation.plots.chart.KEEP_OPEN`)."""
    setup()
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained",
                             FigureClass=Figure, **kwargs)
    if not (KEEP_OPEN.get() and plt.isinteractive()):  # fai.plots in Jupyter: pyplot shows it
        plt.close(fig)  # the caller displays it; no second copy from pyplot's state
    return fig, axes


def finish(fig, title: str, subtitle: str, source: str):
    """Title (region, indicator, measure and unit / period) and source line."""
    height = fig.get_figheight()
    bottom = min(0.2, SOURCE_INCHES / height)
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    fig.suptitle(f"{title}\n{subtitle}" if subtitle else title, fontsize=13, linespacing=1.5)
    fig.text(0.01, 0.012, source, ha="left", va="bottom", fontsize=8.5, color="#555555")
    return fig


def to_dates(values: pd.Series) -> pd.Series:
    """The middle of each "YYYY-MM" month as a date (x positions of a time chart).

    >>> to_dates(pd.Series(["2024-11"])).iloc[0]
    Timestamp('2024-11-15 00:00:00')
    """
    return pd.Series(pd.to_datetime(pd.Series(values).astype(str).to_numpy() + "-15"))


def gapped(rows: pd.DataFrame, column: str, max_gap_months: int = 12) -> tuple[pd.Series, pd.Series]:
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


def date_axis(ax, dates: pd.Series) -> None:
    """Year ticks for spans of three years and more, else month ticks; 40 days of margin."""
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


MANY_BARS = 40  # from this many bars on, one collection instead of a patch per bar


def bars(ax, xs: pd.Series, heights, width: float, colors, *, label: str | None = None, alpha: float = 1.0,
         bottom: float = 0.0) -> None:
    """Vertical bars at ``xs`` (numbers or dates; ``width`` in days on a date axis): ``ax.bar``
    for a few, one :class:`~matplotlib.collections.PolyCollection` for many (16 years of months
    draw in a tenth of the time, and look the same)."""
    heights = np.asarray(heights, dtype=float)
    if len(heights) < MANY_BARS:
        ax.bar(xs, heights, width=width, color=colors, label=label, alpha=alpha, bottom=bottom)
        return
    import matplotlib.dates as mdates
    from matplotlib.collections import PolyCollection

    x = pd.Series(xs).reset_index(drop=True)
    centre = np.asarray(mdates.date2num(pd.to_datetime(x)) if pd.api.types.is_datetime64_any_dtype(x)
                        else x.to_numpy(dtype=float))
    left, right = centre - width / 2, centre + width / 2
    top = bottom + np.nan_to_num(heights)
    verts = np.stack([np.column_stack([left, np.full_like(left, bottom)]), np.column_stack([left, top]),
                      np.column_stack([right, top]), np.column_stack([right, np.full_like(left, bottom)])], axis=1)
    colours = np.broadcast_to(np.asarray(colors, dtype=object), heights.shape) if not isinstance(colors, str) \
        else [colors] * len(heights)
    ax.add_collection(PolyCollection(verts, facecolors=list(colours), edgecolors="none", alpha=alpha,
                                     label=label), autolim=True)
    ax.autoscale_view()


def pct_axis(ax, label: str, *, axis: str = "y", zero_color: str = "black") -> None:
    """A growth axis: ticks in %, its label, and a zero line."""
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


def level_axis(ax, label: str) -> None:
    """A level axis (亿元) with thousands separators."""
    import matplotlib.ticker as mticker

    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel(label)


def short_name(code: str, lang: str) -> str:
    """A region's short name on an axis (西藏)."""
    return short_region_label(code, lang)


def series_rows(df: pd.DataFrame, region: str, indicator: str) -> pd.DataFrame:
    """Rows of one region's indicator, by period."""
    out = df[(df["region_code"] == region) & (df["indicator"] == indicator)]
    return out.sort_values("period")


def ancestor_with_data(df: pd.DataFrame, region: str, indicator: str) -> str | None:
    """The nearest ancestor of a region with a growth rate of ``indicator`` (None if none)."""
    return next(
        (code for code in regions.ancestors(region) if series_rows(df, code, indicator)["yoy_pct"].notna().any()),
        None,
    )


def one_series(frame: pd.DataFrame, code: str, indicator: str) -> pd.DataFrame:
    """Rows of one region and indicator, by period — filtering only on the columns the table has."""
    data = frame.sort_values("period")
    if "region_code" in data:
        data = data[data["region_code"] == code]
    if "indicator" in data:
        data = data[data["indicator"] == indicator]
    return data


def empty(ax, message: str) -> None:
    """An axes that says there is nothing to draw."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


def region_name(region: str, lang: str) -> str:
    """A region's display name."""
    return region_label(region, lang)


def sep(lang: str) -> str:
    """What joins a region's name and an indicator's in a title: nothing in Chinese."""
    return " " if lang == "en" else ""


def title(region: str, indicator: str | None, measure: str, lang: str) -> str:
    """A chart's title: region, indicator, measure with its unit (北京市固定资产投资：累计同比增速（%））."""
    parts = [region_name(region, lang)]
    if indicator:
        parts.append(indicator_label(indicator, lang))
    head = sep(lang).join(parts)
    return f"{head}: {measure}" if lang == "en" else f"{head}：{measure}"


def components(keys: Sequence[str]) -> list[str]:
    """The registry indicators among ``keys`` except fai_total, in registry order."""
    order = indicators.keys()
    return sorted({k for k in keys if k != "fai_total" and k in order}, key=order.index)


def pick(frame: pd.DataFrame, *names: str) -> str:
    """The first of ``names`` that is a column of ``frame``; a ParameterError when none is."""
    for name in names:
        if name in frame:
            return name
    raise ParameterError(where="table", found=f"none of the columns {', '.join(names)}",
                         expected="a derived table (fai.derive_metrics(df)) that has one of them")


def scope(parent_code: str, lang: str) -> str:
    """全国各地区 / 东部地区所辖地区; "Regions of China"."""
    if lang == "en":
        return f"Regions of {region_name(parent_code, lang)}"
    return "全国各地区" if parent_code == regions.NATION else f"{region_name(parent_code, lang)}所辖地区"


FEW_POINTS = 3  # fewer periods than this: the time axis is categories named by period


class TimeAxis:
    """Where periods sit on a time chart's x axis: dates; or, with fewer than
    ``FEW_POINTS`` periods, evenly spaced categories labelled by the period
    (1—9月, 1—10月) with every value written — two dates never float between
    misaligned month ticks.

    >>> TimeAxis(["2017-11", "2017-12"]).categorical, TimeAxis(["2017-10", "2017-11", "2017-12"]).categorical
    (True, False)
    """

    def __init__(self, periods, lang: str = "zh", *, monthly: bool = False) -> None:
        self.periods = sorted({str(p) for p in periods})
        self.categorical = len(self.periods) < FEW_POINTS
        self.lang, self.monthly = lang, monthly
        self.bar_width = 0.5 if self.categorical else 24

    def x(self, periods) -> pd.Series:
        """The x position of each period."""
        if self.categorical:
            where = {p: i for i, p in enumerate(self.periods)}
            return pd.Series([where[str(p)] for p in periods], dtype=float)
        return to_dates(pd.Series(list(periods)))

    def line(self, rows: pd.DataFrame, column: str, max_gap_months: int = 12) -> tuple[pd.Series, pd.Series]:
        """x and y of a line (never bridging a gap of years on a date axis)."""
        if self.categorical:
            return self.x(rows["period"]), rows[column].reset_index(drop=True).astype(float)
        return gapped(rows, column, max_gap_months)

    def write_values(self, ax, rows: pd.DataFrame, column: str, text_of, colour: str) -> None:
        """On a category axis, every value written by its point (few points: the numbers are the chart)."""
        if not self.categorical:
            return
        for xi, value in zip(self.x(rows["period"]), rows[column]):
            if pd.notna(value):
                ax.annotate(text_of(value), (xi, value), textcoords="offset points", xytext=(0, 7),
                            ha="center", fontsize=9, color=colour)

    def apply(self, ax) -> None:
        """Ticks and limits of the x axis."""
        if not self.categorical:
            if self.periods:
                date_axis(ax, to_dates(pd.Series(self.periods)))
            return
        label = month_label if self.monthly else period_label
        ax.set_xticks(range(len(self.periods)), [label(p, self.lang) for p in self.periods])
        ax.set_xlim(-0.6, len(self.periods) - 0.4)
