"""Charts of the report templates. Every function takes a table (the tidy
table, a derived table or a comparison), returns a matplotlib Figure and never
shows or saves it.

Common rules (texts from :mod:`fai.presentation.labels`, numbers from
:mod:`fai.presentation.formats`, colours from :mod:`fai.presentation.colors`):
the title says region, indicator, measure with its unit, and the period;
growth axes are in % with a zero line; a source line sits under each chart;
Chinese text uses the bundled Noto Sans CJK SC
(:func:`fai.presentation.fonts.use_chinese_font`, applied after seaborn's
theme); ``lang="en"`` switches every label to English.

One module per report: :mod:`.growth`, :mod:`.structure`, :mod:`.regions`,
:mod:`.targets`; :mod:`.base` holds what they share.
"""

from fai.presentation.plots.growth import (
    plot_gap_history,
    plot_mom_sa,
    plot_revision_gap,
    plot_single_month,
    plot_yearly,
    plot_yoy_history,
)
from fai.presentation.plots.regions import plot_bump, plot_heatmap, plot_ranking, plot_tile_map
from fai.presentation.plots.structure import plot_component_yoy, plot_contributions, plot_shares
from fai.presentation.plots.targets import (
    plot_project_pipeline,
    plot_target_progress,
    plot_task_contest,
)

__all__ = [
    "plot_bump",
    "plot_component_yoy",
    "plot_contributions",
    "plot_gap_history",
    "plot_heatmap",
    "plot_mom_sa",
    "plot_project_pipeline",
    "plot_ranking",
    "plot_revision_gap",
    "plot_shares",
    "plot_single_month",
    "plot_target_progress",
    "plot_task_contest",
    "plot_tile_map",
    "plot_yearly",
    "plot_yoy_history",
]
