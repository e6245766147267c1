"""One function per report section: read the derived numbers from the report's
context, chart them (:mod:`fai.presentation.plots`), write the sentence
(:mod:`fai.presentation.narrative`) and the table
(:mod:`fai.presentation.tables`), and return a :class:`Section` that Jupyter
shows as sentence, figure, table.

A notebook cell is then one call, ``fai.sections.single_month(ctx)``. When the
region has no data for a section, the Section holds one sentence saying so
and nothing else; the notebook does not branch.
"""

from fai.reports.sections.base import Line, Section, omitted
from fai.reports.sections.growth import headline, headline_data, mom_sa, revision_gap, single_month
from fai.reports.sections.regions import heatmap, ranking, region_contributions
from fai.reports.sections.structure import component_growth, contributions, shares
from fai.reports.sections.targets import project_pipeline, target_progress, task_contest

__all__ = [
    "Line", "Section", "component_growth", "contributions", "headline", "headline_data", "heatmap", "mom_sa", "omitted",
    "project_pipeline", "ranking", "region_contributions", "revision_gap", "shares", "single_month",
    "target_progress", "task_contest",
]
