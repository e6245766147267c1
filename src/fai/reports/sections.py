"""One function per report section: compute (fai.growth / structure /
comparison / targets), chart (fai.plots), write the sentence (fai.narrative),
and return a :class:`Section` that Jupyter shows as sentence, figure, table.

A notebook cell is then one call, ``fai.sections.single_month(ctx)``. When the
region has no data for a section, the Section holds one sentence saying so
and nothing else; the notebook does not branch.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fai.errors import MissingDataError
from fai.metrics import comparison, growth, structure, targets
from fai.metrics import table as metrics
from fai.model import indicators, periods, regions
from fai.presentation import narrative, plots
from fai.presentation import style as st
from fai.reports.context import Context, peer_period, tree_indicators, well_covered_periods


@dataclass
class Section:
    """What a report section shows: a sentence, optionally a figure and a table.

    ``data`` keeps the unformatted numbers (a metrics table or a dict) for
    whoever wants to reuse them; ``has_data`` is False for a "no data" section.
    """

    sentence: str
    figure: Any = None
    table: pd.DataFrame | None = None
    data: Any = None
    has_data: bool = True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display({"text/markdown": self.sentence, "text/plain": self.sentence}, raw=True)
        if self.figure is not None:
            display(self.figure)
        if self.table is not None:
            table = self.table
            if isinstance(table.index, pd.RangeIndex):  # the first column names the rows
                table = table.set_index(table.columns[0])
            display(table)

    def __repr__(self) -> str:
        return self.sentence


def _zh(ctx: Context) -> bool:
    return ctx.lang == "zh"


def no_data(ctx: Context, zh: str, en: str) -> Section:
    """The one-sentence section of a region without data for it."""
    name = ctx.region_name
    text = f"{name}：{zh}" if _zh(ctx) else f"{name}: {en}"
    return Section(text, data=None, has_data=False)


def _upto(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[frame["period"] <= period]


def _when(period: str, lang: str) -> str:
    return narrative.period_phrase(period, lang, with_year=True)


def _older(ctx: Context, used: str) -> str:
    """A note when a section reports an earlier period than the report's."""
    if used == ctx.period:
        return ""
    if _zh(ctx):
        return f"（{_when(ctx.period, 'zh')}未公布相关数据，以下为{_when(used, 'zh')}数据。）"
    return f"(No such figures for {_when(ctx.period, 'en')}; shown for {_when(used, 'en')}.) "


# ------------------------------------------------------------------ growth
def _targets(ctx: Context) -> pd.DataFrame | None:
    """The targets table for published comparisons (余杭区: +2.0 pp vs 杭州市):
    the report's own, else the bundled one when the report runs on bundled data."""
    if ctx.targets is not None:
        return ctx.targets
    if ctx.data_source == "bundled":
        from fai import data

        return data.load_targets()
    return None


def headline_data(ctx: Context) -> dict:
    """The headline figures of a report for the batch index
    (:func:`fai.metrics.table.headline` of total FAI; a region without total FAI —
    a targets-only report such as 株洲市 — gets its name and period only).
    """
    try:
        return metrics.headline(ctx.data, ctx.region, ctx.period, targets=_targets(ctx))
    except MissingDataError:
        return {"region_code": ctx.region, "region_name": regions.name_of(ctx.region), "indicator": "fai_total",
                "period": ctx.period, "period_label": st.period_label(ctx.period), "value_100m_yuan": None,
                "yoy_pct": None, "vs_parent_pp": None, "parent_code": None, "parent_name": None}


def headline(ctx: Context) -> Section:
    """Headline table (YTD level, YoY, change in pp, pp vs parent), the YTD YoY
    over the years against the parent, and the bulletin sentence."""
    head = metrics.headline(ctx.data, ctx.region, ctx.period, targets=_targets(ctx))
    fig = plots.plot_yoy_history(ctx.data, ctx.region, period_end=head["period"], lang=ctx.lang)
    text = narrative.bulletin_sentence(ctx.data, ctx.region, head["period"], ctx.lang, with_year=True)
    if head["vs_parent_pp"] is not None:
        gap, parent = head["vs_parent_pp"], narrative.region_phrase(head["parent_code"], ctx.lang)
        if _zh(ctx):
            text += f"增速比{parent}{'高' if gap >= 0 else '低'}{narrative.format_rate(gap)}个百分点。"
        else:
            text += f" Growth was {narrative.format_rate(gap)} percentage points {'above' if gap >= 0 else 'below'} {parent}."
    return Section(text, fig, st.headline_table(head, ctx.lang), data=head)


