"""The report batch: run planned tasks, write reports, ``summary.json`` and ``index.html``.

The pipeline, one module a step: :func:`fai.batch.plan.plan` turns params files
× templates into validated tasks; :func:`run` hands each to
:func:`fai.batch.execute.execute_task` (a warm kernel of :mod:`fai.batch.kernel`)
on the workers of :mod:`fai.batch.pool` (a process pool or Dask); as each
finishes, :mod:`fai.batch.outputs` writes ``<out>/<region_slug>/<topic>.ipynb``
and ``.html``, and :mod:`fai.batch.summary` and :mod:`fai.batch.index` keep
``summary.json`` and ``index.html`` up to date — all atomically.

>>> tasks = plan(["params/"])                      # doctest: +SKIP
>>> outcome = run(tasks, "reports", workers=2)     # doctest: +SKIP
>>> outcome.exit_code                              # doctest: +SKIP
0
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.batch.execute import TaskSpec
from fai.batch.index import INDEX, write_index  # noqa: F401 - INDEX re-exported
from fai.batch.kernel import KERNEL_NAME, KernelSpec
from fai.batch.outputs import write_report
from fai.batch.plan import (  # noqa: F401 - re-exported: fai.batch.run is the batch's one entry point
    Task,
    Template,
    find_templates,
    params_files,
    plan,
    project_path,
    read_yaml,
    region_identity,
    safe_slug,
)
from fai.batch.pool import Workers, start_workers
from fai.batch.results import JobStatus, TaskResult
from fai.batch.summary import (  # noqa: F401 - re-exported
    SUMMARY,
    ReportEntry,
    Summary,
    entry_for,
    only_failed,
    order_by_previous,
    read_summary,
    write_summary,
)
from fai.reports import html as report_html

STATUSES = (JobStatus.SUCCEEDED, JobStatus.SKIPPED, JobStatus.FAILED)


@dataclass
class Outcome:
    """What :func:`run` did: the summary rows of this run and the exit code."""

    entries: list[ReportEntry]
    interrupted: bool
    seconds: float

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: sum(e.status is s for e in self.entries) for s in STATUSES}

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if any(e.status is JobStatus.FAILED for e in self.entries) else 0


def kernel_spec(templates: dict[str, Template], *, kernel_name: str = KERNEL_NAME,
                fresh: bool = False) -> KernelSpec:
    """What every worker kernel is started with: kernel, folder, the templates' imports."""
    folders = {str(t.path.parent) for t in templates.values()}
    return KernelSpec(kernel_name=kernel_name, cwd=folders.pop() if len(folders) == 1 else "",
                      imports=tuple(dict.fromkeys(m for t in templates.values() for m in t.imports)),
                      warm=not fresh)


def task_spec(task: Task, template: Template, kernel: KernelSpec, timeout: float) -> TaskSpec:
    """The worker's job for ``task``."""
    return TaskSpec(notebook=template.source, parameters=dict(task.parameters), kernel=kernel,
                    timeout=timeout, headline="headline_path" in template.parameters,
                    label=f"{task.region_slug}-{task.template}")


