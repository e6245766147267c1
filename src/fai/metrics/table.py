"""One table of every derived metric for a region and period, and its headline.

``metrics_table`` runs the growth and structure functions on one region and
returns, per indicator, the figures analysts report; ``headline`` gives the
few numbers a report's index shows; ``resolve_period`` turns "latest" or
"YYYY-MM" into a period the data hold (or raises).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fai.errors import MissingDataError, PeriodError
from fai.metrics import growth, panel, structure
from fai.model import indicators, periods, regions

# the columns derive_metrics adds
DERIVED_COLUMNS = [
    "comparable_base_100m_yuan", "month_value_100m_yuan", "month_yoy_pct", "months_covered",
    "implied_yoy_pct", "revision_gap_pp", "yoy_change_pp", "yoy_change_vs_period", "share_pct",
    "share_of_total_pct", "contribution_pp", "contribution_to_total_pp",
]
METRIC_COLUMNS = [
    "indicator", "period", "value_100m_yuan", "yoy_pct", "month_value_100m_yuan", "month_yoy_pct",
    "implied_yoy_pct", "revision_gap_pp", "yoy_change_pp", "share_pct", "contribution_pp",
]


def _region_rows(df: pd.DataFrame, region: str) -> tuple[str, pd.DataFrame]:
    code = regions.resolve(region)
    rows = df.loc[df["region_code"] == code]
    rows = rows.loc[rows["value_100m_yuan"].notna() | rows["yoy_pct"].notna()]
    if rows.empty:
        raise MissingDataError(found=f"the data hold no figures for {regions.name_of(code)} ({code})",
                               expected="at least one level or growth rate (see `fai data`)")
    return code, rows


def resolve_period(df: pd.DataFrame, region: str, period_end: str = "latest", indicator: str | None = None) -> str:
    """The period to report: the latest with figures for the region (and
    ``indicator`` if given) when ``period_end`` is "latest", else ``period_end``
    itself after checking the data hold figures for it.

    Raises :class:`~fai.errors.UnknownRegionError` for an unknown region,
    :class:`MissingDataError` when the region has no figures, and
    :class:`PeriodError` for a malformed period or one without figures.

    >>> import fai
    >>> resolve_period(fai.load(), "全国", "latest")  # the bundled figures end with 1—6月 of 2026
    '2026-06'
    """
    code, rows = _region_rows(df, region)
    if indicator is not None:
        rows = rows.loc[rows["indicator"] == indicator]
        if rows.empty:
            raise MissingDataError(found=f"the data hold no {indicator} figures for {regions.name_of(code)} ({code})",
                                   expected=f"a {indicator} figure")
    if period_end in (None, "", "latest"):
        return str(rows["period"].max())
    periods.parse_period(str(period_end), where="period: ")
    if not (rows["period"] == period_end).any():
        raise PeriodError(found=f"period {period_end!r} has no figures for {regions.name_of(code)} ({code})",
                          expected=f"a period the data cover ({rows['period'].min()} … {rows['period'].max()}, "
                                   "with gaps)")
    return str(period_end)


def derive_metrics(df: pd.DataFrame) -> pd.DataFrame:
    """Every derived column of :mod:`fai.metrics.growth` and :mod:`fai.metrics.structure` in one
    pass (the table is keyed once): comparable_base_100m_yuan,
    month_value_100m_yuan, month_yoy_pct, months_covered, implied_yoy_pct,
    revision_gap_pp, yoy_change_pp, yoy_change_vs_period,
    share_pct, share_of_total_pct, contribution_pp, contribution_to_total_pp.
    Same numbers as calling each function in turn; faster on big panels.

    >>> import fai
    >>> d = derive_metrics(fai.load())
    >>> row = d.query("region_code == '000000' and period == '2024-11' and indicator == 'fai_total'")
    >>> float(row["month_value_100m_yuan"].iloc[0]), float(row["yoy_change_pp"].iloc[0])
    (42617.0, -0.1)
    """
    p = panel.build(df)
    positions = structure.relatives(p)
    return df.assign(
        **growth.comparable_base_columns(df),
        **growth.single_month_columns(df, p),
        **growth.implied_columns(df, p),
        **growth.yoy_change_columns(df, p),
        **structure.share_columns(df, p, positions),
        **structure.contribution_columns(df, p, positions),
    )


def is_derived(df: pd.DataFrame) -> bool:
    """Whether a table already holds every column :func:`derive_metrics` adds.

    >>> is_derived(pd.DataFrame({"yoy_pct": [3.3]}))
    False
    """
    return set(DERIVED_COLUMNS) <= set(df.columns)


def ensure_derived(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` itself when it is derived already (a report context's table), else
    :func:`derive_metrics` of it — so a function can take either, and a report
    derives once.
    """
    return df if is_derived(df) else derive_metrics(df)


