"""Report batch: the naive CLI loop vs `fai run` vs the floor, and incremental re-runs. One JSON line.

Over the default batch (every region of the bundled data × the templates its data
support, params/ as overrides; ``FAI_BENCH_REGIONS=000000,110000`` picks regions),
in a copy of the project (``FAI_HOME``: its own data/processed built by ``fai build``,
so a figure can be changed), on this machine, in one run:

1. naive_s — what analysts write: per notebook the ``papermill`` CLI, then
   ``jupyter nbconvert --to html --no-input``, one after the other, in the
   analyst's environment (``pip install -e '.[lab]'`` in build/venv-lab; ``naive_env``
   says whether it was created now). It runs on a fixed representative sample
   (each template, regions of every level) and is scaled to the whole batch by the
   mean time of each template (``naive_scaled``); ``FAI_BENCH_FULL=1`` runs all.
2. fai_s — ``fai run --out <fresh folder>``: the wall clock of the whole command
   (start-up, planning, worker processes, warm kernels, papermill, HTML export,
   summary, index); best of ``FAI_BENCH_REPEAT`` (1). ``profile`` is where its time went
   (summary.json ``run.profile``: kernel reset, cells, messaging, export, writes).
3. floor_warm_s — the strict floor: interpreters whose imports are done, each
   running its share of the notebooks' cells (one per worker, in parallel),
   figures rendered to PNG by the inline backend; per-notebook times summed and
   divided by the worker count; interleaved with the fai runs, best of as many.
   floor_s — the same with a fresh interpreter per notebook (Python and IPython
   started, nothing of the notebook's imports done), on the sample, scaled.
4. rerun_unchanged_s — ``fai run`` again into the same folder, nothing changed
   (every report up to date). rerun_one_region_s — after one figure of 余杭区 in
   data/raw changed and ``fai build``: re-runs its reports and the ``regions``
   reports that show it (杭州市's, 浙江省's: its parent's and grandparent's; not 全国's,
   which shows macro-regions and provinces); compared with the seconds of that region's reports.

Goals (issues 6, 15): speedup_vs_naive ≥ 6, fai_over_floor_warm ≤ 1.15,
rerun_unchanged_s < 2, rerun_one_region_over_its_reports < 3.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
LAB_ENV = ROOT / "build" / "venv-lab"
CHANGED_REGION = ("余杭区", "330110", "local_examples.csv", "level,629.44,", "level,629.45,")
# the naive loop's sample: each template, regions of every level; the regions reports of 全国
# (its 4 macro-regions and 31 provinces) and of a province (among the 31), as the batch has both
SAMPLE = (("growth", "331002"), ("growth", "330000"), ("structure", "110000"), ("regions", "000000"),
          ("regions", "330000"), ("targets", "330110"))
REPEAT = int(os.environ.get("FAI_BENCH_REPEAT", "1"))  # fai run and warm floor, interleaved; best of

# One interpreter per call. Each task: parameterize, then run the code cells in an
# IPython shell, timed from the first cell to the last. With "warm": the imports
# are done before any timing and the shell is reset between notebooks.
FLOOR_SCRIPT = r"""
import contextlib, io, json, os, sys, time
from IPython.core.interactiveshell import InteractiveShell
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

tasks, imports, warm = json.load(sys.stdin)
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # as ipykernel sets it
shell = InteractiveShell.instance()
shell.enable_gui = lambda gui=None: None
published = []
shell.display_pub.publish = lambda data, metadata=None, **kw: published.append(data)
shell.displayhook.write_format_data = lambda data, metadata=None: published.append(data)  # Out[]
if warm:
    for m in imports:
        try:
            __import__(m)
        except Exception:
            pass
    shell.run_cell("import matplotlib.pyplot", store_history=False)
nbs = [parameterize_notebook(load_notebook_node(t["path"]), t["parameters"], kernel_name="python3")
       for t in tasks]
seconds, failed = [], 0
for nb in nbs:
    shell.reset(new_session=True)
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for cell in nb.cells:
            if cell.cell_type == "code":
                result = shell.run_cell(cell.source, store_history=False)
                if not result.success:
                    failed += 1
                    break
    seconds.append(time.perf_counter() - start)
figures = sum(("image/png" in d) + str(d.get("text/html", "")).count("data:image/") for d in published)
print(json.dumps({"seconds": seconds, "failed": failed, "pngs": figures}))
"""


def make_project(work: Path) -> Path:
    """A copy of the project's data, params and templates, with its own data/processed."""
    project = work / "project"
    shutil.copytree(ROOT / "data" / "raw", project / "data" / "raw")
    if (ROOT / "data" / "regions.csv").exists():
        shutil.copy(ROOT / "data" / "regions.csv", project / "data" / "regions.csv")
    shutil.copytree(ROOT / "params", project / "params")
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    subprocess.run([str(VENV_BIN / "fai"), "build"], cwd=project, env=env_for(project), check=True,
                   stdout=subprocess.DEVNULL)
    return project


