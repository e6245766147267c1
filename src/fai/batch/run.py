"""The report batch: run planned tasks, write reports, ``summary.json`` and ``index.html``.

The pipeline, one module a step: :func:`fai.batch.plan.plan` turns params files
× templates into validated tasks; :func:`run` hands each to
:func:`fai.batch.execute.execute_task` (a warm kernel of :mod:`fai.batch.kernel`)
on the workers of :mod:`fai.batch.pool` (a process pool or Dask); as each
finishes, :mod:`fai.batch.outputs` writes ``<out>/<region_slug>/<topic>.ipynb``
and ``.html`` (:mod:`fai.batch.pdf` a PDF), and :mod:`fai.batch.summary` and
:mod:`fai.batch.index` keep ``summary.json`` and ``index.html`` up to date —
all atomically, in a folder locked and checked by :mod:`fai.batch.folder`.

Nothing already written is lost: the summary lists every report of the folder
from the start (this run's not yet made ones as ``not run``, keeping their
previous files); Ctrl-C leaves the unfinished ones so; a disk that fills up
stops the run with the summary still whole (a reserve file makes room for it).

The summary, the index and ``manifest.json`` are written again as reports
finish, but at most once every :data:`FLUSH_EVERY_S` (each write costs the
driver ~20-35 ms of the CPU the kernels run on): a report finishing sooner after
the last write is written with the next one, or by a timer once the interval is
up; a failed report, the first listing and the end are written at once. A crash
(``kill -9`` of ``fai run``) therefore leaves whole files (each is written
atomically) listing at most about a second less than had finished: a report
written but not yet listed shows as ``not run`` (its file may already be the
new one), and, since the manifest lags the same way, it is made again by the
next run — never taken as ``up to date`` when it is not (the manifest is
written before the summary, and records a report only after its files).

>>> tasks = plan(["params/"])                      # doctest: +SKIP
>>> outcome = run(tasks, "reports", workers=2)     # doctest: +SKIP
>>> outcome.exit_code                              # doctest: +SKIP
0
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.batch.cache import Tables
from fai.batch.execute import TaskSpec
from fai.batch.fingerprint import Fingerprints
from fai.batch.folder import OutputFolder, open_folder
from fai.batch.index import INDEX, write_index  # noqa: F401 - INDEX re-exported
from fai.batch.kernel import KERNEL_NAME, KernelSpec
from fai.batch.manifest import MANIFEST, Manifest, read_manifest, write_manifest  # noqa: F401 - MANIFEST
from fai.batch.outputs import write_report
from fai.batch.pdf import PdfPrinter, find_chromium
from fai.batch.plan import (  # noqa: F401 - re-exported: fai.batch.run is the batch's one entry point
    Task,
    Template,
    data_facts,
    find_templates,
    params_files,
    plan,
    project_path,
    read_yaml,
    region_identity,
    safe_slug,
)
from fai.batch.pool import Workers, kernel_spec, start_workers
from fai.batch.results import JobStatus, TaskError, TaskResult
from fai.batch.summary import (  # noqa: F401 - re-exported
    SUMMARY,
    ReportEntry,
    Summary,
    entry_for,
    kept_entry,
    only_failed,
    order_by_previous,
    read_summary,
    still_there,
    write_summary,
)
from fai.errors import OutputError, os_reason
from fai.reports import html as report_html


@dataclass
class Outcome:
    """What :func:`run` did: this run's summary rows, and why it stopped early if it did."""

    entries: list[ReportEntry]
    interrupted: bool
    seconds: float
    stopped: OutputError | None = None  # the disk filled up (or the folder broke) mid-batch
    pdf_problems: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return count_statuses(self.entries)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        if self.stopped is not None:
            return 2
        return 1 if any(e.status is JobStatus.FAILED for e in self.entries) or self.pdf_problems else 0


