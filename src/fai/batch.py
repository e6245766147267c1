"""The report batch: plan (params files × templates, validated) and run it.

Planning reads ``params/_defaults.yaml`` and each ``params/<slug>.yaml``::

    region: "110000"                     # code or name (required)
    templates: [growth, structure]       # topics; default: _defaults.yaml's
    parameters: {period_end: latest}     # passed to the listed templates that declare them
    targets: {target_100m_yuan: 1030}    # per-template section, keyed by topic

and checks every key against the template's parameters
(:func:`papermill.inspect_notebook`) before anything runs: a typo is a
:class:`~fai.errors.ParameterError` naming the file and the key (``fai run``
exits 2). Running hands each task to :func:`fai.executor.execute_task` in a
process pool (or on Dask), writes ``<out>/<region_slug>/<topic>.ipynb`` and
``.html`` as each finishes, and keeps ``summary.json`` and ``index.html`` up
to date — all atomically.

>>> tasks = plan(["params/"])                      # doctest: +SKIP
>>> outcome = run(tasks, "reports", workers=2)     # doctest: +SKIP
>>> outcome.exit_code                              # doctest: +SKIP
0
"""

from __future__ import annotations

import ast
import difflib
import functools
import hashlib
import json
import os
import re
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fai.errors import ParameterError
from fai.pool import Workers

TEMPLATE_RE = re.compile(r"^(\d+)-([a-z][a-z0-9_]*)\.ipynb$")
DEFAULTS_FILE = "_defaults.yaml"
TOP_KEYS = ("region", "templates", "parameters")
RESERVED = ("headline_path",)
SUMMARY = "summary.json"
INDEX = "index.html"
STATUSES = ("succeeded", "skipped", "failed")


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
    from fai.store import project_dir

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
    from fai import _LAZY

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
            if attr in _LAZY:
                modules.append(_LAZY[attr][0])
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
    from fai import regions

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


# --------------------------------------------------------------------------- summary
def summary_entry(task: Task, result: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """One row of ``summary.json`` (paths relative to the output folder)."""
    error = None
    if result.get("ename"):
        error = {"ename": result["ename"], "evalue": result.get("evalue"), "cell": result.get("cell")}
    html_rel = f"{task.region_slug}/{task.template}.html"
    nb_rel = f"{task.region_slug}/{task.template}.ipynb"
    return {
        "region": task.region, "region_code": task.region_code, "region_name": task.region_name,
        "region_slug": task.region_slug, "template": task.template, "params_file": task.params_file,
        "status": result["status"], "seconds": result.get("seconds"),
        "html": html_rel if (out_dir / html_rel).exists() else None,
        "ipynb": nb_rel if (out_dir / nb_rel).exists() else None,
        "headline": result.get("headline"), "error": error, "worker": result.get("worker"),
    }


def read_summary(out_dir: str | Path) -> dict[str, Any] | None:
    """The previous run's ``summary.json`` in ``out_dir`` (None when absent or unreadable)."""
    path = Path(out_dir) / SUMMARY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("notebooks"), list) else None


def only_failed(tasks: Sequence[Task], summary: dict[str, Any] | None, out_dir: Path) -> list[Task]:
    """The tasks whose entry failed in the previous summary (``--only-failed``)."""
    if summary is None:
        raise ParameterError(f"--only-failed: no previous run in {out_dir / SUMMARY} — run without it first")
    failed = {(e["region_slug"], e["template"]) for e in summary["notebooks"] if e.get("status") == "failed"}
    return [t for t in tasks if t.key in failed]


def order_by_previous(tasks: Sequence[Task], summary: dict[str, Any] | None) -> list[Task]:
    """Longest first by the previous run's seconds (shorter makespan); new tasks keep their order."""
    if not summary:
        return list(tasks)
    seconds = {(e["region_slug"], e["template"]): e.get("seconds") or 0.0 for e in summary["notebooks"]}
    return sorted(tasks, key=lambda t: -float(seconds.get(t.key, 1e9)))


