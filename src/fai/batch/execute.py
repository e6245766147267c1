"""Run one parameterized notebook with papermill in a warm kernel → a :class:`TaskResult`.

Faults stay inside the task: an exception in a cell (a ``MissingDataError`` →
``skipped``, anything else → ``failed``, a FaiError with its fields), a kernel
that dies (``os._exit``, a segfault, the OOM killer) and a notebook that runs
past its timeout (the kernel is killed) all come back as a result; the next
notebook gets a new kernel. ``execute_task`` never raises for a notebook's
own faults.

>>> r = execute_task(TaskSpec(notebook=nb_json, parameters={"region": "110000"}))  # doctest: +SKIP
>>> r.status, r.error                                                              # doctest: +SKIP
(<JobStatus.SUCCEEDED: 'succeeded'>, None)
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fai.batch import warm
from fai.batch.error_cells import error_cell_index, mark_cell_error, mark_stop, template_cell
from fai.batch.kernel import KernelSpec, WarmKernel
from fai.batch.results import JobStatus, TaskError, TaskResult


@dataclass(frozen=True)
class TaskSpec:
    """One notebook for a worker: the template's JSON text, its parameters, how to run it.

    ``timeout`` is seconds for the whole notebook (0 = none); ``headline``
    passes a ``headline_path`` for the index's figures; ``label`` names the
    task in Dask's dashboard.
    """

    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict, hash=False)
    kernel: KernelSpec = field(default_factory=KernelSpec)
    timeout: float = 0
    headline: bool = True
    label: str = ""
    source: str = ""  # the template's file name, recorded in the executed notebook


def execute_task(spec: TaskSpec, on_kernel: Callable[[int | None], None] | None = None) -> TaskResult:
    """Run one notebook in a kernel of ``spec.kernel``; never raises for the notebook's faults.

    ``on_kernel(pid)`` is told the kernel's process id before the notebook starts.
    """
    import nbformat  # costly imports, needed in the worker only

    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # we report errors ourselves
    started = time.monotonic()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    nb_in = nbformat.reads(spec.notebook, as_version=4)
    parameters = dict(spec.parameters)
    task_dir = tempfile.mkdtemp(prefix="fai-task-")
    headline_file = os.path.join(task_dir, "headline.json")
    if spec.headline:
        parameters["headline_path"] = headline_file
    try:
        kernel = _ready_kernel(spec.kernel)
    except Exception as exc:  # noqa: BLE001
        shutil.rmtree(task_dir, ignore_errors=True)
        return TaskResult.failure("KernelStartError", f"could not start kernel: {exc}",
                                  seconds=round(time.monotonic() - started, 3), worker=worker)

    if on_kernel is not None:
        with contextlib.suppress(Exception):  # only news for the driver
            on_kernel(kernel.pid)
    run_started = time.monotonic()
    result, keep = _run(nb_in, parameters, kernel, spec.timeout)
    run_s = time.monotonic() - run_started
    warm.release(kernel, keep=keep and spec.kernel.warm)
    result.worker = worker
    result.headline = _read_headline(headline_file)
    shutil.rmtree(task_dir, ignore_errors=True)
    if result.notebook is not None:
        meta = result.notebook.metadata
        if spec.source:  # papermill records the input notebook itself when given a node
            meta.setdefault("papermill", {})["input_path"] = spec.source
            meta["papermill"].get("parameters", {}).pop("headline_path", None)
        error = result.error
        meta.setdefault("fai", {}).update({
            "status": result.status.value, "ename": error.ename if error else None,
            "evalue": error.evalue if error else None, "cell": error.cell if error else None,
            "seconds": round(run_s, 3)})
    result.seconds = round(time.monotonic() - started, 3)
    result.timings = {"kernel_s": run_started - started, "run_s": run_s,
                      "cells_s": cell_seconds(result.notebook)}
    return result


def cell_seconds(nb: Any) -> float:
    """Seconds the kernel spent executing the notebook's code cells (execute_input → reply),
    from the timestamps nbclient records; the rest of a notebook's run is messaging."""
    if nb is None:
        return 0.0
    total = 0.0
    for cell in nb.cells:
        stamps = cell.get("metadata", {}).get("execution", {})
        start, end = stamps.get("iopub.execute_input"), stamps.get("shell.execute_reply")
        if start and end:
            with contextlib.suppress(ValueError):
                total += (_when(end) - _when(start)).total_seconds()
    return round(total, 4)


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _ready_kernel(spec: KernelSpec) -> WarmKernel:
    """A reset kernel; one that died between notebooks is replaced."""
    kernel = warm.acquire(spec)
    try:
        kernel.reset()
    except Exception:  # noqa: BLE001 - the kernel died between notebooks: take a new one
        warm.release(kernel, keep=False)
        kernel = warm.acquire(spec)
        kernel.reset()
    return kernel


