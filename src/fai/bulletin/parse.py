"""Read FAI figures out of Chinese prose: monthly releases, 统计公报, 进度通报.

:func:`read_bulletin` turns the text into one record per (region, period,
indicator) it states, each with the sentence it came from, so an analyst can
check every number. The reading itself is in :mod:`fai.bulletin.reader`; the
patterns and word lists in :mod:`fai.bulletin.patterns`.

Output columns (the JSON keys of ``fai parse --format json``), null when the
text does not state them:

``file, region, year, month, indicator, label, value_100m_yuan, yoy_pct,
plan_completion_pct, vs_parent_pp, parent, vs_time_progress_pp, share_pct,
rank, rank_of, evidence``

- ``region``: the name as written (``天城县``, ``东部地区``, ``城关镇``); null for
  the text's own region when it is only called 全县/全市/我县, unless the
  caller passes ``region``. Sub-regions (towns, macro-regions) keep their name.
- ``label``: the investment phrase as written, region words and brackets
  removed (``民间投资``, ``省级重点项目投资``, ``水利管理业投资``); ``indicator`` is
  its registry key, or ``other`` when the registry has none.
- ``evidence``: the normalised sentence (several, joined, when one record
  gathers figures from more than one sentence).
- ``mom_sa_pct``: the seasonally adjusted month-on-month rate of ``从环比看``
  sentences. The DataFrame always has this 17th column; in JSON it is written
  only on the records that state it, so every other record has exactly the
  16 keys above.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from fai.bulletin.ahead import ProjectsAhead, can_fork
from fai.bulletin.source import (
    MAX_CHARS,
    decode_text,  # noqa: F401  (callers import it from here)
    read_text_file,
)
from fai.errors import FaiError, InputFormatError

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "file", "region", "year", "month", "indicator", "label", "value_100m_yuan", "yoy_pct",
    "plan_completion_pct", "vs_parent_pp", "parent", "vs_time_progress_pp", "share_pct",
    "rank", "rank_of", "evidence",
]  # fmt: skip
EXTRA_COLUMNS = ["mom_sa_pct"]
_FLOATS = ["value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp",
           "vs_time_progress_pp", "share_pct", "mom_sa_pct"]  # fmt: skip
_INTS = ["year", "month", "rank", "rank_of"]


def read_bulletin(
    text: str, region: str | None = None, year: int | None = None, *, file: str | None = None
) -> pd.DataFrame:
    """The FAI figures a Chinese bulletin states, one row per (region, period, indicator).

    ``region`` names the text's own region when the text only says 全县/我市;
    ``year`` fills the year when the text only says 今年. Paragraphs that are
    mojibake are skipped with a :class:`~fai.errors.FaiWarning`.

    >>> df = read_bulletin("1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%，"
    ...                    "高于全市3.2个百分点。", region="天城县", year=2023)
    >>> rec = to_records(df)[0]
    >>> [rec[k] for k in ("region", "month", "indicator", "value_100m_yuan", "yoy_pct", "vs_parent_pp")]
    ['天城县', 8, 'fai_total', 56.3, 12.5, 3.2]
    """
    records, _, warned = figure_records(text, region, year, file=file)
    return _frame(records, warned)


def figure_records(
    text: str, region: str | None = None, year: int | None = None, *, file: str | None = None
) -> tuple[list[dict[str, Any]], str | None, list[str]]:
    """The figures of :func:`read_bulletin` as JSON-ready dicts (the 16 contract keys, and
    ``mom_sa_pct`` where stated), the text's own region as the reader found it, and the
    warnings — without pandas (``fai parse`` starts faster).

    >>> recs, region, _ = figure_records("1-8月，全县固定资产投资增长12.5%。", region="天城县")
    >>> recs[0]["yoy_pct"], recs[0]["region"], region
    (12.5, '天城县', '天城县')
    """
    read = _read_figures(text, region, year, file)
    return read.records, read.doc_region, read.warnings


class _Figures(NamedTuple):
    """What :func:`_read_figures` gives: :func:`figure_records`'s three, and the cleaned
    lines the reader read (:func:`~fai.bulletin.text.clean_lines`, for the project reader)."""

    records: list[dict[str, Any]]
    doc_region: str | None
    warnings: list[str]
    lines: list[str]


def _read_figures(
    text: str,
    region: str | None,
    year: int | None,
    file: str | None,
    on_locked: Callable[[list[str], str | None], None] | None = None,
) -> _Figures:
    """:func:`figure_records` with the cleaned lines of ``text`` (cleaned once per parse).
    ``on_locked`` is called with the lines and the text's own region as soon as that region
    is settled but for the end (:meth:`~fai.bulletin.reader.Reader.read_lines`).

    >>> _read_figures("全县投资增长8%。\\n其中，工业投资增长9%", None, None, None).lines
    ['全县投资增长8%。', '其中，工业投资增长9%']
    """
    from fai.bulletin.reader import Reader
    from fai.bulletin.text import clean_lines

    if not isinstance(text, str):
        raise InputFormatError(
            f"{file or 'bulletin'}: expected the text as str, got {type(text).__name__}", file=file
        )
    if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
        raise InputFormatError(
            f"{file or 'bulletin'}: year {year!r} — expected 1900–2100", file=file
        )
    if len(text) > MAX_CHARS:
        raise InputFormatError(
            file=file or "bulletin",
            found=f"a text of {len(text):,} characters",
            expected=f"a bulletin of at most {MAX_CHARS:,} characters (split it)",
        )
    try:
        reader = Reader(region, year, file)
        lines = clean_lines(text)
        records = reader.read_lines(
            lines, None if on_locked is None else lambda doc_region: on_locked(lines, doc_region)
        )
    except FaiError:
        raise
    except (RecursionError, MemoryError) as exc:  # pragma: no cover - pathological input
        raise InputFormatError(f"{file or 'bulletin'}: text too complex to read ({exc})") from exc
    _demote_all_society(records, narrow_named="农户" in text or "農戶" in text or "農户" in text)
    out = []
    for rec in records:
        row: dict[str, Any] = dict.fromkeys(COLUMNS)
        row.update(
            file=file,
            region=rec.region if rec.region is not None else reader.doc_region,
            year=rec.year,
            month=rec.month,
            indicator=rec.key,
            label=rec.label,
            evidence=join_evidence(rec.evidence),
        )
        for name, value in rec.values.items():
            row[name] = value if name == "parent" or name in _INTS else float(value)
        out.append(row)
    return _Figures(out, reader.doc_region, list(reader.warnings), lines)


def _frame(records: list[dict[str, Any]], warned: list[str]) -> pd.DataFrame:
    """The records of :func:`figure_records` as the typed DataFrame of :func:`read_bulletin`."""
    import pandas as pd

    df = pd.DataFrame(records, columns=COLUMNS + EXTRA_COLUMNS)
    for col in _FLOATS:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in _INTS:
        df[col] = pd.array([None if pd.isna(v) else int(v) for v in df[col]], dtype="Int64")
    df.attrs["warnings"] = warned
    return df


KINDS = ("figure", "project", "task")
#: the columns of ``fai parse --format csv``: every kind's keys, the figures' first
CSV_COLUMNS = [*COLUMNS, *EXTRA_COLUMNS, "kind", "group", "count", "started", "start_rate_pct",
               "new", "continuing", "completed", "total_investment_100m_yuan",
               "annual_plan_100m_yuan", "done_100m_yuan", "item", "unit", "task", "done",
               "completion_pct", "monthly", "line"]  # fmt: skip


def read_bulletin_records(
    text: str, region: str | None = None, year: int | None = None, *, file: str | None = None
) -> list[dict[str, Any]]:
    """Every record a bulletin states, each with its ``kind``: ``"figure"`` (the records
    of :func:`read_bulletin`, keys unchanged), ``"project"`` (a project group: count,
    started, start rate, total and annual-plan investment, done, plan completion …) or
    ``"task"`` (a target and what was done against it); see :mod:`fai.bulletin.projects`.

    >>> recs = read_bulletin_records("1-9月，全县重点项目58个，完成投资29.8亿元，"
    ...                              "占年度计划的81.6%。", region="天城县")
    >>> [(r["kind"], r.get("indicator") or r.get("group"), r.get("done_100m_yuan")) for r in recs]
    [('figure', 'fai_key_projects', None), ('project', '重点项目', 29.8)]
    """
    from fai.bulletin.project_groups import merge_figures
    from fai.bulletin.projects import read_projects
    from fai.bulletin.text_kind import apply_kind, decide_kind, text_features

    if not can_fork(text):
        read = _read_figures(text, region, year, file)
        groups, tasks, group_figs = read_projects(read.lines, read.doc_region, year, file)
    else:  # a large text: the projects are read in a child meanwhile (same records)
        with ProjectsAhead(year, file) as ahead:
            read = _read_figures(text, region, year, file, on_locked=ahead.start)
            groups, tasks, group_figs = ahead.result(read.lines, read.doc_region)
    figures = merge_figures([{**rec, "kind": "figure"} for rec in read.records], group_figs)
    kind = decide_kind(text_features(figures, groups, tasks))
    return apply_kind(figures, kind) + groups + tasks


def join_evidence(pieces: list[str]) -> str:
    """Sentences of one record as one text; a piece without closing punctuation (a
    title line, a table row) is kept apart from the next by a space.

    >>> join_evidence(["全县投资增长9.1%", "1-8月，全县投资56.3亿元。", "其中…。"])
    '全县投资增长9.1% 1-8月，全县投资56.3亿元。其中…。'
    """
    out = ""
    for piece in pieces:
        if out and not out.endswith(("。", "！", "？", "；", "!", "?")):
            out += " "
        out += piece
    return out


def _demote_all_society(records: list, narrow_named: bool = True) -> None:
    """Of the scopes of the whole investment one is ``fai_total``, the others ``other``:
    固定资产投资 (不含农户) over 全社会固定资产投资 when the text names that narrower scope
    (``narrow_named``; a county's 全社会 next to a zone's 固定资产投资 is its total), and 全社会
    over 城镇固定资产投资 (the headline of monthly releases before 2011, a part of 全社会 in an
    annual communiqué)."""
    scopes: dict[tuple, set[str]] = {}
    for r in records:
        if r.key == "fai_total":
            scopes.setdefault((r.region, r.year, r.month), set()).add(r.scope)
    for r in records:
        if r.key != "fai_total":
            continue
        found = scopes[(r.region, r.year, r.month)]
        if (r.scope == "all" and "" in found and narrow_named) or (
            r.scope == "urban" and found - {"urban"}
        ):
            r.key = "other"


def to_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: the 16 contract keys (null when unstated), plus
    ``mom_sa_pct`` only where it is stated.

    >>> to_records(read_bulletin("从环比看，11月份固定资产投资增长0.19%。"))[0]["mom_sa_pct"]
    0.19
    """
    out = []
    for row in df.to_dict("records"):
        rec = {k: _plain(row.get(k)) for k in COLUMNS}
        mom = _plain(row.get("mom_sa_pct"))
        if mom is not None:
            rec["mom_sa_pct"] = mom
        out.append(rec)
    return out


def _plain(value: Any) -> Any:
    import pandas as pd

    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def read_bulletin_files(
    paths: Iterable[str], region: str | None = None, year: int | None = None
) -> pd.DataFrame:
    """:func:`read_bulletin` over files (UTF-8 or GBK), ``file`` set to each path.

    >>> read_bulletin_files([]).columns[0]
    'file'
    """
    import pandas as pd

    frames = []
    for path in paths:
        text = read_text_file(path)
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            frames.append(read_bulletin(text, region, year, file=str(path)))
    if not frames:
        return pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def read_bulletin_file_records(
    paths: Iterable[str], region: str | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """:func:`read_bulletin_records` over files, ``file`` set to each path.

    >>> read_bulletin_file_records([])
    []
    """
    out: list[dict[str, Any]] = []
    for path in paths:
        text = read_text_file(path)
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            out += read_bulletin_records(text, region, year, file=str(path))
    return out
