"""One function per report section: read the derived numbers from the report's
context, chart them (:mod:`fai.presentation.plots`), write the sentence
(:mod:`fai.presentation.narrative`) and the table
(:mod:`fai.presentation.tables`), and return a :class:`Section` that Jupyter
shows as sentence, figure, table.

A notebook cell is then one call, ``fai.sections.single_month(ctx)``. When the
region has no data for a section, the Section holds one sentence saying so
and nothing else; the notebook does not branch.

>>> import fai
>>> s = fai.sections.headline("北京市")     # or fai.sections.headline(fai.open_report("北京市", "2025-12"))
>>> s.has_data, s.figure is not None
(True, True)
"""

from fai.reports.context import accepts_region
from fai.reports.sections.base import Line, Section, omitted
from fai.reports.sections.growth import (
    headline,
    headline_data,
    history,
    mom_sa,
    revision_gap,
    single_month,
)
from fai.reports.sections.regions import (
    heatmap,
    rank_changes,
    ranking,
    region_contributions,
    tile_map,
)
from fai.reports.sections.structure import component_growth, contributions, shares
from fai.reports.sections.targets import project_pipeline, target_progress, task_contest

# an analyst may name a region instead of opening its report: fai.sections.headline("北京市")
headline = accepts_region(headline)
single_month = accepts_region(single_month)
revision_gap = accepts_region(revision_gap)
mom_sa = accepts_region(mom_sa)
heatmap = accepts_region(heatmap)
ranking = accepts_region(ranking)
region_contributions = accepts_region(region_contributions)
component_growth = accepts_region(component_growth)
contributions = accepts_region(contributions)
shares = accepts_region(shares)
project_pipeline = accepts_region(project_pipeline)
target_progress = accepts_region(target_progress)
task_contest = accepts_region(task_contest)
history = accepts_region(history)
tile_map = accepts_region(tile_map)
rank_changes = accepts_region(rank_changes)

__all__ = [
    "Line",
    "Section",
    "component_growth",
    "contributions",
    "headline",
    "headline_data",
    "heatmap",
    "history",
    "mom_sa",
    "omitted",
    "project_pipeline",
    "rank_changes",
    "ranking",
    "region_contributions",
    "revision_gap",
    "shares",
    "single_month",
    "target_progress",
    "task_contest",
    "tile_map",
]
