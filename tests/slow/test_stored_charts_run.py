"""`fai run` keeps the charts of its reports in ``<out>/.fai-charts/`` (those drawn from the rows
they show): a later run that makes 浙江省's ``regions`` report again from the same rows reads
them instead of drawing them, and the report shows the same pictures; ``--force`` draws them
again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAI = [sys.executable, "-m", "fai.cli"]
LONG_AGO = 1_000_000_000  # 2001: a chart read by the run is touched, so its time moves on


def run_regions(out: Path, *extra: str) -> None:
    proc = subprocess.run([*FAI, "run", "--region", "330000", "--notebooks", "regions", "--out", str(out),
                           "--workers", "1", *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def images(report: Path) -> list[str]:
    return re.findall(r"data:image/png;base64,[A-Za-z0-9+/=]+", report.read_text(encoding="utf-8"))


def stored(out: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime for p in (out / ".fai-charts").glob("*/*.png")}


@pytest.mark.slow
def test_a_report_made_again_reads_its_shared_charts_and_shows_the_same_pictures(tmp_path):
    out = tmp_path / "reports"
    run_regions(out)
    report = out / "330000-zhejiang" / "regions.html"
    first, kept = images(report), stored(out)
    # the 31 provinces ranked, their heatmap, the tile map, the prefectures' contributions, the ranks
    assert len(kept) == 5
    for name in kept:
        os.utime(out / ".fai-charts" / next((out / ".fai-charts").iterdir()).name / name, (LONG_AGO, LONG_AGO))

    report.unlink()  # the report is made again (a deleted output); the provinces' rows did not change
    run_regions(out)
    again = stored(out)
    assert again.keys() == kept.keys()  # nothing new drawn
    assert all(t > LONG_AGO for t in again.values())  # every one was read
    assert images(report) == first

    run_regions(out, "--force")  # drawn again, the same pictures
    assert stored(out).keys() == kept.keys()
    assert images(report) == first
