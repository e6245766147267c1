"""Run a notebook's code cells inside a warm kernel in one request, outputs captured there.

nbclient runs a notebook one cell at a time: per cell an ``execute_request``, its
``execute_input``, every output as an IOPub message (JSON-encoded and signed in the
kernel, decoded and checked in the worker), the reply and the ``idle`` status. For
the batch's ~10 cells per report this messaging cost more than the kernel's reset
and start-up together. Here the worker sends one request; the kernel runs every cell
with ``run_cell`` — the same call ipykernel makes, so magics, the display hook,
``post_execute`` (matplotlib's inline figures) and the execution counter behave as
in a cell sent on its own — and captures each cell's outputs the way nbclient builds
them from the messages: stream text, ``display_data`` (through the display
publisher's transform hook, so images are encoded as ipykernel sends them),
``execute_result``, ``error`` (the formatted traceback), ``clear_output``. The
worker gets them in a JSON file (:func:`run_cells`).

This module is executed *in the kernel*: the worker sends its source with the
warm-up code (the kernel may be another interpreter, so nothing of fai is
imported there); it needs the standard library and the kernel's shell only.
Before each cell its index is written to a progress file, and again with the
cell's outputs so far when it writes or flushes a stream (at most every 0.2 s, as
ipykernel sends buffered text): a kernel that dies or is killed mid-notebook still
tells which cell was running and what it had printed.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

#: seconds between two writes of a running cell's text to the progress file (ipykernel's
#: stream buffer is sent as often)
FLUSH_INTERVAL_S = 0.2
#: what :func:`supports` needs of the kernel's shell (ipykernel's ZMQ shell)
DISPLAY_HOOK_CLASS = "ZMQShellDisplayHook"


def supports(shell: Any) -> bool:
    """True when ``shell`` is an ipykernel shell whose outputs this module can capture."""
    return (
        hasattr(shell, "display_pub")
        and callable(getattr(shell.display_pub, "register_hook", None))
        and type(shell.displayhook).__name__ == DISPLAY_HOOK_CLASS
        and hasattr(shell, "_showtraceback")
    )


def now() -> str:
    """An ISO timestamp in UTC, written the way Jupyter messages stamp their headers."""
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def _stream_output(name: str, text: str) -> dict[str, Any]:
    return {"output_type": "stream", "name": name, "text": text}


class Outputs:
    """The outputs of one cell, built as nbclient builds them from IOPub messages.

    Stream text is buffered per stream, as ipykernel's streams buffer it, and becomes an
    output when ipykernel would send it: when its stream is flushed, before any other
    output (stdout first, then stderr), at the cell's end, and when text comes more than
    :data:`FLUSH_INTERVAL_S` after the buffer's first text. ``displays`` maps a display
    id to the outputs shown under it, for the whole notebook (an update may come from a
    later cell).
    """

    def __init__(self, displays: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.items: list[dict[str, Any]] = []
        self.clear_pending = False
        self.displays = displays if displays is not None else {}
        self.pending = {"stdout": "", "stderr": ""}
        self.since = {"stdout": 0.0, "stderr": 0.0}

    def add(self, output: dict[str, Any], display_id: str | None = None) -> None:
        """Append an output after the buffered stream text (a pending
        ``clear_output(wait=True)`` clears first)."""
        self.flush_streams()
        self._append(output, display_id)

    def _append(self, output: dict[str, Any], display_id: str | None = None) -> None:
        if self.clear_pending:
            self.clear()
        if display_id:
            self.displays.setdefault(display_id, []).append(output)
        self.items.append(output)

    def stream(self, name: str, text: str) -> None:
        """Text written to ``name`` (stdout, stderr): buffered."""
        if not text:
            return
        now_s = time.monotonic()
        if self.pending[name] and now_s - self.since[name] > FLUSH_INTERVAL_S:
            self.flush_stream(name)
        if not self.pending[name]:
            self.since[name] = now_s
        self.pending[name] += text

    def flush_stream(self, name: str) -> None:
        """The buffered text of ``name`` becomes an output."""
        text, self.pending[name] = self.pending[name], ""
        if text:
            self._append(_stream_output(name, text))

    def flush_streams(self) -> None:
        for name in self.pending:
            self.flush_stream(name)

    def so_far(self) -> list[dict[str, Any]]:
        """The outputs, with the buffered text as if it were flushed now."""
        return self.items + [_stream_output(name, text) for name, text in self.pending.items() if text]

    def clear(self, wait: bool = False) -> None:
        """``clear_output``: now, or (``wait``) before the next output."""
        if wait:
            self.clear_pending = True
            return
        self.items = []
        self.clear_pending = False

    def update(self, display_id: str, data: dict[str, Any], metadata: dict[str, Any]) -> None:
        """``update_display_data``: the outputs shown under ``display_id`` take the new data."""
        for output in self.displays.get(display_id, []):
            output["data"] = data
            output["metadata"] = metadata

    def message(self, msg: dict[str, Any]) -> None:
        """One message the display publisher was about to send."""
        kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
        content = msg.get("content", {})
        display_id = (content.get("transient") or {}).get("display_id")
        if kind == "display_data":
            self.add({"output_type": "display_data", "data": content.get("data", {}),
                      "metadata": content.get("metadata", {})}, display_id)
        elif kind == "update_display_data" and display_id:
            self.flush_streams()
            self.update(display_id, content.get("data", {}), content.get("metadata", {}))
        elif kind == "clear_output":
            self.flush_streams()
            self.clear(bool(content.get("wait")))


class Stream(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` while a cell runs: text goes to its outputs;
    every ``write()`` and ``flush()`` calls ``on_flush`` (:class:`ProgressWriter` spaces its
    writes)."""

    def __init__(self, name: str, outputs: Outputs, original: Any,
                 on_flush: Callable[[], None]) -> None:
        super().__init__()
        self.name_ = name
        self.outputs = outputs
        self.original = original
        self.on_flush = on_flush
        self.detached = False  # its cell ended

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def name(self) -> str:
        return f"<{self.name_}>"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.original.fileno()

    def write(self, text: str) -> int:  # type: ignore[override]
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.detached:  # kept by something (a logging handler) past its cell: the running
            current = getattr(sys, self.name_)  # cell's stream, as ipykernel's stream would
            return current.write(text) if current is not self else len(text)
        self.outputs.stream(self.name_, text)
        self.on_flush()
        return len(text)

    def flush(self) -> None:
        if self.detached:
            return
        self.outputs.flush_stream(self.name_)
        self.on_flush()


