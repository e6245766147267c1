"""The project's own files: environment.yml mirrors pyproject.toml; import is cheap."""

from __future__ import annotations

import json
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


def _environment_deps() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return {d for d in pip if not d.startswith("-e")}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    py, env = _pyproject_deps(), _environment_deps()
    assert py - env == set(), f"in pyproject.toml but not environment.yml: {sorted(py - env)}"
    assert env - py == set(), f"in environment.yml but not pyproject.toml: {sorted(env - py)}"


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


def test_fai_command_prints_help_and_version():
    out = subprocess.run([sys.executable, "-m", "fai.cli", "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.strip() == "fai 0.1.0"
    out = subprocess.run([sys.executable, "-m", "fai.cli", "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and "data" in out.stdout and "example" in out.stdout


def _make_dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout


def test_make_lab_passes_lab_args_to_jupyter_lab():
    lines = _make_dry_run("lab", "LAB_ARGS=--allow-root --port 8899 --no-browser").splitlines()
    assert lines[-1].endswith("jupyter lab notebooks/ --allow-root --port 8899 --no-browser"), lines[-1]


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
