"""Sections of the growth report: headline, single months, published against
implied growth, seasonally adjusted month on month."""

from __future__ import annotations

from fai.metrics.ranks import closest_peers
from fai.metrics.table import YARDSTICK_LEVEL
from fai.model import regions
from fai.presentation import narrative, plots
from fai.presentation.labels import level_noun
from fai.presentation.sources import source_line
from fai.presentation.tables import format_table, headline_table
from fai.reports.context import Context
from fai.reports.sections.base import Section, finish, no_data, upto


def headline_data(ctx: Context) -> dict:
    """The headline figures of a report for the batch index (``ctx.headline``)."""
    return ctx.headline


def headline(ctx: Context) -> Section:
    """Headline table (YTD level, YoY, change in pp, pp vs the yardstick), the YTD
    YoY over the years against the yardstick, and the bulletin sentence."""
    head = ctx.headline_figures
    drawn = [c for c in (head["parent_code"], head.get("second_code")) if c and len(ctx.data_of(c, "fai_total"))]
    fig = plots.plot_yoy_history(ctx.data, ctx.region, parent=drawn[0] if drawn else None,
                                 period_end=head["period"], lang=ctx.lang)
    text = narrative.bulletin_sentence(ctx.derived, ctx.region, head["period"], ctx.lang, with_year=True)
    if head["vs_parent_pp"] is not None:
        second = (head["vs_second_pp"], head["second_code"]) if head.get("vs_second_pp") is not None else None
        text += narrative.parent_gap_sentence(head["vs_parent_pp"], head["parent_code"], ctx.lang, second)
    rows = ctx.rows("fai_total")
    source = source_line(rows[rows["period"] == head["period"]], ctx.lang)
    section = Section(text, fig, headline_table(head, ctx.lang), data=head, period=head["period"], source=source)
    return finish(ctx, section, "headline")


def single_month(ctx: Context) -> Section:
    """Single-month levels (M_t = L_t − L_{t−1}) and their YoY on comparable bases."""
    months = upto(ctx.derived_rows("fai_total"), ctx.period)
    have = months.dropna(subset=["month_value_100m_yuan"])
    if have.empty:
        return finish(ctx, no_data(ctx, "single_month"), "single_month")
    latest = str(have["period"].max())
    older = narrative.older_note(ctx.period, latest, ctx.lang)
    text = older + narrative.single_month_sentence(ctx.derived, ctx.region, latest, ctx.lang)
    fig = ctx.chart(plots.plot_single_month, have, ctx.region, lang=ctx.lang)
    cols = ["period", "month_value_100m_yuan", "month_yoy_pct", "months_covered", "value_100m_yuan", "yoy_pct"]
    shown = have.tail(6)
    table = format_table(shown, ctx.lang, columns=cols, monthly=True)
    section = Section(text, fig, table, data=months, period=latest, older=older,
                      source=source_line(shown, ctx.lang))
    return finish(ctx, section, "single_month")


def revision_gap(ctx: Context) -> Section:
    """Published YoY against the growth implied by published levels (gap in pp)."""
    table = upto(ctx.derived_rows("fai_total"), ctx.period)
    have = table.dropna(subset=["implied_yoy_pct", "yoy_pct"])
    if have.empty:
        return finish(ctx, no_data(ctx, "revision_gap"), "revision_gap")
    latest = str(have["period"].iloc[-1])
    older = narrative.older_note(ctx.period, latest, ctx.lang)
    text = older + narrative.revision_gap_sentence(have.iloc[-1], ctx.region, ctx.lang)
    fig = ctx.chart(plots.plot_revision_gap, have, ctx.region, lang=ctx.lang)
    cols = ["period", "value_100m_yuan", "yoy_pct", "implied_yoy_pct", "revision_gap_pp"]
    shown = have.tail(6)
    section = Section(text, fig, format_table(shown, ctx.lang, columns=cols), data=table, period=latest,
                      older=older, source=source_line(shown, ctx.lang))
    return finish(ctx, section, "revision_gap")


def mom_sa(ctx: Context) -> Section:
    """NBS's seasonally adjusted month-on-month growth where published."""
    rows = upto(ctx.rows("fai_total"), ctx.period).dropna(subset=["mom_sa_pct"])
    if rows.empty:
        return finish(ctx, no_data(ctx, "mom_sa"), "mom_sa")
    latest = str(rows["period"].iloc[-1])
    older = narrative.older_note(ctx.period, latest, ctx.lang)
    text = older + narrative.mom_sa_sentence(rows.iloc[-1], ctx.region, ctx.lang)
    fig = plots.plot_mom_sa(ctx.data, ctx.region, period_end=ctx.period, lang=ctx.lang)
    shown = rows.tail(6)
    table = format_table(shown, ctx.lang, columns=["period", "mom_sa_pct"], monthly=True)
    section = Section(text, fig, table, data=rows, period=latest, older=older, source=source_line(shown, ctx.lang))
    return finish(ctx, section, "mom_sa")


def _rank_peers(ctx: Context) -> tuple[list[str], str | None]:
    """The regions the report's region is ranked among (its level's regions under
    its yardstick: a province among the 31 provinces under 全国), and that yardstick."""
    level = regions.get(ctx.region).level
    parent = next((c for c in regions.ancestors(ctx.region)
                   if regions.get(c).level == YARDSTICK_LEVEL.get(level)), None)
    if parent is None:
        return [], None
    if level == "province":
        return regions.provinces(), parent
    return [c for c in regions.children(parent) if regions.get(c).level == level], parent


def history(ctx: Context) -> Section:
    """The region's growth over the years: a yearly table (1—12月 growth, the
    yardstick's, the gap and the rank among its level's regions) and, by month,
    the gap to the yardstick with the rank (bars and a line)."""
    rows = upto(ctx.rows("fai_total"), ctx.period).dropna(subset=["yoy_pct"])
    peers, parent = _rank_peers(ctx)
    ranks = ctx.ranks(peers, parent) if peers else None
    mine = ranks[ranks["region_code"] == ctx.region] if ranks is not None else None
    mine = upto(mine, ctx.period) if mine is not None and len(mine) else None
    years = (mine if mine is not None else rows.assign(vs_parent_pp=float("nan")))
    years = years[years["period"].str.endswith("-12")]
    if len(years) < 3:
        return finish(ctx, no_data(ctx, "history"), "history")
    noun = level_noun(regions.get(ctx.region).level, ctx.lang)
    ranked = mine[mine["n_ranked"] * 2 >= len(peers)] if mine is not None else None  # a rank among most
    latest = ranked.iloc[-1] if ranked is not None and len(ranked) else None
    window = sorted(set(mine["period"]))[-ctx.span_months:] if mine is not None else []
    close = closest_peers(ctx.data, ctx.region, peers, window) if window else None
    text = narrative.history_sentence(years, ctx.region, parent, latest, close, noun, ctx.lang)
    source = source_line(rows, ctx.lang)
    if mine is not None:
        fig = ctx.chart(plots.plot_gap_history, mine, ctx.region, parent, lang=ctx.lang, source=source)
    else:
        fig = ctx.chart(plots.plot_yearly, years, ctx.region, lang=ctx.lang, source=source)
    cols = ["period", "yoy_pct", "parent_yoy_pct", "vs_parent_pp", "rank"]
    table = format_table(years.iloc[::-1], ctx.lang, columns=cols)
    section = Section(text, fig, table, data=years, period=str(rows["period"].iloc[-1]) if len(rows) else None,
                      source=source)
    return finish(ctx, section, "history")
