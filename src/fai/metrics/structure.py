"""Structure of investment: shares of components and their contributions (拉动) to growth.

The registry's parent links (:func:`fai.model.indicators.parent`) say which total a
component belongs to: fai_manufacturing → fai_industry → fai_secondary →
fai_total. Every look-up is within the same region and period.

* :func:`shares`                share_pct = L_i / L_parent × 100 (and of fai_total)
* :func:`contributions`         contribution_pp = (L_i − B_i) / B_parent × 100
* :func:`contribution_residual` Σ contributions of an exhaustive group vs the parent's g
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fai.errors import UnknownIndicatorError
from fai.metrics import panel
from fai.model import indicators

TOTAL = "fai_total"


def _parents(p: panel.Panel) -> dict[str, str | None]:
    reg = indicators.registry().set_index("key")["parent"]
    return {k: (None if k not in reg.index or pd.isna(reg[k]) else str(reg[k])) for k in p.indicator_keys}


def _totals(p: panel.Panel) -> dict[str, str | None]:
    """fai_total for every indicator of the fai_total tree (itself included), else None."""
    known = set(indicators.keys())
    return {
        k: TOTAL if k in known and (k == TOTAL or TOTAL in indicators.ancestors(k)) else None
        for k in p.indicator_keys
    }


def _level(df: pd.DataFrame) -> np.ndarray:
    return df["value_100m_yuan"].to_numpy(dtype=float, na_value=np.nan)


def shares(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``share_pct`` (L_i / L_parent × 100, parent from the registry) and
    ``share_of_total_pct`` (L_i / L_fai_total × 100) for each row; NaN when a
    level is missing or the indicator has no parent (fai_total: share_pct NaN,
    share_of_total_pct 100; separate series such as fai_funds_in_place: NaN).

    Worked example (全国 2024-11): private 233689 / total 465839 × 100 = 50.2 %.

    >>> t = pd.DataFrame({"region_code": ["000000"] * 2, "period": ["2024-11"] * 2,
    ...     "indicator": ["fai_total", "fai_private"], "value_100m_yuan": [465839.0, 233689.0]})
    >>> shares(t)["share_pct"].round(1).tolist()
    [nan, 50.2]
    """
    return df.assign(**share_columns(df, panel.build(df)))


def relatives(p: panel.Panel) -> tuple[np.ndarray, np.ndarray]:
    """Row positions of each row's parent indicator and of fai_total in the same
    region and period (−1 when absent), for a keyed table."""
    return (p.find(indicator=p.indicator_map(_parents(p))),
            p.find(indicator=p.indicator_map(_totals(p))))


def share_columns(
    df: pd.DataFrame, p: panel.Panel, positions: tuple[np.ndarray, np.ndarray] | None = None
) -> dict[str, np.ndarray]:
    """The columns :func:`shares` adds, for a table keyed by :func:`fai.metrics.panel.build`
    (``positions`` from :func:`relatives` when already computed)."""
    level = _level(df)
    parent_pos, total_pos = positions if positions is not None else relatives(p)
    parent, total = panel.take(level, parent_pos), panel.take(level, total_pos)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {"share_pct": level / parent * 100.0, "share_of_total_pct": level / total * 100.0}


