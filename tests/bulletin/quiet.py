"""The records a test sentence gives, without the reader's warnings (tests of shapes check records)."""

from __future__ import annotations

import warnings

from fai.bulletin.parse import read_bulletin_records
from fai.errors import FaiWarning


def quiet_records(text: str, **kw) -> list[dict]:
    """:func:`fai.bulletin.parse.read_bulletin_records` of ``text``, its warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return read_bulletin_records(text, **kw)


#: the fields of a figure the dev corpus scores, with its region and month
SCORED = ("region", "month", "indicator", "value_100m_yuan", "yoy_pct")


def scored_figures(text: str, fields: tuple[str, ...] = SCORED, **kw) -> list[tuple]:
    """``fields`` of every scored figure ``text`` gives (``other`` is not scored), in order."""
    return [
        tuple(r[f] for f in fields)
        for r in quiet_records(text, **kw)
        if r["kind"] == "figure" and r["indicator"] != "other"
    ]
