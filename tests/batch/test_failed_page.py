"""A failed report is a short page in the report's language; the detail is folded away."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat

from fai.batch.failed_page import advice, advice_table, render_failed_page
from fai.batch.plan import Task
from fai.batch.results import JobStatus, TaskError, TaskResult
from fai.errors import FaiError, UnitError

XSS = "<script>alert(1)</script>"


class _Text(HTMLParser):
    """The visible text outside <details>, and the tags."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.outside: list[str] = []
        self.tags: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.depth += tag == "details"
        self.skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self.depth -= tag == "details"
        self.skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self.depth and not self.skip:
            self.outside.append(data)


def task(region_name: str = "余杭区", lang: str = "zh") -> Task:
    return Task("330110", "330110", region_name, "330110-yuhang-district", "growth",
                "params/330110-yuhang-district.yaml",
                {"region": "330110", "lang": lang, "headline_path": "/tmp/x.json"})


def failed_notebook() -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("ctx = fai.open_report(region)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="loading 余杭区\n"),
                    nbformat.v4.new_output("error", ename="UnitError", evalue="bad unit",
                                           traceback=["\x1b[0;31mUnitError\x1b[0m: bad unit"])]
    return nbformat.v4.new_notebook(cells=[cell])


def unit_error() -> TaskError:
    err = UnitError(file="data/raw/余杭区.xlsx", where="cell B3", found="unit '万美元'",
                    expected="(亿元), (万元) or (%)")
    return TaskError.of(err, cell=2)


def test_a_failed_report_says_what_failed_and_what_to_do_in_chinese():
    result = TaskResult(JobStatus.FAILED, unit_error(), seconds=1.2, notebook=failed_notebook(),
                        worker="host:42")
    page = render_failed_page(task(), result, title="余杭区固定资产投资增长")
    text = _Text()
    text.feed(page)
    shown = "".join(text.outside)
    assert "报告未能生成" in shown and "数据文件中的单位无法识别" in shown
    assert "在数据文件 data/raw/余杭区.xlsx 中注明单位" in shown  # what to do names the file
    # the technical detail is there, folded away: no English message or traceback outside it
    assert "<details>" in page and "<details open" not in page
    assert "UnitError" not in shown and "expected" not in shown and "cell B3" not in shown
    assert "cell B3" in page and "UnitError: bad unit" in page and "loading 余杭区" in page
    assert "\x1b" not in page and "[0;31m" not in page
    assert "headline_path" not in page and "params/330110-yuhang-district.yaml" in page
    assert "script" not in text.tags and page.startswith("<!DOCTYPE html>")


def test_an_english_report_fails_in_english_and_text_is_escaped():
    result = TaskResult(JobStatus.FAILED, TaskError("TimeoutError", "ran longer than 300 s"))
    page = render_failed_page(task(XSS, lang="en"), result, title=f"{XSS} · growth")
    assert '<html lang="en">' in page and "This report could not be made" in page
    assert "Run again with a larger --timeout" in page
    assert "&lt;script&gt;" in page and "<script" not in page


def test_a_report_without_data_says_so():
    err = TaskError("MissingDataError", "no fai_total figures for region '余杭区'",
                    classes=("MissingDataError", "FaiError"))
    page = render_failed_page(task(), TaskResult(JobStatus.SKIPPED, err), title="余杭区固定资产投资增长")
    assert "没有可报告的数据" in page and "params/330110-yuhang-district.yaml" in page
    assert re.search(r'class="badge skipped">无数据<', page)


def test_advice_follows_the_class_and_falls_back_to_the_parent_then_to_any():
    class OddFaiError(FaiError):
        pass

    odd = TaskError.of(OddFaiError("something"))
    assert advice(odd, "zh", {})[0] == advice_table()["FaiError"]["zh_what"]
    assert advice(TaskError("ZeroDivisionError", "x"), "zh", {})[0] == advice_table()["*"]["zh_what"]
    # a placeholder without a value never shows braces
    bad_file = TaskError("InputFormatError", "x", classes=("InputFormatError", "FaiError"))
    assert advice(bad_file, "zh", {})[1] == "打开数据文件，按技术细节中的说明修正后重新运行。"
    assert advice(bad_file, "en", {"file": "x.csv"})[1].startswith("Open the data file x.csv, correct it")
    assert {"zh_what", "zh_todo", "en_what", "en_todo"} <= set(advice_table()["*"])


def test_report_titles_are_in_the_reports_language():
    from fai.batch.outputs import report_title

    zh = Task("110000", "110000", "北京市", "110000-beijing", "structure", "", {"lang": "zh"})
    en = Task("110000", "110000", "北京市", "110000-beijing", "growth", "", {"lang": "en"})
    assert report_title(zh) == "北京市固定资产投资结构"
    assert report_title(en) == "Beijing: fixed-asset investment growth"
    own = Task("990009", "990009", "某开发区", "990009-x", "growth", "", {})  # not in the registry
    assert report_title(own) == "某开发区 · 增长"
