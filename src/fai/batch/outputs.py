"""The files of one report: ``<out>/<region_slug>/<template>.ipynb`` and ``.html``.

Written atomically as each notebook finishes (a crash leaves the old file or
the new one); the executed notebook first, then its HTML. A report whose
kernel never started has no notebook: its old ``.ipynb`` is removed so the
folder never pairs a new HTML with an old notebook.

>>> report_path(Path("reports"), task, ".html")          # doctest: +SKIP
PosixPath('/…/reports/110000-beijing/growth.html')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4.rwbase import split_lines, strip_transient

from fai.batch.plan import Task
from fai.batch.results import TaskResult
from fai.errors import ParameterError
from fai.files import write_text_atomic
from fai.reports import html as report_html


def report_path(out_dir: Path, task: Task, suffix: str) -> Path:
    """Where a report file goes; never outside ``out_dir``."""
    path = (out_dir / task.region_slug / f"{task.template}{suffix}").resolve()
    if out_dir.resolve() not in path.parents:
        raise ParameterError(f"{task.params_file}: report path {path} is outside {out_dir}")
    return path


def report_title(task: Task) -> str:
    """``北京市 · 增长 (growth)``."""
    topic = report_html.TOPIC_LABEL.get(task.template)
    return f"{task.region_name} · " + (f"{topic} ({task.template})" if topic else task.template)


def error_line(result: TaskResult) -> str:
    """The banner line of a report that did not succeed ("" when it did)."""
    error = result.error
    if error is None:
        return ""
    where = f"（第 {error.cell} 个代码单元格 / code cell {error.cell}）" if error.cell is not None else ""
    return f"{error.ename}: {error.evalue or ''}{where}"


def write_report(out_dir: Path, task: Task, result: TaskResult) -> None:
    """Write the executed notebook (when there is one) and the report's HTML."""
    nb = nbformat.from_dict(result.notebook) if result.notebook is not None else None
    html = report_html.export_html(nb or nbformat.v4.new_notebook(), title=report_title(task),
                                   status=result.status.value, error=error_line(result),
                                   parameters=task.parameters)
    if nb is not None:
        write_text_atomic(report_path(out_dir, task, ".ipynb"), ipynb_text(nb))
    else:
        report_path(out_dir, task, ".ipynb").unlink(missing_ok=True)
    write_text_atomic(report_path(out_dir, task, ".html"), html)


def ipynb_text(nb: Any) -> str:
    """The notebook as nbformat writes it (consumes ``nb``: no copy, no second validation)."""
    text = json.dumps(strip_transient(split_lines(nb)), sort_keys=True, indent=1,
                      separators=(",", ": "), ensure_ascii=False)
    return text + "\n"
