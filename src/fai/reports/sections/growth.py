"""Sections of the growth report: headline, single months, published against
implied growth, seasonally adjusted month on month."""

from __future__ import annotations

from fai.presentation import narrative, plots
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
    fig = plots.plot_single_month(have, ctx.region, lang=ctx.lang)
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
    fig = plots.plot_revision_gap(have, ctx.region, lang=ctx.lang)
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
