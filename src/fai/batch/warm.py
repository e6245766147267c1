"""The warm kernels of one worker process: handed to one notebook at a time, then kept.

A worker (a pool process or a Dask worker) asks for a kernel of a
:class:`~fai.batch.kernel.KernelSpec`; it gets the idle one of that spec or a
new one (idle kernels of another spec are stopped). After the notebook the
kernel goes back to the idle list, or is shut down when it is not warm or its
notebook broke it. Ctrl-C and SIGTERM kill them all; so does the interpreter's
exit.

>>> kernel = acquire(KernelSpec(imports=("fai",)))     # doctest: +SKIP
>>> release(kernel, keep=True)                         # doctest: +SKIP
"""

from __future__ import annotations

import atexit
import threading

from fai.batch.kernel import KernelSpec, WarmKernel

_LOCK = threading.Lock()
_IDLE: list[WarmKernel] = []  # warm kernels waiting for a notebook
_BUSY: set[WarmKernel] = set()


def acquire(spec: KernelSpec) -> WarmKernel:
    """An idle kernel of this spec, else a new one (idle kernels of other specs are stopped)."""
    stale: list[WarmKernel] = []
    kernel = None
    with _LOCK:
        for k in list(_IDLE):
            if k.spec == spec and kernel is None:
                kernel = k
                _IDLE.remove(k)
            elif k.spec != spec:
                stale.append(k)
                _IDLE.remove(k)
        fresh = kernel is None
        if kernel is None:
            kernel = WarmKernel(spec)
        _BUSY.add(kernel)
    for k in stale:
        k.shutdown()
    if fresh:
        try:
            kernel.start()
        except BaseException:
            release(kernel, keep=False)
            raise
    return kernel


def release(kernel: WarmKernel, keep: bool) -> None:
    """Back to the idle list (``keep`` and warm), else shut down."""
    with _LOCK:
        _BUSY.discard(kernel)
        if keep and kernel.spec.warm:
            _IDLE.append(kernel)
            return
    kernel.shutdown()


def start_kernel(spec: KernelSpec) -> None:
    """Start one warm kernel ahead of the first task (worker set-up)."""
    if spec.warm:
        release(acquire(spec), keep=True)


def kill_kernels() -> None:
    """SIGKILL every kernel of this process (on Ctrl-C / SIGTERM).

    Called from a signal handler, so it never takes ``_LOCK``: the main thread may
    hold it (inside :func:`acquire`) when the signal arrives, and waiting for it
    there would hang the worker for ever. A snapshot of the lists is enough.
    """
    kernels = [*list(_IDLE), *list(_BUSY)]
    for kernel in kernels:
        kernel.kill()


def _take_all() -> list[WarmKernel]:
    """Every kernel of this process, idle or busy; the lists are left empty."""
    with _LOCK:
        kernels = [*_IDLE, *_BUSY]
        _IDLE.clear()
        _BUSY.clear()
    return kernels


def discard_kernels() -> int:
    """Kill every kernel of this process and remove its files (a worker at the end of a run)."""
    kernels = _take_all()
    for kernel in kernels:
        kernel.discard()
    return len(kernels)


def shutdown_kernels() -> int:
    """Stop every kernel of this process (at exit, or at the end of a Dask run)."""
    kernels = _take_all()
    for kernel in kernels:
        kernel.shutdown()
    return len(kernels)


atexit.register(shutdown_kernels)