def task_spec(task: Task, template: Template, kernel: KernelSpec, timeout: float) -> TaskSpec:
    """The worker's job for ``task``."""
    return TaskSpec(notebook=template.source, parameters=dict(task.parameters), kernel=kernel,
                    timeout=timeout, headline="headline_path" in template.parameters,
                    label=f"{task.region_slug}-{task.template}", source=template.path.name)


def _manifest_key(task: Task) -> str:
    return f"{task.region_slug}/{task.template}"


def count_statuses(entries: Sequence[ReportEntry]) -> dict[str, int]:
    """Reports by status: succeeded, skipped and failed always; not run and up to date when any."""
    counts = {s.value: sum(e.status is s for e in entries) for s in JobStatus}
    return {k: n for k, n in counts.items() if n or k in ("succeeded", "skipped", "failed")}


# The summary, index and manifest are written again at most once a second while reports finish:
# each write costs the driver ~20-35 ms (the default batch's 90 writes took ~2-3 s of the CPU its
# kernels run on), and a second's lag is all a crash of the driver can lose (see the module's doc).
FLUSH_EVERY_S = 1.0


class _Record:
    """Every report of the folder: the previous rows, this run's, written by :class:`_Flusher`."""

    def __init__(self, out_dir: Path, templates: dict[str, Template], previous: Summary | None,
                 run_info: dict[str, Any], tasks: Sequence[Task], manifest: Manifest) -> None:
        self.out_dir = out_dir
        self.manifest = manifest
        self.templates = templates
        self.run_info = run_info
        self.previous = {e.key: e for e in (previous.entries if previous else [])
                         if still_there(e, out_dir)}
        self.tasks = {t.key: t for t in tasks}
        self.entries: dict[tuple[str, str], ReportEntry] = {}  # this run's, as they come

    def keep(self, task: Task, status: JobStatus) -> ReportEntry:
        """A report this run does not make: its previous files stay (``not run``, ``up to date``)."""
        return self.note(kept_entry(task, status, self.previous.get(task.key), self.out_dir))

    def note(self, entry: ReportEntry) -> ReportEntry:
        self.entries[entry.key] = entry
        return entry

    def up_to_date(self, task: Task, inputs: dict[str, str]) -> bool:
        """Is the report in the folder the one these inputs make (and whole)?"""
        previous = self.previous.get(task.key)
        usable = previous is not None and previous.html is not None and previous.shown_status in (
            JobStatus.SUCCEEDED, JobStatus.SKIPPED)
        return usable and not self.manifest.why(_manifest_key(task), inputs, self.out_dir)

    def this_run(self) -> list[ReportEntry]:
        """This run's rows; a task not done (yet) is ``not run``."""
        return [self.entries.get(key) or kept_entry(task, JobStatus.NOT_RUN, self.previous.get(key),
                                                    self.out_dir)
                for key, task in self.tasks.items()]

    def flush(self, final: bool = False) -> None:
        current = self.this_run()
        merged = {**self.previous, **{e.key: e for e in current}}
        counts = count_statuses(current)
        info = {**self.run_info, "finished": _now() if final else None, "counts": counts}
        write_manifest(self.out_dir, self.manifest)
        write_summary(self.out_dir, Summary(info, list(merged.values())))
        write_index(self.out_dir, list(merged.values()), list(self.templates), final=final)