# --------------------------------------------------------------------------- running
@dataclass
class Outcome:
    """What :func:`run` did: the summary rows of this run and the exit code."""

    entries: list[dict[str, Any]]
    interrupted: bool
    seconds: float

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(e["status"] == s for e in self.entries) for s in STATUSES}

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if any(e["status"] == "failed" for e in self.entries) else 0


def warm_spec(templates: dict[str, Template], *, kernel_name: str = "python3",
              fresh: bool = False) -> dict[str, Any]:
    """What every worker kernel is started with: kernel, folder, the templates' imports."""
    folders = {str(t.path.parent) for t in templates.values()}
    return {"kernel_name": kernel_name, "cwd": folders.pop() if len(folders) == 1 else "",
            "imports": tuple(dict.fromkeys(m for t in templates.values() for m in t.imports)),
            "fresh": fresh}


def _spec(task: Task, template: Template, warm: dict[str, Any], timeout: float) -> dict[str, Any]:
    return {**warm, "notebook": template.source, "parameters": dict(task.parameters),
            "timeout": timeout, "headline": "headline_path" in template.parameters,
            "label": f"{task.region_slug}-{task.template}"}


class _Writer:
    """Writes each finished notebook's files, the summary and the index (atomically)."""

    def __init__(self, out_dir: Path, templates: dict[str, Template], previous: dict[str, Any] | None,
                 run_info: dict[str, Any]) -> None:
        self.out_dir = out_dir
        self.templates = templates
        self.entries: dict[tuple[str, str], dict[str, Any]] = {}
        self.run_info = run_info
        self.previous: dict[tuple[str, str], dict[str, Any]] = {}
        for e in (previous or {}).get("notebooks", []):
            if e.get("html") and (out_dir / e["html"]).exists():
                self.previous[(e["region_slug"], e["template"])] = e

    def path_of(self, task: Task, suffix: str) -> Path:
        path = (self.out_dir / task.region_slug / f"{task.template}{suffix}").resolve()
        if self.out_dir.resolve() not in path.parents:
            raise ParameterError(f"{task.params_file}: report path {path} is outside {self.out_dir}")
        return path

    def record(self, task: Task, result: dict[str, Any]) -> dict[str, Any]:
        import nbformat

        from fai import report
        from fai.store import write_text_atomic

        topic = report.TOPIC_LABEL.get(task.template)
        title = f"{task.region_name} · {topic} ({task.template})" if topic else f"{task.region_name} · {task.template}"
        error = ""
        if result.get("ename"):
            cell = result.get("cell")
            where = f"（第 {cell} 个代码单元格 / code cell {cell}）" if cell is not None else ""
            error = f"{result['ename']}: {result.get('evalue') or ''}{where}"
        if result.get("notebook"):
            nb = nbformat.from_dict(result["notebook"])
            write_text_atomic(self.path_of(task, ".ipynb"), nbformat.writes(nb))
        else:
            nb = nbformat.v4.new_notebook()
            stale = self.path_of(task, ".ipynb")
            stale.unlink(missing_ok=True)
        html = report.export_html(nb, title=title, status=result["status"], error=error,
                                  parameters=task.parameters)
        write_text_atomic(self.path_of(task, ".html"), html)
        entry = summary_entry(task, result, self.out_dir)
        self.entries[task.key] = entry
        self.flush()
        return entry

    def all_entries(self) -> list[dict[str, Any]]:
        merged = {**self.previous, **self.entries}
        return list(merged.values())

    def flush(self, final: bool = False) -> None:
        from fai import report
        from fai.store import write_text_atomic

        entries = self.all_entries()
        info = {**self.run_info, "finished": _now() if final else None,
                "counts": {s: sum(e["status"] == s for e in self.entries.values()) for s in STATUSES}}
        summary = {"run": info, "notebooks": entries}
        write_text_atomic(self.out_dir / SUMMARY,
                          json.dumps(summary, ensure_ascii=False, indent=1, default=str) + "\n")
        topics = list(dict.fromkeys([*self.templates, *(e["template"] for e in entries)]))
        write_text_atomic(self.out_dir / INDEX, report.render_index(_index_order(entries), templates=topics))


