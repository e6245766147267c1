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
from collections.abc import Callable
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


class Forked:
    """Functions run one after the other in a forked child, each one's result pickled back
    through a pipe as soon as it is done; a context manager that reaps the child.

    >>> with Forked() as child:
    ...     child.fork(lambda: 6 * 7, lambda: 1 / 0, lambda: "done")
    ...     child.collect(), child.collect(), child.collect(last=True)
    True
    (42, None, 'done')
    """

    def __init__(self) -> None:
        self.pid: int | None = None
        self.fd: int | None = None
        self.started = 0.0  # time.monotonic() of the fork
        self.buffer = b""

    def fork(self, *works: Callable[[], Any]) -> bool:
        """Run each of ``works`` in turn in a forked child; False when the fork fails (then
        nothing runs)."""
        try:
            rfd, wfd = os.pipe()
        except OSError:
            return False
        try:
            pid = os.fork()
        except OSError:
            os.close(rfd)
            os.close(wfd)
            return False
        if pid == 0:  # the child: never returns
            os.close(rfd)
            _child(wfd, works)
        os.close(wfd)
        self.pid, self.fd, self.started, self.buffer = pid, rfd, time.monotonic(), b""
        return True

    def collect(self, last: bool = False) -> Any:
        """What the child's next work returned, or None when it raised or the child died or
        hung (then the child is stopped). ``last``: the child's last work — the child is then
        reaped, and its value kept only when the child exited cleanly."""
        if self.fd is None or self.pid is None:
            return None
        header = self._read(8)
        data = None if header is None else self._read(int.from_bytes(header, "big"))
        message = None
        if data is not None:
            try:
                message = pickle.loads(data)
            except Exception:  # noqa: BLE001 - a truncated message: the parent does the work
                message = None
        if message is None:
            self.stop()
            return None
        if last:
            while self._read(1 << 16, partial=True):
                pass  # (nothing more is written: to the end of the pipe)
            os.close(self.fd)
            self.fd = None
            status = _reap(self.pid)
            self.pid = None
            if status not in (0, None):
                return None
        ok, value = message
        return value if ok else None

    def _read(self, size: int, partial: bool = False) -> bytes | None:
        """``size`` bytes from the child (fewer only with ``partial``; b"" at the end), None at
        the end of the pipe before them or past the deadline: a child that hangs (a lock a
        fork left held) never stops the parent, it is killed and the parent does the work."""
        assert self.fd is not None
        deadline = time.monotonic() + max(GRACE_S, time.monotonic() - self.started)
        while len(self.buffer) < size and not (partial and self.buffer):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, max(size - len(self.buffer), 1 << 16))
            if not chunk:
                if partial:
                    break
                return None
            self.buffer += chunk
        out, self.buffer = self.buffer[:size], self.buffer[size:]
        return out

    def stop(self) -> None:
        """Kill and reap the child, if one runs (its results are not wanted)."""
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
        self.stop()


class ProjectsAhead(Forked):
    """A project reader started in a forked child; a context manager that reaps it. The child
    may read a part of the text's figures first (:mod:`~fai.bulletin.figures_ahead`).

    >>> from fai.bulletin.text import clean_lines
    >>> lines = clean_lines("全县重点项目58个，完成投资29.8亿元。")
    >>> with ProjectsAhead(None, None) as ahead:
    ...     ahead.start(lines, "天城县")
    ...     groups, _, _ = ahead.result(lines, "天城县")
    False
    >>> groups[0]["region"], groups[0]["done_100m_yuan"]
    ('天城县', 29.8)
    """

    def __init__(self, year: int | None, file: str | None) -> None:
        super().__init__()
        self.year = year
        self.file = file
        self.guess: str | None = None
        self.used = False  # the last result came from the child (for tests)
        self.part: Any = None  # the figures' part the child reads first, if any

    def start(self, lines: list[str], region: str | None, part: Any = None) -> bool:
        """Fork a child that reads the projects of ``lines`` with ``region`` as the text's
        own region — after ``part`` (a :class:`~fai.bulletin.figures_ahead.Part` of the
        figures), if given; nothing when the fork fails (all is then read in-process).
        True when the child reads ``part``."""
        works = [] if part is None else [part.work]
        works.append(lambda: _read_quietly(lines, region, self.year, self.file))
        if not self.fork(*works):
            return False
        self.guess = region
        self.part = part
        if part is not None:
            part.source = self
        return part is not None

    def result(self, lines: list[str], region: str | None) -> Any:
        """:func:`~fai.bulletin.projects.read_projects` of ``lines`` with ``region``, the
        final region: the child's when it read with that region and succeeded, else
        read here (raising and warning as the sequential path does)."""
        from fai.bulletin.projects import read_projects

        self.used = False
        if self.pid is not None and self.guess == region:
            if self.part is not None and not self.part.taken:
                self.part.result()  # (the figures' part, not asked for: passed over)
            payload = self.collect(last=True)
            if payload is not None:
                self.used = True
                return payload
        self.stop()
        return read_projects(lines, region, self.year, self.file)


def _reap(pid: int) -> int | None:
    """Wait for the child ``pid``: its wait status, None when the system reaped it already
    (SIGCHLD ignored; then only a complete message tells that it succeeded)."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def _read_quietly(lines: list[str], region: str | None, year: int | None, file: str | None) -> Any:
    """:func:`~fai.bulletin.projects.read_projects`, or None when it warned (the parent reads
    them again, warning itself)."""
    import warnings

    from fai.bulletin.projects import read_projects

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = read_projects(lines, region, year, file)
    return None if caught else value


def _child(wfd: int, works: tuple[Callable[[], Any], ...]) -> None:
    """In the forked child: write ``(True, work())`` for each of ``works`` to ``wfd``, its
    length first (``(False, None)`` when it raised: the parent does the work again, raising
    itself), and exit without running the parent's clean-up."""
    code = 1
    try:
        for work in works:
            try:
                message = (True, work())
            except Exception:  # noqa: BLE001 - raised again by the parent's own work
                message = (False, None)
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(len(data).to_bytes(8, "big") + data)
            while view:
                view = view[os.write(wfd, view) :]
        code = 0
    finally:
        os._exit(code)