def contributions(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``contribution_pp`` = (L_i − B_i) / B_parent × 100: percentage points of
    the parent's growth that component i accounts for (拉动), with B = L / (1 + g/100)
    the comparable base; and ``contribution_to_total_pp`` likewise against fai_total.

    Worked example (全国 2024-11): secondary 161632 亿元 +12.0 % → B = 144314.3;
    total 465839 +3.3 % → B = 450957.4; (161632 − 144314.3) / 450957.4 × 100 = 3.84 pp.

    >>> t = pd.DataFrame({"region_code": ["000000"] * 2, "period": ["2024-11"] * 2,
    ...     "indicator": ["fai_total", "fai_secondary"], "value_100m_yuan": [465839.0, 161632.0],
    ...     "yoy_pct": [3.3, 12.0]})
    >>> round(float(contributions(t)["contribution_pp"].iloc[1]), 2)
    3.84
    """
    return df.assign(**contribution_columns(df, panel.build(df)))


def contribution_columns(
    df: pd.DataFrame, p: panel.Panel, positions: tuple[np.ndarray, np.ndarray] | None = None
) -> dict[str, np.ndarray]:
    """The columns :func:`contributions` adds, for a keyed table."""
    level = _level(df)
    parent_pos, total_pos = positions if positions is not None else relatives(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        base = level / (1.0 + df["yoy_pct"].to_numpy(dtype=float, na_value=np.nan) / 100.0)
        gain = level - base
        parent_base, total_base = panel.take(base, parent_pos), panel.take(base, total_pos)
        return {
            "contribution_pp": gain / parent_base * 100.0,
            "contribution_to_total_pp": gain / total_base * 100.0,
        }


def group_parent(group: str) -> str:
    """The indicator an exhaustive group breaks down (its members' common parent).

    >>> group_parent("sector"), group_parent("industry")
    ('fai_total', 'fai_industry')
    """
    members = indicators.group_members(group)
    parents = {indicators.parent(m) for m in members}
    if not members or len(parents) != 1 or None in parents:
        groups = sorted(set(indicators.registry()["group"].dropna()))
        raise UnknownIndicatorError(found=f"group {group!r} is not an exhaustive breakdown in the indicator registry",
                                    expected=f"one of {groups}")
    return str(parents.pop())


def contribution_residual(df: pd.DataFrame, group: str = "sector") -> pd.DataFrame:
    """Per region and period: the contributions of an exhaustive breakdown
    (``group`` in the registry, e.g. the three sectors) against the parent's growth.

    ``df`` is the tidy table or a derived one (its contributions are used as they are).
    Columns: region_code, period, parent_indicator, members_with_level,
    members_level_100m_yuan, parent_level_100m_yuan, contribution_sum_pp
    (NaN unless every member has a contribution), parent_yoy_pct and
    ``residual_pp`` = parent_yoy_pct − contribution_sum_pp. The residual is
    rounding plus the difference between the parent's comparable base and the
    sum of its members' bases.

    Worked example (全国 2024-11; B = L / (1 + g/100)):
    primary 8709 +2.4 % → L − B = 204.1; secondary 161632 +12.0 % → 17317.7;
    tertiary 295498 −1.0 % → −2984.8; sum 14537.0 / B_total 450957.4 × 100 = 3.22 pp
    against 3.3 % published → residual 0.08 pp.
    """
    parent = group_parent(group)
    members = indicators.group_members(group)
    sub = df.loc[df["indicator"].isin([*members, parent])]
    with_c = sub if "contribution_pp" in sub.columns else contributions(sub)  # a derived table as it is
    is_member = with_c["indicator"].isin(members)
    key = ["region_code", "period"]
    part = with_c.loc[is_member].groupby(key, sort=True).agg(
        members_with_level=("value_100m_yuan", "count"),
        members_level_100m_yuan=("value_100m_yuan", lambda s: s.sum(min_count=len(members))),
        contribution_sum_pp=("contribution_pp", lambda s: s.sum(min_count=len(members))),
    )
    top = with_c.loc[~is_member].set_index(key)[["value_100m_yuan", "yoy_pct"]].rename(
        columns={"value_100m_yuan": "parent_level_100m_yuan", "yoy_pct": "parent_yoy_pct"}
    )
    out = part.join(top, how="outer").reset_index()
    out["members_with_level"] = out["members_with_level"].fillna(0).astype(int)
    out.insert(2, "parent_indicator", parent)
    out["residual_pp"] = out["parent_yoy_pct"] - out["contribution_sum_pp"]
    return out[[
        "region_code", "period", "parent_indicator", "members_with_level", "members_level_100m_yuan",
        "parent_level_100m_yuan", "contribution_sum_pp", "parent_yoy_pct", "residual_pp",
    ]]
