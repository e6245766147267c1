"""The report batch: run planned tasks, write reports, ``summary.json`` and ``index.html``.

:func:`fai.batch.plan.plan` turns params files × templates into validated tasks;
:func:`run` hands each to :func:`fai.batch.kernel.execute_task` on the workers of
:mod:`fai.batch.pool` (a process pool or Dask), writes
``<out>/<region_slug>/<topic>.ipynb`` and ``.html`` as each finishes, and keeps
``summary.json`` and ``index.html`` up to date — all atomically.

>>> tasks = plan(["params/"])                      # doctest: +SKIP
>>> outcome = run(tasks, "reports", workers=2)     # doctest: +SKIP
>>> outcome.exit_code                              # doctest: +SKIP
0
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.batch.plan import (  # noqa: F401 - re-exported: fai.batch is the batch's one entry point
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
from fai.batch.pool import Workers
from fai.errors import ParameterError

SUMMARY = "summary.json"
INDEX = "index.html"
STATUSES = ("succeeded", "skipped", "failed")


# --------------------------------------------------------------------------- summary
def summary_entry(task: Task, result: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """One row of ``summary.json`` (paths relative to the output folder)."""
    error = None
    if result.get("ename"):
        error = {"ename": result["ename"], "evalue": result.get("evalue"), "cell": result.get("cell")}
    html_rel = f"{task.region_slug}/{task.template}.html"
    nb_rel = f"{task.region_slug}/{task.template}.ipynb"
    return {
        "region": task.region, "region_code": task.region_code, "region_name": task.region_name,
        "region_slug": task.region_slug, "template": task.template, "params_file": task.params_file,
        "status": result["status"], "seconds": result.get("seconds"),
        "html": html_rel if (out_dir / html_rel).exists() else None,
        "ipynb": nb_rel if (out_dir / nb_rel).exists() else None,
        "headline": result.get("headline"), "error": error, "worker": result.get("worker"),
    }


def read_summary(out_dir: str | Path) -> dict[str, Any] | None:
    """The previous run's ``summary.json`` in ``out_dir`` (None when absent or unreadable)."""
    path = Path(out_dir) / SUMMARY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("notebooks"), list) else None


def only_failed(tasks: Sequence[Task], summary: dict[str, Any] | None, out_dir: Path) -> list[Task]:
    """The tasks whose entry failed in the previous summary (``--only-failed``)."""
    if summary is None:
        raise ParameterError(f"--only-failed: no previous run in {out_dir / SUMMARY} — run without it first")
    failed = {(e["region_slug"], e["template"]) for e in summary["notebooks"] if e.get("status") == "failed"}
    return [t for t in tasks if t.key in failed]


def order_by_previous(tasks: Sequence[Task], summary: dict[str, Any] | None) -> list[Task]:
    """Longest first by the previous run's seconds (shorter makespan); new tasks keep their order."""
    if not summary:
        return list(tasks)
    seconds = {(e["region_slug"], e["template"]): e.get("seconds") or 0.0 for e in summary["notebooks"]}
    return sorted(tasks, key=lambda t: -float(seconds.get(t.key, 1e9)))


# --------------------------------------------------------------------------- running
@dataclass
class Outcome:
    """What :func:`run` did: the summary rows of this run and the exit code."""

    entries: list[dict[str, Any]]
    interrupted: bool
    seconds: float

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(e["status"] == s for e in self.entries) for s in STATUSES}

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if any(e["status"] == "failed" for e in self.entries) else 0


def warm_spec(templates: dict[str, Template], *, kernel_name: str = "python3",
              fresh: bool = False) -> dict[str, Any]:
    """What every worker kernel is started with: kernel, folder, the templates' imports."""
    folders = {str(t.path.parent) for t in templates.values()}
    return {"kernel_name": kernel_name, "cwd": folders.pop() if len(folders) == 1 else "",
            "imports": tuple(dict.fromkeys(m for t in templates.values() for m in t.imports)),
            "fresh": fresh}


def _spec(task: Task, template: Template, warm: dict[str, Any], timeout: float) -> dict[str, Any]:
    return {**warm, "notebook": template.source, "parameters": dict(task.parameters),
            "timeout": timeout, "headline": "headline_path" in template.parameters,
            "label": f"{task.region_slug}-{task.template}"}


