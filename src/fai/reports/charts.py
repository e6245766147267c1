"""``fai.plots``: the report charts for an analyst's own cells.

Each function is the chart of the same name in :mod:`fai.presentation.plots`
(same arguments), made to take the table the analyst has:

* ``fai.load()``'s tidy table works everywhere. A chart of derived numbers
  (single months, implied growth, shares, contributions) derives them first
  (:func:`fai.derive_metrics`; a derived table is used as it is); a ranking
  compares the region's children first (:func:`fai.compare_regions`, in the
  latest period most of them published); a targets chart computes its table
  from ``fai.load_targets()`` (the targets of the same ``data/raw/``).
* In Jupyter the chart shows once, whether the cell ends with the call or
  assigns it (``fig = fai.plots.plot_single_month(df, "北京市")``); outside
  Jupyter nothing is shown or kept — save it with ``fig.savefig("x.png")``.

>>> import fai
>>> df = fai.load()
>>> fig = plot_single_month(df, "北京市")
>>> fig.get_suptitle().splitlines()[0]
'北京市固定资产投资：单月投资额（亿元）与单月同比增速（%）'
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd

from fai import data as data_store
from fai.errors import FaiWarning, MissingDataError, ParameterError
from fai.metrics import comparison, ranks
from fai.metrics import targets as target_metrics
from fai.metrics.table import ensure_derived
from fai.model import regions
from fai.presentation import plots
from fai.presentation.plots.chart import KEEP_OPEN
from fai.reports.context import peer_period

TIDY = ("region_code", "period", "indicator", "value_100m_yuan", "yoy_pct")


def _drawn(plot: Callable, *args: Any, **kwargs: Any):
    """``plot(*args, **kwargs)``, its figure left on pyplot's list when pyplot shows
    figures by itself (Jupyter shows it at the end of the cell); closed elsewhere."""
    token = KEEP_OPEN.set(True)
    try:
        return plot(*args, **kwargs)
    finally:
        KEEP_OPEN.reset(token)


def _chart(plot: Callable, prepare: Callable[[dict], None] | None, takes: str, example: str) -> Callable:
    """``plot`` as ``fai.plots`` offers it: same name and arguments; ``prepare``
    turns the arguments the analyst gave (a dict by name, changed in place) into
    the ones ``plot`` draws; ``takes`` and ``example`` open its docstring."""
    signature = inspect.signature(plot)

    @functools.wraps(plot)
    def draw(*args: Any, **kwargs: Any):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        if prepare is not None:
            prepare(bound.arguments)
        return _drawn(plot, *bound.args, **bound.kwargs)

    draw.__doc__ = f"{takes}\n\n    >>> import fai\n    >>> fig = {example}\n\n    ---\n    {inspect.cleandoc(plot.__doc__ or '')}"
    draw.__module__ = __name__
    return draw


def _first(arguments: dict) -> tuple[str, Any]:
    name = next(iter(arguments))
    return name, arguments[name]


def _check_tidy(table: Any, chart: str) -> None:
    if not isinstance(table, pd.DataFrame) or not set(TIDY) <= set(table.columns):
        found = (f"a table with columns {', '.join(map(str, table.columns[:6]))}"
                 if isinstance(table, pd.DataFrame) else f"{type(table).__name__}")
        raise ParameterError(where=f"fai.plots.{chart}", found=found,
                             expected="the tidy table (df = fai.load()) or rows of it")


def _tidy(arguments: dict) -> None:
    """The tidy table as it is (a derived one too: it keeps the tidy columns)."""
    _check_tidy(_first(arguments)[1], "chart")


def _derived(arguments: dict) -> None:
    """The tidy table with its derived columns (derived once, unless it has them)."""
    name, table = _first(arguments)
    if isinstance(table, pd.DataFrame) and not {"region_code", "indicator"} <= set(table.columns):
        return  # a table drawn as it is (e.g. one region's rows of a section's data)
    _check_tidy(table, "chart")
    arguments[name] = ensure_derived(table)


def _common_period(table: pd.DataFrame, peers: list[str]) -> str | None:
    """The latest period in which every one of ``peers`` has fai_total growth (None if none)."""
    rows = table.loc[table["region_code"].isin(peers) & (table["indicator"] == "fai_total")].dropna(subset=["yoy_pct"])
    counts = rows.groupby("period")["region_code"].nunique()
    complete = counts[counts == len(peers)]
    return str(complete.index.max()) if len(complete) else None


def _ranked(arguments: dict) -> None:
    """A comparison as it is; the tidy table → the parent's children compared in fai_total."""
    name, table = _first(arguments)
    if isinstance(table, pd.DataFrame) and "parent_yoy_pct" in table.columns:
        return
    _check_tidy(table, "plot_ranking")
    parent = regions.resolve(arguments["parent"], where="parent")
    have = table.loc[(table["indicator"] == "fai_total") & table["yoy_pct"].notna(), "region_code"]
    peers = [code for code in regions.children(parent) if code in set(have)]
    period = arguments["period"] or _common_period(table, peers) or peer_period(table, peers, "fai_total", "9999-12")
    if len(peers) < 2 or period is None:
        raise MissingDataError(where="fai.plots.plot_ranking",
                               found=f"fewer than two regions under {regions.name_of(parent)} ({parent}) "
                                     "have fai_total growth in one period",
                               expected="a comparison of the regions you choose: "
                                        "fai.compare_regions(df, parent, peers=[…])")
    with warnings.catch_warnings():  # children that do not add up to the parent are drawn, not fatal
        warnings.simplefilter("ignore", FaiWarning)
        arguments[name] = comparison.compare_regions(table, parent, "fai_total", period, peers)
    arguments["period"] = period


