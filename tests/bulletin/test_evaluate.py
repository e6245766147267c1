"""fai.bulletin_eval: precision and recall of the bulletin parser over a folder of cases."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fai.bulletin.evaluate import evaluate, figures, format_report, main
from fai.errors import InputFormatError

CORPUS = Path(__file__).parent / "corpus"


def _case(folder: Path, name: str, text: str, records: list[dict]) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    full = []
    for rec in records:
        row = dict.fromkeys(["file", "region", "year", "month", "indicator", "label",
                             "value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp",
                             "parent", "vs_time_progress_pp", "share_pct", "rank", "rank_of",
                             "evidence"])  # fmt: skip
        row.update(rec)
        full.append(row)
    (folder / f"{name}.json").write_text(json.dumps(full, ensure_ascii=False), encoding="utf-8")


def test_corpus_scores_full_marks():
    result = evaluate(CORPUS)
    assert result["files"] >= 60 and result["expected"] > 250
    assert result["misses"] == []
    assert result["precision"] == result["recall"] == 1.0


def test_precision_and_recall_are_counted_over_figures(tmp_path: Path):
    # the parser finds 56.3 and 12.5 (fai_total) and 8.0 (fai_industry): 3 figures.
    # expected: 56.3 ✓, 12.5 ✓, a wrong 9.9 for fai_industry ✗, and 70.0 plan ✗ → 4 figures.
    # correct 2 → precision 2/3, recall 2/4.
    _case(
        tmp_path,
        "01-x",
        "1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。工业投资增长8.0%。",
        [
            {
                "indicator": "fai_total",
                "value_100m_yuan": 56.3,
                "yoy_pct": 12.5,
                "plan_completion_pct": 70.0,
            },
            {"indicator": "fai_industry", "yoy_pct": 9.9},
        ],
    )
    result = evaluate(tmp_path)
    assert (result["expected"], result["found"], result["correct"]) == (4, 3, 2)
    assert result["precision"] == pytest.approx(2 / 3) and result["recall"] == 0.5
    kinds = sorted((m["kind"], m["indicator"], m["field"], m["value"]) for m in result["misses"])
    assert kinds == [
        ("extra", "fai_industry", "yoy_pct", 8.0),
        ("missing", "fai_industry", "yoy_pct", 9.9),
        ("missing", "fai_total", "plan_completion_pct", 70.0),
    ]
    report = format_report(result)
    assert "precision 66.7%  recall 50.0%" in report and "missing" in report


def test_figures_count_a_repeated_value_once():
    recs = [{"indicator": "fai_total", "yoy_pct": 3.0, "vs_parent_pp": 1.0},
            {"indicator": "fai_total", "yoy_pct": 3.0, "vs_parent_pp": 2.0}]  # fmt: skip
    assert len(figures(recs, "f")) == 3


def test_folder_without_cases_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture):
    with pytest.raises(InputFormatError, match="no NN-topic.txt"):
        evaluate(tmp_path)
    assert main([str(tmp_path)]) == 2
    assert "no NN-topic.txt" in capsys.readouterr().err


def test_module_prints_precision_recall_and_misses(tmp_path: Path):
    shutil.copy(CORPUS / "01-county-progress.txt", tmp_path)
    shutil.copy(CORPUS / "01-county-progress.json", tmp_path)
    out = subprocess.run([sys.executable, "-m", "fai.bulletin_eval", str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert out.splitlines()[1].startswith("precision 100.0%  recall 100.0%")
    assert out.rstrip().endswith("misses: none")
    as_json = subprocess.run([sys.executable, "-m", "fai.bulletin_eval", str(tmp_path), "--json"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert json.loads(as_json)["expected"] == 4  # 56.3, 12.5, 3.2 and 68.2
