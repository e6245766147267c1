"""Report templates: ``notebooks/NN-topic.ipynb`` found by topic, with the parameters they declare
(papermill's inspection) and the modules they import."""

from __future__ import annotations

import ast
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fai.paths import project_dir
from fai.public import PUBLIC

# NN-topic.ipynb; 00-*.ipynb are guides for an analyst (00-explore), never report templates
TEMPLATE_RE = re.compile(r"^(?!00-)(\d+)-([a-z][a-z0-9_]*)\.ipynb$")


@dataclass(frozen=True)
class Template:
    """A report template: ``notebooks/10-growth.ipynb`` is topic ``growth``."""

    topic: str
    path: Path
    parameters: dict[str, dict[str, Any]]
    imports: tuple[str, ...]

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")


def project_path(name: str) -> Path:
    """``name`` in the working folder when it exists there, else in the project folder."""
    here = Path(name)
    return here if here.exists() else project_dir() / name


def template_paths(notebook_dir: str | Path | None = None) -> list[Path]:
    """Every ``NN-topic.ipynb`` of ``notebooks/`` (or ``notebook_dir``), in file order
    (``00-explore.ipynb``, the analyst's tour, is no template)."""
    folder = Path(notebook_dir) if notebook_dir else project_path("notebooks")
    return sorted(p for p in folder.glob("*.ipynb") if TEMPLATE_RE.match(p.name))


def template_files(notebook_dir: str | Path | None = None) -> dict[str, Path]:
    """The template files of :func:`template_paths`, resolved, keyed by topic (of two files of
    one topic, the later)."""
    found: dict[str, Path] = {}
    for path in template_paths(notebook_dir):
        m = TEMPLATE_RE.match(path.name)
        assert m is not None
        found[m.group(2)] = path.resolve()
    return found


def find_templates(notebook_dir: str | Path | None = None) -> dict[str, Template]:
    """Templates in ``notebooks/`` (or ``notebook_dir``), keyed by topic, in file order.

    >>> sorted(find_templates())                                  # doctest: +SKIP
    ['growth', 'regions', 'structure', 'targets']
    """
    return {topic: _inspect(path, path.stat().st_mtime_ns) for topic, path in template_files(notebook_dir).items()}


def kernel_templates(notebook_dir: str | Path | None = None) -> dict[str, Template]:
    """The templates with their imports but without their parameters: what the batch's kernels
    are started with (:func:`fai.batch.pool.kernel_spec`), read from the files' JSON in
    milliseconds — the workers start before papermill inspects the parameters (~0.5 s).
    The same paths and imports as :func:`find_templates`'s."""
    return {topic: Template(topic, path, {}, _read_imports(path, path.stat().st_mtime_ns))
            for topic, path in template_files(notebook_dir).items()}


@functools.lru_cache(maxsize=64)
def _inspect(path: Path, mtime_ns: int) -> Template:
    import nbformat
    import papermill

    m = TEMPLATE_RE.match(path.name)
    assert m is not None
    parameters = dict(papermill.inspect_notebook(str(path)))
    nb = nbformat.read(path, as_version=4)
    # papermill skips a line whose comment holds "=": keep such names (type unknown)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            for name in _assigned_names(cell.source):
                parameters.setdefault(name, {"name": name, "inferred_type_name": "None",
                                             "default": None, "help": ""})
            break
    return Template(m.group(2), path, parameters, _read_imports(path, mtime_ns))


@functools.lru_cache(maxsize=64)
def _read_imports(path: Path, mtime_ns: int) -> tuple[str, ...]:
    """The modules a template file imports (:func:`_imports_of` over its cells); none when its
    JSON cannot be read (papermill's inspection then says what is wrong with it)."""
    try:
        cells = json.loads(path.read_bytes()).get("cells")
    except (OSError, ValueError, AttributeError):
        return ()
    return _imports_of(cells if isinstance(cells, list) else [])


def _code(source: str) -> str:
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())


def _assigned_names(source: str) -> list[str]:
    try:
        tree = ast.parse(_code(source))
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


def _imports_of(cells: list[Any]) -> tuple[str, ...]:
    """Modules a template's cells import (and ``fai.<module>`` it reaches through the lazy API)."""
    modules: list[str] = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        raw = cell.get("source", "")
        source = _code("".join(raw) if isinstance(raw, list) else str(raw))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.append(node.module)
                modules += [f"{node.module}.{a.name}" for a in node.names if node.module == "fai"]
        for attr in re.findall(r"\bfai\.([A-Za-z_]\w*)", source):
            if attr in PUBLIC:
                modules.append(PUBLIC[attr][0])
    return tuple(dict.fromkeys(modules))
