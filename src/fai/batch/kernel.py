"""The batch worker: run one parameterized notebook with papermill in a warm kernel.

A worker (a pool process or a Dask worker) keeps its Jupyter kernel alive
between notebooks. The kernel is started once, imports what the templates
import (pandas, matplotlib, fai, …), freezes those objects out of the cyclic
garbage collector (``gc.freeze``), and before each notebook its state is reset:
user namespace (``%reset``), working folder, warning filters, matplotlib
figures and rcParams, pandas options and the execution counter. A notebook
therefore sees the same state as in a fresh kernel (a test compares the
outputs byte for byte), without paying ~1.3 s of kernel start and imports each
time; one kernel client stays connected, so there is no per-notebook ready
wait either. ``fresh=True`` in a task spec starts and stops a kernel for that
notebook alone.

Faults stay inside the task: an exception in a cell (``MissingDataError`` →
``skipped``, anything else → ``failed``), a kernel that dies (``os._exit``,
a segfault, the OOM killer) and a notebook that runs past its timeout (the
kernel is killed) all return a result dict; the next notebook gets a new kernel.

>>> r = execute_task({"notebook": nb_json, "parameters": {"region": "110000"}})  # doctest: +SKIP
>>> r["status"], r["ename"]                                                       # doctest: +SKIP
('succeeded', None)
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

KERNEL_NAME = "python3"
START_TIMEOUT_S = 120

# Imported into every warm kernel; the templates' own imports are added.
BASE_IMPORTS = ("pandas", "numpy", "matplotlib", "matplotlib.pyplot")

_WARM_CODE = """
import importlib as _fai_il, os as _fai_os, sys as _fai_sys, types as _fai_types, warnings as _fai_w
for _fai_m in {modules!r}:
    try:
        _fai_il.import_module(_fai_m)
    except Exception:
        pass
try:  # resolve the inline backend now so its set-up is part of the snapshot
    import matplotlib.pyplot as _fai_plt
    _fai_plt.close(_fai_plt.figure())
except Exception:
    pass
_fai_st = _fai_sys.modules.setdefault("_fai_kernel_state", _fai_types.ModuleType("_fai_kernel_state"))
_fai_st.cwd = _fai_os.getcwd()
_fai_st.filters = list(_fai_w.filters)
_fai_st.rc = None
if "matplotlib" in _fai_sys.modules:
    _fai_st.rc = {{k: v for k, v in _fai_sys.modules["matplotlib"].rcParams.items() if k != "backend"}}
_fai_st.pd = {{}}
if "pandas" in _fai_sys.modules:
    with _fai_w.catch_warnings():
        _fai_w.simplefilter("ignore")
        _fai_pd = _fai_sys.modules["pandas"]
        _fai_st.pd = {{k: _fai_pd.get_option(k)
                      for k in _fai_sys.modules["pandas._config.config"]._registered_options}}
import gc as _fai_gc
_fai_gc.collect()
_fai_gc.freeze()  # the imported modules' objects: never scanned again by the cyclic gc
"""

_RESET_CODE = """
import os as _fai_os, sys as _fai_sys, warnings as _fai_w
_fai_st = _fai_sys.modules["_fai_kernel_state"]
_fai_os.chdir(_fai_st.cwd)
_fai_w.filters[:] = _fai_st.filters
_fai_w._filters_mutated()
if "matplotlib.pyplot" in _fai_sys.modules:
    _fai_sys.modules["matplotlib.pyplot"].close("all")
if _fai_st.rc is not None:
    with _fai_w.catch_warnings():
        _fai_w.simplefilter("ignore")
        _fai_sys.modules["matplotlib"].rcParams.update(_fai_st.rc)
if _fai_st.pd:
    with _fai_w.catch_warnings():
        _fai_w.simplefilter("ignore")
        _fai_pd = _fai_sys.modules["pandas"]
        for _fai_k, _fai_v in _fai_st.pd.items():
            if _fai_pd.get_option(_fai_k) != _fai_v:
                _fai_pd.set_option(_fai_k, _fai_v)
