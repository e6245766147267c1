"""When `fai run` writes summary.json, index.html and manifest.json while reports finish.

At most once every ``FLUSH_EVERY_S`` (a timer writes a report that finished sooner once
the interval is up), at once for a failed report, always at the start and the end; a
disk that fills up during one of those writes stops the run cleanly, its message worded
like every other (the system's reason in lower case). The fast tests run
:func:`fai.batch.run.run` on workers of our own whose notebooks finish at once (no
kernel); the slow one runs real notebooks.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import nbformat
import pytest

from fai import cli
from fai.batch import run as batch
from fai.batch.folder import open_folder
from fai.batch.manifest import read_manifest
from fai.batch.results import JobStatus, TaskResult
from fai.errors import OutputError
from fai.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
TEST_TEMPLATES = ROOT / "tests" / "notebooks"
FAI = [sys.executable, "-m", "fai.cli"]
CODES = ["000000", "900001", "900002", "900003", "110000", "120000", "130000", "140000"]
FULL = "cannot be written (no space left on device)"  # fai.files' words for ENOSPC, lower case


@pytest.fixture(scope="module")
def templates():
    return batch.find_templates(TEST_TEMPLATES)


def probe_tasks(folder: Path, templates, codes=CODES) -> list[batch.Task]:
    folder.mkdir(parents=True, exist_ok=True)
    for i, code in enumerate(codes):
        (folder / f"r{i}.yaml").write_text(f'region: "{code}"\ntemplates: [probe]\n', encoding="utf-8")
    return batch.plan([folder], templates=templates)


def ok() -> TaskResult:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# probe")])
    return TaskResult(JobStatus.SUCCEEDED, seconds=0.01, notebook=nbformat.from_dict(nb))


def failed() -> TaskResult:
    return TaskResult.failure("ValueError", "the notebook raised", seconds=0.01)


class InstantWorkers:
    """Workers whose notebooks are done at once, in order: ``results[i]`` for the i-th submitted;
    ``before(i)`` is called just before the i-th is handed back."""

    name = "instant"

    def __init__(self, results: list[TaskResult], before: Callable[[int], None] | None = None) -> None:
        self.n = 1
        self.results = results
        self.before = before or (lambda i: None)
        self.submitted: list[int] = []
        self.closed = False

    def submit(self, spec: Any) -> int:
        self.submitted.append(len(self.submitted))
        return self.submitted[-1]

    def as_completed(self, handles):
        for handle in handles:
            self.before(handle)
            yield handle, self.results[handle]

    def finished(self, handles):
        return []

    def interrupt(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


class Write(NamedTuple):
    at: float  # time.monotonic()
    timer: bool  # written by the timer's thread, not run()'s


def summary_writes(monkeypatch, fail_at: set[int] | None = None) -> list[Write]:
    """Every summary.json write of run(), when and by which thread; the ones numbered in
    ``fail_at`` (1 = the first) meet a full disk, through fai.files as a real one would."""
    writes: list[Write] = []
    real = batch.write_summary

    def write_summary(out_dir: Path, summary):
        writes.append(Write(time.monotonic(), threading.current_thread() is not threading.main_thread()))
        if len(writes) in (fail_at or set()):
            def full(tmp: Path) -> None:
                raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
            return write_atomic(out_dir / batch.SUMMARY, full)  # raises fai.files' OutputError
        return real(out_dir, summary)

    monkeypatch.setattr(batch, "write_summary", write_summary)
    return writes


def listed(out: Path) -> dict:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {e["region_slug"]: e["status"] for e in summary["notebooks"]}


# --------------------------------------------------------------------------- the throttle (fast)
def test_reports_finishing_together_are_written_once_and_all_listed(tmp_path, templates, monkeypatch):
    monkeypatch.setattr(batch, "FLUSH_EVERY_S", 60.0)  # nothing is due before the end
    tasks = probe_tasks(tmp_path / "params", templates)
    writes = summary_writes(monkeypatch)
    out = tmp_path / "reports"
    workers = InstantWorkers([ok() for _ in tasks])
    outcome = batch.run(tasks, out, templates=templates, workers=workers)
    assert outcome.exit_code == 0 and workers.closed
    assert len(writes) == 2  # the listing at the start, the end: none of the 8 reports on its own
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [e["status"] for e in summary["notebooks"]] == ["succeeded"] * len(tasks)
    assert summary["run"]["finished"] and summary["run"]["profile"].get("flushes", 0) == 0
    assert (out / "index.html").read_text(encoding="utf-8").count('class="status succeeded"') == len(tasks)
    assert sorted(read_manifest(out).reports) == sorted(f"{t.region_slug}/probe" for t in tasks)


def test_a_report_finishing_soon_after_a_write_is_written_by_the_timer(tmp_path, templates, monkeypatch):
    monkeypatch.setattr(batch, "FLUSH_EVERY_S", 2.0)
    tasks = probe_tasks(tmp_path / "params", templates, CODES[:3])
    writes = summary_writes(monkeypatch)
    out = tmp_path / "reports"
    seen: list[dict] = []

    def before(i: int) -> None:
        if i == 2:  # the 2nd report came right after the 1st's write (a failure's, at once)
            deadline = time.monotonic() + 15
            while listed(out)["900001-east"] != "succeeded" and time.monotonic() < deadline:
                time.sleep(0.02)
            seen.append(listed(out))

    outcome = batch.run(tasks, out, templates=templates,
                        workers=InstantWorkers([failed(), ok(), ok()], before))
    assert outcome.exit_code == 1
    # the timer wrote it without waiting for the next report
    assert seen == [{"000000-china": "failed", "900001-east": "succeeded", "900002-central": "not run"}]
    assert [w.timer for w in writes] == [False, False, True, False]  # start, failure, timer, end
    assert writes[2].at - writes[1].at >= 2.0 * 0.99
    assert listed(out) == {"000000-china": "failed", "900001-east": "succeeded", "900002-central": "succeeded"}


def test_a_failed_report_is_written_at_once(tmp_path, templates, monkeypatch):
    monkeypatch.setattr(batch, "FLUSH_EVERY_S", 60.0)  # only a failure is written before the end
    tasks = probe_tasks(tmp_path / "params", templates, CODES[:3])
    writes = summary_writes(monkeypatch)
    out = tmp_path / "reports"
    seen: list[dict] = []

    def before(i: int) -> None:
        seen.append(listed(out))

    outcome = batch.run(tasks, out, templates=templates,
                        workers=InstantWorkers([ok(), failed(), ok()], before))
    assert outcome.exit_code == 1
    assert seen[1] == {"000000-china": "not run", "900001-east": "not run", "900002-central": "not run"}
    # the failure is on disk before the next report comes, with the success before it
    assert seen[2] == {"000000-china": "succeeded", "900001-east": "failed", "900002-central": "not run"}
    assert len(writes) == 3  # start, the failure, the end
    assert listed(out) == {"000000-china": "succeeded", "900001-east": "failed", "900002-central": "succeeded"}


# --------------------------------------------------------------------------- a full disk (fast)
def test_a_disk_full_at_the_summary_write_stops_the_run_cleanly(tmp_path, templates, monkeypatch):
    """The race of the tmpfs test in test_run.py, made exact: the disk is full just when the
    summary of the first report is written (fai.files raises OutputError, not OSError)."""
    monkeypatch.setattr(batch, "FLUSH_EVERY_S", 0.0)  # a write after every report
    tasks = probe_tasks(tmp_path / "params", templates, CODES[:4])
    writes = summary_writes(monkeypatch, fail_at={2})  # 1: the listing at the start
    out = tmp_path / "reports"
    outcome = batch.run(tasks, out, templates=templates, workers=InstantWorkers([ok() for _ in tasks]))
    assert outcome.exit_code == 2 and not outcome.interrupted
    assert isinstance(outcome.stopped, OutputError)
    assert str(outcome.stopped).startswith(f"{out / 'summary.json'}: {FULL} — expected free space")
    assert len(writes) == 3  # the last one, after the reserve was given back, went through
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["run"]["stopped"] == str(outcome.stopped) and summary["run"]["finished"]
    statuses = {e["region_slug"]: e["status"] for e in summary["notebooks"]}
    assert list(statuses.values()) == ["succeeded", "not run", "not run", "not run"]
    assert (out / "000000-china" / "probe.html").exists() and not list(out.rglob("*.tmp"))
    open_folder(out).close()  # the run let go of its folder


def test_a_timed_write_on_a_full_disk_stops_the_run_at_the_next_report(tmp_path, templates, monkeypatch):
    monkeypatch.setattr(batch, "FLUSH_EVERY_S", 1.0)
    tasks = probe_tasks(tmp_path / "params", templates, CODES[:4])
    writes = summary_writes(monkeypatch, fail_at={3})  # start, the failure, the timer's: full

    def before(i: int) -> None:
        deadline = time.monotonic() + 15
        while i == 2 and len(writes) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)

    out = tmp_path / "reports"
    outcome = batch.run(tasks, out, templates=templates,
                        workers=InstantWorkers([failed(), ok(), ok(), ok()], before))
    assert writes[2].timer and outcome.exit_code == 2 and FULL in str(outcome.stopped)
    assert listed(out) == {"000000-china": "failed", "900001-east": "succeeded",
                           "900002-central": "succeeded", "900003-west": "not run"}


def test_a_disk_full_at_the_first_listing_is_one_line_and_lets_go_of_the_folder(
        tmp_path, templates, monkeypatch):
    tasks = probe_tasks(tmp_path / "params", templates, CODES[:2])
    summary_writes(monkeypatch, fail_at={1})
    workers = InstantWorkers([ok() for _ in tasks])
    out = tmp_path / "reports"
    with pytest.raises(OutputError, match=rf"summary.json: {FULL.replace('(', '[(]').replace(')', '[)]')}"):
        batch.run(tasks, out, templates=templates, workers=workers)
    assert workers.closed
    open_folder(out).close()


def test_the_cli_says_a_full_disk_in_one_lower_case_line(tmp_path, templates, monkeypatch, capsys):
    monkeypatch.setattr(batch, "FLUSH_EVERY_S", 0.0)
    params = tmp_path / "params"
    probe_tasks(params, templates, CODES[:3])
    summary_writes(monkeypatch, fail_at={2})
    monkeypatch.setattr("fai.cli.run.start_workers", lambda *a, **k: InstantWorkers([ok(), ok(), ok()]))
    out = tmp_path / "reports"
    code = cli.main(["run", str(params), "--templates-dir", str(TEST_TEMPLATES), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.strip().splitlines()[-1] == (
        f"fai run: {out / 'summary.json'}: {FULL} — expected free space and a writable --out; "
        "the reports written so far are kept, run again to make the rest")
    assert "Traceback" not in err


# --------------------------------------------------------------------------- a real batch (slow)
@pytest.mark.slow
def test_a_real_batch_writes_at_most_once_a_second_and_lists_every_report(tmp_path, templates, monkeypatch):
    tasks = probe_tasks(tmp_path / "params", templates)
    writes = summary_writes(monkeypatch)
    out = tmp_path / "reports"
    outcome = batch.run(tasks, out, templates=templates, workers=2, timeout=120)
    assert outcome.exit_code == 0
    during = writes[1:-1]  # between the listing at the start and the end: after reports
    assert all(b.at - a.at >= batch.FLUSH_EVERY_S * 0.99 for a, b in zip(writes, during, strict=False))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["run"]["profile"].get("flushes", 0) == len(during) < len(tasks)
    assert [e["status"] for e in summary["notebooks"]] == ["succeeded"] * len(tasks)
    assert (out / "index.html").read_text(encoding="utf-8").count('class="status succeeded"') == len(tasks)
    assert sorted(read_manifest(out).reports) == sorted(f"{t.region_slug}/probe" for t in tasks)


def _children(pid: int) -> list[int]:
    kids = []
    for p in Path("/proc").iterdir():
        with contextlib.suppress(OSError, IndexError, ValueError):
            if p.name.isdigit() and int((p / "stat").read_text().split(") ")[1].split()[1]) == pid:
                kids.append(int(p.name))
    return kids


@pytest.mark.slow
def test_kill_9_of_the_driver_leaves_whole_files_a_second_behind_at_most(tmp_path):
    """What a crash of `fai run` leaves: every report that finished more than a second before
    is listed (the timer wrote the last ones, though no report came after them), the files
    parse, and the next run makes only what was not listed."""
    params = tmp_path / "params"
    params.mkdir()
    for i, code in enumerate(CODES[:6]):
        (params / f"r{i}.yaml").write_text(f'region: "{code}"\ntemplates: [probe]\n', encoding="utf-8")
    (params / "sleep.yaml").write_text('region: "150000"\ntemplates: [sleep]\nsleep: {seconds: 40}\n',
                                       encoding="utf-8")
    out = tmp_path / "reports"
    args = [*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES), "--out", str(out)]
    proc = subprocess.Popen([*args, "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path)
    workers: list[int] = []
    try:
        finished = []
        for line in proc.stdout:  # a line a report, as it finishes
            if "] succeeded" in line:
                finished.append(line.split()[-1])
            if len(finished) == 6:
                break
        time.sleep(3 * batch.FLUSH_EVERY_S)  # the sleep is running: no report finishes meanwhile
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        for pid in workers:  # they would end with the sleep; their SIGTERM kills their kernels
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        proc.kill()
        proc.communicate(timeout=30)
    assert not list(out.rglob("*.tmp"))  # nothing was being written when it died
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["run"]["finished"] is None  # it never ended
    assert {f"{slug}/probe" for slug, s in listed(out).items() if s == "succeeded"} == set(finished)
    assert listed(out)["150000-inner-mongolia"] == "not run"
    assert (out / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert sorted(read_manifest(out).reports) == sorted(finished)
    (params / "sleep.yaml").write_text('region: "150000"\ntemplates: [sleep]\nsleep: {seconds: 0.1}\n',
                                       encoding="utf-8")
    again = subprocess.run([*args, "--workers", "1"], capture_output=True, text=True, timeout=300,
                           cwd=tmp_path, check=False)
    assert again.returncode == 0, again.stderr
    run = json.loads((out / "summary.json").read_text(encoding="utf-8"))["run"]
    assert run["counts"] == {"succeeded": 1, "skipped": 0, "failed": 0, "up to date": 6}  # the sleep ran
