"""Screenshots of built reports for the README (docs/*.png), in headless Chromium with no CJK font.

Run after ``make report``::

    .venv/bin/python tools/screenshots.py [reports]

Each page is opened with a fontconfig that knows no font at all, as on a fresh server: the
Chinese text reads only because every report embeds the glyphs it uses. The top of each page
(1,200 px) is kept; the index is taken whole up to that height too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SHOTS = {  # docs/<name>.png ← <reports>/<page>
    "index": "index.html",
    "report-growth": "330000-zhejiang/growth.html",
    "report-structure": "000000-china/structure.html",
    "report-regions": "330000-zhejiang/regions.html",
    "report-targets": "330110-yuhang-district/targets.html",
}
WIDTH, HEIGHT = 1100, 1200


def bare_fontconfig(folder: Path) -> Path:
    """A fontconfig file whose only font folder is empty."""
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f"  <dir>{folder / 'fonts'}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n"
                    "</fontconfig>\n", encoding="utf-8")
    return conf


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    reports = Path(argv[0]) if argv else ROOT / "reports"
    missing = [page for page in SHOTS.values() if not (reports / page).is_file()]
    if missing:
        print(f"screenshots: {reports}/{missing[0]} is missing — run `make report` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        conf = bare_fontconfig(Path(tmp))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"],
                                    env={"FONTCONFIG_FILE": str(conf), "HOME": tmp})
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for name, rel in SHOTS.items():
            page.goto((reports / rel).resolve().as_uri())
            page.wait_for_load_state("load")
            # the embedded font is decoded after "load" (font-display: block hides text until then)
            page.evaluate("""async () => {
                try { await document.fonts.load('16px "FAI Noto Sans SC"', '全国'); } catch (e) {}
                await document.fonts.ready; }""")
            page.wait_for_timeout(2000)  # the decoded font is applied a moment later
            page.screenshot(path=str(ROOT / "docs" / f"{name}.png"),
                            clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
            print(f"docs/{name}.png ← {rel}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
