"""Report batch: the naive CLI loop vs `fai run` vs the floor. Prints one JSON line.

Over the same notebooks — the whole default batch (every params/*.yaml × the
templates it names; ``FAI_BENCH_PARAMS=a.yaml,b.yaml`` picks a subset):

1. naive — what analysts write: per notebook, the ``papermill`` CLI, then
   ``jupyter nbconvert --to html --no-input``, one after the other, in the
   analyst's environment (``pip install -e '.[lab]'``, i.e. JupyterLab
   installed; created once in build/venv-lab, ``"naive_env"`` says which).
2. fai — ``fai run <those params> --out <tmp>`` (wall clock of the command:
   start-up, validation, workers, warm kernels, HTML export, index).
3. floor — each notebook's cells executed in one pre-started IPython
   interpreter (imports done, figures rendered to PNG by the inline backend),
   timed per notebook, summed and divided by the worker count.

Goals: speedup_vs_naive ≥ 6, fai_over_floor ≤ 1.15. ``fai_warm_s`` is the same
``fai run`` on a Dask cluster whose workers already hold warm kernels from a
previous run (``--scheduler tcp://…``): the pool of pre-started kernels.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
LAB_ENV = ROOT / "build" / "venv-lab"
SMALL = ("000000-china.yaml", "110000-beijing.yaml", "900001-east.yaml", "330110-yuhang-district.yaml",
         "331002-jiaojiang-district.yaml", "990001-tiancheng-county.yaml", "430200-zhuzhou.yaml")


def bench_params() -> list[str]:
    """The params files benchmarked: all of params/ (or FAI_BENCH_PARAMS, or "small")."""
    chosen = os.environ.get("FAI_BENCH_PARAMS", "")
    if chosen == "small":
        return list(SMALL)
    if chosen:
        return [name.strip() for name in chosen.split(",") if name.strip()]
    return sorted(p.name for p in (ROOT / "params").glob("*.yaml") if not p.name.startswith("_"))

FLOOR_SCRIPT = r"""
import io, json, sys, time, contextlib
import nbformat, papermill
from papermill.parameterize import parameterize_notebook
from papermill.iorw import load_notebook_node
from IPython.core.interactiveshell import InteractiveShell

tasks, imports = json.load(sys.stdin)
shell = InteractiveShell.instance()
shell.enable_gui = lambda gui=None: None  # no event loop: inline figures only
shell.run_line_magic("matplotlib", "inline")
for m in imports:
    try:
        __import__(m)
    except Exception:
        pass
seconds, pngs = [], 0
for t in tasks:
    nb = parameterize_notebook(load_notebook_node(t["path"]), t["parameters"], kernel_name="python3")
    shell.reset(new_session=True)
    sink = io.StringIO()
    pub = shell.display_pub
    published = []
    pub.publish = lambda data, metadata=None, **kw: published.append(data)
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for cell in nb.cells:
            if cell.cell_type == "code":
                result = shell.run_cell(cell.source, store_history=False)
                if not result.success:
                    break
    seconds.append(time.perf_counter() - start)
    pngs += sum("image/png" in d for d in published)
print(json.dumps({"seconds": seconds, "pngs": pngs}))
"""


def lab_env() -> tuple[Path, str]:
    """The analyst's environment (JupyterLab installed); created once."""
    if (LAB_ENV / "bin" / "papermill").exists() and (LAB_ENV / "bin" / "jupyter-lab").exists():
        return LAB_ENV / "bin", "existing build/venv-lab with '.[lab]'"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(LAB_ENV)], check=True)
    pip = [str(LAB_ENV / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", f"{ROOT}[lab]"], check=True, stdout=subprocess.DEVNULL)
    return LAB_ENV / "bin", "new build/venv-lab with '.[lab]'"


def bench_tasks(params_dir: Path):
    from fai import batch

    templates = batch.find_templates(ROOT / "notebooks")
    for name in ("_defaults.yaml", *bench_params()):
        shutil.copy(ROOT / "params" / name, params_dir / name)
    return batch.plan([params_dir], templates=templates), templates


def run_naive(tasks, templates, bin_dir: Path, work: Path) -> float:
    import yaml

    start = time.perf_counter()
    for i, task in enumerate(tasks):
        params = work / f"{i}.yaml"
        params.write_text(yaml.safe_dump(task.parameters, allow_unicode=True), encoding="utf-8")
        out = work / f"{i}-{task.region_slug}-{task.template}.ipynb"
        subprocess.run([str(bin_dir / "papermill"), str(templates[task.template].path), str(out),
                        "-f", str(params), "-k", "python3", "--no-progress-bar"],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def run_fai(params_dir: Path, out: Path, *extra: str) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run([str(VENV_BIN / "fai"), "run", str(params_dir), "--out", str(out), *extra],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"fai run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def run_floor(tasks, templates) -> tuple[list[float], int]:
    imports = sorted({m for t in templates.values() for m in t.imports} | {"pandas", "matplotlib.pyplot"})
    payload = [[{"path": str(templates[t.template].path),
                 "parameters": {**t.parameters, "headline_path": os.path.join(tempfile.gettempdir(),
                                                                              f"fai-floor-{i}.json")}}
                for i, t in enumerate(tasks)], imports]
    proc = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT], input=json.dumps(payload), text=True,
                          capture_output=True, check=False, cwd=templates["growth"].path.parent)
    if proc.returncode != 0:
        raise SystemExit(f"floor run failed: {proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for i in range(len(tasks)):
        Path(tempfile.gettempdir(), f"fai-floor-{i}.json").unlink(missing_ok=True)
    return result["seconds"], result["pngs"]


def run_warm_pool(params_dir: Path, work: Path, workers: int) -> float | None:
    """`fai run --scheduler tcp://…` on a cluster whose kernels are already warm."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    from fai import executor

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        env_extra = ["--scheduler", cluster.scheduler_address, "--keep-kernels"]
        run_fai(params_dir, work / "warm-up", *env_extra)  # leaves warm kernels in the workers
        seconds, _ = run_fai(params_dir, work / "warm", *env_extra)
        with Client(cluster) as client:
            client.run(executor.shutdown_kernels)
    return seconds


def main() -> None:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="fai-bench-") as tmp:
        work = Path(tmp)
        params_dir = work / "params"
        params_dir.mkdir()
        tasks, templates = bench_tasks(params_dir)
        bin_dir, env_note = lab_env()
        naive_dir = work / "naive"
        naive_dir.mkdir()
        naive_s = run_naive(tasks, templates, bin_dir, naive_dir)
        fai_s, summary = run_fai(params_dir, work / "fai")
        per_notebook, pngs = run_floor(tasks, templates)
        warm_s = run_warm_pool(params_dir, work, workers)
    floor_s = sum(per_notebook) / workers
    counts = summary["run"]["counts"]
    print(json.dumps({
        "benchmark": "batch",
        "notebooks": len(tasks),
        "templates": sorted({t.template for t in tasks}),
        "workers": workers,
        "naive_s": round(naive_s, 2),
        "fai_s": round(fai_s, 2),
        "floor_s": round(floor_s, 2),
        "speedup_vs_naive": round(naive_s / fai_s, 2),
        "fai_over_floor": round(fai_s / floor_s, 3),
        "fai_warm_pool_s": round(warm_s, 2) if warm_s else None,
        "warm_pool_over_floor": round(warm_s / floor_s, 3) if warm_s else None,
        "fai_statuses": counts,
        "floor_figures": pngs,
        "naive_env": env_note,
        "goals": {"speedup_vs_naive": 6, "fai_over_floor": 1.15},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
