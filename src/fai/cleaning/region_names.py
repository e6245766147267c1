"""Region names as sources write them (內蒙古, 北 京 市, 東部地區) → registry codes.

>>> resolve_region("內蒙古"), resolve_region("北 京 市"), resolve_region("東部地區")
('150000', '110000', '900001')
"""

from __future__ import annotations

import warnings

from fai.cleaning.text import compact
from fai.errors import FaiWarning
from fai.model import regions


def resolve_region(name: str, *, warn: bool = True) -> str | None:
    """Registry code of a region name in any form (traditional, full-width, spaced).

    Unknown names return None with a :class:`~fai.errors.FaiWarning` (``warn=False``: none);
    the caller decides what to do with the row.

    >>> resolve_region("不存在县", warn=False) is None
    True
    """
    text = compact(name)
    code = regions.lookup(text) if text else None
    if code is None and warn:
        warnings.warn(
            f"region {str(name)[:40]!r} is not in the registry — kept without a code",
            FaiWarning,
            stacklevel=2,
        )
    return code
