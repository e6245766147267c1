"""What a report is made from, as content hashes: the inputs of an incremental ``fai run``.

A report is made again only when one of its inputs changed:

* ``template`` — the bytes of its notebook template;
* ``parameters`` — its resolved parameters (region, period_end, lang, data_path …);
* ``data`` — the tidy-table rows of the regions it reads: its own, and by its
  template's ``reads`` (``data/reads.csv``, or the template's notebook metadata
  ``{"fai": {"reads": [...]}}``) its ancestors, its descendants or its siblings —
  a county's figure touches its own reports and the ``regions`` reports of its
  ancestors, nothing else;
* ``targets`` — the targets-table rows of those regions;
* ``fai`` — fai itself (every file of the package), the libraries that draw and
  export the reports, Python, the kernel, and ``data/regions.csv``.

Hashes are of content, never of timestamps.

>>> reads_of("regions", {})
('region', 'ancestors', 'children', 'peers')
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.metadata
import json
import platform
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from fai.batch.plan import Task
from fai.batch.templates import Template
from fai.files import tree_digest
from fai.model import regions
from fai.paths import project_dir

if TYPE_CHECKING:  # imported where a table is hashed: `fai run` starts its workers without it
    import pandas as pd

READS_FILE = Path(__file__).with_name("data") / "reads.csv"
# region: its own rows; ancestors: its yardsticks; descendants: every region below it; children:
# its children and theirs (a regions report's peers and subpeers); siblings: its parent's other
# children; peers: the regions it is compared among (regions.peer_group: a province's 31)
READS = ("region", "ancestors", "descendants", "children", "siblings", "peers")
LIBRARIES = ("pandas", "numpy", "matplotlib", "seaborn", "pandera", "pyarrow", "papermill", "nbformat",
             "nbconvert", "nbclient", "ipykernel", "nh3",
             "pillow", "noto-cjk-sans-otc")  # (a chart's PNG: its encoder and its font)
NO_ROWS = "-"


def digest(*parts: object) -> str:
    """A short sha256 of ``parts`` as JSON.

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def file_digest(path: str | Path) -> str:
    """The sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _reads_table() -> dict[str, tuple[str, ...]]:
    with open(READS_FILE, encoding="utf-8", newline="") as f:
        return {row["topic"]: tuple(row["reads"].split()) for row in csv.DictReader(f)}


def reads_of(topic: str, metadata: Mapping[str, Any]) -> tuple[str, ...]:
    """Which regions' rows a template shows: its notebook metadata's ``fai.reads``, else
    ``data/reads.csv`` by topic, else everything around the region (``*``)."""
    declared = (metadata.get("fai") or {}).get("reads") if isinstance(metadata, Mapping) else None
    if isinstance(declared, list) and declared and all(r in READS for r in declared):
        return tuple(declared)
    table = _reads_table()
    return table.get(topic, table["*"])


@functools.lru_cache(maxsize=4)
def code_digest(kernel_name: str = "python3") -> str:
    """fai itself: every file of the package, the report libraries' versions, Python, the kernel
    and the user's region file (names and parents shown in every report)."""
    package = tree_digest(Path(__file__).resolve().parents[1])
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    user_regions = project_dir() / "data" / "regions.csv"
    regions_file = file_digest(user_regions) if user_regions.is_file() else None
    return digest(package, versions, platform.python_version(), kernel_name, regions_file)


def region_digests(table: pd.DataFrame) -> dict[str, str]:
    """One hash per ``region_code`` of its rows (in any order); rows without a code under ``""``.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"region_code": ["000000", "110000"], "period": ["2025-12"] * 2,
    ...                   "yoy_pct": [-3.8, -7.5]})
    >>> d = region_digests(t); d2 = region_digests(t.assign(yoy_pct=[-3.8, -7.0]))
    >>> d["000000"] == d2["000000"], d["110000"] == d2["110000"]
    (True, False)
    """
    import pandas as pd

    if table.empty:
        return {}
    rows = table.copy()
    rows["region_code"] = rows["region_code"].astype(object).where(rows["region_code"].notna(), "")
    rows = rows.astype(str).sort_values(list(rows.columns), kind="stable").reset_index(drop=True)
    hashes = pd.util.hash_pandas_object(rows, index=False).to_numpy()
    return {str(code): hashlib.sha256(hashes[idx].tobytes()).hexdigest()[:32]
            for code, idx in rows.groupby("region_code", sort=False).indices.items()}