def env_for(project: Path) -> dict[str, str]:
    return {**os.environ, "FAI_HOME": str(project)}


def regions_wanted() -> list[str]:
    return [r.strip() for r in os.environ.get("FAI_BENCH_REGIONS", "").split(",") if r.strip()]


def plan_tasks(project: Path):
    os.environ["FAI_HOME"] = str(project)
    from fai.batch import run as batch

    templates = batch.find_templates(project / "notebooks")
    return batch.plan(templates=templates, only_regions=regions_wanted()), templates


def naive_sample(tasks) -> list:
    if os.environ.get("FAI_BENCH_FULL"):
        return list(tasks)
    by_key = {(t.template, t.region_code): t for t in tasks}
    sample = [by_key[k] for k in SAMPLE if k in by_key]
    return sample or list(tasks)[:4]


def scaled(seconds_by_task: dict, tasks) -> float:
    """Σ over templates of (mean seconds of its sampled notebooks × its notebooks in the batch)."""
    per_template = defaultdict(list)
    for task, seconds in seconds_by_task.items():
        per_template[task.template].append(seconds)
    overall = sum(seconds_by_task.values()) / max(len(seconds_by_task), 1)
    total = 0.0
    for task in tasks:
        samples = per_template.get(task.template)
        total += sum(samples) / len(samples) if samples else overall
    return total


