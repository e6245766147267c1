"""Charts kept on disk between batch runs, keyed by everything they are drawn from.

A province's ``regions`` report draws the 31 provinces' ranking, heatmap and tile map:
~1.5 s of a cold kernel's time, the most of that report. When one county's figure
changes, ``fai run`` must run its province's ``regions`` report again, though those
charts show only the provinces' rows, which did not change (and an edited template runs
every report of it again, most of whose charts did not change). So ``fai run`` names a
folder (:data:`STORE_ENV`, one per version of fai and its libraries) and a chart drawn
through :func:`stored_chart` is kept there as its PNG, under a hash of the drawing
function and of every argument it was given — the tables by their content (columns,
kinds, values), the rest by value. The next run that would draw the same chart from
the same rows reads the PNG instead; a chart whose rows changed has another key and is
drawn. Nothing is keyed by time, region or report: only by what the chart is made of.
Only fai's own drawing functions are stored (their code is part of the store's version).

A chart read from the store is a :class:`StoredChart`: its PNG as drawn, and the figure
itself drawn again the moment anyone asks for it (``chart.axes``, ``chart.savefig``):
a notebook that changes a chart still gets a real figure, and the report shows its
changed picture. Without :data:`STORE_ENV` (JupyterLab, a script) every chart is
drawn as before. A file that cannot be read or is not a whole PNG is drawn again and
replaced; a store that cannot be written is simply not used. The key holds matplotlib's
settings too (:func:`drawing_style`): a notebook or a ``matplotlibrc`` that changes one
(a colour map, the line width, the DPI) draws its own picture.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fai.errors import OutputError
from fai.files import write_atomic

if TYPE_CHECKING:  # pandas is imported where a chart is keyed (`fai run` prunes without it)
    import pandas as pd

#: the folder ``fai run`` gives its kernels for stored charts ("" or unset: none)
STORE_ENV = "FAI_CHART_STORE"
#: a PNG ends with its IEND chunk (its length 0, the type, the CRC): a cut file does not
PNG_START = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def store_dir() -> Path | None:
    """The folder of stored charts this process was given (None: charts are drawn)."""
    named = os.environ.get(STORE_ENV, "")
    return Path(named) if named else None


def _frame_part(frame: pd.DataFrame) -> tuple:
    """A table as a hash of its columns, their kinds (a categorical's categories and order
    too), every value and its index (a chart may read it): numbers by their bytes, anything
    else by its ``repr`` (None, NaN, 1 and "1" stay apart). ~1.5 ms for 200 rows × 20
    columns (pandas' row hashing takes twice as long)."""
    import numpy as np

    h = hashlib.sha256()
    for name, col in frame.items():
        dtype = col.dtype
        h.update(repr((name, str(dtype))).encode())
        if str(dtype) == "category":
            h.update(repr((list(col.cat.categories), col.cat.ordered)).encode())
        values = col.to_numpy()
        if values.dtype.kind in "biufcmM":  # a plain array of numbers or times: its bytes
            h.update(np.ascontiguousarray(values).tobytes())
        else:  # objects (an object array's bytes would be addresses)
            h.update("\x1f".join(map(repr, values.tolist())).encode())
        h.update(b"\x1e")
    h.update(repr((list(frame.index.names), str(frame.index.dtype))).encode())
    h.update("\x1f".join(map(repr, frame.index.tolist())).encode())
    return ("frame", h.hexdigest())


def _part(value: Any) -> Any:
    """``value`` as something whose pickle says exactly what it is; TypeError for a value
    whose content is not known (then the chart is not stored)."""
    import pandas as pd

    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, pd.DataFrame):
        return _frame_part(value)
    if isinstance(value, pd.Series):
        return _frame_part(value.to_frame())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_part(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(_part(k), _part(v)) for k, v in value.items()])
    raise TypeError(f"{type(value).__name__} has no known content")


def chart_key(draw: Callable[..., Any], args: tuple, kwargs: dict, style: str = "") -> str | None:
    """The key of the chart ``draw(*args, **kwargs)`` would draw with the matplotlib
    settings ``style`` (:func:`drawing_style`) stands for (None: not storable).

    >>> import pandas as pd
    >>> from fai.presentation.plots import plot_ranking as draw
    >>> a = chart_key(draw, (pd.DataFrame({"x": [1.0]}),), {"lang": "zh"})
    >>> a == chart_key(draw, (pd.DataFrame({"x": [1.0]}),), {"lang": "zh"})
    True
    >>> a == chart_key(draw, (pd.DataFrame({"x": [1.5]}),), {"lang": "zh"})
    False
    >>> a == chart_key(draw, (pd.DataFrame({"x": [1.0]}),), {"lang": "zh"}, style="other")
    False
    >>> chart_key(draw, (object(),), {}) is None, chart_key(len, (), {}) is None
    (True, True)
    """
    module, name = getattr(draw, "__module__", None) or "", getattr(draw, "__qualname__", "")
    if not module.startswith("fai.") or "<" in name:
        # only fai's own named functions: their code is in the store's version (a notebook's
        # function or a lambda could change, or share a name, and keep an old picture)
        return None
    try:
        parts = (module, name, [_part(a) for a in args],
                 sorted((k, _part(v)) for k, v in kwargs.items()), style)
    except (TypeError, AttributeError):
        return None
    return hashlib.sha256(pickle.dumps(parts, protocol=4)).hexdigest()[:40]


