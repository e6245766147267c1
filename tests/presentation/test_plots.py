"""Charts (fai.plots) on real bundled figures: Chinese renders with no missing
glyph, titles say region / indicator / unit / period, a source line, growth
axes in % with a zero line, one colour per indicator, English on request."""

from __future__ import annotations

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from fai.metrics import comparison, growth, ranks, structure, targets
from fai.model import regions
from fai.presentation import colors, plots, sources

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def _national(tidy, indicator=None):
    rows = tidy[tidy["region_code"] == "000000"]
    return rows if indicator is None else rows[rows["indicator"] == indicator]


def charts(tidy, targets_table) -> dict:
    """name -> (function of lang returning a Figure, words the zh title must hold)."""
    months = growth.derive_single_month(_national(tidy, "fai_total"))
    implied = growth.implied_yoy(_national(tidy, "fai_total")).dropna(subset=["implied_yoy_pct"])
    shares = structure.shares(_national(tidy))
    contrib = structure.contributions(_national(tidy).query("period == '2024-11'"))
    ranking = comparison.compare_regions(tidy, "全国", "fai_total", "2024-12", regions.provinces())
    progress = targets.target_progress_for("余杭区", "2016-08", tidy, targets_table)
    pipeline = targets.project_pipeline(targets_table, "余杭区", "2016-08")
    contest = targets.task_contest(targets_table, "株洲市", "2020-09")
    keys = ["fai_total", "fai_infrastructure", "fai_manufacturing", "fai_real_estate"]
    rank_rows = ranks.rank_panel(tidy, regions.provinces(), "全国")
    return {
        "yoy_history": (lambda lang: plots.plot_yoy_history(tidy, "北京", lang=lang),
                        ["北京市", "固定资产投资", "（%）", "2010年1—2月至2026年1—6月"]),
        "single_month": (lambda lang: plots.plot_single_month(months, "000000", lang=lang),
                         ["全国", "单月投资额（亿元）", "单月同比增速（%）", "2025年12月"]),
        "revision_gap": (lambda lang: plots.plot_revision_gap(implied, "000000", lang=lang),
                         ["全国", "公布增速（%）", "2025年1—12月"]),
        "mom_sa": (lambda lang: plots.plot_mom_sa(tidy, lang=lang), ["全国", "季调环比增速（%）", "2025年12月"]),
        "shares": (lambda lang: plots.plot_shares(shares, "000000", lang=lang),
                   ["全国", "固定资产投资", "占比（%）", "2025年1—12月"]),
        "component_yoy": (lambda lang: plots.plot_component_yoy(tidy, "000000", "2025-12", lang=lang),
                          ["全国", "累计同比增速（%）", "2025年1—12月"]),
        "contributions": (lambda lang: plots.plot_contributions(contrib, "000000", "2024-11", residual=0.08, lang=lang),
                          ["全国", "拉动（个百分点）", "2024年1—11月"]),
        "ranking": (lambda lang: plots.plot_ranking(ranking, "全国", "2024-12", lang=lang),
                    ["全国", "固定资产投资", "（%）", "2024年1—12月"]),
        "heatmap": (lambda lang: plots.plot_heatmap(tidy, regions.provinces(), keys, ["2023-12", "2024-12"],
                                                    parent="全国", lang=lang),
                    ["全国", "累计同比增速（%）", "2023年1—12月至2024年1—12月"]),
        "target_progress": (lambda lang: plots.plot_target_progress(progress, "余杭区", lang=lang),
                            ["余杭区", "固定资产投资", "（%）", "2016年1—8月", "1,030亿元"]),
        "project_pipeline": (lambda lang: plots.plot_project_pipeline(pipeline, "余杭区", lang=lang),
                             ["余杭区", "亿元", "2016年1—8月"]),
        "task_contest": (lambda lang: plots.plot_task_contest(contest, "株洲市", lang=lang),
                         ["株洲市", "（个）", "2020年9月"]),
        "tile_map": (lambda lang: plots.plot_tile_map(ranking, "全国", "2024-12", lang=lang),
                     ["全国各地区", "累计同比增速（%）", "2024年1—12月"]),
        "bump": (lambda lang: plots.plot_bump(rank_rows, ["540000", "110000", "530000"], "全国", lang=lang,
                                              source=sources.source_line(tidy[tidy["region_code"] == "110000"], lang)),
                 ["全国各地区", "位次", "2010年1—2月至2026年1—6月"]),
        "gap_history": (lambda lang: plots.plot_gap_history(rank_rows, "北京", "全国", lang=lang),
                        ["北京市", "与全国增速之差", "2010年1—2月至2026年1—6月"]),
    }


@pytest.fixture(scope="module")
def all_charts(tidy, targets):
    return charts(tidy, targets)


