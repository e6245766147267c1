"""Charts of the targets report: the annual target against time progress
(序时进度), the project pipeline and the task contest (双比双看).

They take ``source``: the targets table's own source line (the report's
sections pass it); without one they name the targets table, never NBS.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from fai.model import regions
from fai.presentation.colors import PALETTE, RESIDUAL_COLOR, color
from fai.presentation.formats import check_lang, fmt_level
from fai.presentation.labels import item_label, month_label, period_label, text
from fai.presentation.plots.base import figure, finish, pct_axis, short_name, title
from fai.presentation.sources import targets_source_line


def plot_target_progress(progress: pd.DataFrame | dict, region: str, *, lang: str = "zh", source: str | None = None):
    """Completion of the annual target against 序时进度 (time progress), as a
    gauge bar: filled to the completion %, a dashed marker at the time
    progress, the gap in pp written above, from a row of
    :func:`fai.metrics.targets.target_progress_for` (``period, level_100m_yuan,
    target_100m_yuan, completion_pct, time_progress_pct, gap_pp``).
    """
    check_lang(lang)
    code = regions.resolve(region)
    row = pd.Series(progress) if isinstance(progress, dict) else progress.iloc[0]
    done, clock, gap = float(row["completion_pct"]), float(row["time_progress_pct"]), float(row["gap_pp"])
    fig, ax = figure(9, 3.2)
    ax.barh([0], [100], color="#eeeeee", height=0.5)
    ax.barh([0], [done], color=color("fai_total") if gap >= 0 else PALETTE["fai_real_estate"], height=0.5,
            label=text("completion", lang))
    ax.plot([clock, clock], [-0.34, 0.34], color="black", ls="--", lw=2,
            label=f"{text('time_progress', lang)} {clock:.2f}%")
    inside = done < clock and done > 15  # keep the label clear of the time-progress marker
    ax.text(done, 0, f"{done:.2f}% " if inside else f" {done:.2f}%", va="center", ha="right" if inside else "left",
            fontsize=10, color="white" if inside else "black")
    if lang == "zh":
        verdict = f"{'快于' if gap >= 0 else '落后'}序时进度{abs(gap):.2f}个百分点"
    else:
        verdict = f"{abs(gap):.2f} pp {'ahead of' if gap >= 0 else 'behind'} time progress"
    ax.text(min(done, clock) + abs(gap) / 2, 0.36, verdict, ha="center", va="bottom", fontsize=10)
    ax.set_xlim(0, max(105.0, done + 12))
    ax.set_ylim(-0.5, 0.75)
    ax.set_yticks([])
    pct_axis(ax, text("completion", lang), axis="x")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    level = fmt_level(row.get("level_100m_yuan", row.get("value_100m_yuan")), lang)
    target = fmt_level(row.get("target_100m_yuan"), lang)
    when = period_label(str(row["period"]), lang)
    sub = f"{when}: {level} of {target}" if lang == "en" else f"{when}：{level}，{text('target', lang)}{target}"
    return finish(fig, title(code, "fai_total", text("completion", lang), lang), sub,
                   source or targets_source_line(progress, lang))


def plot_project_pipeline(pipeline: pd.DataFrame, region: str, *, lang: str = "zh", source: str | None = None):
    """Project groups from :func:`fai.metrics.targets.project_pipeline`: annual plan
    against investment done so far (亿元, plan completion % written next to
    the bars) and the start rate (%) where given."""
    check_lang(lang)
    code = regions.resolve(region)
    data = pipeline.reset_index(drop=True)
    period = str(data["period"].iloc[0])
    plan = data["annual_plan_100m_yuan"].astype(float)
    done = data["ytd_100m_yuan"].astype(float)
    completion = data["plan_completion_pct"].astype(float)
    rate = data["start_rate_pct"].astype(float).fillna(data["start_rate_published_pct"].astype(float))
    has_rate = bool(rate.notna().any())
    fig, axes = figure(11 if has_rate else 8.5, 0.6 * max(len(data), 3) + 2.3, 1, 2 if has_rate else 1,
                        squeeze=False, width_ratios=[2.2, 1] if has_rate else None)
    ax = axes[0][0]
    y = np.arange(len(data))[::-1]
    names = [item_label(i, lang) for i in data["item"]]
    ax.barh(y + 0.18, plan.fillna(0), height=0.36, color=RESIDUAL_COLOR, label=text("annual_plan", lang))
    ax.barh(y - 0.18, done.fillna(0), height=0.36, color=color("fai_project"), label=text("ytd_done", lang))
    for yi, p_, d_, c_ in zip(y, plan, done, completion):
        if not math.isnan(c_):
            ax.text(np.nanmax([p_, d_]), yi, f"  {c_:.1f}%", va="center", ha="left", fontsize=9)
    ax.set_yticks(y, names, fontsize=9)
    ax.set_xlabel(text("amount", lang))
    ax.set_xlim(0, float(np.nanmax(np.r_[plan.to_numpy(), done.to_numpy(), 1.0])) * 1.3)
    ax.legend(loc="lower right", frameon=True, fontsize=9, framealpha=0.9)
    ax.grid(False, axis="y")
    if has_rate:
        ax2 = axes[0][1]
        ax2.barh(y, rate.fillna(0), color=color("fai_infrastructure"), height=0.5)
        for yi, r in zip(y, rate):
            ax2.text(0 if math.isnan(r) else r, yi, " —" if math.isnan(r) else f" {r:.1f}%", va="center",
                     ha="left", fontsize=9)
        ax2.set_yticks(y, [""] * len(y))
        ax2.set_xlim(0, 130)
        pct_axis(ax2, text("start_rate", lang), axis="x")
        ax2.grid(False, axis="y")
    measure = "项目推进（亿元、%）" if lang == "zh" else "project pipeline (100m yuan, %)"
    return finish(fig, title(code, None, measure, lang), period_label(period, lang),
                   source or targets_source_line(pipeline, lang))


def plot_task_contest(contest: pd.DataFrame, region: str, *, lang: str = "zh", source: str | None = None):
    """Task contest (双比双看) from :func:`fai.metrics.targets.task_contest`: target
    against done per task (counts), done/target % written next to the bars;
    with several units the bar labels name the unit."""
    check_lang(lang)
    code = regions.resolve(region)
    data = contest.reset_index(drop=True)
    period = str(data["period"].iloc[0])
    names = [item_label(i, lang) for i in data["task"]]
    if "region_code" in data and data["region_code"].nunique() > 1:
        names = [f"{short_name(c, lang)}·{n}" for c, n in zip(data["region_code"], names)]
    fig, ax = figure(9, 0.6 * max(len(data), 3) + 2.2)
    y = np.arange(len(data))[::-1]
    target, done = data["target_count"].astype(float), data["done_count"].astype(float)
    ax.barh(y + 0.18, target, height=0.36, color=RESIDUAL_COLOR, label=text("target", lang))
    ax.barh(y - 0.18, done, height=0.36, color=color("fai_total"), label=text("done", lang))
    for yi, t, d in zip(y, target, done):
        if t:
            ax.text(max(t, d), yi, f"  {d:.0f} / {t:.0f} = {d / t * 100:.0f}%", va="center", fontsize=9)
    ax.set_yticks(y, names, fontsize=9)
    ax.set_xlabel(text("count", lang))
    ax.set_xlim(0, float(np.nanmax(np.r_[target.to_numpy(), done.to_numpy(), 1.0])) * 1.45)
    ax.legend(loc="lower right", frameon=True, fontsize=9, framealpha=0.9)
    ax.grid(False, axis="y")
    measure = "任务完成情况（个）" if lang == "zh" else "tasks done against target (count)"
    return finish(fig, title(code, None, measure, lang), month_label(period, lang),
                   source or targets_source_line(contest, lang))
