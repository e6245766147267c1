"""The review page of ``fai parse --format html``: what the machine read, beside the text.

An analyst checks a reading before a boss sees it. :func:`review_html` writes one offline
page (no script, no request, inline style) for all the texts of a run:

- each text sentence by sentence, every number a record took highlighted in its sentence
  (its field in the tooltip), the numbers the records did not take underlined;
- beside each sentence the records it gave (figures, project groups, tasks) with their
  region, period and values;
- then the sentences that held numbers but gave no record: what the reader skipped.

A record whose evidence is no sentence of the text (a table row) is shown with its own
evidence at the place of its first line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from fai.bulletin import text as T

# a number of the text, and whether a sentence holds a figure at all (a number with a unit)
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_HAS_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|亿|万|个|项|家|宗|倍|百分点)")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
_WHOLE = re.compile(r"[。！？!?；，]")
_UNIT_AFTER = re.compile(r"\s*(?:%|亿|万|个|项|家|宗|倍|百分点|元)")
_KIND_ZH = {"figure": "指标", "project": "项目组", "task": "任务"}
_FIELD_ZH = {
    "value_100m_yuan": "数额(亿元)", "yoy_pct": "同比%", "plan_completion_pct": "完成计划%",
    "vs_parent_pp": "比上级(百分点)", "vs_time_progress_pp": "比时序进度(百分点)", "share_pct": "占比%",
    "rank": "位次", "rank_of": "共几位", "mom_sa_pct": "环比%", "count": "个数", "started": "开工",
    "start_rate_pct": "开工率%", "new": "新开工", "continuing": "续建", "completed": "竣工",
    "total_investment_100m_yuan": "总投资(亿元)", "annual_plan_100m_yuan": "年度计划(亿元)",
    "done_100m_yuan": "完成投资(亿元)", "task": "任务", "done": "完成", "completion_pct": "完成率%",
}  # fmt: skip
_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:2px solid #345}
table{border-collapse:collapse;width:100%}td{vertical-align:top;border-top:1px solid #ddd;padding:.4em}
td.text{width:55%;line-height:1.7}td.line{width:3em;color:#888;font-size:.8em}
mark.used{background:#cfe8c8;padding:0 .1em;border-radius:2px}
span.unused{text-decoration:underline dotted #c33}
.rec{font-size:.85em;margin:.15em 0;padding:.2em .4em;background:#f4f6f9;border-left:3px solid #578}
.rec.project{border-color:#a63}.rec.task{border-color:#693}
.kind{font-weight:bold;margin-right:.4em}.skipped li{margin:.3em 0}
.summary{color:#555}
"""


def review_html(texts: Iterable[tuple[str, str]], records: list[dict[str, Any]]) -> str:
    """One offline HTML page reviewing what was read from each ``(file, text)``.

    >>> from fai.bulletin.parse import read_bulletin_records
    >>> text = "1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。全县有企业58家。"
    >>> page = review_html([("a.txt", text)], read_bulletin_records(text, file="a.txt"))
    >>> page.count('<mark class="used"'), "全县有企业58家。" in page.split('class="skipped"')[1]
    (2, True)
    """
    texts = list(texts)
    parts = [
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">",
        "<title>fai parse — 读取核对</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>读取核对 · what fai read</h1>",
        (f"<p class=\"summary\">{len(texts)} 个文件；{_counts(records)}。"
        "绿色：记录取用的数字；红色虚线：未被取用的数字。</p>"),
    ]
    for file, text in texts:
        mine = [r for r in records if r.get("file") == file]
        parts.append(_file_section(file, text, mine))
    parts.append("</body></html>")
    return "\n".join(parts)


def _counts(records: list[dict[str, Any]]) -> str:
    return "，".join(f"{_KIND_ZH[k]} {sum(r.get('kind', 'figure') == k for r in records)} 条"
                    for k in _KIND_ZH)  # fmt: skip


