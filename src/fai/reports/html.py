"""HTML reports: executed notebook → code-free, offline HTML; the headline JSON.

* :func:`save_headline` (of :mod:`fai.reports.headline`) — the headline JSON a
  report writes for the batch index, here too as ``fai.report.save_headline``.
* :func:`export_html` — nbconvert's HTMLExporter in-process: no code, no
  prompts, the parameter cells replaced by one "parameters used" line, PNG
  figures embedded, no script and no external request (no MathJax,
  require.js or web fonts), every output HTML sanitised (nh3) so text from
  data or params shows as text, never as markup.

Every file is written atomically (:func:`fai.files.write_text_atomic`).

>>> import nbformat                                                 # doctest: +SKIP
>>> nb = nbformat.read("reports/000000-china/growth.ipynb", 4)      # an executed report  # doctest: +SKIP
>>> html = export_html(nb, title="全国 · 增长")                       # doctest: +SKIP
"""

from __future__ import annotations

import functools
import html
import json
import re
import secrets
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.files import write_text_atomic
from fai.model import regions
from fai.presentation.fonts import WEB_FAMILY, font_face_css
from fai.presentation.labels import text
from fai.reports.headline import save_headline

__all__ = ["CSS", "embedded_font_css", "export_html", "prepare", "report_title", "sanitize_html", "save_headline", "write_html"]

MAX_REPORT_BYTES = 1_000_000
STATUS_LABEL = {"succeeded": "成功", "skipped": "无数据", "failed": "失败"}
TOPIC_LABEL = {"growth": "增长", "structure": "结构", "regions": "地区比较", "targets": "目标"}
HIDDEN_TAGS = ("parameters", "injected-parameters", "papermill-error-cell-tag", "notes")
HIDDEN_PARAMETERS = ("headline_path",)

CSS = """
:root{--ok:#1a7f37;--skip:#9a6700;--fail:#cf222e;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 color:#1f2328;margin:0 auto;max-width:1100px;padding:16px 24px;line-height:1.55;font-size:15px}
header.fai{border-bottom:2px solid var(--line);margin-bottom:12px;padding-bottom:8px}
header.fai h1{font-size:22px;margin:4px 0}
.fai-meta,.fai-params{color:var(--muted);font-size:13px;margin:2px 0}
.fai-params code{font-size:12px;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.fai-banner{padding:8px 12px;border-radius:6px;margin:8px 0;font-size:14px}
.fai-banner.failed{background:#ffebe9;border:1px solid var(--fail)}
.fai-banner.skipped{background:#fff8c5;border:1px solid var(--skip)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px}
.badge.succeeded,a.succeeded{background:var(--ok)} .badge.skipped,a.skipped{background:var(--skip)}
.badge.failed,a.failed{background:var(--fail)} .badge.missing{background:#8c959f}
a{color:#0969da}
.jp-Cell{margin:6px 0} .jp-CodeCell.jp-mod-noOutputs,.jp-CodeCell .jp-InputArea,.jp-InputPrompt,.jp-OutputPrompt{display:none}
.jp-OutputArea-output{overflow-x:auto}
.jp-RenderedImage img,img{max-width:100%;height:auto}
pre{white-space:pre-wrap;font-size:13px;background:#f6f8fa;padding:6px 8px;border-radius:6px;margin:4px 0}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:right}
th{background:#f6f8fa} td:first-child,th:first-child{text-align:left}
.jp-RenderedMarkdown h1,.jp-RenderedMarkdown h2{border-bottom:1px solid var(--line)}
.jp-RenderedMarkdown p{margin:4px 0}
.ansi-red-fg{color:#cf222e}.ansi-green-fg{color:#1a7f37}.ansi-yellow-fg{color:#9a6700}
.ansi-blue-fg{color:#0969da}.ansi-cyan-fg{color:#1b7c83}.ansi-magenta-fg{color:#8250df}
.ansi-bold{font-weight:bold}
a.status{color:#fff;text-decoration:none;padding:1px 8px;border-radius:10px;font-size:12px}
td.num{font-variant-numeric:tabular-nums} td.period{white-space:nowrap}
.neg{color:#1a7f37}.pos{color:#cf222e}
"""

