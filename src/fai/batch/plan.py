"""Planning the report batch: every region of the data × the templates its data supports,
with ``params/*.yaml`` as overrides → validated tasks.

``fai run`` with no params files plans every region of the processed data (its tidy
table and targets table) with the templates its figures support (:data:`SUPPORTS`:
growth needs a fai_total series, structure a component of it, regions two child
regions with growth rates, targets rows in the targets table). A params file only
overrides what a region gets — ``params/_defaults.yaml`` and ``params/<any>.yaml``::

    region: "110000"                     # code or name (required)
    templates: [growth, structure]       # topics; default: what the data supports
    parameters: {period_end: latest}     # passed to the listed templates that declare them
    targets: {target_100m_yuan: 1030}    # per-template section, keyed by topic

Named params files (``fai run params/x.yaml``) plan just their regions, with the
templates they (or ``_defaults.yaml``) name. Every key is checked against the
template's parameters (:func:`papermill.inspect_notebook`) before anything runs: a
typo is a :class:`~fai.errors.ParameterError` naming the file and the key. A params
file is read bounded (size, YAML aliases) and no error echoes more than a line of it.

>>> [t.template for t in plan(regions=["全国"])]                 # doctest: +SKIP
['growth', 'structure', 'regions']
"""

from __future__ import annotations

import ast
import difflib
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from fai import data as fai_data
from fai.errors import ParameterError
from fai.model import indicators, regions
from fai.public import PUBLIC

TEMPLATE_RE = re.compile(r"^(\d+)-([a-z][a-z0-9_]*)\.ipynb$")
DEFAULTS_FILE = "_defaults.yaml"
TOP_KEYS = ("region", "templates", "parameters")
RESERVED = ("headline_path",)
MAX_PARAMS_BYTES = 100_000
MAX_ALIASES = 20  # YAML aliases (*name) in one params file: a few are handy, thousands are a bomb


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


def _show(value: Any, limit: int = 60) -> str:
    """A value for an error message: its repr on one line, at most ``limit`` characters."""
    try:
        text = repr(value) if not isinstance(value, (list, dict)) else _short_repr(value, limit)
    except RecursionError:
        text = f"<a {type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_repr(value: Any, limit: int) -> str:
    """repr of a list or dict that stops after ``limit`` characters (never walks a bomb)."""
    out: list[str] = []
    size = 0

    def walk(v: Any, depth: int) -> None:
        nonlocal size
        if size > limit or depth > 20:
            return
        if isinstance(v, list):
            items: Iterable[Any] = v
            out.append("[")
            for i, item in enumerate(items):
                if size > limit:
                    break
                if i:
                    out.append(", ")
                walk(item, depth + 1)
            out.append("]")
        elif isinstance(v, dict):
            out.append("{")
            for i, (k, item) in enumerate(v.items()):
                if size > limit:
                    break
                out.append(("" if not i else ", ") + f"{k!r}: ")
                walk(item, depth + 1)
            out.append("}")
        else:
            out.append(repr(v)[: limit + 1])
        size = sum(map(len, out))

    walk(value, 0)
    return "".join(out)


def _bounded_loader(path: Path) -> type:
    """A SafeLoader that refuses more than :data:`MAX_ALIASES` aliases (a "billion laughs" bomb)."""
    import yaml

    class Loader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    mark = self.peek_event().start_mark
                    raise ParameterError(file=str(path), where=f"line {mark.line + 1}",
                                         found=f"more than {MAX_ALIASES} YAML aliases (*name)",
                                         expected="a params file without alias chains (write the values out)")
            return super().compose_node(parent, index)

    return Loader


