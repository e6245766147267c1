"""Charts of the regions report: peers ranked with the parent's line, and a
heatmap of regions × periods."""

from __future__ import annotations

import csv
import functools
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from fai.model import regions
from fai.presentation.colors import HEATMAP_CMAP, PARENT_COLOR, RESIDUAL_COLOR, color
from fai.presentation.formats import check_lang, fmt_pct
from fai.presentation.labels import column_label, indicator_label, period_label, span_label, text
from fai.presentation.plots.base import (
    components,
    figure,
    finish,
    pct_axis,
    region_name,
    scope,
    sep,
    short_name,
)
from fai.presentation.sources import source_line

DATA = Path(__file__).resolve().parents[1] / "data"


def plot_ranking(table: pd.DataFrame, parent: str, period: str | None = None, *, value: str = "yoy_pct",
                 lang: str = "zh"):
    """Peers ranked by YoY (bars, fastest on top) with the parent's growth as
    a dashed line, from :func:`fai.metrics.comparison.compare_regions` tables
    (``region_code, indicator, yoy_pct, parent_yoy_pct``; several indicators
    concatenated → one panel each). Bars at or above the parent are in the
    indicator's colour, those below in grey. ``value="contribution_to_parent_pp"``
    ranks contributions to the parent's growth instead.
    """
    check_lang(lang)
    parent_code = regions.resolve(parent)
    data = table[table["region_code"] != parent_code].dropna(subset=[value])
    if period and "period" in data:
        data = data[data["period"] == period]
    keys = list(dict.fromkeys(data["indicator"])) if "indicator" in data else ["fai_total"]
    counts = data.groupby("indicator").size() if "indicator" in data else pd.Series([len(data)])
    n_peers = int(counts.max()) if len(counts) else 1
    width = min(3.6 * len(keys) + 2.0, 17.0) if len(keys) > 1 else 8.5
    fig, axes = figure(width, 0.27 * n_peers + 2.4, 1, len(keys), squeeze=False)
    label = text("ytd_yoy", lang) if value == "yoy_pct" else column_label(value, lang)
    for ax, key in zip(axes[0], keys):
        part = data[data["indicator"] == key] if "indicator" in data else data
        part = part.sort_values(value, ascending=True)
        ref = None
        if value == "yoy_pct" and "parent_yoy_pct" in part and part["parent_yoy_pct"].notna().any():
            ref = float(part["parent_yoy_pct"].dropna().iloc[0])
        y = np.arange(len(part))
        colours = [color(key) if ref is None or v >= ref else RESIDUAL_COLOR for v in part[value]]
        ax.barh(y, part[value], color=colours, height=0.7)
        ax.set_yticks(y, [short_name(c, lang) for c in part["region_code"]], fontsize=8.5 if n_peers > 12 else 10)
        for yi, v in zip(y, part[value]):
            ax.text(v, yi, f" {v:.1f} " if value.endswith("_pct") else f" {v:.2f} ", va="center",
                    ha="left" if v >= 0 else "right", fontsize=7.5 if n_peers > 12 else 9)
        if value.endswith("_pct"):
            pct_axis(ax, label, axis="x")
        else:
            ax.set_xlabel(label)
            ax.axvline(0, color="black", lw=0.9)
        if ref is not None:  # the parent's growth: a dashed line named above the axes, clear of the bars
            ax.axvline(ref, color=PARENT_COLOR, ls="--", lw=1.6)
            ax.text(ref, 1.005, f"{region_name(parent_code, lang)} {fmt_pct(ref)}", transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=8.5, color="#555555")
        values = [0.0, *part[value].tolist(), *([ref] if ref is not None else [])]
        pad = max(1.0, (max(values) - min(values)) * 0.16)
        ax.set_xlim(min(values) - pad, max(values) + pad)
        ax.set_ylim(-0.7, len(part) - 0.3)
        ax.grid(False, axis="y")
        if len(keys) > 1:
            ax.set_title(indicator_label(key, lang), fontsize=11, pad=18)
    head = scope(parent_code, lang)
    if len(keys) == 1:
        head += sep(lang) + indicator_label(keys[0], lang)
    title = f"{head}: {label}, ranked" if lang == "en" else f"{head}：{label}排序"
    when = period_label(period, lang) if period else span_label(data.get("period", pd.Series(dtype=str)), lang)
    return finish(fig, title, when, source_line(data, lang))


MAX_ANNOTATED_CELLS = 400


