"""One colour per indicator (fai.presentation.colors)."""

from __future__ import annotations

from fai.model import indicators
from fai.presentation import colors


def test_every_indicator_has_a_colour_and_groups_shown_together_differ():
    assert set(indicators.keys()) <= set(colors.PALETTE)
    together = ["fai_total", "fai_private", "fai_state_holding", "fai_primary", "fai_secondary", "fai_tertiary",
                "fai_industry", "fai_mining", "fai_manufacturing", "fai_utilities", "fai_infrastructure",
                "fai_real_estate"]  # the components of the national structure report
    assert len({colors.color(k) for k in together}) == len(together)
    assert colors.PARENT_COLOR not in {colors.color(k) for k in together}
