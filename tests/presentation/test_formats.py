"""Numbers as reports print them (fai.presentation.formats): levels in 亿元, rates, points."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fai.errors import ParameterError
from fai.presentation import formats


def test_levels_in_100m_yuan():
    assert formats.fmt_level(485186.0) == "485,186亿元"  # 全国 2025年1—12月
    assert formats.fmt_level(629.44) == "629.44亿元"  # 余杭区 2016年1—8月
    assert formats.fmt_level(16.1, "en") == "16.1 (100m yuan)"  # 天城县 2005 target
    assert formats.fmt_level(1030, unit=False) == "1,030"
    assert formats.fmt_level(math.nan) == formats.fmt_level(None) == "—"


def test_levels_in_bulletin_text():
    # bulletins write 亿元 without separators (465839亿元); English in billion yuan
    assert formats.format_level(629.44) == "629.44亿元"
    assert formats.format_level(1030.0) == "1030亿元"
    assert formats.format_level(465839.0, "en") == "46,583.9 billion yuan"
    assert formats.format_level(3.21, "en") == "321 million yuan"  # 天城县 2005-03


def test_rates_and_points():
    assert formats.fmt_pct(-3.8) == "-3.8%"
    assert formats.fmt_pct(-1.13, 2) == "-1.13%"  # SA m/m, 2025年12月
    assert formats.fmt_pct(2.3, sign=True) == "+2.3%"
    assert formats.fmt_pp(-5.556, decimals=2) == "-5.56个百分点"  # 余杭区 behind 序时进度
    assert formats.fmt_pp(2.2, "en") == "2.2 pp"
    assert formats.format_rate(12.0) == "12.0" and formats.format_rate(0.35) == "0.35"
    assert formats.pp_size(-0.66) == "0.7" and formats.pp_size(0.04) == "0.04"  # 拉动 0.04 never "0.0"


def test_one_formatter_under_every_format():
    assert formats.number(485186.0, 0, grouping=True) == "485,186"
    assert formats.number(629.40, 2, strip=True) == "629.4"
    assert formats.number(None) == formats.number(pd.NA) == "—"


def test_table_columns_by_their_names():
    assert formats.format_column("value_100m_yuan", pd.Series([485186.0, 1030.0])).tolist() == ["485,186", "1,030"]
    assert formats.format_column("value_100m_yuan", pd.Series([629.44])).tolist() == ["629.44"]
    assert formats.format_column("gap_pp", pd.Series([-5.5556])).tolist() == ["-5.56"]
    assert formats.format_column("rank", pd.Series([3.0, None])).tolist() == ["3", "—"]


def test_languages():
    assert formats.check_lang("en") == "en"
    with pytest.raises(ParameterError, match="lang: 'de'"):
        formats.check_lang("de")
