"""Regional comparison among peers: rank by growth, change in rank, gap to the
parent's growth and each peer's contribution to the parent's growth.

Peers are the registry children of a parent region (全国 → the four
macro-regions; 东部地区 → its ten provinces) or any list of regions.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from fai.errors import FaiWarning, MissingDataError
from fai.metrics import panel
from fai.model import regions

COUNTING_CELLS = 10_000_000  # rank by counting up to this many (group, value) cells, else sort
LEVEL_TOLERANCE = 0.005  # children's levels may differ from the parent's by 0.5 % before we warn


def rank_growth(df: pd.DataFrame, by: list[str] | None = None, column: str = "yoy_pct") -> pd.DataFrame:
    """Add ``rank``: 1 = fastest ``column`` within each ``by`` group (default period ×
    indicator); ties share the smallest rank (5.2 and 5.2 after 4th place are both
    5th, the next is 7th); NaN growth gets no rank. Also ``n_ranked``: how many
    regions were ranked in the group.

    Worked example (provinces 2023-12): 江苏 and 山东 both +5.2 % share rank 9;
    湖北 +5.0 % is 11th.

    >>> t = pd.DataFrame({"period": ["2023-12"] * 3, "indicator": ["fai_total"] * 3,
    ...                   "yoy_pct": [5.2, 5.2, 5.0]})
    >>> rank_growth(t)["rank"].tolist()
    [1, 1, 3]
    """
    by = list(by or ["period", "indicator"])
    n = len(df)
    group = np.zeros(n, dtype=np.int64)
    valid_group = np.ones(n, dtype=bool)
    for col in by:
        codes, uniques = panel.factorize(df[col])
        valid_group &= codes >= 0
        group = group * (len(uniques) + 1) + np.maximum(codes, 0)
    values = df[column].to_numpy(dtype=float, na_value=np.nan)
    ranked = valid_group & ~np.isnan(values)
    group_ids, group_uniques = pd.factorize(group)
    rank = np.full(n, np.nan)
    rank[ranked] = _min_rank_descending(group_ids[ranked], values[ranked], len(group_uniques))
    counts = np.bincount(group_ids[ranked], minlength=len(group_uniques))
    n_ranked = np.where(valid_group, counts[group_ids] if n else 0, np.nan)
    return df.assign(rank=pd.array(rank, dtype="Int64"), n_ranked=pd.array(n_ranked, dtype="Int64"))


def _min_rank_descending(
    group: np.ndarray, values: np.ndarray, n_groups: int, counting: bool | None = None
) -> np.ndarray:
    """1 + how many values of the same group are larger (no NaN in ``values``).

    Counting over (group, distinct value) cells when that table is small —
    growth rates have few distinct values — else one sort.
    """
    if len(values) == 0:
        return np.zeros(0)
    codes, uniques = pd.factorize(values)
    n_values = len(uniques)
    descending = np.empty(n_values, dtype=np.int64)
    descending[np.argsort(-uniques, kind="stable")] = np.arange(n_values)
    if counting is None:
        counting = n_groups * n_values <= max(4 * len(values), COUNTING_CELLS)
    if counting:
        key = group * n_values + descending[codes]
        counts = np.bincount(key, minlength=n_groups * n_values)
        before = np.cumsum(counts) - counts  # rows with a smaller key
        return (before[key] - before[group * n_values] + 1).astype(float)
    order = np.lexsort((descending[codes], group))
    g, v = group[order], descending[codes][order]
    idx = np.arange(len(order))
    new_group = np.r_[True, g[1:] != g[:-1]]
    new_value = new_group | np.r_[True, v[1:] != v[:-1]]
    group_start = np.maximum.accumulate(np.where(new_group, idx, 0))
    run_start = np.maximum.accumulate(np.where(new_value, idx, 0))
    out = np.empty(len(order))
    out[order] = run_start - group_start + 1
    return out


def _peers(parent: str, peers: list[str] | None) -> tuple[str, list[str]]:
    parent_code = regions.resolve(parent)
    if peers is None:
        codes = regions.children(parent_code)
    else:
        codes = [regions.resolve(p) for p in peers]
    if not codes:
        raise MissingDataError(found=f"region {regions.name_of(parent_code)} ({parent_code}) has no children in the "
                                     "region registry",
                               expected="a parent region, or pass peers=[...]")
    return parent_code, list(dict.fromkeys(codes))


def _check_levels(table: pd.DataFrame, n_peers: int, parent_code: str, indicator: str) -> None:
    """Warn (FaiWarning) for each period where every peer has a level and their
    sum is more than LEVEL_TOLERANCE away from the parent's level."""
    complete = table.groupby("period")["value_100m_yuan"].agg(["count", "sum"])
    parent_level = table.groupby("period")["parent_value_100m_yuan"].first()
    complete = complete.join(parent_level)
    bad = complete.loc[
        (complete["count"] == n_peers)
        & complete["parent_value_100m_yuan"].notna()
        & ((complete["sum"] - complete["parent_value_100m_yuan"]).abs()
           > LEVEL_TOLERANCE * complete["parent_value_100m_yuan"].abs())
    ]
    for period, row in bad.iterrows():
        warnings.warn(
            f"{period} {indicator}: the {n_peers} peers' levels add up to {row['sum']:g} 亿元 but "
            f"{regions.name_of(parent_code)} ({parent_code}) has {row['parent_value_100m_yuan']:g} 亿元 "
            f"— expected the children to add up to the parent within {LEVEL_TOLERANCE:.1%}",
            FaiWarning,
            stacklevel=3,
        )