def _targets_of(compute: Callable[..., pd.DataFrame], done: str) -> Callable[[dict], None]:
    """A targets chart's table: as it is when it has column ``done``, else
    ``compute(targets, tidy, region)`` from a targets table (``fai.load_targets()``)
    or, handed the tidy table, from the targets of the same data. ``tidy`` is a
    function: only the target progress needs the tidy table's levels."""

    def prepare(arguments: dict) -> None:
        name, table = _first(arguments)
        if isinstance(table, dict) or (isinstance(table, pd.DataFrame) and done in table.columns):
            return
        if isinstance(table, pd.DataFrame) and "measure" in table.columns:
            arguments[name] = compute(table, data_store.load, arguments["region"])
            return
        _check_tidy(table, "chart")
        arguments[name] = compute(data_store.load_targets(), lambda: table, arguments["region"])

    return prepare


plot_yoy_history = _chart(
    plots.plot_yoy_history, _tidy,
    "YTD growth of a region over the years against its parent's, from the tidy table.",
    'fai.plots.plot_yoy_history(fai.load(), "北京市")  # 2010年1—2月 … 2026年1—6月')
plot_single_month = _chart(
    plots.plot_single_month, _derived,
    "Single-month investment and its growth, from the tidy table (derived first) or a derived one.",
    'fai.plots.plot_single_month(fai.load(), "全国")  # 2024年11月: 42,617 亿元, +2.3 %')
plot_revision_gap = _chart(
    plots.plot_revision_gap, _derived,
    "Published growth against the growth implied by published levels, from the tidy table.",
    'fai.plots.plot_revision_gap(fai.load(), "全国")  # 2024-11: 3.3 % published, 1.09 % implied')
plot_mom_sa = _chart(
    plots.plot_mom_sa, _tidy,
    "NBS's seasonally adjusted month-on-month growth (全国), from the tidy table.",
    "fai.plots.plot_mom_sa(fai.load())  # 2015年4月 … 2025年12月")
plot_shares = _chart(
    plots.plot_shares, _derived,
    "Shares of the components in total investment over time, from the tidy table.",
    'fai.plots.plot_shares(fai.load(), "全国")  # 2014年1—9月 … 2025年1—12月')
plot_component_yoy = _chart(
    plots.plot_component_yoy, _tidy,
    "Growth of each component against the total in one period, from the tidy table.",
    'fai.plots.plot_component_yoy(fai.load(), "全国", "2025-12")')
plot_contributions = _chart(
    plots.plot_contributions, _derived,
    "Each component's contribution (拉动, pp) to total growth in one period, from the tidy table.",
    'fai.plots.plot_contributions(fai.load(), "全国", "2025-12")')
plot_ranking = _chart(
    plots.plot_ranking, _ranked,
    "The regions under ``parent`` ranked by growth: from the tidy table (its children, fai_total, in\n"
    "    ``period`` or the latest period all of them — else most — published) or a comparison you made.",
    'fai.plots.plot_ranking(fai.load(), "全国")  # 2025年1—11月: 东部, 中部, 西部, 东北; or the provinces:\n'
    '    >>> provinces = fai.compare_regions(fai.load(), "全国", period="2024-12", peers=fai.regions.provinces())\n'
    '    >>> fig = fai.plots.plot_ranking(provinces, "全国", "2024-12")')
