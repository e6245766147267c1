"""The project's own files: environment.yml mirrors pyproject.toml; import is cheap."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import tomllib
import yaml

from conftest import ROOT


def _pyproject_deps() -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = set(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        deps |= set(extra)
    return deps


# conda-forge's name → PyPI's, where they differ
CONDA_NAMES = {"matplotlib-base": "matplotlib", "brotli-python": "brotli", "nbconvert-core": "nbconvert"}
# what environment.yml installs with pip, and why: everything else comes from conda-forge
PIP_ONLY = {
    "opencc": "the official OpenCC bindings are not on conda-forge",
    "noto-cjk-sans-otc": "the bundled font is a PyPI package",
    "playwright": "its pip wheel ships the driver the browser tests use",
}


def _environment() -> tuple[list[str], list[str]]:
    """(conda-forge dependencies with PyPI names, pip dependencies) of environment.yml."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str) and d != "pip" and not d.startswith("python")]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    renamed = []
    for dep in conda:
        name, op, version = re.match(r"^([A-Za-z0-9_.-]+)\s*(>=|==|<=|~=)?\s*(.*)$", dep).groups()
        renamed.append(f"{CONDA_NAMES.get(name, name)}{op or ''}{version}")
    return renamed, [d for d in pip if not d.startswith("-e")]


def _environment_deps() -> set[str]:
    conda, pip = _environment()
    return set(conda) | set(pip)


def _name(dep: str) -> str:
    return re.split(r"[<>=~! \[]", dep, maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    py, env = _pyproject_deps(), _environment_deps()
    assert py - env == set(), f"in pyproject.toml but not environment.yml: {sorted(py - env)}"
    assert env - py == set(), f"in environment.yml but not pyproject.toml: {sorted(env - py)}"
    conda, pip = _environment()
    assert len(conda) + len(pip) == len(env), "a dependency listed twice"


def test_environment_yml_takes_from_conda_forge_all_it_carries():
    """pip only for the packages conda-forge does not carry (or whose wheel the project needs);
    the package itself is installed from the checkout."""
    conda, pip = _environment()
    assert {_name(d) for d in pip} == set(PIP_ONLY), sorted({_name(d) for d in pip} ^ set(PIP_ONLY))
    for must in ("pandas", "numpy", "matplotlib", "papermill", "jupyterlab", "ipykernel", "pytest"):
        assert must in {_name(d) for d in conda}, must
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e ." in pip_section and "pip" in env["dependencies"]


def test_jupyterlab_is_not_a_runtime_dependency():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.lower().startswith("jupyterlab") for d in meta["dependencies"])
    assert any(d.startswith("jupyterlab") for d in meta["optional-dependencies"]["lab"])


def test_import_fai_loads_no_heavy_module_and_reads_no_file():
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda *a, **k: (opened.append(a[0]), real_open(*a, **k))[1]\n"
        "import fai\n"
        "heavy = [m for m in ('pandas', 'pandera', 'matplotlib', 'papermill', 'opencc') if m in sys.modules]\n"
        "print(heavy, opened)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] []"


def test_a_report_kernel_does_not_import_the_bulletin_reader():
    """What a warm kernel imports (fai.batch.kernel BASE_IMPORTS and the templates') leaves the
    bulletin reader and its hundreds of patterns out: it reads the processed tables, not texts."""
    code = ("import sys, fai.reports.context, fai.reports.sections\n"
            "print(sorted(m for m in sys.modules if m.startswith('fai.bulletin')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_build_names_bulletins_as_the_bulletin_reader_does():
    from fai import data
    from fai.bulletin.to_tidy import FORMAT

    assert data.BULLETIN == FORMAT


def test_fai_command_prints_help_and_version():
    out = subprocess.run([sys.executable, "-m", "fai.cli", "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.strip() == "fai 0.1.0"
    out = subprocess.run([sys.executable, "-m", "fai.cli", "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and "data" in out.stdout and "example" in out.stdout


def _make_dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # run from `make test`, make passes MAKEFLAGS (-w: "Entering/Leaving directory" lines) down
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    out = subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=env)
    return out.stdout


def test_make_lab_passes_lab_args_to_jupyter_lab():
    lines = _make_dry_run("lab", "LAB_ARGS=--allow-root --port 8899 --no-browser").splitlines()
    assert lines[-1].endswith("jupyter lab notebooks/ --allow-root --port 8899 --no-browser"), lines[-1]


@pytest.mark.parametrize("target", ["data", "report", "test", "test-fast", "bench"])
def test_make_targets_compile_fai_before_they_run_it(target):
    """Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE), each fai process would compile
    the package again (~0.35 s: the command, every worker and kernel)."""
    lines = _make_dry_run(target, "-B").splitlines()
    compiled = [i for i, line in enumerate(lines) if "-m compileall" in line and "src/fai" in line]
    runs = [i for i, line in enumerate(lines) if "bin/fai " in line or "-m pytest" in line
            or "benchmarks/run.py" in line]
    assert compiled and runs and compiled[0] < runs[0], lines


def test_make_lab_installs_the_kernel_the_templates_name():
    """The templates open on the kernel `make lab` installs: same name, same display name."""
    spec = json.loads((ROOT / "notebooks" / "10-growth.ipynb").read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    install = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                   if "ipykernel install" in line)
    assert f'--name {spec["name"]} --display-name "{spec["display_name"]}"' in install, install
    assert "--sys-prefix" in install  # into the project's .venv, not the user's home


def test_make_test_installs_what_the_lab_test_needs():
    install = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                   if "install -e '.[test" in line)
    extras = install.split("[", 1)[1].split("]", 1)[0].split(",")
    assert {"test", "lab"} <= set(extras), install
