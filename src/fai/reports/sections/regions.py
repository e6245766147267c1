"""Sections of the regions report: peers ranked, a heatmap of peers × periods,
and each peer's contribution to the parent's growth — for the region's
children (``level="peers"``) or their children (``level="subpeers"``).

A comparison uses one period for every region and indicator it shows (the
latest up to the report's in which most peers published) and names the peers
it leaves out.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from fai.metrics.ranks import rank_moves
from fai.model import regions
from fai.presentation import narrative, plots
from fai.presentation.labels import level_noun
from fai.presentation.sources import source_line
from fai.presentation.tables import format_table, ranking_table
from fai.reports.context import Context, peer_period, tree_indicators, well_covered_periods
from fai.reports.sections.base import Section, finish, months_apart, no_data, upto


def _peer_set(ctx: Context, level: str) -> list[str]:
    return ctx.subpeers if level == "subpeers" else ctx.peers


def _peer_keys(ctx: Context, peers: list[str]) -> list[str]:
    if ctx.indicators:
        return ctx.indicators
    have = set(ctx.data.loc[ctx.data["region_code"].isin(peers) & ctx.data["yoy_pct"].notna(), "indicator"])
    return [k for k in tree_indicators() if k in have]


def _noun(ctx: Context, peers: list[str]) -> str:
    """The peers as a heading names them (各省（区、市）), by their most common level."""
    levels = Counter(regions.get(c).level for c in peers)
    noun = level_noun(levels.most_common(1)[0][0] if levels else "other", ctx.lang)
    return noun[0].upper() + noun[1:] if ctx.lang == "en" else noun


def _key(name: str, level: str) -> str:
    return f"{name}:{level}" if level == "subpeers" else name


def common_period(ctx: Context, peers: list[str]) -> str | None:
    """The one period a comparison of the peers shows: the latest up to the
    report's in which at least half of the peers (and two) published the first
    indicator's growth."""
    keys = _peer_keys(ctx, peers)
    return peer_period(ctx.data, peers, keys[0], ctx.period) if keys else None


def _compare(ctx: Context, peers: list[str], period: str) -> pd.DataFrame:
    """Per indicator, the comparison of the peers in ``period`` (indicators without figures then left out)."""
    tables = []
    for key in _peer_keys(ctx, peers):
        table = ctx.compare(peers, key)
        table = table[(table["period"] == period) & table["yoy_pct"].notna()].reset_index(drop=True)
        if len(table) >= 2:
            tables.append(table)
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def ranking(ctx: Context, level: str = "peers") -> Section:
    """Peers ranked by YTD YoY with the parent's line (one panel per indicator),
    and the rank / rank change / pp vs parent table — all in one period."""
    peers = _peer_set(ctx, level)
    key, title = _key("ranking", level), None
    period = common_period(ctx, peers) if peers else None
    table = _compare(ctx, peers, period) if period else pd.DataFrame()
    if table.empty:
        return finish(ctx, no_data(ctx, level), key)
    first = str(table["indicator"].iloc[0])
    ranked = table[table["indicator"] == first]
    older = narrative.older_note(ctx.period, period, ctx.lang)
    left = [c for c in peers if c not in set(ranked["region_code"])]
    text = older + narrative.ranking_sentence(ranked, ctx.parent, ctx.lang, region=ctx.focus)
    text += narrative.left_out_sentence(left, period, ctx.lang)
    fig = ctx.shared_figure(("ranking", tuple(peers), ctx.parent, period, ctx.lang, tuple(ctx.indicators)),
                            plots.plot_ranking, table, ctx.parent, period, lang=ctx.lang)
    noun = _noun(ctx, peers)
    title = f"{noun} ranked by growth" if ctx.lang == "en" else f"{noun}增速排序"
    section = Section(text, fig, ranking_table(table, ctx.lang), data=table, period=period, older=older,
                      source=source_line(table, ctx.lang))
    return finish(ctx, section, key, title)


