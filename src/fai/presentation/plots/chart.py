"""The Figure class of every chart, and when a chart stays on pyplot's list.

In Jupyter, pyplot shows the figures on its list at the end of a cell — that is
how ``fig, ax = plt.subplots()`` shows without being the cell's value. The
report sections close their charts at once and show them where the section
says; ``fai.plots`` (:mod:`fai.reports.charts`) keeps an analyst's chart on the
list (``KEEP_OPEN``), so ``fig = fai.plots.plot_single_month(df, "北京市")``
shows the chart too. A chart (:class:`Figure`) that is shown as a cell's value leaves
pyplot's list first, so it is never shown twice.
"""

from __future__ import annotations

from contextvars import ContextVar

import matplotlib.figure

# True while fai.plots draws for an analyst: the chart stays on pyplot's list when pyplot shows
# figures by itself (an interactive session such as Jupyter's inline backend; checked once the
# figure exists, as pyplot picks its backend on the first figure)
KEEP_OPEN: ContextVar[bool] = ContextVar("fai_keep_figures_open", default=False)


class Figure(matplotlib.figure.Figure):
    """A matplotlib Figure that Jupyter shows once, whether a cell ends with it or
    assigns it. Everything else is matplotlib's Figure (``fig.savefig("x.png")``),
    down to its name and how it prints (``<Figure size 850x500 with 1 Axes>``)."""

    def _repr_mimebundle_(self, include=None, exclude=None) -> None:
        """Nothing of its own (IPython's figure formatters draw it); takes the chart off
        pyplot's list, so pyplot does not show it again at the end of the cell."""
        import matplotlib.pyplot as plt

        plt.close(self)

    def _get_renderer(self):
        """The renderer text is measured with, kept while the size and dpi stay the same.

        A chart pyplot closed has matplotlib's base canvas, which keeps no renderer: each text
        measured (seaborn's check of overlapping tick labels, a layout pass) would make a
        throw-away one by starting a whole save (~7 ms each, ~50 in a regions report). The
        canvas is otherwise left as it is (its ``draw()`` does nothing; saving draws).
        """
        if hasattr(self.canvas, "get_renderer"):
            return self.canvas.get_renderer()
        key = (*self.canvas.get_width_height(physical=True), self.dpi)
        kept = getattr(self, "_fai_renderer", None)
        if kept is None or kept[0] != key:
            kept = (key, super()._get_renderer())
            self._fai_renderer = kept
        return kept[1]
