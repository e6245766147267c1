"""The project's own files: environment.yml mirrors pyproject.toml; import is cheap."""

from __future__ import annotations

import subprocess
import sys

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