# a report's own blocks (fai.presentation.blocks), its footer, and print on A4
REPORT_CSS = """
.fai-nav{margin:0;font-size:13px}
.fai-context{color:var(--muted);font-size:13px;margin:2px 0 10px}
.fai-section{margin:20px 0 8px}
.fai-section h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:3px;margin:6px 0 8px}
.fai-older{background:#fff8c5;border-left:4px solid var(--skip);padding:4px 10px;margin:6px 0;font-size:14px}
.fai-sentence{margin:6px 0 8px}
.fai-figure{margin:6px 0}
.fai-source,.fai-note{color:var(--muted);font-size:12px;margin:2px 0}
.fai-note{margin-bottom:10px}
.fai-omitted{color:var(--muted);font-size:13px;border-top:1px dashed var(--line);padding-top:6px;margin-top:18px}
footer.fai-footer{margin-top:28px;border-top:1px solid var(--line);padding-top:6px;color:var(--muted);font-size:11px}
footer.fai-footer code{font-size:11px;background:#f6f8fa;padding:0 3px;border-radius:3px}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{max-width:none;padding:0;font-size:10.5pt}
 .fai-nav{display:none}
 .jp-OutputArea-output{overflow:visible}
 .fai-section{break-before:page;page-break-before:always}
 .fai-section.fai-first{break-before:auto;page-break-before:auto}
 .fai-section h2{break-after:avoid;page-break-after:avoid}
 .fai-figure,.fai-figure img,.fai-table-wrap,.fai-older,table,tr{break-inside:avoid;page-break-inside:avoid}
 .fai-figure img{max-height:235mm;width:auto;max-width:100%}
 a{color:inherit;text-decoration:none}
}
"""

_REPORT_TEMPLATE = r"""{%- extends 'lab/base.html.j2' -%}
{%- block header -%}
<!DOCTYPE html>
<html lang="{{ resources.fai.lang_attr }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">
<title>{{ resources.fai.title | e }}</title>
<style>{{ resources.fai.css }}</style>
</head>
{%- endblock header -%}
{%- block body_header -%}
<body>
<header class="fai">
<p class="fai-nav"><a href="{{ resources.fai.index_href | e }}">{{ resources.fai.words.all_reports | e }}</a></p>
<h1>{{ resources.fai.title | e }}</h1>
{%- if resources.fai.status != "succeeded" %}
<p class="fai-meta"><span class="badge {{ resources.fai.status | e }}">{{ resources.fai.status_label | e }}</span></p>
{%- endif %}
{%- if resources.fai.error %}
<div class="fai-banner {{ resources.fai.status | e }}">{{ resources.fai.error | e }}</div>
{%- endif %}
</header>
<main>
{%- endblock body_header -%}
{%- block body_footer -%}
</main>
<footer class="fai-footer">{{ resources.fai.words.parameters | e }}:
{%- for name, value in resources.fai.parameters %} <code>{{ name | e }}={{ value | e }}</code>{% endfor %}
 · {{ resources.fai.generated | e }}</footer>
</body>
{%- endblock body_footer -%}
{%- block footer -%}
</html>
{%- endblock footer -%}
"""

_TAGS = {
    "section", "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
CSS_PROPERTIES = [
    "color", "background-color", "text-align", "font-weight", "font-style", "font-size",
    "border", "border-top", "border-bottom", "border-left", "border-right", "border-color",
    "padding", "margin", "width", "min-width", "max-width", "white-space", "vertical-align",
]


#: per tag, the attributes a page may keep ("*": every tag); values are checked by _checked_value
_ATTRIBUTES = {
    "*": {"class", "id", "title", "style", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "table": {"border"},
}
_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif);base64,")
_ACTIVE_URL = re.compile(r"\s*(javascript|vbscript|data):", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z-]{2,8}")


def _checked_value(tag: str, name: str, value: str) -> str | None:
    """The value an allowed attribute keeps, None to drop it: a link never runs or embeds
    anything, an image is only an embedded PNG/JPEG/GIF (no request), a lang is a language tag.

    >>> _checked_value("img", "src", "https://example.com/x.png") is None
    True
    >>> _checked_value("a", "href", "javascript:alert(1)") is None, _checked_value("a", "href", "#top")
    (True, '#top')
    """
    if tag == "a" and name == "href":
        return None if _ACTIVE_URL.match(value) else value
    if tag == "img" and name == "src":
        return value if _IMAGE_DATA.match(value) else None
    if name == "lang":
        return value if _LANG.fullmatch(value) else None
    return value


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)


