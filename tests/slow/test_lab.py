"""The Lab an analyst opens: ``notebooks/00-explore.ipynb`` (the guided tour: its shape, fast;
run top to bottom through papermill, slow), charts and sections shown once by a real Jupyter
kernel, and JupyterLab itself driven in headless Chromium — a template opens on the
"Python (fai)" kernel and runs every cell without an error.

The Lab test starts ``jupyter lab`` on a free loopback port with a token, in a temporary folder
holding a copy of the template (Lab saves outputs into the file), with the ``fai`` kernelspec
installed into a temporary JUPYTER_PATH and Lab's settings, workspaces and runtime files kept
there too. Its screenshot goes to test-artifacts/lab-growth.png for a human to look at.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPLORE = ROOT / "notebooks" / "00-explore.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
KERNEL = {"name": "fai", "display_name": "Python (fai)"}


def _builder():
    spec = importlib.util.spec_from_file_location("build_explore", ROOT / "tools" / "build_explore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _explore() -> nbformat.NotebookNode:
    return nbformat.read(EXPLORE, as_version=4)


# ----------------------------------------------------------------------------- the tour's shape (fast)
def test_explore_is_what_the_builder_writes():
    assert EXPLORE.read_text(encoding="utf-8") == _builder().render(), (
        "notebooks/00-explore.ipynb differs from tools/build_explore.py — run it and commit the result")


def test_explore_is_committed_without_outputs_and_opens_on_the_fai_kernel():
    nb = _explore()
    assert {"name": nb.metadata.kernelspec.name, "display_name": nb.metadata.kernelspec.display_name} == KERNEL
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


def test_explore_has_one_parameters_cell_and_no_logic():
    """Like a template: the first code cell alone is tagged parameters (literal, typed, a help
    comment papermill reads); no def, class, loop, comprehension or file write."""
    import papermill

    code = [c for c in _explore().cells if c.cell_type == "code"]
    assert [c for c in code if "parameters" in c.metadata.get("tags", [])] == [code[0]]
    found = papermill.inspect_notebook(str(EXPLORE))
    assert list(found) == ["region", "other_region", "period", "ranking_period"]
    assert all(p["help"] for p in found.values())
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda, ast.For, ast.While,
                                         ast.With, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)), (
                f"00-explore cell {cell.id}: {type(node).__name__} belongs in the package")


def test_explore_tours_load_select_metrics_ranking_chart_section_and_where_things_live():
    nb = _explore()
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for call in ("fai.load()", "fai.regions.resolve(", "fai.metrics_table(", "fai.compare_regions(",
                 "fai.plots.", "fai.sections.headline(region)", "fai.sections.headline(other_region)",
                 "fai.open_report("):
        assert call in code, call
    closing = nb.cells[-1].source
    assert "| `fai.load()` | `fai.data` | `src/fai/data.py` |" in closing
    assert "| `fai.sections` | `fai.reports.sections` | `src/fai/reports/sections/` |" in closing
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\{[^}]*\}", cell.source), f"00-explore cell {cell.id}: {{placeholder}}"


def test_the_batch_never_plans_the_tour():
    from fai.batch.templates import find_templates

    found = find_templates(ROOT / "notebooks")
    assert EXPLORE.exists()
    assert list(found) == ["growth", "structure", "regions", "targets"]
    assert all(t.path.name != EXPLORE.name for t in found.values())


# ----------------------------------------------------------------------------- the tour runs (slow)
def _outputs(nb: nbformat.NotebookNode) -> list[tuple[str, list[str]]]:
    """(source, output kinds) of every code cell: mime types, 'stream:<name>' or 'error:<ename>'."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kinds = []
        for o in cell.outputs:
            if o.output_type == "error":
                kinds.append(f"error:{o.ename}: {o.evalue}")
            elif o.output_type == "stream":
                kinds.append(f"stream:{o.name}")
            else:
                kinds.extend(o.data)
        out.append((cell.source, kinds))
    return out


@pytest.mark.slow
def test_explore_runs_top_to_bottom_with_its_defaults(tmp_path):
    import papermill

    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(EXPLORE), str(out), kernel_name="python3", progress_bar=False, cwd=str(ROOT))
    cells = _outputs(nbformat.read(out, as_version=4))
    errors = [k for _, kinds in cells for k in kinds if k.startswith("error:")]
    assert not errors, errors
    shown = dict(cells)
    assert "image/png" in shown["fig = fai.plots.plot_yoy_history(df, region)"]  # an assigned chart shows
    assert shown['fai.plots.plot_ranking(ranking, "全国", ranking_period)'].count("image/png") == 1
    for call in ("fai.sections.headline(region)", "fai.sections.headline(other_region)"):
        assert "text/html" in shown[call], call
    html = "".join(o.data.get("text/html", "") for c in nbformat.read(out, as_version=4).cells
                   if c.cell_type == "code" for o in c.outputs if "data" in o)
    assert "北京市" in html and "上海市" in html and "西藏自治区" in html  # both regions; the fastest province