get_ipython().reset(new_session=True)  # like %reset -f, and In [1] again
"""


class _Client(AsyncKernelClient):
    """A kernel client that stays connected between notebooks.

    nbclient asks a new client to start its channels and wait until the kernel
    is ready; jupyter_client's wait ends with a 0.2 s wait for quiet on IOPub.
    Once ready, this client only drops stale IOPub messages (no waiting).
    """

    _fai_started = False
    _fai_ready = False

    def start_channels(self, *args: Any, **kwargs: Any) -> None:
        if not self._fai_started:
            super().start_channels(*args, **kwargs)
            self._fai_started = True

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        if not self._fai_ready:
            await self._async_wait_for_ready(timeout=timeout)
            self._fai_ready = True
            return
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0)
            except Empty:
                return

    def stop_channels(self) -> None:
        """Kept open between notebooks: :meth:`_KernelManager.release_clients` stops it."""

    def close(self) -> None:
        if self._fai_started:
            super().stop_channels()
            self._fai_started = False


class _KernelManager(AsyncKernelManager):
    """An AsyncKernelManager handing out one persistent client per thread.

    nbclient does not close the client of a kernel it does not own; the client
    lives until the kernel is shut down (:meth:`release_clients`).
    """

    def client(self, **kwargs: Any) -> _Client:  # type: ignore[override]
        clients = self.__dict__.setdefault("_fai_clients", {})
        tid = threading.get_ident()
        if tid not in clients:
            clients[tid] = super().client(**kwargs)
        return clients[tid]

    def release_clients(self) -> None:
        for kc in self.__dict__.pop("_fai_clients", {}).values():
            with contextlib.suppress(Exception):
                kc.close()


class WarmKernel:
    """One kernel process, started once and reset between notebooks."""

    def __init__(self, kernel_name: str, cwd: str, imports: tuple[str, ...], warm: bool) -> None:
        self.key = (kernel_name, cwd, imports, warm)
        # IPC sockets in a private folder: no TCP port races between many kernels
        self.run_dir = tempfile.mkdtemp(prefix="fai-kernel-")
        self.km = _KernelManager(kernel_name=kernel_name, transport="ipc", client_factory=_Client,
                                 ip=os.path.join(self.run_dir, "kernel"),
                                 connection_file=os.path.join(self.run_dir, "kernel.json"))
        self.log_path = os.path.join(self.run_dir, "kernel.log")
        self.warm = warm
        self.imports = imports
        self.cwd = cwd

    def start(self) -> None:
        from jupyter_core.utils import run_sync

        cwd = self.cwd if self.cwd and os.path.isdir(self.cwd) else None
        with open(self.log_path, "ab") as log:
            run_sync(self.km.start_kernel)(cwd=cwd, stdout=log, stderr=log,
                                           extra_arguments=["--HistoryManager.enabled=False"])
        import nbformat  # noqa: F401 - what execute_task needs, imported while the kernel boots
        import papermill  # noqa: F401
        kc = self.km.client()
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=START_TIMEOUT_S)
        if self.warm:
            self._run(kc, _WARM_CODE.format(modules=list(self.imports)))

    def reset(self) -> None:
        """Bring a used kernel back to the state right after warm-up."""
        from jupyter_core.utils import run_sync

        if not run_sync(self.km.is_alive)():
            raise RuntimeError("the kernel died since its last notebook")
        if not self.warm:
            return
        kc = self.km.client()
        kc.start_channels()
        self._run(kc, _RESET_CODE)

    @staticmethod
    def _run(kc: Any, code: str) -> None:
        from jupyter_core.utils import run_sync

        reply = run_sync(kc.execute_interactive)(
            code, silent=True, store_history=False, timeout=START_TIMEOUT_S
        )
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}")

    @property
    def pid(self) -> int | None:
        provisioner = getattr(self.km, "provisioner", None)
        return getattr(provisioner, "pid", None) if provisioner else None

    def kill(self) -> None:
        """SIGKILL the kernel and its process group (safe from any thread)."""
        pid = self.pid
        if pid is None:
            return
        for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                kill()
                return
            except (ProcessLookupError, PermissionError, OSError):
                continue

    def exit_note(self) -> str:
        """`` (exit code 3)`` / `` (killed by SIGKILL)`` plus the kernel's last log lines."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        code = process.poll() if process is not None else None
        note = ""
        if code is not None and code < 0:
            try:
                note = f"killed by {signal.Signals(-code).name}"
            except ValueError:
                note = f"killed by signal {-code}"
        elif code is not None:
            note = f"exit code {code}"
        tail = self.log_tail()
        parts = [p for p in (note, tail) if p]
        return f" ({'; '.join(parts)})" if parts else ""

    def log_tail(self, lines: int = 5) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                tail = [ln.rstrip() for ln in f if ln.strip()][-lines:]
        except OSError:
            return ""
        return " | ".join(tail)

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        self.km.release_clients()
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already dead
            self.kill()
        shutil.rmtree(self.run_dir, ignore_errors=True)


_LOCK = threading.Lock()
_IDLE: list[WarmKernel] = []  # warm kernels waiting for a notebook
_BUSY: set[WarmKernel] = set()


