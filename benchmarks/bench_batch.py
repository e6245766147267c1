"""Report batch: the naive CLI loop vs `fai run` vs the floor. Prints one JSON line.

Over the same notebooks — the whole default batch (every region of the bundled
data × the templates its data support, params/ overriding: what ``fai run``
plans; ``FAI_BENCH_PARAMS=small`` or ``=<slug>.yaml,…`` picks a subset of the
regions), written as one params file per region, on this machine, in one run:

1. naive_s — what analysts write: per notebook the ``papermill`` CLI, then
   ``jupyter nbconvert --to html --no-input``, one after the other, in the
   analyst's environment: ``pip install -e '.[lab]'`` (JupyterLab installed),
   kept in build/venv-lab (``naive_env`` says whether it was created now).
2. fai_s — ``fai run <those params> --out <fresh folder>``: wall clock of the
   whole command (start-up, validation, worker processes, warm kernels,
   papermill, HTML export, summary, index); best of two runs.
   ``fai_rerun_s``: the same command again into the second folder, where the
   previous summary orders the notebooks longest first.
3. floor_s — the issue's floor: each notebook's cells executed in-process in
   a pre-started interpreter (Python and an IPython shell running, nothing of
   the notebook's own imports done), figures rendered to PNG by the inline
   backend; per-notebook times summed and divided by the worker count.
   ``floor_warm_s`` is the stricter floor: one interpreter whose imports are
   already done, reused for every notebook (best of two) — what fai's warm
   kernels do, minus Jupyter's messaging, papermill and the HTML export.

Goals (issue 6): speedup_vs_naive ≥ 6, fai_over_floor ≤ 1.15.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
LAB_ENV = ROOT / "build" / "venv-lab"
SMALL = ("000000-china.yaml", "110000-beijing.yaml", "900001-east.yaml",
         "330110-yuhang-district.yaml", "331002-jiaojiang-district.yaml",
         "990001-tiancheng-county.yaml", "430200-zhuzhou.yaml")

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
print(json.dumps({"seconds": seconds, "failed": failed,
                  "pngs": sum("image/png" in d for d in published)}))
"""


def bench_params() -> list[str] | None:
    """The regions benchmarked, as ``<slug>.yaml`` names: all (None), FAI_BENCH_PARAMS, or "small"."""
    chosen = os.environ.get("FAI_BENCH_PARAMS", "")
    if chosen == "small":
        return list(SMALL)
    if chosen:
        return [name.strip() for name in chosen.split(",") if name.strip()]
    return None


def lab_env() -> tuple[Path, str]:
    """The analyst's environment (JupyterLab installed); created once."""
    if (LAB_ENV / "bin" / "papermill").exists() and (LAB_ENV / "bin" / "jupyter-lab").exists():
        return LAB_ENV / "bin", "build/venv-lab: pip install -e '.[lab]' (existing)"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(LAB_ENV)], check=True)
    pip = [str(LAB_ENV / "bin" / "python"), "-m", "pip", "install", "-q",
           "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", f"{ROOT}[lab]"], check=True, stdout=subprocess.DEVNULL)
    return LAB_ENV / "bin", "build/venv-lab: pip install -e '.[lab]' (created now)"