class _Flusher:
    """Writes the record's files (:meth:`_Record.flush`) at most every ``every`` seconds.

    :meth:`soon` (after a report) writes now if the interval is up, or else starts a timer
    that writes once it is (so nothing waits for the next report); :meth:`now` writes at once.
    ``lock`` guards the record: the caller holds it to change the record and to call either.
    A write of the timer that fails keeps its error in ``error`` for the caller to raise;
    :meth:`close` stops the timer before the last write.
    """

    def __init__(self, record: _Record, profile: dict[str, float], every: float) -> None:
        self.record = record
        self.profile = profile  # flush_s and flushes: the writes while reports ran
        self.every = every
        self.lock = threading.Lock()
        self.last = -math.inf  # time.monotonic() of the last write
        self.timer: threading.Timer | None = None
        self.error: OSError | OutputError | None = None
        self.closed = False

    def now(self, final: bool = False, count: bool = True) -> None:
        """Write the files now (the lock held); a pending timer has nothing left to do."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        started = time.perf_counter()
        try:
            self.record.flush(final=final)
        finally:
            self.last = time.monotonic()
            if count:
                self.profile["flush_s"] = self.profile.get("flush_s", 0.0) + time.perf_counter() - started
                self.profile["flushes"] = self.profile.get("flushes", 0) + 1

    def soon(self) -> None:
        """After a report (the lock held): write now if ``every`` has passed since the last
        write, else once it has."""
        wait = self.last + self.every - time.monotonic()
        if wait <= 0:
            self.now()
        elif self.timer is None and not self.closed:
            self.timer = threading.Timer(wait, self._late)
            self.timer.daemon = True
            self.timer.start()

    def _late(self) -> None:
        with self.lock:
            if self.closed or self.timer is not threading.current_thread():
                return  # written meanwhile, or the run is ending
            self.timer = None
            try:
                self.now()
            except (OSError, OutputError) as exc:
                self.error = self.error or exc

    def close(self) -> None:
        """No more timed writes (waits for one being written)."""
        with self.lock:
            self.closed = True
            timer, self.timer = self.timer, None
        if timer is not None:
            timer.cancel()
            if timer is not threading.current_thread():
                timer.join()


class _DiskProblem(Exception):
    """A report's files could not be written: the run stops."""

    def __init__(self, error: OutputError) -> None:
        super().__init__(str(error))
        self.error = error


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


