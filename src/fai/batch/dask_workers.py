"""Dask distributed workers for the batch: a LocalCluster or a cluster's scheduler.

Each Dask worker keeps one warm kernel (:mod:`fai.batch.warm`) between tasks;
``keep_kernels`` leaves them running in a long-lived cluster for the next
``fai run``. A Dask worker that dies is Dask's business: it reschedules the
task on another worker.

>>> workers = DaskWorkers(KernelSpec(imports=("fai",)), 4, "local")   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any

from fai.batch import warm
from fai.batch.execute import TaskSpec, execute_task
from fai.batch.kernel import KernelSpec
from fai.batch.results import TaskResult
from fai.errors import ParameterError


class DaskWorkers:
    """Dask distributed: ``"local"`` starts a LocalCluster of ``n`` one-thread processes."""

    name = "dask"
    n = 0

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