class RegionSets:
    """The regions around each region that has rows: ancestors, descendants, siblings."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes = {c for c in codes if c}
        self.descendants: dict[str, set[str]] = {}
        self.parents: dict[str, str | None] = {}
        for code in self.codes:
            chain = self._ancestors(code)
            self.parents[code] = chain[0] if chain else None
            for ancestor in chain:
                self.descendants.setdefault(ancestor, set()).add(code)

    @staticmethod
    def _ancestors(code: str) -> list[str]:
        try:
            return regions.ancestors(code)
        except Exception:  # noqa: BLE001 - a code the registry does not know has no family
            return []

    def around(self, code: str, reads: Iterable[str]) -> set[str]:
        """The codes whose rows a report of ``code`` reads."""
        out = {code} if "region" in reads else set()
        if "ancestors" in reads:
            out.update(self._ancestors(code))
        if "descendants" in reads:
            out.update(self.descendants.get(code, ()))
        if "children" in reads:
            out.update(c for c in self.descendants.get(code, ()) if code in self._ancestors(c)[:2])
        if "siblings" in reads:
            parent = self._ancestors(code)[:1]
            out.update(c for c, p in self.parents.items() if parent and p == parent[0])
        if "peers" in reads:
            try:
                group = regions.peer_group(code)[0]
            except Exception:  # noqa: BLE001 - a code the registry does not know has no peers
                group = []
            out.update(c for c in group if c in self.codes)
        return out


class TableDigests(Protocol):
    """Region digests of the tables (:class:`fai.batch.cache.Tables`)."""

    def tidy_digests(self, path: str | None = None) -> dict[str, str]: ...

    def targets_digests(self) -> dict[str, str]: ...


class Fingerprints:
    """The input hashes of tasks over one data set (each table hashed once).

    A table that cannot be read makes every report reading it look changed (it
    runs, and its notebook says why).
    """

    def __init__(self, templates: Mapping[str, Template], tables: TableDigests,
                 kernel_name: str = "python3") -> None:
        self.templates = templates
        self.tables = tables
        self.kernel_name = kernel_name
        self._tables: dict[str, tuple[dict[str, str], RegionSets] | str] = {}
        self._targets: dict[str, str] | str | None = None
        self._template_parts: dict[str, tuple[str, tuple[str, ...]]] = {}

    def _template(self, topic: str) -> tuple[str, tuple[str, ...]]:
        if topic not in self._template_parts:
            raw = self.templates[topic].path.read_bytes()
            try:
                metadata = json.loads(raw).get("metadata", {})
            except ValueError:
                metadata = {}
            self._template_parts[topic] = (hashlib.sha256(raw).hexdigest()[:32], reads_of(topic, metadata))
        return self._template_parts[topic]

    def _data(self, path: str) -> tuple[dict[str, str], RegionSets] | str:
        if path not in self._tables:
            try:
                digests = self.tables.tidy_digests(path or None)
                self._tables[path] = (digests, RegionSets(digests))
            except Exception as exc:  # noqa: BLE001 - unreadable: the notebook will say why
                self._tables[path] = f"unreadable: {type(exc).__name__}: {exc}"
        return self._tables[path]

    def _target_digests(self) -> dict[str, str] | str:
        if self._targets is None:
            try:
                self._targets = self.tables.targets_digests()
            except Exception as exc:  # noqa: BLE001
                self._targets = f"unreadable: {type(exc).__name__}: {exc}"
        return self._targets

    def inputs(self, task: Task) -> dict[str, str]:
        """``{"template", "parameters", "data", "targets", "fai"}`` → hash, for ``task``."""
        template, reads = self._template(task.template)
        data = self._data(str(task.parameters.get("data_path") or ""))
        targets = self._target_digests()
        if isinstance(data, str):
            data_part, codes = digest(data), {task.region_code}
        else:
            digests, family = data
            codes = family.around(task.region_code, reads) if task.region_code else set(digests)
            data_part = digest(sorted((c, digests.get(c, NO_ROWS)) for c in codes if c in digests))
        if isinstance(targets, str):
            targets_part = digest(targets)
        else:
            targets_part = digest(sorted((c, targets[c]) for c in (*codes, "") if c in targets))
        return {"template": template, "parameters": digest(task.parameters), "data": data_part,
                "targets": targets_part, "fai": code_digest(self.kernel_name)}
