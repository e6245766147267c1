"""``fai data``: build ``data/processed/`` (tidy table + targets) from the bundled ``data/raw/``."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "data",
        help="build data/processed/ from the bundled data/raw/",
        description="Build the tidy table and the targets table from the bundled raw files.",
        epilog="example:\n  fai data --out data/processed",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", default=None, help="output folder (default: data/processed)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from fai import data

    tidy_path, targets_path = data.build_processed(args.out)
    tidy = data.load(tidy_path)
    targets = data.load_targets(targets_path)
    print(f"{tidy_path}: {len(tidy)} figures; {targets_path}: {len(targets)} target rows")
    return 0
