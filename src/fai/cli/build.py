"""``fai build``: build ``data/processed/`` from the input files — by default every file of
``data/raw/``, bundled or the analyst's own — with a cleaning report and a manifest of what it
was built from (names, content hashes, fai version). ``fai.load()`` uses the result only while
``data/raw/`` still matches that manifest."""

from __future__ import annotations

import argparse
from pathlib import Path

from fai import data, files, paths
from fai.errors import OutputError

EPILOG = """examples:
  fai build                                   every file of data/raw/ → data/processed/
  fai build --region 安吉县 --period 2025-09   … telling bureau tables that do not say
  fai build 北京.xls 余杭区2016年8月.xlsx --out /tmp/processed --csv

writes into OUT (default data/processed/): fai.parquet (the tidy table), targets.parquet,
cleaning_report.csv (every converted, dropped, flagged, collapsed or conflicting cell with
its reason) and manifest.json; with --csv also fai.csv and targets.csv. Nothing is written
unless every input reads cleanly; a bad input stops the build with one line naming the file
and the row or cell (exit 2). Formats are recognised from the content, not the file name.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build data/processed/ from data/raw/ (or the given inputs)",
        description="Read every input (NBS portal exports, bureau tables, tidy CSVs, the bundled "
        "CSVs), merge and validate them, and write the tidy table, the targets table, the "
        "cleaning report and a manifest together.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="input files (default: every file of data/raw/)")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="output folder (default: data/processed/)")
    p.add_argument("--region", default=None, help="region of bureau tables whose title names none")
    p.add_argument("--period", default=None,
                   help="period of bureau tables whose header names none (e.g. 2016-08)")
    p.add_argument("--csv", action="store_true", help="also write fai.csv and targets.csv")
    p.add_argument("--force", action="store_true",
                   help="build even when data/processed/ is already a build of data/raw/")
    p.set_defaults(handler=run)


def check_out(out: Path, inputs: list[Path]) -> None:
    """Refuse an output folder inside ``data/raw/`` or one whose files would replace an input."""
    raw = paths.raw_dir().resolve()
    where = out.resolve()
    if where == raw or raw in where.parents:
        raise OutputError(file=str(out), found="is data/raw/ or inside it (raw files are never "
                          "written)", expected="an output folder such as data/processed/")
    outputs = {(out / n).resolve() for n in (data.PROCESSED_TIDY, data.PROCESSED_TARGETS,
                                              data.CLEANING_REPORT, data.MANIFEST, "fai.csv",
                                              "targets.csv")}
    for p in inputs:
        if p.resolve() in outputs or p.resolve() == where:
            raise OutputError(file=str(out), found=f"would overwrite the input {p}",
                              expected="an output folder apart from the inputs")
    if out.exists() and not out.is_dir():
        raise OutputError(file=str(out), found="is a file", expected="a folder")
    files.check_writable(out / data.MANIFEST)  # read-only, full or under a file: say so now


def run(args: argparse.Namespace) -> int:
    inputs = [Path(p) for p in args.inputs] or data.raw_inputs()
    out = Path(args.out) if args.out else paths.processed_dir()
    check_out(out, inputs)
    default = not args.inputs and not args.out and not args.csv
    options = {"region": args.region, "period": args.period}
    manifest = data.read_manifest(out)
    if default and not args.force and data.is_current(manifest, inputs) and \
            (manifest or {}).get("options") == options and data.outputs_exist(out):
        print(f"{data.shown_path(str(out))}: up to date — a build of the {len(inputs)} files of data/raw/ "
              "(--force builds again)")
        return 0
    result = data.build(inputs, region=args.region, period=args.period)
    for line in result.summary_lines():
        print(line)
    written = data.write_processed(result, inputs, out, csv=args.csv)
    counts = result.report["action"].value_counts().to_dict() if len(result.report) else {}
    conflicts = counts.get("conflict", 0)
    print(f"{data.shown_path(str(written[data.PROCESSED_TIDY]))}: {len(result.tidy)} figures; "
          f"{written[data.PROCESSED_TARGETS].name}: {len(result.targets)} target rows; "
          f"{written[data.CLEANING_REPORT].name}: {len(result.report)} notes"
          + (f" ({conflicts} figures on which two sources disagree: see action 'conflict')"
             if conflicts else ""))
    return 0
