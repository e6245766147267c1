"""The source line printed under every chart and table: 国家统计局 for NBS
figures, else the raw file's own description of its source."""

from __future__ import annotations

import re

import pandas as pd

SOURCE_NBS = {"zh": "数据来源：国家统计局", "en": "Source: National Bureau of Statistics of China"}

_URL = re.compile(r"^https?://", re.IGNORECASE)
_NOTE = re.compile(r"\((.+)\)\s*$")


def _notes(frame: pd.DataFrame) -> list[str]:
    """Non-NBS source notes of the rows: text notes in ``source_url`` or in
    parentheses at the end of ``source`` (the targets table)."""
    found: list[str] = []
    if "source_url" in frame:
        for value in frame["source_url"].dropna().astype(str).unique():
            if value.strip() and not _URL.match(value.strip()):
                found.append(value.strip())
    if not found and "source" in frame:
        for value in frame["source"].dropna().astype(str).unique():
            m = _NOTE.search(value)
            if m and not _URL.match(m.group(1)):
                found.append(m.group(1).strip())
    return list(dict.fromkeys(found))


def source_line(frame: pd.DataFrame | None = None, lang: str = "zh") -> str:
    """The line printed under a chart: 国家统计局 for NBS figures (the national
    and provincial files cite reposts of NBS releases; portal exports), else
    the raw file's own description of its source (local government reports).

    >>> source_line(None)
    '数据来源：国家统计局'
    >>> source_line(pd.DataFrame({"source_url": ["Zhejiang online news, 2020-05-15"]}), "en")
    'Source: Zhejiang online news, 2020-05-15'
    """
    notes = [] if frame is None else _notes(frame)
    if not notes:
        return SOURCE_NBS[lang]
    shown = "；".join(notes[:2]) if lang == "zh" else "; ".join(notes[:2])
    more = ("等" if lang == "zh" else " et al.") if len(notes) > 2 else ""
    return f"数据来源：{shown}{more}" if lang == "zh" else f"Source: {shown}{more}"


def targets_source_line(frame: pd.DataFrame | dict, lang: str = "zh") -> str:
    """The source line of a targets chart: the rows' own source when they carry
    one, else the targets table (never NBS: targets come from local reports)."""
    if isinstance(frame, pd.DataFrame) and ({"source", "source_url"} & set(frame.columns)):
        return source_line(frame, lang)
    return "Source: targets table (fai.load_targets)" if lang == "en" else "数据来源：目标任务表（fai.load_targets）"
