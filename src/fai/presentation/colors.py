"""The colours of every chart: one per indicator (Tableau-like, colour-blind
aware), the parent region's line, residuals and "no data" cells, the
heatmap's diverging map."""

from __future__ import annotations

PALETTE: dict[str, str] = {
    "fai_total": "#1f3b5c",
    "fai_private": "#f28e2b",
    "fai_state_holding": "#b07aa1",
    "fai_primary": "#8cd17d",
    "fai_secondary": "#4e79a7",
    "fai_tertiary": "#f1ce63",
    "fai_industry": "#a0cbe8",
    "fai_mining": "#9c755f",
    "fai_manufacturing": "#59a14f",
    "fai_utilities": "#d37295",
    "fai_infrastructure": "#6a3d9a",
    "fai_urban_infrastructure": "#86bcb6",
    "fai_real_estate": "#e15759",
    "fai_residential": "#ff9d9a",
    "fai_project": "#b6992d",
    "fai_tech_renovation": "#ffbe7d",
    "fai_capital_construction": "#79706e",
    "fai_renovation": "#d7b5a6",
    "fai_key_projects": "#fabfd2",
    "fai_high_tech": "#4e79a7",
    "fai_social": "#bab0ac",
    "fai_funds_in_place": "#6b6b6b",
    "fai_urban": "#1f3b5c",
    "fai_project_500k_plus": "#1f3b5c",
    "other": "#bab0ac",
}
PARENT_COLOR = "#8c8c8c"    # the parent region's line (全国 for a province …)
RESIDUAL_COLOR = "#c8c8c8"  # contribution residual, "no data" cells
TARGET_COLOR = "#e15759"    # 序时进度 / target markers
HEATMAP_CMAP = "RdBu_r"     # diverging at 0: growth red, decline blue


def color(indicator: str) -> str:
    """The colour of an indicator in every chart.

    >>> color("fai_total")
    '#1f3b5c'
    """
    return PALETTE.get(indicator, PALETTE["other"])
