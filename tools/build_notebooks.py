"""Write the four report templates in notebooks/ from one description, so
their parameter cells, validation and section layout stay consistent.

    .venv/bin/python tools/build_notebooks.py          # rewrite notebooks/*.ipynb
    .venv/bin/python tools/build_notebooks.py --check  # exit 1 if they differ

Rules the templates follow (and tests/test_notebooks.py checks): the first
code cell is the only one tagged ``parameters`` and holds literal, typed
assignments with a ``# help`` comment; the next cell validates them through
``fai.open_report``; every section is one call into ``fai.sections`` (the
sections write their own headings and notes in the report's language; the
markdown cells, tagged ``notes``, are for readers of the notebook and stay out
of the HTML report); the last cell names the sections left out; no def,
class, loop or file write; no outputs; no ``{placeholders}`` in markdown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
# JupyterLab opens the templates on the kernel `make lab` installs (the batch passes its own, python3)
KERNELSPEC = {"display_name": "Python (fai)", "language": "python", "name": "fai"}

COMMON = [
    ("region", "str", '"全国"', "region: code or name (全国, 北京市, 内蒙古, 东部地区, 余杭区 …)"),
    ("period_end", "str", '"latest"', 'last year-to-date period to report: "latest" or "YYYY-MM"'),
    ("lang", "str", '"zh"', 'language of labels and sentences: "zh" (Chinese) or "en" (English)'),
    ("data_path", "str", '""', 'processed tidy table (.parquet or .csv); empty for the bundled data'),
    ("headline_path", "str", '""', "JSON file for the batch index's headline figures; empty: none written"),
]

# topic -> file, title markdown, extra parameters, default overrides, sections
TEMPLATES: dict[str, dict] = {
    "growth": {
        "file": "10-growth.ipynb",
        "title": (
            "# 固定资产投资增长 · FAI growth\n\n"
            "一个地区的累计投资额与累计增速、单月投资与单月增速、按公布总量推算的增速与口径差、"
            "季节调整环比增速。数据为年初至当月的累计值（1—2月合并发布）；公布增速按可比口径计算，不重新计算。\n\n"
            "*One region: year-to-date level and growth, single months, growth implied by published levels "
            "and the revision gap, seasonally adjusted month-on-month growth. Set `lang = \"en\"` for English.*"
        ),
        "extra": [],
        "defaults": {},
        "sections": [
            (("## 要点 · Headline\n\n累计投资额、累计同比增速、比上期变化（个百分点）、与上级地区增速之差，"
              "以及历年累计增速与上级地区的比较。"),
             "headline"),
            (("## 历年走势 · Over the years\n\n历年累计增速、与全国（或上级地区）之差及在同级地区中的位次；"
              "近期增速走势最接近的地区。"),
             "history"),
            (("## 单月投资 · Single months\n\n单月值 = 本期累计 − 上期累计（1—2月为两个月合计，以斜线标出）；"
              "单月增速按可比基数计算：(本月值 ÷ (本期基数 − 上期基数) − 1) × 100。缺少上期累计数的月份不推算。"),
             "single_month"),
            (("## 公布增速与按总量推算的增速 · Published vs implied growth\n\n"
              "按总量推算的增速 = (本期累计 ÷ 上年同期公布累计 − 1) × 100；口径差 = 公布增速 − 推算增速。"
              "口径差反映上年基数的修订与统计范围调整，仅供参考，公布增速不作修改。"),
             "revision_gap"),
            ("## 季调环比 · Seasonally adjusted month on month\n\n国家统计局公布的季节调整后环比增速（仅全国）。",
             "mom_sa"),
        ],
    },
    "structure": {
        "file": "20-structure.ipynb",
        "title": (
            "# 固定资产投资结构 · FAI structure\n\n"
            "一个地区投资的构成：民间投资与国有控股投资，三次产业，工业与制造业，基础设施与房地产开发投资的"
            "占比、增速与对全部投资增长的拉动（个百分点）。\n\n"
            "*One region: shares of the components in total investment, their growth against the total, "
            "and their contributions to total growth with the residual.*"
        ),
        "extra": [],
        "defaults": {},
        "sections": [
            (("## 投资结构 · Shares\n\n占比 = 分项累计投资额 ÷ 全部投资 × 100。三次产业合计为100%，"
              "以堆积图表示；其他分项相互交叠（如制造业属于工业），以折线表示。"),
             "shares"),
            ("## 分项增速 · Growth by component\n\n各分项的累计同比增速与全部投资增速（虚线）的比较。",
             "component_growth"),
            (("## 拉动 · Contributions\n\n拉动（个百分点）=（分项本期累计 − 分项可比基数）÷ 全部投资可比基数 × 100。"
              "三次产业的拉动之和与全部投资增速之差为“未分解部分”（可比口径调整与四舍五入）。"),
             "contributions"),
        ],
    },
    "regions": {
        "file": "30-regions.ipynb",
        "title": (
            "# 地区比较 · Regions compared\n\n"
            "一个上级地区与其下级地区的增速排序、位次与位次变化、与上级增速之差、历期增速热力图，"
            "以及有投资额时各地区对上级增长的拉动。全国的下级为东部、中部、西部、东北四大区域，"
            "再下一级为31个省（区、市）。\n\n"
            "*A parent region and its subregions: ranking with the parent's line, rank and rank change, "
            "pp against the parent, a heatmap of regions × periods, and contributions where levels exist.*"
        ),
        "extra": [
            ("peers", "str", '""', 'regions to compare, comma-separated; empty: the children of region (and theirs)'),
            ("indicators", "str", '""', 'indicator keys, comma-separated; empty: every indicator the regions publish'),
            ("span_months", "int", "24", "months the heatmap and the rank charts cover"),
            ("bump", "str", '""', "regions whose ranks are drawn over time, comma-separated; empty: the biggest movers"),
        ],
        "defaults": {},
        "sections": [
            (("## 一、下级地区增速排序 · Subregions ranked\n\n"
              "增速从高到低排列，虚线为上级地区增速；低于上级的地区以灰色表示。位次变化与上一次排序相比"
              "（参与排序的地区相同时才比较）。"),
             "ranking"),
            ("### 历期增速 · Growth over time\n\n行为地区，列为时期（多数地区公布数据的时期）。", "heatmap"),
            (("### 对上级增长的拉动 · Contributions to the parent's growth\n\n"
              "拉动 =（地区本期累计 − 地区可比基数）÷ 上级可比基数 × 100，仅在各地区公布投资额时计算。"),
             "region_contributions"),
            (("## 二、再下一级地区 · One level further down\n\n"
              "例如全国报告中的31个省（区、市）：各领域增速排序、位次与位次变化。"),
             "ranking:subpeers"),
            (("### 分省增速地图 · Growth by province\n\n"
              "每个方块为一个省（区、市），大致按地理位置排列（不含边界数据）。"), "tile_map"),
            (("### 位次变化 · Rank changes\n\n"
              "各省（区、市）逐月位次（在全部省份和所在区域中）与一个月前、一年前相比的变化；位次走势图为所选地区"
              "（参数 bump，默认为位次变化最大的地区）在 span_months 个月内的位次。"), "rank_changes"),
            ("### 历期增速 · Growth over time", "heatmap:subpeers"),
            ("### 对上级增长的拉动 · Contributions to the parent's growth", "region_contributions:subpeers"),
        ],
    },
    "targets": {
        "file": "40-targets.ipynb",
        "title": (
            "# 目标任务 · Targets\n\n"
            "一个地区年度投资目标的完成进度与序时进度（月份 ÷ 12）之差、完成目标尚需的月均投资额，"
            "重点项目推进（开工率、年度计划完成率），以及任务竞赛（“双比双看”）的完成情况。\n\n"
            "*One region: completion of the annual target against time progress, the amount still needed per "
            "month, the project pipeline by group, and the monthly task contest.*"
        ),
        "extra": [
            ("target_100m_yuan", "float", "0.0", "annual investment target in 亿元; 0: the target in the targets table"),
            ("targets_path", "str", '""', 'targets table (.parquet or .csv); empty for the bundled targets'),
        ],
        "defaults": {"region": '"余杭区"'},
        "sections": [
            (("## 目标完成进度 · Target against time progress\n\n"
              "完成度 = 累计投资额 ÷ 年度目标 × 100；序时进度 = 月份 ÷ 12 × 100；二者之差为快于（+）或落后（−）"
              "序时进度的百分点；尚需月均投资 =（目标 − 累计）÷ 剩余月数。"),
             "target_progress"),
            (("## 重点项目推进 · Project pipeline\n\n开工率 = 已开工项目数 ÷ 项目数 × 100；"
              "年度计划完成率 = 累计完成投资 ÷ 年度计划投资 × 100（按项目类别）。"),
             "project_pipeline"),
            (("## 任务竞赛 · Task contest\n\n“双比双看”：各项任务的完成数与目标数；全部任务完成评为先进，"
              "任一任务未完成为后进。"),
             "task_contest"),
        ],
    },
}


def _parameters(topic: str) -> str:
    spec = TEMPLATES[topic]
    lines = []
    for name, kind, default, help_ in [*COMMON, *spec["extra"]]:
        value = spec["defaults"].get(name, default)
        lines.append(f"{name}: {kind} = {value}  # {help_}")
    return "\n".join(lines)


def _validation(topic: str) -> str:
    extra = ["headline_path=headline_path", *[f"{name}={name}" for name, *_ in TEMPLATES[topic]["extra"]]]
    args = ", ".join(["region", "period_end", "lang", "data_path", *extra])
    return (
        "import fai\n\n"
        "# Checks every parameter, loads the data and derives the metrics once: an unknown region,\n"
        "# indicator or language, a period outside the data or a missing file stops here with a\n"
        "# FaiError that says what is wrong. Writes the batch index's headline when headline_path is set.\n"
        f"ctx = fai.open_report({args})\n"
        "ctx"
    )


def _call(section: str) -> str:
    name, _, level = section.partition(":")
    return f'fai.sections.{name}(ctx, "{level}")' if level else f"fai.sections.{name}(ctx)"


def build(topic: str) -> nbformat.NotebookNode:
    """The template notebook of a topic (deterministic: same input, same bytes)."""
    spec = TEMPLATES[topic]
    notes = {"tags": ["notes"]}  # for readers of the notebook; the HTML report leaves them out
    cells = [
        nbformat.v4.new_markdown_cell(spec["title"], metadata=notes),
        nbformat.v4.new_code_cell(_parameters(topic), metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(_validation(topic)),
    ]
    for text, section in spec["sections"]:
        cells.append(nbformat.v4.new_markdown_cell(text, metadata=notes))
        cells.append(nbformat.v4.new_code_cell(_call(section)))
    cells.append(nbformat.v4.new_code_cell("fai.sections.omitted(ctx)"))
    for i, cell in enumerate(cells):
        cell["id"] = f"{topic}-{i:02d}"
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
    }
    return nb


def render(topic: str) -> str:
    """The notebook file's text."""
    nb = build(topic)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a notebook differs from the builder")
    args = parser.parse_args(argv)
    stale = []
    for topic, spec in TEMPLATES.items():
        path = NOTEBOOKS / spec["file"]
        text = render(topic)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date (run tools/build_notebooks.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