def drawing_style() -> str:
    """A digest of every matplotlib setting (``rcParams``) a fai chart is drawn with: fai's
    theme is applied first, as each fai chart applies it before it draws
    (:func:`fai.presentation.plots.base.setup`), so settings the theme sets anyway do not
    count, and those it leaves (``image.cmap``, ``lines.marker``, ``figure.dpi``, what a
    ``matplotlibrc`` or a notebook set) do. ~0.5 ms."""
    import matplotlib as mpl

    from fai.presentation.plots.base import setup

    setup()
    return hashlib.sha256(repr(sorted(mpl.rcParams.items())).encode("utf-8")).hexdigest()[:20]


def whole_png(data: bytes) -> bool:
    """True for bytes that start and end as a PNG does (not a file cut short)."""
    return data.startswith(PNG_START) and data.endswith(PNG_END)


class StoredChart:
    """A chart read from the store: its PNG at ``dpi``, and the figure drawn by ``draw``
    the first time anything else is asked of it (then it is that figure in all but type)."""

    def __init__(self, png: bytes, dpi: int, draw: Callable[[], Any]) -> None:
        self._png = png
        self._dpi = dpi
        self._draw = draw
        self._figure: Any = None

    @property
    def figure(self) -> Any:
        """The chart as a matplotlib Figure (drawn now, the first time)."""
        if self._figure is None:
            self._figure = self._draw()
        return self._figure

    def stored_png(self, dpi: int) -> bytes | None:
        """The stored PNG when it is what a PNG at ``dpi`` would be now (nobody has
        touched the figure; the same resolution), else None."""
        return self._png if self._figure is None and dpi == self._dpi else None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_png", "_dpi", "_draw", "_figure"):
            raise AttributeError(name)
        return getattr(self.figure, name)

    def _repr_png_(self) -> bytes:
        return self._png if self._figure is None else self.figure._repr_png_()


def stored_chart(draw: Callable[..., Any], *args: Any, png: Callable[[Any, int], bytes], dpi: int,
                 **kwargs: Any) -> Any:
    """``draw(*args, **kwargs)``, or the same chart read from the store when it was drawn
    before from the same arguments. A chart drawn here is stored as ``png(figure, dpi)``
    (the PNG the report shows; the figure keeps it, so it is not made twice)."""
    folder = store_dir()
    key = chart_key(draw, args, kwargs, drawing_style()) if folder is not None else None
    if folder is None or key is None:
        return draw(*args, **kwargs)
    path = folder / f"{key}-{dpi}.png"  # (a PNG at this resolution)
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if whole_png(data):
        try:
            os.utime(path)  # recently used: kept when the store is pruned
        except OSError:
            pass
        return StoredChart(data, dpi, lambda: draw(*args, **kwargs))
    figure = draw(*args, **kwargs)
    keep(path, png(figure, dpi))
    return figure


def keep(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (:func:`fai.files.write_atomic`; another kernel may
    write the same file at the same moment: the same bytes); a store that cannot be written is
    left alone."""
    try:
        write_atomic(path, lambda tmp: tmp.write_bytes(data))
    except OutputError:
        pass


def prune(root: Path, current: str, keep_files: int) -> None:
    """In the store ``root``: remove the folders of other versions (``current`` is this
    one's name) and all but the ``keep_files`` most recently used charts of this one."""
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name != current and entry.is_dir():
            for file in entry.glob("*"):
                file.unlink(missing_ok=True)
            try:
                entry.rmdir()
            except OSError:
                pass
    try:
        files = [(f.stat().st_mtime, f) for f in (root / current).glob("*.png")]
        left = [f for f in (root / current).glob(".*.tmp") if time.time() - f.stat().st_mtime > 3600]
    except OSError:
        return
    for _, file in sorted(files, reverse=True)[keep_files:]:
        file.unlink(missing_ok=True)
    for file in left:  # written by a kernel killed mid-write
        file.unlink(missing_ok=True)
