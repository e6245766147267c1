"""The ``fai`` console command: ``fai --help``, ``fai --version`` and the
subcommands found in :mod:`fai.cli` (build, metrics, run, parse, …).

Each subcommand module defines ``add_parser(subparsers)`` which registers its
parser and sets ``handler``; a :class:`~fai.errors.FaiError` is printed as one
message and exits 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

from fai import __version__

# subcommand modules in the order `fai --help` lists them
COMMANDS = ["build", "metrics", "run", "parse"]

EPILOG = """examples:
  fai build                                 data/raw/ (bundled and your own files) → data/processed/
  fai build 北京.xls --out /tmp/processed     other inputs, another folder
  fai metrics 全国 --period 2024-11
  fai run params/ --notebooks growth
  fai parse bulletin.txt --format json
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every installed subcommand."""
    parser = argparse.ArgumentParser(
        prog="fai",
        description="Fixed-asset-investment (固定资产投资) analytics: clean, compute, report.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fai {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module_name = f"fai.cli.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        importlib.import_module(module_name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fai`` command; returns the exit code."""
    from fai.errors import FaiError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except FaiError as exc:
        print(f"fai {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"fai {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
