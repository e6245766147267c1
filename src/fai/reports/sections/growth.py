"""Sections of the growth report: headline, single months, published against
implied growth, seasonally adjusted month on month."""

from __future__ import annotations

from fai.presentation import narrative, plots
from fai.presentation.tables import format_table, headline_table
from fai.reports.context import Context
from fai.reports.sections.base import Section, no_data, upto


def headline_data(ctx: Context) -> dict:
    """The headline figures of a report for the batch index (``ctx.headline``)."""
    return ctx.headline


def headline(ctx: Context) -> Section:
    """Headline table (YTD level, YoY, change in pp, pp vs parent), the YTD YoY
    over the years against the parent, and the bulletin sentence."""
    head = ctx.headline_figures
    fig = plots.plot_yoy_history(ctx.data, ctx.region, period_end=head["period"], lang=ctx.lang)
    text = narrative.bulletin_sentence(ctx.derived, ctx.region, head["period"], ctx.lang, with_year=True)
    if head["vs_parent_pp"] is not None:
        text += narrative.parent_gap_sentence(head["vs_parent_pp"], head["parent_code"], ctx.lang)
    return Section(text, fig, headline_table(head, ctx.lang), data=head)


def single_month(ctx: Context) -> Section:
    """Single-month levels (M_t = L_t − L_{t−1}) and their YoY on comparable bases."""
    months = upto(ctx.derived_rows("fai_total"), ctx.period)
    have = months.dropna(subset=["month_value_100m_yuan"])
    if have.empty:
        return no_data(ctx, "single_month")
    latest = str(have["period"].max())
    text = narrative.older_note(ctx.period, latest, ctx.lang)
    text += narrative.single_month_sentence(ctx.derived, ctx.region, latest, ctx.lang)
    fig = plots.plot_single_month(have, ctx.region, lang=ctx.lang)
    cols = ["period", "month_value_100m_yuan", "month_yoy_pct", "months_covered", "value_100m_yuan", "yoy_pct"]
    table = format_table(have.tail(6), ctx.lang, columns=cols, monthly=True)
    return Section(text, fig, table, data=months)


def revision_gap(ctx: Context) -> Section:
    """Published YoY against the growth implied by published levels (gap in pp)."""
    table = upto(ctx.derived_rows("fai_total"), ctx.period)
    have = table.dropna(subset=["implied_yoy_pct", "yoy_pct"])
    if have.empty:
        return no_data(ctx, "revision_gap")
    text = narrative.revision_gap_sentence(have.iloc[-1], ctx.region, ctx.lang)
    fig = plots.plot_revision_gap(have, ctx.region, lang=ctx.lang)
    cols = ["period", "value_100m_yuan", "yoy_pct", "implied_yoy_pct", "revision_gap_pp"]
    return Section(text, fig, format_table(have.tail(6), ctx.lang, columns=cols), data=table)


def mom_sa(ctx: Context) -> Section:
    """NBS's seasonally adjusted month-on-month growth where published."""
    rows = upto(ctx.rows("fai_total"), ctx.period).dropna(subset=["mom_sa_pct"])
    if rows.empty:
        return no_data(ctx, "mom_sa")
    text = narrative.mom_sa_sentence(rows.iloc[-1], ctx.region, ctx.lang)
    fig = plots.plot_mom_sa(ctx.data, ctx.region, period_end=ctx.period, lang=ctx.lang)
    table = format_table(rows.tail(6), ctx.lang, columns=["period", "mom_sa_pct"], monthly=True)
    return Section(text, fig, table, data=rows)
