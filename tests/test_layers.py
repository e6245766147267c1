"""The package's imports point down the stack, never in a circle, never at another room's privates.

Layers, bottom first (a module may import its own subpackage and any lower layer)::

    errors, paths, files, public, re_cache  used by everyone
    model                         regions, indicators, periods, schema, label maps
    cleaning                      text, numbers, units, mojibake
    readers, bulletin             one per kind of input (siblings: neither imports the other)
    data                          the one build path
    metrics, presentation         numbers; words and charts (siblings: presentation never imports metrics)
    reports                       report context and sections
    batch                         plan, run, kernels, index
    cli                           the command
    fai/__init__, bulletin_eval   the public face (lazy)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "fai"

LAYERS: list[set[str]] = [
    {"errors", "paths", "files", "public", "re_cache"},
    {"model"},
    {"cleaning"},
    {"readers", "bulletin"},
    {"data"},
    {"metrics", "presentation"},
    {"reports"},
    {"batch"},
    {"cli"},
    {"__init__", "bulletin_eval"},
]
LEVEL = {room: i for i, rooms in enumerate(LAYERS) for room in rooms}


def _room(module: str) -> str:
    """``fai.readers.bureau`` → ``readers``; ``fai`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(src: Path, path: Path) -> str:
    parts = list(path.relative_to(src.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported fai module, names) for every ``fai`` import of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "fai" or node.module.startswith("fai."):
                out.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names if a.name.startswith("fai.")]
    return out


def _targets(modules: dict[str, Path], module: str, names: list[str]) -> list[str]:
    """The fai modules an import reaches (``from fai.metrics import growth`` → fai.metrics.growth)."""
    subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
    if module == "fai":  # `from fai import data` reaches fai.data; `__version__` is package metadata
        rest = [n for n in names if f"fai.{n}" not in modules and n != "__version__"]
        return subs + (["fai"] if rest else [])
    return [module, *subs]


def check(src: Path) -> dict[str, list[str]]:
    """Every rule's violations in the package at ``src`` (the folder ``fai``)."""
    modules = {_module_name(src, p): p for p in sorted(src.rglob("*.py"))}
    found: dict[str, list[str]] = {"unlayered": [], "upward": [], "private": [], "circle": []}
    found["unlayered"] = sorted({_room(m) for m in modules} - set(LEVEL))
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        here = _room(module)
        for line, target, names in _imports(path):
            reached = _targets(modules, target, names)
            graph[module].update(t for t in reached if t in modules and t != module)
            for r in reached:
                there = _room(r)
                if there == here or (LEVEL.get(there) == 0 == LEVEL.get(here)):
                    continue
                if r == "fai":
                    found["upward"].append(f"{path.relative_to(src)}:{line} imports the public face `fai` {names}")
                elif LEVEL.get(there, 99) >= LEVEL.get(here, -1):
                    found["upward"].append(f"{path.relative_to(src)}:{line} ({here}) imports {r} ({there})")
            if _room(target) != here:
                found["private"] += [f"{path.relative_to(src)}:{line} imports {target}.{n}" for n in names
                                     if n.startswith("_") and n != "__version__"]
    found["circle"] = _circle(graph)
    return found


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle of the graph (modules in order), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue  # a package re-exporting its own modules is not a circle
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (circle := visit(node)):
            return circle
    return []


@pytest.fixture(scope="module")
def found() -> dict[str, list[str]]:
    return check(SRC)


def test_every_room_is_in_a_layer(found):
    assert not found["unlayered"], f"rooms without a layer: {found['unlayered']}"


def test_imports_point_down(found):
    assert not found["upward"], "imports that point up or sideways:\n" + "\n".join(found["upward"])


def test_no_private_name_crosses_a_room(found):
    assert not found["private"], "private names imported across rooms:\n" + "\n".join(found["private"])


def test_no_circle(found):
    assert not found["circle"], "import circle: " + " → ".join(found["circle"])


def test_the_check_catches_each_kind_of_fault(tmp_path):
    """A small package with one fault of each kind: the check names all four."""
    src = tmp_path / "fai"
    for name, text in {
        "__init__.py": "",
        "model/__init__.py": "",
        "model/regions.py": "from fai.reports.context import Context\n",  # upward
        "reports/__init__.py": "",
        "reports/context.py": "from fai.cleaning.text import _t2s\nContext = 1\n",  # private
        "cleaning/__init__.py": "",
        "cleaning/text.py": "from fai.cleaning import mojibake\n_t2s = 1\n",
        "cleaning/mojibake.py": "from fai.cleaning import text\n",  # circle
        "scratch.py": "",  # a room without a layer
    }.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    got = check(src)
    assert got["unlayered"] == ["scratch"]
    assert any("model/regions.py:1 (model) imports fai.reports.context" in v for v in got["upward"])
    assert got["private"] == ["reports/context.py:1 imports fai.cleaning.text._t2s"]
    assert set(got["circle"]) == {"fai.cleaning.text", "fai.cleaning.mojibake"}