def _acquire(key: tuple[str, str, tuple[str, ...], bool]) -> WarmKernel:
    """An idle kernel with this key, else a new one (idle kernels of other keys are stopped)."""
    stale: list[WarmKernel] = []
    kernel = None
    with _LOCK:
        for k in list(_IDLE):
            if k.key == key and kernel is None:
                kernel = k
                _IDLE.remove(k)
            elif k.key != key:
                stale.append(k)
                _IDLE.remove(k)
        if kernel is None:
            kernel = WarmKernel(*key)
            fresh = True
        else:
            fresh = False
        _BUSY.add(kernel)
    for k in stale:
        k.shutdown()
    if fresh:
        try:
            kernel.start()
        except BaseException:
            _release(kernel, keep=False)
            raise
    return kernel


def _release(kernel: WarmKernel, keep: bool) -> None:
    with _LOCK:
        _BUSY.discard(kernel)
        if keep and kernel.warm:
            _IDLE.append(kernel)
            return
    kernel.shutdown()


def start_kernel(spec: dict[str, Any]) -> None:
    """Start one warm kernel ahead of the first task (worker set-up)."""
    key = _kernel_key(spec)
    if key[3]:
        _release(_acquire(key), keep=True)


def kill_kernels() -> None:
    """SIGKILL every kernel of this process (on Ctrl-C / SIGTERM)."""
    with _LOCK:
        kernels = [*_IDLE, *_BUSY]
    for kernel in kernels:
        kernel.kill()


def shutdown_kernels() -> int:
    """Stop every kernel of this process (at exit, or at the end of a Dask run)."""
    with _LOCK:
        kernels = [*_IDLE, *_BUSY]
        _IDLE.clear()
        _BUSY.clear()
    for kernel in kernels:
        kernel.shutdown()
    return len(kernels)


atexit.register(shutdown_kernels)


def _kernel_key(spec: dict[str, Any]) -> tuple[str, str, tuple[str, ...], bool]:
    imports = tuple(dict.fromkeys([*BASE_IMPORTS, *spec.get("imports", ())]))
    return (spec.get("kernel_name") or KERNEL_NAME, spec.get("cwd") or "", imports,
            not spec.get("fresh", False))


def _error_cells(nb: Any, cell_index: int | None, message: str) -> None:
    """Insert papermill's error banner (top) and anchor (before the failing cell)."""
    import nbformat
    from papermill.execute import ERROR_ANCHOR_MSG, ERROR_MARKER_TAG

    if any(ERROR_MARKER_TAG in c.metadata.get("tags", []) for c in nb.cells):
        return
    banner = nbformat.v4.new_markdown_cell(message)
    banner.metadata["tags"] = [ERROR_MARKER_TAG]
    if cell_index is not None and 0 <= cell_index < len(nb.cells):
        anchor = nbformat.v4.new_markdown_cell(ERROR_ANCHOR_MSG)
        anchor.metadata["tags"] = [ERROR_MARKER_TAG]
        nb.cells.insert(cell_index, anchor)
    nb.cells.insert(0, banner)


def _error_output(nb: Any, cell_index: int | None, ename: str, evalue: str) -> None:
    """Show a kernel death or timeout in place: an error output on the cell that was running."""
    import nbformat

    if cell_index is None or not 0 <= cell_index < len(nb.cells):
        return
    cell = nb.cells[cell_index]
    if cell.cell_type == "code":
        cell.outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                                   traceback=[f"{ename}: {evalue}"]))


def template_cell(nb: Any, cell_index: int | None) -> int | None:
    """1-based number of the code cell ``cell_index`` among the template's own code cells
    (papermill's injected-parameters cell does not count)."""
    if cell_index is None:
        return None
    number = 0
    for i, cell in enumerate(nb.cells[: cell_index + 1]):
        if cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", []):
            number += 1
        if i == cell_index:
            return number if cell.cell_type == "code" else None
    return None