def sanitize_html(fragment: str) -> str:
    """Keep formatting tags; drop everything else (nh3, the Ammonia sanitiser): scripts and
    styles with their content, other tags leaving their text, event handlers, links that
    run code, images that would be fetched, style properties other than colours, borders,
    spacing and text layout. Text that looks like markup inside a cell stays text.

    ``<style>`` blocks (pandas' table CSS) are dropped: the report's own CSS
    styles tables.

    >>> sanitize_html("<b>北京</b><script>alert(1)</script><p onclick='x()'>&lt;i&gt;</p>")
    '<b>北京</b><p>&lt;i&gt;</p>'
    >>> sanitize_html('<p style="color: red; background-image: url(http://x)">1</p>')
    '<p style="color:red">1</p>'
    """
    import nh3

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    text, images = _set_images_aside(_STYLE_BLOCK.sub("", text))
    clean = nh3.clean(
        text, tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=_checked_value,
        url_schemes={"http", "https", "mailto", "data"}, strip_comments=True, link_rel=None,
        filter_style_properties=set(CSS_PROPERTIES),
    )
    return _IMAGE_TOKEN.sub(lambda m: images.get(m.group(), m.group()), clean) if images else clean


#: an embedded image's base64 payload (letters, digits, + and / only: it cannot end an attribute)
_IMAGE_PAYLOAD = re.compile(r"(?<=;base64,)[A-Za-z0-9+/]{64,}={0,2}(?=[\"'])")
_IMAGE_TOKEN = re.compile(r"faiimage[0-9a-f]{16}n[0-9]+")


def _set_images_aside(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each embedded image's payload replaced by a token of the same alphabet, and
    the payloads by token. The sanitiser reads a chart's 30 KB of base64 as fast as a short
    word; each payload goes back where its token survived (never where it did not).

    >>> text, images = _set_images_aside('<img src="data:image/png;base64,' + "A" * 80 + '">')
    >>> text.startswith('<img src="data:image/png;base64,faiimage'), len(images)
    (True, 1)
    """
    if ";base64," not in text:
        return text, {}
    nonce = secrets.token_hex(8)
    images: dict[str, str] = {}

    def token(m: re.Match) -> str:
        key = f"faiimage{nonce}n{len(images)}"
        images[key] = m.group()
        return key

    return _IMAGE_PAYLOAD.sub(token, text), images


#: an image without ``alt`` (nbconvert's last pass gives it a placeholder)
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)[^>]*>")


def needs_soup_pass(page: str) -> bool:
    """Would nbconvert's BeautifulSoup pass change ``page``? (Only for an image without alt
    text or the lab template's notebook container; a report has neither.)

    >>> needs_soup_pass('<img alt="各省增速" src="data:,">'), needs_soup_pass('<img src="x.png">')
    (False, True)
    """
    return 'class="jp-Notebook' in page or ("<img" in page and _IMG_WITHOUT_ALT.search(page) is not None)


@functools.lru_cache(maxsize=1)
def _exporter_class() -> type:
    """nbconvert's HTMLExporter, without its final BeautifulSoup pass where that pass
    changes nothing.

    After rendering, ``HTMLExporter`` parses the whole page with BeautifulSoup to give
    images without ``alt`` a placeholder text and the lab notebook's input and output
    wrappers a ``tabindex``, then writes it out again: about 70 % of a report's export.
    A report's pictures carry their own alt text (the chart's title) and its page has no
    lab notebook container (fai's template), so the page is kept as rendered; any other
    page gets the pass as before (a test compares both on real reports).
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, Any]:
            # HTMLExporter.from_notebook_node up to its BeautifulSoup pass (nbconvert 7.16–7.17)
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            if needs_soup_pass(page):
                return super().from_notebook_node(nb, resources, **kw)
            return page, resources

    return ReportExporter


