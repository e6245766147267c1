"""Notebook parameters: check them, resolve them, load the data — once, at
the top of every template, with a clear :class:`~fai.errors.FaiError` when
something is wrong (an unknown region or indicator, a period outside the
data, a language we do not speak, a file that is not there).

>>> ctx = validate_params("全国", "2024-11", "zh", "")          # doctest: +SKIP
>>> ctx.region, ctx.period                                        # doctest: +SKIP
('000000', '2024-11')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fai.errors import MissingDataError, ParameterError
from fai.model import indicators, periods, regions
from fai.presentation import style as st

# parameters a template may add to the common four, with their meaning
EXTRA_PARAMETERS: dict[str, str] = {
    "headline_path": "where the notebook writes its headline JSON ('' = nowhere)",
    "peers": "comma-separated regions to compare ('' = the region's children)",
    "indicators": "comma-separated indicator keys ('' = every indicator the peers have)",
    "target_100m_yuan": "annual target in 亿元 (0 = the target in the targets table)",
    "targets_path": "targets table (.parquet/.csv; '' = the bundled targets)",
}


@dataclass
class Context:
    """What a template works on, after validation (shown as one line)."""

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

    @property
    def region_name(self) -> str:
        """Display name of the region in the report's language."""
        return st.region_label(self.region, self.lang)

    def rows(self, indicator: str | None = None) -> pd.DataFrame:
        """The region's rows of the tidy table (one indicator, or all)."""
        out = self.data[self.data["region_code"] == self.region]
        if indicator is not None:
            out = out[out["indicator"] == indicator]
        return out.sort_values(["indicator", "period"]).reset_index(drop=True)

    def __str__(self) -> str:
        label = st.period_label(self.period, self.lang)
        n = f"{len(self.data):,}"
        if self.lang == "en":
            extra = f" · peers: {len(self.peers)}" if self.peers else ""
            return f"{self.region_name} ({self.region}) · {label} · {n} figures from {self.data_source}{extra}"
        extra = f" · 比较地区{len(self.peers)}个" if self.peers else ""
        source = "内置数据" if self.data_source == "bundled" else self.data_source
        return f"{self.region_name}（{self.region}）· {label} · 数据：{source}（{n}条）{extra}"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython
        printer.text(str(self))


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"parameter {name} is {value!r} ({type(value).__name__}) — expected a string")
    return value.strip()


def _load(data_path: str, what: str, loader) -> pd.DataFrame:
    path = Path(data_path)
    if not path.exists():
        raise ParameterError(
            f"parameter {what} is {data_path!r}: no such file — expected a processed table "
            "(.parquet or .csv, e.g. from `fai clean`) or '' for the bundled data"
        )
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
    from fai.metrics import table as metrics

    rows = _has_rows(df, code)
    if len(rows):
        has_total = (rows["indicator"] == "fai_total").any()
        return metrics.resolve_period(df, code, period_end, indicator="fai_total" if has_total else None)
    trows = pd.DataFrame() if targets is None else targets[targets["region_code"] == code]
    trows = trows[~trows["measure"].str.startswith("annual_target")] if len(trows) else trows
    if trows.empty:
        raise MissingDataError(
            f"the data hold no figures for {regions.name_of(code)} ({code}) — expected at least one "
            "level or growth rate (or target rows for the targets report)"
        )
    if period_end == "latest":
        return str(trows["period"].max())
    if not (trows["period"] == period_end).any():
        from fai.errors import PeriodError

        have = ", ".join(sorted(trows["period"].unique()))
        raise PeriodError(
            f"parameter period_end is {period_end!r}: the targets of {regions.name_of(code)} ({code}) "
            f"cover {have}"
        )
    return period_end


def validate_params(
    region: str,
    period_end: str = "latest",
    lang: str = "zh",
    data_path: str = "",
    **extra: object,
) -> Context:
    """Check a template's parameters, load its data and resolve what it reports.

    ``region`` is a code or any common name (全国, 北京, 东部地区, 余杭区);
    ``period_end`` "latest" (the last period with total FAI, else any figure)
    or "YYYY-MM"; ``lang`` "zh" or "en"; ``data_path`` a processed table or ""
    for the bundled data. ``extra`` holds the template's own parameters (see
    ``EXTRA_PARAMETERS``); an unknown name is an error, so a typo in a params
    file never passes silently.

    Raises :class:`ParameterError`, :class:`~fai.errors.UnknownRegionError`,
    :class:`~fai.errors.UnknownIndicatorError`, :class:`~fai.errors.PeriodError`
    or :class:`MissingDataError` (the region has no data at all).

    Worked example: ``validate_params("全国")`` → region '000000', period
    '2025-12' (1—12月 2025: 485,186 亿元, −3.8 %).
    """
    unknown = sorted(set(extra) - set(EXTRA_PARAMETERS))
    if unknown:
        raise ParameterError(
            f"unknown parameter {unknown[0]!r} — expected region, period_end, lang, data_path or one of "
            f"{', '.join(EXTRA_PARAMETERS)}"
        )
    region = _text("region", region if not isinstance(region, int) else f"{region:06d}")
    period_end = _text("period_end", period_end) or "latest"
    lang = st.check_lang(_text("lang", lang))
    data_path = _text("data_path", data_path)
    if period_end != "latest":
        periods.parse_period(period_end, where="parameter period_end: ")
    code = regions.resolve(region, where="parameter region")

    from fai import data

    df = _load(data_path, "data_path", data.load) if data_path else data.load()
    targets = None
    if "targets_path" in extra:
        targets_path = _text("targets_path", extra["targets_path"])
        targets = _load(targets_path, "targets_path", data.load_targets) if targets_path else data.load_targets()

    target = extra.get("target_100m_yuan", 0.0)
    if isinstance(target, bool) or not isinstance(target, (int, float)) or target < 0:
        raise ParameterError(f"parameter target_100m_yuan is {target!r} — expected a number of 亿元 ≥ 0 (0 = from data)")

    keys = [indicators.check(k, where="parameter indicators") for k in _split(_text("indicators", extra.get("indicators", "")))]
    peer_text = _text("peers", extra.get("peers", ""))
    if peer_text:
        peers = [regions.resolve(p, where="parameter peers") for p in _split(peer_text)]
        subpeers: list[str] = []
    else:
        peers = regions.children(code) if "peers" in extra else []
        subpeers = [g for c in peers for g in regions.children(c) if g not in peers] if "peers" in extra else []
    if "peers" in extra:
        peers = _with_data(df, peers, keys or tree_indicators())
        subpeers = _with_data(df, subpeers, keys or tree_indicators())

    period = _period(df, code, period_end, targets)
    return Context(
        region=code, period=period, lang=lang, data=df,
        data_source=data_path or "bundled", targets=targets, peers=peers, subpeers=subpeers,
        indicators=keys, target_100m_yuan=float(target), headline_path=_text("headline_path", extra.get("headline_path", "")),
    )


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
    >>> well_covered_periods(fai.load(), fai.regions.provinces(), "fai_total", "2025-12")
    ['2023-12', '2024-12']
    """
    rows = df[df["region_code"].isin(peers) & (df["indicator"] == indicator) & (df["period"] <= period_end)]
    counts = rows.dropna(subset=["yoy_pct"]).groupby("period")["region_code"].nunique()
    return sorted(counts[(counts >= 2) & (counts * 2 >= len(peers))].index)
