"""Kernels forked by the run's zygote (fai.batch.zygote) behave as kernels started from scratch.

Real processes throughout: a zygote, kernels forked from it and kernels launched by
jupyter_client the usual way, compared on what a notebook can see of its process.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from pathlib import Path

import pytest

from fai.batch.kernel import GC_THRESHOLD, KernelSpec, WarmKernel
from fai.batch.zygote import Zygote, can_fork, supported

ROOT = Path(__file__).resolve().parents[2]

# What a notebook can see of its process, printed as one JSON line.
PROBE = """
import json as _j, os as _o, signal as _s, sys as _y, warnings as _w, matplotlib as _m, numpy as _n
print(_j.dumps({
    "argv": _y.argv[1:2] + [_o.path.basename(_y.argv[0])], "path": _y.path, "cwd": _o.getcwd(),
    "backend": _m.get_backend(), "sigint": str(_s.getsignal(_s.SIGINT)),
    "sigterm": str(_s.getsignal(_s.SIGTERM)), "filters": len(_w.filters),
    "env": sorted(_o.environ), "own_session": _o.getsid(0) == _o.getpid(), "main": _y.modules["__main__"].__name__,
    "stdin_open": not _y.stdin.closed, "ppid": _o.getppid(), "random": float(_n.random.rand()),
    "parent_pid_env": _o.environ.get("JPY_PARENT_PID"), "gc_threshold": list(__import__("gc").get_threshold()),
}))
"""
SAME = ("argv", "path", "cwd", "backend", "sigint", "sigterm", "filters", "env", "own_session", "main",
        "stdin_open", "gc_threshold")

pytestmark = pytest.mark.skipif(not supported(), reason="needs Linux with pidfds (os.pidfd_open)")


@pytest.fixture(scope="module")
def zygote():
    z = Zygote(KernelSpec(imports=("pandas",)).all_imports())
    yield z
    z.close()


@pytest.fixture(scope="module")
def zygote_fai():
    z = Zygote(KernelSpec(imports=("fai",)).all_imports())
    yield z
    z.close()


def _probe(kernel: WarmKernel) -> dict:
    from jupyter_core.utils import run_sync

    texts: list[str] = []
    kc = kernel.km.client()
    kc.start_channels()
    run_sync(kc.execute_interactive)(PROBE, timeout=60, output_hook=lambda m: texts.append(
        m["content"].get("text", "") if m["msg_type"] == "stream" else ""))
    return json.loads("".join(texts))


def _started(spec: KernelSpec) -> WarmKernel:
    kernel = WarmKernel(spec)
    kernel.start()
    return kernel


def test_a_forked_kernel_is_the_zygotes_child_and_sees_what_a_launched_kernel_sees(zygote, tmp_path):
    spec = KernelSpec(imports=("pandas",), cwd=str(tmp_path))
    plain = _started(spec)
    try:
        forked = _started(dataclasses.replace(spec, zygote=zygote.address))
        try:
            a, b = _probe(plain), _probe(forked)
        finally:
            forked.shutdown()
    finally:
        plain.shutdown()
    assert a["ppid"] == os.getpid() and b["ppid"] == zygote.process.pid
    assert a["parent_pid_env"] == b["parent_pid_env"] == str(os.getpid())
    assert {k: a[k] for k in SAME} == {k: b[k] for k in SAME}
    assert b["argv"] == ["-f", "ipykernel_launcher.py"] and b["cwd"] == str(tmp_path)
    assert b["gc_threshold"] == list(GC_THRESHOLD)  # a batch kernel collects less often (kernel.py)


def test_two_forked_kernels_draw_different_random_numbers(zygote):
    spec = KernelSpec(imports=("pandas",), zygote=zygote.address)
    kernels = [_started(spec), _started(spec)]
    try:
        draws = [_probe(k)["random"] for k in kernels]
    finally:
        for k in kernels:
            k.shutdown()
    assert draws[0] != draws[1]


def test_a_forked_kernel_that_is_killed_says_so(zygote):
    from jupyter_core.utils import run_sync

    kernel = _started(KernelSpec(imports=("pandas",), zygote=zygote.address))
    try:
        kernel.kill()
        deadline = time.monotonic() + 10
        while run_sync(kernel.km.is_alive)() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not run_sync(kernel.km.is_alive)()
        assert "killed by SIGKILL" in kernel.exit_note()
    finally:
        kernel.discard()


def test_without_its_zygote_the_worker_launches_the_kernel_itself():
    gone = Zygote(())
    address = gone.address
    gone.close()
    assert gone.process.returncode is not None and not Path(gone.folder).exists()
    kernel = _started(KernelSpec(zygote=address))
    try:
        assert _probe(kernel)["ppid"] == os.getpid()
    finally:
        kernel.shutdown()


def test_only_this_interpreters_ipykernel_launcher_is_forked(tmp_path):
    assert can_fork([sys.executable, "-m", "ipykernel_launcher", "-f", "kernel.json"])
    assert not can_fork([sys.executable, "-m", "other_kernel", "-f", "kernel.json"])
    other = tmp_path / "python"
    other.write_text("#!/bin/sh\n")
    assert not can_fork([str(other), "-m", "ipykernel_launcher", "-f", "kernel.json"])


def test_the_warm_up_does_every_step_and_leaves_matplotlibs_settings_as_they_were():
    import matplotlib as mpl

    from fai.reports.kernel_warm import STEPS, prepare

    before = dict(mpl.rcParams)
    assert prepare() == list(STEPS)
    assert dict(mpl.rcParams) == before


@pytest.mark.slow
def test_a_forked_kernels_first_report_imports_little(zygote_fai, tmp_path, monkeypatch):
    """What fai imports on a report's first use is imported in the zygote (KERNEL_MODULES): on a
    project built by `fai build` (its tables validated there, so not pandera)."""
    import shutil

    from fai import data

    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    if (ROOT / "data" / "regions.csv").exists():
        shutil.copy(ROOT / "data" / "regions.csv", tmp_path / "data" / "regions.csv")
    monkeypatch.setenv("FAI_HOME", str(tmp_path))
    data.build_processed()
    kernel = _started(KernelSpec(imports=("fai",), zygote=zygote_fai.address))
    try:
        kernel._run(f"import os, sys as _s; os.environ['FAI_HOME'] = {str(tmp_path)!r}; "
                    "_s._fai_before = set(_s.modules)")
        kernel._run("import fai, fai.data as _d\n_t, _g = _d.load(), _d.load_targets()\n"
                    "from fai.presentation import fonts\n"
                    "import seaborn, matplotlib.pyplot as _p\nfonts.use_chinese_font()\n"
                    "_f = _p.figure(); _f.text(0.5, 0.5, '固定资产投资'); _f.savefig(__import__('io').BytesIO())")
        content = kernel._execute("", 10, user_expressions={
            "new": "sorted(set(__import__('sys').modules) - __import__('sys')._fai_before)"})
        new = json.loads(content["user_expressions"]["new"]["data"]["text/plain"].replace("'", '"'))
        ppid = _probe(kernel)["ppid"]
    finally:
        kernel.shutdown()
    assert ppid == zygote_fai.process.pid
    assert len(new) < 40, f"a first report imports {len(new)} modules: {sorted({m.split('.')[0] for m in new})}"


def test_imports_that_start_a_thread_make_the_worker_launch_its_kernel(tmp_path, monkeypatch):
    """A forked kernel would lack the thread a module started at import: no fork then."""
    (tmp_path / "starts_a_thread.py").write_text(
        "import threading, time\nthreading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n",
        encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    threaded = Zygote(("starts_a_thread",))
    try:
        kernel = _started(KernelSpec(zygote=threaded.address))
        try:
            assert _probe(kernel)["ppid"] == os.getpid()
        finally:
            kernel.shutdown()
    finally:
        threaded.close()


def test_a_zygote_closed_while_it_imports_is_stopped_at_once():
    z = Zygote(KernelSpec(imports=("fai",)).all_imports())
    started = time.monotonic()
    z.close()
    assert time.monotonic() - started < 2 and z.process.returncode is not None
    assert not Path(z.folder).exists()


@pytest.mark.parametrize("how", ["stdin closed", "SIGTERM"])
def test_a_zygote_whose_driver_died_leaves_and_removes_its_folder(how):
    import signal

    z = Zygote(())
    time.sleep(0.5)
    if how == "SIGTERM":  # what a test, or an impatient user, sends the driver's children
        z.process.send_signal(signal.SIGTERM)
    else:
        z.process.stdin.close()  # what the driver's death does (nobody calls close())
    z.process.wait(timeout=30)
    assert not Path(z.folder).exists()
