"""``fai parse``: read FAI figures out of bulletin texts (统计公报, 进度通报, NBS releases)."""

from __future__ import annotations

import argparse
import sys

EPILOG = """examples:
  fai parse bulletin.txt --format json
  fai parse notices/*.txt --region 天城县 --year 2023 --format csv > figures.csv

Each record: file, region, year, month, indicator, label, value_100m_yuan, yoy_pct,
plan_completion_pct, vs_parent_pp, parent, vs_time_progress_pp, share_pct, rank,
rank_of, evidence (null when the text does not state it); mom_sa_pct is added to the
records that state a seasonally adjusted month-on-month rate (从环比看).
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
    p.add_argument("--format", choices=["json", "csv"], default="json", help="output format (json)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json
    import warnings

    from fai.bulletin.parse import COLUMNS, EXTRA_COLUMNS, read_bulletin_files, to_records
    from fai.errors import FaiWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FaiWarning)
        df = read_bulletin_files(args.files, region=args.region, year=args.year)
    for w in caught:
        if issubclass(w.category, FaiWarning):
            print(f"fai parse: warning: {w.message}", file=sys.stderr)
    if args.format == "csv":
        df[COLUMNS + EXTRA_COLUMNS].to_csv(sys.stdout, index=False)
    else:
        json.dump(to_records(df), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    counts = df.groupby("file", dropna=False).size().to_dict() if len(df) else {}
    for path in args.files:
        print(f"fai parse: {path}: {counts.get(path, 0)} records", file=sys.stderr)
    return 0