def _run(nb_in: Any, parameters: dict[str, Any], kernel: WarmKernel,
         timeout: float) -> tuple[TaskResult, bool]:
    """Execute with papermill under a watchdog; (result, whether the kernel can be kept)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    state: dict[str, Any] = {"nb": None, "cell": None, "timed_out": False}

    def on_start(notebook: Any, **_: Any) -> None:
        state["nb"] = notebook

    def on_cell(cell: Any, cell_index: int, **_: Any) -> None:
        state["cell"] = cell_index

    def on_timeout() -> None:
        state["timed_out"] = True
        kernel.kill()

    watchdog = threading.Timer(timeout, on_timeout) if timeout > 0 else None
    if watchdog:
        watchdog.daemon = True
        watchdog.start()
    try:
        nb_out = papermill.execute_notebook(
            nb_in, None, parameters=parameters, kernel_name=kernel.spec.kernel_name,
            progress_bar=False, request_save_on_cell_execute=False,
            on_notebook_start=on_start, on_cell_execute=on_cell, **_engine(kernel),
        )
        return TaskResult(JobStatus.SUCCEEDED, notebook=nb_out), True
    except PapermillExecutionError as exc:  # a cell raised: the kernel is fine
        nb_out = state["nb"]
        # papermill has put its banner and anchor into nb_out: exc.cell_index is off by them
        index = error_cell_index(nb_out) if nb_out is not None else None
        cell = template_cell(nb_out, index) if nb_out is not None else None
        fields = kernel.error_fields()
        error = (TaskError.from_fields(fields, cell=cell) if fields
                 else TaskError(exc.ename, exc.evalue, cell=cell))
        if nb_out is not None:
            mark_cell_error(nb_out, index, exc.exec_count)
        return TaskResult(error.status_of(), error, notebook=nb_out), True
    except Exception as exc:  # noqa: BLE001 - kernel death, timeout, protocol errors
        nb_out = state["nb"]
        if state["timed_out"]:
            ename = "TimeoutError"
            evalue = f"the notebook ran longer than {timeout:g} s (--timeout) and was stopped"
        elif type(exc).__name__ == "DeadKernelError" or kernel.pid is None:
            ename = "DeadKernelError"
            evalue = "the kernel died while running the notebook" + kernel.exit_note()
        else:
            ename, evalue = type(exc).__name__, str(exc)
        cell = template_cell(nb_out, state["cell"]) if nb_out is not None else None
        if nb_out is not None:
            mark_stop(nb_out, state["cell"], ename, evalue)
        return TaskResult(JobStatus.FAILED, TaskError(ename, evalue, cell=cell), notebook=nb_out), False
    finally:
        if watchdog:
            watchdog.cancel()


def _engine(kernel: WarmKernel) -> dict[str, Any]:
    """Papermill's engine for ``kernel``: a warm kernel whose shell can run a notebook in one
    request (:mod:`fai.batch.engine`), else nbclient with the kernel's manager."""
    if kernel.runs_cells:
        from fai.batch.engine import ENGINE

        return {"engine_name": ENGINE, "fai_kernel": kernel}
    return {"km": kernel.km}


def _read_headline(path: str) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
