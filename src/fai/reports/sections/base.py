"""What every report section is — a numbered heading, a sentence, optionally a
chart and a table, the source line and how the figures are computed — and the
rules every section follows:

* a section shows the report's period, or says first, visibly, which period
  it shows instead and why (``older``);
* a section without figures, or whose newest figures are more than
  ``STALE_MONTHS`` older than the report's period, is left out of the report;
  :func:`omitted` writes the one line that names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from fai.errors import MissingDataError
from fai.model import indicators, periods, regions
from fai.presentation.blocks import figure_png, line_html, section_html
from fai.presentation.labels import number_label, period_label, section_note, section_title, text
from fai.presentation.narrative import no_data_sentence
from fai.reports.context import Context, tree_indicators

STALE_MONTHS = 12  # a section whose figures are older than this is left out of the report


@dataclass
class Section:
    """What a report section shows: a sentence, optionally a figure and a table.

    ``data`` keeps the unformatted numbers (a metrics table or a dict) for
    whoever wants to reuse them; ``has_data`` is False when the data hold no
    figures for it; ``omitted`` says why a section is left out of the report
    ("" when it is shown). ``older`` is the note opening the sentence when the
    section shows an earlier period than the report's.
    """

    sentence: str
    figure: Any = None
    table: pd.DataFrame | None = None
    data: Any = None
    has_data: bool = True
    key: str = ""
    title: str = ""
    number: str = ""
    period: str | None = None
    older: str = ""
    source: str = ""
    note: str = ""
    lang: str = "zh"
    omitted: str = ""

    @property
    def shown(self) -> bool:
        """Whether the report shows this section."""
        return self.has_data and not self.omitted

    def html(self) -> str:
        """The section as one HTML block ("" when it is left out of the report)."""
        if not self.shown:
            return ""
        return section_html(
            number=self.number, title=self.title, older=self.older,
            sentence=self.sentence.removeprefix(self.older), lang=self.lang,
            figure=figure_png(self.figure) if self.figure is not None else None,
            figure_alt=self.title, table=self.table, source=self.source, note=self.note,
            first=self.number in ("一、", "1. "),
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self.shown:
            display({"text/html": self.html(), "text/plain": self.sentence}, raw=True)

    def __repr__(self) -> str:
        return self.sentence


def months_apart(earlier: str, later: str) -> int:
    """Months from one period to a later one.

    >>> months_apart("2024-12", "2025-12"), months_apart("2017-11", "2025-12")
    (12, 97)
    """
    (y0, m0), (y1, m1) = periods.parse_period(earlier), periods.parse_period(later)
    return (y1 - y0) * 12 + m1 - m0


def finish(ctx: Context, section: Section, key: str, title: str | None = None) -> Section:
    """Name, number and register a section in its report: a section without
    figures, or with figures older than ``STALE_MONTHS``, is left out (and named
    by :func:`omitted`); a shown one gets the next number (一、二、…)."""
    base = key.split(":")[0]
    section.key, section.lang = key, ctx.lang
    section.title = title or section_title(base, ctx.lang)
    section.note = section.note or section_note(base, ctx.lang)
    if not section.has_data:
        section.omitted = text("omitted_no_data", ctx.lang)
    elif section.period and months_apart(section.period, ctx.period) > STALE_MONTHS:
        section.omitted = text("omitted_stale", ctx.lang).format(period=period_label(section.period, ctx.lang))
    ctx.sections[key] = section
    if section.shown:
        section.number = number_label(sum(s.shown for s in ctx.sections.values()), ctx.lang)
    return section


def no_data(ctx: Context, note: str) -> Section:
    """The one-sentence section of a region without data for it (``note``: the
    key of its sentence, e.g. "single_month"); left out of the report."""
    return Section(no_data_sentence(note, ctx.region_name, ctx.lang), data=None, has_data=False)


@dataclass
class Line:
    """One line of a report outside its sections (the sections left out)."""

    sentence: str
    css_class: str = "fai-omitted"
    lang: str = "zh"

    def html(self) -> str:
        return line_html(self.sentence, self.css_class, self.lang) if self.sentence else ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self.sentence:
            display({"text/html": self.html(), "text/plain": self.sentence}, raw=True)

    def __repr__(self) -> str:
        return self.sentence


def omitted(ctx: Context) -> Line:
    """The one line naming the sections left out of the report and why
    ("未列入本报告：单月投资、季调环比（无相关数据）。"); nothing when every section
    is shown. Raises :class:`MissingDataError` when no section is shown at all
    (the batch marks such a report skipped)."""
    if ctx.sections and not any(s.shown for s in ctx.sections.values()):
        raise MissingDataError(
            found=f"no section of the report has figures for {regions.name_of(ctx.region)} ({ctx.region}) "
                  f"up to {ctx.period}",
            expected="figures of the report's topic within a year of its period")
    by_reason: dict[str, list[str]] = {}
    for s in ctx.sections.values():
        if not s.shown:
            by_reason.setdefault(s.omitted, []).append(s.title)
    zh = ctx.lang == "zh"
    parts = [("、" if zh else ", ").join(titles) + (f"（{reason}）" if zh else f" ({reason})")
             for reason, titles in by_reason.items()]
    if not parts:
        return Line("", lang=ctx.lang)
    return Line(text("omitted_lead", ctx.lang) + ("；" if zh else "; ").join(parts) + ("。" if zh else "."),
                lang=ctx.lang)


def upto(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Rows up to ``period`` (a report never shows what comes after its period)."""
    return frame[frame["period"] <= period]


def components(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows of the parts of total investment that have ``column``."""
    in_tree = set(tree_indicators()) - {"fai_total"}
    return frame[frame["indicator"].isin(in_tree) & frame[column].notna()]


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in registry order of their indicators."""
    order = {k: i for i, k in enumerate(indicators.keys())}
    return frame.assign(_o=frame["indicator"].map(order)).sort_values("_o").drop(columns="_o")
