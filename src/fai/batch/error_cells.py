"""How a failure shows in the executed notebook: papermill's banner and anchor, an error output.

The executed ``.ipynb`` of a failed report is kept; these marks let an analyst
who opens it find the failing cell at once, the way ``papermill`` marks its own
failures. Cells are counted the way the analyst sees the template: its own code
cells, 1-based, without papermill's injected-parameters cell. (nbformat and
papermill are imported when a mark is made: the driver reads this module too.)

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"),
...     nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")])
>>> template_cell(nb, 2)
2
"""

from __future__ import annotations

from typing import Any


def template_cell(nb: Any, cell_index: int | None) -> int | None:
    """1-based number of the code cell ``cell_index`` among the template's own code cells
    (papermill's injected-parameters cell does not count)."""
    if cell_index is None:
        return None
    number = 0
    for i, cell in enumerate(nb.cells[: cell_index + 1]):
        if cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", []):
            number += 1
        if i == cell_index:
            return number if cell.cell_type == "code" else None
    return None


def error_cell_index(nb: Any) -> int | None:
    """Index of the first code cell with an error output (papermill's markers may precede it)."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    return None


def mark_cell_error(nb: Any, cell_index: int | None, exec_count: Any) -> None:
    """Papermill's banner for an exception raised in a cell (the cell has its error output)."""
    from papermill.execute import ERROR_MESSAGE_TEMPLATE

    mark_failure(nb, cell_index, ERROR_MESSAGE_TEMPLATE % str(exec_count))


def mark_stop(nb: Any, cell_index: int | None, ename: str, evalue: str) -> None:
    """A kernel death or timeout: an error output on the running cell, and the banner."""
    import nbformat

    if cell_index is not None and 0 <= cell_index < len(nb.cells):
        cell = nb.cells[cell_index]
        if cell.cell_type == "code":
            cell.outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                                       traceback=[f"{ename}: {evalue}"]))
    number = template_cell(nb, cell_index)
    where = f" in code cell {number}" if number is not None else ""
    mark_failure(nb, cell_index, f"<span>{ename}{where}: the notebook stopped here.</span>")


def mark_failure(nb: Any, cell_index: int | None, message: str) -> None:
    """Insert papermill's error banner (top) and anchor (before the failing cell), once."""
    import nbformat
    from papermill.execute import ERROR_ANCHOR_MSG, ERROR_MARKER_TAG

    if any(ERROR_MARKER_TAG in c.metadata.get("tags", []) for c in nb.cells):
        return
    banner = nbformat.v4.new_markdown_cell(message)
    banner.metadata["tags"] = [ERROR_MARKER_TAG]
    if cell_index is not None and 0 <= cell_index < len(nb.cells):
        anchor = nbformat.v4.new_markdown_cell(ERROR_ANCHOR_MSG)
        anchor.metadata["tags"] = [ERROR_MARKER_TAG]
        nb.cells.insert(cell_index, anchor)
    nb.cells.insert(0, banner)
