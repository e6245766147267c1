"""A report's context: its parameters checked, its data loaded and its metrics
derived — once, at the top of every template — with a clear
:class:`~fai.errors.FaiError` when something is wrong (an unknown region or
indicator, a period outside the data, a language we do not speak, a file
that is not there).

>>> ctx = open_report("全国", "2024-11")                          # doctest: +SKIP
>>> ctx.region, ctx.period                                        # doctest: +SKIP
('000000', '2024-11')

Every section of the report reads the numbers it shows from the context:
``ctx.derived`` (every derived metric of the loaded table, computed on first
use), ``ctx.compare(peers, indicator)`` (a comparison of the peers, once per
indicator) and ``ctx.headline``.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from fai import data as data_store
from fai.errors import MissingDataError, ParameterError, PeriodError
from fai.metrics import comparison, ranks
from fai.metrics import table as metrics
from fai.model import indicators, periods, regions
from fai.presentation.blocks import DPI, figure_png, line_html
from fai.presentation.formats import check_lang
from fai.presentation.labels import period_label, region_label
from fai.presentation.narrative import context_line
from fai.presentation.sources import credits, source_files
from fai.presentation.stored_charts import stored_chart
from fai.reports.headline import save_headline

T = TypeVar("T")

# parameters a template may add to the common four, with their meaning
EXTRA_PARAMETERS: dict[str, str] = {
    "headline_path": "where the notebook writes its headline JSON ('' = nowhere)",
    "peers": "comma-separated regions to compare ('' = the region's children)",
    "indicators": "comma-separated indicator keys ('' = every indicator the peers have)",
    "target_100m_yuan": "annual target in 亿元 (0 = the target in the targets table)",
    "targets_path": "targets table (.parquet/.csv; '' = the bundled targets)",
    "span_months": "months the heatmap and the rank charts cover (0 = 24)",
    "bump": "comma-separated regions whose ranks are drawn over time ('' = the biggest movers)",
}


# Comparisons of the same peers on the same figures, shared by the reports of one process (a
# warm batch kernel runs the 31 provinces' regions reports: one ranking of the 31 serves all).
# Keyed by the data's content hash; handed out as copies; the oldest entries go first.
_SHARED: dict[tuple, pd.DataFrame] = {}
SHARED_ENTRIES = 48


_FIGURES: dict[tuple, Any] = {}  # charts that are the same in several reports (the 31 ranked)
FIGURE_ENTRIES = 12  # a figure holds its artists: few are kept


def _kept(store: dict[tuple, Any], limit: int, key: tuple, compute: Callable[[], Any]) -> Any:
    """``store[key]``, computed first when missing (the oldest entries go beyond ``limit``)."""
    if key not in store:
        while len(store) >= limit:
            store.pop(next(iter(store)))
        store[key] = compute()
    return store[key]


def _shared(key: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return _kept(_SHARED, SHARED_ENTRIES, key, compute).copy()


@dataclass
class Context:
    """What a report works on, after validation (shown as one line)."""

    region: str
    period: str
    lang: str
    data: pd.DataFrame = field(repr=False)
    data_source: str = "bundled"
    targets: pd.DataFrame | None = field(default=None, repr=False)
    peers: list[str] = field(default_factory=list)
    subpeers: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    target_100m_yuan: float = 0.0
    headline_path: str = ""
    span_months: int = 24
    bump: list[str] = field(default_factory=list)
    # a region compared among its peers (a province among the 31) rather than over its children:
    # the peers are measured against ``yardstick`` and the report's region is highlighted
    yardstick: str = ""
    _comparisons: dict = field(default_factory=dict, repr=False, compare=False)
    sections: dict = field(default_factory=dict, repr=False, compare=False)  # key -> Section, as shown

    @property
    def parent(self) -> str:
        """The region the peers are compared under: the report's region, or its yardstick."""
        return self.yardstick or self.region

    @property
    def focus(self) -> str | None:
        """The report's region when it is one of the peers compared (else None)."""
        return self.region if self.yardstick else None

    @property
    def region_name(self) -> str:
        """Display name of the region in the report's language."""
        return region_label(self.region, self.lang)

    def rows(self, indicator: str | None = None) -> pd.DataFrame:
        """The region's rows of the tidy table (one indicator, or all), by indicator and period."""
        return self._region_rows(self.data, indicator)

    def data_of(self, region: str, indicator: str) -> pd.DataFrame:
        """Another region's growth rates of one indicator (a yardstick's series)."""
        rows = self.data[(self.data["region_code"] == region) & (self.data["indicator"] == indicator)]
        return rows[rows["yoy_pct"].notna()]

    @cached_property
    def derived(self) -> pd.DataFrame:
        """Every derived metric of the loaded table (:func:`fai.metrics.derive_metrics`), derived once."""
        return metrics.derive_metrics(self.data)

    def derived_rows(self, indicator: str | None = None) -> pd.DataFrame:
        """The region's rows of :attr:`derived` (one indicator, or all), by indicator and period."""
        return self._region_rows(self.derived, indicator)

    def _region_rows(self, table: pd.DataFrame, indicator: str | None) -> pd.DataFrame:
        out = table[table["region_code"] == self.region]
        if indicator is not None:
            out = out[out["indicator"] == indicator]
        return out.sort_values(["indicator", "period"]).reset_index(drop=True)

    @cached_property
    def data_digest(self) -> str:
        """A hash of the loaded table's content (the key of comparisons shared between reports)."""
        hashes = pd.util.hash_pandas_object(self.data, index=False).to_numpy()
        return hashlib.sha256(hashes.tobytes()).hexdigest()

    def compare(self, peers: list[str], indicator: str) -> pd.DataFrame:
        """The comparison of ``peers`` under :attr:`parent` in every period
        (:func:`fai.metrics.comparison.compare_regions`), computed once per peer set
        and indicator (and shared with the other reports of the process on the same data).
        Children that do not add up to the parent are shown, not fatal."""
        key = (tuple(peers), indicator)
        if key not in self._comparisons:
            def compute() -> pd.DataFrame:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    return comparison.compare_regions(self.data, self.parent, indicator, None, peers)

            self._comparisons[key] = _shared((self.data_digest, "compare", self.parent, *key), compute)
        return self._comparisons[key]

    def shared_figure(self, key: tuple, draw: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """The chart ``draw(*args, **kwargs)`` draws, drawn once for every report of the process
        that shows the same one (``key``: what it depends on besides the data). Its PNG is kept
        with it (:func:`fai.presentation.blocks.figure_png`) until someone changes the figure.
        In a batch run it is also kept on disk for the next run, under its arguments' content
        (:func:`fai.presentation.stored_charts.stored_chart`): every input of the chart must
        be among them."""
        return _kept(_FIGURES, FIGURE_ENTRIES, (self.data_digest, *key), lambda: self.chart(draw, *args, **kwargs))

    @staticmethod
    def chart(draw: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """The chart ``draw(*args, **kwargs)`` draws; in a batch run, read instead when an
        earlier run drew it from arguments of the same content
        (:func:`fai.presentation.stored_charts.stored_chart`). Every input of the chart must
        be among its arguments; a whole table costs a hash of its every value (~60 ms):
        pass the rows it shows."""
        return stored_chart(draw, *args, png=figure_png, dpi=DPI, **kwargs)

    def ranks(self, peers: list[str], parent: str, indicator: str = "fai_total") -> pd.DataFrame:
        """:func:`fai.metrics.ranks.rank_panel` of ``peers`` under ``parent``, once per set
        (and shared with the other reports of the process on the same data)."""
        key = ("ranks", tuple(peers), parent, indicator)
        if key not in self._comparisons:
            self._comparisons[key] = _shared((self.data_digest, *key),
                                             lambda: ranks.rank_panel(self.data, peers, parent, indicator))
        return self._comparisons[key]

    @cached_property
    def published(self) -> pd.DataFrame | None:
        """The targets table for published comparisons (余杭区: +2.0 pp vs 杭州市):
        the report's own, else the bundled one when the report runs on bundled data."""
        if self.targets is not None:
            return self.targets
        return data_store.load_targets() if self.data_source == "bundled" else None

    @cached_property
    def headline_figures(self) -> dict:
        """:func:`fai.metrics.table.headline` of the report's region and period
        (total FAI; raises :class:`MissingDataError` for a region without it)."""
        return metrics.headline(self.derived, self.region, self.period, targets=self.published)

    @cached_property
    def headline(self) -> dict:
        """The headline figures of the report for the batch index
        (:attr:`headline_figures` and its period's label; a region without total
        FAI — a targets-only report such as 株洲市 — gets its name and period only)."""
        try:
            head = self.headline_figures
        except MissingDataError:
            return {"region_code": self.region, "region_name": regions.name_of(self.region),
                    "indicator": "fai_total", "period": self.period, "period_label": period_label(self.period),
                    "value_100m_yuan": None, "yoy_pct": None, "vs_parent_pp": None, "parent_code": None,
                    "parent_name": None}
        return {**head, "period_label": period_label(head["period"])}

    def __str__(self) -> str:
        rows = self.data[self.data["region_code"] == self.region]
        if rows.empty and self.targets is not None:
            rows = self.targets[self.targets["region_code"] == self.region]
        return context_line(self.region, self.period, credits(rows, self.lang), source_files(rows), len(rows),
                            len(self.data), len(self.peers), self.lang)

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython
        printer.text(str(self))

    def _repr_html_(self) -> str:  # Jupyter and the HTML report
        return line_html(str(self), "fai-context", self.lang)


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise ParameterError(where=f"parameter {name}", found=f"{value!r} ({type(value).__name__})",
                             expected="a string")
    return value.strip()


def _load(path_text: str, what: str, loader) -> pd.DataFrame:
    path = Path(path_text)
    if not path.exists():
        raise ParameterError(where=f"parameter {what}", found=f"{path_text!r}: no such file",
                             expected="a processed table (.parquet or .csv, e.g. from `fai clean`) or '' for "
                                      "the bundled data")
    return loader(path)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("，", ",").replace("、", ",").split(",") if part.strip()]


def _has_rows(df: pd.DataFrame, code: str) -> pd.DataFrame:
    rows = df[df["region_code"] == code]
    return rows[rows["value_100m_yuan"].notna() | rows["yoy_pct"].notna()]


def _with_data(df: pd.DataFrame, codes: list[str], keys: list[str]) -> list[str]:
    rows = df[df["region_code"].isin(codes) & df["yoy_pct"].notna()]
    if keys:
        rows = rows[rows["indicator"].isin(keys)]
    present = set(rows["region_code"])
    return [c for c in codes if c in present]


def tree_indicators() -> list[str]:
    """Indicators that are parts of total FAI (fai_total and its descendants),
    in registry order — the series compared across regions by default.

    >>> tree_indicators()[:3]
    ['fai_total', 'fai_private', 'fai_state_holding']
    """
    keys = indicators.keys()
    return [k for k in keys if k == "fai_total" or "fai_total" in indicators.ancestors(k)]


def _period(df: pd.DataFrame, code: str, period_end: str, targets: pd.DataFrame | None) -> str:
    rows = _has_rows(df, code)
    if len(rows):
        has_total = (rows["indicator"] == "fai_total").any()
        return metrics.resolve_period(df, code, period_end, indicator="fai_total" if has_total else None)
    trows = pd.DataFrame() if targets is None else targets[targets["region_code"] == code]
    trows = trows[~trows["measure"].str.startswith("annual_target")] if len(trows) else trows
    if trows.empty:
        raise MissingDataError(found=f"the data hold no figures for {regions.name_of(code)} ({code})",
                               expected="at least one level or growth rate (or target rows for the targets "
                                        "report)")
    if period_end == "latest":
        return str(trows["period"].max())
    if not (trows["period"] == period_end).any():
        have = ", ".join(sorted(trows["period"].unique()))
        raise PeriodError(where="parameter period_end",
                          found=f"{period_end!r}: the targets of {regions.name_of(code)} ({code}) cover {have}",
                          expected="one of those periods or 'latest'")
    return period_end


def open_report(
    region: str,
    period_end: str = "latest",
    lang: str = "zh",
    data_path: str = "",
    **extra: object,
) -> Context:
    """Check a report's parameters, load its data, resolve what it reports, and
    write its headline for the batch index when ``headline_path`` is given.

    ``region`` is a code or any common name (全国, 北京, 东部地区, 余杭区);
    ``period_end`` "latest" (the last period with total FAI, else any figure)
    or "YYYY-MM"; ``lang`` "zh" or "en"; ``data_path`` a processed table or ""
    for the bundled data. ``extra`` holds the template's own parameters (see
    ``EXTRA_PARAMETERS``); an unknown name is an error, so a typo in a params
    file never passes silently.

    Raises :class:`ParameterError`, :class:`~fai.errors.UnknownRegionError`,
    :class:`~fai.errors.UnknownIndicatorError`, :class:`~fai.errors.PeriodError`
    or :class:`MissingDataError` (the region has no data at all).

    Worked example: ``open_report("全国")`` → region '000000', period
    '2026-06' (1—6月 2026: −5.7 %, the NBS portal's growth in ``provincial_panel.csv``).

    >>> ctx = open_report("北京市")
    >>> ctx.region, ctx.period
    ('110000', '2026-06')
    """
    unknown = sorted(set(extra) - set(EXTRA_PARAMETERS))
    if unknown:
        raise ParameterError(where="parameters", found=f"unknown parameter {unknown[0]!r}",
                             expected=f"region, period_end, lang, data_path or one of {', '.join(EXTRA_PARAMETERS)}")
    region = _text("region", region if not isinstance(region, int) else f"{region:06d}")
    period_end = _text("period_end", period_end) or "latest"
    lang = check_lang(_text("lang", lang))
    data_path = _text("data_path", data_path)
    if period_end != "latest":
        periods.parse_period(period_end, where="parameter period_end: ")
    code = regions.resolve(region, where="parameter region")

    df = _load(data_path, "data_path", data_store.load) if data_path else data_store.load()
    targets = None
    if "targets_path" in extra:
        targets_path = _text("targets_path", extra["targets_path"])
        targets = (_load(targets_path, "targets_path", data_store.load_targets) if targets_path
                   else data_store.load_targets())

    target = extra.get("target_100m_yuan", 0.0)
    if isinstance(target, bool) or not isinstance(target, (int, float)) or target < 0:
        raise ParameterError(where="parameter target_100m_yuan", found=repr(target),
                             expected="a number of 亿元 ≥ 0 (0 = from data)")

    keys = [indicators.check(k, where="parameter indicators")
            for k in _split(_text("indicators", extra.get("indicators", "")))]
    peer_text = _text("peers", extra.get("peers", ""))
    if peer_text:
        peers = [regions.resolve(p, where="parameter peers") for p in _split(peer_text)]
        subpeers: list[str] = []
    else:
        peers = regions.children(code) if "peers" in extra else []
        subpeers = [g for c in peers for g in regions.children(c) if g not in peers] if "peers" in extra else []
    yardstick = ""
    if "peers" in extra:
        peers = _with_data(df, peers, keys or tree_indicators())
        subpeers = _with_data(df, subpeers, keys or tree_indicators())
        if not peer_text and len(peers) < 2:  # no children to compare: the region among its peers
            group, up = regions.peer_group(code)
            among = _with_data(df, group, keys or tree_indicators())
            if up and code in among and len(among) >= 2:
                peers, subpeers, yardstick = among, [], up

    span = extra.get("span_months", 24)
    if isinstance(span, bool) or not isinstance(span, int) or span < 0:
        raise ParameterError(where="parameter span_months", found=repr(span), expected="a whole number of months ≥ 0")
    bump = [regions.resolve(p, where="parameter bump") for p in _split(_text("bump", extra.get("bump", "")))]
    period = _period(df, code, period_end, targets)
    ctx = Context(
        region=code, period=period, lang=lang, data=df,
        data_source=data_path or "bundled", targets=targets, peers=peers, subpeers=subpeers,
        indicators=keys, target_100m_yuan=float(target),
        headline_path=_text("headline_path", extra.get("headline_path", "")), span_months=span or 24, bump=bump,
        yardstick=yardstick,
    )
    if ctx.headline_path:
        save_headline(ctx.headline, ctx.headline_path)
    return ctx


def as_context(ctx: Context | str, *, where: str = "section") -> Context:
    """``ctx`` itself when it is a report context, else the context of the
    region it names, opened with every default — the latest period, Chinese,
    the data of ``fai.load()``, the region's children as peers, the targets of
    ``fai.load_targets()`` — so an analyst calls a section on a region.
    Other choices (a period, English, your own file): ``fai.open_report``.

    Raises :class:`ParameterError` for anything else, and what
    :func:`open_report` raises (an unknown region, a region without data).

    Worked example: ``as_context("北京市")`` → region '110000', period '2025-12'.
    """
    if isinstance(ctx, Context):
        return ctx
    if isinstance(ctx, str):
        return open_report(ctx, peers="", indicators="", targets_path="")
    raise ParameterError(where=where, found=f"{type(ctx).__name__} {ctx!r:.60}",
                         expected='a report context (ctx = fai.open_report("北京市")) or a region name such as '
                                  '"北京市"')


def accepts_region(section: Callable[..., T]) -> Callable[..., T]:
    """``section`` (a function of a report context) also taking a region name
    in place of the context (:func:`as_context`):
    ``fai.sections.headline("北京市")`` is ``fai.sections.headline(fai.open_report("北京市", …))``."""

    @functools.wraps(section)
    def run(ctx: Context | str, *args: Any, **kwargs: Any) -> T:
        return section(as_context(ctx, where=f"fai.sections.{section.__name__}"), *args, **kwargs)

    run.__doc__ = (inspect.cleandoc(section.__doc__ or "") + "\n\n``ctx`` is a report context "
                   '(``ctx = fai.open_report("北京市", "2025-12")``) or a region name (``"北京市"``: '
                   "the latest period, Chinese, the data of ``fai.load()``).")
    return run


def peer_period(df: pd.DataFrame, peers: list[str], indicator: str, period_end: str) -> str | None:
    """The latest period up to ``period_end`` in which at least half of the
    peers (and two) published a growth rate for ``indicator`` (None if none):
    the period a ranking of the peers is drawn for.

    Worked example (bundled data, the 31 provinces, fai_total, up to 2025-12):
    2025-12 has 4 provinces, 2025-06 5, 2024-12 all 31 → '2024-12'.
    """
    periods_ = well_covered_periods(df, peers, indicator, period_end)
    return periods_[-1] if periods_ else None


def well_covered_periods(df: pd.DataFrame, peers: list[str], indicator: str, period_end: str) -> list[str]:
    """Periods up to ``period_end`` in which at least half of the peers, and at
    least two, have a growth rate for ``indicator``, in order (the columns of
    a heatmap; a "ranking" of one region is no comparison).

    >>> import fai
    >>> periods = well_covered_periods(fai.load(), fai.regions.provinces(), "fai_total", "2025-12")
    >>> periods[0], periods[-1], len(periods)  # the panel: every month but January, 2010–2025
    ('2010-02', '2025-12', 176)
    """
    rows = df[df["region_code"].isin(peers) & (df["indicator"] == indicator) & (df["period"] <= period_end)]
    counts = rows.dropna(subset=["yoy_pct"]).groupby("period")["region_code"].nunique()
    return sorted(counts[(counts >= 2) & (counts * 2 >= len(peers))].index)


# the former name (tests/batch/test_plan.py and older notebooks call it)
validate_params = open_report
