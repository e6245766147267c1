"""The templates' imports read from their JSON (what the workers' kernels start with, before
papermill inspects the parameters) are the inspection's, on the bundled and the test templates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fai.batch.pool import kernel_spec
from fai.batch.templates import find_templates, kernel_templates

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("folder", [ROOT / "notebooks", ROOT / "tests" / "notebooks"], ids=["bundled", "tests"])
def test_the_kernel_of_the_templates_json_is_the_kernel_of_their_inspection(folder):
    quick, inspected = kernel_templates(folder), find_templates(folder)
    assert list(quick) == list(inspected)
    assert [t.path for t in quick.values()] == [t.path for t in inspected.values()]
    assert kernel_spec(quick) == kernel_spec(inspected)
    assert kernel_spec(quick).imports  # fai and the modules its API reaches


def test_a_template_whose_cells_are_lists_of_lines_gives_the_same_imports(tmp_path):
    """Jupyter writes a cell's source as a list of lines; nbformat joins them."""
    source = ROOT / "notebooks" / "10-growth.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        cell["source"] = text.splitlines(keepends=True)
    (tmp_path / "10-growth.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert kernel_templates(tmp_path)["growth"].imports == find_templates(ROOT / "notebooks")["growth"].imports


def test_a_template_that_is_not_json_starts_kernels_with_no_imports_of_its_own(tmp_path):
    """Its imports are unknown (none); papermill's inspection then says what is wrong with it."""
    shutil.copy(ROOT / "notebooks" / "10-growth.ipynb", tmp_path / "10-growth.ipynb")
    (tmp_path / "20-broken.ipynb").write_text("{not json", encoding="utf-8")
    quick = kernel_templates(tmp_path)
    assert quick["broken"].imports == ()
    assert quick["growth"].imports == find_templates(ROOT / "notebooks")["growth"].imports