class Capture:
    """While in ``with``: the shell's outputs go to :attr:`outputs` instead of IOPub."""

    def __init__(self, shell: Any, displays: dict[str, list[dict[str, Any]]] | None = None,
                 on_flush: Callable[[], None] = lambda: None) -> None:
        self.shell = shell
        self.outputs = Outputs(displays)
        self.on_flush = on_flush

    def _flushed(self) -> None:
        self.on_flush()

    def _published(self, msg: dict[str, Any]) -> None:
        """The display publisher's transform hook: the message is kept here, and (None
        returned) not sent."""
        self.outputs.message(msg)

    def _finish_displayhook(self) -> None:
        hook = self.shell.displayhook
        msg = hook.msg
        if msg and msg["content"].get("data"):
            content = msg["content"]
            self.outputs.add({"output_type": "execute_result", "data": content["data"],
                              "metadata": content.get("metadata") or {},
                              "execution_count": content.get("execution_count")})
        hook.msg = None

    def _showtraceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
        self.outputs.add({"output_type": "error", "ename": str(etype.__name__),
                          "evalue": str(evalue), "traceback": list(stb)})
        self.shell._last_traceback = stb

    def __enter__(self) -> Capture:  # noqa: PYI034 - typing.Self is Python 3.11, a kernel may be 3.10
        self.saved = (sys.stdout, sys.stderr)
        self.streams = (Stream("stdout", self.outputs, sys.stdout, self._flushed),
                        Stream("stderr", self.outputs, sys.stderr, self._flushed))
        sys.stdout, sys.stderr = self.streams
        self.shell.display_pub.register_hook(self._published)
        self.shell.displayhook.finish_displayhook = self._finish_displayhook
        self.shell._showtraceback = self._showtraceback
        return self

    def __exit__(self, *exc: object) -> None:
        self.outputs.flush_streams()
        for stream in self.streams:
            stream.detached = True
        sys.stdout, sys.stderr = self.saved
        self.shell.display_pub.unregister_hook(self._published)
        for obj, name in ((self.shell.displayhook, "finish_displayhook"), (self.shell, "_showtraceback")):
            if name in obj.__dict__:
                del obj.__dict__[name]


