"""Sections of the structure report: shares of the components, their growth
against the total's, and their contributions (拉动) with the sector residual."""

from __future__ import annotations

import pandas as pd

from fai.metrics import structure
from fai.model import indicators
from fai.presentation import narrative, plots
from fai.presentation.sources import source_line
from fai.presentation.tables import format_table
from fai.reports.context import Context
from fai.reports.sections.base import Section, components, finish, no_data, ordered, upto


def _region(ctx: Context) -> pd.DataFrame:
    """The region's derived rows up to the report's period, in the table's order."""
    return upto(ctx.derived[ctx.derived["region_code"] == ctx.region], ctx.period)


def _structure_period(comps: pd.DataFrame) -> str:
    """The latest period with all three sectors, else the latest with any component."""
    sectors = set(indicators.group_members("sector"))
    complete = comps.groupby("period")["indicator"].agg(lambda s: sectors <= set(s))
    return str(complete[complete].index.max() if complete.any() else comps["period"].max())


def shares(ctx: Context) -> Section:
    """Shares of the components in total FAI (table at the latest period with
    component levels; stacked sectors and component lines over time)."""
    table = _region(ctx)
    comps = components(table, "share_of_total_pct")
    if comps.empty:
        return finish(ctx, no_data(ctx, "shares"), "shares")
    used = _structure_period(comps)
    keys = list(comps.loc[comps["period"] == used, "indicator"])
    group = "sector" if set(indicators.group_members("sector")) <= set(keys) else keys
    older = narrative.older_note(ctx.period, used, ctx.lang)
    text = older + narrative.structure_sentence(ctx.derived, ctx.region, used, group, ctx.lang)
    fig = ctx.chart(plots.plot_shares, comps, ctx.region, lang=ctx.lang)
    cols = ["indicator", "value_100m_yuan", "yoy_pct", "share_of_total_pct"]
    shown = table[(table["period"] == used) & table["indicator"].isin(["fai_total", *keys])]
    section = Section(text, fig, format_table(ordered(shown), ctx.lang, columns=cols), data=table, period=used,
                      older=older, source=source_line(shown, ctx.lang))
    return finish(ctx, section, "shares")


def component_growth(ctx: Context) -> Section:
    """YoY of each component against total FAI's at the latest period with both."""
    rows = _region(ctx)
    comps = components(rows, "yoy_pct")
    totals = rows[(rows["indicator"] == "fai_total") & rows["yoy_pct"].notna()]
    both = sorted(set(comps["period"]) & set(totals["period"]))
    if not both:
        return finish(ctx, no_data(ctx, "component_growth"), "component_growth")
    used = both[-1]
    now = ordered(rows[(rows["period"] == used) & rows["yoy_pct"].notna()])
    older = narrative.older_note(ctx.period, used, ctx.lang)
    text = older + narrative.component_growth_sentence(now, ctx.region, used, ctx.lang)
    fig = plots.plot_component_yoy(ctx.data, ctx.region, used, lang=ctx.lang)
    cols = ["indicator", "yoy_pct", "yoy_change_pp"]
    section = Section(text, fig, format_table(now, ctx.lang, columns=cols), data=now, period=used, older=older,
                      source=source_line(now, ctx.lang))
    return finish(ctx, section, "component_growth")


def contributions(ctx: Context) -> Section:
    """Contribution (拉动) of each component to total growth, with the residual
    of the three sectors, at the latest period with sector levels (else any)."""
    table = _region(ctx)
    comps = components(table, "contribution_to_total_pp")
    if comps.empty:
        return finish(ctx, no_data(ctx, "contributions"), "contributions")
    residuals = structure.contribution_residual(table, "sector").dropna(subset=["residual_pp"])
    complete = sorted(set(residuals["period"]) & set(comps["period"]))
    used = complete[-1] if complete else str(comps["period"].max())
    now = table[table["period"] == used]
    keys = list(components(now, "contribution_to_total_pp")["indicator"])
    group = "sector" if complete else keys
    older = narrative.older_note(ctx.period, used, ctx.lang)
    text = older + narrative.structure_sentence(ctx.derived, ctx.region, used, group, ctx.lang)
    residual = None
    if complete:
        at = residuals.loc[residuals["period"] == used].iloc[0]
        residual = float(at["residual_pp"])
        text += narrative.residual_sentence(float(at["contribution_sum_pp"]), float(at["parent_yoy_pct"]),
                                            residual, ctx.lang)
    fig = ctx.chart(plots.plot_contributions, now, ctx.region, used, residual=residual, lang=ctx.lang)
    cols = ["indicator", "value_100m_yuan", "yoy_pct", "contribution_to_total_pp"]
    shown = now[now["indicator"].isin(["fai_total", *keys])]
    section = Section(text, fig, format_table(ordered(shown), ctx.lang, columns=cols), data=table, period=used,
                      older=older, source=source_line(shown, ctx.lang))
    return finish(ctx, section, "contributions")