class _Folder:
    """The output folder: each finished report's files, then the summary and the index."""

    def __init__(self, out_dir: Path, templates: dict[str, Template], previous: Summary | None,
                 run_info: dict[str, Any]) -> None:
        self.out_dir = out_dir
        self.templates = templates
        self.entries: dict[tuple[str, str], ReportEntry] = {}
        self.run_info = run_info
        self.previous = {e.key: e for e in (previous.entries if previous else [])
                         if e.html and (out_dir / e.html).exists()}

    def record(self, task: Task, result: TaskResult) -> ReportEntry:
        write_report(self.out_dir, task, result)
        entry = entry_for(task, result, self.out_dir)
        self.entries[task.key] = entry
        self.flush()
        return entry

    def all_entries(self) -> list[ReportEntry]:
        return list({**self.previous, **self.entries}.values())

    def flush(self, final: bool = False) -> None:
        entries = self.all_entries()
        counts = {s.value: sum(e.status is s for e in self.entries.values()) for s in STATUSES}
        info = {**self.run_info, "finished": _now() if final else None, "counts": counts}
        write_summary(self.out_dir, Summary(info, entries))
        write_index(self.out_dir, entries, list(self.templates))


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C is ignored inside (clean-up must finish); a no-op outside the main thread."""
    try:
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def run(
    tasks: Sequence[Task],
    out_dir: str | Path = "reports",
    *,
    templates: dict[str, Template] | None = None,
    workers: int | Workers | None = None,
    timeout: float = 0,
    scheduler: str | None = None,
    kernel_name: str = KERNEL_NAME,
    fresh_kernels: bool = False,
    previous: Summary | None = None,
    progress: Callable[[int, int, Task, ReportEntry], None] | None = None,
) -> Outcome:
    """Run ``tasks``; write reports, ``summary.json`` and ``index.html`` under ``out_dir``.

    ``workers`` is a count (default: the CPU count) or workers already started
    with :func:`fai.batch.pool.start_workers` (then closed here); ``timeout`` is per
    notebook (seconds, 0 = none); ``scheduler`` is ``None`` (process pool),
    ``"local"`` (a Dask LocalCluster) or a Dask scheduler address.
    ``progress(done, total, task, entry)`` is called after each notebook.
    Ctrl-C (or SIGTERM) stops the run: finished reports are kept, the rest are
    recorded as failed.
    """
    templates = templates if templates is not None else find_templates()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    kernel = kernel_spec(templates, kernel_name=kernel_name, fresh=fresh_kernels)
    specs = [task_spec(t, templates[t.template], kernel, timeout) for t in tasks]
    count = workers if isinstance(workers, int) else None
    count = max(1, min(int(count or os.cpu_count() or 1), max(len(tasks), 1)))
    run_info = {"started": _now(), "workers": count,
                "scheduler": scheduler or "processes", "kernel": kernel_name,
                "fresh_kernels": fresh_kernels, "timeout": timeout, "notebooks": len(tasks),
                "interrupted": False}
    folder = _Folder(out, templates, previous if previous is not None else read_summary(out), run_info)
    started = time.monotonic()
    done: list[ReportEntry] = []

    def finish(task: Task, result: TaskResult) -> None:
        entry = folder.record(task, result)
        done.append(entry)
        if progress:
            progress(len(done), len(tasks), task, entry)

    interrupted = False
    previous_term = signal.getsignal(signal.SIGTERM)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # ValueError: not the main thread
        signal.signal(signal.SIGTERM, on_term)
    pool: Workers | None = workers if isinstance(workers, Workers) else None
    handles: dict[Any, int] = {}
    handled: set[Any] = set()
    try:
        if tasks:
            if pool is None:
                pool = start_workers(kernel, count, scheduler)
            folder.run_info.update(workers=getattr(pool, "n", count), workers_backend=pool.name)
            for i, spec in enumerate(specs):
                handles[pool.submit(spec)] = i
            report_html.prepare()  # the HTML exporter, built while the kernels warm up
            for handle, result in pool.as_completed(list(handles)):
                handled.add(handle)
                finish(tasks[handles[handle]], result)
    except KeyboardInterrupt:
        interrupted = True
        with _sigint_ignored():
            if pool is not None:
                pool.interrupt()
                for handle, result in pool.finished(list(handles)):
                    if handle not in handled:  # finished while we were stopping: keep it
                        handled.add(handle)
                        finish(tasks[handles[handle]], result)
    finally:
        with _sigint_ignored():
            if pool is not None:
                pool.close()
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGTERM, previous_term)
            if interrupted:
                for task in tasks:
                    if task.key not in folder.entries:
                        finish(task, TaskResult.failure(
                            "KeyboardInterrupt", "the run was interrupted before this notebook finished"))
            folder.run_info.update(interrupted=interrupted, seconds=round(time.monotonic() - started, 3))
            folder.flush(final=True)
    return Outcome(done, interrupted, time.monotonic() - started)