def _write_problem(exc: OSError | OutputError, where: Path) -> OutputError:
    """The stop of a run that could not write a file: an OS error of a report's files, or the
    :class:`OutputError` of :mod:`fai.files` (summary, index, manifest) — the same disk problem,
    worded alike (the system's reason in lower case, :func:`fai.errors.os_reason`)."""
    if isinstance(exc, OutputError):
        file, found = exc.file or str(where), exc.found
    else:
        file, found = str(exc.filename or where), f"cannot be written ({os_reason(exc)})"
    return OutputError(file=file, where="", found=found,
                       expected="free space and a writable --out; the reports written so far are kept, "
                       "run again to make the rest")


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
    folder: OutputFolder | None = None,
    pdf: bool = False,
    force: bool = False,
    tables: Tables | None = None,
) -> Outcome:
    """Run ``tasks``; write reports, ``summary.json`` and ``index.html`` under ``out_dir``.

    ``workers`` is a count (default: the CPU count) or workers already started
    with :func:`fai.batch.pool.start_workers` (then closed here); ``timeout`` is per
    notebook (seconds, 0 = none); ``scheduler`` is ``None`` (process pool),
    ``"local"`` (a Dask LocalCluster) or a Dask scheduler address.
    ``progress(done, total, task, entry)`` is called after each notebook.
    ``folder`` is ``out_dir`` already opened with :func:`fai.batch.folder.open_folder`
    (then closed here); ``pdf`` prints a PDF beside each HTML.
    A report whose inputs (:mod:`fai.batch.fingerprint`, over ``tables``) and
    files are those ``manifest.json`` recorded is ``up to date`` and not run
    again, unless ``force``.
    Ctrl-C (or SIGTERM) stops the run: finished reports are kept, the others
    keep their previous files and are ``not run``. Raises
    :class:`~fai.errors.OutputError` before anything runs when the folder cannot
    hold the batch, or is being written by another run.
    """
    templates = templates if templates is not None else find_templates()
    out = Path(out_dir)
    pool: Workers | None = workers if isinstance(workers, Workers) else None
    started = time.monotonic()
    try:
        folder = folder or open_folder(out)
        manifest = read_manifest(out)
        tables = tables or Tables(manifest.cache)
        fingerprints = Fingerprints(templates, tables, kernel_name)
        inputs = {t.key: fingerprints.inputs(t) for t in tasks}
        manifest.cache = tables.for_manifest()
        record = _Record(out, templates, previous if previous is not None else read_summary(out), {},
                         tasks, manifest)
        fresh_keys = set() if force else {t.key for t in tasks if record.up_to_date(t, inputs[t.key])}
        fresh = [t for t in tasks if t.key in fresh_keys]
        stale = [t for t in tasks if t.key not in fresh_keys]
        folder.check_space(len(stale), pdf=pdf)
        printer = PdfPrinter(find_chromium()) if pdf and tasks else None
    except BaseException:
        if folder is not None:
            folder.close()
        if pool is not None:
            pool.interrupt()
            pool.close()
        raise
    kernel = kernel_spec(templates, kernel_name=kernel_name, fresh=fresh_kernels)
    count = workers if isinstance(workers, int) else None
    count = max(1, min(int(count or os.cpu_count() or 1), max(len(stale), 1)))
    record.run_info.update({"started": _now(), "workers": count,
                            "scheduler": scheduler or "processes", "kernel": kernel_name,
                            "fresh_kernels": fresh_kernels, "timeout": timeout, "notebooks": len(tasks),
                            "interrupted": False})
    specs = [task_spec(t, templates[t.template], kernel, timeout) for t in stale]
    profile: dict[str, float] = {"prepare_s": time.monotonic() - started}  # where the time goes
    done: list[ReportEntry] = []
    flusher = _Flusher(record, profile, FLUSH_EVERY_S)

    def finish(task: Task, result: TaskResult) -> None:
        """Write one report's files, then the summary, the index and the manifest: at once for a
        failed report, else at most once every FLUSH_EVERY_S (:class:`_Flusher`)."""
        try:
            outputs = write_report(out, task, result, profile)
        except OSError as exc:  # the disk is full, or the folder went away: its old files stay
            problem = _write_problem(exc, out)
            kept = kept_entry(task, JobStatus.FAILED, record.previous.get(task.key), out)
            with flusher.lock:
                record.note(dataclasses.replace(kept, error=TaskError.of(problem), seconds=result.seconds))
            raise _DiskProblem(problem) from None
        with flusher.lock:
            if result.status in (JobStatus.SUCCEEDED, JobStatus.SKIPPED):
                record.manifest.record(_manifest_key(task), inputs[task.key], outputs)
            else:
                record.manifest.forget(_manifest_key(task))
            entry = record.note(entry_for(task, result, out))
        done.append(entry)
        if printer is not None and entry.html:
            printer.submit(out / entry.html)
        if progress:
            progress(len(done), len(tasks), task, entry)
        with flusher.lock:
            for name, seconds in result.timings.items():
                profile[name] = profile.get(name, 0.0) + seconds
            late, flusher.error = flusher.error, None  # the timer's write failed: the disk is full
            try:
                if late is not None:
                    raise late
                if entry.status is JobStatus.FAILED:
                    flusher.now()  # a failure shows at once
                else:
                    flusher.soon()
            except (OSError, OutputError) as exc:  # OutputError: fai.files' (summary, index, manifest)
                raise _DiskProblem(_write_problem(exc, out)) from None

    interrupted = False
    stopped: OutputError | None = None
    previous_term = signal.getsignal(signal.SIGTERM)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # ValueError: not the main thread
        signal.signal(signal.SIGTERM, on_term)
    handles: dict[Any, int] = {}
    handled: set[Any] = set()
    try:
        for task in fresh:  # nothing they show changed: their files stay
            entry = record.keep(task, JobStatus.UP_TO_DATE)
            done.append(entry)
            if printer is not None and entry.html and _pdf_missing(out / entry.html):
                printer.submit(out / entry.html)
            if progress:
                progress(len(done), len(tasks), task, entry)
        record.run_info["up_to_date"] = len(fresh)
        flusher.now(count=False)  # every report of this run is listed (not run) before any runs
        folder.reserve()
    except (OSError, OutputError) as exc:  # OutputError: fai.files' (summary, index, manifest)
        folder.close()
        if pool is not None:
            pool.interrupt()
            pool.close()
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGTERM, previous_term)
        raise _write_problem(exc, out) from None
    try:
        if stale:
            if pool is None:
                pool = start_workers(kernel, count, scheduler)
            record.run_info.update(workers=getattr(pool, "n", count), workers_backend=pool.name)
            for i, spec in enumerate(specs):
                handles[pool.submit(spec)] = i
            report_html.prepare()  # the HTML exporter, built while the kernels warm up
            for handle, result in pool.as_completed(list(handles)):
                handled.add(handle)
                finish(stale[handles[handle]], result)
        elif pool is not None:  # started ahead, and nothing to run: stop them now
            pool.interrupt()
    except (KeyboardInterrupt, _DiskProblem) as exc:
        interrupted = isinstance(exc, KeyboardInterrupt)
        stopped = exc.error if isinstance(exc, _DiskProblem) else None
        with _sigint_ignored():
            if pool is not None:
                pool.interrupt()
                for handle, result in pool.finished(list(handles)):
                    # finished while stopping: keep it (not one whose kernel the stop killed)
                    if handle not in handled and stopped is None and not _killed(result):
                        handled.add(handle)
                        with contextlib.suppress(_DiskProblem):
                            finish(stale[handles[handle]], result)
    finally:
        with _sigint_ignored():
            flusher.close()  # no timed write from now on: the last one follows
            if pool is not None:
                pool.close()
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGTERM, previous_term)
            for task in tasks:
                if task.key not in record.entries:
                    done.append(record.keep(task, JobStatus.NOT_RUN))
            pdf_problems: list[str] = []
            if printer is not None and interrupted:
                printer.cancel()
            elif printer is not None:
                pdf_problems = printer.wait()
            folder.release_reserve()  # room for the last summary and index, even on a full disk
            record.run_info.update(interrupted=interrupted, seconds=round(time.monotonic() - started, 3),
                                   profile=_profile(profile, pool))
            if stopped is not None:
                record.run_info["stopped"] = str(stopped)
            try:
                record.flush(final=True)  # (a timed write that failed is superseded by this one)
            except (OSError, OutputError) as exc:
                stopped = stopped or _write_problem(exc, out)
            finally:
                folder.close()
    return Outcome(done, interrupted, time.monotonic() - started, stopped, pdf_problems)


