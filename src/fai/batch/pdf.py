"""``fai run --pdf``: a PDF beside each report's HTML, printed by headless Chromium.

Chromium is the browser the tests already use (``/usr/bin/chromium`` on
Debian; ``$FAI_CHROMIUM`` names another). Each HTML is printed to a temporary
file and renamed into place, a few at a time in the background while the
batch goes on. Without Chromium, :func:`find_chromium` stops ``fai run --pdf``
before anything runs and says what to install.

>>> printer = PdfPrinter(find_chromium())                    # doctest: +SKIP
>>> printer.submit(Path("reports/110000-beijing/growth.html"))  # doctest: +SKIP
>>> printer.wait()                                          # doctest: +SKIP
[]
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from fai.errors import ParameterError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_S = 120


def find_chromium() -> str:
    """The Chromium to print with; a ParameterError saying what to install when there is none."""
    named = os.environ.get("FAI_CHROMIUM")
    if named:
        found = shutil.which(named)
        if found:
            return found
        raise ParameterError(f"--pdf: FAI_CHROMIUM is {named!r}, which is not a program — expected "
                             "the path of a Chromium or Chrome browser")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise ParameterError("--pdf: no Chromium found (looked for " + ", ".join(CANDIDATES) + ") — "
                         "install it (Debian: apt-get install chromium) or set FAI_CHROMIUM, or run "
                         "without --pdf")


def print_pdf(chromium: str, html_path: Path, pdf_path: Path | None = None) -> Path:
    """Print one HTML page to ``pdf_path`` (default: beside it, ``.pdf``) atomically."""
    pdf_path = pdf_path or html_path.with_suffix(".pdf")
    fd, tmp = tempfile.mkstemp(prefix=f".{pdf_path.name}.", suffix=".tmp", dir=pdf_path.parent)
    os.close(fd)
    profile = tempfile.mkdtemp(prefix="fai-chromium-")
    try:
        proc = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--no-pdf-header-footer", f"--user-data-dir={profile}",
             f"--print-to-pdf={tmp}", html_path.resolve().as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=PDF_TIMEOUT_S, check=False)
        with open(tmp, "rb") as f:
            whole = f.read(5) == b"%PDF-"
        if proc.returncode != 0 or not whole:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise OSError(f"{html_path}: Chromium made no PDF (exit {proc.returncode}: {tail[0][:200]})")
        os.replace(tmp, pdf_path)
    except subprocess.TimeoutExpired:
        raise OSError(f"{html_path}: Chromium took longer than {PDF_TIMEOUT_S} s to print it") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        shutil.rmtree(profile, ignore_errors=True)
    return pdf_path


class PdfPrinter:
    """Prints PDFs in the background, ``jobs`` at a time."""

    def __init__(self, chromium: str, jobs: int = 2) -> None:
        self.chromium = chromium
        self.pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="fai-pdf")
        self.futures: list[Future] = []

    def submit(self, html_path: Path) -> None:
        self.futures.append(self.pool.submit(print_pdf, self.chromium, html_path))

    def wait(self) -> list[str]:
        """Wait for every PDF; the problems, one line each."""
        problems = []
        for fut in self.futures:
            try:
                fut.result()
            except Exception as exc:  # noqa: BLE001 - one PDF's problem, said in one line
                problems.append(str(exc))
        self.pool.shutdown(wait=True)
        self.futures.clear()
        return problems

    def cancel(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