class _Writer:
    """Writes each finished notebook's files, the summary and the index (atomically)."""

    def __init__(self, out_dir: Path, templates: dict[str, Template], previous: dict[str, Any] | None,
                 run_info: dict[str, Any]) -> None:
        self.out_dir = out_dir
        self.templates = templates
        self.entries: dict[tuple[str, str], dict[str, Any]] = {}
        self.run_info = run_info
        self.previous: dict[tuple[str, str], dict[str, Any]] = {}
        for e in (previous or {}).get("notebooks", []):
            if e.get("html") and (out_dir / e["html"]).exists():
                self.previous[(e["region_slug"], e["template"])] = e

    def path_of(self, task: Task, suffix: str) -> Path:
        path = (self.out_dir / task.region_slug / f"{task.template}{suffix}").resolve()
        if self.out_dir.resolve() not in path.parents:
            raise ParameterError(f"{task.params_file}: report path {path} is outside {self.out_dir}")
        return path

    def record(self, task: Task, result: dict[str, Any]) -> dict[str, Any]:
        import nbformat

        from fai.files import write_text_atomic
        from fai.reports import html as report

        topic = report.TOPIC_LABEL.get(task.template)
        title = f"{task.region_name} · " + (f"{topic} ({task.template})" if topic else task.template)
        error = ""
        if result.get("ename"):
            cell = result.get("cell")
            where = f"（第 {cell} 个代码单元格 / code cell {cell}）" if cell is not None else ""
            error = f"{result['ename']}: {result.get('evalue') or ''}{where}"
        nb = nbformat.from_dict(result["notebook"]) if result.get("notebook") else None
        html = report.export_html(nb or nbformat.v4.new_notebook(), title=title,
                                  status=result["status"], error=error, parameters=task.parameters)
        if nb is not None:
            write_text_atomic(self.path_of(task, ".ipynb"), _ipynb_text(nb))
        else:
            self.path_of(task, ".ipynb").unlink(missing_ok=True)
        write_text_atomic(self.path_of(task, ".html"), html)
        entry = summary_entry(task, result, self.out_dir)
        self.entries[task.key] = entry
        self.flush()
        return entry

    def all_entries(self) -> list[dict[str, Any]]:
        merged = {**self.previous, **self.entries}
        return list(merged.values())

    def flush(self, final: bool = False) -> None:
        from fai.files import write_text_atomic
        from fai.reports import html as report

        entries = self.all_entries()
        info = {**self.run_info, "finished": _now() if final else None,
                "counts": {s: sum(e["status"] == s for e in self.entries.values()) for s in STATUSES}}
        summary = {"run": info, "notebooks": entries}
        write_text_atomic(self.out_dir / SUMMARY,
                          json.dumps(summary, ensure_ascii=False, indent=1, default=str) + "\n")
        topics = list(dict.fromkeys([*self.templates, *(e["template"] for e in entries)]))
        write_text_atomic(self.out_dir / INDEX, report.render_index(_index_order(entries), templates=topics))


def _ipynb_text(nb: Any) -> str:
    """The notebook as nbformat writes it (consumes ``nb``: no copy, no second validation)."""
    from nbformat.v4.rwbase import split_lines, strip_transient

    text = json.dumps(strip_transient(split_lines(nb)), sort_keys=True, indent=1,
                      separators=(",", ": "), ensure_ascii=False)
    return text + "\n"


def _index_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from fai.model import regions

    order = {code: i for i, code in enumerate(regions.registry()["region_code"])}
    return sorted(entries, key=lambda e: (order.get(e.get("region_code") or "", len(order)),
                                          e.get("region_slug", "")))


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
    kernel_name: str = "python3",
    fresh_kernels: bool = False,
    previous: dict[str, Any] | None = None,
    progress: Callable[[int, int, Task, dict[str, Any]], None] | None = None,
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
    from fai.batch.pool import start_workers

    templates = templates if templates is not None else find_templates()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    warm = warm_spec(templates, kernel_name=kernel_name, fresh=fresh_kernels)
    specs = [_spec(t, templates[t.template], warm, timeout) for t in tasks]
    count = workers if isinstance(workers, int) else None
    count = max(1, min(int(count or os.cpu_count() or 1), max(len(tasks), 1)))
    run_info = {"started": _now(), "workers": count,
                "scheduler": scheduler or "processes", "kernel": kernel_name,
                "fresh_kernels": fresh_kernels, "timeout": timeout, "notebooks": len(tasks),
                "interrupted": False}
    writer = _Writer(out, templates, previous if previous is not None else read_summary(out), run_info)
    started = time.monotonic()
    done: list[dict[str, Any]] = []

    def finish(task: Task, result: dict[str, Any]) -> None:
        entry = writer.record(task, result)
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
            from fai.reports import html as report

            if pool is None:
                pool = start_workers(warm, count, scheduler)
            writer.run_info.update(workers=getattr(pool, "n", count), workers_backend=pool.name)
            for i, spec in enumerate(specs):
                handles[pool.submit(spec)] = i
            report.prepare()  # the HTML exporter, built while the kernels warm up
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
                    if task.key not in writer.entries:
                        finish(task, {"status": "failed", "ename": "KeyboardInterrupt",
                                      "evalue": "the run was interrupted before this notebook finished",
                                      "seconds": None})
            writer.run_info.update(interrupted=interrupted, seconds=round(time.monotonic() - started, 3))
            writer.flush(final=True)
    return Outcome(done, interrupted, time.monotonic() - started)
