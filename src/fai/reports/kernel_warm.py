"""What a report kernel does once, done before it runs any report.

A report's first use of fai in a kernel pays for things later reports get for free:
the region registry is read from the project on the first look-up, and matplotlib
loads the CJK font on the first chart. :func:`prepare` does them ahead: the batch's
zygote (:mod:`fai.batch.zygote`) calls it once per run, before it forks the kernels.
(Validating a table, pandera's first use, is not among them: the tables a report loads
were validated by ``fai build``, :func:`fai.data.validated_before`.) Each step only
fills a cache a report would fill the same way; a step that fails is skipped (the
report then does it, and shows the error where it belongs).

>>> prepare()                       # doctest: +SKIP
['regions', 'font']
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable


def _regions() -> None:
    from fai.model import regions

    regions.provinces()


def _font() -> None:
    import matplotlib as mpl

    from fai.presentation.fonts import use_chinese_font

    with mpl.rc_context():  # the font is registered; the rcParams stay as they were
        use_chinese_font()


STEPS: dict[str, Callable[[], None]] = {
    "regions": _regions, "font": _font,
}


def prepare() -> list[str]:
    """Run every step of :data:`STEPS`; the names of those that succeeded."""
    done = []
    for name, step in STEPS.items():
        with contextlib.suppress(Exception):
            step()
            done.append(name)
    return done
