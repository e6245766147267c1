"""``fai clean``: read any mix of inputs (NBS exports, bureau tables, tidy or bundled
CSVs), validate, and write the tidy table atomically, with a cleaning report."""

from __future__ import annotations

import argparse

EPILOG = """examples:
  fai clean data/raw/*.csv --out data/processed/fai.parquet --targets data/processed/targets.parquet
  fai clean 北京.xls 余杭区2016年8月.xlsx --region 余杭区 --out fai.parquet --report cleaning_report.csv

Formats are recognised from the content, not the file name. A bad input
stops the run with one message naming the file and row (exit 2).
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "clean",
        help="clean NBS exports, bureau tables and tidy CSVs into one tidy table",
        description="Read inputs of any supported format, validate them and write the tidy "
        "table (parquet or CSV) atomically; one summary line per input.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input files (any mix of formats)")
    p.add_argument("--out", required=True, help="tidy table to write (.parquet or .csv)")
    p.add_argument(
        "--report",
        default=None,
        help="cleaning report to write (.csv or .json): every converted, dropped "
        "or flagged cell with its reason",
    )
    p.add_argument(
        "--targets",
        default=None,
        help="also write the targets table found in the inputs (.parquet or .csv)",
    )
    p.add_argument("--region", default=None, help="region of bureau tables whose title names none")
    p.add_argument(
        "--period",
        default=None,
        help="period of bureau tables whose header names none (e.g. 2016-08)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from fai import files
    from fai.errors import InputFormatError
    from fai.readers.ingest import clean

    result = clean(args.inputs, region=args.region, period=args.period)
    for line in result.summary_lines():
        print(line)
    out = files.write_table(result.tidy, args.out)
    written = [f"{out}: {len(result.tidy)} figures"]
    if args.targets:
        from fai.model.schema import validate_targets

        validate_targets(result.targets, what="targets of the inputs")
        path = files.write_table(result.targets.reset_index(drop=True), args.targets)
        written.append(f"{path}: {len(result.targets)} target rows")
    if args.report:
        path = Path(args.report)
        if path.suffix == ".json":
            files.write_text_atomic(
                path, result.report.to_json(orient="records", force_ascii=False, indent=1)
            )
        elif path.suffix == ".csv":
            files.write_table(result.report, path)
        else:
            raise InputFormatError(
                f"{path}: cannot write a report as {path.suffix!r} — expected .csv or .json"
            )
        written.append(f"{path}: {len(result.report)} notes")
    print("; ".join(written))
    return 0