NAMES = ["yoy_history", "single_month", "revision_gap", "mom_sa", "shares", "component_yoy", "contributions",
         "ranking", "heatmap", "target_progress", "project_pipeline", "task_contest", "tile_map", "bump",
         "gap_history"]


def _draw(make, lang):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = make(lang)
        fig.canvas.draw()
    assert plt.get_fignums() == before, "chart functions must not leave figures in pyplot (no double display)"
    return fig, [str(w.message) for w in caught]


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("name", NAMES)
def test_chart_draws_chinese_with_no_missing_glyph(all_charts, name):
    fig, caught = _draw(all_charts[name][0], "zh")
    assert isinstance(fig, Figure)
    assert [w for w in caught if "Glyph" in w or "missing from font" in w] == []
    title = fig.get_suptitle()
    for word in all_charts[name][1]:
        assert word in title, f"{name}: {word!r} not in title {title!r}"
    sources = [t for t in _texts(fig) if t.startswith("数据来源：")]
    assert len(sources) == 1, f"{name}: one source line under the chart"


@pytest.mark.parametrize("name", NAMES)
def test_chart_in_english_has_no_chinese_text(all_charts, name):
    fig, caught = _draw(all_charts[name][0], "en")
    assert [w for w in caught if "Glyph" in w] == []
    assert [t for t in _texts(fig) if CJK.search(t) and "(区发改局)" not in t and "双比双看" not in t] == []
    assert any(t.startswith("Source: ") for t in _texts(fig))


def _zero_line(ax, axis="y") -> bool:
    for line in ax.get_lines():
        data = line.get_ydata() if axis == "y" else line.get_xdata()
        other = line.get_xdata() if axis == "y" else line.get_ydata()
        if len(data) == 2 and np.allclose(np.asarray(data, float), 0) and len(set(map(str, other))) >= 1:
            return True
    return False


@pytest.mark.parametrize("name", ["yoy_history", "revision_gap", "mom_sa", "single_month"])
def test_growth_axis_in_percent_with_zero_line(all_charts, name):
    fig, _ = _draw(all_charts[name][0], "zh")
    growth_axes = [ax for ax in fig.axes if "（%）" in ax.get_ylabel()]
    assert growth_axes, f"{name}: no growth axis labelled in %"
    for ax in growth_axes:
        assert _zero_line(ax), f"{name}: {ax.get_ylabel()} has no zero line"
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert labels and all(t.endswith("%") for t in labels), labels


def test_national_history_last_point_is_the_published_figure(tidy):
    fig = plots.plot_yoy_history(tidy, "全国")
    line = fig.axes[0].get_lines()[0]
    assert line.get_ydata()[-1] == -5.7  # 2026年1—6月, provincial_panel.csv (NBS portal)
    assert line.get_color() == colors.color("fai_total")


def test_component_bars_use_the_indicator_palette(tidy):
    fig = plots.plot_component_yoy(tidy, "000000", "2025-12")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    # bars run bottom-up, labels likewise
    got = dict(zip(labels, colours))
    assert got["房地产开发投资"] == colors.color("fai_real_estate") == "#e15759"
    assert got["制造业投资"] == colors.color("fai_manufacturing")
    widths = {lab: p.get_width() for lab, p in zip(labels, ax.patches)}
    assert widths["房地产开发投资"] == -17.2 and widths["第一产业投资"] == 2.3  # 2025年1—12月


def test_contribution_waterfall_adds_up_to_total_growth(tidy):
    rows = _national(tidy).query("period == '2024-11'")
    contrib = structure.contributions(rows)
    fig = plots.plot_contributions(contrib, "000000", "2024-11")
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    # primary 0.05 + secondary 3.84 − tertiary 0.66 + residual 0.08 = 3.3 (1—11月 2024)
    assert [round(h, 2) for h in heights[:3]] == [0.05, 3.84, -0.66]
    assert round(heights[3], 2) == 0.08 and heights[4] == 3.3
    assert round(sum(heights[:4]), 10) == 3.3


def test_ranking_puts_the_fastest_on_top_with_the_parent_line(tidy):
    table = comparison.compare_regions(tidy, "全国", "fai_total", "2024-12", regions.provinces())
    fig = plots.plot_ranking(table, "全国", "2024-12")
    ax = fig.axes[0]
    assert len(ax.patches) == 31
    assert ax.get_yticklabels()[-1].get_text() == "西藏"  # +19.6 %, rank 1
    parent = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert parent and parent[0].get_xdata()[0] == 3.2  # 全国 2024年1—12月 +3.2 %
    assert "全国 3.2%" in _texts(fig)


def test_heatmap_holds_regions_by_periods(tidy):
    keys = ["fai_total", "fai_infrastructure", "fai_manufacturing", "fai_real_estate"]
    fig = plots.plot_heatmap(tidy, regions.provinces(), keys, ["2023-12", "2024-12"], parent="全国")
    mesh = fig.axes[0].collections[0]
    values = np.ma.masked_invalid(mesh.get_array()).reshape(31, 8)
    assert values[0, 0] == 4.9 and values[0, 1] == 5.1  # 北京 fai_total 2023, 2024


