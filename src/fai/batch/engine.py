"""A papermill engine that runs a notebook in a warm kernel in one request.

``papermill.execute_notebook(..., engine_name=ENGINE, fai_kernel=kernel)`` is a
papermill run like any other — parameters injected, the notebook's and cells'
papermill metadata, errors raised as ``PapermillExecutionError`` — but instead of
nbclient's request per cell the kernel runs every code cell in one request
(:meth:`~fai.batch.kernel.WarmKernel.run_cells`, :mod:`fai.batch.cell_runner`) and
hands back the outputs nbclient would have built. A cell's timestamps are the
kernel's (``metadata.execution``, as nbclient records them). Used for warm kernels
whose shell the runner supports; every other kernel runs through nbclient.

>>> papermill.execute_notebook(nb, None, engine_name=ENGINE, fai_kernel=kernel)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

from papermill.engines import Engine, papermill_engines

ENGINE = "fai-warm"


def code_cells(nb: Any) -> list[dict[str, Any]]:
    """What the kernel runs: each code cell's index, source and tags.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"),
    ...                                      nbformat.v4.new_code_cell("x = 1")])
    >>> code_cells(nb)
    [{'index': 1, 'source': 'x = 1', 'tags': []}]
    """
    return [{"index": i, "source": cell.source, "tags": list(cell.metadata.get("tags", []))}
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]


def apply_results(nb_man: Any, results: list[dict[str, Any]]) -> None:
    """Outputs, execution counts and timings of the cells the kernel ran, into the notebook;
    a failing cell (not tagged ``raises-exception``) is marked as papermill marks it."""
    import nbformat

    for result in results:
        index = result["index"]
        cell = nb_man.nb.cells[index]
        cell.execution_count = result["execution_count"]
        cell.outputs = [nbformat.from_dict(o) for o in result["outputs"]]
        start, end = result["start"], result["end"]
        cell.metadata["execution"] = {"iopub.status.busy": start, "iopub.execute_input": start,
                                      "shell.execute_reply": end, "iopub.status.idle": end}
        meta = cell.metadata.papermill
        meta["start_time"], meta["end_time"] = _iso(start), _iso(end)
        meta["duration"] = (_when(end) - _when(start)).total_seconds()
        meta["status"] = nb_man.COMPLETED
        if not result["ok"] and "raises-exception" not in cell.metadata.get("tags", []):
            nb_man.cell_exception(cell, cell_index=index)


def _iso(stamp: str) -> str:
    return stamp.replace("Z", "+00:00")


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(_iso(stamp))


def _read_json(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def apply_running(nb: Any, running: dict[str, Any]) -> int | None:
    """The cell the kernel was running when it stopped (died, killed): its outputs as of its
    last flush, as nbclient would have shown them; its index."""
    import nbformat

    index = running.get("index")
    if not isinstance(index, int) or not 0 <= index < len(nb.cells):
        return None
    cell = nb.cells[index]
    cell.execution_count = running.get("execution_count")
    cell.outputs = [nbformat.from_dict(o) for o in running.get("outputs") or []]
    return index


class WarmKernelEngine(Engine):
    """Papermill's engine interface over :meth:`~fai.batch.kernel.WarmKernel.run_cells`."""

    @classmethod
    def execute_managed_notebook(  # type: ignore[override]
        cls,
        nb_man: Any,
        kernel_name: str,
        *,
        fai_kernel: Any,
        on_notebook_start: Callable[..., Any] | None = None,
        on_cell_execute: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Run ``nb_man.nb`` in ``fai_kernel``. ``on_cell_execute(cell=, cell_index=)`` is told
        of every cell that started, also when the kernel died in it (afterwards: the kernel
        runs the whole notebook before the worker hears of it)."""
        nb = nb_man.nb
        if on_notebook_start is not None:
            on_notebook_start(notebook=nb)
        folder = tempfile.mkdtemp(prefix="fai-cells-")
        paths = {name: os.path.join(folder, f"{name}.json") for name in ("cells", "out", "progress")}
        try:
            with open(paths["cells"], "w", encoding="utf-8") as f:
                json.dump(code_cells(nb), f, ensure_ascii=False)
            try:
                fai_kernel.run_cells(paths["cells"], paths["out"], paths["progress"])
            finally:
                data = _read_json(paths["out"])
                results = data.get("cells") or []
                apply_results(nb_man, results)
                if isinstance(data.get("language_info"), dict):
                    nb.metadata["language_info"] = data["language_info"]
                started = [r["index"] for r in results]
                running = _read_json(paths["progress"])
                if running.get("index") not in started and (index := apply_running(nb, running)) is not None:
                    started.append(index)
                if on_cell_execute is not None:
                    for index in started:
                        on_cell_execute(cell=nb.cells[index], cell_index=index)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return nb


papermill_engines.register(ENGINE, WarmKernelEngine)
