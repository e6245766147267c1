"""The report batch: params validation, the runner's faults, Ctrl-C, Dask, warm kernels.

The slow tests run the test-only templates in tests/notebooks/ (probe: a tiny
real report; die: ``os._exit``; sleep: runs past ``--timeout``); the real
templates on the bundled data are run once per session (``real_batch`` in
conftest.py) and checked here and in test_browser.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from fai import cli
from fai.batch import run as batch
from fai.batch import warm
from fai.batch.execute import TaskSpec, execute_task
from fai.batch.kernel import KernelSpec
from fai.batch.process_workers import ProcessWorkers
from fai.batch.results import JobStatus
from fai.batch.summary import Summary
from fai.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
TEST_TEMPLATES = ROOT / "tests" / "notebooks"
FAI = [sys.executable, "-m", "fai.cli"]
XSS = "<script>alert(1)</script>"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def templates():
    return batch.find_templates(TEST_TEMPLATES)


# --------------------------------------------------------------------------- planning (fast)
def test_templates_are_found_by_topic_with_their_parameters(templates):
    assert list(templates) == ["probe", "die", "sleep"]
    assert list(templates["sleep"].parameters) == ["region", "period_end", "lang", "data_path",
                                                   "headline_path", "seconds"]
    assert templates["sleep"].parameters["seconds"]["inferred_type_name"] == "float"
    assert {"fai", "matplotlib.pyplot", "IPython.display", "fai.reports.html"} <= set(templates["probe"].imports)


def test_plan_merges_defaults_sections_and_filters_topics(tmp_path, templates):
    params = write(tmp_path / "params", {
        "_defaults.yaml": "templates: [probe, sleep]\nparameters: {period_end: latest}\nsleep: {seconds: 2}\n",
        "beijing.yaml": 'region: "110000"\nparameters: {lang: en}\nsleep: {seconds: 5.5}\n',
        "east.yaml": "region: 东部\ntemplates: [probe]\n",
    })
    tasks = batch.plan([params], templates=templates)
    got = {(t.region_slug, t.template): t.parameters for t in tasks}
    assert got == {
        ("110000-beijing", "probe"): {"region": "110000", "period_end": "latest", "lang": "en"},
        ("110000-beijing", "sleep"): {"region": "110000", "period_end": "latest", "lang": "en",
                                      "seconds": 5.5},
        ("900001-east", "probe"): {"region": "东部", "period_end": "latest"},
    }
    assert [t.region_name for t in tasks] == ["北京市", "北京市", "东部地区"]
    only = batch.plan([params / "beijing.yaml"], templates=templates, only=["sleep"])
    assert [(t.region_code, t.template) for t in only] == [("110000", "sleep")]


@pytest.mark.parametrize(
    "text, message",
    [
        ('region: "110000"\nparameters: {perod_end: latest}\n', r"beijing.yaml: parameter 'perod_end'.*'period_end'"),
        ('region: "110000"\nsleep: {second: 3}\n', r"beijing.yaml: sleep.second is not a parameter of 30-sleep.ipynb.*did you mean 'seconds'"),
        ('region: "110000"\ntemplates: [grwoth]\n', r"beijing.yaml: template 'grwoth'"),
        ('region: "110000"\nregoin: x\n', r"beijing.yaml: unknown key 'regoin'.*'region'"),
        ("region: 000000\n", r"beijing.yaml: region is the number 0 — quote the code"),
        ('region: "110000"\nparameters: {period_end: 2024-11-30}\n', r"beijing.yaml: period_end is .*date.*str"),
        ('region: "110000"\nsleep: {seconds: soon}\n', r"beijing.yaml: seconds is 'soon'.*float"),
        ('region: "110000"\nparameters: {headline_path: x.json}\n', r"'headline_path' is set by fai run"),
        ('parameters: {lang: zh}\n', r"beijing.yaml: no region"),
        ('region: "110000"\nparameters: [1, 2]\n', r"beijing.yaml: parameters is \[1, 2\]"),
        ('region: "110000\n', r"beijing.yaml line \d+: not valid YAML"),
    ],
)
def test_invalid_params_name_the_file_and_key(tmp_path, templates, text, message):
    params = write(tmp_path / "params", {"beijing.yaml": text})
    with pytest.raises(ParameterError, match=message):
        batch.plan([params], templates=templates)


def test_two_params_files_for_one_region_are_an_error(tmp_path, templates):
    params = write(tmp_path / "params", {"a.yaml": 'region: "110000"\n', "b.yaml": "region: 北京市\n"})
    with pytest.raises(ParameterError, match=r"b.yaml: region '北京市' × probe is also made by .*a.yaml"):
        batch.plan([params], templates=templates)


def test_a_typo_exits_2_and_runs_nothing(tmp_path, capsys):
    params = write(tmp_path / "params", {
        "ok.yaml": 'region: "000000"\ntemplates: [probe]\n',
        "typo.yaml": 'region: "110000"\ntemplates: [probe]\nparameters: {langauge: en}\n',
    })
    out = tmp_path / "reports"
    code = cli.main(["run", str(params), "--templates-dir", str(TEST_TEMPLATES), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "typo.yaml" in err and "'langauge'" in err and "did you mean 'lang'" in err
    assert not out.exists()


@pytest.mark.parametrize("region", ["../../etc/passwd", "..", "/abs/path", XSS, "a\\b\x00c", "北京大学"])
def test_slugs_never_leave_the_output_folder(tmp_path, region):
    code, name, slug = batch.region_identity(region)
    assert code == "" and name == region
    assert slug.startswith("unregistered-") and all(c.isalnum() or c == "-" for c in slug)
    assert (tmp_path / slug).resolve().parent == tmp_path.resolve()


def test_registered_regions_keep_the_registry_slug():
    assert batch.region_identity("内蒙古") == ("150000", "内蒙古自治区", "150000-inner-mongolia")
    assert batch.region_identity("余杭区")[2] == "330110-yuhang-district"
    # distinct unknown names never share a folder
    assert batch.region_identity("火星省")[2] != batch.region_identity("木星省")[2]


def test_only_failed_and_longest_first_ordering(templates, tmp_path):
    params = write(tmp_path / "params", {"a.yaml": 'region: "000000"\n', "b.yaml": 'region: "110000"\n'})
    tasks = batch.plan([params], templates=templates, only=["probe", "sleep"])
    previous = Summary.from_json({"notebooks": [
        {"region_slug": "000000-china", "template": "probe", "status": "succeeded", "seconds": 1.0},
        {"region_slug": "000000-china", "template": "sleep", "status": "failed", "seconds": 9.0},
        {"region_slug": "110000-beijing", "template": "probe", "status": "skipped", "seconds": 0.5},
    ]})
    failed = batch.only_failed(tasks, previous, tmp_path)
    assert [t.key for t in failed] == [("000000-china", "sleep")]
    with pytest.raises(ParameterError, match="no previous run"):
        batch.only_failed(tasks, None, tmp_path)
    ordered = [t.key for t in batch.order_by_previous(tasks, previous)]
    # unknown durations first (new work), then 9 s, 1 s, 0.5 s
    assert ordered == [("110000-beijing", "sleep"), ("000000-china", "sleep"),
                       ("000000-china", "probe"), ("110000-beijing", "probe")]


# --------------------------------------------------------------------------- helpers for runs
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def assert_outputs_whole(out: Path) -> dict:
    """Nothing half-written: no temp file, every JSON/ipynb parses, every HTML is a full page."""
    assert not list(out.rglob("*.tmp")), list(out.rglob("*.tmp"))
    for path in out.rglob("*.ipynb"):
        nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>"), path
        parser = _Tags()
        parser.feed(text)
        assert "script" not in parser.tags, path
        assert len(text.encode("utf-8")) <= 1_000_000, path
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for entry in summary["notebooks"]:
        if entry["html"] is None:  # never ran (yet), or could not be written: listed without a file
            assert entry["status"] == "not run" or entry["error"]["ename"] == "OutputError", entry
            continue
        assert (out / entry["html"]).exists()
        assert entry["html"].startswith(entry["region_slug"] + "/")
    return summary


def by_key(summary: dict) -> dict:
    return {(e["region_slug"], e["template"]): e for e in summary["notebooks"]}


def fault_params(folder: Path, corrupt: Path, sleep_s: float = 30) -> Path:
    corrupt.write_text("region_code,foo\n000000,1\n", encoding="utf-8")
    return write(folder, {
        # 2025年1—12月: the last national release with a level (the panel's 2026 months: growth only)
        "_defaults.yaml": "templates: [probe]\nparameters: {period_end: \"2025-12\"}\n",
        "national.yaml": 'region: "000000"\n',
        "east.yaml": "region: 东部地区\n",
        "xss.yaml": f'region: "{XSS}"\n',
        "corrupt.yaml": f'region: "130000"\nparameters: {{data_path: "{corrupt}"}}\n',
        "die.yaml": 'region: "110000"\ntemplates: [die]\n',
        "sleep.yaml": f'region: "120000"\ntemplates: [sleep]\nsleep: {{seconds: {sleep_s}}}\n',
    })


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    """One batch over the test templates with every fault (2 workers, --timeout 6)."""
    base = tmp_path_factory.mktemp("faults")
    params = fault_params(base / "params", base / "corrupt.csv")
    out = base / "reports"
    started = time.monotonic()
    proc = subprocess.run([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES),
                           "--out", str(out), "--workers", "2", "--timeout", "6"],
                          capture_output=True, text=True, timeout=300, cwd=base, check=False)
    return {"proc": proc, "out": out, "params": params, "seconds": time.monotonic() - started,
            "base": base}


# --------------------------------------------------------------------------- runs (slow)
@pytest.mark.slow
def test_faults_stay_in_their_notebook_and_the_rest_completes(fault_run):
    proc, out = fault_run["proc"], fault_run["out"]
    assert proc.returncode == 1, proc.stderr
    summary = assert_outputs_whole(out)
    entries = by_key(summary)
    status = {k: (e["status"], (e["error"] or {}).get("ename")) for k, e in entries.items()}
    xss_slug = batch.region_identity(XSS)[2]
    assert status == {
        ("000000-china", "probe"): ("succeeded", None),
        ("900001-east", "probe"): ("succeeded", None),
        (xss_slug, "probe"): ("skipped", "MissingDataError"),
        ("130000-hebei", "probe"): ("failed", "InputFormatError"),
        ("110000-beijing", "die"): ("failed", "DeadKernelError"),
        ("120000-tianjin", "sleep"): ("failed", "TimeoutError"),
    }
    assert summary["run"]["counts"] == {"succeeded": 2, "skipped": 1, "failed": 3}
    assert summary["run"]["interrupted"] is False and summary["run"]["finished"]
    die = entries[("110000-beijing", "die")]["error"]
    assert "exit code 3" in die["evalue"] and die["cell"] == 2  # 2nd code cell of 20-die
    sleep = entries[("120000-tianjin", "sleep")]
    assert "6 s (--timeout)" in sleep["error"]["evalue"] and 6 <= sleep["seconds"] < 20
    assert "corrupt.csv" in entries[("130000-hebei", "probe")]["error"]["evalue"]
    # a FaiError raised in the notebook arrives with its fields
    hebei_error = entries[("130000-hebei", "probe")]["error"]
    assert {"file", "where", "found", "expected"} <= set(hebei_error)
    assert "corrupt.csv" in (hebei_error["file"] or hebei_error["found"])
    assert hebei_error["cell"] == 2  # fai.load in the 2nd code cell of 10-probe (papermill's marks not counted)
    # national 2025 1—12月 YoY −3.8 % (nbs_national_fai.csv), level 485,186 亿元
    headline = entries[("000000-china", "probe")]["headline"]
    assert headline["yoy_pct"] == -3.8 and headline["value_100m_yuan"] == 485186.0
    # the failed notebooks are kept and their HTML shows where and why they stopped
    die_html = (out / "110000-beijing" / "die.html").read_text(encoding="utf-8")
    assert "DeadKernelError" in die_html and "about to die" in die_html
    hebei_nb = nbformat.read(out / "130000-hebei" / "probe.ipynb", as_version=4)
    assert hebei_nb.metadata["fai"]["status"] == "failed"
    assert any(o.get("ename") == "InputFormatError" for c in hebei_nb.cells for o in c.get("outputs", []))
    # every line of output says what happened, and the exit summary line counts
    assert "2 succeeded, 1 skipped, 3 failed" in proc.stdout
    assert proc.stdout.count("] ") == 6


@pytest.mark.slow
def test_script_region_is_text_in_its_report_and_the_index(fault_run):
    out = fault_run["out"]
    slug = batch.region_identity(XSS)[2]
    for page in (out / slug / "probe.html", out / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page
        assert "<script" not in text.lower(), page


@pytest.mark.slow
def test_index_lists_every_region_with_status_and_headline(fault_run):
    index = (fault_run["out"] / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr>") == 1 + 6  # header + one row per region
    assert 'class="status failed" href="110000-beijing/die.html"' in index
    assert 'class="status skipped"' in index
    assert "485,186.0" in index and "-3.8" in index  # 全国 2025-12 from the probe's headline JSON


@pytest.mark.slow
def test_only_failed_reruns_exactly_the_failed_entries(fault_run, tmp_path):
    import shutil

    out = tmp_path / "reports"
    shutil.copytree(fault_run["out"], out)
    before = by_key(json.loads((out / "summary.json").read_text(encoding="utf-8")))
    # repair the corrupt region: it must succeed now; die and sleep fail again
    (fault_run["params"] / "corrupt.yaml").write_text('region: "130000"\n', encoding="utf-8")
    try:
        proc = subprocess.run([*FAI, "run", "--only-failed", "--templates-dir", str(TEST_TEMPLATES),
                               "--out", str(out), "--timeout", "3"],
                              capture_output=True, text=True, timeout=300, cwd=fault_run["base"], check=False)
    finally:
        (fault_run["params"] / "corrupt.yaml").write_text(
            f'region: "130000"\nparameters: {{data_path: "{fault_run["base"] / "corrupt.csv"}"}}\n',
            encoding="utf-8")
    assert proc.returncode == 1, proc.stderr
    summary = assert_outputs_whole(out)
    after = by_key(summary)
    assert summary["run"]["notebooks"] == 3  # exactly the three failed ones ran
    assert after[("130000-hebei", "probe")]["status"] == "succeeded"
    assert after[("110000-beijing", "die")]["status"] == "failed"
    assert "3 s (--timeout)" in after[("120000-tianjin", "sleep")]["error"]["evalue"]
    for key in [("000000-china", "probe"), ("900001-east", "probe")]:
        assert after[key] == before[key]  # untouched entries are kept as they were
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr>") == 1 + 6


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def _sleep_params(folder: Path, seconds: float, extra: dict[str, str] | None = None) -> Path:
    return write(folder, {
        "national.yaml": 'region: "000000"\ntemplates: [probe]\n',
        "east.yaml": 'region: "900001"\ntemplates: [probe]\n',
        **{f"sleep{i}.yaml": f'region: "{code}"\ntemplates: [sleep]\nsleep: {{seconds: {seconds}}}\n'
           for i, code in enumerate(["110000", "120000", "130000"])},
        **(extra or {}),
    })


@pytest.mark.slow
def test_ctrl_c_during_a_rerun_keeps_the_earlier_reports(tmp_path):
    out = tmp_path / "reports"
    # the first run's sleeps take no time: the re-run (longest first by these seconds) runs the
    # probes before the old sleeps, and the new region's sleep (never timed) first of all
    first = subprocess.run([*FAI, "run", str(_sleep_params(tmp_path / "params", 0)), "--templates-dir",
                            str(TEST_TEMPLATES), "--out", str(out), "--workers", "2"],
                           capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False)
    assert first.returncode == 0, first.stderr
    sleep_slugs = ["110000-beijing", "120000-tianjin", "130000-hebei"]
    before = {slug: {s: (out / slug / f"sleep{s}").read_bytes() for s in (".html", ".ipynb")}
              for slug in sleep_slugs}
    # the re-run: the sleeps now take a minute, and a new region that never ran joins
    params = _sleep_params(tmp_path / "params", 60, {
        "sleep3.yaml": 'region: "140000"\ntemplates: [sleep]\nsleep: {seconds: 60}\n'})
    proc = subprocess.Popen([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES),
                             "--out", str(out), "--workers", "2", "--force"],  # the probes too
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    deadline = time.monotonic() + 120
    kernels: set[int] = set()
    while time.monotonic() < deadline:  # wait until both probes finished and sleeps are running
        summary = batch.read_summary(out)
        if summary and sum(e.status is JobStatus.SUCCEEDED for e in summary.entries) == 2:
            break
        time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the re-run's probes did not finish within 120 s")
    time.sleep(2.0)
    kernels = {int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
               and _is_kernel_of(int(p.name), proc.pid)}
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    summary = assert_outputs_whole(out)
    assert summary["run"]["interrupted"] is True
    entries = by_key(summary)
    status = {k: (e["status"], (e["error"] or {}).get("ename")) for k, e in entries.items()}
    assert status[("000000-china", "probe")] == ("succeeded", None)
    assert status[("900001-east", "probe")] == ("succeeded", None)
    sleeps = [v for k, v in status.items() if k[1] == "sleep"]
    assert sleeps == [("not run", None)] * 4
    # the earlier good reports are still there, byte for byte, and the summary points at them
    for slug in sleep_slugs:
        entry = entries[(slug, "sleep")]
        assert entry["kept"] == "succeeded" and entry["html"] == f"{slug}/sleep.html"
        assert {s: (out / slug / f"sleep{s}").read_bytes() for s in (".html", ".ipynb")} == before[slug]
    new = entries[("140000-shanxi", "sleep")]
    assert new["html"] is None and new["kept"] is None  # never made: listed, no file
    assert summary["run"]["counts"] == {"succeeded": 2, "skipped": 0, "failed": 0, "not run": 4}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr>") == 1 + 6 and index.count('class="status not-run"') == 3
    # --only-failed picks up what did not run
    tasks = batch.plan([params], templates=batch.find_templates(TEST_TEMPLATES))
    redo = batch.only_failed(tasks, batch.read_summary(out), out)
    assert sorted(t.region_slug for t in redo) == [*sleep_slugs, "140000-shanxi"]
    assert "interrupted" in stdout and "4 not run" in stdout
    assert kernels, "no kernel processes were seen while the run was going"
    time.sleep(1.0)
    assert not [pid for pid in kernels if _pid_alive(pid)], "kernels outlived the run"


def _children(pid: int) -> list[int]:
    kids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if int((p / "stat").read_text().split(") ")[1].split()[1]) == pid:
                    kids.append(int(p.name))
            except (OSError, IndexError, ValueError):
                continue
    return kids


@pytest.mark.slow
def test_kill_9_of_a_worker_fails_only_its_notebook(tmp_path):
    params = write(tmp_path / "params", {
        "a-sleep.yaml": 'region: "110000"\ntemplates: [sleep]\nsleep: {seconds: 10}\n',
        "b-sleep.yaml": 'region: "120000"\ntemplates: [sleep]\nsleep: {seconds: 10}\n',
        **{f"{c}.yaml": f'region: "{code}"\ntemplates: [probe]\n'
           for c, code in zip("cde", ["000000", "900001", "900002"], strict=True)},
    })
    out = tmp_path / "reports"
    proc = subprocess.Popen([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES),
                             "--out", str(out), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    deadline = time.monotonic() + 120
    victim, kernels = None, []
    while time.monotonic() < deadline and victim is None:  # both workers have a kernel, the run began
        workers = [w for w in _children(proc.pid) if b"multiprocessing.spawn" in Path(f"/proc/{w}/cmdline").read_bytes()]
        kernels = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                   and _is_kernel_of(int(p.name), proc.pid)]
        if len(workers) == 2 and len(kernels) == 2 and (out / "summary.json").exists():
            victim = workers[0]
        time.sleep(0.3)
    assert victim is not None, "the workers never started their kernels"
    time.sleep(3.0)  # the two sleeps were handed out and are running
    os.kill(victim, signal.SIGKILL)
    time.sleep(1.5)  # the other sleep runs for 10 s: only the dead worker's kernel is gone by now
    assert sum(_pid_alive(k) for k in kernels) == 1, "the dead worker's kernel outlived it"
    stdout, stderr = proc.communicate(timeout=180)
    assert proc.returncode == 1, stderr
    summary = assert_outputs_whole(out)
    status = {k: (e["status"], (e["error"] or {}).get("ename")) for k, e in by_key(summary).items()}
    sleeps = sorted(v for k, v in status.items() if k[1] == "sleep")
    assert sleeps == [("failed", "WorkerDiedError"), ("succeeded", None)]  # only its notebook failed
    assert [v for k, v in status.items() if k[1] == "probe"] == [("succeeded", None)] * 3
    died = next(e for e in summary["notebooks"] if e["status"] == "failed")
    assert "killed by SIGKILL" in died["error"]["evalue"]
    assert stdout.count("] ") == 5


@pytest.mark.slow
def test_a_worker_dead_before_its_first_notebook_is_replaced_and_nothing_fails():
    kernel = KernelSpec(cwd=str(TEST_TEMPLATES))
    workers = ProcessWorkers(kernel, 1)
    try:
        dead = workers.workers[0].process
        os.kill(dead.pid, signal.SIGKILL)
        dead.join()
        handle = workers.submit(TaskSpec(notebook=_nb("print(6 * 7)"), kernel=kernel, headline=False))
        [(done, result)] = list(workers.as_completed([handle]))
    finally:
        workers.close()
    assert done is handle and result.status is JobStatus.SUCCEEDED and _texts(result) == ["42\n"]
    assert workers.replaced == 1 and workers.idle_deaths == 1


@pytest.mark.slow
def test_a_disk_that_fills_up_mid_batch_stops_with_a_whole_summary(tmp_path, tmpfs):
    codes = ["000000", "900001", "900002", "900003", "900004", "110000"]
    params = write(tmp_path / "params", {f"r{i}.yaml": f'region: "{code}"\ntemplates: [probe]\n'
                                         for i, code in enumerate(codes)})
    with tmpfs(tmp_path / "disk", "16m") as disk:
        out = disk / "reports"
        proc = subprocess.Popen([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES),
                                 "--out", str(out), "--workers", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(out.glob("*/probe.html")):
            time.sleep(0.1)
        with open(disk / "filler", "wb") as f, contextlib.suppress(OSError):  # another program
            while True:  # fills the disk
                f.write(b"\0" * 65536)
        stdout, stderr = proc.communicate(timeout=180)
        assert proc.returncode == 2, stdout + stderr
        assert "Traceback" not in stderr
        assert stderr.strip().splitlines()[-1].startswith("fai run: ")
        assert "no space left on device" in stderr
        summary = assert_outputs_whole(out)  # whole, and every listed file is there
        statuses = [e["status"] for e in summary["notebooks"]]
        assert len(statuses) == 6 and statuses.count("succeeded") >= 1
        failed = [e for e in summary["notebooks"] if e["status"] == "failed"]
        assert len(failed) <= 1 and all(e["error"]["ename"] == "OutputError" for e in failed)
        assert set(statuses) <= {"succeeded", "failed", "not run"} and "not run" in statuses
        for entry in summary["notebooks"]:  # a report is listed with a file only when it was written
            assert (entry["html"] is not None) == (entry["status"] == "succeeded"), entry
            if entry["status"] == "failed":
                assert "no space left on device" in entry["error"]["evalue"]
        assert (out / "index.html").read_text(encoding="utf-8").count("<tr>") == 1 + 6
        assert "stopped" in summary["run"]


def test_pdf_without_chromium_stops_before_anything_runs(tmp_path):
    params = write(tmp_path / "params", {"national.yaml": 'region: "000000"\ntemplates: [probe]\n'})
    out = tmp_path / "reports"
    proc = subprocess.run([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES), "--out", str(out),
                           "--pdf"], capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False,
                          env={**os.environ, "FAI_CHROMIUM": "/nonexistent/chromium"})
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "--pdf: FAI_CHROMIUM is '/nonexistent/chromium'" in proc.stderr
    assert not out.exists()


@pytest.mark.slow
def test_pdf_is_printed_beside_each_report(tmp_path):
    if not any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no Chromium here: `fai run --pdf` prints through headless Chromium")
    params = write(tmp_path / "params", {"national.yaml": 'region: "000000"\ntemplates: [probe]\n',
                                         "corrupt.yaml": 'region: "130000"\ntemplates: [probe]\n'
                                         'parameters: {data_path: "/nonexistent.csv"}\n'})
    out = tmp_path / "reports"
    proc = subprocess.run([*FAI, "run", str(params), "--templates-dir", str(TEST_TEMPLATES), "--out", str(out),
                           "--pdf", "--workers", "1"], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, check=False)
    assert proc.returncode == 1, proc.stderr  # the corrupt one failed; its page prints too
    for slug in ("000000-china", "130000-hebei"):
        pdf = (out / slug / "probe.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and b"/Type /Page" in pdf and len(pdf) > 2000, slug
    assert not list(out.rglob("*.tmp"))


def _is_kernel_of(pid: int, driver: int) -> bool:
    """Is ``pid`` an ipykernel whose grandparent is ``driver`` (driver → worker → kernel, or
    driver → the run's zygote → a kernel forked there)?"""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        ppid = int(Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[1])
        gppid = int(Path(f"/proc/{ppid}/stat").read_text().split(") ")[1].split()[1])
    except (OSError, IndexError, ValueError):
        return False
    return b"ipykernel" in cmd and gppid == driver


@pytest.mark.slow
def test_dask_local_cluster_runs_the_same_tasks(tmp_path, templates):
    params = write(tmp_path / "params", {
        "national.yaml": 'region: "000000"\ntemplates: [probe]\nparameters: {period_end: "2025-12"}\n',
        "east.yaml": "region: 东部地区\ntemplates: [probe]\n",
        "die.yaml": 'region: "110000"\ntemplates: [die]\n',
    })
    out = tmp_path / "reports"
    tasks = batch.plan([params], templates=templates)
    outcome = batch.run(tasks, out, templates=templates, workers=2, scheduler="local", timeout=60)
    assert outcome.exit_code == 1
    summary = assert_outputs_whole(out)
    status = {k: e["status"] for k, e in by_key(summary).items()}
    assert status == {("000000-china", "probe"): "succeeded", ("900001-east", "probe"): "succeeded",
                      ("110000-beijing", "die"): "failed"}
    assert summary["run"]["scheduler"] == "local"
    assert by_key(summary)[("000000-china", "probe")]["headline"]["yoy_pct"] == -3.8


POLLUTE = """import os, warnings
import matplotlib as mpl, pandas as pd
leftover = 42
mpl.rcParams["lines.linewidth"] = 9
pd.set_option("display.max_rows", 3)
os.chdir("/")
"""

CHECK = """import os
import matplotlib as mpl, pandas as pd
print("leftover" in globals(), mpl.rcParams["lines.linewidth"], pd.get_option("display.max_rows"),
      os.getcwd() == START)
"""


def _nb(*sources: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(nb)


def _texts(result) -> list[str]:
    nb = nbformat.from_dict(result.notebook)
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out.append(o.get("text") or o.get("data", {}).get("text/plain") or "")
            if "image/png" in o.get("data", {}):
                out.append(o["data"]["image/png"])
    return out


@pytest.mark.slow
def test_warm_kernel_gives_the_same_outputs_as_a_fresh_one():
    kernel = KernelSpec(cwd=str(TEST_TEMPLATES), imports=("fai", "fai.report"))
    spec = TaskSpec(notebook=(TEST_TEMPLATES / "10-probe.ipynb").read_text(encoding="utf-8"),
                    parameters={"region": "000000", "period_end": "2025-12"}, kernel=kernel, timeout=120)
    try:
        fresh = execute_task(dataclasses.replace(spec, kernel=dataclasses.replace(kernel, warm=False)))
        start = execute_task(dataclasses.replace(spec, notebook=_nb(f"START = {str(TEST_TEMPLATES)!r}")))
        polluted = execute_task(dataclasses.replace(spec, notebook=_nb(POLLUTE)))
        check = execute_task(dataclasses.replace(spec, notebook=_nb(f"START = {str(TEST_TEMPLATES)!r}", CHECK)))
        warm_run = execute_task(spec)
    finally:
        warm.shutdown_kernels()
    assert [r.status.value for r in (fresh, start, polluted, check, warm_run)] == ["succeeded"] * 5
    assert len({r.worker for r in (start, polluted, check, warm_run)}) == 1
    default_lw = 1.5  # matplotlib's default lines.linewidth
    assert _texts(check) == [f"False {default_lw} 60 True\n"]
    assert _texts(warm_run) == _texts(fresh)  # same text, same PNG bytes
    first = nbformat.from_dict(warm_run.notebook)
    counts = [c.execution_count for c in first.cells if c.cell_type == "code"]
    assert counts[:2] == [1, 2]  # the counter restarts with every notebook
    assert warm_run.headline["yoy_pct"] == -3.8


@pytest.mark.slow
def test_a_fai_error_in_a_notebook_reaches_the_batch_with_its_fields():
    kernel = KernelSpec(cwd=str(TEST_TEMPLATES), imports=("fai",))

    def run(*cells: str):
        return execute_task(TaskSpec(notebook=_nb(*cells), kernel=kernel, timeout=120, headline=False))

    try:
        unit = run("x = 1", "from fai.errors import UnitError\n"
                   "raise UnitError(file='data/raw/县表.xlsx', where='cell B3', found=\"unit '万美元'\",\n"
                   "                expected='(亿元), (万元) or (%)')")
        sub = run("import fai.errors\nclass NoTargets(fai.errors.MissingDataError):\n    pass\n"
                  "raise NoTargets('no targets for 余杭区')")
        plain = run("raise KeyError('region')")
    finally:
        warm.shutdown_kernels()
    assert unit.status is JobStatus.FAILED and unit.error.cell == 2
    assert (unit.error.ename, unit.error.file, unit.error.where, unit.error.found, unit.error.expected) == (
        "UnitError", "data/raw/县表.xlsx", "cell B3", "unit '万美元'", "(亿元), (万元) or (%)")
    assert unit.error.evalue == "data/raw/县表.xlsx cell B3: unit '万美元' — expected (亿元), (万元) or (%)"
    assert unit.notebook.metadata["fai"]["ename"] == "UnitError"
    # a subclass of MissingDataError is "no data": skipped, by its class, not its name
    assert sub.status is JobStatus.SKIPPED and sub.error.ename == "NoTargets"
    assert "MissingDataError" in sub.error.classes
    # any other exception: its name and message, no fields
    assert plain.status is JobStatus.FAILED and plain.error.ename == "KeyError"
    assert plain.error.evalue == "'region'" and not plain.error.is_fai_error


# --------------------------------------------------------------------------- real templates
@pytest.mark.slow
def test_real_batch_on_the_bundled_data(real_batch):
    proc, out = real_batch["proc"], real_batch["out"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = assert_outputs_whole(out)
    got = {k: e["status"] for k, e in by_key(summary).items()}
    assert got == {
        ("000000-china", "growth"): "succeeded", ("000000-china", "structure"): "succeeded",
        ("000000-china", "regions"): "succeeded", ("110000-beijing", "growth"): "succeeded",
        ("110000-beijing", "structure"): "succeeded", ("110000-beijing", "regions"): "succeeded",
        ("330110-yuhang-district", "growth"): "succeeded",
        ("330110-yuhang-district", "structure"): "succeeded",
        ("330110-yuhang-district", "targets"): "succeeded",
    }
    national = by_key(summary)[("000000-china", "growth")]["headline"]
    # 全国 2026年1—6月: −5.7 %, no level (the NBS portal's growth, provincial_panel.csv)
    assert national["period"] == "2026-06" and national["yoy_pct"] == -5.7
    assert national["value_100m_yuan"] is None
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2026年1—6月" in index and "-5.7" in index
    for entry in summary["notebooks"]:
        nb = nbformat.read(out / entry["ipynb"], as_version=4)
        assert nb.metadata["fai"]["status"] == "succeeded"
        html = (out / entry["html"]).read_text(encoding="utf-8")
        assert "data:image/png;base64," in html, entry["html"]  # every report has a figure
        assert "injected-parameters" not in html and "headline_path" not in html