def test_target_gauge_shows_completion_against_time_progress(tidy, targets):
    from fai.metrics import targets as t  # the fixture `targets` is the targets table

    progress = t.target_progress_for("余杭区", "2016-08", tidy, targets)
    source = sources.source_line(targets[targets["region_code"] == "330110"])  # as fai.sections passes it
    fig = plots.plot_target_progress(progress, "余杭区", source=source)
    ax = fig.axes[0]
    assert round(ax.patches[1].get_width(), 2) == 61.11  # 629.44 / 1030
    marker = next(line for line in ax.get_lines() if line.get_linestyle() == "--")
    assert round(marker.get_xdata()[0], 2) == 66.67  # 8 / 12
    assert "落后序时进度5.56个百分点" in _texts(fig)
    assert "数据来源：Yuhang district investment-promotion site, 2016-09-22 (区发改局)" in _texts(fig)
    default = plots.plot_target_progress(progress, "余杭区")  # no source given: never 国家统计局
    assert "数据来源：目标任务表（fai.load_targets）" in _texts(default)


def test_source_line_names_a_local_source(tidy):
    rows = tidy[tidy["region_code"] == "331002"]
    assert sources.source_line(rows) == "数据来源：Zhejiang online news, 2020-05-15"
    assert sources.source_line(_national(tidy)) == "数据来源：国家统计局"


def test_tile_map_has_a_tile_per_province_coloured_by_growth(tidy):
    table = comparison.compare_regions(tidy, "全国", "fai_total", "2024-12", regions.provinces())
    fig = plots.plot_tile_map(table, "全国", "2024-12")
    ax = fig.axes[0]
    assert len(ax.patches) == 31
    assert "西藏" in _texts(fig) and "19.6" in _texts(fig)  # 西藏 +19.6 %, the reddest tile


def test_few_periods_sit_on_a_category_axis_with_their_values(tidy):
    fig = plots.plot_yoy_history(tidy, "余杭区")  # one YTD figure: 2016年1—8月 +8.4 %
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2016年1—8月"]
    assert "8.4%" in _texts(fig)


def test_a_heatmap_writes_its_values_only_while_they_stay_legible(tidy):
    """31 provinces × 2 years carry their values; × 24 months only colours (the table has them)."""
    two = plots.plot_heatmap(tidy, regions.provinces(), ["fai_total"], ["2023-12", "2024-12"], parent="全国")
    months = sorted(tidy.query("region_code == '000000' and indicator == 'fai_total'")["period"])[-24:]
    many = plots.plot_heatmap(tidy, regions.provinces(), ["fai_total"], months, parent="全国")
    cells = [t for t in two.axes[0].texts if re.fullmatch(r"-?\d+\.\d", t.get_text())]
    assert len(cells) == 62
    assert not [t for t in many.axes[0].texts if re.fullmatch(r"-?\d+\.\d", t.get_text())]


def test_a_chart_is_drawn_once_until_it_changes():
    """figure_png keeps the PNG with the figure; a change to the figure draws it again."""
    from matplotlib.figure import Figure

    from fai.presentation.blocks import figure_png

    fig = Figure(figsize=(2, 1), layout="constrained")
    fig.add_subplot().plot([1, 2, 3])
    first = figure_png(fig)
    assert figure_png(fig) is first  # not drawn again
    fig.axes[0].set_title("changed")
    assert figure_png(fig) != first


def test_a_closed_chart_measures_its_text_with_one_renderer_and_gives_the_same_png(tidy, monkeypatch):
    """A report's chart is closed at once, which leaves it matplotlib's base canvas (no renderer of
    its own): its texts are measured with one kept renderer, not a throw-away one each — and the
    PNG is byte for byte the one matplotlib's own way (a renderer per measurement) gives."""
    import matplotlib.figure

    from fai.presentation.blocks import figure_png
    from fai.presentation.plots.chart import Figure as ChartFigure

    months = sorted(set(_national(tidy, "fai_total")["period"]))[-24:]

    def chart():
        return plots.plot_heatmap(tidy, regions.provinces()[:12], ["fai_total"], months, parent="全国")

    fig = chart()
    assert not hasattr(fig.canvas, "get_renderer")  # closed: the base canvas
    assert fig._get_renderer() is fig._get_renderer()
    kept = figure_png(fig)
    monkeypatch.setattr(ChartFigure, "_get_renderer", matplotlib.figure.Figure._get_renderer)
    again = chart()
    assert again._get_renderer() is not again._get_renderer()  # matplotlib's: one per call
    assert figure_png(again) == kept
