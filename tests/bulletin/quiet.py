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