def write_json(path: str, data: Any) -> None:
    """``data`` as JSON in ``path``, replaced whole (a reader never sees half a file)."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, default=repr)
    os.replace(tmp, path)


class ProgressWriter:
    """Writes the running cell and its outputs so far to the progress file when the cell
    writes or flushes a stream: at once, or, within :data:`FLUSH_INTERVAL_S` of the last
    write, when that interval is over (a timer thread). A cell that prints in a loop writes
    the file at most five times a second, not once per line (each write holds all its
    outputs)."""

    def __init__(self, path: str, running: dict[str, Any], outputs: Outputs) -> None:
        self.path = path
        self.running = running
        self.outputs = outputs
        self.last = 0.0
        self.timer: threading.Timer | None = None
        self.closed = False
        self.lock = threading.Lock()

    def __call__(self) -> None:
        with self.lock:
            if self.closed or self.timer is not None:  # a write is due already
                return
            wait = self.last + FLUSH_INTERVAL_S - time.monotonic()
            if wait > 0:
                self.timer = threading.Timer(wait, self._due)
                self.timer.daemon = True
                self.timer.start()
                return
            self._write()

    def _due(self) -> None:
        with self.lock:
            self.timer = None
            if not self.closed:
                self._write()

    def _write(self) -> None:
        self.last = time.monotonic()
        try:
            write_json(self.path, {**self.running, "outputs": self.outputs.so_far()})
        except (OSError, RuntimeError, TypeError, ValueError):  # news for a worker: never the cell's error
            pass

    def close(self) -> None:
        """The cell ended: no write after this one returns."""
        with self.lock:
            self.closed = True
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None


def run_cells(shell: Any, cells_path: str, out_path: str, progress_path: str) -> None:
    """Run the code cells in ``cells_path`` (JSON: ``[{"index", "source", "tags"}]``) in
    ``shell``; write ``{"cells": [{"index", "execution_count", "outputs", "start", "end",
    "ok"}], "language_info"}`` to ``out_path``. Stops after the first cell that fails,
    unless it is tagged ``raises-exception`` (as nbclient does). The running cell is in
    ``progress_path``: ``{"index", "execution_count", "start", "outputs"}`` (its outputs
    as of its last flush)."""
    with open(cells_path, encoding="utf-8") as f:
        cells = json.load(f)
    results: list[dict[str, Any]] = []
    displays: dict[str, list[dict[str, Any]]] = {}
    try:
        for cell in cells:
            running = {"index": cell["index"], "execution_count": shell.execution_count,
                       "start": now(), "outputs": []}
            write_json(progress_path, running)
            capture = Capture(shell, displays)
            progress = ProgressWriter(progress_path, running, capture.outputs)
            capture.on_flush = progress
            try:
                with capture:
                    result = shell.run_cell(cell["source"], store_history=True)
            finally:
                progress.close()
            ok = bool(result.success)
            results.append({"index": cell["index"], "execution_count": result.execution_count,
                            "outputs": capture.outputs.items, "start": running["start"], "end": now(),
                            "ok": ok})
            if not ok and "raises-exception" not in cell.get("tags", ()):
                break
    finally:
        kernel = getattr(shell, "kernel", None)
        info = getattr(kernel, "language_info", None)
        write_json(out_path, {"cells": results, "language_info": info if isinstance(info, dict) else None})