def heatmap(ctx: Context, level: str = "peers") -> Section:
    """YTD YoY of the peers × periods (the periods most peers published)."""
    peers = _peer_set(ctx, level)
    key = _key("heatmap", level)
    keys = _peer_keys(ctx, peers) if peers else []
    cols = sorted({p for k in keys for p in well_covered_periods(ctx.data, peers, k, ctx.period)})
    if len(cols) > ctx.span_months + 12:  # a monthly panel: the chosen span of months up to the latest
        cols = [c for c in cols if months_apart(c, cols[-1]) < ctx.span_months]
        covered = {k: set(well_covered_periods(ctx.data, peers, k, ctx.period)) & set(cols) for k in keys}
        keys = [k for k in keys if len(covered[k]) * 2 >= len(cols)] or keys[:1]  # the series of the span
        cols = sorted(set().union(*(covered[k] for k in keys)))
    if not cols:
        return finish(ctx, no_data(ctx, level), key)
    rows = ctx.data[ctx.data["region_code"].isin(peers) & ctx.data["indicator"].isin(keys)
                    & ctx.data["period"].isin(cols)].dropna(subset=["yoy_pct"])
    first = keys[0] if keys[0] in set(rows["indicator"]) else str(rows["indicator"].iloc[0])
    last = rows[rows["indicator"] == first]
    last = last[last["period"] == last["period"].max()]
    latest = str(last["period"].iloc[0])
    older = narrative.older_note(ctx.period, latest, ctx.lang)
    text = older + narrative.heatmap_sentence(len(peers), len(cols), first, last, ctx.lang)
    # drawn from the rows it shows (the same cells as from the whole table): its key in the store
    fig = ctx.shared_figure(("heatmap", tuple(peers), tuple(keys), tuple(cols), ctx.parent, ctx.lang),
                            plots.plot_heatmap, rows, peers, keys, cols, parent=ctx.parent, lang=ctx.lang)
    noun = _noun(ctx, peers)
    title = f"{noun}: growth over time" if ctx.lang == "en" else f"{noun}历期增速"
    section = Section(text, fig, None, data=rows, period=latest, older=older, source=source_line(rows, ctx.lang))
    return finish(ctx, section, key, title)


def region_contributions(ctx: Context, level: str = "peers") -> Section:
    """Each peer's contribution to the parent's growth (拉动), at the latest
    period up to the report's in which the parent and at least two peers
    published levels."""
    peers = _peer_set(ctx, level)
    key = _key("region_contributions", level)
    have = pd.DataFrame()
    for indicator in _peer_keys(ctx, peers) if peers else []:
        table = upto(ctx.compare(peers, indicator), ctx.period).dropna(subset=["contribution_to_parent_pp"])
        counts = table.groupby("period")["region_code"].nunique()
        if (counts >= 2).any():
            have = table[table["period"] == counts[counts >= 2].index.max()]
            break
    if have.empty:
        return finish(ctx, no_data(ctx, "region_contributions"), key)
    have = have.sort_values("contribution_to_parent_pp", ascending=False)
    period = str(have["period"].iloc[0])
    older = narrative.older_note(ctx.period, period, ctx.lang)
    text = older + narrative.region_contributions_sentence(have, ctx.parent, ctx.lang)
    fig = ctx.chart(plots.plot_ranking, have, ctx.parent, period, value="contribution_to_parent_pp", lang=ctx.lang)
    cols = ["region_code", "value_100m_yuan", "yoy_pct", "share_of_parent_pct", "contribution_to_parent_pp"]
    noun, parent = _noun(ctx, peers), regions.name_of(ctx.parent, ctx.lang)
    title = (f"{noun}: contributions to the growth of {parent}" if ctx.lang == "en"
             else f"{noun}对{parent}增长的拉动")
    section = Section(text, fig, format_table(have, ctx.lang, columns=cols), data=have, period=period,
                      older=older, source=source_line(have, ctx.lang))
    return finish(ctx, section, key, title)


