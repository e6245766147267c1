"""Where the batch's notebooks run: a local process pool or Dask distributed.

Both backends start their workers (and each worker's warm kernel) as soon as
they are created, so ``fai run`` can start them before it validates the params
and the kernels are warm when the first notebook arrives. Tasks are the spec
:class:`~fai.batch.execute.TaskSpec`; :class:`~fai.batch.results.TaskResult`
come back in completion order. :meth:`Workers.interrupt` (Ctrl-C) kills every running kernel.

>>> workers = start_workers(KernelSpec(imports=("fai",)), n=2)  # doctest: +SKIP
>>> handles = [workers.submit(spec) for spec in specs]          # doctest: +SKIP
>>> for handle, result in workers.as_completed(handles): ...    # doctest: +SKIP
>>> workers.close()                                             # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from fai.batch import warm
from fai.batch.execute import TaskSpec, execute_task
from fai.batch.kernel import KernelSpec
from fai.batch.results import TaskResult
from fai.errors import ParameterError


def start_workers(kernel: KernelSpec, n: int, scheduler: str | None = None,
                  keep_kernels: bool = False) -> Workers:
    """``n`` workers with warm kernels: processes, or Dask (``"local"`` or an address).

    ``keep_kernels`` (Dask with an address): leave the warm kernels running in
    the cluster's workers for the next ``fai run``.
    """
    if scheduler:
        return DaskWorkers(kernel, n, scheduler, keep_kernels=keep_kernels)
    return ProcessWorkers(kernel, n)


class Workers:
    """The interface both backends share."""

    name = "workers"
    n = 0

    def submit(self, spec: TaskSpec) -> Any:
        raise NotImplementedError

    def as_completed(self, handles: Sequence[Any]) -> Iterator[tuple[Any, TaskResult]]:
        raise NotImplementedError

    def finished(self, handles: Sequence[Any]) -> list[tuple[Any, TaskResult]]:
        """Handles that completed normally (after an interrupt: keep their reports)."""
        raise NotImplementedError

    def interrupt(self) -> None:
        """Stop running notebooks now (kill their kernels); pending ones are dropped."""

    def close(self) -> None:
        """Release the workers (and their kernels)."""


# --------------------------------------------------------------------------- process pool
def _worker_init(kernel: KernelSpec) -> None:
    """Pool worker set-up: Ctrl-C belongs to the driver; SIGTERM kills our kernels; warm up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def on_term(signum: int, frame: Any) -> None:
        warm.kill_kernels()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    with contextlib.suppress(Exception):
        warm.start_kernel(kernel)


def _ready() -> int:
    return os.getpid()


class ProcessWorkers(Workers):
    """A ``spawn`` process pool; each process keeps one warm kernel."""

    name = "processes"

    def __init__(self, kernel: KernelSpec, n: int) -> None:
        self.n = n
        self.pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_worker_init, initargs=(kernel,))
        # start every process (and so its kernel) now, not when the first tasks arrive
        self._warming = [self.pool.submit(_ready) for _ in range(n)]

    def submit(self, spec: TaskSpec) -> Future:
        return self.pool.submit(execute_task, spec)

    def as_completed(self, handles: Sequence[Future]) -> Iterator[tuple[Future, TaskResult]]:
        pending = set(handles)
        while pending:
            ready, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in ready:
                yield fut, self.result(fut)

    @staticmethod
    def result(fut: Future) -> TaskResult:
        try:
            return fut.result()
        except Exception as exc:  # noqa: BLE001 - the worker process died
            return TaskResult.failure(type(exc).__name__, f"the worker process failed: {exc}")

    def finished(self, handles: Sequence[Future]) -> list[tuple[Future, TaskResult]]:
        return [(f, f.result()) for f in handles
                if f.done() and not f.cancelled() and f.exception() is None]

    def interrupt(self) -> None:
        for fut in self._warming:
            fut.cancel()
        for proc in list(getattr(self.pool, "_processes", {}).values()):
            try:
                proc.terminate()  # SIGTERM: the worker kills its kernel and exits
            except (OSError, AttributeError):
                pass
        self.pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- Dask
class DaskWorkers(Workers):
    """Dask distributed: ``"local"`` starts a LocalCluster of ``n`` one-thread processes."""

    name = "dask"

    def __init__(self, kernel: KernelSpec, n: int, scheduler: str, keep_kernels: bool = False) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ParameterError("--scheduler needs the dask extra: pip install 'fai[dask]'") from None

        self.keep_kernels = keep_kernels
        self.n = n
        self.cluster = None
        if scheduler == "local":
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            if not re.match(r"^(tcp|tls|inproc|ws|wss)://", scheduler):
                raise ParameterError(f"--scheduler is {scheduler!r} — expected 'local' or an address "
                                     "like tcp://10.0.0.5:8786")
            try:
                self.client = Client(scheduler, timeout=30)
            except OSError as exc:
                raise ParameterError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
        self.name = f"dask {scheduler}"
        addresses = list(self.client.scheduler_info()["workers"])
        self.n = len(addresses) or n
        # one warm-up task per worker, not waited for (kept referenced so Dask keeps it)
        self._warming = [self.client.submit(warm.start_kernel, kernel, pure=False, workers=[addr],
                                            allow_other_workers=False, key=f"fai-warm-{i}-{os.getpid()}")
                         for i, addr in enumerate(addresses)]
        self._count = 0
        self._submitted: list[Any] = []

    def submit(self, spec: TaskSpec) -> Any:
        self._count += 1
        label = re.sub(r"[^A-Za-z0-9-]+", "-", spec.label)[:60]
        fut = self.client.submit(execute_task, spec, pure=False,
                                 key=f"fai-{os.getpid()}-{self._count}-{label}")
        self._submitted.append(fut)
        return fut

    def as_completed(self, handles: Sequence[Any]) -> Iterator[tuple[Any, TaskResult]]:
        from distributed import as_completed

        for fut in as_completed(list(handles)):
            try:
                result = fut.result()
            except Exception as exc:  # noqa: BLE001 - a Dask worker died
                result = TaskResult.failure(type(exc).__name__, f"the Dask task failed: {exc}")
            yield fut, result

    def finished(self, handles: Sequence[Any]) -> list[tuple[Any, TaskResult]]:
        return [(f, f.result()) for f in handles if f.status == "finished"]

    def interrupt(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel([*self._warming, *self._submitted])
            self.client.run(warm.kill_kernels)

    def close(self) -> None:
        if not self.keep_kernels:
            with contextlib.suppress(Exception):
                self.client.run(warm.shutdown_kernels)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
