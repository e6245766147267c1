"""One Jupyter kernel for the batch: started once, warmed up, reset between notebooks.

A warm kernel imports what the templates import (pandas, matplotlib, fai, …),
freezes those objects out of the cyclic garbage collector (``gc.freeze``) and
snapshots the state a notebook may change. Before each notebook
:meth:`WarmKernel.reset` brings it back: user namespace (``%reset``), working
folder, warning filters, matplotlib figures and rcParams, pandas options, the
last exception and the execution counter. A notebook therefore sees the same
state as in a fresh kernel (a test compares the outputs byte for byte) without
paying ~1.3 s of kernel start and imports each time; one kernel client stays
connected, so there is no per-notebook ready wait either.

Where the kernel's shell allows it (ipykernel's), the warm-up also loads
:mod:`fai.batch.cell_runner` into the kernel: :meth:`WarmKernel.run_cells` then resets
the kernel and runs a whole notebook in one request (:mod:`fai.batch.engine`, the
papermill engine over it) instead of a request per cell.

After a cell raised, :meth:`WarmKernel.error_fields` asks the kernel for the
exception it just showed (``sys.last_value``): a :class:`~fai.errors.FaiError`
comes back with its fields and class names, so the batch never parses a
message to know what went wrong.

>>> kernel = WarmKernel(KernelSpec(imports=("fai",)))       # doctest: +SKIP
>>> kernel.start(); kernel.reset(); kernel.shutdown()       # doctest: +SKIP
"""

from __future__ import annotations

import ast
import contextlib
import functools
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_core.utils import run_sync

from fai.batch import zygote

KERNEL_NAME = "python3"
START_TIMEOUT_S = 120
FIELDS_TIMEOUT_S = 10
ALIVE_POLL_S = 0.5  # while a notebook runs in one request: how often the kernel is checked

# Imported into every warm kernel; the templates' own imports are added.
BASE_IMPORTS = ("pandas", "numpy", "matplotlib", "matplotlib.pyplot")


@dataclass(frozen=True)
class KernelSpec:
    """What a kernel is started with; kernels of one spec are interchangeable.

    ``cwd`` is the kernel's working folder ("" = the worker's); ``imports``
    are done during warm-up; ``warm=False`` gives every notebook its own
    kernel (``fai run --fresh-kernels``); ``zygote`` is the address of a
    :class:`~fai.batch.zygote.Zygote` that forks kernels with those imports done.
    """

    kernel_name: str = KERNEL_NAME
    cwd: str = ""
    imports: tuple[str, ...] = ()
    warm: bool = True
    zygote: str = ""  # the socket of the run's zygote (fai.batch.zygote): kernels forked there

    def all_imports(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*BASE_IMPORTS, *self.imports]))


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
_fai_st.pd_raw = None
if "pandas" in _fai_sys.modules:
    import copy as _fai_copy
    with _fai_w.catch_warnings():
        _fai_w.simplefilter("ignore")
        _fai_pd = _fai_sys.modules["pandas"]
        _fai_st.pd = {{k: _fai_pd.get_option(k)
                      for k in _fai_sys.modules["pandas._config.config"]._registered_options}}
        _fai_st.pd_raw = _fai_copy.deepcopy(_fai_sys.modules["pandas._config.config"]._global_config)

def _fai_reset(ip, gc=__import__("gc")):
    # IPython's reset runs gc.collect() before it clears the namespace, when nothing of the
    # notebook can be freed yet: 20-50 ms for nothing. The namespace's objects go by refcount.
    collect = gc.collect
    gc.collect = lambda *args, **kwargs: 0
    try:
        ip.reset(new_session=True)
    finally:
        gc.collect = collect

_fai_st.reset = _fai_reset

