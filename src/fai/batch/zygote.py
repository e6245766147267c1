"""Kernels forked from one warm process: a run pays the kernels' imports once, not once each.

A batch's kernels all import the same modules (ipykernel, pandas, matplotlib, fai and
what the templates import): about 1 s of CPU per kernel, while the workers start,
on a 2-core machine. The *zygote* is one process per run that does those imports
once, then forks a kernel whenever a worker asks for one. A forked kernel starts
ipykernel's application exactly as ``python -m ipykernel_launcher -f …`` would (its
own session, working folder, environment, ``sys.argv`` and ``sys.path``, log file
as stdout and stderr, default signal handlers), so a notebook sees what it sees in a
kernel started from scratch; only the imports are already done. ``ps`` shows it with the
launcher's command line too (``setproctitle``). Forking copies memory pages only when
they are written, so the kernels share the imported code; the zygote moves what its
imports made out of the cyclic garbage collector's reach (``gc.freeze``), so no kernel's
collection writes to those pages. Before forking it also runs what a report's first use
of fai does once (:mod:`fai.reports.kernel_warm`).

The zygote forks a kernel only for the kernel command of this interpreter
(``<this python> -m ipykernel_launcher -f {connection_file} …``); anything else, a
zygote that is gone, or a worker that started its kernel the usual way, is launched
by jupyter_client as before. The kernel is the zygote's child, not the worker's: the
worker sees it through :class:`ForkedKernel` (a ``Popen`` look-alike over a Linux
pidfd), and the zygote writes each kernel's exit status where that worker reads it.

The zygote keeps no thread of its own (forking a threaded process is unsafe), leaves
when the driver's end of its stdin closes (the run ended, or the driver died) and is
stopped with the pool. Its protocol is one JSON line each way over a Unix socket in a
private folder, which the driver binds before the zygote starts (a worker asking early
waits for the imports; once the zygote is gone, asking fails at once).

>>> zygote = Zygote(("pandas", "matplotlib.pyplot", "fai"))   # doctest: +SKIP
>>> KernelSpec(imports=("fai",), zygote=zygote.address)          # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import importlib.util
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: imported besides the templates' imports: ipykernel's application, and what fai imports on a
#: report's first use (~0.4 s of CPU each kernel's first report would pay): seaborn and the
#: CJK font package for the charts, PIL for their PNG, the data layer (with the bulletin
#: reader, which the data's freshness check hashes), OpenCC. Not pandera: the processed
#: tables a report loads were validated by `fai build` (fai.data.validated_before); a report
#: on another table imports it when it validates that one.
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell",
                  "matplotlib_inline.backend_inline", "seaborn", "noto_cjk_sans_otc", "PIL.PngImagePlugin",
                  "fai.data", "fai.bulletin.parse", "fai.bulletin.to_tidy", "opencc")
#: the inline backend, as ipykernel sets it when MPLBACKEND is unset (read by matplotlib at import)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
WARM_UP = "fai.reports.kernel_warm"  # its prepare() runs once, before any kernel is forked
CONNECT_TIMEOUT_S = 120  # a worker waits this long at most for the zygote's imports
REAP_EVERY_S = 0.05  # how often the zygote collects the exit status of its kernels
CLOSE_WAIT_S = 0.5  # a closed zygote leaves within REAP_EVERY_S, unless it is still importing
LAUNCHER = "ipykernel_launcher"


class Zygote:
    """The driver's side: one zygote process for a run, started at once (its imports run
    while the driver plans and the workers start)."""

    def __init__(self, imports: Sequence[str]) -> None:
        self.folder = tempfile.mkdtemp(prefix="fai-zygote-")
        self.address = os.path.join(self.folder, "socket")
        # listening before the zygote even starts: a worker that asks early waits for the answer;
        # once the zygote is gone (its copy closed with it), asking fails at once
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener, \
                open(os.path.join(self.folder, "log"), "ab") as log:
            listener.bind(self.address)
            listener.listen(64)
            fd = listener.fileno()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "fai.batch.zygote", str(fd), json.dumps(list(imports)), self.folder],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log, pass_fds=(fd,))

    def close(self) -> None:
        """Stop the zygote (its kernels belong to the workers, which kill them) and remove its
        folder. One still importing (workers started ahead of a run that had nothing to make)
        is killed rather than waited for."""
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=CLOSE_WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


def supported() -> bool:
    """Can this machine fork kernels from a zygote? Linux with pidfds (5.3 and later): elsewhere
    (macOS, Windows) each worker launches its kernel itself."""
    if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


# ---- the worker's side ---------------------------------------------------------------


def can_fork(cmd: Sequence[str]) -> bool:
    """Is ``cmd`` this interpreter's ipykernel launcher (what the zygote can stand in for)?"""
    if len(cmd) < 3 or list(cmd[1:3]) != ["-m", LAUNCHER]:
        return False
    try:
        return os.path.samefile(cmd[0], sys.executable)
    except OSError:
        return False