def single_month(ctx: Context) -> Section:
    """Single-month levels (M_t = L_t − L_{t−1}) and their YoY on comparable bases."""
    rows = _upto(ctx.rows("fai_total"), ctx.period)
    months = growth.derive_single_month(rows)
    have = months.dropna(subset=["month_value_100m_yuan"])
    if have.empty:
        return no_data(ctx, "没有相邻月份的累计投资额，无法推算单月投资额。",
                       "no consecutive year-to-date levels, so single-month values cannot be derived.")
    latest = str(have["period"].max())
    text = narrative.single_month_sentence(ctx.data, ctx.region, latest, ctx.lang)
    text = ("" if latest == ctx.period else _older(ctx, latest)) + text
    fig = plots.plot_single_month(have, ctx.region, lang=ctx.lang)
    cols = ["period", "month_value_100m_yuan", "month_yoy_pct", "months_covered", "value_100m_yuan", "yoy_pct"]
    table = st.format_table(have.tail(6), ctx.lang, columns=cols, monthly=True)
    return Section(text, fig, table, data=months)


def revision_gap(ctx: Context) -> Section:
    """Published YoY against the growth implied by published levels (gap in pp)."""
    rows = _upto(ctx.rows("fai_total"), ctx.period)
    table = growth.implied_yoy(rows)
    have = table.dropna(subset=["implied_yoy_pct", "yoy_pct"])
    if have.empty:
        return no_data(ctx, "没有上年同期的累计投资额，无法按总量推算增速。",
                       "no level for the same period of the previous year, so growth cannot be implied from levels.")
    row = have.iloc[-1]
    when, name = _when(str(row["period"]), ctx.lang), narrative.region_phrase(ctx.region, ctx.lang)
    implied, published, gap = float(row["implied_yoy_pct"]), float(row["yoy_pct"]), float(row["revision_gap_pp"])
    if _zh(ctx):
        text = (f"{when}，按公布的累计投资额推算，{name}固定资产投资{narrative.growth_phrase(round(implied, 1), prefix='同比')}；"
                f"公布增速为{published:.1f}%，两者相差{abs(gap):.1f}个百分点。"
                "差异来自上年基数的修订与统计口径调整，公布增速按可比口径计算，以公布增速为准。")
    else:
        text = (f"In {when}, the published levels imply growth of {implied:.1f}% for {name} against "
                f"{published:.1f}% published, a gap of {abs(gap):.1f} percentage points: last year's base was "
                "revised and re-scoped, and the published rate is on a comparable basis, so it stands.")
    fig = plots.plot_revision_gap(have, ctx.region, lang=ctx.lang)
    cols = ["period", "value_100m_yuan", "yoy_pct", "implied_yoy_pct", "revision_gap_pp"]
    return Section(text, fig, st.format_table(have.tail(6), ctx.lang, columns=cols), data=table)


def mom_sa(ctx: Context) -> Section:
    """NBS's seasonally adjusted month-on-month growth where published."""
    rows = _upto(ctx.rows("fai_total"), ctx.period).dropna(subset=["mom_sa_pct"])
    if rows.empty:
        return no_data(ctx, "国家统计局未公布该地区的季节调整环比增速。",
                       "NBS publishes no seasonally adjusted month-on-month growth for this region.")
    row = rows.iloc[-1]
    value = float(row["mom_sa_pct"])
    if _zh(ctx):
        word = "增长" if value > 0 else "下降" if value < 0 else "持平"
        figure = f"{abs(value):.2f}%" if value else ""
        text = f"从环比看，{st.month_label(str(row['period']))}{narrative.region_phrase(ctx.region)}固定资产投资季调环比{word}{figure}。"
    else:
        text = (f"Seasonally adjusted, investment in {narrative.region_phrase(ctx.region, 'en')} "
                f"{'rose' if value > 0 else 'fell' if value < 0 else 'was flat'}"
                f"{f' {abs(value):.2f}%' if value else ''} month on month in {st.month_label(str(row['period']), 'en')}.")
    fig = plots.plot_mom_sa(ctx.data, ctx.region, period_end=ctx.period, lang=ctx.lang)
    table = st.format_table(rows.tail(6), ctx.lang, columns=["period", "mom_sa_pct"], monthly=True)
    return Section(text, fig, table, data=rows)


