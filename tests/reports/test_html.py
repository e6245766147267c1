"""HTML export: code-free, offline, escaped (headline JSON: test_headline.py; the index page:
tests/batch/test_index.py)."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from fai.reports import html as report

XSS = "<script>alert(1)</script>"
# a real 1×1 PNG (red pixel)
PNG_1PX = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)).decode()


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


def executed_notebook(region: str = XSS) -> nbformat.NotebookNode:
    """What papermill leaves behind: parameters cell, injected cell, outputs."""
    params = new_code_cell('region: str = "000000"  # region', execution_count=1)
    params.metadata["tags"] = ["parameters"]
    injected = new_code_cell(f"# Parameters\nregion = {region!r}\n", execution_count=2)
    injected.metadata["tags"] = ["injected-parameters"]
    injected.outputs = [new_output("stream", name="stdout", text="SECRET-INJECTED-OUTPUT\n")]
    body = new_code_cell("print(region); display(Markdown(...)); display(HTML(...)); fig", execution_count=3)
    body.outputs = [
        new_output("stream", name="stdout", text=f"{region}\n"),
        new_output("display_data", data={"text/markdown": f"## {region} 固定资产投资"}),
        new_output("display_data", data={"text/html": f"<table><thead><tr><th>地区</th></tr></thead>"
                                                      f"<tbody><tr><td>{region}</td></tr></tbody></table>"}),
        new_output("display_data", data={"image/png": PNG_1PX, "text/plain": "<Figure>"}),
        new_output("display_data", data={"application/javascript": "alert(2)"}),
    ]
    nb = new_notebook(cells=[new_markdown_cell("# 增长 growth"), params, injected, body])
    nb.metadata["papermill"] = {"parameters": {"region": region, "headline_path": "/tmp/h.json"}}
    return nb


def test_export_is_code_free_offline_and_shows_parameters_line():
    html = report.export_html(executed_notebook("110000"), title="北京市 · growth")
    tags = tags_of(html)
    # no script at all, and no attribute that makes the browser fetch something
    assert not [t for t, _ in tags if t == "script"]
    for tag, attrs in tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    # the parameter cells are gone (their source and outputs), one line says what was used
    assert "SECRET-INJECTED-OUTPUT" not in html and "# Parameters" not in html
    assert 'region=&quot;110000&quot;' in html or "region=\"110000\"" in html
    assert "headline_path" not in html
    # no code, no prompts; the PNG is embedded as data
    assert "print(region)" not in html and "In&nbsp;[" not in html
    assert any(t == "img" and (a.get("src") or "").startswith("data:image/png;base64,") for t, a in tags)
    assert "<th>地区</th>" in html
    assert len(html.encode("utf-8")) < report.MAX_REPORT_BYTES


def test_script_in_region_name_is_text_not_a_tag():
    html = report.export_html(executed_notebook(XSS), title=f"{XSS} · growth", status="failed",
                              error=f"UnknownRegionError: region {XSS!r}")
    assert not [t for t, _ in tags_of(html) if t == "script"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # title, params line, stdout, table cell
    assert "alert(2)" not in html  # javascript outputs are dropped
    assert html.count("<title>") == 1 and "&lt;script&gt;" in html.split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize(
    "fragment, kept, gone",
    [
        ("<b>北京</b><script>alert(1)</script>", "<b>北京</b>", "<script>"),
        ('<img src="data:image/png;base64,AAAA">', 'src="data:image/png;base64,AAAA"', None),
        ('<img src="https://example.com/x.png">', "<img>", "example.com"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", "javascript"),
        ('<table><tr><td style="color: red; background-image: url(http://x)">1</td></tr></table>',
         "color:red", "url("),
        ('<p onclick="alert(1)">x</p>', "<p>x</p>", "onclick"),
        ('<style scoped>.dataframe td {color: red}</style><table><tr><td>1</td></tr></table>',
         "<td>1</td>", "dataframe"),
    ],
)
def test_sanitize_keeps_formatting_and_drops_active_content(fragment, kept, gone):
    clean = report.sanitize_html(fragment)
    assert kept in clean
    if gone:
        assert gone not in clean.replace("&lt;script&gt;", "")


_PAYLOAD = "iVBORw0KGgo" + "A+b/" * 40 + "=="


@pytest.mark.parametrize(
    "fragment",
    [
        f'<p>图</p><img alt="各省" src="data:image/png;base64,{_PAYLOAD}"><img src="data:image/png;base64,{_PAYLOAD}x">',
        f'<img src="data:text/html;base64,{_PAYLOAD}">',  # not an image: dropped, payload and all
        f'<a href="data:image/png;base64,{_PAYLOAD}">x</a>',  # a link never embeds anything
        f'<p title="data:image/png;base64,{_PAYLOAD}">x</p><script>a="data:image/png;base64,{_PAYLOAD}"</script>',
        f'text;base64,{_PAYLOAD}" and <b>more</b>',
        # text that looks like a token (of another nonce) stays as written
        f'<p>faiimage0123456789abcdefn1</p><img alt="图" src="data:image/png;base64,{_PAYLOAD}">',
    ],
)
def test_images_set_aside_while_sanitising_change_nothing(fragment):
    """The payloads the sanitiser does not read come back exactly where nh3 kept their place."""
    import nh3

    stock = nh3.clean(fragment, tags=report._TAGS, attributes=report._ATTRIBUTES,
                      attribute_filter=report._checked_value, url_schemes={"http", "https", "mailto", "data"},
                      strip_comments=True, link_rel=None, filter_style_properties=set(report.CSS_PROPERTIES))
    assert report.sanitize_html(fragment) == stock
    assert report.sanitize_html(fragment).count("faiimage") == fragment.count("faiimage")  # none of ours left




# --------------------------------------------------------------------------- nbconvert's soup pass
def _both(nb) -> tuple[str, str]:
    """(fai's page, nbconvert's own HTMLExporter page) of ``nb``, same exporter settings."""
    from nbconvert import HTMLExporter

    exporter = report._exporter()
    ours, _ = exporter.from_notebook_node(nb, resources={"fai": _RESOURCES_FAI})
    stock, _ = HTMLExporter.from_notebook_node(exporter, nb, resources={"fai": _RESOURCES_FAI})
    return ours, stock


def test_the_skipped_soup_pass_would_have_changed_nothing_on_a_report():
    from bs4 import BeautifulSoup

    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    nb = new_notebook(cells=[new_markdown_cell("## 全国 1—2月 & <b>增长</b>"), new_code_cell(outputs=[
        new_output("display_data", {"text/html": f'<figure><img alt="各省增速" src="data:image/png;base64,{png}">'
                                                 "<figcaption>来源：国家统计局</figcaption></figure>",
                                    "text/plain": "图"}),
        new_output("stream", name="stdout", text="a < b\n"),
        new_output("execute_result", {"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1"},
                   execution_count=1)])])
    ours, stock = _both(nb)
    assert not report.needs_soup_pass(ours)
    assert str(BeautifulSoup(ours, features="html.parser")) == stock


def test_a_page_the_soup_pass_changes_still_gets_it():
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    nb = new_notebook(cells=[new_code_cell(outputs=[new_output("display_data", {"image/png": png})])])
    ours, stock = _both(nb)
    assert "No description has been provided" in ours and ours == stock  # the pass ran


@pytest.mark.slow
def test_the_real_reports_are_what_nbconvert_would_have_written(real_batch):
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    exporter = report._exporter()
    notebooks = sorted(real_batch["out"].rglob("*.ipynb"))
    assert len(notebooks) >= 4
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        ours, _ = exporter.from_notebook_node(nb, resources={"fai": _RESOURCES_FAI})
        stock, _ = HTMLExporter.from_notebook_node(exporter, nb, resources={"fai": _RESOURCES_FAI})
        assert not report.needs_soup_pass(ours), path
        assert str(BeautifulSoup(ours, features="html.parser")) == stock, path


_RESOURCES_FAI = {"title": "t", "css": "", "status": "succeeded", "status_label": "", "error": "",
                  "index_href": "", "parameters": [], "lang_attr": "zh-CN",
                  "words": {"all_reports": "", "parameters": ""}, "generated": ""}
