"""The pieces of a bulletin sentence: growth, change in growth, periods, the
names of regions and indicators as a sentence uses them, and the rows of a
derived table a sentence is written from."""

from __future__ import annotations

import pandas as pd

from fai.errors import MissingDataError, ParameterError, PeriodError
from fai.model import indicators, periods, regions
from fai.presentation.formats import check_lang, format_level, format_rate, is_missing, pp_size
from fai.presentation.labels import change_word, text

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
# columns a sentence needs from fai.metrics.derive_metrics (a derived table)
NEEDED = ("month_value_100m_yuan", "months_covered", "yoy_change_pp", "yoy_change_vs_period", "share_pct",
          "contribution_pp")

__all__ = ["EN_MONTHS", "change_phrase", "check_lang", "format_level", "format_rate", "growth_phrase",
           "is_missing", "older_note", "period_phrase", "pp_size", "region_phrase", "select",
           "subject_phrase"]


def ok(value: object) -> bool:
    """A figure that is there (not None, NaN or NA)."""
    return not is_missing(value)


def select(table: pd.DataFrame, region: str, period: str = "latest") -> tuple[str, str, pd.DataFrame]:
    """(region code, period, its rows indexed by indicator) of a derived table
    (:func:`fai.metrics.derive_metrics`); ``period`` "latest" is the region's
    last period with a level or a growth rate.

    Raises :class:`ParameterError` for a table that is not derived,
    :class:`MissingDataError` when the region has no figures and
    :class:`PeriodError` for a period without any.
    """
    missing = [c for c in NEEDED if c not in table.columns]
    if missing:
        raise ParameterError(where="table", found=f"no derived columns ({', '.join(missing[:3])} …)",
                             expected="a derived table: fai.derive_metrics(df), or a report's ctx.derived")
    code = regions.resolve(region)
    mine = table.loc[table["region_code"] == code]
    has = mine.loc[mine["value_100m_yuan"].notna() | mine["yoy_pct"].notna()]
    if has.empty:
        raise MissingDataError(found=f"the data hold no figures for {regions.name_of(code)} ({code})",
                               expected="at least one level or growth rate")
    if period in (None, "", "latest"):
        period = str(has["period"].max())
    elif not (has["period"] == period).any():
        raise PeriodError(found=f"period {period!r} has no figures for {regions.name_of(code)} ({code})",
                          expected=f"a period the data cover ({has['period'].min()} … {has['period'].max()})")
    return code, period, mine.loc[mine["period"] == period].set_index("indicator")


def growth_phrase(yoy: float, lang: str = "zh", *, prefix: str = "") -> str:
    """增长3.3% / 下降0.4% / 持平; "up 3.3%" / "down 0.4%" / "unchanged".

    >>> growth_phrase(3.3, prefix="同比"), growth_phrase(-0.4), growth_phrase(0.0), growth_phrase(-0.4, "en")
    ('同比增长3.3%', '下降0.4%', '持平', 'down 0.4%')
    """
    if lang == "en":
        if yoy == 0:
            return "unchanged year on year" if prefix else "unchanged"
        word = "up" if yoy > 0 else "down"
        return f"{word} {format_rate(yoy)}%" + (" year on year" if prefix else "")
    if yoy == 0:
        return "与上年同期持平" if prefix else "持平"
    return f"{prefix}{'增长' if yoy > 0 else '下降'}{format_rate(yoy)}%"


def period_phrase(period: str, lang: str = "zh", with_year: bool = False) -> str:
    """The YTD span as a bulletin names it: "1—11月份" / "January–November".

    >>> period_phrase("2024-11"), period_phrase("2024-02", with_year=True), period_phrase("2024-11", "en")
    ('1—11月份', '2024年1—2月份', 'January–November')
    """
    year, month = periods.parse_period(period)
    if lang == "en":
        words = "January" if month == 1 else f"January–{EN_MONTHS[month - 1]}"
        return f"{words} {year}" if with_year else words
    words = "1月份" if month == 1 else f"1—{month}月份"
    return f"{year}年{words}" if with_year else words


def _vs_phrase(period: str, vs_period: str, lang: str) -> str:
    if periods.parse_period(vs_period)[0] < periods.parse_period(period)[0]:
        return "the whole of last year" if lang == "en" else "上年全年"
    return f"in {period_phrase(vs_period, 'en')}" if lang == "en" else period_phrase(vs_period)


def change_phrase(yoy: float, change: float, period: str, vs_period: str, lang: str = "zh") -> str:
    """The change in growth since the previous release: "增速比1—10月份回落0.1个百分点";
    for two declines in a row "降幅比…扩大/收窄"; for 1—2月 against "上年全年".

    >>> change_phrase(3.3, -0.1, "2024-11", "2024-10")
    '增速比1—10月份回落0.1个百分点'
    >>> change_phrase(-3.8, -1.2, "2025-12", "2025-11")
    '降幅比1—11月份扩大1.2个百分点'
    >>> change_phrase(4.1, 0.9, "2025-02", "2024-12", "en")
    'growth was 0.9 percentage points higher than in the whole of last year'
    """
    vs = _vs_phrase(period, vs_period, lang)
    previous = yoy - change
    if lang == "en":
        if change == 0:
            return f"growth was the same as {vs.removeprefix('in ')}"
        return (f"growth was {format_rate(change)} percentage points "
                f"{'higher' if change > 0 else 'lower'} than {vs if vs.startswith('in') else 'in ' + vs}")
    if change == 0:
        return f"增速与{vs}持平"
    if yoy < 0 and previous < 0:
        return f"降幅比{vs}{'收窄' if change > 0 else '扩大'}{format_rate(change)}个百分点"
    return f"增速比{vs}{change_word(change)}{format_rate(change)}个百分点"


