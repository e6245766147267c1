"""`fai build`: the one command that builds data/processed/ (it replaced `fai data` and
`fai clean`)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from fai.cli import build as build_cmd
from fai.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad_inputs"
NBS = ROOT / "tests" / "fixtures" / "nbs"
BUREAU = ROOT / "tests" / "fixtures" / "bureau"
RAW = ROOT / "data" / "raw"


def test_cli_build_writes_table_targets_report_and_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "processed"
    code = main(["build", str(BUREAU / "yuhang_2016_08_gbk.csv"), str(RAW / "local_examples.csv"),
                 "--out", str(out)])
    assert code == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].endswith("yuhang_2016_08_gbk.csv: bureau, 4 figures, 5 notes")
    # 1 note: its project and contest rows are read from the bulletin texts of data/raw/ instead
    assert lines[1].endswith("local_examples.csv: bundled_local, 9 figures, 1 notes")
    written = pd.read_parquet(out / "fai.parquet")
    row = written.query("region_code == '330110' and indicator == 'fai_total'").iloc[0]
    assert (row.value_100m_yuan, row.yoy_pct) == (629.44, 8.4)  # both inputs agree
    report = pd.read_csv(out / "cleaning_report.csv")
    assert "collapsed" in set(report.action)
    assert len(pd.read_parquet(out / "targets.parquet")) > 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["inputs"]] == ["yuhang_2016_08_gbk.csv",
                                                      "local_examples.csv"]
    assert all(len(f["sha256"]) == 64 for f in manifest["inputs"])
    assert not list(out.glob(".*.tmp"))  # atomic: no temp file left


def test_cli_report_is_csv_with_every_note(tmp_path: Path) -> None:
    out = tmp_path / "p"
    assert main(["build", str(NBS / "national_months_utf8.csv"), "--out", str(out), "--csv"]) == 0
    notes = pd.read_csv(out / "cleaning_report.csv")
    assert notes["reason"].iloc[0] == "blank cell: not published"
    tidy = pd.read_csv(out / "fai.csv", dtype={"region_code": str})
    assert set(tidy.region_code) == {"000000"}


def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    proc = subprocess.run(
        [sys.executable, "-m", "fai.cli", "build", str(BAD / "tidy_text_in_number.csv"),
         "--out", str(out)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert proc.returncode == 2
    err = proc.stderr.strip()
    assert err.count("\n") == 0 and "Traceback" not in proc.stderr
    assert err.startswith("fai build: ") and "line 14" in err
    assert not out.exists()


def test_cli_parser_has_an_example() -> None:
    sub = argparse.ArgumentParser().add_subparsers()
    build_cmd.add_parser(sub)
    parser = sub.choices["build"]
    assert "fai build" in parser.epilog and "data/raw/" in parser.epilog


def test_fai_help_lists_build_and_not_the_old_commands(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "build" in text and "fai build" in text
    assert " clean " not in text and "fai data" not in text
