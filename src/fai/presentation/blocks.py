"""A report section as one HTML block — numbered heading, the note on an
earlier period, the sentence, the chart, the table, the source line and how
the figures are computed — and a chart as a small PNG.

The block is what a notebook cell shows and what the HTML report keeps; its
classes are styled (screen and print) by :mod:`fai.reports.html`.
"""

from __future__ import annotations

import base64
import html
import io

import pandas as pd

from fai.presentation.stored_charts import StoredChart

DPI = 100  # charts are 8–12 inches wide: 800–1,200 px, sharp on screen and on A4


def figure_png(fig, dpi: int = DPI) -> bytes:
    """A Figure as a PNG with at most 256 colours (a quarter of the bytes of a
    full-colour PNG, the same to the eye for charts).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(2, 1)))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    from PIL import Image

    if isinstance(fig, StoredChart):  # read from the store of a batch run (fai.presentation.stored_charts)
        stored = fig.stored_png(dpi)
        if stored is not None:
            return stored
        fig = fig.figure
    kept = getattr(fig, "_fai_png", None)
    if kept is not None and kept[0] == dpi and not fig.stale:  # drawn before, unchanged since
        return kept[1]
    raw = io.BytesIO()
    # a chart of fai.presentation.plots is laid out (constrained layout, the title and the
    # source line inside the figure): saving it as it is draws it once, where a "tight" box
    # draws it twice (a third of the time of a report's charts)
    laid_out = fig.get_layout_engine() is not None
    fig.savefig(raw, format="png", dpi=dpi, bbox_inches=None if laid_out else "tight", facecolor="white")
    image = Image.open(io.BytesIO(raw.getvalue())).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", optimize=True)
    # kept with the figure; saving leaves it marked stale (it restores its colours), so it is
    # marked fresh here: any later change to the figure marks it stale again, and it is redrawn
    fig._fai_png = (dpi, out.getvalue())
    fig.stale = False
    return out.getvalue()


def table_html(table: pd.DataFrame) -> str:
    """A formatted table as HTML (its first column names the rows)."""
    if isinstance(table.index, pd.RangeIndex):
        return table.to_html(classes="fai-table", border=0, escape=True, index=False)
    return table.to_html(classes="fai-table", border=0, escape=True)


def section_html(
    *,
    number: str,
    title: str,
    sentence: str,
    older: str = "",
    figure: bytes | None = None,
    figure_alt: str = "",
    table: pd.DataFrame | None = None,
    source: str = "",
    note: str = "",
    lang: str = "zh",
    first: bool = False,
) -> str:
    """One report section as an HTML ``<section>`` (text escaped); ``first``: the
    report's first section (printed without a page break before it).

    >>> section_html(number="一、", title="要点", sentence="全国固定资产投资下降3.8%。").split("<p")[0]
    '<section class="fai-section" lang="zh-CN"><h2>一、要点</h2>'
    """
    e = html.escape
    css = "fai-section fai-first" if first else "fai-section"
    parts = [f'<section class="{css}" lang="{"en" if lang == "en" else "zh-CN"}">',
             f"<h2>{e(number)}{e(title)}</h2>"]
    if older:
        parts.append(f'<p class="fai-older">{e(older)}</p>')
    parts.append(f'<p class="fai-sentence">{e(sentence)}</p>')
    if figure is not None:
        data = base64.b64encode(figure).decode("ascii")
        parts.append(f'<div class="fai-figure"><img src="data:image/png;base64,{data}" alt="{e(figure_alt)}"></div>')
    if table is not None:
        parts.append(f'<div class="fai-table-wrap">{table_html(table)}</div>')
    if source:
        parts.append(f'<p class="fai-source">{e(source)}</p>')
    if note:
        parts.append(f'<p class="fai-note">{e(note)}</p>')
    parts.append("</section>")
    return "".join(parts)


def line_html(text: str, css_class: str, lang: str = "zh") -> str:
    """One line of text as a paragraph of a class (the context line, the omitted sections).

    >>> line_html("未列入本报告：单月投资（无相关数据）。", "fai-omitted")
    '<p class="fai-omitted" lang="zh-CN">未列入本报告：单月投资（无相关数据）。</p>'
    """
    return f'<p class="{html.escape(css_class)}" lang="{"en" if lang == "en" else "zh-CN"}">{html.escape(text)}</p>'
