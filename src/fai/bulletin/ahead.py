"""Read a large text's projects in a forked child while the figure reader reads it.

:func:`~fai.bulletin.parse.read_bulletin_records` reads a text twice: the figure
reader (:mod:`fai.bulletin.reader`) and then the project reader
(:func:`~fai.bulletin.projects.read_projects`), which needs the text's own region the
figure reader found. That region is settled early — when the reader's
``region_locked`` turns true, after the first line or two — and changes after that
only at the very end (None → 全国, a national release). So, for a large text, the
project reader starts in a forked child with the region as it stands then, and the
parent goes on reading figures. The child's records are used only when that region
is the final one and the child finished cleanly and silently; in every other case
(another region, an exception, a warning, a crash) the parent reads the projects
itself, as the sequential path does, so the records, the warnings and the errors
are exactly those of the sequential path.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (typing.Self is Python 3.11 on; fai runs on 3.10)
    from typing_extensions import Self

#: texts shorter than this (in characters) are read in sequence: a fork, its pipe and its
#: reaping cost ~3 ms, the project reader of 100,000 characters ~0.1 s (measured on a
#: loaded 2-core machine; the break-even is far lower, this keeps small texts simple)
MIN_CHARS = 100_000
#: how long past the figure reader's own time the parent waits for the child, at least
GRACE_S = 5.0


def can_fork(text: str) -> bool:
    """True when reading the projects in a child can pay: a large text, ``os.fork``, more
    than one usable CPU, no other thread in this process, Python's or native (a fork copies
    only the calling thread; a lock another thread holds would stay held in the child:
    once numpy's BLAS or pyarrow started threads, the text is read in sequence), and
    SIGCHLD not ignored (the system would reap the child: its pid could be reused).

    >>> can_fork("全县投资增长8%。")
    False
    """
    return (
        len(text) >= MIN_CHARS
        and hasattr(os, "fork")
        and usable_cpus() > 1
        and single_threaded()
        and signal.getsignal(signal.SIGCHLD) is not signal.SIG_IGN
    )


def single_threaded() -> bool:
    """No thread in this process but the calling one, Python's or native."""
    return threading.active_count() == 1 and native_threads() == 1


def native_threads() -> int:
    """The threads of this process as the OS counts them (Linux ``/proc``; elsewhere Python's).

    >>> native_threads() >= 1
    True
    """
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one).

    >>> usable_cpus() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class ProjectsAhead:
    """A project reader started in a forked child; a context manager that reaps it.

    >>> from fai.bulletin.text import clean_lines
    >>> lines = clean_lines("全县重点项目58个，完成投资29.8亿元。")
    >>> with ProjectsAhead(None, None) as ahead:
    ...     ahead.start(lines, "天城县")
    ...     groups, _, _ = ahead.result(lines, "天城县")
    >>> groups[0]["region"], groups[0]["done_100m_yuan"]
    ('天城县', 29.8)
    """

    def __init__(self, year: int | None, file: str | None) -> None:
        self.year = year
        self.file = file
        self.pid: int | None = None
        self.fd: int | None = None
        self.guess: str | None = None
        self.used = False  # the last result came from the child (for tests)
        self.started = 0.0  # time.monotonic() of the fork

    def start(self, lines: list[str], region: str | None) -> None:
        """Fork a child that reads the projects of ``lines`` with ``region`` as the text's
        own region; nothing when the fork fails (the projects are then read in-process)."""
        try:
            rfd, wfd = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(rfd)
            os.close(wfd)
            return
        if pid == 0:  # the child: never returns
            os.close(rfd)
            _child(wfd, lines, region, self.year, self.file)
        os.close(wfd)
        self.pid, self.fd, self.guess, self.started = pid, rfd, region, time.monotonic()

    def result(self, lines: list[str], region: str | None) -> Any:
        """:func:`~fai.bulletin.projects.read_projects` of ``lines`` with ``region``, the
        final region: the child's when it read with that region and succeeded, else
        read here (raising and warning as the sequential path does)."""
        from fai.bulletin.projects import read_projects

        self.used = False
        if self.pid is not None and self.guess == region:
            payload = self._collect()
            if payload is not None:
                self.used = True
                return payload
        self._stop()
        return read_projects(lines, region, self.year, self.file)

    def _collect(self) -> Any:
        """The child's records, or None when it failed, warned or died."""
        assert self.fd is not None and self.pid is not None
        # a child that hangs (a lock a fork left held) never stops the parent: past the
        # deadline it is killed and the projects are read here
        deadline = time.monotonic() + max(GRACE_S, time.monotonic() - self.started)
        chunks = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                self._stop()
                return None
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self.fd)
        self.fd = None
        status = _reap(self.pid)
        self.pid = None
        if status not in (0, None) or not chunks:
            return None
        try:
            ok, value = pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - a truncated message: read in-process
            return None
        return value if ok else None

    def _stop(self) -> None:
        """Kill and reap the child, if one runs (its result is not wanted)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - reaped by the system (SIGCHLD ignored)
                pass
            _reap(self.pid)
            self.pid = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop()


def _reap(pid: int) -> int | None:
    """Wait for the child ``pid``: its wait status, None when the system reaped it already
    (SIGCHLD ignored; then only a complete message tells that it succeeded)."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def _child(
    wfd: int, lines: list[str], region: str | None, year: int | None, file: str | None
) -> None:
    """In the forked child: read the projects, write ``(True, records)`` to ``wfd``
    (``(False, None)`` when the reader raised or warned: the parent reads them again,
    raising or warning itself), and exit without running the parent's clean-up."""
    import warnings

    code = 1
    try:
        from fai.bulletin.projects import read_projects

        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = read_projects(lines, region, year, file)
            message = (not caught, value if not caught else None)
        except Exception:  # noqa: BLE001 - raised again by the parent's own read
            message = (False, None)
        data = memoryview(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(wfd, data) :]
        code = 0
    finally:
        os._exit(code)
