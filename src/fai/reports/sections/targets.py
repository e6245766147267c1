"""Sections of the targets report: the annual target against time progress
(序时进度), the project pipeline and the task contest (双比双看)."""

from __future__ import annotations

from fai.errors import MissingDataError
from fai.metrics import targets
from fai.model import periods
from fai.presentation import narrative, plots
from fai.presentation.sources import source_line
from fai.presentation.tables import contest_table, format_table, pipeline_table
from fai.reports.context import Context
from fai.reports.sections.base import Section, finish, no_data


def _target_source(ctx: Context) -> str:
    rows = ctx.targets[ctx.targets["region_code"] == ctx.region] if ctx.targets is not None else None
    return source_line(rows, ctx.lang)


def target_progress(ctx: Context) -> Section:
    """Completion of the annual target against 序时进度, the gap and the
    monthly amount still needed; the target is ``target_100m_yuan`` when given,
    else the targets table's annual target."""
    level = ctx.rows("fai_total")
    level = level[(level["period"] == ctx.period) & level["value_100m_yuan"].notna()]
    try:
        if ctx.target_100m_yuan > 0:
            if level.empty:
                raise MissingDataError("no level")
            _, month = periods.parse_period(ctx.period)
            progress = targets.target_progress(float(level["value_100m_yuan"].iloc[0]), ctx.target_100m_yuan, month)
            progress.insert(0, "indicator", "fai_total")
            progress.insert(0, "period", ctx.period)
            progress.insert(0, "region_code", ctx.region)
        else:
            progress = targets.target_progress_for(ctx.region, ctx.period, ctx.data, ctx.targets)
    except MissingDataError:
        return finish(ctx, no_data(ctx, "target_progress"), "target_progress")
    text = narrative.target_sentence(progress, ctx.lang)
    source = _target_source(ctx)
    fig = ctx.chart(plots.plot_target_progress, progress, ctx.region, lang=ctx.lang, source=source)
    cols = ["period", "level_100m_yuan", "target_100m_yuan", "completion_pct", "time_progress_pct", "gap_pp",
            "monthly_needed_100m_yuan"]
    section = Section(text, fig, format_table(progress, ctx.lang, columns=cols), data=progress,
                      period=str(progress["period"].iloc[0]), source=source)
    return finish(ctx, section, "target_progress")


def project_pipeline(ctx: Context) -> Section:
    """Project groups: planned / started / start rate, annual plan vs done."""
    try:
        pipeline = targets.project_pipeline(ctx.targets, ctx.region, ctx.period)
    except MissingDataError:
        return finish(ctx, no_data(ctx, "project_pipeline"), "project_pipeline")
    used = str(pipeline["period"].iloc[0])
    older = narrative.older_note(ctx.period, used, ctx.lang)
    text = older + narrative.pipeline_sentence(pipeline, ctx.region, ctx.lang)
    source = _target_source(ctx)
    fig = ctx.chart(plots.plot_project_pipeline, pipeline, ctx.region, lang=ctx.lang, source=source)
    section = Section(text, fig, pipeline_table(pipeline, ctx.lang), data=pipeline, period=used, older=older,
                      source=source)
    return finish(ctx, section, "project_pipeline")


def task_contest(ctx: Context) -> Section:
    """Task contest (双比双看): done vs target per task, 先进 / 后进 per unit."""
    try:
        contest = targets.task_contest(ctx.targets, ctx.region, ctx.period)
    except MissingDataError:
        return finish(ctx, no_data(ctx, "task_contest"), "task_contest")
    used = str(contest["period"].iloc[0])
    older = narrative.older_note(ctx.period, used, ctx.lang)
    text = older + narrative.contest_sentence(contest, ctx.lang)
    source = _target_source(ctx)
    fig = ctx.chart(plots.plot_task_contest, contest, ctx.region, lang=ctx.lang, source=source)
    section = Section(text, fig, contest_table(contest, ctx.lang), data=contest, period=used, older=older,
                      source=source)
    return finish(ctx, section, "task_contest")