def _province_set(ctx: Context) -> list[str]:
    """The peers that are provinces (the children or the grandchildren of the report's region)."""
    provinces = set(regions.provinces())
    for peers in (ctx.subpeers, ctx.peers):
        if peers and sum(c in provinces for c in peers) * 2 >= len(peers):
            return peers
    return []


def tile_map(ctx: Context) -> Section:
    """The provinces on a tile-grid map of China coloured by growth, in the
    comparison's one period, with how many grew and fell and the extremes."""
    peers = _province_set(ctx)
    period = common_period(ctx, peers) if peers else None
    if period is None:
        return finish(ctx, no_data(ctx, "subpeers"), "tile_map")
    table = ctx.compare(peers, _peer_keys(ctx, peers)[0])
    now = table[(table["period"] == period) & table["yoy_pct"].notna()]
    older = narrative.older_note(ctx.period, period, ctx.lang)
    noun = _noun(ctx, peers)
    left = [c for c in peers if c not in set(now["region_code"])]
    text = older + narrative.tile_map_sentence(now, period, noun, ctx.lang)
    text += narrative.left_out_sentence(left, period, ctx.lang).replace("未参与排序", "地图中为灰色")
    source = source_line(now, ctx.lang)
    fig = ctx.shared_figure(("tile_map", tuple(peers), ctx.parent, period, ctx.lang, tuple(ctx.indicators)),
                            plots.plot_tile_map, now, ctx.parent, period, lang=ctx.lang, source=source)
    section = Section(text, fig, None, data=now, period=period, older=older, source=source)
    return finish(ctx, section, "tile_map")


def rank_changes(ctx: Context) -> Section:
    """Each province's rank month by month among all and within its macro-region:
    the moves against a month and a year before (table, biggest moves first) and
    the ranks over ``span_months`` of a chosen set (``bump``, else the three that
    rose and the three that fell most)."""
    peers = _province_set(ctx) or ctx.peers
    period = common_period(ctx, peers) if peers else None
    if period is None:
        return finish(ctx, no_data(ctx, "subpeers"), "rank_changes")
    ranks = upto(ctx.ranks(peers, ctx.parent, _peer_keys(ctx, peers)[0]), period)
    moves = rank_moves(ranks, period)
    if moves.empty:
        return finish(ctx, no_data(ctx, "subpeers"), "rank_changes")
    older = narrative.older_note(ctx.period, period, ctx.lang)
    text = older + narrative.rank_moves_sentence(moves, ctx.lang)
    chosen = [c for c in ctx.bump if c in set(peers)]
    if not chosen and ctx.focus:  # the report's region among its peers: it and its neighbours in rank
        at = moves.set_index("region_code")["rank"]
        mine = at.get(ctx.focus)
        near = (at - mine).abs().sort_values(kind="stable").index.tolist() if mine is not None else []
        chosen = list(dict.fromkeys([ctx.focus, *near]))[:5]
    if not chosen:
        moved = moves.dropna(subset=["rank_change_12m"])
        chosen = [*moved.nlargest(3, "rank_change_12m")["region_code"], *moved.nsmallest(3, "rank_change_12m")["region_code"]]
        chosen = list(dict.fromkeys(chosen)) or list(moves["region_code"].head(6))
    window = sorted(set(ranks["period"]))[-ctx.span_months:]
    source = source_line(ctx.data[ctx.data["region_code"].isin(peers) & ctx.data["period"].isin(window)], ctx.lang)
    fig = ctx.chart(plots.plot_bump, ranks[ranks["period"].isin(window)], chosen, ctx.parent, lang=ctx.lang,
                    source=source)
    cols = ["region_code", "yoy_pct", "rank", "rank_change_1m", "rank_change_12m", "rank_in_macro", "vs_parent_pp"]
    table = format_table(moves.head(12), ctx.lang, columns=cols)
    section = Section(text, fig, table, data=moves, period=period, older=older, source=source)
    noun = _noun(ctx, peers)
    title = f"{noun}: rank changes" if ctx.lang == "en" else f"{noun}增速位次变化"
    return finish(ctx, section, "rank_changes", title)
