"""Workers always stop: a stuck worker never hangs the driver (a CI run once waited 600 s).

The SIGTERM handler of a worker kills its kernels without taking the lock the
main thread may hold; the driver's close kills a worker that ignores SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from pathlib import Path

import pytest

from fai.batch import warm
from fai.batch.process_workers import _stop
from fai.batch.zygote import supported as zygote_supported


def test_kill_kernels_does_not_wait_for_the_lock_the_interrupted_thread_holds():
    done = threading.Event()
    with warm._LOCK:  # the main thread was inside acquire() when SIGTERM came
        worker = threading.Thread(target=lambda: (warm.kill_kernels(), done.set()), daemon=True)
        worker.start()
        assert done.wait(timeout=5), "kill_kernels waited for the lock"


def _deaf() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        time.sleep(0.1)


class _Stub:
    """The driver's side of a worker: just its process and no kernel."""

    def __init__(self, process: multiprocessing.Process) -> None:
        self.process = process
        self.kernel_pid = None

    def kill_kernel(self) -> None:
        pass


def test_a_worker_deaf_to_sigterm_is_killed_on_close():
    process = multiprocessing.get_context("spawn").Process(target=_deaf, daemon=True)
    process.start()
    time.sleep(1.0)  # its SIGTERM handler is in place
    started = time.monotonic()
    _stop(_Stub(process), timeout=0.2)
    assert not process.is_alive() and process.exitcode == -signal.SIGKILL
    assert time.monotonic() - started < 15


def _alive(pid: int) -> bool:
    import os

    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # our child: reap it if it is dead
    except ChildProcessError:
        waited = 0
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
    return waited == 0


def test_discarding_the_kernels_kills_them_and_removes_their_files():
    import os

    from fai.batch.kernel import KernelSpec

    kernel = warm.acquire(KernelSpec(imports=()))
    pid, run_dir = kernel.pid, kernel.run_dir
    warm.release(kernel, keep=True)
    assert pid and _alive(pid) and os.path.isdir(run_dir)
    assert warm.discard_kernels() == 1
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid) and not os.path.exists(run_dir)
    assert warm.discard_kernels() == 0  # nothing left



def _one_cell_task(source: str):
    """A task of one code cell, on the default kernel."""
    import nbformat

    from fai.batch.execute import TaskSpec
    from fai.batch.kernel import KernelSpec

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return TaskSpec(notebook=nbformat.writes(nb), kernel=KernelSpec(), timeout=60, headline=False)


@pytest.mark.slow
def test_a_worker_gets_its_next_notebook_before_the_driver_writes_the_last_report():
    from fai.batch.kernel import KernelSpec
    from fai.batch.process_workers import ProcessWorkers

    spec = _one_cell_task("x = 1")
    workers = ProcessWorkers(KernelSpec(), 1)
    try:
        first, second = workers.submit(spec), workers.submit(spec)
        done = []
        for handle, result in workers.as_completed([first, second]):
            if handle is first:  # the driver is about to write first's report: second already runs
                assert workers.workers[0].handle is second and not workers.queue
            done.append(result.status.value)
        assert done == ["succeeded", "succeeded"]
    finally:
        workers.close()


@pytest.mark.slow
@pytest.mark.skipif(not zygote_supported(), reason="needs Linux with pidfds (os.pidfd_open)")
def test_a_batchs_kernels_come_from_its_zygote_which_leaves_with_the_pool():
    import nbformat

    from fai.batch.kernel import KernelSpec
    from fai.batch.process_workers import ProcessWorkers

    spec = _one_cell_task("import os; print(os.getppid())")
    workers = ProcessWorkers(KernelSpec(), 1)
    zygote = workers.zygote
    try:
        assert zygote is not None
        [(_, result)] = list(workers.as_completed([workers.submit(spec)]))
        assert result.status.value == "succeeded"
        done = result.notebook if not isinstance(result.notebook, str) else nbformat.reads(result.notebook, 4)
        printed = done.cells[0].outputs[0]["text"]
        assert int(printed) == zygote.process.pid
    finally:
        workers.close()
    assert zygote.process.poll() is not None and not Path(zygote.folder).exists()


def test_a_kernel_that_answers_an_earlier_kernel_info_request_is_ready():
    """A kernel slow to start answers the first request after the client asked again: that
    answer counts (waiting for the answer to the latest request could go on for ever)."""
    import asyncio
    from queue import Empty, Queue

    from fai.batch.kernel import _manager_class

    class _Channel:
        def __init__(self) -> None:
            self.queue: Queue = Queue()

        async def get_msg(self, timeout: float = 0) -> dict:
            try:
                return self.queue.get_nowait()
            except Empty:
                raise Empty from None

    class _Lagging:
        """Answers each kernel_info request one request late, and then says it is idle."""

        def __init__(self) -> None:
            self.shell_channel, self.iopub_channel = _Channel(), _Channel()
            self.asked: list[str] = []
            self.handled: list[dict] = []

        def kernel_info(self) -> str:
            self.asked.append(f"req-{len(self.asked)}")
            if len(self.asked) > 1:
                self.shell_channel.queue.put({"msg_type": "kernel_info_reply",
                                              "parent_header": {"msg_id": self.asked[-2]}})
                self.iopub_channel.queue.put({"msg_type": "status"})
            return self.asked[-1]

        def _handle_kernel_info_reply(self, reply: dict) -> None:
            self.handled.append(reply)

        async def _async_is_alive(self) -> bool:
            return True

    client = _Lagging()
    asyncio.run(_manager_class().fai_client._first_ready(client, 30))
    assert len(client.asked) == 2 and client.handled[0]["parent_header"]["msg_id"] == "req-0"
