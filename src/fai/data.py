"""The one build path of the tidy table and the targets table, and how they are loaded.

``data/raw/`` is the data: every file in it, bundled or the analyst's own. :func:`build`
reads a list of input files (each through the reader that recognises it), merges them and
validates the result; ``fai build`` / ``make data`` write it to ``data/processed/`` with a
manifest of what it was built from (input names and content hashes, the fai version, the
options); :func:`load` and :func:`load_targets` return the processed tables only when that
manifest matches ``data/raw/`` as it is now — otherwise they build from all of ``data/raw/`` in
memory. A table built from other inputs is never returned.

Merging: a figure given by two inputs for the same (region, period, indicator) is kept once.
When both are bundled sources (readers with a ``precedence``), the higher one's row is kept
and the other is listed in the cleaning report — ``collapsed`` when they agree, ``conflict``
when they differ (with both figures); never silently resolved. When either input is not a
bundled source, agreeing figures collapse (noted) and differing ones raise
:class:`~fai.errors.DuplicateFigureError` naming both files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fai import __version__
from fai.errors import DuplicateFigureError, InputFormatError, StaleDataError
from fai.files import tree_digest, unescape_frame, write_outputs
from fai.model import regions
from fai.model.schema import (
    KEY,
    TARGET_COLUMNS,
    TIDY_COLUMNS,
    conform_text,
    frame_digest,
    validate_targets,
    validate_tidy,
)
from fai.paths import processed_dir, raw_dir
from fai.readers import READERS, ReadOptions, ReadResult, read
from fai.readers.base import FIGURES, Reader, empty_targets, tidy_dtypes
from fai.readers.grid import empty_report, read_bounded, report_frame
from fai.readers.grid import load as load_raw
from fai.readers.tidy_csv import fmt_figures

# the format name of a bulletin text in the build's file list (fai.bulletin.to_tidy.FORMAT): the
# bulletin reader and its patterns are imported only when a text is read, not by every report
BULLETIN = "bulletin"
UNKNOWN_LAYOUT = "not a layout fai knows"  # what fai.readers.detect says of a file it cannot place
#: where a bulletin's figure meets a bundled source's, the ranking of local reports (1)
BULLETIN_PRECEDENCE = 1

PROCESSED_TIDY = "fai.parquet"
PROCESSED_TARGETS = "targets.parquet"
CLEANING_REPORT = "cleaning_report.csv"
MANIFEST = "manifest.json"


@dataclass
class BuildResult:
    """What :func:`build` returns: the tidy table, the targets, the cleaning report, and one
    entry per input (file, format, figures, target rows, notes, sha256, bytes)."""

    tidy: pd.DataFrame
    targets: pd.DataFrame
    report: pd.DataFrame
    files: list[dict[str, object]] = field(default_factory=list)
    options: dict[str, object] = field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        """One line per input file: format, figures, report notes.

        ``yuhang_2016_08_gbk.csv: bureau, 4 figures, 5 notes``
        """
        return [f"{shown_path(str(f['file']))}: {f['format']}, {f['figures']} figures, "
                f"{f['notes']} notes" for f in self.files]


def shown_path(path: str) -> str:
    """A path as the user would type it: relative to the working folder when under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


# ----------------------------------------------------------------- inputs


def raw_inputs(folder: str | Path | None = None) -> list[Path]:
    """Every input file of ``data/raw/`` (or ``folder``), sorted by name.

    Hidden files (``.gitkeep``, editor swap files) and ``README*`` are not inputs; anything
    else is, and a file no reader knows stops the build with an error naming it.
    """
    folder = Path(folder) if folder is not None else raw_dir()
    if not folder.is_dir():
        raise InputFormatError(file=str(folder), found="no such folder",
                               expected="data/raw/ with the input files (set $FAI_HOME)")
    return sorted(p for p in folder.iterdir()
                  if not p.name.startswith(".") and not p.name.upper().startswith("README"))


def sha256(path: Path) -> str:
    """Content hash of an input file (hex). Only regular files within the size limit of
    inputs are read (:func:`fai.readers.grid.read_bounded`): the same refusals as the readers'."""
    return hashlib.sha256(read_bounded(path)).hexdigest()


_READING_CODE = ("readers", "cleaning", "bulletin", "model", "data.py", "files.py")
_CODE_DIGEST: list[str] = []


def reading_code_digest() -> str:
    """sha256 of the code that turns raw files into the tables (readers, cleaning, bulletin,
    model, this module) and its data files: a build by other code is not current, even from
    the same inputs (an upgrade that reads a text better rebuilds). Computed once per process."""
    if not _CODE_DIGEST:
        _CODE_DIGEST.append(tree_digest(Path(__file__).resolve().parent, _READING_CODE))
    return _CODE_DIGEST[0]