def _fai_restore(ip, _fai_os=_fai_os, _fai_sys=_fai_sys, _fai_w=_fai_w, _fai_st=_fai_st):
    _fai_os.chdir(_fai_st.cwd)
    _fai_w.filters[:] = _fai_st.filters
    _fai_w._filters_mutated()
    for _fai_a in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(_fai_sys, _fai_a):  # the previous notebook's error (and the frames it holds)
            delattr(_fai_sys, _fai_a)
    if "matplotlib.pyplot" in _fai_sys.modules:
        _fai_sys.modules["matplotlib.pyplot"].close("all")
    if _fai_st.rc is not None:
        with _fai_w.catch_warnings():
            _fai_w.simplefilter("ignore")
            _fai_rc = _fai_sys.modules["matplotlib"].rcParams
            _fai_rc.update({{k: v for k, v in _fai_st.rc.items() if dict.get(_fai_rc, k) != v}})
    if _fai_st.pd and _fai_sys.modules["pandas._config.config"]._global_config != _fai_st.pd_raw:
        with _fai_w.catch_warnings():
            _fai_w.simplefilter("ignore")
            _fai_pd = _fai_sys.modules["pandas"]
            for _fai_k, _fai_v in _fai_st.pd.items():
                if _fai_pd.get_option(_fai_k) != _fai_v:
                    _fai_pd.set_option(_fai_k, _fai_v)
    _fai_st.reset(ip)  # like %reset -f, and In [1] again

def _fai_run(ip, cells, out, progress, _fai_st=_fai_st):
    _fai_st.restore(ip)
    _fai_st.run_cells(ip, cells, out, progress)

_fai_st.restore = _fai_restore
_fai_st.run = _fai_run
_fai_st.run_cells = None
_fai_runner = {{"__name__": "_fai_cell_runner"}}
try:  # the one-request runner (fai.batch.cell_runner), where this kernel's shell allows it
    exec(compile({runner!r}, "fai/batch/cell_runner.py", "exec"), _fai_runner)
    if _fai_runner["supports"](get_ipython()):
        _fai_st.run_cells = _fai_runner["run_cells"]
except Exception:
    pass
