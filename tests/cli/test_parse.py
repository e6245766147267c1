"""`fai parse FILE... [--region] [--year] [--format json|csv]`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from fai import cli
from fai.bulletin.parse import COLUMNS

CORPUS = Path(__file__).parents[1] / "bulletin" / "corpus"


def test_parse_json_has_the_contract_keys(capsys: pytest.CaptureFixture):
    code = cli.main(["parse", str(CORPUS / "49-mom-seasonally-adjusted.txt"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    records = json.loads(out)
    assert len(records) == 1 and list(records[0])[:16] == COLUMNS
    assert records[0]["mom_sa_pct"] == -0.05 and records[0]["value_100m_yuan"] == 191947.0
    assert "49-mom-seasonally-adjusted.txt: 1 records" in err


def test_parse_csv_several_files_with_region_and_year(
    tmp_path: Path, capsys: pytest.CaptureFixture
):
    text = tmp_path / "notice.txt"
    text.write_text("今年1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。", encoding="utf-8")
    gbk = CORPUS / "63-gbk-encoded.txt"
    code = cli.main(["parse", str(text), str(gbk), "--region", "天城县", "--year", "2023",
                     "--format", "csv"])  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:16] == COLUMNS
    first = rows[0]
    assert (first["file"], first["region"], first["year"], first["month"]) == (
        str(text), "天城县", "2023", "8",
    )  # fmt: skip
    assert (first["value_100m_yuan"], first["yoy_pct"]) == ("56.3", "12.5")
    assert [r["indicator"] for r in rows if r["file"] == str(gbk)] == ["fai_total", "fai_industry"]


def test_parse_mojibake_warns_on_stderr(capsys: pytest.CaptureFixture):
    assert cli.main(["parse", str(CORPUS / "47-mojibake-paragraph.txt")]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "line 2: skipped" in err


def test_parse_missing_file_exits_2_with_the_file_name(capsys: pytest.CaptureFixture):
    assert cli.main(["parse", "no/such/bulletin.txt"]) == 2
    assert "no/such/bulletin.txt: cannot read the file (no such file or directory)" in capsys.readouterr().err


def test_parse_help_shows_an_example(capsys: pytest.CaptureFixture):
    with pytest.raises(SystemExit):
        cli.main(["parse", "--help"])
    assert "fai parse bulletin.txt --format json" in capsys.readouterr().out


def test_parse_refuses_what_is_not_a_regular_bounded_text_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert cli.main(["parse", str(link)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a device, not a regular file" in err and "Traceback" not in err
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert cli.main(["parse", str(fifo)]) == 2  # never blocks: checked before it is opened
    assert "FIFO" in capsys.readouterr().err
    big = tmp_path / "big.txt"
    big.write_bytes(b"1" * (3 * 2**20))
    assert cli.main(["parse", str(big)]) == 2
    assert "at most 2 MB" in capsys.readouterr().err


def test_parse_csv_escapes_formulas_and_json_has_no_nan(
    tmp_path: Path, capsys: pytest.CaptureFixture
):
    text = tmp_path / "notice.txt"
    # a label that a spreadsheet would run as a formula, and a growth rate no text can state
    text.write_text(
        "1-8月，=HYPERLINK投资完成5.6亿元，同比增长8.0%。全县投资增长1000000%。", encoding="utf-8"
    )
    assert cli.main(["parse", str(text), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    assert any(r["label"].startswith("'=") for r in rows)
    assert "not plausible" in err
    assert cli.main(["parse", str(text), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out and "Infinity" not in out
    assert json.loads(out)[0]["value_100m_yuan"] == 5.6


def test_parse_starts_without_pandas_or_the_batch(tmp_path: Path):
    # fai parse loads what it runs: the bulletin reader, not pandas, numpy or Jupyter (issue 15)
    import subprocess
    import sys

    text = tmp_path / "notice.txt"
    text.write_text("1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。", encoding="utf-8")
    code = (
        "import sys; from fai.cli.main import main; rc = main(['parse', sys.argv[1]]); "
        "print(sorted(m for m in ('pandas', 'numpy', 'pandera', 'nbformat', 'papermill') "
        "if m in sys.modules), file=sys.stderr); sys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(text)], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1] == "[]"
    assert json.loads(proc.stdout)[0]["value_100m_yuan"] == 56.3
