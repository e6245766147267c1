"""fai.bulletin.review: the offline page of ``fai parse --format html``.

Our own texts; the page is checked as HTML here and in headless Chromium in
tests/slow/test_review_browser.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fai.bulletin.parse import read_bulletin_records
from fai.bulletin.review import review_html

TEXT = ("1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。\n"
        "全县安排重点项目40个，已开工33个，开工率82.5%。\n"
        "全县共有规模以上企业58家，从业人员1.2万人。\n"
        "9月当月，签约任务数为12个，完成19个。")  # fmt: skip


class _Page(HTMLParser):
    """The marks, the underlined numbers, the skipped sentences and every link of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self.unused: list[str] = []
        self.skipped: list[str] = []
        self.links: list[str] = []
        self._in: list[str] = []
        self._title = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        self._in.append("mark" if tag == "mark" else "unused" if "unused" in cls else
                        "skipped" if "skipped" in cls else self._in[-1] if self._in else "")  # fmt: skip
        self._title = a.get("title") or ""
        self.links += [v for k, v in attrs if k in ("href", "src") and v]

    def handle_endtag(self, tag):
        if self._in:
            self._in.pop()

    def handle_data(self, data):
        where = self._in[-1] if self._in else ""
        if where == "mark":
            self.marks.append((data, self._title))
        elif where == "unused":
            self.unused.append(data)
        elif where == "skipped" and data.strip():
            self.skipped.append(data.strip())


def _page(text: str = TEXT) -> _Page:
    page = _Page()
    page.feed(review_html([("notice.txt", text)], read_bulletin_records(text, file="notice.txt")))
    return page


def test_every_number_taken_is_marked_with_its_field():
    marks = dict(_page().marks)
    assert {"56.3", "12.5", "40", "33", "82.5", "12", "19"} <= set(marks)
    assert "开工率%" in marks["82.5"] and "数额(亿元)" in marks["56.3"]


def test_the_sentences_that_gave_nothing_are_listed():
    page = _page()
    assert any("规模以上企业58家" in s for s in page.skipped)
    assert not any("固定资产投资" in s for s in page.skipped)
    assert "58" not in dict(page.marks)


def test_text_is_escaped_and_the_page_is_offline():
    page = review_html([("a<b>.txt", "<script>alert(1)</script>全县重点项目5个，完成投资1.2亿元。")],
                       read_bulletin_records("<script>alert(1)</script>全县重点项目5个，完成投资1.2亿元。",
                                             file="a<b>.txt"))  # fmt: skip
    assert "<script>" not in page and "a&lt;b&gt;.txt" in page
    parsed = _Page()
    parsed.feed(page)
    assert parsed.links == []


def test_a_table_row_is_shown_with_its_own_evidence():
    cells = ["地区", "投资目标(亿元)", "完成投资(亿元)", "完成比例%", "天城县", "96.0", "54.1", "56.4",
             "河口县", "110.2", "71.5", "64.9"]  # fmt: skip
    text = "\n".join(cells)
    page = review_html([("t.txt", text)], read_bulletin_records(text, file="t.txt"))
    plain = re.sub(r"<[^>]+>", "", page)
    assert "天城县 | 96.0 | 54.1 | 56.4" in plain and page.count('class="rec task"') == 2
    assert page.count('<mark class="used"') == 6  # target and done of each row (the rate too: 12)


def test_cli_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture):
    from fai import cli

    path = tmp_path / "notice.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["parse", str(path), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and str(path) in out and "规模以上企业" in out