import gc as _fai_gc
_fai_gc.collect()
_fai_gc.freeze()  # the imported modules' objects: never scanned again by the cyclic gc
_fai_gc.set_threshold(*{gc_threshold!r})
"""

#: the cyclic collector's thresholds in a batch kernel. A report's charts make many short-lived
#: cycles (matplotlib's artists); at Python's (700, 10, 10) the collections took ~5 % of a report's
#: CPU (1.7 s of 31.6 s over 40 reports), at these 0.55 s. A kernel lives for one batch and is
#: reset between reports, so the garbage it holds a little longer does not pile up.
GC_THRESHOLD = (10_000, 50, 100)

# Before each notebook (:meth:`WarmKernel.reset`, or first thing in :meth:`WarmKernel.run_cells`).
_RESET_CODE = "__import__('sys').modules['_fai_kernel_state'].restore(get_ipython())"

# The notebook's code cells in one request (fai.batch.cell_runner): reset, then run.
_RUN_CODE = "__import__('sys').modules['_fai_kernel_state'].run(get_ipython(), {cells!r}, {out!r}, {progress!r})"

# Evaluated after the warm-up: can this kernel run a notebook in one request?
_HAS_RUNNER = "_fai_st.run_cells is not None"


@functools.lru_cache(maxsize=1)
def _runner_source() -> str:
    """The source of :mod:`fai.batch.cell_runner`, sent to the kernel with the warm-up code."""
    return (Path(__file__).with_name("cell_runner.py")).read_text(encoding="utf-8")


# The exception the kernel showed last, as JSON: a FaiError's fields() plus its class names
# (the class first), or null for any other exception. Evaluated as a user expression.
_ERROR_FIELDS = (
    "__import__('json').dumps((lambda e, mro: dict(e.fields(), classes=[c.__name__ for c in mro])"
    " if 'FaiError' in [c.__name__ for c in mro] and callable(getattr(e, 'fields', None)) else None)"
    "(getattr(__import__('sys'), 'last_value', None),"
    " type(getattr(__import__('sys'), 'last_value', None)).__mro__), default=str)"
)


@functools.lru_cache(maxsize=1)
def _manager_class() -> type:
    """The kernel manager class (jupyter_client is imported only where kernels run)."""
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

    class _Client(AsyncKernelClient):
        """A kernel client that stays connected between notebooks.

        nbclient asks a new client to start its channels and wait until the kernel
        is ready. The first wait (:meth:`_first_ready`) ends as soon as the kernel has
        answered and IOPub is seen to deliver (jupyter_client's also waits 0.2 s for
        quiet on IOPub: a fifth of a second of every kernel start). Once ready, this
        client only drops stale IOPub messages (no waiting); every request after it
        listens only to its own messages (by parent id).
        """

        _fai_started = False
        _fai_ready = False

        def start_channels(self, *args: Any, **kwargs: Any) -> None:
            if not self._fai_started:
                super().start_channels(*args, **kwargs)
                self._fai_started = True

        async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
            if not self._fai_ready:
                await self._first_ready(START_TIMEOUT_S if timeout is None else timeout)
                self._fai_ready = True
            while True:
                try:
                    await self.iopub_channel.get_msg(timeout=0)
                except Empty:
                    return

        async def _first_ready(self, timeout: float) -> None:
            """Ask for kernel_info until it is answered and an IOPub message (its busy or idle
            status) shows our subscription is live; ``RuntimeError`` if the kernel dies or
            ``timeout`` passes first."""
            deadline = time.monotonic() + timeout
            while True:
                self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    reply = None
                # the answer to any of the requests (a slow kernel answers an earlier one)
                if reply is not None and reply.get("msg_type") == "kernel_info_reply":
                    try:
                        await self.iopub_channel.get_msg(timeout=1)
                    except Empty:
                        pass  # IOPub not connected yet: ask again
                    else:
                        self._handle_kernel_info_reply(reply)
                        return
                if not await self._async_is_alive():
                    raise RuntimeError("the kernel died before it answered")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the kernel did not answer within {timeout:.0f} s")

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

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            """Forked by the run's zygote when there is one and it can (else launched as usual)."""
            address = getattr(self, "_fai_zygote", "")
            if address and zygote.can_fork(kernel_cmd):
                provisioner = self.provisioner
                try:
                    process = zygote.fork_kernel(
                        address, kernel_cmd, env=dict(kw.get("env") or os.environ), cwd=kw.get("cwd"),
                        log=getattr(kw.get("stdout"), "name", os.devnull),
                        status=os.path.join(os.path.dirname(self.connection_file), "kernel.exit"))
                except (OSError, ValueError):
                    pass  # no zygote (any more): this worker launches its kernel itself
                else:
                    provisioner.process = process
                    provisioner.pid = provisioner.pgid = process.pid  # its own session, as jupyter_client's
                    provisioner.cwd = kw.get("cwd") or os.getcwd()
                    self._reconcile_connection_info(provisioner.connection_info)
                    return
            await super()._async_launch_kernel(kernel_cmd, **kw)

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

    _KernelManager.fai_client = _Client
    return _KernelManager


