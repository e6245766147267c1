"""Issue 13's promise: a county analyst copies their bureau's table into ``data/raw/`` and runs the
README's commands — the build, then the reports — and gets the county's reports: no code, no YAML.

The table is written here in the shape county bureaus send (a title row naming 安吉县 and the
period, the period merged over ``累计(万元) | 同比增长(%)``, 其中 rows, a note under the table);
the figures are our own. Nothing in the project is edited: no params file, no code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAI = [sys.executable, "-m", "fai.cli"]
# 万元 as the bureau writes them → 亿元 in the tidy table (÷ 10,000)
ROWS = [("固定资产投资", 2153400, 5.1), ("其中：民间投资", 1201300, 3.2), ("第一产业", 35200, -8.5),
        ("第二产业", 702600, 9.4), ("  其中：工业投资", 698100, 9.8), ("第三产业", 1415600, 3.3)]


def write_bureau_table(path: Path) -> Path:
    """安吉县's 1—9月 2025 table as its bureau would send it (xlsx)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["安吉县2025年1-9月固定资产投资主要指标"])
    ws.merge_cells("A1:C1")
    ws.append(["指标", "2025年1-9月", None])
    ws.merge_cells("B2:C2")
    ws.append([None, "累计(万元)", "同比增长(%)"])
    for row in ROWS:
        ws.append(list(row))
    ws.append(["注：统计起点为计划总投资500万元及以上项目。"])
    wb.save(path)
    return path


def analyst_project(tmp_path: Path) -> Path:
    """The project as an analyst has it (templates, params/, data/raw/, data/regions.csv) plus their table."""
    project = tmp_path / "project"
    for folder in ("notebooks", "params", "data/raw"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "data" / "regions.csv", project / "data" / "regions.csv")
    write_bureau_table(project / "data" / "raw" / "安吉县2025年1-9月固定资产投资.xlsx")
    return project


def build_command() -> list[str]:
    """``make data``'s command (the one build path) as run in the project folder."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndata:", 1)[1].splitlines()[1:]
    recipe = next(line for line in lines if "BYTECODE" not in line)  # (compiling fai first)
    assert recipe.split() == ["$(BIN)/fai", "build"], f"make data runs {recipe!r}: update this test"
    return [*FAI, "build"]


@pytest.mark.slow
def test_a_county_table_in_data_raw_becomes_its_reports(tmp_path):
    project = analyst_project(tmp_path)
    env = {**os.environ, "FAI_HOME": str(project)}
    build = subprocess.run(build_command(), cwd=project, env=env, capture_output=True, text=True,
                           timeout=600, check=False)
    assert build.returncode == 0, build.stdout + build.stderr

    # what make report's `fai run` plans: the county with the templates its figures support
    plan = subprocess.run([*FAI, "run", "--region", "安吉县", "--out", "reports", "--workers", "2"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    summary = json.loads((project / "reports" / "summary.json").read_text(encoding="utf-8"))
    entries = {e["template"]: e for e in summary["notebooks"]}
    assert set(entries) == {"growth", "structure"}  # a total and its components; no targets in the table
    assert {e["status"] for e in entries.values()} == {"succeeded"}
    assert {e["region_code"] for e in entries.values()} == {"330523"}
    headline = entries["growth"]["headline"]
    assert headline["value_100m_yuan"] == pytest.approx(215.34) and headline["yoy_pct"] == 5.1  # 2153400 万元
    html = (project / "reports" / entries["growth"]["html"]).read_text(encoding="utf-8")
    assert "安吉县" in html and "215.3" in html
    assert not list(project.glob("params/*anji*")) and not list(project.rglob("*.py"))  # no YAML, no code
    # and `make report` (fai run with no arguments) plans the same reports among every region's
    code = ("from fai.batch.plan import plan\n"
            "print([(t.region_code, t.template) for t in plan() if t.region_code == '330523'])")
    out = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True,
                         text=True, timeout=300, check=True)
    assert out.stdout.strip() == "[('330523', 'growth'), ('330523', 'structure')]"
