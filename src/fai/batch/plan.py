"""Planning the report batch: templates in notebooks/, params files × templates → tasks.

``params/_defaults.yaml`` and each ``params/<slug>.yaml``::

    region: "110000"                     # code or name (required)
    templates: [growth, structure]       # topics; default: _defaults.yaml's
    parameters: {period_end: latest}     # passed to the listed templates that declare them
    targets: {target_100m_yuan: 1030}    # per-template section, keyed by topic

Every key is checked against the template's parameters
(:func:`papermill.inspect_notebook`) before anything runs: a typo is a
:class:`~fai.errors.ParameterError` naming the file and the key.

>>> [t.template for t in plan(["params/000000-china.yaml"])]     # doctest: +SKIP
['growth', 'structure', 'regions']
"""

from __future__ import annotations

import ast
import difflib
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fai.errors import ParameterError
from fai.public import PUBLIC

TEMPLATE_RE = re.compile(r"^(\d+)-([a-z][a-z0-9_]*)\.ipynb$")
DEFAULTS_FILE = "_defaults.yaml"
TOP_KEYS = ("region", "templates", "parameters")
RESERVED = ("headline_path",)


# --------------------------------------------------------------------------- templates
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
    from fai.paths import project_dir

    here = Path(name)
    return here if here.exists() else project_dir() / name


def find_templates(notebook_dir: str | Path | None = None) -> dict[str, Template]:
    """Templates in ``notebooks/`` (or ``notebook_dir``), keyed by topic, in file order.

    >>> sorted(find_templates())                                  # doctest: +SKIP
    ['growth', 'regions', 'structure', 'targets']
    """
    folder = Path(notebook_dir) if notebook_dir else project_path("notebooks")
    found: dict[str, Template] = {}
    for path in sorted(folder.glob("*.ipynb")):
        m = TEMPLATE_RE.match(path.name)
        if m:
            found[m.group(2)] = _inspect(path.resolve(), path.stat().st_mtime_ns)
    return found


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
    return Template(m.group(2), path, parameters, _imports_of(nb))


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


def _imports_of(nb: Any) -> tuple[str, ...]:
    """Modules a template imports (and ``fai.<module>`` it reaches through the lazy API)."""
    modules: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = _code(cell.source)
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


# --------------------------------------------------------------------------- planning
@dataclass(frozen=True)
class Task:
    """One notebook to run: a region's params × one template."""

    region: str  # as written in the params file
    region_code: str  # "" when the registry does not know the region
    region_name: str
    region_slug: str
    template: str
    params_file: str
    parameters: dict[str, Any] = field(hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.region_slug, self.template)


def safe_slug(text: str) -> str:
    """A folder name that cannot leave the output folder: ASCII letters, digits, ``-``.

    >>> safe_slug("../../etc"), safe_slug("110000-beijing")
    ('etc', '110000-beijing')
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-").lower()[:60].strip("-")
    return slug or "region"


def region_identity(region: str) -> tuple[str, str, str]:
    """(code, display name, slug) of a params file's ``region``.

    A region the registry does not know keeps its name, code "" and a slug
    made of its ASCII letters plus a hash (distinct names never share a folder).

    >>> region_identity("北京")
    ('110000', '北京市', '110000-beijing')
    >>> region_identity("<script>alert(1)</script>")[2]
    'unregistered-script-alert-1-script-d5f93694'
    """
    from fai.model import regions

    code = regions.lookup(region)
    if code:
        return code, regions.name_of(code), safe_slug(regions.slug(code))
    digest = hashlib.sha1(region.encode("utf-8")).hexdigest()[:8]
    ascii_part = safe_slug(region.encode("ascii", "ignore").decode())
    ascii_part = "" if ascii_part == "region" else ascii_part[:40].strip("-")
    return "", region, "-".join(p for p in ("unregistered", ascii_part, digest) if p)


def params_files(sources: Sequence[str | Path]) -> list[Path]:
    """The params files named by files and folders (``_*.yaml`` are defaults, not regions)."""
    files: list[Path] = []
    for source in sources or [project_path("params")]:
        path = Path(source)
        if path.is_dir():
            files += sorted(p for p in path.iterdir()
                            if p.suffix in (".yaml", ".yml") and not p.name.startswith(("_", ".")))
        elif path.is_file():
            files.append(path)
        else:
            raise ParameterError(f"{path}: no such params file or folder — expected a .yaml file "
                                 "or a folder of them (e.g. params/)")
    return list(dict.fromkeys(files))


def read_yaml(path: Path) -> dict[str, Any]:
    """A params file as a dict; syntax errors name the file and line."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ParameterError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text — expected a YAML params file") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: holds a {type(data).__name__} — expected a mapping "
                             "(region:, templates:, parameters:)")
    return data


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" — did you mean {close[0]!r}?" if close else ""


def _expected(choices: Iterable[str]) -> str:
    return ", ".join(choices)


