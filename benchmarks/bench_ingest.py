"""Ingestion speed of an NBS-portal-style export of 1,000,000 cells (goal ≥ 1 M cells/s).

The export is generated into a temporary folder: one region (地区：北京市),
900 monthly period columns (2024年12月 back to 1950年1月, January blank as the
portal writes it) and 1,112 indicator rows. The registry has only ~40 distinct
(indicator, measure) rows, so the rows cycle through the portal's labels and a
repeated row carries the same figures: the reader collapses them as identical
duplicates (with a report note each), which is part of the measured work.
Prints one JSON line.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from pathlib import Path

import numpy as np

#: One portal label per indicator the portal publishes (16), as its exports write them.
PORTAL_LABELS = (
    "固定资产投资额", "城镇固定资产投资", "民间固定资产投资", "国有控股固定资产投资",
    "第一产业固定资产投资", "第二产业固定资产投资", "第三产业固定资产投资", "工业固定资产投资",
    "采矿业固定资产投资", "制造业固定资产投资", "电力、热力、燃气及水生产和供应业固定资产投资",
    "基础设施固定资产投资", "高技术产业固定资产投资", "房地产投资", "房地产住宅投资",
    "固定资产投资实际到位资金",
)


def write_export(path: Path, rows: int = 1112, months: int = 900, seed: int = 0) -> int:
    """Write the generated export; returns the number of data cells."""
    rng = np.random.default_rng(seed)
    labels = [f"{b}{m}" for b in PORTAL_LABELS for m in ("累计值(亿元)", "累计增长(%)")]
    distinct = len(labels)
    periods = [(2024 - i // 12, 12 - i % 12) for i in range(months)]
    header = "指标," + ",".join(f"{y}年{m}月" for y, m in periods)
    pad = "," * months
    level = np.round(rng.random((distinct, months)) * 9000 + 100, 2)
    growth = np.round(rng.random((distinct, months)) * 40 - 20, 1)
    table = np.where(np.arange(distinct)[:, None] % 2 == 0, level, growth).astype(str)
    table[:, [i for i, (_, m) in enumerate(periods) if m == 1]] = ""
    lines = ["数据库：分省月度数据" + pad, "地区：北京市" + pad, "时间：1950—2024" + pad, header]
    for r in range(rows):
        k = r % distinct
        lines.append(labels[k] + "," + ",".join(table[k]))
    lines.append("数据来源：国家统计局" + pad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return rows * months


def main() -> None:
    from fai.readers.nbs_export import read_nbs_export

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export_1m.csv"
        cells = write_export(path)
        size_mb = path.stat().st_size / 2**20
        read_nbs_export(path, today=dt.date(2025, 1, 1))  # warm-up: imports, caches
        times = []
        for _ in range(3):
            report: list = []
            start = time.perf_counter()
            tidy = read_nbs_export(path, report=report, today=dt.date(2025, 1, 1))
            times.append(time.perf_counter() - start)
        best = min(times)
    print(
        json.dumps(
            {
                "benchmark": "ingest",
                "cells": cells,
                "file_mb": round(size_mb, 1),
                "seconds": round(best, 3),
                "cells_per_s": round(cells / best),
                "figures_out": len(tidy),
                "report_rows": int(sum(len(r) for r in report)),
                "goal_cells_per_s": 1_000_000,
            }
        )
    )


if __name__ == "__main__":
    main()
