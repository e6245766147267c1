"""``fai parse``: read FAI figures out of bulletin texts (统计公报, 进度通报, NBS releases)."""

from __future__ import annotations

import argparse
import math
import sys
from typing import TextIO

EPILOG = """examples:
  fai parse bulletin.txt --format json
  fai parse notices/*.txt --region 天城县 --year 2023 --format csv > figures.csv
  fai parse notices/*.txt --format html > review.html   (check what was read, offline)

Every record has a kind. A "figure": file, region, year, month, indicator, label,
value_100m_yuan, yoy_pct, plan_completion_pct, vs_parent_pp, parent, vs_time_progress_pp,
share_pct, rank, rank_of, evidence (null when the text does not state it); mom_sa_pct is
added to the records that state a seasonally adjusted month-on-month rate (从环比看).
A "project" (a group of projects): file, region, year, month, group, count, started,
start_rate_pct, new, continuing, completed, total_investment_100m_yuan,
annual_plan_100m_yuan, done_100m_yuan, plan_completion_pct, vs_time_progress_pp, evidence.
A "task" (a target and what was done): file, region, year, month, item, unit, task, done,
completion_pct, evidence. Projects and tasks also say whether they are of one month
(monthly) and the line they came from.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "parse",
        help="read FAI figures out of bulletin texts, with the sentence each came from",
        description="Read fixed-asset-investment figures out of Chinese bulletin texts "
        "(UTF-8 or GBK): one record per region, period and indicator, with evidence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="bulletin text files")
    p.add_argument(
        "--region", default=None, help="the texts' own region when they only say 全县/我市"
    )
    p.add_argument("--year", type=int, default=None, help="the year when the texts only say 今年")
    p.add_argument("--format", choices=["json", "csv", "html"], default="json",
                   help="output format (json); html: one offline page to check what was read, "
                        "every number taken highlighted in its sentence, the skipped sentences listed")  # fmt: skip
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json
    import warnings

    from fai.bulletin.parse import CSV_COLUMNS, read_bulletin_file_records
    from fai.errors import FaiWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FaiWarning)
        records = read_bulletin_file_records(args.files, region=args.region, year=args.year)
    for w in caught:
        if issubclass(w.category, FaiWarning):
            print(f"fai parse: warning: {w.message}", file=sys.stderr)
    records = [_finite(r) for r in records]
    if args.format == "csv":
        write_csv(records, CSV_COLUMNS, sys.stdout)
    elif args.format == "html":
        from fai.bulletin.parse import read_text_file
        from fai.bulletin.review import review_html

        texts = [(str(path), read_text_file(path)) for path in args.files]
        sys.stdout.write(review_html(texts, records))
    else:
        # one write, not json.dump's one a token: 24,000 system calls for a 1 MB text's
        # records when stdout is unbuffered (PYTHONUNBUFFERED, python -u)
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False) + "\n")
    for path in args.files:
        mine = [r for r in records if r["file"] == str(path)]
        kinds = ", ".join(
            f"{sum(r['kind'] == k for r in mine)} {k}s" for k in ("figure", "project", "task")
        )
        print(f"fai parse: {path}: {len(mine)} records ({kinds})", file=sys.stderr)
    return 0


def _finite(record: dict) -> dict:
    """A record with no NaN or infinity (JSON has none; a reader never states one): null instead."""
    return {
        k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in record.items()
    }


def write_csv(records: list[dict], columns: list[str], out: TextIO) -> None:
    """Records as CSV, every text cell escaped against spreadsheet formula injection
    (:func:`fai.files.escape_formula`: a label or evidence starting with = + - @ gets a ').

    >>> import io; buf = io.StringIO()
    >>> write_csv([{"label": "=HYPERLINK(1)", "yoy_pct": -1.5}], ["label", "yoy_pct"], buf)
    >>> buf.getvalue().splitlines()
    ['label,yoy_pct', "'=HYPERLINK(1),-1.5"]
    """
    import csv

    from fai.files import escape_formula

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        writer.writerow(["" if rec.get(c) is None else escape_formula(rec.get(c)) for c in columns])