def _index_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from fai import regions

    order = {code: i for i, code in enumerate(regions.registry()["region_code"])}
    return sorted(entries, key=lambda e: (order.get(e.get("region_code") or "", len(order)),
                                          e.get("region_slug", "")))


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def run(
    tasks: Sequence[Task],
    out_dir: str | Path = "reports",
    *,
    templates: dict[str, Template] | None = None,
    workers: int | Workers | None = None,
    timeout: float = 0,
    scheduler: str | None = None,
    kernel_name: str = "python3",
    fresh_kernels: bool = False,
    previous: dict[str, Any] | None = None,
    progress: Callable[[int, int, Task, dict[str, Any]], None] | None = None,
) -> Outcome:
    """Run ``tasks``; write reports, ``summary.json`` and ``index.html`` under ``out_dir``.

    ``workers`` is a count (default: the CPU count) or workers already started
    with :func:`fai.pool.start_workers` (then closed here); ``timeout`` is per
    notebook (seconds, 0 = none); ``scheduler`` is ``None`` (process pool),
    ``"local"`` (a Dask LocalCluster) or a Dask scheduler address.
    ``progress(done, total, task, entry)`` is called after each notebook.
    Ctrl-C (or SIGTERM) stops the run: finished reports are kept, the rest are
    recorded as failed.
    """
    from fai.pool import start_workers

    templates = templates if templates is not None else find_templates()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    warm = warm_spec(templates, kernel_name=kernel_name, fresh=fresh_kernels)
    specs = [_spec(t, templates[t.template], warm, timeout) for t in tasks]
    count = workers if isinstance(workers, int) else None
    count = max(1, min(int(count or os.cpu_count() or 1), max(len(tasks), 1)))
    run_info = {"started": _now(), "workers": count if isinstance(workers, (int, type(None))) else None,
                "scheduler": scheduler or "processes", "kernel": kernel_name,
                "fresh_kernels": fresh_kernels, "timeout": timeout, "notebooks": len(tasks),
                "interrupted": False}
    writer = _Writer(out, templates, previous if previous is not None else read_summary(out), run_info)
    started = time.monotonic()
    done: list[dict[str, Any]] = []

    def finish(task: Task, result: dict[str, Any]) -> None:
        entry = writer.record(task, result)
        done.append(entry)
        if progress:
            progress(len(done), len(tasks), task, entry)

    interrupted = False
    previous_term = signal.getsignal(signal.SIGTERM)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread
        pass
    pool: Workers | None = workers if isinstance(workers, Workers) else None
    try:
        if tasks:
            if pool is None:
                pool = start_workers(warm, count, scheduler)
            writer.run_info["workers_backend"] = pool.name
            handles = {pool.submit(spec): i for i, spec in enumerate(specs)}
            handled: set[Any] = set()
            from fai import report

            report.prepare()  # the HTML exporter, built while the kernels warm up
            try:
                for handle, result in pool.as_completed(list(handles)):
                    handled.add(handle)
                    finish(tasks[handles[handle]], result)
            except KeyboardInterrupt:
                interrupted = True
                old = signal.signal(signal.SIGINT, signal.SIG_IGN)
                try:
                    pool.interrupt()
                    for handle, result in pool.finished(list(handles)):
                        if handle not in handled:  # finished while we were stopping: keep it
                            handled.add(handle)
                            finish(tasks[handles[handle]], result)
                finally:
                    signal.signal(signal.SIGINT, old)
    finally:
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            if pool is not None:
                pool.close()
            try:
                signal.signal(signal.SIGTERM, previous_term)
            except ValueError:
                pass
            if interrupted:
                finished = {t.key for t in tasks if t.key in writer.entries}
                for task in tasks:
                    if task.key not in finished:
                        finish(task, {"status": "failed", "ename": "KeyboardInterrupt",
                                      "evalue": "the run was interrupted before this notebook finished",
                                      "seconds": None})
            writer.run_info.update(interrupted=interrupted, seconds=round(time.monotonic() - started, 3))
            writer.flush(final=True)
        finally:
            signal.signal(signal.SIGINT, old)
    return Outcome(done, interrupted, time.monotonic() - started)
