"""``summary.json``: one row per report in the output folder, and what the last run did.

A :class:`ReportEntry` is one report (region × template): its status, time,
files (relative to the output folder), headline figures and error. The
summary is read back by the next run: ``--only-failed`` picks the failed
rows, and the longest notebooks are started first.

>>> entry = ReportEntry(region="110000", region_code="110000", region_name="北京市",
...     region_slug="110000-beijing", template="growth", params_file="params/110000-beijing.yaml",
...     status=JobStatus.SUCCEEDED, seconds=2.1)
>>> entry.key, entry.to_json()["status"]
(('110000-beijing', 'growth'), 'succeeded')
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fai.batch.plan import Task
from fai.batch.results import JobStatus, TaskError, TaskResult
from fai.errors import ParameterError
from fai.files import write_text_atomic

SUMMARY = "summary.json"


@dataclass
class ReportEntry:
    """One row of ``summary.json``."""

    region: str
    region_code: str
    region_name: str
    region_slug: str
    template: str
    params_file: str
    status: JobStatus
    seconds: float | None = None
    html: str | None = None
    ipynb: str | None = None
    headline: dict[str, Any] | None = None
    error: TaskError | None = None
    worker: str | None = None
    kept: JobStatus | None = None  # not run / up to date: the status of the report whose files stay

    @property
    def key(self) -> tuple[str, str]:
        return (self.region_slug, self.template)

    @property
    def shown_status(self) -> JobStatus:
        """The status of the report file in the folder (a kept report's own status)."""
        return self.kept or self.status

    def to_json(self) -> dict[str, Any]:
        return {
            "region": self.region, "region_code": self.region_code, "region_name": self.region_name,
            "region_slug": self.region_slug, "template": self.template,
            "params_file": self.params_file, "status": self.status.value, "seconds": self.seconds,
            "html": self.html, "ipynb": self.ipynb, "headline": self.headline,
            "error": self.error.to_dict() if self.error else None, "worker": self.worker,
            "kept": self.kept.value if self.kept else None,
        }

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> ReportEntry:
        text = {k: str(row.get(k) or "") for k in ("region", "region_code", "region_name",
                                                    "region_slug", "template", "params_file")}
        headline = row.get("headline")
        return cls(**text, status=JobStatus.of(str(row.get("status"))), seconds=row.get("seconds"),
                   html=row.get("html"), ipynb=row.get("ipynb"),
                   headline=headline if isinstance(headline, dict) else None,
                   error=TaskError.from_dict(row.get("error")), worker=row.get("worker"),
                   kept=JobStatus.of(str(row["kept"])) if row.get("kept") else None)


def entry_for(task: Task, result: TaskResult, out_dir: Path) -> ReportEntry:
    """The summary row of ``task`` after ``result`` (files listed when they exist)."""
    html_rel = f"{task.region_slug}/{task.template}.html"
    nb_rel = f"{task.region_slug}/{task.template}.ipynb"
    return ReportEntry(
        region=task.region, region_code=task.region_code, region_name=task.region_name,
        region_slug=task.region_slug, template=task.template, params_file=task.params_file,
        status=result.status, seconds=result.seconds,
        html=html_rel if (out_dir / html_rel).exists() else None,
        ipynb=nb_rel if (out_dir / nb_rel).exists() else None,
        headline=result.headline, error=result.error, worker=result.worker,
    )


def kept_entry(task: Task, status: JobStatus, previous: ReportEntry | None, out_dir: Path) -> ReportEntry:
    """The row of a report this run did not make (``not run``, ``up to date``): the files,
    headline and status of its previous report stay, when they are still in the folder."""
    entry = ReportEntry(region=task.region, region_code=task.region_code, region_name=task.region_name,
                        region_slug=task.region_slug, template=task.template,
                        params_file=task.params_file, status=status)
    if previous is not None and previous.html and (out_dir / previous.html).exists():
        entry.html = previous.html
        entry.ipynb = previous.ipynb if previous.ipynb and (out_dir / previous.ipynb).exists() else None
        entry.headline, entry.seconds = previous.headline, previous.seconds
        entry.error, entry.worker = previous.error, previous.worker
        entry.kept = previous.shown_status
    return entry


def still_there(entry: ReportEntry, out_dir: Path) -> bool:
    """Is a previous row still worth listing: its report is in the folder, or its params file
    still asks for it (a report that never ran keeps its ``not run`` row)."""
    if entry.html and (out_dir / entry.html).exists():
        return True
    return bool(entry.params_file) and Path(entry.params_file).exists()


@dataclass
class Summary:
    """A ``summary.json``: the run's facts and every report's row."""

    run: dict[str, Any] = field(default_factory=dict)
    entries: list[ReportEntry] = field(default_factory=list)

    def by_key(self) -> dict[tuple[str, str], ReportEntry]:
        return {e.key: e for e in self.entries}

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run, "notebooks": [e.to_json() for e in self.entries]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        rows = [r for r in data.get("notebooks", []) if isinstance(r, Mapping)]
        run = data.get("run")
        return cls(run=dict(run) if isinstance(run, Mapping) else {},
                   entries=[ReportEntry.from_json(r) for r in rows])


def read_summary(out_dir: str | Path) -> Summary | None:
    """The previous run's ``summary.json`` in ``out_dir`` (None when absent or unreadable)."""
    path = Path(out_dir) / SUMMARY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("notebooks"), list):
        return None
    return Summary.from_json(data)


def write_summary(out_dir: Path, summary: Summary) -> Path:
    """Write ``summary.json`` atomically."""
    text = json.dumps(summary.to_json(), ensure_ascii=False, indent=1, default=str) + "\n"
    return write_text_atomic(out_dir / SUMMARY, text)


def only_failed(tasks: Sequence[Task], summary: Summary | None, out_dir: Path) -> list[Task]:
    """The tasks whose entry failed or did not run in the previous summary (``--only-failed``)."""
    if summary is None:
        raise ParameterError(f"--only-failed: no previous run in {out_dir / SUMMARY} — run without it first")
    failed = {e.key for e in summary.entries if e.status in (JobStatus.FAILED, JobStatus.NOT_RUN)}
    return [t for t in tasks if t.key in failed]


def order_by_previous(tasks: Sequence[Task], summary: Summary | None) -> list[Task]:
    """Longest first by the previous run's seconds (shorter makespan); new tasks keep their order."""
    if not summary:
        return list(tasks)
    seconds = {e.key: e.seconds or 0.0 for e in summary.entries}
    return sorted(tasks, key=lambda t: -float(seconds.get(t.key, 1e9)))