@pytest.mark.slow
def test_a_chart_shows_once_assigned_or_returned_and_a_section_by_region_name(tmp_path):
    """In a real kernel: ``fig = fai.plots.…`` shows the chart, a cell ending with the call shows it
    once (not again at the end of the cell), two charts in a cell show two, an assigned section
    shows nothing until asked, and a section takes a region name."""
    from nbclient import NotebookClient

    cells = ['import fai\ndf = fai.load()',
             'fig = fai.plots.plot_single_month(df, "全国")',
             'fai.plots.plot_single_month(df, "全国")',
             'fig = fai.plots.plot_yoy_history(df, "北京市")\nfig2 = fai.plots.plot_yoy_history(df, "上海市")',
             'section = fai.sections.headline("北京市")',
             'section',
             'fai.sections.headline("全国")']
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
    images = [kinds.count("image/png") for _, kinds in _outputs(nb)]
    assert images[:4] == [0, 1, 1, 2], images
    sections = [("text/html" in kinds) for _, kinds in _outputs(nb)][4:]
    assert sections == [False, True, True]


# ----------------------------------------------------------------------------- JupyterLab (slow)
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"jupyter lab exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # our own loopback server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"jupyter lab did not answer within {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a free loopback port: (base url with token, its work folder)."""
    if importlib.util.find_spec("jupyterlab") is None:
        pytest.skip("jupyterlab is not installed (the lab extra: make test installs it)")
    work, home = tmp_path / "work", tmp_path / "jupyter"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / "10-growth.ipynb", work / "10-growth.ipynb")
    # the kernel the templates name, as `make lab` installs it, but into a temporary prefix
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(home / "prefix"),
                    "--name", KERNEL["name"], "--display-name", KERNEL["display_name"]],
                   check=True, capture_output=True)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(  # no news and update toasts (offline)
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    env = {**os.environ, "JUPYTER_PATH": str(home / "prefix" / "share" / "jupyter"),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    port, token = _free_port(), "fai-lab-test"
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
             f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
             f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}"],
            cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status?token={token}", proc, log)
        yield {"base": base, "token": token, "work": work, "log": log}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _code_prompts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent.trim())")


@pytest.mark.slow
def test_jupyterlab_opens_a_template_on_the_fai_kernel_and_runs_every_cell(lab):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    from fai.presentation.fonts import fontconfig_file

    conf = fontconfig_file(lab["work"].parent / "fontconfig")
    url = f"{lab['base']}/lab/tree/10-growth.ipynb?token={lab['token']}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                    env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(url, wait_until="domcontentloaded", timeout=120_000)
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
            page.wait_for_function(  # a kernel has started (the toolbar names it) and is idle
                """() => {
                    const name = document.querySelector(
                        ".jp-NotebookPanel-toolbar [data-jp-item-name='kernelName']")?.textContent.trim();
                    const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
                    return name && name !== 'No Kernel' && status === 'idle';
                }""", timeout=120_000)
            shown_kernel = page.inner_text(".jp-NotebookPanel-toolbar [data-jp-item-name='kernelName']").strip()
            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
            page.wait_for_function(  # every code cell has run: a number in each prompt, the kernel idle
                """() => {
                    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
                    const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
                    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
                        && status === 'idle';
                }""", timeout=300_000)
            prompts = _code_prompts(page)
            stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count()
            images = page.eval_on_selector_all(
                ".jp-OutputArea-output img", "els => els.map(e => [e.complete, e.naturalWidth])")
            text = page.inner_text(".jp-NotebookPanel")
            page.keyboard.press("Control+s")
            page.wait_for_function(  # saved: the tab's dirty mark is gone
                "() => !document.querySelector('.jp-mod-current.jp-mod-dirty')", timeout=60_000)
            page.evaluate("() => { document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"
                          ".scrollTop = 0; }")  # the top: the kernel's name and the headline
            page.wait_for_timeout(500)
            ARTIFACTS.mkdir(exist_ok=True)
            shot = ARTIFACTS / "lab-growth.png"
            page.screenshot(path=str(shot))
        finally:
            browser.close()
    assert shown_kernel == KERNEL["display_name"], shown_kernel
    assert len(prompts) >= 4 and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    assert stderr == 0, "a cell wrote to stderr (an error or a warning)"
    assert images and all(done and width > 0 for done, width in images), images
    assert "全国" in text
    saved = nbformat.read(lab["work"] / "10-growth.ipynb", as_version=4)
    assert saved.metadata.kernelspec.name == KERNEL["name"]
    kinds = [k for _, ks in _outputs(saved) for k in ks]
    assert not [k for k in kinds if k.startswith("error:")], kinds
    assert all(c.execution_count for c in saved.cells if c.cell_type == "code")
    assert shot.stat().st_size > 20_000
