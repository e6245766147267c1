"""The one-request engine: a notebook run in a warm kernel in one request gives the
outputs nbclient gives (cell by cell, in a fresh kernel), its failures included."""

from __future__ import annotations

import dataclasses
import json
import re
import time

import nbformat
import pytest

from fai.batch import warm
from fai.batch.cell_runner import Outputs, Stream
from fai.batch.execute import TaskSpec, execute_task
from fai.batch.kernel import KernelSpec
from fai.batch.results import JobStatus


# --------------------------------------------------------------------------- outputs, as nbclient builds them
def test_stream_text_is_sent_as_ipykernel_sends_it():
    out = Outputs()
    out.stream("stdout", "a\n")
    out.stream("stderr", "warn\n")
    out.stream("stdout", "b\n")
    out.message({"msg_type": "display_data", "content": {"data": {"text/plain": "x"}, "metadata": {}}})
    out.stream("stdout", "c\n")
    out.flush_stream("stdout")  # print(..., flush=True)
    out.stream("stdout", "d\n")
    out.flush_streams()  # the cell's end
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in out.items] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "warn\n"), ("display_data", None, None),
        ("stream", "stdout", "c\n"), ("stream", "stdout", "d\n")]


def test_text_written_after_the_flush_interval_is_a_new_output(monkeypatch):
    clock = iter([0.0, 0.1, 0.35])
    monkeypatch.setattr("fai.batch.cell_runner.time.monotonic", lambda: next(clock))
    out = Outputs()
    for text in ("a", "b", "c"):
        out.stream("stdout", text)
    out.flush_streams()
    assert [o["text"] for o in out.items] == ["ab", "c"]


def test_clear_output_with_wait_clears_before_the_next_output_only():
    out = Outputs()
    out.stream("stdout", "1%\n")
    out.message({"msg_type": "clear_output", "content": {"wait": True}})
    assert len(out.items) == 1
    out.stream("stdout", "100%\n")
    out.flush_streams()
    assert [o["text"] for o in out.items] == ["100%\n"]
    out.message({"msg_type": "clear_output", "content": {"wait": False}})
    assert out.items == []


def test_update_display_replaces_the_outputs_of_its_display_id_in_any_cell():
    displays: dict = {}
    earlier, out = Outputs(displays), Outputs(displays)
    shown = {"msg_type": "display_data",
             "content": {"data": {"text/plain": "old"}, "metadata": {}, "transient": {"display_id": "d"}}}
    earlier.message(shown)
    out.message({"header": {"msg_type": "update_display_data"},
                 "content": {"data": {"text/plain": "new"}, "metadata": {"m": 1},
                             "transient": {"display_id": "d"}}})
    assert earlier.items == [{"output_type": "display_data", "data": {"text/plain": "new"}, "metadata": {"m": 1}}]
    assert out.items == []


def test_a_stream_kept_past_its_cell_writes_into_the_running_cell(monkeypatch):
    first, second = Outputs(), Outputs()
    old = Stream("stdout", first, None, lambda: None)
    old.detached = True
    monkeypatch.setattr("sys.stdout", Stream("stdout", second, None, lambda: None))
    old.write("late line\n")
    assert first.so_far() == [] and second.so_far()[0]["text"] == "late line\n"


# --------------------------------------------------------------------------- against nbclient (slow)
CELLS = [
    "import sys, warnings\nprint('one')\nprint('two', file=sys.stderr)\nprint('three')",
    ("from IPython.display import display, Markdown, HTML, update_display, clear_output\n"
     "h = display(Markdown('**old**'), display_id=True)\nprint('between', flush=True)\nprint('then')\n"
     "display(HTML('<b>x</b>'), metadata={'fai': 1})"),
    "h.update(Markdown('**new**'))",
    "clear_output(wait=True)\nprint('after clear')",
    "warnings.warn('careful', UserWarning)\n41 + 1",
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(2, 1))\nax.plot([1, 2])\nNone",
    "%%capture cap\nprint('captured, not shown')",
    "print(cap.stdout.strip())\nimport pandas as pd\npd.DataFrame({'a': [1]})",
    "raise ValueError('expected')",  # tagged raises-exception: the run goes on
    "input('no one answers: ')",  # tagged too: an error at once, never a wait
    "x = (",  # a syntax error stops it
    "print('never')",
]


def _notebook() -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in CELLS])
    nb.cells[8].metadata["tags"] = nb.cells[9].metadata["tags"] = ["raises-exception"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(nb)


def _outputs(result) -> list:
    cells = []
    for cell in result.notebook.cells:
        if cell.cell_type != "code":
            continue
        outs = []
        for o in cell.outputs:
            o = json.loads(re.sub(r"ipykernel_\d+", "ipykernel_N", json.dumps(o)))  # the kernel's pid
            if o["output_type"] == "error":  # the traceback's frames name the kernel's own files
                o["traceback"] = o["traceback"][-1:]
            outs.append(o)
        cells.append((cell.execution_count, outs, cell.metadata.papermill.get("status")))
    return cells


@pytest.mark.slow
def test_one_request_gives_what_nbclient_gives_cell_by_cell():
    kernel = KernelSpec(imports=("pandas",))
    spec = TaskSpec(notebook=_notebook(), kernel=kernel, timeout=120, headline=False)
    try:
        fresh = execute_task(dataclasses.replace(spec, kernel=dataclasses.replace(kernel, warm=False)))
        first = execute_task(spec)
        again = execute_task(spec)
        runners = [k.runs_cells for k in warm._IDLE]
    finally:
        warm.shutdown_kernels()
    assert runners == [True]  # the warm kernel ran them in one request
    assert fresh.status is first.status is again.status is JobStatus.FAILED
    assert fresh.error.ename == first.error.ename == "SyntaxError"
    assert fresh.error.cell == first.error.cell
    assert _outputs(first) == _outputs(fresh) == _outputs(again)
    texts = [o.get("text", "") for _, outs, _ in _outputs(first) for o in outs]
    assert [o["ename"] for _, outs, _ in _outputs(first)[9:10] for o in outs] == ["StdinNotImplementedError"]
    assert "one\nthree\n" in texts and "after clear\n" in texts and "captured, not shown\n" in texts
    assert not any("never" in t for t in texts)
    # papermill's marks: the failing cell, and its banner above the notebook
    code = [c for c in first.notebook.cells if c.cell_type == "code"]
    assert [c.metadata.papermill["status"] for c in code[-3:]] == ["completed", "failed", "pending"]
    assert first.notebook.metadata.papermill["exception"] is True
    assert first.timings["cells_s"] > 0


def test_a_cell_flushing_in_a_loop_writes_its_progress_a_few_times_only(tmp_path, monkeypatch):
    import fai.batch.cell_runner as runner

    writes = []
    real = runner.write_json
    monkeypatch.setattr(runner, "write_json", lambda path, data: (writes.append(len(data["outputs"])),
                                                                  real(path, data)))
    out = Outputs()
    progress = runner.ProgressWriter(str(tmp_path / "progress.json"), {"index": 3}, out)
    stream = Stream("stdout", out, None, progress)
    started = time.monotonic()
    for i in range(2000):
        stream.write(f"{i}\n")
        stream.flush()
    progress.close()
    seconds = time.monotonic() - started
    assert 1 <= len(writes) <= 2 + seconds / runner.FLUSH_INTERVAL_S  # at once, then one per 0.2 s
    assert json.loads((tmp_path / "progress.json").read_text())["index"] == 3
