"""Write notebooks/00-explore.ipynb, the guided tour for an analyst, from one description.

    .venv/bin/python tools/build_explore.py          # rewrite the notebook
    .venv/bin/python tools/build_explore.py --check  # exit 1 if it differs

The tour: load the data, select a region, its metrics, a ranking, a chart, one section for two
regions, and where each function lives. It follows the templates' rules (one ``parameters``
cell of literal typed assignments with a ``# help`` comment, no def, class, loop or file write,
no outputs) and runs top to bottom with its defaults; the batch never plans it (a ``00-`` file
is a guide, not a report template: fai.batch.templates). The table of where each name lives is
written from ``fai.public.PUBLIC``, so it stays true.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from fai.public import PUBLIC

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "00-explore.ipynb"

KERNELSPEC = {"display_name": "Python (fai)", "language": "python", "name": "fai"}

PARAMETERS = [
    ("region", "str", '"北京市"', "a region to look at: name or code (北京市, 内蒙古, 东部地区, 余杭区, 330110 …)"),
    ("other_region", "str", '"上海市"', "a second region, for the same section"),
    ("period", "str", '"latest"', 'the period of the metrics: "latest" or "YYYY-MM"'),
    ("ranking_period", "str", '"2024-12"', "the period the provinces are ranked in (all 31 published 2024-12)"),
]

# (markdown, code) in order; code "" = a markdown cell only
STEPS: list[tuple[str, str]] = [
    (("# 探索 fai · A guided tour\n\n"
     "从数据到报告的七步：读取数据、选一个地区、计算指标、地区排序、画图、生成报告的一节，以及每个函数在哪里。"
     "逐格运行（Shift+Enter）即可；改下面参数格里的地区，再从头运行。\n\n"
     "*Seven steps from the data to a report: load, select a region, its metrics, a ranking, a chart, one "
     "section of a report, and where each function lives. Run the cells in order (Shift+Enter); change the "
     "region in the parameters cell below and run again. The kernel is **Python (fai)** (`make lab`).*"), ""),
    (("## 1. 数据 · Load the data\n\n"
     "`fai.load()` 返回整理好的长表：每个地区、时期、指标一行；`period` 为年初至当月的累计期"
     "（`2025-12` 即1—12月），`value_100m_yuan` 为亿元，`yoy_pct` 为公布的同比增速（不重新计算），"
     "`source` 为出处。数据来自 `data/raw/` 中的全部文件（内置数据或你自己的表格）。\n\n"
     "*`fai.load()` (in `fai.data`) is the tidy table: one row per region, period and indicator, every "
     "figure with its source. It is built from every file in `data/raw/` — the bundled data and your own "
     "tables. `fai.load_targets()` holds targets, project groups and task contests.*"),
     "import fai\n\ndf = fai.load()\ndf.head()"),
    (("指标是一套固定的名称（`fai_total` 为全部固定资产投资），中英文名称见指标表。\n\n"
     "*Indicators are a controlled vocabulary; `fai.indicators` holds their labels and parents "
     "(a share or a contribution is of the parent).*"),
     'fai.indicators.registry()[["key", "label_zh", "label_en", "parent"]]'),
    (("## 2. 选一个地区 · Select a region\n\n"
     "`fai.regions.resolve` 把任何常用名称变为代码（北京、北京市、110000 都是 `110000`），"
     "然后按 `region_code` 筛选。\n\n"
     "*`fai.regions.resolve` turns any common name into its code; select the rows by `region_code`. "
     "Below: the region's growth by indicator, the latest periods last.*"),
     ('code = fai.regions.resolve(region)\n'
     'rows = df[df["region_code"] == code]\n'
     'rows.pivot_table(index="period", columns="indicator", values="yoy_pct").tail()')),
    (("## 3. 一个地区的指标 · Metrics of a region\n\n"
     "`fai.metrics_table` 给出一个地区一个时期的各项指标：单月投资与增速、按总量推算的增速与口径差、"
     "增速变化、占比与拉动（没有数据的为空）。\n\n"
     "*`fai.metrics_table(df, region, period)` (in `fai.metrics.table`): single months, implied growth "
     "and the revision gap, the change in growth, shares and contributions — NaN where the data do not "
     "allow it (a province publishing growth rates only has no single months).*"),
     "fai.metrics_table(df, region, period)"),
    (("## 4. 地区排序 · A ranking\n\n"
     "`fai.compare_regions` 比较同一上级下的地区：增速、位次、位次变化、与上级增速之差，有投资额时还有拉动。\n\n"
     "*`fai.compare_regions(df, parent, …)` (in `fai.metrics.comparison`): each region's growth, rank, "
     "change in rank and gap to the parent. Here the 31 provinces against 全国.*"),
     ('ranking = fai.compare_regions(df, "全国", period=ranking_period, peers=fai.regions.provinces())\n'
     'ranking.sort_values("rank")[["region_name", "yoy_pct", "rank", "vs_parent_pp"]].head(10)')),
    (("## 5. 画图 · A chart\n\n"
     "`fai.plots` 中的图可以直接用 `fai.load()` 的表；图在单元格结束时显示，`fig.savefig(\"图.png\")` 可保存。\n\n"
     "*The charts of `fai.plots` take the table you have — `fai.load()`'s is derived first where a chart "
     "needs it. A chart shows when the cell ends (assigned or not); save it with `fig.savefig(\"chart.png\")`. "
     "`fai.plots.plot_yoy_history?` shows what a chart takes.*"),
     "fig = fai.plots.plot_yoy_history(df, region)"),
    ("", 'fai.plots.plot_ranking(ranking, "全国", ranking_period)'),
    (("## 6. 报告的一节 · One section of a report\n\n"
     "报告模板的每一节都是一次 `fai.sections` 调用：一句公报式的文字、一张图、一张表。可以直接给地区名称，"
     "换一个地区只需换名称。\n\n"
     "*Every section of the report templates is one call into `fai.sections`: a bulletin-style sentence, "
     "a chart and a table. Give it a region name — the same section for another region is one word away.*"),
     "fai.sections.headline(region)"),
    ("", "fai.sections.headline(other_region)"),
    (("模板先用 `fai.open_report` 检查参数、读取数据、计算指标（一次），各节共用；英文报告用 `lang=\"en\"`。\n\n"
     "*The templates first open the report's context — parameters checked, data loaded, metrics derived "
     "once — and every section reads from it. `lang=\"en\"` gives the English report.*"),
     'ctx = fai.open_report(region, period, lang="en")\nfai.sections.headline(ctx)'),
]

CLOSING = (
    "## 7. 函数在哪里 · Where each function lives\n\n"
    "`dir(fai)` 列出全部公开名称，`help(fai)` 从前几步讲起；每个名称都有说明和例子（`fai.load?`）。\n\n"
    "*`dir(fai)` lists the public face and `help(fai)` opens with the first of these steps; every name has a "
    "docstring with an example (`fai.load?`). Where each name is defined:*\n\n"
    "{table}\n\n"
    "*Next: the report templates `10-growth` … `40-targets` in this folder (one region each: set its "
    "parameters and run all), `make report` for every region's HTML, and your own tables in `data/raw/` "
    "(README: “Adding a region”).*"
)


def _where_table() -> str:
    """One row per public name, in the order of fai.public (data, registries, numbers, charts,
    reports, errors): the name, its module and the file to open."""
    rows = ["| name | module | file |", "|---|---|---|"]
    for name, (module, attr) in PUBLIC.items():
        called = attr is not None and name[0].islower()  # a function (FaiError is a class)
        folder = ROOT / "src" / Path(*module.split("."))
        where = f"{folder.relative_to(ROOT)}/" if folder.is_dir() else f"{folder.relative_to(ROOT)}.py"
        rows.append(f"| `fai.{name}{'()' if called else ''}` | `{module}` | `{where}` |")
    return "\n".join(rows)


def build() -> nbformat.NotebookNode:
    """The tour (deterministic: same input, same bytes)."""
    params = "\n".join(f"{name}: {kind} = {value}  # {help_}" for name, kind, value, help_ in PARAMETERS)
    cells = [nbformat.v4.new_markdown_cell(STEPS[0][0]),
             nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]})]
    for text, code in STEPS[1:]:
        if text:
            cells.append(nbformat.v4.new_markdown_cell(text))
        if code:
            cells.append(nbformat.v4.new_code_cell(code))
    cells.append(nbformat.v4.new_markdown_cell(CLOSING.format(table=_where_table())))
    for i, cell in enumerate(cells):
        cell["id"] = f"explore-{i:02d}"
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return nb


def render() -> str:
    """The notebook file's text."""
    nb = build()
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the notebook differs from the builder")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not NOTEBOOK.exists() or NOTEBOOK.read_text(encoding="utf-8") != text:
            print(f"out of date (run tools/build_explore.py): {NOTEBOOK}", file=sys.stderr)
            return 1
        return 0
    NOTEBOOK.write_text(text, encoding="utf-8")
    print(f"wrote {NOTEBOOK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
