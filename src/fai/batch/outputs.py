"""The files of one report: ``<out>/<region_slug>/<template>.html`` and ``.ipynb``.

Both files of a report are written to temporary files first and renamed into
place only when both are whole, so a crash, Ctrl-C or a full disk leaves the
old pair or the new pair, never half of one. A succeeded report is the
notebook's code-free HTML; a failed or data-less one is the short page of
:mod:`fai.batch.failed_page`. A report whose kernel never started has no
notebook: its old ``.ipynb`` is removed so the folder never pairs a new HTML
with an old notebook.

>>> write_report(Path("reports"), task, result)          # doctest: +SKIP
>>> report_path(Path("reports"), task, ".html")          # doctest: +SKIP
PosixPath('/…/reports/110000-beijing/growth.html')
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from fai.batch.failed_page import render_failed_page
from fai.batch.plan import Task
from fai.batch.results import JobStatus, TaskResult
from fai.errors import FaiError, ParameterError
from fai.reports import html as report_html


def report_path(out_dir: Path, task: Task, suffix: str) -> Path:
    """Where a report file goes; never outside ``out_dir``."""
    path = (out_dir / task.region_slug / f"{task.template}{suffix}").resolve()
    if out_dir.resolve() not in path.parents:
        raise ParameterError(f"{task.params_file}: report path {path} is outside {out_dir}")
    return path


def report_title(task: Task) -> str:
    """The report's title in its own language: ``北京市固定资产投资结构``, ``Beijing: fixed-asset
    investment growth`` (:func:`fai.reports.html.report_title`); a region the registry does
    not know keeps its name as written."""
    lang = str(task.parameters.get("lang") or "zh")
    try:
        return report_html.report_title(task.region_code, task.template, "en" if lang == "en" else "zh")
    except FaiError:
        topic = report_html.TOPIC_LABEL.get(task.template)
        return f"{task.region_name} · {topic}" if topic else f"{task.region_name} · {task.template}"


def report_html_text(task: Task, result: TaskResult, nb: Any = None) -> str:
    """The HTML of a report: the notebook's, or the short page of one that did not succeed."""
    if result.status is not JobStatus.SUCCEEDED:
        return render_failed_page(task, result, title=report_title(task))
    nb = nb if nb is not None else _from_dict(result.notebook)
    return report_html.export_html(nb, title=report_title(task), status=result.status.value,
                                   parameters=task.parameters)


def write_report(out_dir: Path, task: Task, result: TaskResult,
                 timings: dict[str, float] | None = None) -> dict[str, str]:
    """Write the report's HTML and its executed notebook (when there is one), both or neither.

    Returns the sha256 of each file written, by its path relative to ``out_dir``;
    ``timings`` (if given) gains the seconds of the HTML export and of the rest.
    """
    started = time.perf_counter()
    nb = _from_dict(result.notebook) if result.notebook is not None else None
    html = report_html_text(task, result, nb)
    exported = time.perf_counter()
    texts = {".html": html, ".ipynb": ipynb_text(nb) if nb is not None else None}
    write_together({report_path(out_dir, task, suffix): text for suffix, text in texts.items()})
    if timings is not None:
        timings["export_s"] = timings.get("export_s", 0.0) + exported - started
        timings["write_s"] = timings.get("write_s", 0.0) + time.perf_counter() - exported
    return {f"{task.region_slug}/{task.template}{suffix}": hashlib.sha256(text.encode("utf-8")).hexdigest()
            for suffix, text in texts.items() if text is not None}


def write_together(files: dict[Path, str | None]) -> None:
    """Write every ``path: text`` (None: remove the file) — all of them, or none if one fails."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            if text is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    for path, text in files.items():
        if text is None:
            path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _from_dict(notebook: Any) -> Any:
    import nbformat  # costly: imported when the first report is written

    return nbformat.from_dict(notebook)


def ipynb_text(nb: Any) -> str:
    """The notebook as nbformat writes it (consumes ``nb``: no copy, no second validation)."""
    from nbformat.v4.rwbase import split_lines, strip_transient

    text = json.dumps(strip_transient(split_lines(nb)), sort_keys=True, indent=1,
                      separators=(",", ": "), ensure_ascii=False)
    return text + "\n"