def metrics_table(df: pd.DataFrame, region: str, period: str = "latest") -> pd.DataFrame:
    """Every indicator of ``region`` in ``period`` with its derived metrics, in
    registry order. Columns (exactly): indicator, period, value_100m_yuan, yoy_pct,
    month_value_100m_yuan, month_yoy_pct, implied_yoy_pct, revision_gap_pp,
    yoy_change_pp, share_pct (of the registry parent), contribution_pp (to the
    parent's growth); NaN where not computable.

    Worked example (全国 2024-11, fai_total): 465839 亿元 +3.3 %; November
    42617 亿元 +2.3 %; implied +1.09 %, gap 2.21 pp; growth −0.1 pp vs 1—10月.

    >>> import fai
    >>> t = metrics_table(fai.load(), "全国", "2024-11").set_index("indicator")
    >>> float(t.loc["fai_total", "month_value_100m_yuan"]), round(float(t.loc["fai_private", "share_pct"]), 1)
    (42617.0, 50.2)
    """
    code, rows = _region_rows(df, region)
    period = resolve_period(df, code, period)
    derived = ensure_derived(rows)
    out = derived.loc[derived["period"] == period].copy()
    order = {k: i for i, k in enumerate(indicators.keys())}
    out["_order"] = out["indicator"].map(order).fillna(len(order))
    return out.sort_values("_order", kind="stable")[METRIC_COLUMNS].reset_index(drop=True)


def _number(value: object) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def headline(
    df: pd.DataFrame, region: str, period: str = "latest", targets: pd.DataFrame | None = None
) -> dict:
    """The headline of a region's fai_total for the report index.

    ``df`` is the tidy table or a derived one (:func:`derive_metrics`; nothing
    is derived again). Keys: region_code, region_name, indicator, period,
    value_100m_yuan, yoy_pct, yoy_change_pp, yoy_change_vs_period,
    month_value_100m_yuan, month_yoy_pct, vs_parent_pp, parent_code,
    parent_name, vs_parent_source, vs_second_pp, second_code, second_name.
    Numbers are floats or None (never NaN), so the dict is JSON as is.
    The parent is the region's yardstick (:func:`yardsticks`: a province is
    compared with 全国, a county with its prefecture) with a growth rate for the
    same period (None when there is none); ``vs_second_pp``, ``second_code`` and
    ``second_name`` give the next one up where it has data. When ``targets`` holds
    a *published* comparison for this region and period (measure
    ``vs_parent_pp``, or ``vs_province_pp``), that figure is used instead and
    ``vs_parent_source`` says "published" (余杭区 2016-08: +2.0 pp vs 杭州市).

    Worked example (广东省 2024-12): −4.5 % against 全国 +3.2 % → vs_parent_pp −7.7.

    >>> import fai
    >>> h = headline(fai.load(), "广东", "2024-12")
    >>> h["yoy_pct"], h["parent_name"], h["vs_parent_pp"]
    (-4.5, '全国', -7.7)
    """
    code, rows = _region_rows(df, region)
    period = resolve_period(df, code, period, indicator="fai_total")
    total = ensure_derived(rows.loc[rows["indicator"] == "fai_total"])
    row = total.loc[total["period"] == period].iloc[0]
    sticks = yardsticks(df, code, period)
    parent_code, parent_yoy = sticks[0] if sticks else (None, None)
    yoy = _number(row["yoy_pct"])
    vs_parent = None
    if yoy is not None and parent_yoy is not None:
        vs_parent = round(yoy - parent_yoy, 10)
    source = "computed" if vs_parent is not None else None
    published = _published_vs_parent(targets, code, period)
    if published is not None:
        parent_code, vs_parent, source = published[0], published[1], "published"
    change = _number(row["yoy_change_pp"])
    return {
        "region_code": code,
        "region_name": regions.name_of(code),
        "indicator": "fai_total",
        "period": period,
        "value_100m_yuan": _number(row["value_100m_yuan"]),
        "yoy_pct": yoy,
        "yoy_change_pp": change,
        "yoy_change_vs_period": row["yoy_change_vs_period"] if change is not None else None,
        "month_value_100m_yuan": _number(row["month_value_100m_yuan"]),
        "month_yoy_pct": _number(row["month_yoy_pct"]),
        "vs_parent_pp": vs_parent,
        "parent_code": parent_code,
        "parent_name": regions.name_of(parent_code) if parent_code else None,
        "vs_parent_source": source,
        **_second(sticks, yoy, parent_code),
    }


