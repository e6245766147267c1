"""fai's own processes skip jsonschema's optional IRI checker (1 s of Lark grammar at import)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
{setup}
import nbformat
from nbformat.v4 import new_code_cell, new_notebook
nbformat.validate(new_notebook(cells=[new_code_cell("1 + 1")]))  # validation still works
print(json.dumps({{"skipped": "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None}}))
"""


def _probe(setup: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE.format(setup=setup)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_fai_command_skips_the_slow_optional_import_and_notebooks_still_validate():
    setup = ("from fai.cli.main import main\n"
             "main(['parse', '/nonexistent/bulletin.txt'])  # any command: its handler runs after the skip")
    assert _probe(setup) == {"skipped": True}


def test_other_processes_keep_the_checker_when_it_is_installed():
    pytest.importorskip("rfc3987_syntax")  # installed with JupyterLab (jupyter-events)
    assert _probe("") == {"skipped": False}


def test_a_worker_runs_papermill_without_pyarrow():
    setup = ("from fai.batch.lean import lean_worker\nlean_worker()\nimport papermill.engines\n"
             "assert 'pyarrow' not in sys.modules and 'numpy' not in sys.modules, sorted(sys.modules)")
    assert _probe(setup) == {"skipped": True}
