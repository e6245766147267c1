"""The output folder of a run: checked before anything runs, locked while it is written.

:func:`open_folder` makes sure ``--out`` is a folder fai can write (not a file,
not read-only, not under a file) and takes an exclusive lock on it
(``.fai-run.lock``, released when the run ends or its process dies), so two
``fai run`` into one folder never interleave: the second stops with the first
one's process id. :meth:`OutputFolder.check_space` refuses to start a batch
the disk cannot hold, and a small reserve file keeps room for the final
``summary.json`` and ``index.html`` should the disk fill up mid-batch.

>>> with open_folder("reports") as folder:        # doctest: +SKIP
...     folder.check_space(reports=81)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from fai.errors import OutputError, os_reason

LOCK_FILE = ".fai-run.lock"
RESERVE_FILE = ".fai-reserve"
RESERVE_BYTES = 4 * 1024 * 1024  # the final summary.json and index.html of a large batch
REPORT_BYTES = 1_000_000  # room asked per report: an HTML of at most 1 MB plus its notebook
PDF_BYTES = 500_000


class OutputFolder:
    """A locked output folder (use :func:`open_folder`)."""

    def __init__(self, path: Path, lock_fd: int) -> None:
        self.path = path
        self._lock_fd: int | None = lock_fd

    def __enter__(self) -> OutputFolder:  # noqa: PYI034 - Python 3.10 has no typing.Self
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_space(self, reports: int, pdf: bool = False) -> None:
        """Refuse a batch of ``reports`` the file system cannot hold."""
        free = shutil.disk_usage(self.path).free
        needed = reports * (REPORT_BYTES + (PDF_BYTES if pdf else 0)) + RESERVE_BYTES
        if free < needed:
            raise OutputError(file=str(self.path), where="",
                              found=f"only {free / 1e6:.1f} MB free on its disk",
                              expected=f"at least {needed / 1e6:.0f} MB for {reports} report"
                              f"{'' if reports == 1 else 's'} — free "
                              "some space or choose another --out")

    def reserve(self) -> None:
        """Set aside room for the final summary and index (given back by :meth:`release_reserve`)."""
        path = self.path / RESERVE_FILE
        try:
            with open(path, "wb") as f:
                try:
                    os.posix_fallocate(f.fileno(), 0, RESERVE_BYTES)
                except (AttributeError, OSError):
                    f.write(b"\0" * RESERVE_BYTES)
        except OSError:
            path.unlink(missing_ok=True)
            raise

    def release_reserve(self) -> None:
        (self.path / RESERVE_FILE).unlink(missing_ok=True)

    def close(self) -> None:
        """Give back the reserve and the lock."""
        self.release_reserve()
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None


def open_folder(path: str | Path) -> OutputFolder:
    """Create ``path`` if needed, check fai can write there, and lock it for this run."""
    folder = Path(path)
    _check_folder(folder)
    lock_path = folder / LOCK_FILE
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _write_error(folder, exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = _read_holder(fd)
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise OutputError(file=str(folder), where="",
                              found=f"another `fai run` is writing these reports ({holder})",
                              expected="one run per output folder — wait until it ends, or use "
                              "another --out") from None
        raise _write_error(folder, exc) from None
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, started {datetime.now():%Y-%m-%d %H:%M:%S}: "
                     f"{' '.join(sys.argv)[:300]}\n".encode())
    except OSError as exc:
        os.close(fd)
        raise _write_error(folder, exc) from None
    return OutputFolder(folder, fd)


def check_writable(path: str | Path) -> None:
    """Could fai write reports into ``path``? Checked without creating anything: a file or a
    folder under a file, or a read-only or full place, is an :class:`~fai.errors.OutputError`."""
    folder = Path(path)
    existing = _existing_ancestor(folder)
    try:
        fd, probe = tempfile.mkstemp(prefix=".fai-probe-", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _write_error(folder, exc) from None


def _existing_ancestor(folder: Path) -> Path:
    """The folder itself or its nearest existing parent; an error when a file is in the way."""
    for parent in [folder, *folder.parents]:
        if parent.exists() and not parent.is_dir():
            what = "is a file" if parent == folder else f"is under the file {parent}"
            raise OutputError(file=str(folder), where="", found=what,
                              expected="a folder for the reports (a new name, or an existing folder)")
        if parent.exists():
            return parent
    return Path.cwd()


def _check_folder(folder: Path) -> None:
    check_writable(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(folder, exc) from None
    if folder != _existing_ancestor(folder):  # made now: is it writable itself?
        check_writable(folder)


def _write_error(folder: Path, exc: OSError) -> OutputError:
    reason = {errno.EROFS: "is on a read-only file system", errno.EACCES: "is not writable (permission denied)",
              errno.EPERM: "is not writable (operation not permitted)",
              errno.ENOSPC: "is on a full disk", errno.EDQUOT: "is over its disk quota"}.get(
                  exc.errno or 0, f"cannot be written ({os_reason(exc)})")
    return OutputError(file=str(folder), where="", found=reason,
                       expected="a folder fai can write the reports into (choose another --out)")


def _read_holder(fd: int) -> str:
    with contextlib.suppress(OSError):
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 400).decode("utf-8", "replace").strip()
        if text:
            return text
    return "its process id is unknown"