def _second(sticks: list[tuple[str, float]], yoy: float | None, first: str | None) -> dict:
    """The next yardstick up (a county's province after its prefecture), where it has data."""
    rest = [(c, g) for c, g in sticks if c != first]
    if not rest or yoy is None:
        return {"vs_second_pp": None, "second_code": None, "second_name": None}
    code, growth = rest[0]
    return {"vs_second_pp": round(yoy - growth, 10), "second_code": code, "second_name": regions.name_of(code)}


def _published_vs_parent(
    targets: pd.DataFrame | None, code: str, period: str
) -> tuple[str | None, float] | None:
    """(parent code, pp) of a published comparison in the targets table, if any."""
    if targets is None or targets.empty:
        return None
    hit = targets.loc[(targets["region_code"] == code) & (targets["period"] == period)
                      & (targets["item"] == "fai_total")]
    for measure in ("vs_parent_pp", "vs_province_pp"):
        rows = hit.loc[hit["measure"] == measure]
        if len(rows) and not np.isnan(rows["value"].iloc[0]):
            if measure == "vs_parent_pp":
                name = rows["parent_name"].iloc[0]
                parent = regions.lookup(name) if isinstance(name, str) else None
            else:
                parent = code[:2] + "0000"
            return parent, float(rows["value"].iloc[0])
    return None


# the level analysts measure a region against, by the region's level
YARDSTICK_LEVEL = {"macro": "nation", "province": "nation", "prefecture": "province", "county": "prefecture"}


def yardsticks(df: pd.DataFrame, region: str, period: str, indicator: str = "fai_total") -> list[tuple[str, float]]:
    """(code, growth) of the regions a region is measured against in ``period``,
    nearest first, at most two: the ancestor of the level analysts compare with
    (a province with 全国, a prefecture with its province, a county with its
    prefecture; macro-regions are never a yardstick below themselves), and the
    next one up — each only where it has a growth rate, else the next one up.

    Worked example (北京 2024-12): 全国 +3.2 % (东部地区 is not a province's yardstick).

    >>> import fai
    >>> yardsticks(fai.load(), "北京", "2024-12")
    [('000000', 3.2)]
    """
    code = regions.resolve(region)
    level = regions.get(code).level
    chain = [a for a in regions.ancestors(code) if level == "macro" or regions.get(a).level != "macro"]
    expected = YARDSTICK_LEVEL.get(level)
    levels = [regions.get(a).level for a in chain]
    start = levels.index(expected) if expected in levels else 0
    growth = df.loc[(df["indicator"] == indicator) & (df["period"] == period) & df["yoy_pct"].notna()]
    growth = growth.drop_duplicates("region_code").set_index("region_code")["yoy_pct"]
    found = [(a, float(growth[a])) for a in chain[start:] if a in growth.index]
    return found[:2]


def _parent_growth(df: pd.DataFrame, code: str, period: str) -> tuple[str | None, float | None]:
    found = yardsticks(df, code, period)
    return found[0] if found else (None, None)


def to_records(table: pd.DataFrame) -> list[dict]:
    """Rows of a metrics table as JSON-ready dicts (None for NaN).

    >>> to_records(pd.DataFrame({"indicator": ["fai_total"], "yoy_pct": [float("nan")]}))
    [{'indicator': 'fai_total', 'yoy_pct': None}]
    """
    records = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    return [{k: (float(v) if isinstance(v, (np.floating, float)) else v) for k, v in r.items()} for r in records]