def regions_fingerprint() -> str | None:
    """sha256 of the project's own regions file (``data/regions.csv``), None when there is none:
    a name there decides which region a figure belongs to, so it is an input of the build."""
    path = regions.user_file()
    return sha256(path) if path.is_file() else None


def fingerprint(paths: list[Path]) -> list[dict[str, object]]:
    """(name, sha256, bytes) of each input, the part of the manifest that names the data."""
    out = []
    for p in paths:
        raw = read_bounded(p)
        out.append({"name": p.name, "sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)})
    return out


# ----------------------------------------------------------------- build


def build(
    inputs: list[str | Path],
    *,
    region: str | None = None,
    period: str | None = None,
    today: dt.date | None = None,
    readers: tuple[Reader, ...] = READERS,
) -> BuildResult:
    """Read every input, merge them into one validated tidy table and targets table, and report.

    ``region`` and ``period`` help bureau tables whose title or header names none. Pure:
    writes nothing (see :func:`write_processed`).

    >>> res = build(["tests/fixtures/bureau/yuhang_2016_08_gbk.csv",
    ...              "tests/fixtures/bureau/yuhang_2016_08_merged.xlsx"])
    >>> len(res.tidy), int((res.report.action == "collapsed").sum())
    (4, 4)
    """
    paths = [Path(p) for p in inputs]
    if not paths:
        raise InputFormatError(found="no input files", expected="at least one path")
    options = ReadOptions(region=region, period=period, today=today)
    tables: list[pd.DataFrame] = []
    targets: list[pd.DataFrame] = []
    reports: list[pd.DataFrame] = []
    files: list[dict[str, object]] = []
    rank = {r.name: r.precedence for r in readers} | {BULLETIN: BULLETIN_PRECEDENCE}
    for path in paths:
        result = read_input(path, options, readers)
        order = {"_precedence": rank.get(result.format, 0), "_order": len(files)}
        tables.append(result.tidy.assign(**order))
        if len(result.targets):
            targets.append(result.targets.assign(**order))
        reports.append(result.notes)
        files.append({"file": str(path), "format": result.format, "figures": len(result.tidy),
                      "targets": len(result.targets), "notes": len(result.notes)})
    merged, merge_notes = merge(pd.concat(tables, ignore_index=True))
    reports.append(merge_notes)
    tidy = tidy_dtypes(merged.sort_values(["region_code", "indicator", "period"], kind="stable"))
    validate_tidy(tidy, what="the build of " + ", ".join(p.name for p in paths[:3])
                  + (f" and {len(paths) - 3} more" if len(paths) > 3 else ""))
    target_table, target_notes = merge_targets(pd.concat(targets, ignore_index=True)) if targets else (
        empty_targets(), empty_report())
    reports.append(target_notes)
    target_table = conform_text(target_table[TARGET_COLUMNS])
    validate_targets(target_table, what="targets of the inputs")
    kept = [r for r in reports if len(r)]
    report = pd.concat(kept, ignore_index=True) if kept else empty_report()
    return BuildResult(tidy, target_table.reset_index(drop=True), report, files,
                       {"region": region, "period": period})


def read_input(path: Path, options: ReadOptions, readers: tuple[Reader, ...] = READERS) -> ReadResult:
    """One input through the reader that knows its layout; a text no reader knows that reads as
    prose (a bulletin, .txt / .html / .md) through :mod:`fai.bulletin.to_tidy`: its figures
    become tidy rows, its project groups and tasks targets rows."""
    try:
        return read(path, options, readers=readers, validate=False)
    except InputFormatError as exc:
        # only a file that was read whole (regular, bounded, decoded) and fits no layout
        if UNKNOWN_LAYOUT not in str(getattr(exc, "found", "") or ""):
            raise
        text = _prose(path)
        if text is None:
            raise
    from fai.bulletin.to_tidy import bulletin_tables

    tables = bulletin_tables(path, region=options.region, period=options.period,
                             today=options.today, text=text)  # fmt: skip
    return ReadResult(tidy_dtypes(tables.tidy), tables.targets, tables.notes, format=BULLETIN)


def _prose(path: Path) -> str | None:
    from fai.bulletin.parse import read_text_file
    from fai.bulletin.to_tidy import looks_like_bulletin

    try:
        text = read_text_file(path)
    except InputFormatError:
        return None
    return text if looks_like_bulletin(text) else None


def merge_targets(targets: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One targets row per (region, period, item, measure) from the rows of several inputs.

    ``targets`` carries ``_precedence`` and ``_order`` as in :func:`merge`; the row of the
    higher precedence (then the earlier input) is kept, the others listed in the report:
    ``collapsed`` when they give the same value, ``conflict`` (both values) when not.
    """
    key = ["region_code", "period", "item", "measure"]
    if "_precedence" not in targets:
        targets = targets.assign(_precedence=0, _order=0)
    ranked = targets.sort_values(["_precedence", "_order"], ascending=[False, True], kind="stable")
    later = ranked.duplicated(key, keep="first")
    if not later.any():
        return targets[TARGET_COLUMNS].reset_index(drop=True), empty_report()
    kept = ranked.loc[~later].set_index(key)
    dropped = ranked.loc[later]
    first = kept.loc[pd.MultiIndex.from_frame(dropped[key])]
    a, b = dropped["value"].to_numpy(dtype=float), first["value"].to_numpy(dtype=float)
    same = (a == b) | (np.isnan(a) & np.isnan(b))
    notes = []
    for mask, action, reason in ((same, "collapsed", "same value as "),
                                 (~same, "conflict", "differs from (kept) ")):  # fmt: skip
        if mask.any():
            rows = dropped.loc[mask]
            found = None if action == "collapsed" else [
                f"{r.item} {r.measure} {x:g} vs kept {y:g}" for r, x, y in
                zip(rows.itertuples(), a[mask], b[mask], strict=True)]  # fmt: skip
            notes.append(report_frame(rows["source"].astype(str).str.split(": ").str[0].to_numpy(),
                                      [f"{r.item} {r.measure}" for r in rows.itertuples()], action,
                                      (reason + first.loc[mask, "source"].astype(str)).to_numpy(), found))  # fmt: skip
    out = targets.loc[~targets.index.isin(dropped.index), TARGET_COLUMNS].reset_index(drop=True)
    return out, pd.concat(notes, ignore_index=True)


def merge(tidy: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per (region, period, indicator) from the rows of several inputs, and the notes.

    ``tidy`` carries ``_precedence`` (0 = not a bundled source) and ``_order`` (input number).
    Rows of one key are ranked by precedence (then input order). Agreeing figures collapse
    into the first row (gaps filled from the others; every source named); a row that differs
    from the first is dropped and listed as a ``conflict`` when both rows come from bundled
    sources, and raises :class:`DuplicateFigureError` otherwise.
    """
    dup = tidy.duplicated(KEY, keep=False)
    if not dup.any():
        return tidy[TIDY_COLUMNS], empty_report()
    sub = tidy.loc[dup].sort_values(["_precedence", "_order"], ascending=[False, True],
                                    kind="stable")
    # the first row of each key (not the first value of each column: a gap stays a gap)
    lead = sub.groupby(KEY, sort=False).cumcount().to_numpy() == 0
    heads = sub.loc[lead, [*KEY, *FIGURES, "source", "_precedence"]]
    first = sub[KEY].merge(heads, on=KEY, how="left").set_index(sub.index)
    a = sub[list(FIGURES)].to_numpy(dtype=float)
    b = first[list(FIGURES)].to_numpy(dtype=float)
    differs = (~(np.isnan(a) | np.isnan(b) | (a == b))).any(axis=1)
    ranked = (sub["_precedence"].to_numpy() > 0) & (first["_precedence"].to_numpy() > 0)
    unresolved = differs & ~ranked
    if unresolved.any():
        i = int(np.flatnonzero(unresolved)[0])
        row = sub.iloc[i]
        raise DuplicateFigureError(
            found=f"{row['source']} and {first['source'].iloc[i]} give different figures for "
            f"({row['region_code']}, {row['period']}, {row['indicator']}): {fmt_figures(a[i])} vs "
            f"{fmt_figures(b[i])}",
            expected="one figure per key (fix or drop one input)",
        )
    later = sub.duplicated(KEY, keep="first").to_numpy()
    conflict = later & differs
    agree = later & ~differs
    notes = []
    for mask, action, reason in (
        (agree, "collapsed", "agrees with (kept) "),
        (conflict, "conflict", "disagrees with (kept) "),
    ):
        if mask.any():
            rows, kept = sub.loc[mask], first.loc[mask]
            sources = rows["source"].astype(str)
            found = (None if action == "collapsed" else
                     [f"{fmt_figures(x)} vs kept {fmt_figures(y)}" for x, y in zip(a[mask], b[mask], strict=True)])
            notes.append(report_frame(
                sources.str.replace(r" (?:lines?|rows?) [\d, ]+$", "", regex=True).to_numpy(),
                sources.str.extract(r"((?:lines?|rows?) [\d, ]+)$")[0].fillna("").to_numpy(),
                action, (reason + kept["source"].astype(str)).to_numpy(), found,
            ))
    keep = sub.loc[~conflict]
    merged = (
        keep.groupby(KEY, sort=False)
        .agg({**dict.fromkeys(FIGURES, "first"), "region_name": "first", "source_url": "first",
              "source": lambda s: "; ".join(dict.fromkeys(s.astype(str)))})
        .reset_index()
    )
    out = pd.concat([tidy.loc[~dup, TIDY_COLUMNS], merged[TIDY_COLUMNS]], ignore_index=True)
    return out, pd.concat(notes, ignore_index=True) if notes else empty_report()


# ----------------------------------------------------------------- processed/


def manifest_of(result: BuildResult, inputs: list[Path]) -> dict[str, object]:
    """The manifest of a build: fai version, options, and per input name, sha256 and bytes."""
    prints = {str(p): f for p, f in zip(inputs, fingerprint(inputs), strict=True)}
    return {
        "fai_version": __version__,
        "code": reading_code_digest(),
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "options": result.options,
        "regions_file": regions_fingerprint(),
        "inputs": [{**prints[str(f["file"])], "format": f["format"], "figures": f["figures"],
                    "targets": f["targets"], "notes": f["notes"]} for f in result.files],
        # the tables as load() reads them back, validated by build(): not validated again
        "validated": {"tidy": frame_digest(conform_text(result.tidy[TIDY_COLUMNS])),
                      "targets": frame_digest(conform_text(result.targets[TARGET_COLUMNS]))},
    }


def write_processed(result: BuildResult, inputs: list[Path], out_dir: str | Path | None = None,
                    *, csv: bool = False) -> dict[str, Path]:
    """Write the tidy table, the targets, the cleaning report and the manifest into ``out_dir``
    (default ``data/processed/``) together: every file is written to a temporary name first
    and renamed in place only when all are written, the manifest last. ``csv=True`` also
    writes ``fai.csv`` and ``targets.csv``."""
    out = Path(out_dir) if out_dir is not None else processed_dir()
    manifest = manifest_of(result, inputs)
    tables = {PROCESSED_TIDY: result.tidy, PROCESSED_TARGETS: result.targets,
              CLEANING_REPORT: result.report}
    if csv:
        tables.update({"fai.csv": result.tidy, "targets.csv": result.targets})
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    return write_outputs(out, tables, {MANIFEST: text})


def outputs_exist(folder: str | Path | None = None) -> bool:
    """True when ``folder`` (default ``data/processed/``) holds both processed tables."""
    folder = Path(folder) if folder is not None else processed_dir()
    return (folder / PROCESSED_TIDY).is_file() and (folder / PROCESSED_TARGETS).is_file()


def read_manifest(folder: str | Path | None = None) -> dict[str, object] | None:
    """The manifest of ``data/processed/`` (or ``folder``), or None when there is none."""
    path = (Path(folder) if folder is not None else processed_dir()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(manifest: dict[str, object] | None, inputs: list[Path]) -> bool:
    """True when a manifest was written by this fai version (and the same reading code) from
    exactly these inputs (names and content hashes) and the same ``data/regions.csv``."""
    if not manifest or manifest.get("fai_version") != __version__:
        return False
    if manifest.get("code") != reading_code_digest():
        return False
    if manifest.get("regions_file") != regions_fingerprint():
        return False
    listed = sorted((str(f["name"]), str(f["sha256"])) for f in manifest.get("inputs", []))
    now = sorted((str(f["name"]), str(f["sha256"])) for f in fingerprint(inputs))
    return listed == now


_MEMO: dict[tuple, tuple[pd.DataFrame, pd.DataFrame]] = {}
# the processed tables last read, by the sha256 of their files: a report kernel loads them for
# every report (~15 ms of reading and conforming each time otherwise)
_READ: dict[tuple[str, str, str], tuple[pd.DataFrame, pd.DataFrame]] = {}


def processed_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(tidy, targets) of a processed folder, read once per content: the files' bytes are hashed
    on every call and a copy of what those bytes gave is handed out (an edited file is read)."""
    tidy_path, targets_path = folder / PROCESSED_TIDY, folder / PROCESSED_TARGETS
    key = (str(folder), sha256(tidy_path), sha256(targets_path))
    if key not in _READ:
        _READ.clear()
        _READ[key] = (_read_table(tidy_path, TIDY_COLUMNS), _read_table(targets_path, TARGET_COLUMNS))
    tidy, targets = _READ[key]
    return tidy.copy(), targets.copy()


def current_tables(*, strict: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(tidy, targets) of ``data/raw/`` as it is now.

    From ``data/processed/`` when its manifest matches; otherwise built in memory from every
    file of ``data/raw/`` with the manifest's options (``strict=True``: raise
    :class:`~fai.errors.StaleDataError` instead).
    """
    inputs = raw_inputs()
    manifest = read_manifest()
    if is_current(manifest, inputs) and outputs_exist():
        return processed_tables(processed_dir())
    if strict:
        raise StaleDataError(
            file=str(processed_dir()),
            found="was built from other inputs than data/raw/ holds now" if manifest
            else "holds no build (no manifest.json)",
            expected="a build of data/raw/ — run `fai build` (or `make data`)",
        )
    options = dict((manifest or {}).get("options") or {})
    key = (tuple((f["name"], f["sha256"]) for f in fingerprint(inputs)),
           options.get("region"), options.get("period"), regions_fingerprint())
    if key not in _MEMO:
        _MEMO.clear()
        result = build(inputs, region=options.get("region"), period=options.get("period"))
        _MEMO[key] = (result.tidy, result.targets)
    tidy, targets = _MEMO[key]
    return tidy.copy(), targets.copy()


def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """A processed table (.parquet, or .csv written by fai) with the given columns."""
    raw = load_raw(path)
    try:
        if raw.kind == "parquet":
            df = pd.read_parquet(io.BytesIO(raw.data or b""))
        elif raw.kind == "csv":
            df = unescape_frame(pd.read_csv(io.StringIO(raw.text or ""), dtype=str,
                                            keep_default_na=False))
            df = df.replace("", None)
            if "value" in df:
                df["value"] = pd.to_numeric(df["value"], errors="coerce")
        else:
            raise InputFormatError(file=str(path), found=f"a {raw.kind} workbook",
                                   expected="a processed table (.parquet or .csv)")
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise InputFormatError(file=str(path), found=f"not a readable table ({type(exc).__name__})",
                               expected="a processed table (.parquet or .csv)") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputFormatError(file=str(path), found=f"columns {missing} are missing",
                               expected=f"{columns}")
    return conform_text(df[columns])


def validated_before(table: pd.DataFrame, name: str) -> bool:
    """Did ``fai build`` validate this very table (``"tidy"`` or ``"targets"``)?

    The build stamps the manifest of ``data/processed/`` with the digest of each table it
    validated (:func:`fai.model.schema.frame_digest`); a table of the same content, checked by
    the same fai and schema (the manifest's version and reading code), passed. Loading the
    processed tables then costs no second validation (nor pandera's import, ~0.3 s, in every
    report kernel). A table edited since, or a build by other code, is validated as before.
    """
    manifest = read_manifest()
    if not manifest or manifest.get("fai_version") != __version__ or manifest.get("code") != reading_code_digest():
        return False
    stamps = manifest.get("validated")
    return isinstance(stamps, dict) and stamps.get(name) == frame_digest(table)


def load(path: str | Path | None = None) -> pd.DataFrame:
    """The validated tidy table: of ``data/raw/`` as it is now, or of a processed file.

    >>> df = load()
    >>> row = df.query("region_code == '000000' and period == '2024-11' and indicator == 'fai_total'")
    >>> float(row["value_100m_yuan"].iloc[0]), float(row["yoy_pct"].iloc[0])
    (465839.0, 3.3)
    """
    if path is None:
        tidy, _ = current_tables()
        return tidy if validated_before(tidy, "tidy") else validate_tidy(tidy, what=str(raw_dir()))
    return read(Path(path)).tidy


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The targets table (annual targets, project groups, contests, ranks).

    >>> t = load_targets()
    >>> float(t.query("region_name == '余杭区' and measure == 'annual_target'")["value"].iloc[0])
    1030.0
    """
    if path is None:
        _, targets = current_tables()
        return targets if validated_before(targets, "targets") else validate_targets(targets, what=str(raw_dir()))
    path = Path(path)
    return validate_targets(_read_table(path, TARGET_COLUMNS), what=str(path))


def build_processed(out_dir: str | Path | None = None) -> tuple[Path, Path]:
    """Build ``data/processed/`` (or ``out_dir``) from every file of ``data/raw/``."""
    inputs = raw_inputs()
    paths = write_processed(build(inputs), inputs, out_dir)
    return paths[PROCESSED_TIDY], paths[PROCESSED_TARGETS]
