"""Bulletin-style sentences generated from derived numbers, in Chinese (default)
or English, in the manner of NBS and local statistics bureaus::

    1—11月份，全国固定资产投资465839亿元，同比增长3.3%，增速比1—10月份回落0.1个百分点。
    其中，民间投资233689亿元，下降0.4%。

A figure that is missing is left out of the sentence, never printed as "nan".
Bulletin text writes 亿元 without thousands separators (465839亿元), as NBS does.
The functions take derived numbers (:func:`fai.metrics.derive_metrics`, a
comparison, a target row) and never derive anything themselves.

>>> import fai
>>> bulletin_sentence(fai.derive_metrics(fai.load()), "全国", "2024-11")[:33]
'1—11月份，全国固定资产投资465839亿元，同比增长3.3%，'
"""

from fai.presentation.formats import format_level, format_rate
from fai.presentation.narrative.growth import (
    bulletin_sentence,
    mom_sa_sentence,
    revision_gap_sentence,
    single_month_sentence,
)
from fai.presentation.narrative.phrases import (
    change_phrase,
    context_line,
    growth_phrase,
    no_data_sentence,
    older_note,
    parent_gap_sentence,
    period_phrase,
    region_phrase,
    subject_phrase,
)
from fai.presentation.narrative.regions import (
    heatmap_sentence,
    history_sentence,
    left_out_sentence,
    rank_moves_sentence,
    ranking_sentence,
    region_contributions_sentence,
    regions_sentence,
    tile_map_sentence,
)
from fai.presentation.narrative.structure import (
    component_growth_sentence,
    residual_sentence,
    structure_sentence,
)
from fai.presentation.narrative.targets import contest_sentence, pipeline_sentence, target_sentence

__all__ = [
    "bulletin_sentence",
    "change_phrase",
    "component_growth_sentence",
    "contest_sentence",
    "context_line",
    "format_level",
    "format_rate",
    "growth_phrase",
    "heatmap_sentence",
    "history_sentence",
    "left_out_sentence",
    "mom_sa_sentence",
    "no_data_sentence",
    "older_note",
    "parent_gap_sentence",
    "period_phrase",
    "pipeline_sentence",
    "rank_moves_sentence",
    "ranking_sentence",
    "region_contributions_sentence",
    "region_phrase",
    "regions_sentence",
    "residual_sentence",
    "revision_gap_sentence",
    "single_month_sentence",
    "structure_sentence",
    "subject_phrase",
    "target_sentence",
    "tile_map_sentence",
]