def plot_heatmap(df: pd.DataFrame, peers: Sequence[str], indicators_: Sequence[str] | None = None,
                 periods_: Sequence[str] | None = None, *, parent: str | None = None, lang: str = "zh"):
    """YTD YoY of regions × periods (rows in the order of ``peers``; several
    indicators side by side, one block each), red for growth, blue for decline,
    grey where nothing was published; values written in the cells when they fit.
    """
    check_lang(lang)
    import seaborn as sns

    codes = [regions.resolve(p) for p in peers]
    data = df[df["region_code"].isin(codes)].dropna(subset=["yoy_pct"])
    keys = list(indicators_) if indicators_ else components(data["indicator"]) or ["fai_total"]
    if indicators_ is None and "fai_total" in set(data["indicator"]):
        keys = ["fai_total", *[k for k in keys if k != "fai_total"]]
    data = data[data["indicator"].isin(keys)]
    if periods_ is not None:
        data = data[data["period"].isin(list(periods_))]
    wide = data.pivot_table(index="region_code", columns=["indicator", "period"], values="yoy_pct", aggfunc="first")
    wide = wide.reindex(index=[c for c in codes if c in wide.index])
    wide = wide.reindex(columns=sorted(wide.columns, key=lambda c: (keys.index(c[0]), c[1])))
    n_rows, n_cols = wide.shape
    # values in the cells while they stay legible (and cheap: each is a text to lay out);
    # 31 provinces × 24 months is read by its colours, the table and the ranking give the numbers
    annotate = n_cols <= 45 and n_rows * n_cols <= MAX_ANNOTATED_CELLS
    cell = 0.62 if len(keys) > 1 else 0.5
    fig, ax = figure(min(max(7.0, cell * n_cols + 3.0), 18.0), 0.3 * max(n_rows, 2) + 2.6)
    finite = np.abs(wide.to_numpy(dtype=float))
    bound = max(float(np.nanpercentile(finite, 95)) if np.isfinite(finite).any() else 1.0, 1.0)
    ax.set_facecolor("#eeeeee")
    plot = wide.copy()
    yearly = all(p.endswith("-12") for _, p in wide.columns)
    plot.columns = [p[:4] if yearly else p for _, p in wide.columns]
    plot.index = [short_name(c, lang) for c in plot.index]
    with warnings.catch_warnings():  # seaborn 0.13 calls a colormap method matplotlib deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        sns.heatmap(plot, ax=ax, cmap=HEATMAP_CMAP, center=0, vmin=-bound, vmax=bound, annot=annotate,
                    fmt=".1f", annot_kws={"fontsize": 6.5 if n_cols > 16 else 8}, linewidths=0.4,
                    linecolor="white", cbar_kws={"label": "%", "shrink": 0.8, "pad": 0.02})
    ax.grid(False)
    ax.set_xlabel(text("period", lang) + ("（1—12月）" if yearly and lang == "zh" else
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
            ax.text(start + width / 2, -0.3, indicator_label(key, lang), ha="center", va="bottom",
                    fontsize=9, transform=ax.transData)
            start += width
    area = scope(regions.resolve(parent), lang) if parent else ""
    what = indicator_label(keys[0], lang) if len(keys) == 1 else ("分领域" if lang == "zh" else "by indicator")
    head = f"{area}{sep(lang)}{what}" if area else what
    title = f"{head}: {text('ytd_yoy', lang)}" if lang == "en" else f"{head}：{text('ytd_yoy', lang)}"
    return finish(fig, title, span_label(data["period"], lang), source_line(data, lang))


@functools.cache
def _tile_grid() -> dict[str, tuple[int, int]]:
    """region code -> (row, column) of the tile-grid map (``data/tile_grid.csv``)."""
    with open(DATA / "tile_grid.csv", encoding="utf-8", newline="") as f:
        return {r["region_code"]: (int(r["row"]), int(r["col"])) for r in csv.DictReader(f)}


def plot_tile_map(values: pd.DataFrame, parent: str, period: str, *, value: str = "yoy_pct",
                  lang: str = "zh", source: str | None = None):
    """China's 31 provinces as a grid of equal tiles placed roughly where they
    lie (a cartogram: no boundary data), each coloured by its growth (red up,
    blue down) with its short name and value, from ``region_code`` and ``value``
    (a comparison of one period). Provinces without a figure are grey."""
    import matplotlib.colors as mcolors
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    check_lang(lang)
    parent_code = regions.resolve(parent)
    grid = _tile_grid()
    data = values.dropna(subset=[value]).drop_duplicates("region_code").set_index("region_code")[value]
    shown = data[data.index.isin(list(grid))]
    bound = max(float(np.nanpercentile(np.abs(shown.to_numpy(dtype=float)), 95)) if len(shown) else 1.0, 1.0)
    norm = mcolors.TwoSlopeNorm(vmin=-bound, vcenter=0, vmax=bound)
    cmap = colormaps[HEATMAP_CMAP]
    rows, cols = 1 + max(r for r, _ in grid.values()), 1 + max(c for _, c in grid.values())
    fig, ax = figure(8.5, 8.2)
    for code, (r, c) in grid.items():
        v = shown.get(code)
        face = "#eeeeee" if v is None or pd.isna(v) else cmap(norm(float(np.clip(v, -bound, bound))))
        ax.add_patch(Rectangle((c, rows - 1 - r), 0.94, 0.94, facecolor=face, edgecolor="white"))
        dark = v is not None and pd.notna(v) and abs(norm(float(np.clip(v, -bound, bound))) - 0.5) > 0.3
        ax.text(c + 0.47, rows - 1 - r + 0.6, short_name(code, lang),
                ha="center", va="center", fontsize=10 if lang == "zh" else 6.5, color="white" if dark else "#1f2328")
        ax.text(c + 0.47, rows - 1 - r + 0.28, "—" if v is None or pd.isna(v) else f"{float(v):.1f}",
                ha="center", va="center", fontsize=9, color="white" if dark else "#1f2328")
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(-0.1, rows + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    from matplotlib.cm import ScalarMappable

    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, pad=0.02)
    bar.set_label(text("ytd_yoy", lang))
    head = scope(parent_code, lang)
    measure = text("ytd_yoy", lang) if value == "yoy_pct" else column_label(value, lang)
    title_ = f"{head}: {measure}" if lang == "en" else f"{head}：{measure}"
    return finish(fig, title_, period_label(period, lang), source or source_line(values, lang))


def plot_bump(ranks: pd.DataFrame, codes: Sequence[str], parent: str, *, lang: str = "zh",
              source: str | None = None):
    """Ranks over time of a chosen set of regions (1 = fastest at the top), from
    :func:`fai.metrics.ranks.rank_panel` rows (region_code, period, rank); each
    line is labelled at its last point."""
    import matplotlib.ticker as mticker

    check_lang(lang)
    parent_code = regions.resolve(parent)
    data = ranks[ranks["region_code"].isin(list(codes))].dropna(subset=["rank"]).sort_values("period")
    n = int(ranks["n_ranked"].max()) if len(ranks) else 1
    fig, ax = figure(10, 5.2)
    periods = sorted(set(data["period"]))
    where = {p: i for i, p in enumerate(periods)}
    palette = colormaps_tab(len(codes))
    for colour, code in zip(palette, codes):
        line = data[data["region_code"] == code]
        if line.empty:
            continue
        xs = [where[p] for p in line["period"]]
        ax.plot(xs, line["rank"].astype(float), marker="o", ms=3, lw=1.8, color=colour)
        ax.text(xs[-1] + 0.3, float(line["rank"].iloc[-1]), f"{short_name(code, lang)} {int(line['rank'].iloc[-1])}",
                va="center", fontsize=9, color=colour)
    ax.invert_yaxis()
    ax.set_ylim(n + 0.5, 0.5)
    ax.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    step = max(1, len(periods) // 8)
    ax.set_xticks(range(0, len(periods), step), [periods[i] for i in range(0, len(periods), step)], fontsize=8)
    ax.set_xlim(-0.5, len(periods) + 2.5)
    ax.set_ylabel(column_label("rank", lang))
    ax.set_xlabel(text("period", lang))
    ax.grid(False, axis="x")
    head = scope(parent_code, lang)
    measure = column_label("rank", lang)
    title_ = f"{head}: {measure} by growth" if lang == "en" else f"{head}：增速{measure}变化"
    return finish(fig, title_, span_label(periods, lang), source or source_line(ranks, lang))


def colormaps_tab(n: int) -> list[str]:
    """``n`` distinct colours for lines of a chosen set (Tableau 10, then 20)."""
    from matplotlib import colormaps

    names = colormaps["tab10" if n <= 10 else "tab20"].colors
    return [names[i % len(names)] for i in range(n)]
