"""``manifest.json`` beside ``summary.json``: what each report was made from, and what it wrote.

For every report that came out whole (succeeded, or skipped for lack of data)
the manifest keeps the hashes of its inputs (:mod:`fai.batch.fingerprint`) and
of its files. The next ``fai run`` leaves a report alone — ``up to date`` — when
its inputs hash the same and its files are still the ones it wrote (a deleted
or edited file is made again); ``--force`` makes everything.

>>> m = Manifest({})
>>> m.record("110000-beijing/growth", {"data": "ab12"}, {"html": "cd34"})
>>> m.reports["110000-beijing/growth"].inputs
{'data': 'ab12'}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fai.batch.fingerprint import file_digest
from fai.files import write_text_atomic

MANIFEST = "manifest.json"
VERSION = 1


@dataclass
class ReportInputs:
    """One report's input hashes and the hashes of the files it wrote (``html``, ``ipynb``)."""

    inputs: dict[str, str]
    outputs: dict[str, str] = field(default_factory=dict)

    def changed(self, inputs: Mapping[str, str]) -> list[str]:
        """The names of the inputs that differ (all of them for a report never recorded)."""
        return [k for k in sorted({*inputs, *self.inputs}) if self.inputs.get(k) != inputs.get(k)]


@dataclass
class Manifest:
    """Every recorded report of the folder, keyed ``<region_slug>/<template>``."""

    reports: dict[str, ReportInputs]
    cache: dict[str, Any] = field(default_factory=dict)  # fai.batch.cache: inspections, digests

    def record(self, key: str, inputs: Mapping[str, str], outputs: Mapping[str, str]) -> None:
        self.reports[key] = ReportInputs(dict(inputs), dict(outputs))

    def forget(self, key: str) -> None:
        self.reports.pop(key, None)

    def why(self, key: str, inputs: Mapping[str, str], out_dir: Path) -> list[str]:
        """Why the report must be made again: changed inputs, or ``output`` when a file it wrote
        is gone or different; [] when it is up to date."""
        known = self.reports.get(key)
        if known is None:
            return ["new"]
        changed = known.changed(inputs)
        if changed:
            return changed
        if not known.outputs:
            return ["output"]
        for name, expected in known.outputs.items():
            path = out_dir / name
            try:
                if file_digest(path) != expected:
                    return ["output"]
            except OSError:
                return ["output"]
        return []

    def to_json(self) -> dict:
        return {"version": VERSION, "reports": {k: {"inputs": r.inputs, "outputs": r.outputs}
                                                for k, r in sorted(self.reports.items())},
                "cache": self.cache}


def read_manifest(out_dir: str | Path) -> Manifest:
    """The folder's manifest (empty when absent, unreadable or of another version)."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest({})
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("reports"), dict):
        return Manifest({})
    reports = {}
    for key, row in data["reports"].items():
        if isinstance(row, dict) and isinstance(row.get("inputs"), dict):
            outputs = row.get("outputs") if isinstance(row.get("outputs"), dict) else {}
            reports[str(key)] = ReportInputs({str(k): str(v) for k, v in row["inputs"].items()},
                                             {str(k): str(v) for k, v in outputs.items()})
    cache = data.get("cache") if isinstance(data.get("cache"), dict) else {}
    return Manifest(reports, cache)


def write_manifest(out_dir: Path, manifest: Manifest) -> Path:
    """Write ``manifest.json`` atomically."""
    text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return write_text_atomic(out_dir / MANIFEST, text)
