"""Sentences of the targets report: the annual target against time progress
(序时进度), the project pipeline and the task contest (双比双看). Each takes
the numbers of :mod:`fai.metrics.targets`."""

from __future__ import annotations

import pandas as pd

from fai.model import regions
from fai.presentation.formats import check_lang, format_level
from fai.presentation.labels import item_label, month_label, verdict
from fai.presentation.narrative.phrases import ok, period_phrase, region_phrase, subject_phrase


def target_sentence(progress: pd.DataFrame | pd.Series, lang: str = "zh") -> str:
    """Completion of the annual target against time progress (序时进度), from a
    row of :func:`fai.metrics.targets.target_progress_for`.

    >>> import fai
    >>> p = fai.metrics.targets.target_progress_for("余杭区", "2016-08", fai.load(), fai.load_targets())
    >>> target_sentence(p)
    '1—8月份，余杭区固定资产投资629.44亿元，完成年度目标1030亿元的61.11%，低于序时进度（66.67%）5.56个百分点；后4个月平均每月需完成100.14亿元。'
    """
    lang = check_lang(lang)
    row = progress.iloc[0] if isinstance(progress, pd.DataFrame) else progress
    period = str(row["period"])
    name = region_phrase(str(row["region_code"]), lang)
    subject = subject_phrase(str(row.get("indicator", "fai_total")), lang)
    if str(row.get("indicator", "fai_total")) == "fai_total":
        subject = "fixed-asset investment" if lang == "en" else "固定资产投资"
    level, target = float(row["level_100m_yuan"]), float(row["target_100m_yuan"])
    done, time_p, gap = float(row["completion_pct"]), float(row["time_progress_pct"]), float(row["gap_pp"])
    month = int(row["month"])
    needed = row.get("monthly_needed_100m_yuan")
    if lang == "en":
        words = (f"In {period_phrase(period, 'en', True)}, {subject} in {name} was {format_level(level, 'en')}, "
                 f"{done:.2f}% of the annual target of {format_level(target, 'en')}, "
                 f"{abs(gap):.2f} percentage points {'ahead of' if gap >= 0 else 'behind'} "
                 f"time progress ({time_p:.2f}%)")
        if ok(needed) and needed > 0:
            words += (f"; {format_level(float(needed), 'en')} a month is needed over the remaining "
                      f"{12 - month} month{'s' if 12 - month > 1 else ''}")
        return words + "."
    words = (f"{period_phrase(period)}，{name}{subject}{format_level(level)}，"
             f"完成年度目标{format_level(target)}的{done:.2f}%，")
    if gap >= 0:
        words += f"高于序时进度（{time_p:.2f}%）{abs(gap):.2f}个百分点"
    else:
        words += f"低于序时进度（{time_p:.2f}%）{abs(gap):.2f}个百分点"
    if ok(needed) and needed > 0:
        words += f"；后{12 - month}个月平均每月需完成{format_level(float(needed))}"
    return words + "。"


def pipeline_sentence(pipeline: pd.DataFrame, region: str, lang: str = "zh") -> str:
    """The first project group (the whole programme) — planned, started, start
    rate, investment done against the annual plan — then the other groups'
    completion of their plans, from :func:`fai.metrics.targets.project_pipeline`."""
    code = regions.resolve(region)
    name = regions.name_of(code, lang)
    lead = pipeline.iloc[0]
    label = item_label(str(lead["item"]), lang)
    when = period_phrase(str(lead["period"]), lang, True)
    rest = pipeline.iloc[1:].dropna(subset=["plan_completion_pct"])
    if lang == "zh":
        parts = [f"{label}{lead['count']:.0f}个" if ok(lead["count"]) else label]
        if ok(lead["started"]):
            parts.append(f"已开工{lead['started']:.0f}个，开工率{lead['start_rate_pct']:.1f}%")
        if ok(lead["ytd_100m_yuan"]) and ok(lead["annual_plan_100m_yuan"]):
            parts.append(f"完成投资{format_level(lead['ytd_100m_yuan'])}，"
                         f"占年度计划{format_level(lead['annual_plan_100m_yuan'])}的{lead['plan_completion_pct']:.2f}%")
        words = f"{when}，{name}" + "，".join(parts) + "。"
        if len(rest):
            words += "其中，" + "；".join(f"{item_label(r.item)}完成年度计划的{r.plan_completion_pct:.2f}%"
                                       for r in rest.itertuples()) + "。"
        return words
    parts = [f"{lead['count']:.0f} projects ({label})" if ok(lead["count"]) else label]
    if ok(lead["started"]):
        parts.append(f"{lead['started']:.0f} started (start rate {lead['start_rate_pct']:.1f}%)")
    if ok(lead["ytd_100m_yuan"]) and ok(lead["annual_plan_100m_yuan"]):
        parts.append(f"{lead['plan_completion_pct']:.2f}% of the annual plan done")
    words = f"In {when}, {name}: " + ", ".join(parts) + "."
    if len(rest):
        words += " " + "; ".join(f"{item_label(r.item, 'en')}: {r.plan_completion_pct:.2f}% of plan"
                                 for r in rest.itertuples()) + "."
    return words


def contest_sentence(contest: pd.DataFrame, lang: str = "zh") -> str:
    """Each task done against its target, and each unit's verdict (先进 when it
    met every task, else 后进), from :func:`fai.metrics.targets.task_contest`."""
    month = month_label(str(contest["period"].iloc[0]), lang)
    units = contest.drop_duplicates("region_code")
    if lang == "zh":
        tasks = "；".join(f"{item_label(r.task)}{r.done_count:.0f}个，为目标{r.target_count:.0f}个的"
                         f"{r.done_over_target_pct:.1f}%" for r in contest.itertuples())
        verdicts = "，".join(f"{r.region_name}完成{r.tasks_met}/{r.tasks_total}项任务，评为{verdict(r.unit_met_all)}"
                             for r in units.itertuples())
        return f"{month}“双比双看”：{tasks}。{verdicts}。"
    tasks = "; ".join(f"{item_label(r.task, 'en')}: {r.done_count:.0f} against {r.target_count:.0f} "
                      f"({r.done_over_target_pct:.1f}%)" for r in contest.itertuples())
    verdicts = ", ".join(f"{regions.name_of(r.region_code, 'en')} met {r.tasks_met} of {r.tasks_total} tasks "
                         f"({verdict(r.unit_met_all, 'en')})" for r in units.itertuples())
    return f"Task contest, {month}: {tasks}. {verdicts}."