def region_phrase(code: str, lang: str = "zh") -> str:
    """A region's name as the object of a sentence: 全国 / "China", "the East region".

    >>> region_phrase("900001", "en"), region_phrase("900001")
    ('the East region', '东部地区')
    """
    name = regions.name_of(code, lang)
    if lang == "en" and regions.get(code).level == "macro":
        return f"the {name} region"
    return name


def _label(indicator: str, lang: str) -> str:
    words = indicators.label(indicator, lang)
    if lang == "en":
        return words[0].lower() + words[1:] if not words.isupper() else words
    return words


def subject_phrase(indicator: str, lang: str) -> str:
    """民间投资 / 第一产业投资: the indicator's name as the subject of a clause.

    >>> subject_phrase("fai_primary", "zh"), subject_phrase("fai_primary", "en")
    ('第一产业投资', 'investment in primary industry')
    """
    words = _label(indicator, lang)
    if lang == "en":
        return words if "investment" in words.lower() else f"investment in {words}"
    return words if words.endswith("投资") else f"{words}投资"


def older_note(report_period: str, used: str, lang: str = "zh") -> str:
    """A note opening a section that shows an earlier period than the report's ("" when the same).

    >>> older_note("2025-12", "2025-11")
    '（2025年1—12月份未公布相关数据，以下为2025年1—11月份数据。）'
    """
    if used == report_period:
        return ""
    if lang == "zh":
        return (f"（{period_phrase(report_period, 'zh', True)}未公布相关数据，"
                f"以下为{period_phrase(used, 'zh', True)}数据。）")
    return f"(No such figures for {period_phrase(report_period, 'en', True)}; shown for {period_phrase(used, 'en', True)}.) "


def no_data_sentence(key: str, region_name: str, lang: str = "zh") -> str:
    """The one sentence of a section without data (``data/notes.csv``): "北京市：没有…".

    >>> no_data_sentence("single_month", "北京市")
    '北京市：没有相邻月份的累计投资额，无法推算单月投资额。'
    """
    words = text(f"no_data_{key}", lang)
    return f"{region_name}: {words}" if lang == "en" else f"{region_name}：{words}"


def parent_gap_sentence(gap: float, parent_code: str, lang: str = "zh", second: tuple[float, str] | None = None) -> str:
    """Growth against the yardstick region's, and the next one up's when given
    (``second``: gap and region code): "增速比杭州市高2.0个百分点，比全国高0.3个百分点。".

    >>> parent_gap_sentence(9.3, "000000")
    '增速比全国高9.3个百分点。'
    >>> parent_gap_sentence(2.0, "330100", second=(0.3, "000000"))
    '增速比杭州市高2.0个百分点，比全国高0.3个百分点。'
    """
    parent = region_phrase(parent_code, lang)
    if lang == "en":
        words = f" Growth was {format_rate(gap)} percentage points {'above' if gap >= 0 else 'below'} {parent}"
        if second is not None:
            other = region_phrase(second[1], lang)
            words += f" and {format_rate(second[0])} points {'above' if second[0] >= 0 else 'below'} {other}"
        return words + "."
    words = f"增速比{parent}{'高' if gap >= 0 else '低'}{format_rate(gap)}个百分点"
    if second is not None:
        words += f"，比{region_phrase(second[1])}{'高' if second[0] >= 0 else '低'}{format_rate(second[0])}个百分点"
    return words + "。"


def context_line(code: str, period: str, credits: list[str], files: list[str], n_region: int, n_total: int,
                 n_peers: int = 0, lang: str = "zh") -> str:
    """The line under a report's title: region, period, who published the data
    loaded and from which files, and how many figures.

    >>> context_line("000000", "2025-12", ["国家统计局"], ["nbs_national_fai.csv"], 801, 1462)
    '全国（000000）· 2025年1—12月 · 数据：国家统计局（nbs_national_fai.csv；本地区801条，共1,462条）'
    """
    name = regions.name_of(code, lang)
    label = periods.period_label_en(period) if lang == "en" else periods.period_label_zh(period)
    sep = "、" if lang == "zh" else ", "
    who = sep.join(credits[:3]) + (("等" if lang == "zh" else " et al.") if len(credits) > 3 else "")
    where = sep.join(files[:3]) + (("等" if lang == "zh" else " …") if len(files) > 3 else "")
    if lang == "en":
        counts = f"{n_region:,} figures for the region of {n_total:,}"
        inside = f"{where}; {counts}" if where and where != who else counts
        extra = f" · peers: {n_peers}" if n_peers else ""
        return f"{name} ({code}) · {label} · data: {who or 'not stated'} ({inside}){extra}"
    counts = f"本地区{n_region:,}条，共{n_total:,}条"
    inside = f"{where}；{counts}" if where and where != who else counts
    extra = f" · 比较地区{n_peers}个" if n_peers else ""
    return f"{name}（{code}）· {label} · 数据：{who or '未注明'}（{inside}）{extra}"


__all__ += ["context_line", "no_data_sentence", "ok", "parent_gap_sentence"]
