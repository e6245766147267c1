"""Sections of the regions report: peers ranked, a heatmap of peers × periods,
and each peer's contribution to the parent's growth — for the region's
children (``level="peers"``) or their children (``level="subpeers"``)."""

from __future__ import annotations

import pandas as pd

from fai.presentation import narrative, plots
from fai.presentation.tables import format_table, ranking_table
from fai.reports.context import Context, peer_period, tree_indicators, well_covered_periods
from fai.reports.sections.base import Section, no_data, upto


def _peer_set(ctx: Context, level: str) -> list[str]:
    return ctx.subpeers if level == "subpeers" else ctx.peers


def _peer_keys(ctx: Context, peers: list[str]) -> list[str]:
    if ctx.indicators:
        return ctx.indicators
    have = set(ctx.data.loc[ctx.data["region_code"].isin(peers) & ctx.data["yoy_pct"].notna(), "indicator"])
    return [k for k in tree_indicators() if k in have]


def _compare(ctx: Context, peers: list[str]) -> pd.DataFrame:
    """Per indicator, the comparison in the latest period most peers published."""
    tables = []
    for key in _peer_keys(ctx, peers):
        period = peer_period(ctx.data, peers, key, ctx.period)
        if period is None:
            continue
        table = ctx.compare(peers, key)
        tables.append(table[table["period"] == period].reset_index(drop=True))
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def _no_peers(ctx: Context, level: str) -> Section:
    return no_data(ctx, "subpeers" if level == "subpeers" else "peers")


def ranking(ctx: Context, level: str = "peers") -> Section:
    """Peers ranked by YTD YoY with the parent's line (one panel per indicator),
    and the rank / rank change / pp vs parent table."""
    peers = _peer_set(ctx, level)
    table = _compare(ctx, peers) if peers else pd.DataFrame()
    if table.empty:
        return _no_peers(ctx, level)
    first = str(table["indicator"].iloc[0])
    text = narrative.ranking_sentence(table[table["indicator"] == first], ctx.region, ctx.lang)
    one = table["period"].nunique() == 1
    fig = plots.plot_ranking(table, ctx.region, str(table["period"].iloc[0]) if one else None, lang=ctx.lang)
    return Section(text, fig, ranking_table(table, ctx.lang), data=table)


def heatmap(ctx: Context, level: str = "peers") -> Section:
    """YTD YoY of the peers × periods (the periods most peers published)."""
    peers = _peer_set(ctx, level)
    keys = _peer_keys(ctx, peers) if peers else []
    cols = sorted({p for k in keys for p in well_covered_periods(ctx.data, peers, k, ctx.period)})
    if not cols:
        return _no_peers(ctx, level)
    rows = ctx.data[ctx.data["region_code"].isin(peers) & ctx.data["indicator"].isin(keys)
                    & ctx.data["period"].isin(cols)].dropna(subset=["yoy_pct"])
    first = keys[0] if keys[0] in set(rows["indicator"]) else str(rows["indicator"].iloc[0])
    last = rows[rows["indicator"] == first]
    last = last[last["period"] == last["period"].max()]
    text = narrative.heatmap_sentence(len(peers), len(cols), first, last, ctx.lang)
    fig = plots.plot_heatmap(ctx.data, peers, keys, cols, parent=ctx.region, lang=ctx.lang)
    return Section(text, fig, None, data=rows)


def region_contributions(ctx: Context, level: str = "peers") -> Section:
    """Each peer's contribution to the parent's growth (拉动), at the latest
    period up to the report's in which the parent and at least two peers
    published levels."""
    peers = _peer_set(ctx, level)
    have = pd.DataFrame()
    for key in _peer_keys(ctx, peers) if peers else []:
        table = upto(ctx.compare(peers, key), ctx.period).dropna(subset=["contribution_to_parent_pp"])
        counts = table.groupby("period")["region_code"].nunique()
        if (counts >= 2).any():
            have = table[table["period"] == counts[counts >= 2].index.max()]
            break
    if have.empty:
        return no_data(ctx, "region_contributions")
    have = have.sort_values("contribution_to_parent_pp", ascending=False)
    text = narrative.region_contributions_sentence(have, ctx.region, ctx.lang)
    period = str(have["period"].iloc[0])
    fig = plots.plot_ranking(have, ctx.region, period, value="contribution_to_parent_pp", lang=ctx.lang)
    cols = ["region_code", "value_100m_yuan", "yoy_pct", "share_of_parent_pct", "contribution_to_parent_pp"]
    return Section(text, fig, format_table(have, ctx.lang, columns=cols), data=have)