def _file_section(file: str, text: str, records: list[dict[str, Any]]) -> str:
    sentences = [(lineno, s.strip()) for lineno, line in enumerate(T.clean_lines(text), start=1)
                 for s in _SENTENCE.findall(line) if s.strip()]  # fmt: skip
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    placed: set[int] = set()
    for i, (_lineno, sentence) in enumerate(sentences):
        if not _WHOLE.search(sentence) and len(sentence) < 12:
            continue  # a table cell: rows are shown with their own evidence
        for j, rec in enumerate(records):
            if sentence in (rec.get("evidence") or ""):
                by_sentence.setdefault(i, []).append(rec)
                placed.add(j)
    rows, skipped = [], []
    for i, (lineno, sentence) in enumerate(sentences):
        recs = by_sentence.get(i, [])
        if recs:
            rows.append(_row(lineno, _highlight(sentence, recs), recs))
        elif _HAS_FIGURE.search(sentence):
            skipped.append(f"<li><span class=\"line\">{lineno}</span> {html.escape(sentence)}</li>")
    for j, rec in enumerate(records):  # evidence that is no sentence of the text: a table row
        if j not in placed:
            evidence = rec.get("evidence") or ""
            rows.append(_row(rec.get("line") or "", _highlight(evidence, [rec]), [rec]))
    head = (f"<h2>{html.escape(str(file))}</h2><p class=\"summary\">{_counts(records)}；"
            f"{len(skipped)} 句含数字而未读取。</p>")  # fmt: skip
    table = "<table>" + "".join(rows) + "</table>" if rows else "<p>没有读到任何记录。</p>"
    skip = ("<h3>含数字而未读取的句子 · sentences with numbers that gave no record</h3>"
            f"<ul class=\"skipped\">{''.join(skipped)}</ul>") if skipped else ""  # fmt: skip
    return head + table + skip


def _row(lineno: int | str, sentence_html: str, recs: list[dict[str, Any]]) -> str:
    cards = "".join(_card(r) for r in recs)
    return (f"<tr><td class=\"line\">{lineno}</td><td class=\"text\">{sentence_html}</td>"
            f"<td>{cards}</td></tr>")  # fmt: skip


def _card(rec: dict[str, Any]) -> str:
    kind = rec.get("kind", "figure")
    name = rec.get("indicator") if kind == "figure" else rec.get("group") or rec.get("item")
    label = f" {rec['label']}" if kind == "figure" and rec.get("label") else ""
    period = "" if rec.get("month") is None else f"{rec.get('year') or '—'}年{rec['month']}月"
    if rec.get("monthly"):
        period += "(当月)"
    where = " · ".join(str(x) for x in (rec.get("region"), period) if x)
    values = "；".join(f"{_FIELD_ZH[k]} {_plain(v)}" for k, v in _fields(rec))
    return (f"<div class=\"rec {kind}\"><span class=\"kind\">{_KIND_ZH.get(kind, kind)}</span>"
            f"{html.escape(str(name))}{html.escape(label)}<br>{html.escape(where)}"
            f"<br>{html.escape(values)}</div>")  # fmt: skip


def _fields(rec: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(k, rec[k]) for k in _FIELD_ZH if rec.get(k) is not None and not isinstance(rec[k], bool)]


def _plain(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _highlight(sentence: str, recs: list[dict[str, Any]]) -> str:
    """The sentence as HTML: the numbers the records took marked, the others underlined."""
    wanted: dict[Decimal, list[str]] = {}
    for rec in recs:
        for name, value in _fields(rec):
            for form in _forms(value):
                wanted.setdefault(form, []).append(_FIELD_ZH[name])
    out, last = [], 0
    for m in _NUMBER.finditer(sentence):
        out.append(html.escape(sentence[last : m.start()]))
        number = Decimal(m.group())
        names = wanted.get(number)
        if names:
            title = html.escape("、".join(dict.fromkeys(names)))
            out.append(f"<mark class=\"used\" title=\"{title}\">{m.group()}</mark>")
        elif _UNIT_AFTER.match(sentence, m.end()):
            out.append(f"<span class=\"unused\">{m.group()}</span>")  # a figure nothing took
        else:
            out.append(m.group())  # a year, a date, a name
        last = m.end()
    out.append(html.escape(sentence[last:]))
    return "".join(out)


def _forms(value: Any) -> set[Decimal]:
    """The numbers a value may be written as: as is, unsigned, in 万元, in 万亿元, in 倍."""
    try:
        v = abs(Decimal(str(value)))
    except InvalidOperation:
        return set()
    return {v.normalize(), (v * 10000).normalize(), (v / 10000).normalize(), (v / 100).normalize()}
