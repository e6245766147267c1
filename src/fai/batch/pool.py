"""Where the batch's notebooks run: local worker processes or Dask distributed.

Both backends start their workers (and each worker's warm kernel) as soon as
they are created, so ``fai run`` can start them before it validates the params
and the kernels are warm when the first notebook arrives. Tasks are
:class:`~fai.batch.execute.TaskSpec`; :class:`~fai.batch.results.TaskResult`
come back in completion order. :meth:`Workers.interrupt` (Ctrl-C) kills every
running kernel. :func:`kernel_spec` says what the kernels are started with.

>>> workers = start_workers(kernel_spec(templates), n=2)        # doctest: +SKIP
>>> handles = [workers.submit(spec) for spec in specs]          # doctest: +SKIP
>>> for handle, result in workers.as_completed(handles): ...    # doctest: +SKIP
>>> workers.close()                                             # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from fai.batch.dask_workers import DaskWorkers
from fai.batch.execute import TaskSpec
from fai.batch.kernel import KERNEL_NAME, KernelSpec
from fai.batch.process_workers import ProcessWorkers
from fai.batch.results import TaskResult
from fai.batch.templates import Template


@runtime_checkable
class Workers(Protocol):
    """What both backends offer (:class:`ProcessWorkers`, :class:`DaskWorkers`)."""

    name: str
    n: int

    def submit(self, spec: TaskSpec) -> Any:
        """Queue one notebook; a handle for :meth:`as_completed`."""

    def as_completed(self, handles: Sequence[Any]) -> Iterator[tuple[Any, TaskResult]]:
        """(handle, result) as each notebook finishes."""

    def finished(self, handles: Sequence[Any]) -> list[tuple[Any, TaskResult]]:
        """Handles that completed but were not yielded yet (after an interrupt: keep them)."""

    def interrupt(self) -> None:
        """Stop running notebooks now (kill their kernels); pending ones are dropped."""

    def close(self) -> None:
        """Release the workers (and their kernels)."""


def kernel_spec(templates: dict[str, Template], *, kernel_name: str = KERNEL_NAME,
                fresh: bool = False) -> KernelSpec:
    """What every worker kernel is started with: kernel, folder, the templates' imports."""
    folders = {str(t.path.parent) for t in templates.values()}
    return KernelSpec(kernel_name=kernel_name, cwd=folders.pop() if len(folders) == 1 else "",
                      imports=tuple(dict.fromkeys(m for t in templates.values() for m in t.imports)),
                      warm=not fresh)


def start_workers(kernel: KernelSpec, n: int, scheduler: str | None = None,
                  keep_kernels: bool = False) -> Workers:
    """``n`` workers with warm kernels: processes, or Dask (``"local"`` or an address).

    ``keep_kernels`` (Dask with an address): leave the warm kernels running in
    the cluster's workers for the next ``fai run``.
    """
    if scheduler:
        return DaskWorkers(kernel, n, scheduler, keep_kernels=keep_kernels)
    return ProcessWorkers(kernel, n)
