"""`fai build`: the one command that builds data/processed/ (it replaced `fai data` and
`fai clean`)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
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


# --------------------------------------------------------------- never a traceback (issue 11)
def _one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert code == 2, (argv, code, err)
    assert err.count("\n") == 0 and "Traceback" not in err and "internal error" not in err, err
    assert err.startswith(f"fai {argv[0]}: ")
    return err


def _bad_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "a_folder"
    folder.mkdir()
    empty = tmp_path / "empty.parquet"
    empty.write_bytes(b"")
    corrupt = tmp_path / "corrupt.parquet"
    corrupt.write_bytes(b"PAR1" + bytes(100) + b"PAR1")
    prose = tmp_path / "notes.csv"
    prose.write_text("这不是一张表\n只是说明\n", encoding="utf-8")
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    made = [folder, empty, corrupt, prose, zero]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.csv"
        os.mkfifo(fifo)
        made.append(fifo)
    return made


def test_build_and_metrics_on_bad_inputs_end_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Every bad input of the corpus and every odd file: `fai build` and `fai metrics --data`
    end with one line naming the file, exit 2 — never a traceback, never a table written."""
    spec = importlib.util.spec_from_file_location("bad_corpus", BAD / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)  # type: ignore[union-attr]
    inputs = [BAD / n for n in sorted(corpus.BAD_INPUTS)] + _bad_files(tmp_path)
    out = tmp_path / "out"
    for path in inputs:
        err = _one_line_exit_2(["build", str(path), "--out", str(out)], capsys)
        assert path.name in err
        assert not out.exists()
        err = _one_line_exit_2(["metrics", "全国", "--data", str(path)], capsys)
        assert path.name in err


def test_one_subprocess_per_kind_shows_no_traceback(tmp_path: Path) -> None:
    for path in _bad_files(tmp_path)[:4]:
        proc = subprocess.run(
            [sys.executable, "-m", "fai.cli", "metrics", "全国", "--data", str(path)],
            capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120,
        )
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.strip().count("\n") == 0


def test_out_folders_that_cannot_be(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = BUREAU / "yuhang_2016_08_gbk.csv"
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    err = _one_line_exit_2(["build", str(source), "--out", str(a_file / "processed")], capsys)
    assert "is a file, not a folder" in err
    err = _one_line_exit_2(["build", str(source), "--out", str(a_file)], capsys)
    assert "is a file" in err
    err = _one_line_exit_2(["build", str(source), "--out", str(RAW)], capsys)
    assert "data/raw/ or inside it" in err
    err = _one_line_exit_2(["build", str(source), "--out", str(RAW / "sub")], capsys)
    assert "data/raw/ or inside it" in err
    twin = tmp_path / "fai.parquet"  # an input where an output would go
    twin.write_bytes((ROOT / "tests" / "fixtures" / "tidy" / "mixed_gbk.csv").read_bytes())
    err = _one_line_exit_2(["build", str(twin), "--out", str(tmp_path)], capsys)
    assert "would overwrite the input" in err
    assert twin.read_bytes() == (ROOT / "tests" / "fixtures" / "tidy" / "mixed_gbk.csv").read_bytes()


@pytest.mark.parametrize(("errno_", "words"), [(28, "no space left on device"), (30, "read-only file system")])
def test_a_full_or_read_only_disk_leaves_the_old_build(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch,
    errno_: int, words: str,
) -> None:
    out = tmp_path / "processed"
    assert main(["build", str(BUREAU / "yuhang_2016_08_gbk.csv"), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fail)
    err = _one_line_exit_2(["build", str(NBS / "national_months_utf8.csv"), "--out", str(out)],
                           capsys)
    assert f"cannot be written ({words})" in err  # the system's words in lower case, as everywhere
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing half-written


def test_inputs_without_targets_write_an_empty_targets_table(tmp_path: Path) -> None:
    out = tmp_path / "p"
    assert main(["build", str(NBS / "national_months_utf8.csv"), "--out", str(out)]) == 0
    targets = pd.read_parquet(out / "targets.parquet")
    assert len(targets) == 0 and list(targets.columns)[:3] == ["region_code", "region_name",
                                                               "parent_name"]