def _profile(profile: dict[str, float], pool: Workers | None) -> dict[str, float]:
    """Where the run's time went (summed over notebooks): ``kernel_s`` taking a warm kernel
    (and resetting one that runs cell by cell), ``run_s`` papermill, of which ``cells_s`` the
    kernel executing cells and ``messaging_s`` the rest (requests, the reset of a kernel that
    runs a notebook in one request, the outputs' way back); in the driver ``export_s`` HTML,
    ``write_s`` files, ``flush_s`` summary, index and manifest written ``flushes`` times while
    reports finished (at most one a :data:`FLUSH_EVERY_S`, :class:`_Flusher`);
    ``workers_ready_s`` each worker's start to a warm kernel."""
    out = dict(profile)
    if "run_s" in out:
        out["messaging_s"] = out["run_s"] - out.get("cells_s", 0.0)
    ready = getattr(pool, "ready_s", None)
    if ready:
        out["workers_ready_s"] = max(ready)
    return {k: round(v, 3) for k, v in sorted(out.items())}


def _pdf_missing(html: Path) -> bool:
    pdf = html.with_suffix(".pdf")
    return not pdf.exists() or pdf.stat().st_mtime < html.stat().st_mtime


def _killed(result: TaskResult) -> bool:
    """Did the notebook stop because the interrupt killed its kernel or worker?"""
    return result.error is not None and result.error.ename in ("DeadKernelError", "WorkerDiedError")