@functools.lru_cache(maxsize=1)
def _exporter() -> Any:
    from jinja2 import DictLoader
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = _exporter_class()(
        template_name="lab",
        extra_loaders=[DictLoader({"fai_report.html.j2": _REPORT_TEMPLATE})],
        template_file="fai_report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        sanitize_html=True,
        mathjax_url="",
        require_js_url="",
        optimistic_validation=True,  # validate once after the preprocessors, not after each (−10 %)
    )
    exporter.register_filter("clean_html", sanitize_html)
    remove = TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_TAGS), enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    return exporter


def prepare() -> None:
    """Build the HTML exporter and the sanitiser and export one small page now, so the
    first report's export is as fast as the others (its templates compiled, the base font
    read): the batch calls it while the kernels warm up."""
    import nbformat

    _exporter()
    page = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("全国 1—2月")])
    page.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", {"text/html": "<p>投资</p>", "text/plain": "投资"})]))
    export_html(page, title="fai")


def _fmt_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def export_html(
    nb: Any,
    *,
    title: str,
    status: str = "succeeded",
    error: str = "",
    index_href: str = "../index.html",
    parameters: Mapping[str, Any] | None = None,
    embed_font: bool = True,
) -> str:
    """The code-free HTML of an executed notebook (a ``NotebookNode``), in the
    report's language (its ``lang`` parameter): a header (link to the index,
    title, a status badge and banner unless it succeeded), the notebook's
    outputs (markdown cells tagged ``notes`` are for readers of the notebook
    and left out), and a small footer with the parameters and the time.

    ``parameters`` defaults to the ones papermill recorded in the notebook
    metadata; ``headline_path`` is not shown. With ``embed_font`` the page
    carries the glyphs it uses of Noto Sans CJK SC (WOFF), so it reads the same
    on a machine without any Chinese font.
    """
    if parameters is None:
        parameters = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    lang = "en" if parameters.get("lang") == "en" else "zh"
    shown = [(k, _fmt_value(v)) for k, v in parameters.items() if k not in HIDDEN_PARAMETERS]
    generated = f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}".strip()
    resources = {
        "metadata": {"name": title},
        "fai": {
            "title": title, "css": CSS + REPORT_CSS + _FONT_SLOT, "status": status,
            "status_label": STATUS_LABEL.get(status, status), "error": error,
            "index_href": index_href, "parameters": shown, "lang_attr": "en" if lang == "en" else "zh-CN",
            "words": {"all_reports": text("all_reports", lang), "parameters": text("parameters", lang)},
            "generated": f"{text('generated', lang)} {generated}",
        },
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body.replace(_FONT_SLOT, embedded_font_css(body) if embed_font else "", 1)


def embedded_font_css(page: str) -> str:
    """The CSS that carries the glyphs ``page`` shows (WOFF, base64) and makes them the page's
    font, so it reads on a machine without a Chinese font (reports and the batch index)."""
    return (font_face_css(page_text(page)) + f'body{{font-family:"{WEB_FAMILY}",{_FAMILIES}}}'
            f'code,pre,kbd{{font-family:ui-monospace,monospace,"{WEB_FAMILY}"}}')


def report_title(region_code: str, topic: str, lang: str = "zh") -> str:
    """A report's title as a bureau writes it, in the report's language (for the batch).

    >>> report_title("110000", "structure"), report_title("110000", "growth", "en")
    ('北京市固定资产投资结构', 'Beijing: fixed-asset investment growth')
    """
    try:
        what = text(f"topic_{topic}", lang)
    except KeyError:
        what = topic
    name = regions.name_of(region_code, lang)
    return f"{name}: {what}" if lang == "en" else f"{name}{what}"


_FONT_SLOT = "/*fai-font*/"
_FAMILIES = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif'
_DATA_URI = re.compile(r"data:[a-z/+0-9.-]+;base64,[A-Za-z0-9+/=]+")


def page_text(page: str) -> str:
    """The characters a page shows: its text outside tags, styles and data URIs, entities resolved.

    >>> page_text("<style>p{}</style><p>全国&amp;<img src='data:image/png;base64,AAAA'></p>")
    ' 全国&'
    """
    visible = _STYLE_BLOCK.sub(" ", _DATA_URI.sub("", page))
    return html.unescape(re.sub(r"<[^>]*>", "", visible))


def write_html(path: str | Path, text: str) -> Path:
    """Atomically write an HTML page."""
    return write_text_atomic(path, text)