def read_yaml(path: Path) -> dict[str, Any]:
    """A params file as a dict; syntax errors name the file and line.

    Read bounded: a regular file of at most :data:`MAX_PARAMS_BYTES` bytes, at most
    :data:`MAX_ALIASES` YAML aliases.
    """
    import yaml

    if not path.is_file():
        raise ParameterError(file=str(path), found="not a regular file", expected="a YAML params file")
    with path.open("rb") as f:
        raw = f.read(MAX_PARAMS_BYTES + 1)
    if len(raw) > MAX_PARAMS_BYTES:
        raise ParameterError(file=str(path), found=f"more than {MAX_PARAMS_BYTES:,} bytes",
                             expected="a short YAML params file (region:, templates:, parameters:)")
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_bounded_loader(path))  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = _show(str(getattr(exc, "problem", None) or exc), 120).strip("'\"")
        raise ParameterError(f"{path}{where}: not valid YAML ({problem})") from None
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
        raise ParameterError(f"{path}: region is {_show(value)} — expected a region code or name, "
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


# --------------------------------------------------------------------------- what the data supports
@dataclass(frozen=True)
class DataFacts:
    """Which regions the data hold what for (read once from the tidy and targets tables)."""

    totals: frozenset[str]  # a fai_total level or growth rate: a growth report
    growth_rates: frozenset[str]  # a fai_total growth rate: a peer in a comparison
    components: frozenset[str]  # a component of fai_total (民间, 第二产业, 制造业 …): a structure report
    targets: frozenset[str]  # targets, projects or tasks in the targets table: a targets report

    @property
    def regions(self) -> list[str]:
        """Every region with figures, in registry order (unknown codes last)."""
        order = {code: i for i, code in enumerate(regions.registry()["region_code"])}
        codes = self.totals | self.components | self.targets
        return sorted(codes, key=lambda c: (order.get(c, len(order)), c))


def data_facts(tidy: pd.DataFrame, targets: pd.DataFrame | None = None) -> DataFacts:
    """What each region's figures support, from the tidy table (and the targets table).

    >>> t = pd.DataFrame({"region_code": ["000000", "000000", "330523"], "indicator": ["fai_total",
    ...     "fai_private", "fai_total"], "value_100m_yuan": [1.0, 0.5, None], "yoy_pct": [3.3, 1.0, 5.1]})
    >>> f = data_facts(t)
    >>> sorted(f.totals), sorted(f.components)
    (['000000', '330523'], ['000000'])
    """
    has = tidy["value_100m_yuan"].notna() | tidy["yoy_pct"].notna()
    rows = tidy.loc[has, ["region_code", "indicator", "yoy_pct"]]
    total = rows["indicator"] == TOTAL
    tree = {k for k in indicators.keys() if k != TOTAL and TOTAL in indicators.ancestors(k)}  # noqa: SIM118
    return DataFacts(
        totals=frozenset(rows.loc[total, "region_code"].astype(str)),
        growth_rates=frozenset(rows.loc[total & rows["yoy_pct"].notna(), "region_code"].astype(str)),
        components=frozenset(rows.loc[rows["indicator"].isin(tree), "region_code"].astype(str)),
        targets=frozenset() if targets is None else frozenset(
            targets.loc[~targets["measure"].astype(str).str.startswith(RANKINGS), "region_code"].dropna().astype(str)),
    )


TOTAL = "fai_total"
RANKINGS = ("rank", "vs_")  # targets-table measures that rank a region (rank_in_parent, vs_parent_pp): no target
# topic → does a region's data support it (the templates a region gets without a params file)
SUPPORTS: dict[str, Callable[[str, DataFacts], bool]] = {
    "growth": lambda code, f: code in f.totals,
    "structure": lambda code, f: code in f.components,
    "regions": lambda code, f: sum(c in f.growth_rates for c in regions.children(code)) >= 2,
    "targets": lambda code, f: code in f.targets,
}


def supported_templates(code: str, facts: DataFacts, templates: Iterable[str]) -> list[str]:
    """The topics among ``templates`` whose needs the region's data meet, in template order.

    >>> facts = DataFacts(frozenset({"330110"}), frozenset({"330110"}), frozenset({"330110"}),
    ...                   frozenset({"330110"}))
    >>> supported_templates("330110", facts, ["growth", "structure", "regions", "targets"])
    ['growth', 'structure', 'targets']
    """
    return [t for t in templates if t in SUPPORTS and SUPPORTS[t](code, facts)]


# --------------------------------------------------------------------------- planning
def plan(
    sources: Sequence[str | Path] = (),
    *,
    templates: dict[str, Template] | None = None,
    only: Sequence[str] | None = None,
    only_regions: Sequence[str] = (),
    facts: DataFacts | None = None,
) -> list[Task]:
    """Validated tasks: every region of the data × the templates its data supports,
    with ``params/`` as overrides — or, when ``sources`` names params files or
    folders, just their regions × the templates each names.

    ``only`` keeps those topics (``--notebooks``); ``only_regions`` those regions
    (``--region``, names or codes). ``facts`` (default: from :func:`fai.data.load`
    and :func:`fai.data.load_targets`) says what the data support. Raises
    :class:`ParameterError` for an unknown key, topic or type, naming the file.
    """
    templates = find_templates() if templates is None else templates
    if not templates:
        raise ParameterError("no report templates found — expected notebooks/NN-topic.ipynb files")
    if only:
        unknown = [t for t in only if t not in templates]
        if unknown:
            raise ParameterError(f"--notebooks: unknown template {_show(unknown[0])} (templates: "
                                 f"{_expected(templates)}){_suggest(unknown[0], templates)}")
    wanted = [regions.resolve(r, where="--region") for r in only_regions]
    if sources:
        files = params_files(sources)
        if not files:
            raise ParameterError(f"no params files in {', '.join(map(str, sources))}"
                                 " — expected one <region>.yaml per region")
        tasks = _plan_files(files, templates, only, None)
    else:
        if facts is None:
            facts = data_facts(fai_data.load(), fai_data.load_targets())
        tasks = _plan_auto(templates, only, facts)
    if wanted:
        tasks = [t for t in tasks if t.region_code in wanted]
        missing = [c for c in wanted if not any(t.region_code == c for t in tasks)]
        if missing:
            code = missing[0]
            raise ParameterError(
                f"--region {regions.name_of(code)} ({code}): no report to make — the data hold no figures "
                f"for it{' the chosen templates show' if only else ''}; expected a region of the data "
                "(put its table in data/raw/ and run make data) or a params file naming it")
    return tasks


def _plan_files(files: Sequence[Path], templates: dict[str, Template], only: Sequence[str] | None,
                facts: DataFacts | None) -> list[Task]:
    tasks: list[Task] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        for task in _plan_file(path, templates, only, facts):
            if task.key in seen:
                raise ParameterError(f"{path}: region {_show(task.region)} × {task.template} is also made by "
                                     f"{seen[task.key]} — one params file per region")
            seen[task.key] = str(path)
            tasks.append(task)
    return tasks


def _plan_auto(templates: dict[str, Template], only: Sequence[str] | None, facts: DataFacts) -> list[Task]:
    """Every region of the data (and of params/), params files overriding what they name."""
    folder = project_path("params")
    files = params_files([folder]) if folder.is_dir() else []
    by_file = _plan_files(files, templates, only, facts)
    covered = {t.region_slug for t in by_file} | {t.region_code for t in by_file if t.region_code}
    defaults_path = folder / DEFAULTS_FILE
    tasks: list[Task] = []
    for code in facts.regions:
        if code in covered or regions.lookup(code) is None:
            tasks += [t for t in by_file if t.region_code == code]
            continue
        tasks += _plan_region(defaults_path, {"region": code}, templates, only, facts, params_file="")
    done = {id(t) for t in tasks}
    return tasks + [t for t in by_file if id(t) not in done]


def _plan_file(path: Path, templates: dict[str, Template], only: Sequence[str] | None,
               facts: DataFacts | None) -> list[Task]:
    return _plan_region(path, read_yaml(path), templates, only, facts, params_file=str(path))


def _plan_region(path: Path, data: dict[str, Any], templates: dict[str, Template], only: Sequence[str] | None,
                 facts: DataFacts | None, *, params_file: str) -> list[Task]:
    """The tasks of one region: ``data`` is its params file (or just its region), over the defaults."""
    defaults_path = path.parent / DEFAULTS_FILE if path.name != DEFAULTS_FILE else path
    defaults = read_yaml(defaults_path) if defaults_path.exists() and (params_file == "" or defaults_path != path) \
        else {}
    for where, block, allowed in ((defaults_path, defaults, ("templates", "parameters")),
                                  (path, data, TOP_KEYS)):
        for key in block:
            if key not in allowed and key not in templates:
                choices = [*allowed, *templates]
                raise ParameterError(f"{where}: unknown key {_show(key)} (expected {_expected(allowed)} or a "
                                     f"template section: {_expected(templates)}){_suggest(str(key), choices)}")
        for key in ("parameters", *templates):
            if key in block and not isinstance(block[key], dict):
                raise ParameterError(f"{where}: {key} is {_show(block[key])} — expected a mapping of "
                                     "parameter: value")
    if "region" not in data:
        raise ParameterError(f"{path}: no region — expected e.g. region: \"110000\"")
    region = _region_value(data["region"], path)
    code, name, slug = region_identity(region)

    fallback = defaults.get("templates", list(templates))
    if facts is not None and code:  # what the data supports, unless the params file names templates
        fallback = supported_templates(code, facts, templates) or (fallback if params_file else [])
    topics = data.get("templates", fallback)
    if isinstance(topics, str):
        topics = [t.strip() for t in topics.split(",") if t.strip()]
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ParameterError(f"{path}: templates is {_show(topics)} — expected a list of topics, "
                             f"e.g. [{', '.join(templates)}]")
    for topic in topics:
        if topic not in templates:
            raise ParameterError(f"{path}: template {_show(topic)} is not in the templates folder (have "
                                 f"{_expected(templates)}){_suggest(topic, templates)}")
    if only:
        topics = [t for t in topics if t in only]

    shared = {**defaults.get("parameters", {}), **data.get("parameters", {})}
    for key in shared:
        origin = path if key in data.get("parameters", {}) else defaults_path
        if key in RESERVED or key == "region":
            raise ParameterError(f"{origin}: parameter {_show(key)} is set by fai run — remove it")
        if not any(key in templates[t].parameters for t in (topics or templates)):
            known = sorted({p for t in topics or templates for p in templates[t].parameters})
            raise ParameterError(f"{origin}: parameter {_show(key)} is not a parameter of "
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
                    f"{path}: {key} is {_show(value)} ({type(value).__name__}) — {template.path.name} expects "
                    f"{declared}" + (" (quote it)" if declared.startswith("str") else ""))
        if "region" not in template.parameters:
            raise ParameterError(f"{template.path}: no 'region' parameter — every template needs one")
        tasks.append(Task(region, code, name, slug, topic, params_file, {"region": region, **values}))
    return tasks
