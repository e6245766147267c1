"""``fai parse --format html`` in a real browser: Debian chromium driven by playwright.

The review page of two texts of our own opens offline (no request leaves the page, no
console error), shows every number a record took highlighted, the records beside their
sentences and the skipped sentences in their own list. A screenshot goes to
test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

NOTICE = ("天城县重点项目建设进展通报\n"
          "1-9月，全县安排重点项目64个，年度计划投资48.2亿元，完成投资35.7亿元，占年度计划的74.1%；"
          "已开工57个，开工率89.1%。\n"
          "全县共有规模以上企业58家。\n"
          "9月当月，签约任务数为12个，完成19个。")  # fmt: skip
RELEASE = "1-9月，河口县固定资产投资完成88.4亿元，同比增长9.3%，高于全市2.1个百分点。"


@pytest.mark.slow
def test_review_page_in_chromium(tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    from fai.presentation.fonts import fontconfig_file

    files = []
    for name, text in (("notice.txt", NOTICE), ("release.txt", RELEASE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    page_path = tmp_path / "review.html"
    proc = subprocess.run([sys.executable, "-m", "fai.cli", "parse", *files, "--format", "html"],
                          capture_output=True, text=True, check=False, cwd=ROOT)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    page_path.write_text(proc.stdout, encoding="utf-8")
    conf = fontconfig_file(tmp_path / "fontconfig")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                    env={**os.environ, "FONTCONFIG_FILE": str(conf)})  # fmt: skip
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        network: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda req: network.append(req.url)
                if not req.url.startswith(("file://", "data:")) else None)  # fmt: skip
        try:
            page.goto(page_path.as_uri(), wait_until="load")
            marks = page.eval_on_selector_all(
                "mark.used", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")
            cards = page.eval_on_selector_all(".rec", "els => els.map(e => e.innerText)")
            skipped = page.inner_text("ul.skipped")
            headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent)")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "review-page.png"), full_page=True)
        finally:
            page.close()
            browser.close()
    assert not errors and not network, (errors, network)
    assert headings == files
    assert {"64", "48.2", "35.7", "74.1", "57", "89.1", "12", "19", "88.4", "9.3", "2.1"} <= set(marks)
    assert "规模以上企业58家" in skipped
    assert any("项目组" in c and "重点项目" in c and "开工率% 89.1" in c for c in cards)
    assert any("任务" in c and "2024" not in c and "9月(当月)" in c for c in cards)