def fork_kernel(address: str, cmd: Sequence[str], *, env: dict[str, str], cwd: str | None, log: str,
                status: str) -> ForkedKernel:
    """Ask the zygote at ``address`` for a kernel running ``cmd``'s arguments.

    Raises ``OSError`` when the zygote cannot be reached or could not fork (the caller then
    launches the kernel itself).
    """
    env = {**env, "JPY_PARENT_PID": str(os.getpid())}  # as jupyter_client's launcher sets it
    request = {"args": list(cmd[3:]), "env": env, "cwd": cwd or os.getcwd(), "log": log, "status": status}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_TIMEOUT_S)
        sock.connect(address)
        sock.sendall(json.dumps(request).encode() + b"\n")
        reply = _read_line(sock)
    if "pid" not in reply:
        raise OSError(f"the zygote could not fork a kernel: {reply.get('error', reply)}")
    return ForkedKernel(int(reply["pid"]), status)


def _read_line(sock: socket.socket) -> dict[str, Any]:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("the zygote closed the connection")
        data += chunk
    return json.loads(data)


class ForkedKernel:
    """What jupyter_client's provisioner uses of a ``Popen``, for a kernel the zygote forked.

    Not being the kernel's parent, the worker watches it through a pidfd (readable once
    the process has ended) and reads its exit status from the file the zygote writes when
    it collects the kernel (``-N``: killed by signal N, as ``Popen.returncode``).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, status: str) -> None:
        self.pid = pid
        self.args = [str(pid)]
        self.status = status
        self.returncode: int | None = None
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except OSError:  # already gone (and collected)
            self._pidfd = None

    def _ended(self, timeout: float | None) -> bool:
        if self._pidfd is None:
            return True
        poller = select.poll()
        poller.register(self._pidfd, select.POLLIN)
        return bool(poller.poll(None if timeout is None else int(timeout * 1000)))

    def poll(self) -> int | None:
        if self.returncode is None and self._ended(0):
            self.returncode = self._read_status()
            self._close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not self._ended(timeout):
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            self.returncode = self._read_status()
            self._close()
        return self.returncode

    def _read_status(self, patience_s: float = 3.0) -> int:
        """The exit status the zygote wrote (it collects kernels every REAP_EVERY_S)."""
        deadline = time.monotonic() + patience_s
        while True:
            with contextlib.suppress(OSError, ValueError):
                return int(Path(self.status).read_text(encoding="ascii"))
            if time.monotonic() > deadline:
                return -int(signal.SIGKILL)  # the zygote is gone: it ended with it
            time.sleep(REAP_EVERY_S / 2)

    def _close(self) -> None:
        if self._pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
            self._pidfd = None

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


# ---- the zygote process ----------------------------------------------------------------


def _ask_fresh_sys_path() -> subprocess.Popen:
    """``sys.path`` as ``python -m ipykernel_launcher`` has it once the launcher removed the
    working folder (IPython adds ``''`` back): a fresh interpreter's, without its script's
    folder. Asked at once, read (:func:`_read_json`) after the imports."""
    return subprocess.Popen([sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


def _read_json(proc: subprocess.Popen) -> Any:
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{proc.args!r} failed with exit code {proc.returncode}")
    return json.loads(out)


def _launcher_path() -> str:
    """``sys.argv[0]`` of a kernel started by ``python -m ipykernel_launcher``."""
    spec = importlib.util.find_spec(LAUNCHER)
    return spec.origin if spec is not None and spec.origin else LAUNCHER


def _retitle(argv: Sequence[str] | None = None) -> None:
    """Show the kernel as ``ps`` shows a launched one (not as the zygote it was forked from).

    Called once in the zygote before anything changes its environment (without ``argv``):
    ``setproctitle`` finds the process's command line from ``environ`` on first use.
    """
    try:
        import setproctitle
    except ImportError:
        return
    if argv is None:
        setproctitle.getproctitle()
    else:
        setproctitle.setproctitle(" ".join(argv))


def _import_all(modules: Sequence[str]) -> None:
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    for name in (*modules, *KERNEL_MODULES):
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def _warm_up() -> None:
    """What a report's first use of fai does once in a kernel (:func:`fai.reports.kernel_warm.prepare`)."""
    with contextlib.suppress(Exception):
        importlib.import_module(WARM_UP).prepare()


