"""``fai metrics REGION``: every indicator's derived metrics for one region and period."""

from __future__ import annotations

import argparse
import json

import pandas as pd

from fai import data
from fai.metrics import table as metrics
from fai.model import indicators, periods, regions

EPILOG = """examples:
  fai metrics 全国 --period 2024-11
      fai_total 2024-11: 465839 亿元 +3.3 %; November alone 42617 亿元 +2.3 %;
      implied from levels +1.09 % (gap 2.21 pp); growth −0.1 pp vs 1—10月
  fai metrics 000000 --period latest --format json
  fai metrics 余杭区 --format json --data data/processed/fai.parquet

JSON: a list of objects with keys indicator, period, value_100m_yuan, yoy_pct,
month_value_100m_yuan, month_yoy_pct, implied_yoy_pct, revision_gap_pp,
yoy_change_pp, share_pct, contribution_pp (null where not computable).
An unknown region or a period without figures exits with status 2.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "metrics",
        help="single-month values, growth, shares and contributions of one region",
        description=(
            "Print, for every indicator of a region in one period, the YTD level and growth, the "
            "single-month value and growth, the growth implied by published levels, the change in "
            "growth, the share of the parent indicator and the contribution to its growth."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("region", metavar="REGION", help="region code or name, e.g. 000000, 全国, 北京, 东部地区")
    p.add_argument("--period", default="latest", help="YYYY-MM (last month of the YTD span) or latest (default)")
    p.add_argument("--format", choices=["table", "json"], default="table", help="output format (default: table)")
    p.add_argument("--data", default=None,
                   help="tidy table (.parquet or .csv); default: data/raw/ as built by `fai build`")
    p.set_defaults(handler=run)


def _table_text(table, region_code: str, period: str) -> str:
    shown = table.copy()
    known = set(indicators.keys())
    shown.insert(1, "label", [indicators.label(k) if k in known else k for k in shown["indicator"]])
    shown = shown.drop(columns=["period"])
    formats = {c: (lambda v: f"{v:,.2f}") for c in shown.columns if c.endswith("_100m_yuan")}
    formats.update({c: (lambda v: f"{v:.2f}") for c in shown.columns if c.endswith(("_pct", "_pp"))})
    with pd.option_context("display.width", 250, "display.max_columns", None):
        body = shown.to_string(index=False, na_rep="—", formatters=formats)
    head = f"{regions.name_of(region_code)} ({region_code}) {period} — {periods.period_label_zh(period)}"
    return f"{head}\n{body}"


def run(args: argparse.Namespace) -> int:
    df = data.load(args.data) if args.data else data.load()
    code = regions.resolve(args.region, where="REGION")
    period = metrics.resolve_period(df, code, args.period)
    table = metrics.metrics_table(df, code, period)
    if args.format == "json":
        print(json.dumps(metrics.to_records(table), ensure_ascii=False, indent=1))
    else:
        print(_table_text(table, code, period))
    return 0