def _check_type(value: Any, declared: str) -> bool:
    declared = declared.lower()
    if declared.startswith("str"):
        return isinstance(value, str)
    if declared.startswith("bool"):
        return isinstance(value, bool)
    if declared.startswith("int"):
        return isinstance(value, int) and not isinstance(value, bool)
    if declared.startswith("float"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if declared.startswith("list"):
        return isinstance(value, list)
    if declared.startswith("dict"):
        return isinstance(value, dict)
    return True


def _region_value(value: Any, path: Path) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict, float)):
        raise ParameterError(f"{path}: region is {value!r} — expected a region code or name, "
                             'e.g. region: "110000" or region: 北京市')
    if isinstance(value, int):
        if value < 100000:  # YAML read 000000 or 010000 as a number: the zeros are gone
            raise ParameterError(f"{path}: region is the number {value} — quote the code, "
                                 'e.g. region: "000000"')
        return str(value)
    text = str(value).strip()
    if not text:
        raise ParameterError(f"{path}: region is empty — expected a region code or name")
    return text


def plan(
    sources: Sequence[str | Path] = (),
    *,
    templates: dict[str, Template] | None = None,
    only: Sequence[str] | None = None,
) -> list[Task]:
    """Validated tasks for params files/folders × the templates each names.

    ``only`` keeps those topics (``--notebooks``). Raises
    :class:`ParameterError` for an unknown key, topic or type, naming the file.
    """
    templates = find_templates() if templates is None else templates
    if not templates:
        raise ParameterError("no report templates found — expected notebooks/NN-topic.ipynb files")
    if only:
        unknown = [t for t in only if t not in templates]
        if unknown:
            raise ParameterError(f"--notebooks: unknown template {unknown[0]!r} (templates: "
                                 f"{_expected(templates)}){_suggest(unknown[0], templates)}")
    files = params_files(sources)
    if not files:
        raise ParameterError(f"no params files in {', '.join(map(str, sources or ['params/']))}"
                             " — expected one <region>.yaml per region")
    tasks: list[Task] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        for task in _plan_file(path, templates, only):
            if task.key in seen:
                raise ParameterError(f"{path}: region {task.region!r} × {task.template} is also made by "
                                     f"{seen[task.key]} — one params file per region")
            seen[task.key] = str(path)
            tasks.append(task)
    return tasks


def _plan_file(path: Path, templates: dict[str, Template], only: Sequence[str] | None) -> list[Task]:
    defaults_path = path.parent / DEFAULTS_FILE
    defaults = read_yaml(defaults_path) if defaults_path.exists() and defaults_path != path else {}
    data = read_yaml(path)
    for where, block, allowed in ((defaults_path, defaults, ("templates", "parameters")),
                                  (path, data, TOP_KEYS)):
        for key in block:
            if key not in allowed and key not in templates:
                choices = [*allowed, *templates]
                raise ParameterError(f"{where}: unknown key {key!r} (expected {_expected(allowed)} or a "
                                     f"template section: {_expected(templates)}){_suggest(str(key), choices)}")
        for key in ("parameters", *templates):
            if key in block and not isinstance(block[key], dict):
                raise ParameterError(f"{where}: {key} is {block[key]!r} — expected a mapping of "
                                     "parameter: value")
    if "region" not in data:
        raise ParameterError(f"{path}: no region — expected e.g. region: \"110000\"")
    region = _region_value(data["region"], path)
    code, name, slug = region_identity(region)

    topics = data.get("templates", defaults.get("templates", list(templates)))
    if isinstance(topics, str):
        topics = [t.strip() for t in topics.split(",") if t.strip()]
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ParameterError(f"{path}: templates is {topics!r} — expected a list of topics, "
                             f"e.g. [{', '.join(templates)}]")
    for topic in topics:
        if topic not in templates:
            raise ParameterError(f"{path}: template {topic!r} is not in the templates folder (have "
                                 f"{_expected(templates)}){_suggest(topic, templates)}")
    if only:
        topics = [t for t in topics if t in only]

    shared = {**defaults.get("parameters", {}), **data.get("parameters", {})}
    for key in shared:
        origin = path if key in data.get("parameters", {}) else defaults_path
        if key in RESERVED or key == "region":
            raise ParameterError(f"{origin}: parameter {key!r} is set by fai run — remove it")
        if not any(key in templates[t].parameters for t in (topics or templates)):
            known = sorted({p for t in topics or templates for p in templates[t].parameters})
            raise ParameterError(f"{origin}: parameter {key!r} is not a parameter of "
                                 f"{_expected(topics or templates)} (they take {_expected(known)})"
                                 f"{_suggest(key, known)}")

    tasks = []
    for topic in topics:
        template = templates[topic]
        section = {**defaults.get(topic, {}), **data.get(topic, {})}
        values = {k: v for k, v in shared.items() if k in template.parameters}
        for key, value in section.items():
            origin = path if key in data.get(topic, {}) else defaults_path
            if key in RESERVED or key == "region":
                raise ParameterError(f"{origin}: {topic}.{key} is set by fai run — remove it")
            if key not in template.parameters:
                raise ParameterError(
                    f"{origin}: {topic}.{key} is not a parameter of {template.path.name} (it takes "
                    f"{_expected(template.parameters)}){_suggest(key, template.parameters)}")
            values[key] = value
        for key, value in values.items():
            declared = str(template.parameters[key].get("inferred_type_name") or "None")
            if not _check_type(value, declared):
                raise ParameterError(
                    f"{path}: {key} is {value!r} ({type(value).__name__}) — {template.path.name} expects "
                    f"{declared}" + (" (quote it)" if declared.startswith("str") else ""))
        if "region" not in template.parameters:
            raise ParameterError(f"{template.path}: no 'region' parameter — every template needs one")
        tasks.append(Task(region, code, name, slug, topic, str(path), {"region": region, **values}))
    return tasks
