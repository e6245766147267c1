"""The output folder: checked before anything runs, locked while a run writes it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fai.batch import folder as out_folder
from fai.errors import OutputError

ROOT = Path(__file__).resolve().parents[2]
TEST_TEMPLATES = ROOT / "tests" / "notebooks"
FAI = [sys.executable, "-m", "fai.cli"]


def fai_run(out: Path, *extra: str, cwd: Path) -> subprocess.CompletedProcess:
    params = cwd / "params"
    params.mkdir(exist_ok=True)
    (params / "national.yaml").write_text('region: "000000"\ntemplates: [probe]\n', encoding="utf-8")
    return subprocess.run([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES),
                           "--out", str(out), *extra], capture_output=True, text=True, timeout=300,
                          cwd=cwd, check=False)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    return proc.stderr


def test_a_locked_folder_names_the_process_that_holds_it(tmp_path):
    held = rf"another `fai run` is writing these reports \(pid {os.getpid()},"
    with out_folder.open_folder(tmp_path / "reports"), pytest.raises(OutputError, match=held):
        out_folder.open_folder(tmp_path / "reports")
    out_folder.open_folder(tmp_path / "reports").close()  # free again once released


def test_a_second_fai_run_into_the_same_folder_stops_before_running(tmp_path):
    out = tmp_path / "reports"
    with out_folder.open_folder(out):  # a run in progress (this test process)
        proc = fai_run(out, cwd=tmp_path)
    err = one_line_error(proc)
    assert f"pid {os.getpid()}" in err and "another `fai run`" in err and "another --out" in err
    assert sorted(p.name for p in out.iterdir()) == [out_folder.LOCK_FILE]  # nothing written


def test_out_that_is_a_file_or_under_a_file_is_refused(tmp_path):
    blocker = tmp_path / "reports"
    blocker.write_text("a file", encoding="utf-8")
    for out in (blocker, blocker / "sub"):
        with pytest.raises(OutputError, match="expected a folder for the reports"):
            out_folder.check_writable(out)
    err = one_line_error(fai_run(blocker / "sub", cwd=tmp_path))
    assert f"{blocker / 'sub'}: is under the file {blocker}" in err
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_a_read_only_out_is_refused_before_anything_runs(tmp_path, tmpfs):
    ro = tmp_path / "ro"
    if os.geteuid() == 0:
        ctx = tmpfs(ro, "1m", "ro")
    else:
        ro.mkdir()
        ro.chmod(0o555)
        ctx = contextlib.nullcontext(ro)
    with ctx:
        with pytest.raises(OutputError, match="read-only|not writable"):
            out_folder.check_writable(ro / "reports")
        err = one_line_error(fai_run(ro / "reports", cwd=tmp_path))
        assert str(ro / "reports") in err and ("read-only" in err or "not writable" in err)
        assert not (ro / "reports").exists()


def test_a_disk_too_full_for_the_batch_is_refused_before_anything_runs(tmp_path, tmpfs):
    with tmpfs(tmp_path / "small", "2m") as small:
        err = one_line_error(fai_run(small / "reports", cwd=tmp_path))
        assert "MB free on its disk — expected at least" in err and "for 1 report " in err
        assert not list((small / "reports").glob("*/*.html"))