def _write_status(path: str, status: int) -> None:
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    tmp = f"{path}.tmp"
    with contextlib.suppress(OSError):
        Path(tmp).write_text(str(code), encoding="ascii")
        os.replace(tmp, path)


def _reap(children: dict[int, str]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        path = children.pop(pid, None)
        if path:
            _write_status(path, status)


def _become_kernel(request: dict[str, Any], base_path: list[str], keep: Sequence[Any]) -> None:
    """In the forked child: turn into ``python -m ipykernel_launcher <args>``; never returns."""
    code = 1
    try:
        _retitle([sys.executable, "-m", LAUNCHER, *request["args"]])
        for thing in keep:  # the zygote's sockets (stdin, fd 0, is replaced below)
            with contextlib.suppress(Exception):
                thing.close()
        os.setsid()
        for sig in (signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(null)
        os.close(log)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
        sys.argv = [_launcher_path(), *request["args"]]
        sys.path[:] = base_path
        if "numpy" in sys.modules:  # each kernel its own random stream, as in a fresh process
            with contextlib.suppress(Exception):
                sys.modules["numpy"].random.seed()
        from ipykernel import kernelapp

        # its parent is the zygote: ipykernel leaves when its parent does (the trait's default
        # was read from JPY_PARENT_PID when the zygote imported ipykernel, before any request)
        kernelapp.IPKernelApp.launch_instance(argv=list(request["args"]), parent_handle=os.getppid())
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported in the kernel's log, which the worker shows
        import traceback

        with contextlib.suppress(Exception):
            traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(fd: int, modules: Sequence[str]) -> None:
    """The zygote's life: import, then fork a kernel per request on the listening socket ``fd``
    (the driver's, bound before this process started) until stdin closes."""
    listener = socket.socket(fileno=fd)
    _retitle()
    asked = _ask_fresh_sys_path()
    _import_all(modules)
    _warm_up()
    # What the imports made is never garbage: out of the cyclic gc's scans for good (a kernel's
    # warm-up does the same), so that no kernel's collection writes to those pages and makes it
    # copy them (the kernels share them with the zygote until one writes).
    gc.collect()
    gc.freeze()
    base_path = _read_json(asked)
    # A module that started a thread at import (a kernel started from scratch would have it;
    # a forked one would not): its kernels are launched by the workers instead.
    threads = ", ".join(t.name for t in threading.enumerate() if t is not threading.main_thread())
    children: dict[int, str] = {}
    stdin = sys.stdin.buffer
    while True:
        ready, _, _ = select.select([listener, stdin], [], [], REAP_EVERY_S)
        _reap(children)
        if stdin in ready and not os.read(stdin.fileno(), 4096):
            break  # the driver closed our stdin (or died)
        if listener not in ready:
            continue
        conn, _ = listener.accept()
        with conn:
            try:
                request = _read_line(conn)
                if threads:
                    raise RuntimeError(f"the imports started threads ({threads}); a fork would not have them")
                pid = os.fork()
                if pid == 0:
                    _become_kernel(request, base_path, (conn, listener))
                children[pid] = request["status"]
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            except Exception as exc:  # noqa: BLE001 - the worker launches its kernel itself
                with contextlib.suppress(OSError):
                    conn.sendall(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode() + b"\n")
    listener.close()
    deadline = time.monotonic() + 1
    while children and time.monotonic() < deadline:  # the workers kill their kernels at the end:
        _reap(children)  # collected within milliseconds (`fai run` waits for this process)
        time.sleep(REAP_EVERY_S / 20)


def _leave(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _leave)  # (a forked kernel gets the default back)
    code = 0
    try:
        serve(int(sys.argv[1]), json.loads(sys.argv[2]))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:  # the driver may have died (or be gone) without removing it
        shutil.rmtree(sys.argv[3], ignore_errors=True)
    os._exit(code)  # no teardown of pandas, matplotlib, … (~0.4 s): nothing is left to flush