def compare_regions(
    df: pd.DataFrame,
    parent: str,
    indicator: str = "fai_total",
    period: str | None = None,
    peers: list[str] | None = None,
) -> pd.DataFrame:
    """One row per peer and period: its growth, rank, change in rank, gap to the
    parent and, where levels exist, its contribution to the parent's growth.

    Columns: region_code, region_name, period, indicator, value_100m_yuan,
    yoy_pct, rank (1 = fastest, ties share the smallest rank), n_ranked,
    rank_change (previous rank − rank against the previous period in which peers
    were ranked; positive = moved up; NA unless both periods rank the same set
    of regions, so a rank among 4 is never compared with a rank among 3), parent_yoy_pct,
    vs_parent_pp = yoy − parent's yoy, share_of_parent_pct = L_i / L_parent × 100,
    contribution_to_parent_pp = (L_i − B_i) / B_parent × 100 with B = L / (1 + g/100).

    ``period`` None keeps every period, "latest" the last one with figures, or
    "YYYY-MM". Warns with :class:`~fai.errors.FaiWarning` when all peers have
    levels and they do not add up to the parent's level.

    Worked example (全国 fai_total, macro-regions, 2024-10): 中部 +4.6 % (1st),
    东北 +3.2 % (2nd, up from 3rd in 2024-08: rank_change +1), 东部 +1.8 % (3rd,
    1.8 − 3.4 = −1.6 pp vs 全国), 西部 +1.1 % (4th).

    >>> import fai
    >>> r = compare_regions(fai.load(), "全国", period="2024-12", peers=fai.regions.provinces())
    >>> first = r.sort_values("rank").iloc[0]
    >>> first["region_name"], float(first["yoy_pct"]), int(first["rank"])
    ('西藏自治区', 19.6, 1)
    """
    parent_code, codes = _peers(parent, peers)
    rows = df.loc[df["region_code"].isin(codes) & (df["indicator"] == indicator)]
    rows = rows.loc[rows["yoy_pct"].notna() | rows["value_100m_yuan"].notna()]
    if rows.empty:
        raise MissingDataError(found=f"no {indicator} figures for the peers of {regions.name_of(parent_code)} "
                                     f"({parent_code})",
                               expected="at least one peer with a level or a growth rate")
    top = df.loc[(df["region_code"] == parent_code) & (df["indicator"] == indicator)]
    top = top[["period", "value_100m_yuan", "yoy_pct"]].rename(
        columns={"value_100m_yuan": "parent_value_100m_yuan", "yoy_pct": "parent_yoy_pct"}
    )
    lineage = [c for c in ("source", "source_url") if c in rows]
    table = rows[["region_code", "region_name", "period", "indicator", "value_100m_yuan", "yoy_pct", *lineage]]
    table = table.merge(top, on="period", how="left").sort_values(["period", "region_code"])
    table = rank_growth(table)

    # rank change against the previous period in which peers were ranked, only
    # when both periods rank the same set of regions (else ranks are not comparable)
    ranked = table.loc[table["rank"].notna()]
    ranked_sets = ranked.groupby("period")["region_code"].agg(frozenset)
    ranked_periods = list(ranked_sets.index)
    previous = {
        now: before
        for before, now in itertools.pairwise(ranked_periods)
        if ranked_sets[now] == ranked_sets[before]
    }
    rank_at = table.set_index(["region_code", "period"])["rank"]
    wanted = pd.MultiIndex.from_arrays(
        [table["region_code"], table["period"].map(lambda p: previous.get(p, ""))]
    )
    prev_rank = rank_at.reindex(wanted).to_numpy()
    table["rank_change"] = (pd.array(prev_rank, dtype="Int64") - table["rank"].array)

    level, yoy = table["value_100m_yuan"], table["yoy_pct"]
    p_level, p_yoy = table["parent_value_100m_yuan"], table["parent_yoy_pct"]
    table["vs_parent_pp"] = np.round(yoy - p_yoy, 10)
    table["share_of_parent_pct"] = level / p_level * 100.0
    table["contribution_to_parent_pp"] = (level - level / (1 + yoy / 100)) / (
        p_level / (1 + p_yoy / 100)
    ) * 100.0
    if period == "latest":
        period = ranked_periods[-1] if ranked_periods else str(table["period"].max())
    if period is not None:
        table = table.loc[table["period"] == period]
        if table.empty:
            raise MissingDataError(found=f"no {indicator} figures for the peers of {regions.name_of(parent_code)} "
                                         f"in {period}",
                                   expected="a period in which the peers have figures")
    _check_levels(table, len(codes), parent_code, indicator)
    columns = [
        "region_code", "region_name", "period", "indicator", "value_100m_yuan", "yoy_pct",
        "rank", "n_ranked", "rank_change", "parent_yoy_pct", "vs_parent_pp",
        "share_of_parent_pct", "contribution_to_parent_pp", *lineage,
    ]
    return table.sort_values(["period", "rank", "region_code"], na_position="last")[columns].reset_index(
        drop=True
    )