plot_heatmap = _chart(
    plots.plot_heatmap, _tidy,
    "Growth of regions × periods as a heatmap, from the tidy table.",
    'fai.plots.plot_heatmap(fai.load(), fai.regions.provinces(), ["fai_total"], parent="全国")')
plot_target_progress = _chart(
    plots.plot_target_progress,
    _targets_of(lambda t, tidy, region: target_metrics.target_progress_for(region, "latest", tidy(), t),
                "completion_pct"),
    "Completion of the annual target against 序时进度, from the targets table or the tidy table.",
    'fai.plots.plot_target_progress(fai.load_targets(), "余杭区")  # 1—8月 629.44 of 1,030 亿元')
plot_project_pipeline = _chart(
    plots.plot_project_pipeline,
    _targets_of(lambda t, tidy, region: target_metrics.project_pipeline(t, region), "annual_plan_100m_yuan"),
    "Project groups: planned, started, annual plan against done, from the targets table.",
    'fai.plots.plot_project_pipeline(fai.load_targets(), "余杭区")')
plot_task_contest = _chart(
    plots.plot_task_contest,
    _targets_of(lambda t, tidy, region: target_metrics.task_contest(t, region), "task"),
    "The task contest (双比双看): done against target per task, from the targets table.",
    'fai.plots.plot_task_contest(fai.load_targets(), "株洲市")  # 2020年1—9月')

def _peers_of(parent: str) -> list[str]:
    """The provinces for 全国, else the parent's children."""
    code = regions.resolve(parent, where="parent")
    return regions.provinces() if code == regions.NATION else regions.children(code)


def _tiles(arguments: dict) -> None:
    """A comparison as it is; the tidy table → the provinces compared in fai_total, in ``period``
    or the latest period most of them published."""
    name, table = _first(arguments)
    if isinstance(table, pd.DataFrame) and "parent_yoy_pct" in table.columns:
        return
    _check_tidy(table, "plot_tile_map")
    peers = regions.provinces()
    period = arguments["period"] or peer_period(table, peers, "fai_total", "9999-12")
    if period is None:
        raise MissingDataError(where="fai.plots.plot_tile_map", found="no period in which most provinces have "
                               "fai_total growth", expected="a tidy table with provincial growth rates")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        arguments[name] = comparison.compare_regions(table, arguments["parent"], "fai_total", period, peers)
    arguments["period"] = period


def _ranks(arguments: dict) -> None:
    """Ranks as they are; the tidy table → every region under the parent ranked per period."""
    name, table = _first(arguments)
    if isinstance(table, pd.DataFrame) and "n_ranked" in table.columns:
        return
    _check_tidy(table, "chart")
    arguments[name] = ranks.rank_panel(table, _peers_of(arguments["parent"]), arguments["parent"])


def _years(arguments: dict) -> None:
    """The region's 1—12月 growth of every year, from the tidy table."""
    name, table = _first(arguments)
    if isinstance(table, pd.DataFrame) and "region_code" not in table.columns:
        return
    _check_tidy(table, "plot_yearly")
    code = regions.resolve(arguments["region"], where="region")
    rows = table.loc[(table["region_code"] == code) & (table["indicator"] == arguments["indicator"])]
    arguments[name] = rows[rows["period"].str.endswith("-12")]


plot_tile_map = _chart(
    plots.plot_tile_map, _tiles,
    "The provinces on a tile-grid map of China coloured by growth, from the tidy table or a comparison.",
    'fai.plots.plot_tile_map(fai.load(), "全国", "2024-12")  # 西藏 +19.6 % … 云南 −7.7 %')
plot_bump = _chart(
    plots.plot_bump, _ranks,
    "Ranks over time of a chosen set of regions, from the tidy table (ranked first) or rank_panel's rows.",
    'fai.plots.plot_bump(fai.load(), ["540000", "110000", "530000"], "全国")  # 西藏, 北京, 云南')
plot_gap_history = _chart(
    plots.plot_gap_history, _ranks,
    "A region's growth minus its parent's over the years, and its rank, from the tidy table.",
    'fai.plots.plot_gap_history(fai.load(), "北京市", "全国")  # 2026年1—6月: +8.7 pp, 3rd of 31')
plot_yearly = _chart(
    plots.plot_yearly, _years,
    "Growth of each year (1—12月) as bars, from the tidy table.",
    'fai.plots.plot_yearly(fai.load(), "全国")  # 2010 … 2025')

__all__ = list(plots.__all__)  # one wrapper of the same name per chart of fai.presentation.plots


def __dir__() -> list[str]:  # tab completion of fai.plots. lists the charts only
    return list(__all__)