def bench_tasks(params_dir: Path):
    """The default plan, written as one params file per region (so every step runs the same tasks)."""
    import yaml

    from fai.batch import run as batch

    templates = batch.find_templates(ROOT / "notebooks")
    chosen = bench_params()
    files: dict[str, dict] = {}
    for task in batch.plan(templates=templates):
        if chosen is None or f"{task.region_slug}.yaml" in chosen:
            spec = files.setdefault(task.region_slug, {"region": task.region, "templates": []})
            spec["templates"].append(task.template)
            spec[task.template] = {k: v for k, v in task.parameters.items() if k != "region"}
    for slug, spec in files.items():
        (params_dir / f"{slug}.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return batch.plan([params_dir], templates=templates), templates


def run_naive(tasks, templates, bin_dir: Path, work: Path) -> float:
    import yaml

    start = time.perf_counter()
    for i, task in enumerate(tasks):
        params = work / f"{i}.yaml"
        params.write_text(yaml.safe_dump(task.parameters, allow_unicode=True), encoding="utf-8")
        out = work / f"{i}-{task.region_slug}-{task.template}.ipynb"
        subprocess.run([str(bin_dir / "papermill"), str(templates[task.template].path), str(out),
                        "-f", str(params), "-k", "python3", "--no-progress-bar"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def run_fai(params_dir: Path, out: Path, *extra: str) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run([str(VENV_BIN / "fai"), "run", str(params_dir), "--out", str(out), *extra],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                          check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"fai run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _floor_call(payload: list, cwd: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT], input=json.dumps(payload), text=True,
                          capture_output=True, check=False, cwd=cwd)
    if proc.returncode != 0:
        raise SystemExit(f"floor run failed: {proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_floor(tasks, templates, *, warm: bool) -> tuple[list[float], int, int]:
    """Per-notebook in-process seconds: a fresh pre-started interpreter per notebook, or
    (``warm``) one interpreter with the imports done. Returns (seconds, figures, failed)."""
    imports = sorted({m for t in templates.values() for m in t.imports} | {"pandas"})
    cwd = templates[tasks[0].template].path.parent
    headline = os.path.join(tempfile.gettempdir(), f"fai-floor-{os.getpid()}.json")
    items = [{"path": str(templates[t.template].path),
              "parameters": {**t.parameters, "headline_path": headline}} for t in tasks]
    calls = [items] if warm else [[item] for item in items]
    seconds, pngs, failed = [], 0, 0
    for chunk in calls:
        result = _floor_call([chunk, imports, warm], cwd)
        seconds += result["seconds"]
        pngs += result["pngs"]
        failed += result["failed"]
    Path(headline).unlink(missing_ok=True)
    return seconds, pngs, failed


def main() -> None:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="fai-bench-") as tmp:
        work = Path(tmp)
        params_dir = work / "params"
        params_dir.mkdir()
        tasks, templates = bench_tasks(params_dir)
        bin_dir, env_note = lab_env()
        (work / "naive").mkdir()
        naive_s = run_naive(tasks, templates, bin_dir, work / "naive")
        fai_runs, warm_floors = [], []
        for i in range(2):  # interleaved, best of two: other load on the machine shows less
            seconds, summary = run_fai(params_dir, work / f"fai{i}")
            fai_runs.append(seconds)
            per, _, warm_failed = run_floor(tasks, templates, warm=True)
            warm_floors.append(sum(per))
        rerun_s, _ = run_fai(params_dir, work / "fai1")
        per_notebook, pngs, failed = run_floor(tasks, templates, warm=False)
    fai_s = min(fai_runs)
    floor_s = sum(per_notebook) / workers
    floor_warm_s = min(warm_floors) / workers
    print(json.dumps({
        "benchmark": "batch",
        "notebooks": len(tasks),
        "naive_s": round(naive_s, 2),
        "fai_s": round(fai_s, 2),
        "floor_s": round(floor_s, 2),
        "speedup_vs_naive": round(naive_s / fai_s, 2),
        "fai_over_floor": round(fai_s / floor_s, 3),
        "floor_warm_s": round(floor_warm_s, 2),
        "fai_over_floor_warm": round(fai_s / floor_warm_s, 3),
        "fai_rerun_s": round(rerun_s, 2),
        "fai_runs_s": [round(s, 2) for s in fai_runs],
        "workers": workers,
        "templates": sorted({t.template for t in tasks}),
        "fai_statuses": summary["run"]["counts"],
        "floor_figures": pngs,
        "floor_failed": failed + warm_failed,
        "naive_env": env_note,
        "goals": {"speedup_vs_naive": 6, "fai_over_floor": 1.15},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
