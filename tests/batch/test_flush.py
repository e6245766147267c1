"""`fai run` writing summary.json, index.html and manifest.json while reports finish.

A disk that fills up during one of those writes stops the run cleanly, its message
worded like every other (the system's reason in lower case). The tests run
:func:`fai.batch.run.run` on workers of our own whose notebooks finish at once (no
kernel).
"""

from __future__ import annotations

import errno
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest

from fai import cli
from fai.batch import run as batch
from fai.batch.folder import open_folder
from fai.batch.results import JobStatus, TaskResult
from fai.errors import OutputError
from fai.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
TEST_TEMPLATES = ROOT / "tests" / "notebooks"
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


def summary_writes(monkeypatch, fail_at: set[int] | None = None) -> list[float]:
    """Count (and time) every summary.json write of run(); the ones numbered in ``fail_at``
    (1 = the first) meet a full disk, through fai.files as a real one would."""
    writes: list[float] = []
    real = batch.write_summary

    def write_summary(out_dir: Path, summary):
        writes.append(time.monotonic())
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


# --------------------------------------------------------------------------- a full disk (fast)
def test_a_disk_full_at_the_summary_write_stops_the_run_cleanly(tmp_path, templates, monkeypatch):
    """The race of the tmpfs test in test_run.py, made exact: the disk is full just when the
    summary of the first report is written (fai.files raises OutputError, not OSError)."""
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
