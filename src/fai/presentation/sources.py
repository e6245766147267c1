"""Who published the figures a chart or table shows, from the rows' own
``source`` and ``source_url`` columns (the readers set them):

1. a text note in ``source_url`` (not a URL) or in parentheses at the end of
   ``source`` — the publisher as the raw file states it (local government reports);
2. a known publisher (``data/publishers.csv``: a pattern found in ``source`` or
   ``source_url``): the bundled NBS files and NBS's own sites say 国家统计局;
3. else the raw file the rows were read from (an analyst's bureau table says
   ``anji_2025.xlsx``), never a publisher the rows do not name.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
SOURCE_NBS = {"zh": "数据来源：国家统计局", "en": "Source: National Bureau of Statistics of China"}
NOT_STATED = {"zh": "数据来源：未注明", "en": "Source: not stated"}

_URL = re.compile(r"^https?://", re.IGNORECASE)
_NOTE = re.compile(r"\((.+)\)\s*$")
_FILE = re.compile(r"[^\s;:/\\]+\.(?:csv|tsv|txt|xlsx|xlsm|xls|parquet|json|html?|md)\b", re.IGNORECASE)
_PLACE = re.compile(r"\s+(?:lines?|rows?|cells?|sheet)\b.*$", re.IGNORECASE)


@functools.cache
def _publishers() -> list[tuple[re.Pattern, str, str]]:
    with open(DATA / "publishers.csv", encoding="utf-8", newline="") as f:
        return [(re.compile(r["pattern"]), r["zh"], r["en"]) for r in csv.DictReader(f)]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def source_file(source: object) -> str:
    """The raw file a row's ``source`` names ("" when it names none).

    >>> source_file("anji_2025.xlsx row 7"), source_file("mom_sa_pct: nbs_national_fai.csv line 12")
    ('anji_2025.xlsx', 'nbs_national_fai.csv')
    """
    text = _text(source)
    found = _FILE.search(text)
    if found:
        return found.group(0)
    return _PLACE.sub("", text.split(";")[0]).strip() if text and not _URL.match(text) else ""


def credit(source: object, source_url: object) -> tuple[str, str] | None:
    """(zh, en) credit of one row, by the rules above; None when the row says nothing.

    >>> credit("provincial_fai.csv line 3", "https://github.com/x/yearbook.jpg")
    ('国家统计局', 'National Bureau of Statistics of China')
    >>> credit("anji_2025.xlsx row 7", None)
    ('anji_2025.xlsx', 'anji_2025.xlsx')
    """
    src, url = _text(source), _text(source_url)
    if url and not _URL.match(url):
        return url, url
    note = _NOTE.search(src)
    if note and not _URL.match(note.group(1)):
        return note.group(1).strip(), note.group(1).strip()
    for pattern, zh, en in _publishers():
        if pattern.search(src) or pattern.search(url):
            return zh, en
    name = source_file(src)
    if name:
        return name, name
    if url:
        host = re.sub(r"^https?://([^/]+).*$", r"\1", url)
        return host, host
    return None


def credits(frame: pd.DataFrame | None, lang: str = "zh") -> list[str]:
    """The distinct credits of a table's rows, in the order they first appear."""
    if frame is None or not len(frame) or not ({"source", "source_url"} & set(frame.columns)):
        return []
    src = frame["source"] if "source" in frame else pd.Series(None, index=frame.index, dtype=object)
    url = frame["source_url"] if "source_url" in frame else pd.Series(None, index=frame.index, dtype=object)
    pairs = dict.fromkeys(zip(src.astype(object).where(src.notna(), None),
                              url.astype(object).where(url.notna(), None)))
    found = [credit(s, u) for s, u in pairs]
    i = 1 if lang == "en" else 0
    return list(dict.fromkeys(c[i] for c in found if c))


def source_files(frame: pd.DataFrame | None) -> list[str]:
    """The distinct raw files a table's rows were read from, in order.

    >>> source_files(pd.DataFrame({"source": ["a.csv line 2", "b.xlsx row 3", "a.csv line 9"]}))
    ['a.csv', 'b.xlsx']
    """
    if frame is None or "source" not in frame:
        return []
    return [f for f in dict.fromkeys(source_file(s) for s in frame["source"].dropna().unique()) if f]


def source_line(frame: pd.DataFrame | None = None, lang: str = "zh") -> str:
    """The line printed under a chart or table: the publishers of the rows it shows.

    >>> source_line(pd.DataFrame({"source_url": ["https://www.stats.gov.cn/x"]}))
    '数据来源：国家统计局'
    >>> source_line(pd.DataFrame({"source_url": ["Zhejiang online news, 2020-05-15"]}), "en")
    'Source: Zhejiang online news, 2020-05-15'
    >>> source_line(None)
    '数据来源：未注明'
    """
    found = credits(frame, lang)
    if not found:
        return NOT_STATED[lang]
    shown = "；".join(found[:2]) if lang == "zh" else "; ".join(found[:2])
    more = ("等" if lang == "zh" else " et al.") if len(found) > 2 else ""
    return f"数据来源：{shown}{more}" if lang == "zh" else f"Source: {shown}{more}"


def targets_source_line(frame: pd.DataFrame | dict, lang: str = "zh") -> str:
    """The source line of a targets chart: the rows' own source when they carry
    one, else the targets table (never NBS: targets come from local reports)."""
    if isinstance(frame, pd.DataFrame) and ({"source", "source_url"} & set(frame.columns)):
        return source_line(frame, lang)
    return "Source: targets table (fai.load_targets)" if lang == "en" else "数据来源：目标任务表（fai.load_targets）"
