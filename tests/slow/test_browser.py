"""The batch's HTML in a real browser: Debian chromium driven by playwright.

Opens index.html and one report of each template from the session's real
batch (conftest ``real_batch``): every image loads, nothing is requested from
the network, no console error, the headline figure is on the page. Chinese
text renders with the packaged Noto Sans CJK (FONTCONFIG_FILE). Screenshots go
to test-artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# page → text that must be visible (全国 2025年1—12月: 485,186 亿元, −3.8 %)
PAGES = {
    "index.html": ["485,186", "-3.8", "全国"],
    "000000-china/growth.html": ["485,186", "3.8"],
    "000000-china/structure.html": ["全国"],
    "000000-china/regions.html": ["全国"],
    "330110-yuhang-district/targets.html": ["余杭区", "1,030"],
}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    from fai.presentation.fonts import fontconfig_file

    conf = fontconfig_file(tmp_path_factory.mktemp("fontconfig"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                    env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        yield browser
        browser.close()


@pytest.mark.slow
@pytest.mark.parametrize("page_path", list(PAGES))
def test_report_pages_load_offline_with_images_and_headline(real_batch, browser, page_path):
    out = real_batch["out"]
    path = out / page_path
    assert path.exists(), page_path
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    network: list[str] = []
    failed: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.on("request", lambda req: network.append(req.url)
            if not req.url.startswith(("file://", "data:")) else None)
    try:
        page.goto(path.as_uri(), wait_until="load")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])")
        text = page.inner_text("body")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        headings = page.eval_on_selector_all(  # section headings of the markdown cells are shown
            ".jp-RenderedMarkdown h2", "els => els.filter(e => e.offsetParent !== null).length")
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / ("report-" + page_path.replace("/", "-").replace(".html", ".png"))
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()
    assert not errors, errors
    assert not failed and not network, (failed, network)
    if page_path != "index.html":
        assert images, "a report without a figure"
        assert headings >= 2, "the markdown section headings are hidden"
    assert all(done and w > 0 and h > 0 for done, w, h in images), images
    for needle in PAGES[page_path]:
        assert needle in text, (page_path, needle)
    for href in links:  # every link of the index leads to a file that exists
        if not href.startswith("#"):
            assert (path.parent / href).resolve().exists(), href
    assert shot.stat().st_size > 10_000


@pytest.mark.slow
def test_chinese_text_renders_with_the_cjk_font(real_batch, browser):
    """The index's Chinese title is drawn with Noto Sans CJK glyphs (asked from Chromium itself)."""
    page = browser.new_page()
    try:
        page.goto((real_batch["out"] / "index.html").as_uri())
        cdp = page.context.new_cdp_session(page)
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        cdp.send("CSS.enable")
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        title = page.inner_text("h1")
    finally:
        page.close()
    cjk = sum(ch >= "\u4e00" for ch in title)  # 固定资产投资报告 → 8 CJK characters
    used = {f["familyName"]: f["glyphCount"] for f in fonts}
    assert cjk >= 8 and used.get("Noto Sans CJK SC", 0) >= cjk, used


def test_artifacts_folder_is_git_ignored():
    assert "test-artifacts/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
