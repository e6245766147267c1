"""The ``fai`` console command: ``fai --help``, ``fai --version`` and the
subcommands found in :mod:`fai.cli` (build, metrics, run, parse, …).

Each subcommand module defines ``add_parser(subparsers)`` which registers its
parser and sets ``handler``. Whatever goes wrong ends as one line on stderr and
an exit status, never a traceback (:func:`describe`): a
:class:`~fai.errors.FaiError` by its fields (exit 2), an operating-system error
on a file as the file and the reason (exit 2), anything else as an internal
error (exit 3; ``FAI_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Sequence

from fai import __version__
from fai.errors import FaiError

EXIT_INVALID = 2  # a bad input, parameter or output path: nothing wrong was written
EXIT_INTERNAL = 3  # a bug in fai
EXIT_INTERRUPTED = 130

# subcommand modules in the order `fai --help` lists them
COMMANDS = ["build", "metrics", "run", "parse"]

EPILOG = """examples:
  fai build                                 data/raw/ (bundled and your own files) → data/processed/
  fai build 北京.xls --out /tmp/processed     other inputs, another folder
  fai metrics 全国 --period 2024-11
  fai run params/ --notebooks growth
  fai parse bulletin.txt --format json
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every installed subcommand, or only with ``only`` (each
    command module imports what it runs: ``fai parse`` need not load the batch's Jupyter)."""
    parser = argparse.ArgumentParser(
        prog="fai",
        description="Fixed-asset-investment (固定资产投资) analytics: clean, compute, report.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fai {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        module_name = f"fai.cli.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        importlib.import_module(module_name).add_parser(sub)
    return parser


def describe(exc: BaseException) -> tuple[int, str]:
    """(exit status, one line) for an error that ended a command.

    >>> from fai.errors import OutputError
    >>> describe(OutputError(file="reports", where="", found="is a file", expected="a folder"))
    (2, 'reports: is a file — expected a folder')
    >>> describe(OSError(errno.ENOSPC, "No space left on device", "reports/summary.json"))
    (2, 'reports/summary.json: no space left on device')
    >>> describe(KeyError("region"))
    (3, "internal error: KeyError: 'region' — please report it (FAI_DEBUG=1 shows the traceback)")
    """
    if isinstance(exc, FaiError):
        return EXIT_INVALID, exc.message  # verbatim: a schema error lists every bad row
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted"
    if isinstance(exc, OSError) and (exc.filename is not None or exc.errno in _FILE_ERRNOS):
        reason = (exc.strerror or os.strerror(exc.errno or 0) or type(exc).__name__).lower()
        place = f"{exc.filename}: " if exc.filename is not None else ""
        return EXIT_INVALID, _one_line(f"{place}{reason}")
    if isinstance(exc, MemoryError):
        return EXIT_INVALID, "out of memory — expected inputs that fit in this machine's memory"
    return EXIT_INTERNAL, _one_line(f"internal error: {type(exc).__name__}: {exc} — please report it "
                                    "(FAI_DEBUG=1 shows the traceback)")


_FILE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT,
                errno.EISDIR, errno.ENOTDIR, errno.EEXIST}


def _one_line(text: str, limit: int = 500) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fai`` command; returns the exit code."""
    command_line = argv is None  # the `fai` command itself (not a call from Python)
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    from fai.batch.lean import skip_slow_optional_imports

    skip_slow_optional_imports()  # 1 s of jsonschema's optional imports nothing here uses
    try:
        return int(args.handler(args) or 0)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - every error ends as one line
        code, line = describe(exc)
        if code == EXIT_INTERNAL and os.environ.get("FAI_DEBUG"):
            traceback.print_exc()
        print(f"fai {args.command}: {line}", file=sys.stderr)
        return code
    finally:
        if command_line:
            exit_quickly()


def exit_quickly() -> None:
    """Spare the ``fai`` process the garbage collections of its exit: with pandas, matplotlib
    and nbconvert loaded, Python's last collections walk every object they made (0.3–1 s after
    ``fai run`` printed its last line). Frozen objects are skipped; everything is still torn
    down and flushed as usual. Only for the command itself: a Python caller's process goes on."""
    gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