class WarmKernel:
    """One kernel process, started once and reset between notebooks."""

    def __init__(self, spec: KernelSpec) -> None:
        self.spec = spec
        # IPC sockets in a private folder: no TCP port races between many kernels
        self.run_dir = tempfile.mkdtemp(prefix="fai-kernel-")
        manager = _manager_class()
        self.km = manager(kernel_name=spec.kernel_name, transport="ipc", client_factory=manager.fai_client,
                                 ip=os.path.join(self.run_dir, "kernel"),
                                 connection_file=os.path.join(self.run_dir, "kernel.json"))
        self.km._fai_zygote = spec.zygote if spec.warm else ""
        self.log_path = os.path.join(self.run_dir, "kernel.log")
        self.runs_cells = False  # warmed up with the one-request runner (fai.batch.cell_runner)

    def start(self) -> None:
        cwd = self.spec.cwd if self.spec.cwd and os.path.isdir(self.spec.cwd) else None
        with open(self.log_path, "ab") as log:
            run_sync(self.km.start_kernel)(cwd=cwd, stdout=log, stderr=log,
                                           extra_arguments=["--HistoryManager.enabled=False"])
        import nbformat  # noqa: F401 - what a task needs, imported while the kernel boots
        import papermill  # noqa: F401

        kc = self.km.client()
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=START_TIMEOUT_S)
        if self.spec.warm:
            code = _WARM_CODE.format(modules=list(self.spec.all_imports()), runner=_runner_source(),
                                     gc_threshold=GC_THRESHOLD)
            content = self._run(code, user_expressions={"runner": _HAS_RUNNER})
            runner = content.get("user_expressions", {}).get("runner", {})
            self.runs_cells = runner.get("data", {}).get("text/plain") == "True"

    def reset(self) -> None:
        """Bring a used kernel back to the state right after warm-up (a kernel that
        :attr:`runs_cells` is reset by :meth:`run_cells` itself, in the same request)."""
        if not run_sync(self.km.is_alive)():
            raise RuntimeError("the kernel died since its last notebook")
        if self.spec.warm and not self.runs_cells:
            self._run(_RESET_CODE)

    def run_cells(self, cells: str, out: str, progress: str) -> None:
        """Reset, then run the code cells listed in the file ``cells`` in one request
        (:func:`fai.batch.cell_runner.run_cells` writes their outputs to ``out``).

        Raises ``DeadKernelError`` when the kernel dies (or is killed) meanwhile, and
        ``RuntimeError`` when the runner itself failed.
        """
        run_sync(self._request)(_RUN_CODE.format(cells=cells, out=out, progress=progress))

    async def _request(self, code: str) -> None:
        from nbclient.exceptions import DeadKernelError

        kc = self.km.client()
        kc.start_channels()
        msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)  # input(): an error
        while True:
            try:
                reply = await kc.get_shell_msg(timeout=ALIVE_POLL_S)
            except Empty:
                if not await self.km.is_alive():
                    raise DeadKernelError("the kernel died") from None
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                break
        while True:  # its busy and idle status (nothing else is listened to)
            try:
                await kc.iopub_channel.get_msg(timeout=0)
            except Empty:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"the cell runner failed: {content.get('ename')}: {content.get('evalue')}")

    def _execute(self, code: str, timeout: float, **kwargs: Any) -> dict[str, Any]:
        kc = self.km.client()
        kc.start_channels()
        reply = run_sync(kc.execute_interactive)(code, silent=True, store_history=False,
                                                 timeout=timeout, **kwargs)
        return reply["content"]

    def _run(self, code: str, **kwargs: Any) -> dict[str, Any]:
        """Run set-up ``code``; the reply's content (``RuntimeError`` when the code failed)."""
        content = self._execute(code, START_TIMEOUT_S, **kwargs)
        if content.get("status") != "ok":
            raise RuntimeError(f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}")
        return content

    def error_fields(self) -> dict[str, Any] | None:
        """The fields of the FaiError the last failing cell raised (None for other errors).

        ``{"kind": "InputFormatError", "file": …, "where": …, "found": …,
        "expected": …, "message": …, "classes": ["InputFormatError", "FaiError", …]}``
        """
        try:
            content = self._execute("", FIELDS_TIMEOUT_S, user_expressions={"fai": _ERROR_FIELDS})
            value = content["user_expressions"]["fai"]
            if value.get("status") != "ok":
                return None
            data = json.loads(ast.literal_eval(value["data"]["text/plain"]))
        except Exception:  # noqa: BLE001 - no fields is an answer too: the error stays ename/evalue
            return None
        return data if isinstance(data, dict) else None

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

    def discard(self) -> None:
        """SIGKILL the kernel and remove its folder: for the end of a run, when nothing of it is
        needed any more (a polite shutdown waits for the kernel, about 0.5 s)."""
        self.kill()
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def shutdown(self) -> None:
        self.km.release_clients()
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already dead
            self.kill()
        shutil.rmtree(self.run_dir, ignore_errors=True)
