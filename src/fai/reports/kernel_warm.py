"""What a report kernel does once, done before it runs any report.

A report's first use of fai in a kernel pays for things later reports get for free:
pandera builds its pandas back-ends (and imports its hypothesis strategies) at the
first validation, the region registry is read from the project on the first look-up,
and matplotlib loads the CJK font on the first chart. :func:`prepare` does them
ahead: the batch's zygote (:mod:`fai.batch.zygote`) calls it once per run, before it
forks the kernels, so no kernel's first report pays ~0.3 s for them. Each step only
fills a cache a report would fill the same way; a step that fails is skipped (the
report then does it, and shows the error where it belongs).

>>> prepare()                       # doctest: +SKIP
['tidy_schema', 'targets_schema', 'regions', 'font']
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable


def _tidy_schema() -> None:
    import pandas as pd

    from fai.model.schema import conform_text, validate_tidy

    row = {"region_code": "000000", "region_name": "全国", "period": "2024-11", "indicator": "fai_total",
           "value_100m_yuan": 1.0, "yoy_pct": 1.0, "mom_sa_pct": None, "source": "warm-up", "source_url": None}
    table = conform_text(pd.DataFrame([row]))
    table["mom_sa_pct"] = table["mom_sa_pct"].astype(float)
    validate_tidy(table, what="warm-up")


def _targets_schema() -> None:
    from fai.model.schema import validate_targets
    from fai.readers.base import empty_targets

    validate_targets(empty_targets(), what="warm-up")


def _regions() -> None:
    from fai.model import regions

    regions.provinces()


def _font() -> None:
    import matplotlib as mpl

    from fai.presentation.fonts import use_chinese_font

    with mpl.rc_context():  # the font is registered; the rcParams stay as they were
        use_chinese_font()


STEPS: dict[str, Callable[[], None]] = {
    "tidy_schema": _tidy_schema, "targets_schema": _targets_schema, "regions": _regions, "font": _font,
}


def prepare() -> list[str]:
    """Run every step of :data:`STEPS`; the names of those that succeeded."""
    done = []
    for name, step in STEPS.items():
        with contextlib.suppress(Exception):
            step()
            done.append(name)
    return done
