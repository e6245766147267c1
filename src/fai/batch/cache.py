"""What the next ``fai run`` can reuse without reading it again: template inspections and tables.

An unchanged batch should answer "up to date" in well under two seconds, but
inspecting the templates (papermill) and loading and validating the data cost
about a second together. Both are pure functions of file contents and of fai
itself, so their results are kept in ``manifest.json`` (``"cache"``) under a
key that hashes those contents: the same bytes give the same answer, and any
changed byte — a template, a file of ``data/raw/`` or ``data/processed/``, the
``data_path`` table, fai — reads and computes again.

>>> tables = Tables(cache={})                           # doctest: +SKIP
>>> tables.tidy_digests(None)["000000"]                 # doctest: +SKIP
'3f1a…'
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fai.batch.fingerprint import code_digest, digest, file_digest, region_digests
from fai.batch.plan import DataFacts, data_facts
from fai.batch.templates import Template, find_templates, template_paths
from fai.paths import processed_dir, raw_dir

if TYPE_CHECKING:  # pandas and fai.data are imported when a table is read: `fai run` starts
    import pandas as pd  # its workers first, and an unchanged batch reads none


def _files_key(files: list[Path]) -> str:
    return digest(code_digest(), [(str(p), file_digest(p) if p.is_file() else None) for p in files])


def templates_key(notebook_dir: str | Path | None) -> str:
    """The content key of the templates :func:`cached_templates` inspects (and fai's code)."""
    return _files_key(template_paths(notebook_dir))


def cached_templates(notebook_dir: str | Path | None, cache: MutableMapping[str, Any]) -> dict[str, Template]:
    """:func:`fai.batch.plan.find_templates`, answered from ``cache`` when no template changed."""
    key = templates_key(notebook_dir)
    known = cache.get("templates")
    if isinstance(known, dict) and known.get("key") == key:
        try:
            return {topic: Template(topic, Path(t["path"]), t["parameters"], tuple(t["imports"]))
                    for topic, t in known["found"].items()}
        except (KeyError, TypeError):
            pass
    found = find_templates(notebook_dir)
    cache["templates"] = {"key": key, "found": {
        topic: {"path": str(t.path), "parameters": t.parameters, "imports": list(t.imports)}
        for topic, t in found.items()}}
    return found


class Tables:
    """The tidy table (per ``data_path``) and the targets table: read at most once, and not at
    all when ``cache`` holds their region digests (and planning facts) for the same files.

    ``load`` and ``load_targets`` default to :func:`fai.data.load` and
    :func:`fai.data.load_targets`.
    """

    def __init__(self, cache: MutableMapping[str, Any] | None = None,
                 load: Callable[[str | None], pd.DataFrame] | None = None,
                 load_targets: Callable[[], pd.DataFrame] | None = None) -> None:
        self.cache: MutableMapping[str, Any] = cache if cache is not None else {}
        self._load = load
        self._load_targets = load_targets
        self._tidy: dict[str | None, pd.DataFrame] = {}
        self._targets: pd.DataFrame | None = None
        self._keys: dict[str, str] = {}
        self.used: set[str] = set()  # cache entries of this run (the others are dropped)

    def load(self, path: str | None = None) -> pd.DataFrame:
        if path not in self._tidy:
            if self._load is None:
                from fai.data import load as load_tidy

                self._load = load_tidy
            self._tidy[path] = self._load(path)
        return self._tidy[path]

    def load_targets(self) -> pd.DataFrame:
        if self._targets is None:
            if self._load_targets is None:
                from fai.data import load_targets

                self._load_targets = load_targets
            self._targets = self._load_targets()
        return self._targets

    def data_changed(self) -> bool:
        """Do the tables the last run read (the project's data, each ``data_path``) differ now?

        True when the last run read none (or no manifest is known): then something will run.
        """
        entries = {name.split(":", 1)[1]: entry for name, entry in self.cache.items()
                   if name.startswith(("tidy:", "targets:"))}
        if not entries:
            return True
        return any(not (isinstance(entry, dict) and entry.get("key") == self._key(path))
                   for path, entry in entries.items())

    def _key(self, path: str) -> str:
        """The content key of what ``load(path)`` reads (``""``: data/raw and data/processed)."""
        if path not in self._keys:
            if path:
                files = [Path(path)]
            else:
                files = sorted(p for d in (raw_dir(), processed_dir()) if d.is_dir()
                               for p in d.rglob("*") if p.is_file())
            self._keys[path] = _files_key(files)
        return self._keys[path]

    def _cached(self, name: str, path: str, compute: Callable[[], Any]) -> Any:
        entry_name = f"{name}:{path}"
        self.used.add(entry_name)
        key = self._key(path)
        entry = self.cache.get(entry_name)
        if isinstance(entry, dict) and entry.get("key") == key:
            return entry["value"]
        value = compute()
        self.cache[entry_name] = {"key": key, "value": value}
        return value

    def tidy_digests(self, path: str | None = None) -> dict[str, str]:
        """One hash per region of the tidy table at ``path`` (None: the project's data)."""
        return self._cached("tidy", path or "", lambda: region_digests(self.load(path or None)))

    def targets_digests(self) -> dict[str, str]:
        """One hash per region of the targets table."""
        return self._cached("targets", "", lambda: region_digests(self.load_targets()))

    def facts(self) -> DataFacts:
        """What the project's data support, for the planner."""
        value = self._cached("facts", "", lambda: {
            k: sorted(v) for k, v in vars(data_facts(self.load(), self.load_targets())).items()})
        return DataFacts(**{k: frozenset(v) for k, v in value.items()})

    def for_manifest(self) -> dict[str, Any]:
        """The entries this run used, to keep for the next."""
        return {k: v for k, v in self.cache.items() if k in self.used or k == "templates"}
