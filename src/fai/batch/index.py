"""``index.html``: every report of the output folder, one row per region.

Rendered from the rows of ``summary.json`` (a pure view of it): each region
with its headline figures (from its ``growth`` report when there is one) and
one status-coloured link per template; every text from data or params is
escaped.

>>> page = render_index([{"region_code": "000000", "region_name": "全国",
...     "region_slug": "000000-china", "template": "growth", "status": "succeeded",
...     "html": "000000-china/growth.html", "error": None,
...     "headline": {"period": "2025-12", "value_100m_yuan": 485186.0, "yoy_pct": -3.8}}],
...     templates=["growth"], generated="2026-01-20 09:00")
>>> "485,186.0" in page and 'href="000000-china/growth.html"' in page
True
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.batch.summary import ReportEntry
from fai.files import write_text_atomic
from fai.model import regions as region_registry
from fai.reports.html import CSS, STATUS_LABEL, TOPIC_LABEL, embedded_font_css

INDEX = "index.html"
LABEL = {**STATUS_LABEL, "not run": "未运行", "up to date": "无变化"}
NOT_RUN_TIP = "本次运行未完成这份报告，链接为上一次的报告 (not run: the previous report)"
_INDEX_CSS = ".badge.not-run,a.not-run{background:#8c959f}"


def _shown(entry: Mapping[str, Any]) -> str:
    """The status a row shows: an up-to-date report shows its own (kept) status."""
    status = str(entry.get("status"))
    return str(entry.get("kept") or status) if status == "up to date" else status


def _css(status: str) -> str:
    return status.replace(" ", "-")


def _num(value: Any, digits: int = 1, sign: bool = False) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return html.escape(str(value))
    return f"{number:+,.{digits}f}" if sign else f"{number:,.{digits}f}"


def _tone(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return " pos" if number > 0 else (" neg" if number < 0 else "")


def render_index(entries: Sequence[Mapping[str, Any]], *, templates: Sequence[str],
                 title: str = "固定资产投资报告 (FAI reports)", generated: str = "", embed_font: bool = False) -> str:
    """``index.html``: one row per region, headline figures, one link per template.

    ``embed_font``: carry the glyphs the page uses (as every report does), so it reads on a
    machine without a Chinese font — done once the batch has finished, not at every update.

    ``entries`` are summary rows (region_code, region_name, region_slug,
    template, status, html, headline, error). Headline figures come from the
    ``growth`` template when it has them, else from any template of the region.
    """
    e = html.escape
    regions: dict[str, dict[str, Any]] = {}
    for entry in entries:
        row = regions.setdefault(entry["region_slug"], {"entry": entry, "by_template": {},
                                                        "headline": None})
        row["by_template"][entry["template"]] = entry
        headline = entry.get("headline")
        if headline and (row["headline"] is None or entry["template"] == "growth"):
            row["headline"] = headline
    counts: dict[str, int] = {}
    for entry in entries:
        counts[_shown(entry)] = counts.get(_shown(entry), 0) + 1
    count_text = " · ".join(
        f'<span class="badge {e(_css(s))}">{e(LABEL.get(s, s))} {n}</span>'
        for s, n in sorted(counts.items())
    )
    head = "".join(f"<th>{e(TOPIC_LABEL.get(t, t))} ({e(t)})</th>" for t in templates)
    lines = []
    for row in regions.values():
        first, hl = row["entry"], row["headline"] or {}
        cells = []
        for template in templates:
            entry = row["by_template"].get(template)
            if entry is None:
                cells.append('<td class="status"></td>')
                continue
            status = _shown(entry)
            tip = ""
            if entry.get("error"):
                err = entry["error"]
                tip = f' title="{e(str(err.get("ename") or ""))}: {e(str(err.get("evalue") or ""))}"'
            href = entry.get("html")
            if status == "not run":
                tip = f' title="{e(NOT_RUN_TIP if href else LABEL[status])}"'
            label = e(LABEL.get(status, status))
            link = (f'<a class="status {e(_css(status))}" href="{e(href)}"{tip}>{label}</a>' if href
                    else f'<span class="badge {e(_css(status))}"{tip}>{label}</span>')
            cells.append(f'<td class="status">{link}</td>')
        parent = hl.get("parent_name")
        pp_title = f' title="vs {e(str(parent))}"' if parent else ""
        vs_parent = hl.get("vs_parent_pp", hl.get("pp_vs_parent"))
        period = hl.get("period_label") or hl.get("period") or "—"
        lines.append(
            "<tr>"
            f'<td>{e(str(first.get("region_name") or ""))} '
            f'<small>{e(str(first.get("region_code") or ""))}</small></td>'
            f'<td class="period">{e(str(period))}</td>'
            f'<td class="num">{_num(hl.get("value_100m_yuan"))}</td>'
            f'<td class="num{_tone(hl.get("yoy_pct"))}">{_num(hl.get("yoy_pct"))}</td>'
            f'<td class="num{_tone(vs_parent)}"{pp_title}>{_num(vs_parent, sign=True)}</td>'
            + "".join(cells) + "</tr>"
        )
    generated = generated or f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
    page = _page(e, title, regions, entries, count_text, generated, head, lines)
    if not embed_font:
        return page
    face = embedded_font_css(page)
    return (page.replace("style-src 'unsafe-inline'", "font-src data:; style-src 'unsafe-inline'", 1)
            .replace("</style>", f"{face}</style>", 1))  # last: it wins over the page's own rule


def _page(e: Any, title: str, regions: Mapping[str, Any], entries: Sequence[Any], count_text: str,
          generated: str, head: str, lines: list[str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{e(title)}</title>
<style>{CSS}{_INDEX_CSS}</style>
</head>
<body>
<header class="fai"><h1>{e(title)}</h1>
<p class="fai-meta">{len(regions)} 个地区 (regions), {len(entries)} 份报告 (reports) · {count_text}
 · 生成于 {e(generated)}</p></header>
<table class="index">
<thead><tr><th>地区 (region)</th><th>期间 (period)</th><th>累计投资 亿元 (YTD level)</th>
<th>累计同比 % (YTD YoY)</th><th>比上级 pp (vs parent)</th>{head}</tr></thead>
<tbody>
{chr(10).join(lines)}
</tbody>
</table>
</body>
</html>
"""


def index_order(entries: Sequence[ReportEntry]) -> list[ReportEntry]:
    """Regions in the registry's order (全国, macro-regions, provinces …), unknown ones last."""
    order = {code: i for i, code in enumerate(region_registry.registry()["region_code"])}
    return sorted(entries, key=lambda e: (order.get(e.region_code or "", len(order)), e.region_slug))


def write_index(out_dir: Path, entries: Sequence[ReportEntry], templates: Sequence[str],
                final: bool = False) -> Path:
    """Write ``index.html`` for ``entries`` (every template seen gets a column); the
    ``final`` one embeds its font."""
    topics = list(dict.fromkeys([*templates, *(e.template for e in entries)]))
    rows = [e.to_json() for e in index_order(entries)]
    return write_text_atomic(out_dir / INDEX, render_index(rows, templates=topics, embed_font=final))
