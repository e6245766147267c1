"""Indicator registry: labels, parents, groups."""

from __future__ import annotations

import pytest

from fai.errors import UnknownIndicatorError
from fai.model import indicators


def test_parent_chain_of_manufacturing():
    assert indicators.ancestors("fai_manufacturing") == ["fai_industry", "fai_secondary", "fai_total"]


def test_labels_in_both_languages():
    assert indicators.label("fai_tertiary") == "第三产业投资"
    assert indicators.label("fai_real_estate", "en") == "Real-estate development"


def test_sector_group_is_exhaustive_breakdown_of_total():
    members = indicators.group_members("sector")
    assert members == ["fai_primary", "fai_secondary", "fai_tertiary"]
    assert {indicators.parent(m) for m in members} == {"fai_total"}


def test_funds_in_place_is_a_separate_series():
    assert indicators.parent("fai_funds_in_place") is None


def test_every_indicator_in_the_bundled_data_is_registered(tidy):
    assert set(tidy["indicator"]) <= set(indicators.keys())


def test_unknown_indicator():
    with pytest.raises(UnknownIndicatorError, match="fai_bogus"):
        indicators.check("fai_bogus")
