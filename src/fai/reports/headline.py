"""The headline JSON a report writes for the batch index: its period and
total investment's level, growth and gap to the parent (atomic, plain JSON)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from fai.errors import ParameterError
from fai.files import write_text_atomic


def save_headline(headline: Mapping[str, Any], path: str) -> None:
    """Write a report's headline figures as JSON for the batch index (atomic).

    Does nothing when ``path`` is ``""`` (the notebook runs outside the batch).
    Keys the index shows: ``period`` (or ``period_label``), ``value_100m_yuan``
    (YTD level, 亿元), ``yoy_pct`` (YTD YoY), ``vs_parent_pp`` (YoY minus the
    parent's, pp) and ``parent_name``; any other JSON-able key is kept. NaN
    becomes null; numpy scalars become numbers.

    >>> save_headline({"region_code": "000000", "period": "2025-12", "yoy_pct": -3.8}, "")
    """
    if not path:
        return
    if not isinstance(headline, Mapping):
        raise ParameterError(where="save_headline", found=f"headline is a {type(headline).__name__}",
                             expected="a dict")
    data = {str(k): plain(v) for k, v in headline.items()}
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n")


def plain(value: Any) -> Any:
    """A JSON-able copy: numpy/pandas scalars → Python, NaN/NaT/inf → None.

    >>> import numpy as np
    >>> plain({"b": float("nan"), "c": [np.int64(3)]})
    {'b': None, 'c': [3]}
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (int, float)):
        try:
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError, ImportError):
        pass
    return str(value)
