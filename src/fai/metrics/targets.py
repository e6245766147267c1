"""Targets: completion of the annual target against time progress (序时进度),
project pipelines (start rate, completion of the annual project plan) and
monthly task contests (双比双看).

* completion_pct = L_t / annual target × 100
* time_progress_pct = month / 12 × 100 (序时进度)
* gap_pp = completion_pct − time_progress_pct (negative = behind schedule)
* monthly_needed_100m_yuan = (target − L_t) / (12 − month), NaN in December

Numbers only: the names of project groups and tasks and the verdicts 先进 / 后进
are :mod:`fai.presentation.labels`'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fai.errors import MissingDataError
from fai.model import periods, regions


def target_progress(level_100m_yuan, target_100m_yuan, month) -> pd.DataFrame:
    """Progress towards an annual target, vectorised over scalars or arrays.

    Returns one row per input with level_100m_yuan, target_100m_yuan, month,
    completion_pct, time_progress_pct, gap_pp and monthly_needed_100m_yuan.

    Worked example (余杭区 2016): 629.44 of 1030 亿元 by August →
    629.44 / 1030 = 61.11 % against 8 / 12 = 66.67 % → gap −5.56 pp; still
    needed (1030 − 629.44) / 4 = 100.14 亿元 a month.

    >>> r = target_progress(629.44, 1030, 8).round(2).iloc[0]
    >>> float(r.completion_pct), float(r.time_progress_pct), float(r.gap_pp), float(r.monthly_needed_100m_yuan)
    (61.11, 66.67, -5.56, 100.14)
    """
    level = np.atleast_1d(np.asarray(level_100m_yuan, dtype=float))
    target = np.atleast_1d(np.asarray(target_100m_yuan, dtype=float))
    month = np.atleast_1d(np.asarray(month, dtype=float))
    level, target, month = np.broadcast_arrays(level, target, month)
    with np.errstate(divide="ignore", invalid="ignore"):
        completion = level / target * 100.0
        time_progress = month / 12.0 * 100.0
        remaining = 12.0 - month
        needed = np.where(remaining > 0, (target - level) / np.where(remaining > 0, remaining, 1), np.nan)
    return pd.DataFrame({
        "level_100m_yuan": level, "target_100m_yuan": target, "month": month.astype(int),
        "completion_pct": completion, "time_progress_pct": time_progress,
        "gap_pp": completion - time_progress, "monthly_needed_100m_yuan": needed,
    })


def _region_rows(table: pd.DataFrame, code: str, what: str) -> pd.DataFrame:
    rows = table.loc[table["region_code"] == code]
    if rows.empty:
        raise MissingDataError(found=f"the {what} hold nothing for {regions.name_of(code)} ({code})",
                               expected=f"rows with region_code {code}")
    return rows


def _pick_period(rows: pd.DataFrame, period: str, code: str, what: str) -> str:
    if period == "latest":
        return str(rows["period"].max())
    periods.parse_period(period)
    if not (rows["period"] == period).any():
        have = ", ".join(sorted(rows["period"].unique()))
        raise MissingDataError(found=f"the {what} of {regions.name_of(code)} ({code}) have nothing for {period}",
                               expected=f"a period they cover: {have}")
    return period


def target_progress_for(
    region: str,
    period: str,
    tidy: pd.DataFrame,
    targets: pd.DataFrame,
    indicator: str = "fai_total",
) -> pd.DataFrame:
    """:func:`target_progress` for a region and period, with the YTD level taken
    from the tidy table and the annual target (measure ``annual_target``, any
    period of the same year) from the targets table. Adds region_code,
    region_name, period, indicator and published_completion_pct (the
    ``plan_completion_pct`` the source states, NaN when absent).

    ``period`` is "YYYY-MM" or "latest" (the last period with a level).

    Worked example (天城县 2005-03): 3.21 of 16.1 亿元 → 19.94 % (published
    19.9 %) against 3 / 12 = 25 % → 5.06 pp behind; (16.1 − 3.21) / 9 = 1.43 亿元 a month.
    """
    code = regions.resolve(region)
    rows = _region_rows(tidy, code, "data")
    rows = rows.loc[(rows["indicator"] == indicator) & rows["value_100m_yuan"].notna()]
    if rows.empty:
        raise MissingDataError(found=f"no {indicator} level for {regions.name_of(code)} ({code})",
                               expected="a YTD level in the data")
    period = _pick_period(rows, period, code, f"{indicator} levels")
    level = float(rows.loc[rows["period"] == period, "value_100m_yuan"].iloc[0])
    year, month = periods.parse_period(period)
    t = _region_rows(targets, code, "targets")
    t = t.loc[t["item"] == indicator]
    annual = t.loc[(t["measure"] == "annual_target") & t["period"].str.startswith(f"{year:04d}-")]
    if annual.empty:
        raise MissingDataError(
            found=f"no {year} annual_target for {indicator} of {regions.name_of(code)} ({code}) in the targets table",
            expected=f"an annual_target row of {year}")
    published = t.loc[(t["measure"] == "plan_completion_pct") & (t["period"] == period), "value"]
    out = target_progress(level, float(annual["value"].iloc[0]), month)
    out.insert(0, "indicator", indicator)
    out.insert(0, "period", period)
    out.insert(0, "region_name", regions.name_of(code))
    out.insert(0, "region_code", code)
    out["published_completion_pct"] = float(published.iloc[0]) if len(published) else np.nan
    return out


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    wide = rows.pivot_table(index="item", columns="measure", values="value", aggfunc="first", sort=False)
    wide.columns.name = None
    return wide


def project_pipeline(targets: pd.DataFrame, region: str, period: str = "latest") -> pd.DataFrame:
    """Project groups (items ``projects_*``) of a region and period, one row each.

    Columns: region_code, period, item, count, count_new, count_continuing, started,
    start_rate_pct (= started / count × 100, computed where both exist),
    start_rate_published_pct, total_investment_100m_yuan, annual_plan_100m_yuan,
    ytd_100m_yuan, plan_completion_pct (= ytd / annual plan × 100, computed),
    plan_completion_published_pct.

    Worked example (余杭区 2016-08, all projects): 538 of 782 started →
    68.80 % (published 68.8 %); 266.85 of a 404.16 亿元 plan → 66.03 %.
    """
    code = regions.resolve(region)
    rows = _region_rows(targets, code, "targets")
    rows = rows.loc[rows["item"].str.startswith("projects_")]
    if rows.empty:
        raise MissingDataError(found=f"no project groups (projects_*) for {regions.name_of(code)} ({code})",
                               expected="targets rows with items projects_*")
    period = _pick_period(rows, period, code, "project groups")
    wide = _wide(rows.loc[rows["period"] == period])

    def col(name: str) -> pd.Series:
        return wide[name] if name in wide else pd.Series(np.nan, index=wide.index)

    out = pd.DataFrame({
        "region_code": code,
        "period": period,
        "item": wide.index,
        "count": col("count").to_numpy(),
        "count_new": col("count_new").to_numpy(),
        "count_continuing": col("count_continuing").to_numpy(),
        "started": col("started").to_numpy(),
        "start_rate_pct": (col("started") / col("count") * 100.0).to_numpy(),
        "start_rate_published_pct": col("start_rate_pct").to_numpy(),
        "total_investment_100m_yuan": col("total_investment").to_numpy(),
        "annual_plan_100m_yuan": col("annual_plan").to_numpy(),
        "ytd_100m_yuan": col("ytd").to_numpy(),
        "plan_completion_pct": (col("ytd") / col("annual_plan") * 100.0).to_numpy(),
        "plan_completion_published_pct": col("plan_completion_pct").to_numpy(),
    })
    return out.reset_index(drop=True)


def task_contest(targets: pd.DataFrame, region: str, period: str = "latest") -> pd.DataFrame:
    """A monthly task contest (双比双看): one row per unit and task.

    Units are the region itself and the regions whose parent_name is the
    region (e.g. a city and its districts). Task rows carry measures
    ``target_count`` and ``done_count``.

    Columns: region_code, region_name, period, task, target_count,
    done_count, done_over_target_pct = done / target × 100, met (done ≥ target),
    and per unit: tasks_met, tasks_total, mean_done_over_target_pct,
    unit_rank (more tasks met first, then the higher mean ratio; ties share
    the smallest rank) and unit_met_all (met or beat every task: a bureau's
    先进; missed any: 后进).

    Worked example (株洲市 2020-09): 15→26 (173.3 %), 6→11 (183.3 %),
    18→38 (211.1 %), 8→23 (287.5 %): all four met, rank 1.
    """
    code = regions.resolve(region)
    name = regions.name_of(code)
    units = targets.loc[(targets["region_code"] == code) | (targets["parent_name"] == name)]
    units = units.loc[units["measure"].isin(["target_count", "done_count"])]
    if units.empty:
        raise MissingDataError(found=f"no task contest (target_count/done_count) for {name} ({code})",
                               expected="targets rows with measures target_count and done_count")
    period = _pick_period(units, period, code, "contest rows")
    units = units.loc[units["period"] == period]
    wide = units.pivot_table(
        index=["region_code", "region_name", "item"], columns="measure", values="value",
        aggfunc="first", sort=False,
    ).reset_index()
    wide.columns.name = None
    out = pd.DataFrame({
        "region_code": wide["region_code"],
        "region_name": wide["region_name"],
        "period": period,
        "task": wide["item"],
        "target_count": wide.get("target_count", pd.Series(np.nan, index=wide.index)),
        "done_count": wide.get("done_count", pd.Series(np.nan, index=wide.index)),
    })
    out["done_over_target_pct"] = out["done_count"] / out["target_count"] * 100.0
    out["met"] = (out["done_count"] >= out["target_count"]).to_numpy(bool)
    per_unit = out.groupby("region_code").agg(
        tasks_met=("met", "sum"), tasks_total=("task", "count"),
        mean_done_over_target_pct=("done_over_target_pct", "mean"),
    )
    order = per_unit.sort_values(["tasks_met", "mean_done_over_target_pct"], ascending=False)
    score = list(zip(order["tasks_met"], order["mean_done_over_target_pct"].round(10)))
    ranks = [score.index(s) + 1 for s in score]  # ties share the smallest rank
    per_unit["unit_rank"] = pd.Series(ranks, index=order.index)
    per_unit["unit_met_all"] = (per_unit["tasks_met"] == per_unit["tasks_total"]).to_numpy(bool)
    out = out.join(per_unit, on="region_code")
    out["tasks_met"] = out["tasks_met"].astype(int)
    return out.sort_values(["unit_rank", "region_code"], kind="stable").reset_index(drop=True)