# ------------------------------------------------------------------ structure
def _components(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    in_tree = set(tree_indicators()) - {"fai_total"}
    return frame[frame["indicator"].isin(in_tree) & frame[column].notna()]


def shares(ctx: Context) -> Section:
    """Shares of the components in total FAI (table at the latest period with
    component levels; stacked sectors and component lines over time)."""
    rows = _upto(ctx.data[ctx.data["region_code"] == ctx.region], ctx.period)
    table = structure.shares(rows)
    comps = _components(table, "share_of_total_pct")
    if comps.empty:
        return no_data(ctx, "未公布分项投资额，无法计算投资结构（占比）。",
                       "no component levels are published, so shares cannot be computed.")
    used = _structure_period(comps)
    now = comps[comps["period"] == used]
    keys = list(now["indicator"])
    group = "sector" if set(indicators.group_members("sector")) <= set(keys) else keys
    text = _older(ctx, used) + narrative.structure_sentence(ctx.data, ctx.region, used, group, ctx.lang)
    fig = plots.plot_shares(comps, ctx.region, lang=ctx.lang)
    cols = ["indicator", "value_100m_yuan", "yoy_pct", "share_of_total_pct"]
    shown = table[(table["period"] == used) & table["indicator"].isin(["fai_total", *keys])]
    return Section(text, fig, st.format_table(_ordered(shown), ctx.lang, columns=cols), data=table)


def _structure_period(comps: pd.DataFrame) -> str:
    """The latest period with all three sectors, else the latest with any component."""
    sectors = set(indicators.group_members("sector"))
    complete = comps.groupby("period")["indicator"].agg(lambda s: sectors <= set(s))
    return str(complete[complete].index.max() if complete.any() else comps["period"].max())


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    order = {k: i for i, k in enumerate(indicators.keys())}
    return frame.assign(_o=frame["indicator"].map(order)).sort_values("_o").drop(columns="_o")


def component_growth(ctx: Context) -> Section:
    """YoY of each component against total FAI's at the latest period with both."""
    rows = _upto(ctx.data[ctx.data["region_code"] == ctx.region], ctx.period)
    comps = _components(rows, "yoy_pct")
    totals = rows[(rows["indicator"] == "fai_total") & rows["yoy_pct"].notna()]
    both = sorted(set(comps["period"]) & set(totals["period"]))
    if not both:
        return no_data(ctx, "未公布分项投资增速。", "no growth rates of components are published.")
    used = both[-1]
    now = _ordered(rows[(rows["period"] == used) & rows["yoy_pct"].notna()])
    total = float(now.loc[now["indicator"] == "fai_total", "yoy_pct"].iloc[0])
    parts = now[now["indicator"] != "fai_total"]
    above = parts[parts["yoy_pct"] > total]
    below = parts[parts["yoy_pct"] <= total]

    def listing(frame: pd.DataFrame) -> str:
        sep = "、" if _zh(ctx) else ", "
        return sep.join(f"{narrative.subject_phrase(k, ctx.lang)}（{narrative.growth_phrase(v, ctx.lang)}）" if _zh(ctx)
                        else f"{narrative.subject_phrase(k, ctx.lang)} ({narrative.growth_phrase(v, 'en')})"
                        for k, v in zip(frame["indicator"], frame["yoy_pct"]))

    name = narrative.region_phrase(ctx.region, ctx.lang)
    if _zh(ctx):
        text = f"{_older(ctx, used)}{_when(used, 'zh')}，{name}固定资产投资{narrative.growth_phrase(total, prefix='同比')}。"
        if len(above):
            text += f"增速高于全部投资的有{listing(above)}"
        if len(below):
            text += ("；" if len(above) else "") + f"低于或等于全部投资的有{listing(below)}"
        text += "。"
    else:
        text = f"{_older(ctx, used)}In {_when(used, 'en')}, fixed-asset investment in {name} was {narrative.growth_phrase(total, 'en', prefix='y')}."
        if len(above):
            text += f" Faster than the total: {listing(above)}."
        if len(below):
            text += f" At or below the total: {listing(below)}."
    fig = plots.plot_component_yoy(ctx.data, ctx.region, used, lang=ctx.lang)
    changes = growth.yoy_change(rows)
    shown = _ordered(changes[(changes["period"] == used) & changes["yoy_pct"].notna()])
    cols = ["indicator", "yoy_pct", "yoy_change_pp"]
    return Section(text, fig, st.format_table(shown, ctx.lang, columns=cols), data=now)


def contributions(ctx: Context) -> Section:
    """Contribution (拉动) of each component to total growth, with the residual
    of the three sectors, at the latest period with sector levels (else any)."""
    rows = _upto(ctx.data[ctx.data["region_code"] == ctx.region], ctx.period)
    table = structure.contributions(rows)
    comps = _components(table, "contribution_to_total_pp")
    if comps.empty:
        return no_data(ctx, "分项投资额或增速不全，无法计算各分项对投资增长的拉动。",
                       "component levels or growth rates are missing, so contributions cannot be computed.")
    residuals = structure.contribution_residual(rows, "sector").dropna(subset=["residual_pp"])
    complete = sorted(set(residuals["period"]) & set(comps["period"]))
    used = complete[-1] if complete else str(comps["period"].max())
    residual = None
    if complete:
        residual = float(residuals.loc[residuals["period"] == used, "residual_pp"].iloc[0])
    now = table[table["period"] == used]
    keys = list(_components(now, "contribution_to_total_pp")["indicator"])
    group = "sector" if complete else keys
    text = _older(ctx, used) + narrative.structure_sentence(ctx.data, ctx.region, used, group, ctx.lang)
    if residual is not None:
        summed = float(residuals.loc[residuals["period"] == used, "contribution_sum_pp"].iloc[0])
        total = float(residuals.loc[residuals["period"] == used, "parent_yoy_pct"].iloc[0])
        if _zh(ctx):
            text += (f"三次产业合计拉动{summed:.2f}个百分点，与公布增速{total:.1f}%相差{residual:.2f}个百分点"
                     "（可比口径调整与四舍五入）。")
        else:
            text += (f" The three sectors add up to {summed:.2f} pp against {total:.1f}% published: a residual of "
                     f"{residual:.2f} pp (comparable-basis adjustments and rounding).")
    fig = plots.plot_contributions(now, ctx.region, used, residual=residual, lang=ctx.lang)
    cols = ["indicator", "value_100m_yuan", "yoy_pct", "contribution_to_total_pp"]
    shown = now[now["indicator"].isin(["fai_total", *keys])]
    return Section(text, fig, st.format_table(_ordered(shown), ctx.lang, columns=cols), data=table)


# ------------------------------------------------------------------ regions
def _peer_set(ctx: Context, level: str) -> list[str]:
    return ctx.subpeers if level == "subpeers" else ctx.peers


def _peer_keys(ctx: Context, peers: list[str]) -> list[str]:
    if ctx.indicators:
        return ctx.indicators
    have = set(ctx.data.loc[ctx.data["region_code"].isin(peers) & ctx.data["yoy_pct"].notna(), "indicator"])
    return [k for k in tree_indicators() if k in have]


def _compare(ctx: Context, peers: list[str]) -> pd.DataFrame:
    tables = []
    for key in _peer_keys(ctx, peers):
        period = peer_period(ctx.data, peers, key, ctx.period)
        if period is None:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # children not adding up to the parent: shown, not fatal
            tables.append(comparison.compare_regions(ctx.data, ctx.region, key, period, peers))
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def _no_peers(ctx: Context, level: str) -> Section:
    what = "下一级" if level == "subpeers" else "下级"
    return no_data(ctx, f"数据中没有{what}地区的可比增速。",
                   f"the data hold no comparable growth rates for its {'sub-' if level == 'subpeers' else ''}regions.")


def ranking(ctx: Context, level: str = "peers") -> Section:
    """Peers ranked by YTD YoY with the parent's line (one panel per indicator),
    and the rank / rank change / pp vs parent table."""
    peers = _peer_set(ctx, level)
    table = _compare(ctx, peers) if peers else pd.DataFrame()
    if table.empty:
        return _no_peers(ctx, level)
    first = str(table["indicator"].iloc[0])
    period = str(table.loc[table["indicator"] == first, "period"].iloc[0])
    text = narrative.regions_sentence(ctx.data, ctx.region, period, first, peers, lang=ctx.lang)
    text = f"{st.period_label(period, ctx.lang)}：{text}" if _zh(ctx) else f"{st.period_label(period, 'en')}: {text}"
    one = table["period"].nunique() == 1
    fig = plots.plot_ranking(table, ctx.region, str(table["period"].iloc[0]) if one else None, lang=ctx.lang)
    return Section(text, fig, st.ranking_table(table, ctx.lang), data=table)


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
    up, down = int((last["yoy_pct"] > 0).sum()), int((last["yoy_pct"] < 0).sum())
    label = st.indicator_label(first, ctx.lang)
    if _zh(ctx):
        text = (f"热力图列出{len(peers)}个地区在{len(cols)}个时期的累计增速（红色为增长，蓝色为下降，灰色为未公布）。"
                f"{st.period_label(str(last['period'].iloc[0]))}，{label}增速为正的地区{up}个，为负的{down}个。")
    else:
        text = (f"The heatmap shows the YTD growth of {len(peers)} regions over {len(cols)} periods (red growth, "
                f"blue decline, grey not published). In {st.period_label(str(last['period'].iloc[0]), 'en')}, "
                f"{label.lower()} grew in {up} regions and fell in {down}.")
    fig = plots.plot_heatmap(ctx.data, peers, keys, cols, parent=ctx.region, lang=ctx.lang)
    return Section(text, fig, None, data=rows)


def region_contributions(ctx: Context, level: str = "peers") -> Section:
    """Each peer's contribution to the parent's growth (拉动), at the latest
    period up to the report's in which the parent and at least two peers
    published levels."""
    peers = _peer_set(ctx, level)
    have = pd.DataFrame()
    for key in _peer_keys(ctx, peers) if peers else []:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # children not adding up to the parent: shown, not fatal
            table = comparison.compare_regions(ctx.data, ctx.region, key, None, peers)
        table = _upto(table, ctx.period).dropna(subset=["contribution_to_parent_pp"])
        counts = table.groupby("period")["region_code"].nunique()
        if (counts >= 2).any():
            have = table[table["period"] == counts[counts >= 2].index.max()]
            break
    if have.empty:
        return no_data(ctx, "下级地区或本地区未公布投资额，无法计算各地区对上级增长的拉动。",
                       "levels are not published for the regions or their parent, so contributions cannot be computed.")
    have = have.sort_values("contribution_to_parent_pp", ascending=False)
    first, period = str(have["indicator"].iloc[0]), str(have["period"].iloc[0])
    parent = regions.name_of(ctx.region, ctx.lang)
    top = have.iloc[0]
    label = narrative.subject_phrase(first, ctx.lang)
    if _zh(ctx):
        text = (f"{_when(period, 'zh')}，{regions.name_of(top['region_code'])}拉动{parent}{label}增长"
                f"{top['contribution_to_parent_pp']:.2f}个百分点，居各地区之首；各地区合计拉动"
                f"{have['contribution_to_parent_pp'].sum():.2f}个百分点，{parent}{label}"
                f"{narrative.growth_phrase(float(top['parent_yoy_pct']))}。")
    else:
        text = (f"In {_when(period, 'en')}, {regions.name_of(top['region_code'], 'en')} added "
                f"{top['contribution_to_parent_pp']:.2f} pp to the growth of {label} in {parent}, the most of any "
                f"region; together the regions add {have['contribution_to_parent_pp'].sum():.2f} pp against "
                f"{float(top['parent_yoy_pct']):.1f}% for {parent}.")
    fig = plots.plot_ranking(have, ctx.region, period, value="contribution_to_parent_pp", lang=ctx.lang)
    cols = ["region_code", "value_100m_yuan", "yoy_pct", "share_of_parent_pct", "contribution_to_parent_pp"]
    return Section(text, fig, st.format_table(have, ctx.lang, columns=cols), data=have)


# ------------------------------------------------------------------ targets
def _target_source(ctx: Context) -> str:
    rows = ctx.targets[ctx.targets["region_code"] == ctx.region] if ctx.targets is not None else None
    return st.source_line(rows, ctx.lang)


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
        return no_data(ctx, "没有本期累计投资额或年度目标，无法计算目标完成进度。",
                       "no YTD level or annual target for this period, so progress cannot be computed.")
    text = narrative.target_sentence(progress, ctx.lang)
    fig = plots.plot_target_progress(progress, ctx.region, lang=ctx.lang, source=_target_source(ctx))
    cols = ["period", "level_100m_yuan", "target_100m_yuan", "completion_pct", "time_progress_pct", "gap_pp",
            "monthly_needed_100m_yuan"]
    return Section(text, fig, st.format_table(progress, ctx.lang, columns=cols), data=progress)


def project_pipeline(ctx: Context) -> Section:
    """Project groups: planned / started / start rate, annual plan vs done."""
    try:
        pipeline = targets.project_pipeline(ctx.targets, ctx.region, ctx.period, ctx.lang)
    except MissingDataError:
        return no_data(ctx, "没有重点项目推进数据。", "no project-pipeline figures.")
    lead = pipeline.iloc[0]
    when = _when(str(lead["period"]), ctx.lang)
    ok = pd.notna  # a figure that is there (not None, NaN or NA)
    if _zh(ctx):
        parts = [f"{lead['label']}{lead['count']:.0f}个" if ok(lead["count"]) else lead["label"]]
        if ok(lead["started"]):
            parts.append(f"已开工{lead['started']:.0f}个，开工率{lead['start_rate_pct']:.1f}%")
        if ok(lead["ytd_100m_yuan"]) and ok(lead["annual_plan_100m_yuan"]):
            parts.append(f"完成投资{narrative.format_level(lead['ytd_100m_yuan'])}，"
                         f"占年度计划{narrative.format_level(lead['annual_plan_100m_yuan'])}的{lead['plan_completion_pct']:.2f}%")
        text = f"{when}，{ctx.region_name}" + "，".join(parts) + "。"
        rest = pipeline.iloc[1:].dropna(subset=["plan_completion_pct"])
        if len(rest):
            text += "其中，" + "；".join(f"{r.label}完成年度计划的{r.plan_completion_pct:.2f}%" for r in rest.itertuples()) + "。"
    else:
        parts = [f"{lead['count']:.0f} projects ({lead['label']})" if ok(lead["count"]) else lead["label"]]
        if ok(lead["started"]):
            parts.append(f"{lead['started']:.0f} started (start rate {lead['start_rate_pct']:.1f}%)")
        if ok(lead["ytd_100m_yuan"]) and ok(lead["annual_plan_100m_yuan"]):
            parts.append(f"{lead['plan_completion_pct']:.2f}% of the annual plan done")
        text = f"In {when}, {ctx.region_name}: " + ", ".join(parts) + "."
        rest = pipeline.iloc[1:].dropna(subset=["plan_completion_pct"])
        if len(rest):
            text += " " + "; ".join(f"{r.label}: {r.plan_completion_pct:.2f}% of plan" for r in rest.itertuples()) + "."
    fig = plots.plot_project_pipeline(pipeline, ctx.region, lang=ctx.lang, source=_target_source(ctx))
    return Section(text, fig, st.pipeline_table(pipeline, ctx.lang), data=pipeline)


def task_contest(ctx: Context) -> Section:
    """Task contest (双比双看): done vs target per task, 先进 / 后进 per unit."""
    try:
        contest = targets.task_contest(ctx.targets, ctx.region, ctx.period, ctx.lang)
    except MissingDataError:
        return no_data(ctx, "没有任务竞赛（双比双看）数据。", "no task-contest figures.")
    month = st.month_label(str(contest["period"].iloc[0]), ctx.lang)
    units = contest.drop_duplicates("region_code")
    if _zh(ctx):
        tasks = "；".join(f"{r.label}{r.done_count:.0f}个，为目标{r.target_count:.0f}个的{r.done_over_target_pct:.1f}%"
                         for r in contest.itertuples())
        verdicts = "，".join(f"{r.region_name}完成{r.tasks_met}/{r.tasks_total}项任务，评为{r.unit_label}"
                             for r in units.itertuples())
        text = f"{month}“双比双看”：{tasks}。{verdicts}。"
    else:
        tasks = "; ".join(f"{r.label}: {r.done_count:.0f} against {r.target_count:.0f} ({r.done_over_target_pct:.1f}%)"
                          for r in contest.itertuples())
        verdicts = ", ".join(f"{regions.name_of(r.region_code, 'en')} met {r.tasks_met} of {r.tasks_total} tasks "
                             f"({st.text('ahead' if r.unit_label == targets.LABEL_ADVANCED else 'behind', 'en')})"
                             for r in units.itertuples())
        text = f"Task contest, {month}: {tasks}. {verdicts}."
    fig = plots.plot_task_contest(contest, ctx.region, lang=ctx.lang, source=_target_source(ctx))
    return Section(text, fig, st.contest_table(contest, ctx.lang), data=contest)
