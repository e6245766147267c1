"""Bulletin texts alone make a region's reports (issue 12): a folder whose data/raw/ holds
nothing but three texts of our own — a figures release, a project progress notice and a task
contest — goes through the README's commands (`fai build`, `fai run`), and the targets report
of that county shows its project pipeline and its task contest as read from the texts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]

TEXTS = {
    "anji_fai.txt": "来源：安吉县统计局\n安吉县2024年1—9月固定资产投资运行情况\n"
                    "1—9月，全县固定资产投资完成215.3亿元，同比增长5.1%，高于全市1.2个百分点。\n",
    "anji_projects.txt": "来源：安吉县发展和改革局\n安吉县2024年1—9月重点项目建设进展通报\n"
                         "1—9月，全县共实施项目326个，其中续建项目198个、新开工项目128个，年度计划投资142.6亿元，"
                         "累计完成投资108.9亿元，完成年度计划的76.4%；已开工项目301个，开工率92.3%。\n"
                         "省重点项目18个，总投资286.5亿元，年度计划投资41.2亿元，1—9月完成投资33.6亿元，"
                         "完成年度计划的81.6%；已开工17个，开工率94.4%。\n",
    "anji_contest.txt": "来源：安吉县“双比双看”办公室\n安吉县2024年9月“双比双看”项目建设竞赛情况\n"
                        "9月当月，全县签约亿元以上项目任务数6个，完成8个；重点项目开工任务数9个，完成11个；"
                        "重点项目竣工任务数4个，完成3个。\n",
}  # fmt: skip


def _outputs(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out.append(o.get("data", {}).get("text/plain") or o.get("text") or "")
    return "\n".join(out)


@pytest.mark.slow
def test_texts_alone_make_the_targets_report(tmp_path: Path):
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for name, text in TEXTS.items():
        (raw / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "FAI_HOME": str(tmp_path)}
    fai = [sys.executable, "-m", "fai.cli"]
    built = subprocess.run([*fai, "build"], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300, check=False)  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert built.stdout.count(": bulletin,") == 3
    ran = subprocess.run([*fai, "run", "--region", "安吉县", "--notebooks", "targets", "--out", "reports",
                          "--templates-dir", str(ROOT / "notebooks")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    report = tmp_path / "reports" / "330523-anji-county"
    text = _outputs(report / "targets.ipynb")
    # the pipeline: 326 projects, 301 started (92.3 %), 108.9 of a 142.6 亿元 plan
    assert "全部项目326个" in text and "开工率92.3%" in text and "108.9亿元" in text
    assert "省重点项目" in text
    # the contest: 8 of 6 signed (133.3 %), 11 of 9 started, 3 of 4 completed: missed one → 后进
    assert "签约亿元以上项目8个，为目标6个的133.3%" in text and "后进" in text
    html = (report / "targets.html").read_text(encoding="utf-8")
    assert "安吉县“双比双看”办公室" in html  # credited to the texts' publishers …
    assert "数据来源：国家统计局" not in html  # … never to NBS
