"""Report sections (fai.sections): numbers, sentence, figure and table together;
one sentence and nothing else when a region has no data for a section."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from fai.reports import context as params  # the report context (fai.open_report)
from fai.reports import sections

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def national():
    # pinned to 2025年1—12月, the last national release with levels (the panel's 2026 months
    # carry growth only: tests/reports/test_context.py checks that the default is 2026年1—6月)
    return params.open_report("全国", peers="", period_end="2025-12")


def test_headline_of_the_national_report(national):
    sec = sections.headline(national)
    assert sec.has_data and sec.figure is not None
    assert sec.sentence == ("2025年1—12月份，全国固定资产投资485186亿元，同比下降3.8%，降幅比1—11月份扩大1.2个百分点。"
                            "其中，民间投资下降6.4%。")  # −3.8 − (−2.6) = −1.2 pp
    assert sec.table.iloc[0].tolist() == ["全国", "2025年1—12月", "485,186", "-3.8", "-1.2", "—", "—"]
    assert (sec.data["value_100m_yuan"], sec.data["yoy_pct"]) == (485186.0, -3.8)


def test_headline_names_the_gap_to_the_yardstick():
    sec = sections.headline(params.open_report("北京", period_end="2025-12"))
    # a province is measured against 全国, not its macro-region (issue 14):
    # 北京 2025年1—12月 +5.5 %, 全国 −3.8 % → 9.3 pp above (东部地区 −8.4 % is not the yardstick)
    assert sec.sentence.endswith("增速比全国高9.3个百分点。")
    yuhang = sections.headline(params.open_report("余杭区", targets_path=""))
    # a county: its prefecture as published (杭州市 +2.0 pp), then its province
    # (浙江省 2016年1—8月 +11.4 % in the panel: 8.4 − 11.4 = −3.0 pp)
    assert yuhang.sentence.endswith("增速比杭州市高2.0个百分点，比浙江省低3.0个百分点。")


def test_single_month_of_december_2025(national):
    sec = sections.single_month(national)
    # 485186 − 444035 = 41151 亿元
    assert sec.sentence.startswith("12月份，全国固定资产投资41151亿元，同比下降")
    assert sec.table.iloc[-1, 0] == "2025年12月" and sec.table.iloc[-1, 1] == "41,151"


def test_a_section_without_data_is_one_sentence():
    sec = sections.single_month(params.open_report("北京", period_end="2025-12"))
    assert not sec.has_data and sec.figure is None and sec.table is None
    assert sec.sentence == "北京市：没有相邻月份的累计投资额，无法推算单月投资额。"
    assert repr(sec) == sec.sentence


def test_contributions_with_the_sector_residual(national):
    sec = sections.contributions(national)
    # 2025年1—11月 (the last period with all three sector levels): gains L − L/(1+g/100)
    # 8770 +2.7 % → 230.57; 162243 +3.9 % → 6089.97; 273022 −6.3 % → −18356.87; sum −12036.33
    # / (444035 / 0.974 = 455888.09) × 100 = −2.64 pp; published −2.6 % → residual 0.04 pp
    assert "以下为2025年1—11月份数据" in sec.sentence
    assert sec.sentence.endswith("三次产业合计拉动-2.64个百分点，与公布增速-2.6%相差0.04个百分点（可比口径调整与四舍五入）。")


def test_ranking_of_the_31_provinces(national):
    sec = sections.ranking(national, "subpeers")
    # the panel gives all 31 provinces 2025年1—12月: 西藏 +17.2 %, 全国 −3.8 % → 21.0 pp
    assert sec.older == ""
    assert sec.sentence.startswith(
        "2025年1—12月：分地区看，增速最快的是西藏自治区（增长17.2%），比全国高21.0个百分点")
    assert len(sec.table) == 31 and sec.table.index[0] == "西藏自治区"
    assert "fai_total" in set(sec.data["indicator"])
    # 2024年1—12月: the yearbook rows add infrastructure, manufacturing and real estate
    y2024 = sections.ranking(params.open_report("全国", peers="", period_end="2024-12"), "subpeers")
    assert len(y2024.table) == 31 and y2024.sentence.startswith("2024年1—12月：分地区看，增速最快的是西藏自治区（增长19.6%）")
    assert set(y2024.data["indicator"]) == {"fai_total", "fai_infrastructure", "fai_manufacturing", "fai_real_estate"}


def test_targets_sections():
    yuhang = params.open_report("余杭区", targets_path="", target_100m_yuan=1030)
    sec = sections.target_progress(yuhang)
    assert sec.sentence == ("1—8月份，余杭区固定资产投资629.44亿元，完成年度目标1030亿元的61.11%，"
                            "低于序时进度（66.67%）5.56个百分点；后4个月平均每月需完成100.14亿元。")
    from_table = sections.target_progress(params.open_report("余杭区", targets_path=""))
    assert from_table.sentence == sec.sentence  # the targets table holds the same 1030 亿元
    pipe = sections.project_pipeline(yuhang)
    assert "全部项目782个，已开工538个，开工率68.8%" in pipe.sentence  # 538 / 782 = 68.8 %
    zhuzhou = params.open_report("株洲市", targets_path="")
    assert not sections.target_progress(zhuzhou).has_data
    contest = sections.task_contest(zhuzhou)
    assert contest.sentence.endswith("株洲市完成4/4项任务，评为先进。")
    assert contest.table.iloc[:, 2].tolist() == ["15", "6", "18", "8"]  # targets; done 26, 11, 38, 23


def test_english_report_has_english_sentences():
    ctx = params.open_report("全国", lang="en")
    for f in (sections.headline, sections.single_month, sections.revision_gap, sections.mom_sa):
        sec = f(ctx)
        assert not CJK.search(sec.sentence), sec.sentence
        assert not any(CJK.search(str(c)) for c in sec.table.columns)


def test_jupyter_shows_one_block_heading_sentence_figure_table_source(national, monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append((obj, kw)))
    sections.mom_sa(national)._ipython_display_()
    (block, kw), = shown
    assert kw == {"raw": True} and block["text/plain"].startswith("从环比看，2025年12月全国固定资产投资季调环比下降1.13%")
    html = block["text/html"]
    assert html.startswith('<section class="fai-section') and "<h2>" in html and "季调环比</h2>" in html
    assert "从环比看，2025年12月全国固定资产投资季调环比下降1.13%" in html
    assert '<img src="data:image/png;base64,' in html  # the chart
    assert "<th>月份</th>" in html  # the table, its months named as single months
    assert '<p class="fai-source">数据来源：国家统计局</p>' in html


def test_a_section_without_data_is_left_out_and_named_once_at_the_end():
    ctx = params.open_report("北京", period_end="2025-12")
    shown = [f(ctx) for f in (sections.headline, sections.single_month, sections.revision_gap, sections.mom_sa)]
    assert [s.shown for s in shown] == [True, False, False, False]
    assert shown[1].html() == ""  # nothing of it in the report
    assert str(sections.omitted(ctx)) == "未列入本报告：单月投资、公布增速与按总量推算的增速、季调环比（无相关数据）。"


def test_a_section_years_older_than_the_report_is_left_out(tmp_path):
    import fai

    # 北京's sector levels of 2017年1—11月 (its bureau's release) with that release's total level
    # (the panel's NBS growth 4.9 % is kept in the bundled data, and the bureau's row listed as a conflict)
    rows = fai.load().query("region_code == '110000'")
    total = rows.query("period == '2017-11' and indicator == 'fai_total'").index
    rows.loc[total, "value_100m_yuan"] = 7866.6
    path = tmp_path / "beijing.csv"
    rows.to_csv(path, index=False)
    ctx = params.open_report("北京", period_end="2025-12", data_path=str(path))
    shares, growth = sections.shares(ctx), sections.component_growth(ctx)
    assert shares.has_data and not shares.shown
    assert growth.shown  # 2025年1—12月: infrastructure −1.6 %, real estate −15.5 % against +5.5 %
    assert str(sections.omitted(ctx)) == "未列入本报告：投资结构（最新数据为2017年1—11月，早于本期一年以上）。"


def test_a_report_with_no_section_to_show_is_missing_data():
    from fai.errors import MissingDataError

    ctx = params.open_report("北京", period_end="2025-12")
    for f in (sections.single_month, sections.revision_gap, sections.mom_sa):
        f(ctx)
    with pytest.raises(MissingDataError, match="no section of the report"):
        sections.omitted(ctx)


def test_a_report_derives_its_metrics_once(monkeypatch):
    """Every growth and structure section reads ctx.derived: the panel is keyed once per report
    (one headline section used to key it six times)."""
    from fai.metrics import panel

    keyed = []
    build = panel.build
    monkeypatch.setattr(panel, "build", lambda df: keyed.append(len(df)) or build(df))
    ctx = params.open_report("全国")
    for section in (sections.headline, sections.single_month, sections.revision_gap, sections.mom_sa,
                    sections.shares, sections.component_growth, sections.contributions):
        assert section(ctx).has_data
    assert keyed == [len(ctx.data)]


def test_regions_sections_compare_each_indicator_once(monkeypatch):
    """Ranking and contributions of one peer set share one comparison per indicator."""
    from fai.metrics import comparison

    compared = []
    compare = comparison.compare_regions

    def counting(df, parent, indicator, period=None, peers=None):
        compared.append((tuple(peers or ()), indicator))
        return compare(df, parent, indicator, period, peers)

    monkeypatch.setattr(comparison, "compare_regions", counting)
    monkeypatch.setattr(params, "_SHARED", {})  # not what earlier reports of this process computed
    ctx = params.open_report("全国", peers="")
    for level in ("peers", "subpeers"):
        sections.ranking(ctx, level)
        sections.region_contributions(ctx, level)
    assert compared and len(compared) == len(set(compared))


def test_history_of_a_province_against_the_nation_and_its_rank():
    sec = sections.history(params.open_report("北京", period_end="2025-12"))
    # 1—12月 of 16 years from the panel: highest 2010 +14.3 %, lowest 2018 −5.5 %;
    # 2025 +5.5 % (全国 −3.8 %) 5th of 31, 2024 +5.1 % (3.2) 12th of 31
    assert sec.shown
    assert sec.sentence.startswith("2010年以来，北京市固定资产投资年度增速最高为2010年的14.3%，最低为2018年的-5.5%；"
                                   "16年中有3年高于全国、12年低于全国。2025年1—12月，增速居31个省（区、市）第5位，"
                                   "比上年同期前移7位。")
    assert sec.table.iloc[0].tolist() == ["2025年1—12月", "5.5", "-3.8", "9.3", "5"]
    assert sec.table.iloc[1].tolist() == ["2024年1—12月", "5.1", "3.2", "1.9", "12"]


def test_tile_map_and_rank_changes_of_the_provinces(national):
    tiles = sections.tile_map(national)
    # 2025年1—12月 (the panel): 西藏 +17.2 % fastest, 辽宁 −19.0 % slowest
    assert tiles.older == "" and tiles.sentence.startswith("2025年1—12月，31个省（区、市）中11个增长、20个下降")
    assert "增速最高的是西藏自治区（增长17.2%），最低的是辽宁省（下降19.0%）" in tiles.sentence
    moves = sections.rank_changes(national)
    assert moves.shown and moves.sentence.removeprefix(moves.older).startswith("与上年同期相比，位次前移最多的是")
    assert moves.table.shape[0] == 12 and moves.figure is not None


def _panel(shared_data):
    """The bundled table with the shared 31-province panel (2010–2026) in it."""
    import fai
    from fai.model import regions

    panel = pd.read_csv(shared_data / "provincial_panel.csv", dtype={"period": str})
    panel["region_code"] = panel["region_name"].map({n: regions.resolve(n) for n in panel["region_name"].unique()})
    base = fai.load()
    key = ["region_code", "period", "indicator"]
    keep = base[~base.set_index(key).index.isin(panel.set_index(key).index)]
    return pd.concat([keep, panel[[c for c in base.columns if c in panel.columns]]], ignore_index=True)


def test_regions_on_the_31_province_panel(shared_data, tmp_path):
    import fai

    path = tmp_path / "panel.parquet"
    fai.files.write_table(_panel(shared_data), path)
    ctx = params.open_report("全国", data_path=str(path), peers="")
    assert ctx.period == "2026-06"
    tiles = sections.tile_map(ctx)
    # 2026年1—6月: 7 of 31 grew; 宁夏 +9.1 % fastest, 青海 −32.2 % slowest
    assert tiles.sentence == ("2026年1—6月，31个省（区、市）中7个增长、24个下降；增速最高的是宁夏回族自治区（增长9.1%），"
                              "最低的是青海省（下降32.2%）。")
    moves = sections.rank_changes(ctx)
    # 江苏 2025年1—6月 29th → 16th (+13); 新疆 4th → 22nd (−18)
    assert moves.sentence.startswith("与上年同期相比，位次前移最多的是江苏省（前移13位，居第16位）")
    assert "后移最多的是新疆维吾尔自治区（后移18位，居第22位）" in moves.sentence
    heat = sections.heatmap(ctx, "subpeers")
    assert "31个地区在22个时期" in heat.sentence  # 24 months up to 2026-06 without the two Januaries
    beijing = sections.history(params.open_report("北京", data_path=str(path)))
    assert beijing.sentence.startswith("2010年以来，北京市固定资产投资年度增速最高为2010年的14.3%，最低为2018年的-5.5%")
    assert "16年中有3年高于全国、12年低于全国" in beijing.sentence


def test_a_province_is_ranked_among_the_31_against_the_nation():
    """浙江省 has no prefecture figures: its regions report compares it among the 31 provinces
    under 全国 (2026年1—6月 −6.3 %, 全国 −5.7 %: 0.6 pp below), highlighted in the ranks."""
    ctx = params.open_report("浙江省", peers="")
    assert (len(ctx.peers), ctx.parent, ctx.focus) == (31, "000000", "330000")
    sec = sections.ranking(ctx)
    assert sec.sentence.startswith("2026年1—6月：分地区看，增速最快的是宁夏回族自治区（增长9.1%），比全国高14.8个百分点")
    assert "浙江省投资下降6.3%，增速居31个地区第12位" in sec.sentence and sec.sentence.endswith("比全国低0.6个百分点。")
    assert sections.tile_map(ctx).shown
    moves = sections.rank_changes(ctx)
    labels = {t.get_text() for ax in moves.figure.axes for t in ax.texts}
    assert moves.shown and "浙江 12" in labels  # the bump chart follows 浙江 (12th) and its neighbours in rank
    # a region with children of its own compares them, under it
    east = params.open_report("东部地区", peers="")
    assert east.parent == "900001" and east.focus is None and len(east.peers) == 10


def test_the_31_provinces_share_one_drawing_of_the_charts_that_are_the_same():
    """浙江省's and 江苏省's regions reports show the same heatmap and map of the 31: drawn once
    per process; the bump chart follows each province and is their own; English is its own."""
    zj, js = params.open_report("浙江省", peers=""), params.open_report("江苏省", peers="")
    assert sections.heatmap(zj).figure is sections.heatmap(js).figure
    assert sections.tile_map(zj).figure is sections.tile_map(js).figure
    assert sections.rank_changes(zj).figure is not sections.rank_changes(js).figure
    en = params.open_report("浙江省", "latest", "en", peers="")
    assert sections.heatmap(en).figure is not sections.heatmap(zj).figure