def lab_env() -> tuple[Path, str]:
    """The analyst's environment (JupyterLab installed); created once."""
    if (LAB_ENV / "bin" / "papermill").exists() and (LAB_ENV / "bin" / "jupyter-lab").exists():
        return LAB_ENV / "bin", "build/venv-lab: pip install -e '.[lab]' (existing)"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(LAB_ENV)], check=True)
    pip = [str(LAB_ENV / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", f"{ROOT}[lab]"], check=True, stdout=subprocess.DEVNULL)
    return LAB_ENV / "bin", "build/venv-lab: pip install -e '.[lab]' (created now)"


def run_naive(sample, templates, bin_dir: Path, work: Path, project: Path) -> dict:
    import yaml

    seconds = {}
    for i, task in enumerate(sample):
        params = work / f"{i}.yaml"
        params.write_text(yaml.safe_dump(task.parameters, allow_unicode=True), encoding="utf-8")
        out = work / f"{i}-{task.region_slug}-{task.template}.ipynb"
        start = time.perf_counter()
        subprocess.run([str(bin_dir / "papermill"), str(templates[task.template].path), str(out),
                        "-f", str(params), "-k", "python3", "--no-progress-bar"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project, env=env_for(project))
        subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project,
                       env=env_for(project))
        seconds[task] = time.perf_counter() - start
    return seconds


def run_fai(project: Path, out: Path, *extra: str) -> tuple[float, dict]:
    regions = [a for r in regions_wanted() for a in ("--region", r)]
    start = time.perf_counter()
    proc = subprocess.run([str(VENV_BIN / "fai"), "run", "--out", str(out), *regions, *extra],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=project,
                          env=env_for(project), check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"fai run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _floor_items(tasks, templates) -> list[dict]:
    headline = os.path.join(tempfile.gettempdir(), f"fai-floor-{os.getpid()}.json")
    return [{"path": str(templates[t.template].path), "parameters": {**t.parameters, "headline_path": headline}}
            for t in tasks]


def _floor_start(items: list[dict], imports: list[str], warm: bool, project: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", FLOOR_SCRIPT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=project, env=env_for(project))
    proc.stdin.write(json.dumps([items, imports, warm]))
    proc.stdin.close()
    return proc


def _floor_result(proc: subprocess.Popen) -> dict:
    out = proc.stdout.read()
    err = proc.stderr.read()
    if proc.wait() != 0:
        raise SystemExit(f"floor run failed: {err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def _imports(templates) -> list[str]:
    return sorted({m for t in templates.values() for m in t.imports} | {"pandas"})


def run_floor_warm(tasks, templates, workers: int, project: Path) -> tuple[float, int, int]:
    """Σ per-notebook seconds in ``workers`` warm interpreters running in parallel."""
    items = _floor_items(tasks, templates)
    procs = [_floor_start(items[i::workers], _imports(templates), True, project) for i in range(workers)]
    results = [_floor_result(p) for p in procs]
    return (sum(sum(r["seconds"]) for r in results), sum(r["pngs"] for r in results),
            sum(r["failed"] for r in results))


def run_floor_cold(sample, templates, project: Path) -> dict:
    """Per sampled notebook: a fresh interpreter (Python and IPython started, no imports done)."""
    seconds = {}
    for task, item in zip(sample, _floor_items(sample, templates), strict=True):
        seconds[task] = sum(_floor_result(_floor_start([item], _imports(templates), False, project))["seconds"])
    return seconds


def change_one_region(project: Path) -> float:
    """One figure of 余杭区 changes in data/raw; `fai build` (what `make data` does). Its seconds."""
    _, _, name, old, new = CHANGED_REGION
    path = project / "data" / "raw" / name
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"bench: {path} no longer holds {old!r} — update CHANGED_REGION")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([str(VENV_BIN / "fai"), "build"], cwd=project, env=env_for(project), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    workers = os.cpu_count() or 1
    bench_started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fai-bench-") as tmp:
        work = Path(tmp)
        project = make_project(work)
        tasks, templates = plan_tasks(project)
        sample = naive_sample(tasks)
        bin_dir, env_note = lab_env()
        (work / "naive").mkdir()
        naive = run_naive(sample, templates, bin_dir, work / "naive", project)
        naive_s = sum(naive.values()) if len(sample) == len(tasks) else scaled(naive, tasks)
        fai_runs, warm_floors, summaries = [], [], []
        for i in range(max(REPEAT, 1)):  # interleaved: other load on the machine shows in both
            seconds, summary = run_fai(project, work / f"fai{i}")
            fai_runs.append(seconds)
            summaries.append(summary)
            floor_sum, pngs, warm_failed = run_floor_warm(tasks, templates, workers, project)
            warm_floors.append(floor_sum)
        cold = run_floor_cold(sample, templates, project)
        floor_s = (sum(cold.values()) if len(sample) == len(tasks) else scaled(cold, tasks)) / workers
        # incremental: nothing changed, then one region's figure
        rerun_unchanged_s, unchanged = run_fai(project, work / "fai0")
        region = CHANGED_REGION[1]
        region_reports_s = sum(e["seconds"] or 0 for e in unchanged["notebooks"]
                               if e["region_code"] == region)
        build_s = change_one_region(project)
        rerun_one_s, one = run_fai(project, work / "fai0")
    best = min(range(len(fai_runs)), key=lambda i: fai_runs[i])
    fai_s = fai_runs[best]
    floor_warm_s = min(warm_floors) / workers
    counts = one["run"]["counts"]
    ran_s = sum(e["seconds"] or 0 for e in one["notebooks"] if e["status"] in ("succeeded", "skipped"))
    print(json.dumps({
        "benchmark": "batch",
        "notebooks": len(tasks),
        "naive_s": round(naive_s, 2),
        "naive_sample": len(sample),
        "naive_scaled": len(sample) != len(tasks),
        "fai_s": round(fai_s, 2),
        "floor_s": round(floor_s, 2),
        "speedup_vs_naive": round(naive_s / fai_s, 2),
        "fai_over_floor": round(fai_s / floor_s, 3),
        "floor_warm_s": round(floor_warm_s, 2),
        "fai_over_floor_warm": round(fai_s / floor_warm_s, 3),
        "rerun_unchanged_s": round(rerun_unchanged_s, 2),
        "rerun_unchanged_up_to_date": unchanged["run"]["counts"].get("up to date", 0),
        "rerun_one_region_s": round(rerun_one_s, 2),
        "rerun_one_region": CHANGED_REGION[0],
        "rerun_one_region_ran": counts.get("succeeded", 0) + counts.get("failed", 0) + counts.get("skipped", 0),
        "rerun_one_region_reports_s": round(region_reports_s, 2),
        "rerun_one_region_over_its_reports": round(rerun_one_s / max(region_reports_s, 1e-9), 2),
        "rerun_one_region_ran_reports_s": round(ran_s, 2),  # its reports and its ancestors' regions'
        "rerun_one_region_over_ran_reports": round(rerun_one_s / max(ran_s, 1e-9), 2),
        "rerun_one_region_profile": one["run"].get("profile", {}),
        "build_after_change_s": round(build_s, 2),
        "fai_runs_s": [round(s, 2) for s in fai_runs],
        "floor_warm_runs_s": [round(s / workers, 2) for s in warm_floors],
        "profile": summaries[best]["run"].get("profile", {}),
        "workers": workers,
        "templates": sorted({t.template for t in tasks}),
        "fai_statuses": summaries[best]["run"]["counts"],
        "floor_figures": pngs,
        "floor_failed": warm_failed,
        "naive_env": env_note,
        "bench_s": round(time.perf_counter() - bench_started, 1),
        "goals": {"speedup_vs_naive": 6, "fai_over_floor_warm": 1.15, "rerun_unchanged_s": 2,
                  "rerun_one_region_over_its_reports": 3},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
