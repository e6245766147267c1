"""The page of a report that could not be made: what failed and what to do, the detail folded.

A director who opens a failed (or data-less) report reads two short sentences
in the report's language — what went wrong and what to do — taken from
``data/advice.csv`` by the error's class (a subclass finds its parent's row);
the traceback, the error's fields and the parameters sit in a closed
``<details>`` for whoever fixes it. Everything from data or params is escaped.

>>> page = render_failed_page(task, result)                     # doctest: +SKIP
>>> "报告未能生成" in page and "<details>" in page               # doctest: +SKIP
True
"""

from __future__ import annotations

import csv
import functools
import html
import json
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.batch.error_cells import error_cell_index
from fai.batch.plan import Task
from fai.batch.results import JobStatus, TaskError, TaskResult
from fai.errors import FIELDS
from fai.reports.html import CSS, HIDDEN_PARAMETERS, STATUS_LABEL

ADVICE_FILE = Path(__file__).with_name("data") / "advice.csv"
DETAIL_CHARS = 20_000  # the technical detail shown: the end of a long traceback
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

_WORDS = {
    "zh": {"failed": "报告未能生成", "skipped": "没有可报告的数据", "todo": "怎么办：",
           "detail": "技术细节 (technical detail)", "index": "← 全部报告", "cell": "代码单元格",
           "params": "参数", "params_file": "参数文件", "worker": "运行于", "generated": "生成于"},
    "en": {"failed": "This report could not be made", "skipped": "No data for this report",
           "todo": "What to do: ", "detail": "Technical detail", "index": "← all reports",
           "cell": "code cell", "params": "Parameters", "params_file": "Params file",
           "worker": "Worker", "generated": "Generated"},
}
_STYLE = """
.fai-failed h2{font-size:18px;margin:12px 0 6px}
.fai-failed p{margin:6px 0}
.fai-failed details{margin-top:16px;color:var(--muted);font-size:13px}
.fai-failed summary{cursor:pointer}
.fai-failed dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
.fai-failed dt{font-weight:bold} .fai-failed dd{margin:0;word-break:break-all}
"""


@functools.lru_cache(maxsize=1)
def advice_table() -> dict[str, dict[str, str]]:
    """``data/advice.csv`` by error class (``*``: any other error)."""
    with open(ADVICE_FILE, encoding="utf-8", newline="") as f:
        return {row["error"]: row for row in csv.DictReader(f)}


def advice(error: TaskError | None, lang: str, values: Mapping[str, Any]) -> tuple[str, str]:
    """(what failed, what to do) for ``error``, in ``lang``, placeholders filled.

    >>> advice(TaskError("TimeoutError", "ran longer than 300 s"), "zh", {})[0]
    '报告运行时间超过了 --timeout 的限制，已被停止。'
    """
    table = advice_table()
    names = [*(error.classes if error else ()), error.ename if error else ""]
    row = next((table[n] for n in names if n in table), table["*"])
    lang = "en" if lang == "en" else "zh"
    fill = _Blank({k: v for k, v in values.items() if v})
    if fill.get("file"):  # "数据文件{file}中" → "数据文件 x.xlsx 中", or "数据文件中" when unknown
        fill["file"] = f" {fill['file']}" + ("" if lang == "en" else " ")
    return row[f"{lang}_what"].format_map(fill), row[f"{lang}_todo"].format_map(fill)


class _Blank(dict):
    """A placeholder without a value is left out."""

    def __missing__(self, key: str) -> str:
        return ""


def render_failed_page(task: Task, result: TaskResult, *, title: str, index_href: str = "../index.html",
                       generated: str = "") -> str:
    """The whole HTML page of a failed or skipped report."""
    lang = "en" if task.parameters.get("lang") == "en" else "zh"
    w = _WORDS[lang]
    e = html.escape
    error = result.error
    status = result.status.value
    data_path = task.parameters.get("data_path") or None
    values = {"params_file": task.params_file, "file": (error.file if error else None) or data_path,
              "where": error.where if error else None, "cell": error.cell if error else None}
    what, todo = advice(error, lang, values)
    heading = w["skipped"] if result.status is JobStatus.SKIPPED else w["failed"]
    generated = generated or f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
    return f"""<!DOCTYPE html>
<html lang="{'en' if lang == 'en' else 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{e(title)}</title>
<style>{CSS}{_STYLE}</style>
</head>
<body>
<header class="fai">
<p class="fai-meta"><a href="{e(index_href)}">{e(w["index"])} (index)</a></p>
<h1>{e(title)}</h1>
<p class="fai-meta"><span class="badge {e(status)}">{e(STATUS_LABEL.get(status, status))}</span>
 {e(w["generated"])} {e(generated)}</p>
</header>
<main class="fai-failed">
<h2>{e(heading)}</h2>
<p>{e(what)}</p>
<p><strong>{e(w["todo"])}</strong>{e(todo)}</p>
<details>
<summary>{e(w["detail"])}</summary>
{_detail(task, result, w)}
</details>
</main>
</body>
</html>
"""


def _detail(task: Task, result: TaskResult, w: Mapping[str, str]) -> str:
    e = html.escape
    error = result.error
    rows: list[tuple[str, str]] = []
    if error is not None:
        rows.append(("error", f"{error.ename}: {error.evalue}"))
        if error.cell is not None:
            rows.append((w["cell"], str(error.cell)))
        rows += [(k, str(getattr(error, k))) for k in FIELDS if getattr(error, k) is not None]
    rows.append((w["params_file"], task.params_file))
    shown = {k: v for k, v in task.parameters.items() if k not in HIDDEN_PARAMETERS}
    rows.append((w["params"], json.dumps(shown, ensure_ascii=False, default=str)))
    if result.worker:
        seconds = f", {result.seconds:.1f} s" if result.seconds is not None else ""
        rows.append((w["worker"], f"{result.worker}{seconds}"))
    items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    output = _failing_output(result.notebook)
    return f"<dl>{items}</dl>" + (f"<pre>{e(output)}</pre>" if output else "")


def _failing_output(nb: Any) -> str:
    """The text the failing cell printed, and its traceback (colour codes removed; the end)."""
    if nb is None:
        return ""
    index = error_cell_index(nb)
    if index is None:
        return ""
    parts: list[str] = []
    for out in nb.cells[index].get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(str(out.get("text", "")))
        elif out.get("output_type") == "error":
            parts.append("\n".join(out.get("traceback") or [f"{out.get('ename')}: {out.get('evalue')}"]))
    text = _ANSI.sub("", "\n".join(p.rstrip("\n") for p in parts))
    return text if len(text) <= DETAIL_CHARS else "…\n" + text[-DETAIL_CHARS:]
