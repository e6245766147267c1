"""Local worker processes for the batch, each with one warm kernel; a dead one is replaced.

Every worker is a ``spawn`` process with a pipe to the driver: it warms its
kernel as soon as it starts, then runs one notebook at a time (no prefetch, so
the longest notebooks queued first start first). When a worker dies — ``kill
-9``, the OOM killer — only the notebook it was running fails
(``WorkerDiedError``); its kernel is killed, a new worker takes its place and
the queue goes on. (``concurrent.futures.ProcessPoolExecutor`` instead breaks
and fails every pending notebook.)

>>> workers = ProcessWorkers(KernelSpec(imports=("fai",)), 2)          # doctest: +SKIP
>>> handles = [workers.submit(spec) for spec in specs]                 # doctest: +SKIP
>>> for handle, result in workers.as_completed(handles): ...           # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from fai.batch import lean, warm
from fai.batch.execute import TaskSpec, execute_task
from fai.batch.kernel import KernelSpec
from fai.batch.results import TaskResult
from fai.batch.zygote import Zygote
from fai.batch.zygote import supported as zygote_supported

CLOSE_TIMEOUT_S = 30


@dataclass(eq=False)
class Handle:
    """One submitted notebook: its spec, and its result once a worker sent it."""

    id: int
    spec: TaskSpec
    result: TaskResult | None = None
    yielded: bool = False


def _serve(conn: Connection, kernel: KernelSpec) -> None:
    """A worker's life: set up, warm a kernel, then run what the driver sends until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the driver
    lean.lean_worker()  # before nbformat and papermill: 2.3 s of each worker's start

    def on_term(signum: int, frame: Any) -> None:
        warm.kill_kernels()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    with contextlib.suppress(Exception):
        warm.start_kernel(kernel)
    with contextlib.suppress(OSError, ValueError):
        conn.send(("ready", 0, time.monotonic()))  # the kernel is warm (one clock for all processes)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        handle_id, spec = message
        try:
            result = execute_task(spec, on_kernel=lambda pid, h=handle_id: conn.send(("kernel", h, pid)))
        except BaseException as exc:  # noqa: BLE001 - reported, the worker goes on
            result = TaskResult.failure(type(exc).__name__, f"the worker failed: {exc}")
        try:
            conn.send(("result", handle_id, result))
        except (OSError, ValueError):
            break
    # The run is over: its kernels are killed, not shut down politely, and the worker leaves
    # without tearing its modules down (closing the pool: 1.2 → 0.1 s).
    warm.discard_kernels()
    with contextlib.suppress(OSError):
        conn.close()
    os._exit(0)


class _Worker:
    """The driver's side of one worker process."""

    def __init__(self, context: Any, kernel: KernelSpec) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child, kernel), name="fai-worker", daemon=True)
        self.process.start()
        child.close()
        self.handle: Handle | None = None
        self.kernel_pid: int | None = None
        self.created = time.monotonic()
        self.ready_s: float | None = None  # from spawn to a warm kernel

    def send(self, handle: Handle) -> bool:
        """Hand ``handle`` to this worker; False when it is dead (the handle is not taken)."""
        try:
            self.conn.send((handle.id, handle.spec))
        except (OSError, ValueError):  # BrokenPipeError: it died before its first notebook
            return False
        self.handle = handle
        self.kernel_pid = None
        return True

    def death_note(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}" if code is not None else "no exit code"

    def kill_kernel(self) -> None:
        """SIGKILL the kernel of a dead worker (it would also stop by itself within a second)."""
        if self.kernel_pid:
            for kill in (lambda: os.killpg(self.kernel_pid, signal.SIGKILL),
                         lambda: os.kill(self.kernel_pid, signal.SIGKILL)):
                with contextlib.suppress(OSError):
                    kill()
                    return