def execute_task(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook; never raises for a notebook's own faults.

    ``spec`` keys: ``notebook`` (the template as JSON text), ``parameters``,
    ``kernel_name``, ``cwd`` (kernel working folder), ``timeout`` (seconds for
    the whole notebook, 0 = none), ``imports`` (modules to pre-import),
    ``fresh`` (own kernel), ``headline`` (pass ``headline_path``).

    Returns ``status`` (succeeded / skipped / failed), ``ename``, ``evalue``,
    ``cell`` (1-based number of the failing code cell in the template),
    ``seconds``, ``notebook`` (the
    executed notebook, a ``NotebookNode``, or None), ``headline`` (dict or None) and
    ``worker`` (host:pid).
    """
    import logging

    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # we report errors ourselves
    started = time.monotonic()
    result: dict[str, Any] = {"status": "failed", "ename": None, "evalue": None, "cell": None,
                              "seconds": 0.0, "notebook": None, "headline": None,
                              "worker": f"{socket.gethostname()}:{os.getpid()}"}
    nb_in = nbformat.reads(spec["notebook"], as_version=4)
    parameters = dict(spec.get("parameters", {}))
    task_dir = tempfile.mkdtemp(prefix="fai-task-")
    if spec.get("headline", True):
        parameters["headline_path"] = os.path.join(task_dir, "headline.json")
    timeout = float(spec.get("timeout") or 0)
    fresh = bool(spec.get("fresh", False))

    key = _kernel_key(spec)
    try:
        kernel = _acquire(key)
        try:
            kernel.reset()
        except Exception:  # noqa: BLE001 - the kernel died between notebooks: take a new one
            _release(kernel, keep=False)
            kernel = _acquire(key)
            kernel.reset()
    except Exception as exc:  # noqa: BLE001
        shutil.rmtree(task_dir, ignore_errors=True)
        result.update(ename="KernelStartError", evalue=f"could not start kernel: {exc}",
                      seconds=round(time.monotonic() - started, 3))
        return result

    state: dict[str, Any] = {"nb": None, "cell": None, "timed_out": False}

    def on_start(notebook: Any, **_: Any) -> None:
        state["nb"] = notebook

    def on_cell(cell: Any, cell_index: int, **_: Any) -> None:
        state["cell"] = cell_index

    def on_timeout() -> None:
        state["timed_out"] = True
        kernel.kill()

    watchdog = threading.Timer(timeout, on_timeout) if timeout > 0 else None
    run_started = time.monotonic()
    keep_kernel = not fresh
    try:
        if watchdog:
            watchdog.daemon = True
            watchdog.start()
        nb_out = papermill.execute_notebook(
            nb_in, None, parameters=parameters, kernel_name=kernel.key[0],
            progress_bar=False, request_save_on_cell_execute=False,
            km=kernel.km, on_notebook_start=on_start, on_cell_execute=on_cell,
        )
        result["status"] = "succeeded"
    except PapermillExecutionError as exc:
        nb_out = state["nb"]
        skipped = exc.ename.split(".")[-1] == "MissingDataError"
        result.update(status="skipped" if skipped else "failed", ename=exc.ename, evalue=exc.evalue,
                      cell=template_cell(nb_out, exc.cell_index) if nb_out is not None else None)
        if nb_out is not None:
            from papermill.execute import ERROR_MESSAGE_TEMPLATE

            _error_cells(nb_out, exc.cell_index, ERROR_MESSAGE_TEMPLATE % str(exc.exec_count))
    except Exception as exc:  # noqa: BLE001 - kernel death, timeout, protocol errors
        nb_out = state["nb"]
        keep_kernel = False
        cell = state["cell"]
        if state["timed_out"]:
            ename = "TimeoutError"
            evalue = f"the notebook ran longer than {timeout:g} s (--timeout) and was stopped"
        elif type(exc).__name__ == "DeadKernelError" or kernel.pid is None:
            ename = "DeadKernelError"
            evalue = "the kernel died while running the notebook" + kernel.exit_note()
        else:
            ename, evalue = type(exc).__name__, str(exc)
        number = template_cell(nb_out, cell) if nb_out is not None else None
        result.update(status="failed", ename=ename, evalue=evalue, cell=number)
        if nb_out is not None:
            _error_output(nb_out, cell, ename, evalue)
            where = f" in code cell {number}" if number is not None else ""
            _error_cells(nb_out, cell, f"<span>{ename}{where}: the notebook stopped here.</span>")
    finally:
        if watchdog:
            watchdog.cancel()

    _release(kernel, keep=keep_kernel)
    headline_file = os.path.join(task_dir, "headline.json")
    if os.path.exists(headline_file):
        try:
            with open(headline_file, encoding="utf-8") as f:
                result["headline"] = json.load(f)
        except (OSError, ValueError):
            result["headline"] = None
    shutil.rmtree(task_dir, ignore_errors=True)
    if nb_out is not None:
        meta = nb_out.metadata.setdefault("fai", {})
        meta.update({k: result[k] for k in ("status", "ename", "evalue", "cell")})
        meta["seconds"] = round(time.monotonic() - run_started, 3)
        result["notebook"] = nb_out  # a dict: pickled to the driver, no JSON round trip
    result["seconds"] = round(time.monotonic() - started, 3)
    return result
