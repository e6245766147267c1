"""The batch index page: one row per region, headline figures, status links, escaped text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fai.batch.index import render_index

XSS = "<script>alert(1)</script>"


class _Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_index_lists_regions_with_headline_status_links_and_escapes():
    entries = [
        {"region_code": "000000", "region_name": "全国", "region_slug": "000000-china",
         "template": "growth", "status": "succeeded", "html": "000000-china/growth.html",
         "headline": {"period": "2025-12", "period_label": "2025年1—12月", "value_100m_yuan": 485186.0,
                      "yoy_pct": -3.8, "vs_parent_pp": None}, "error": None},
        {"region_code": "000000", "region_name": "全国", "region_slug": "000000-china",
         "template": "targets", "status": "skipped", "html": "000000-china/targets.html",
         "headline": None, "error": {"ename": "MissingDataError", "evalue": "no targets"}},
        {"region_code": "", "region_name": XSS, "region_slug": "unregistered-x",
         "template": "growth", "status": "failed", "html": "unregistered-x/growth.html",
         "headline": None, "error": {"ename": "UnknownRegionError", "evalue": f"region {XSS!r}"}},
        {"region_code": "110000", "region_name": "北京市", "region_slug": "110000-beijing",
         "template": "growth", "status": "succeeded", "html": "110000-beijing/growth.html",
         # Beijing 2024: −7.5 % vs 全国 3.2 % → −10.7 pp
         "headline": {"period": "2024-12", "yoy_pct": -7.5, "vs_parent_pp": -10.7,
                      "parent_name": "全国"}, "error": None},
    ]
    html = render_index(entries, templates=["growth", "structure", "targets"])
    assert not [t for t, _ in tags_of(html) if t == "script"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)[1:]
    assert len(rows) == 3  # one row per region
    national = rows[0]
    assert "485,186.0" in national and "-3.8" in national and "2025年1—12月" in national
    assert 'class="status succeeded" href="000000-china/growth.html"' in national
    assert 'class="status skipped" href="000000-china/targets.html"' in national
    assert "-10.7" in rows[2] and 'title="vs 全国"' in rows[2]
    assert 'class="status failed"' in rows[1]
    links = [a["href"] for t, a in tags_of(html) if t == "a"]
    assert links == ["000000-china/growth.html", "000000-china/targets.html",
                     "unregistered-x/growth.html", "110000-beijing/growth.html"]


def test_index_shows_not_run_reports_with_their_previous_file_and_up_to_date_as_their_own():
    entries = [
        {"region_code": "000000", "region_name": "全国", "region_slug": "000000-china",
         "template": "growth", "status": "up to date", "kept": "succeeded",
         "html": "000000-china/growth.html", "headline": None, "error": None},
        {"region_code": "000000", "region_name": "全国", "region_slug": "000000-china",
         "template": "structure", "status": "not run", "kept": "succeeded",
         "html": "000000-china/structure.html", "headline": None, "error": None},
        {"region_code": "000000", "region_name": "全国", "region_slug": "000000-china",
         "template": "regions", "status": "not run", "kept": None, "html": None,
         "headline": None, "error": None},
    ]
    html = render_index(entries, templates=["growth", "structure", "regions"])
    assert 'class="status succeeded" href="000000-china/growth.html"' in html  # up to date: a good report
    assert re.search(r'class="status not-run" href="000000-china/structure.html" title="[^"]*上一次的报告', html)
    assert '<span class="badge not-run" title="未运行">未运行</span>' in html  # never made: no link
    assert "成功 1" in html and "未运行 2" in html


def test_the_finished_index_carries_its_font():
    """The index a finished batch leaves reads on a machine without a Chinese font, as the
    reports do; the ones written while it runs do not spend the time."""
    rows = [{"region_code": "330000", "region_name": "浙江省", "region_slug": "330000-zhejiang",
             "template": "growth", "status": "succeeded", "html": "330000-zhejiang/growth.html",
             "headline": {"period": "2026-06", "yoy_pct": -6.3, "vs_parent_pp": -0.6}}]
    running = render_index(rows, templates=["growth"])
    final = render_index(rows, templates=["growth"], embed_font=True)
    assert "@font-face" not in running and "font-src" not in running
    assert "@font-face" in final and "font-src data:" in final and "data:font/woff;base64," in final