class ProcessWorkers:
    """``n`` spawn processes with a warm kernel each; a dead one is replaced."""

    name = "processes"

    def __init__(self, kernel: KernelSpec, n: int) -> None:
        self.n = n
        # the kernels' imports, done once in the run's zygote while the workers start
        self.zygote = (Zygote(kernel.all_imports())
                       if kernel.warm and not kernel.zygote and zygote_supported() else None)
        self.kernel = dataclasses.replace(kernel, zygote=self.zygote.address) if self.zygote else kernel
        self.context = multiprocessing.get_context("spawn")
        self.workers = [_Worker(self.context, self.kernel) for _ in range(n)]  # warming up now
        self.queue: list[Handle] = []
        self.replaced = 0
        self.ready_s: list[float] = []  # each worker's start-up: spawn, imports, warm kernel
        self.idle_deaths = 0  # workers that died with no notebook: a broken set-up, not a notebook
        self._ids = itertools.count(1)

    def submit(self, spec: TaskSpec) -> Handle:
        if self.zygote is not None and dataclasses.replace(spec.kernel, zygote=self.kernel.zygote) == self.kernel:
            spec = dataclasses.replace(spec, kernel=self.kernel)  # the warm kernel's spec: it is taken
        handle = Handle(next(self._ids), spec)
        self.queue.append(handle)
        return handle

    def as_completed(self, handles: Sequence[Handle]) -> Iterator[tuple[Handle, TaskResult]]:
        """Results as they come. A worker that sent one gets its next notebook *before* the
        result is handed on: the caller writes the report (~40 ms) while the kernel runs."""
        waiting = {h for h in handles if not h.yielded}
        while waiting:
            self._dispatch()
            for handle in [h for h in waiting if h.result is not None]:
                handle.yielded = True
                waiting.discard(handle)
                yield handle, handle.result
            if not waiting:
                return
            if not self.workers:  # they kept dying before running anything
                for handle in self.queue:
                    handle.result = TaskResult.failure(
                        "WorkerDiedError", f"{self.idle_deaths} worker processes died before running "
                        "a notebook — expected a working Python environment with fai installed")
                self.queue.clear()
                continue
            self._receive(wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]))

    def _dispatch(self) -> None:
        """Hand queued notebooks to idle workers (a dead one found here is replaced, and the
        notebook goes to the next idle worker)."""
        while self.queue:
            idle = next((w for w in self.workers if w.handle is None), None)
            if idle is None:
                return
            if idle.send(self.queue[0]):
                self.queue.pop(0)
            else:
                self._bury(idle)

    def _receive(self, ready: list[Any]) -> None:
        """Read the messages of the ready workers; bury and replace the dead ones."""
        for worker in list(self.workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                self._drain(worker)

    def _drain(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                kind, handle_id, value = worker.conn.recv()
                if kind == "kernel":
                    worker.kernel_pid = value
                elif kind == "ready":
                    worker.ready_s = value - worker.created
                    self.ready_s.append(worker.ready_s)
                elif kind == "result" and worker.handle is not None and worker.handle.id == handle_id:
                    worker.handle.result = value
                    worker.handle = None
            if worker.process.is_alive():
                return
        except (EOFError, OSError):
            pass
        self._bury(worker)

    def _bury(self, worker: _Worker) -> None:
        note = worker.death_note()
        worker.kill_kernel()
        if worker.handle is not None:
            worker.handle.result = TaskResult.failure(
                "WorkerDiedError", f"the worker process running this notebook died ({note}); "
                "the other notebooks went on in a new worker")
            worker.handle = None
        else:
            self.idle_deaths += 1
        with contextlib.suppress(OSError):
            worker.conn.close()
        self.workers.remove(worker)
        if self.idle_deaths <= 2 * self.n:
            self.workers.append(_Worker(self.context, self.kernel))
            self.replaced += 1

    def finished(self, handles: Sequence[Handle]) -> list[tuple[Handle, TaskResult]]:
        return [(h, h.result) for h in handles if h.result is not None and not h.yielded]

    def interrupt(self) -> None:
        for worker in self.workers:  # results sent just before Ctrl-C are kept
            with contextlib.suppress(Exception):
                while worker.handle is not None and worker.conn.poll():
                    kind, handle_id, value = worker.conn.recv()
                    if kind == "result" and worker.handle.id == handle_id:
                        worker.handle.result = value
                        worker.handle = None
        self.queue.clear()
        for worker in self.workers:
            with contextlib.suppress(OSError, AttributeError):
                worker.process.terminate()  # SIGTERM: the worker kills its kernel and exits
        for worker in self.workers:
            _stop(worker, CLOSE_TIMEOUT_S)
        self._close_zygote()

    def _close_zygote(self) -> None:
        if self.zygote is not None:
            self.zygote.close()
            self.zygote = None

    def close(self) -> None:
        self.queue.clear()
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self.workers:
            _stop(worker, CLOSE_TIMEOUT_S)
            with contextlib.suppress(OSError):
                worker.conn.close()
        self._close_zygote()


def _stop(worker: _Worker, timeout: float) -> None:
    """Wait for ``worker`` to exit; then SIGTERM it, then SIGKILL it (and its kernel).

    A worker still alive when the driver exits would hang the driver for ever
    (``multiprocessing`` joins its children at exit without a timeout).
    """
    worker.process.join(timeout=timeout)
    if worker.process.is_alive():
        with contextlib.suppress(OSError, AttributeError):
            worker.process.terminate()
        worker.process.join(timeout=5)
    if worker.process.is_alive():
        with contextlib.suppress(OSError, AttributeError):
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.kill_kernel()
