"""Bulletin-style sentences generated from the numbers, in Chinese (default)
or English, in the manner of NBS and local statistics bureaus:

    1—11月份，全国固定资产投资465839亿元，同比增长3.3%，增速比1—10月份回落0.1个百分点。
    其中，民间投资233689亿元，下降0.4%。

A figure that is missing is left out of the sentence, never printed as "nan".
Bulletin text writes 亿元 without thousands separators (465839亿元), as NBS does.
"""

from __future__ import annotations

import math

import pandas as pd

from fai.errors import MissingDataError, ParameterError
from fai.metrics import comparison, growth, structure
from fai.model import indicators, periods, regions

GROUP_INTRO = {"sector": ("分产业看", "By sector"), "industry": ("分行业看", "By industry")}
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]


# ---------------------------------------------------------------- formats
def _lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise ParameterError(f"parameter lang is {lang!r} — expected 'zh' (Chinese) or 'en' (English)")
    return lang


def _ok(value: object) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


def format_level(value: float, lang: str = "zh") -> str:
    """A YTD level as a bulletin writes it: 亿元 without separators in Chinese,
    billion yuan (亿元 / 10) with separators in English.

    Small local figures (under 10亿元) read as million yuan in English.

    >>> format_level(465839.0), format_level(629.44), format_level(465839.0, "en"), format_level(3.21, "en")
    ('465839亿元', '629.44亿元', '46,583.9 billion yuan', '321 million yuan')
    """
    if lang == "en":
        if abs(value) < 10:
            return f"{value * 100:,.1f}".rstrip("0").rstrip(".") + " million yuan"
        text = f"{value / 10:,.3f}".rstrip("0").rstrip(".")
        return f"{text} billion yuan"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}亿元"


def format_rate(value: float, decimals: int = 1) -> str:
    """Absolute value of a rate with at least ``decimals`` decimals (12 → "12.0",
    0.35 → "0.35"), as bulletins print them.

    >>> format_rate(12.0), format_rate(-0.4), format_rate(0.35)
    ('12.0', '0.4', '0.35')
    """
    value = abs(float(value))
    text = f"{value:.{decimals}f}"
    if abs(float(text) - value) > 1e-9:
        text = f"{value:.2f}"
    return text


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
        text = "January" if month == 1 else f"January–{_EN_MONTHS[month - 1]}"
        return f"{text} {year}" if with_year else text
    text = "1月份" if month == 1 else f"1—{month}月份"
    return f"{year}年{text}" if with_year else text


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
    return f"增速比{vs}{growth.WORD_UP if change > 0 else growth.WORD_DOWN}{format_rate(change)}个百分点"


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
    text = indicators.label(indicator, lang)
    if lang == "en":
        return text[0].lower() + text[1:] if not text.isupper() else text
    return text


def subject_phrase(indicator: str, lang: str) -> str:
    """民间投资 / 第一产业投资: the indicator's name as the subject of a clause."""
    if lang == "en":
        text = _label(indicator, lang)
        return text if "investment" in text.lower() else f"investment in {text}"
    text = _label(indicator, lang)
    return text if text.endswith("投资") else f"{text}投资"


# ---------------------------------------------------------------- data access
def _region_table(df: pd.DataFrame, region: str, period: str) -> tuple[str, str, pd.DataFrame]:
    from fai.metrics import table as metrics

    code = regions.resolve(region)
    period = metrics.resolve_period(df, code, period)
    rows = df.loc[df["region_code"] == code]
    derived = growth.yoy_change(growth.derive_single_month(rows))
    derived = structure.contributions(structure.shares(derived))
    return code, period, derived.loc[derived["period"] == period].set_index("indicator")


def _figure_clause(row: pd.Series, lang: str, *, first: bool) -> list[str]:
    parts: list[str] = []
    if _ok(row.get("value_100m_yuan")):
        parts.append(format_level(float(row["value_100m_yuan"]), lang))
    if _ok(row.get("yoy_pct")):
        parts.append(growth_phrase(float(row["yoy_pct"]), lang, prefix="同比" if first else ""))
    return parts


# ---------------------------------------------------------------- sentences
def bulletin_sentence(
    df: pd.DataFrame,
    region: str,
    period: str = "latest",
    lang: str = "zh",
    components: tuple[str, ...] = ("fai_private",),
    with_year: bool = False,
) -> str:
    """The headline paragraph of a bulletin: the total's YTD level and growth, the
    change in growth since the previous release, then each of ``components``.

    >>> import fai
    >>> bulletin_sentence(fai.load(), "全国", "2024-11")
    '1—11月份，全国固定资产投资465839亿元，同比增长3.3%，增速比1—10月份回落0.1个百分点。其中，民间投资233689亿元，下降0.4%。'
    """
    lang = _lang(lang)
    code, period, table = _region_table(df, region, period)
    name = region_phrase(code, lang)
    when = period_phrase(period, lang, with_year)
    sentences: list[str] = []
    if "fai_total" in table.index:
        row = table.loc["fai_total"]
        parts = _figure_clause(row, lang, first=True)
        change = ""
        if _ok(row.get("yoy_change_pp")) and _ok(row.get("yoy_pct")):
            change = change_phrase(float(row["yoy_pct"]), float(row["yoy_change_pp"]), period,
                                   str(row["yoy_change_vs_period"]), lang)
        if parts:
            if lang == "en":
                text = f"In {when}, fixed-asset investment in {name} was " + ", ".join(parts)
                sentences.append(text + (f"; {change}" if change else "") + ".")
            else:
                sentences.append(f"{when}，{name}固定资产投资" + "，".join([*parts, *filter(None, [change])]) + "。")
    comp_clauses = []
    for key in components:
        if key in table.index:
            parts = _figure_clause(table.loc[key], lang, first=False)
            if parts:
                if lang == "en":
                    subject = subject_phrase(key, lang)
                    comp_clauses.append(subject[0].upper() + subject[1:] + " was " + ", ".join(parts))
                else:
                    comp_clauses.append(subject_phrase(key, lang) + "，".join(parts))
    if comp_clauses:
        if lang == "en":
            sentences.append(" ".join(c + "." for c in comp_clauses))
        else:
            sentences.append("其中，" + "；".join(comp_clauses) + "。")
    if not sentences:
        raise MissingDataError(f"no figures for {regions.name_of(code)} ({code}) in {period} to write about")
    return ("" if lang == "zh" else " ").join(sentences)


def _fmt_pp(value: float) -> str:
    """1 decimal, or 2 when that would print 0.0 for a non-zero value."""
    text = f"{abs(value):.1f}"
    return f"{abs(value):.2f}" if text == "0.0" and value != 0 else text


def structure_sentence(
    df: pd.DataFrame,
    region: str,
    period: str = "latest",
    group: str | list[str] = "sector",
    lang: str = "zh",
) -> str:
    """Each component's level, growth, share of its parent and contribution (拉动)
    to the parent's growth — for an exhaustive group ("sector", "industry") or a
    list of indicators. Missing figures are left out; components with nothing
    are skipped.

    >>> import fai
    >>> structure_sentence(fai.load(), "全国", "2024-11")  # doctest: +ELLIPSIS
    '分产业看，第一产业投资8709亿元，同比增长2.4%，占全部投资的1.9%，拉动投资增长0.05个百分点；第二产业投资161632亿元，增长12.0%，...'
    """
    lang = _lang(lang)
    code, period, table = _region_table(df, region, period)
    members = indicators.group_members(group) if isinstance(group, str) else list(group)
    if isinstance(group, str):
        intro = GROUP_INTRO.get(group, ("分类看", "By component"))[1 if lang == "en" else 0]
    else:
        intro = "Of which" if lang == "en" else "其中"
    clauses = []
    for i, key in enumerate(members):
        if key not in table.index:
            continue
        row = table.loc[key]
        parts = _figure_clause(row, lang, first=(i == 0 and lang == "zh"))
        parent = indicators.parent(key)
        parent_name = "全部投资" if parent == "fai_total" else subject_phrase(parent, lang) if parent else ""
        if lang == "en":
            parent_name = "total investment" if parent == "fai_total" else subject_phrase(parent, lang) if parent else ""
        if _ok(row.get("share_pct")):
            share = f"{row['share_pct']:.1f}%"
            parts.append(f"{share} of {parent_name}" if lang == "en" else f"占{parent_name}的{share}")
        if _ok(row.get("contribution_pp")):
            c = float(row["contribution_pp"])
            if lang == "en":
                parts.append(f"{'adding' if c >= 0 else 'taking'} {_fmt_pp(c)} percentage points "
                             f"{'to' if c >= 0 else 'off'} the growth of {parent_name}")
            elif c >= 0:
                parts.append(f"拉动{'投资' if parent == 'fai_total' else parent_name}增长{_fmt_pp(c)}个百分点")
            else:
                parts.append(f"下拉{'投资' if parent == 'fai_total' else parent_name}增速{_fmt_pp(c)}个百分点")
        if not parts:
            continue
        if lang == "en":
            clauses.append(subject_phrase(key, lang) + " was " + ", ".join(parts))
        else:
            clauses.append(subject_phrase(key, lang) + "，".join(parts))
    if not clauses:
        raise MissingDataError(
            f"no figures of {', '.join(members)} for {regions.name_of(code)} ({code}) in {period}"
        )
    if lang == "en":
        return f"{intro} ({period_phrase(period, 'en', True)}): " + "; ".join(clauses) + "."
    return f"{intro}，" + "；".join(clauses) + "。"


def regions_sentence(
    df: pd.DataFrame,
    parent: str,
    period: str = "latest",
    indicator: str = "fai_total",
    peers: list[str] | None = None,
    region: str | None = None,
    lang: str = "zh",
) -> str:
    """The regional paragraph: every peer's growth when there are at most six
    (the four macro-regions), the fastest and the slowest, and — when ``region``
    is given — its rank, change in rank and gap to the parent.

    >>> import fai
    >>> regions_sentence(fai.load(), "全国", "2024-10")  # doctest: +ELLIPSIS
    '分区域看，中部地区投资增长4.6%，东北地区投资增长3.2%，东部地区投资增长1.8%，西部地区投资增长1.1%。增速最快的是中部地区，比全国高1.2个百分点；最慢的是西部地区，比全国低2.3个百分点。'
    """
    import warnings

    lang = _lang(lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = comparison.compare_regions(df, parent, indicator, period, peers)
    table = table.loc[table["yoy_pct"].notna()]
    if table.empty:
        raise MissingDataError(f"no {indicator} growth rates for the peers of {parent} in {period}")
    parent_code = regions.resolve(parent)
    pname = regions.name_of(parent_code, lang)

    def name(code: str) -> str:
        return regions.name_of(code, lang)

    def vs(value: float) -> str:
        if not _ok(value):
            return ""
        if lang == "en":
            return (f", {_fmt_pp(value)} pp {'above' if value >= 0 else 'below'} {pname}")
        return f"，比{pname}{'高' if value >= 0 else '低'}{_fmt_pp(value)}个百分点"

    out: list[str] = []
    if len(table) <= 6:
        if lang == "en":
            out.append("By region: " + ", ".join(
                f"{name(r.region_code)} {growth_phrase(r.yoy_pct, 'en')}" for r in table.itertuples()) + ".")
        else:
            subject = subject_phrase(indicator, "zh").replace("固定资产投资", "投资")
            if indicator == "fai_total":
                subject = "投资"
            out.append("分区域看，" + "，".join(
                f"{name(r.region_code)}{subject}{growth_phrase(r.yoy_pct)}" for r in table.itertuples()) + "。")
    fastest, slowest = table.iloc[0], table.iloc[-1]
    if len(table) >= 2:
        if lang == "en":
            lead = "By region, " if len(table) > 6 else ""
            out.append(f"{lead}{name(fastest.region_code)} grew fastest ({fastest.yoy_pct:+.1f}%{vs(fastest.vs_parent_pp)})"
                       f" and {name(slowest.region_code)} slowest ({slowest.yoy_pct:+.1f}%{vs(slowest.vs_parent_pp)}).")
        else:
            fast = f"增速最快的是{name(fastest.region_code)}"
            slow = f"最慢的是{name(slowest.region_code)}"
            if len(table) > 6:
                fast += f"（{growth_phrase(fastest.yoy_pct)}）"
                slow += f"（{growth_phrase(slowest.yoy_pct)}）"
            lead = "分地区看，" if len(table) > 6 else ""
            out.append(lead + fast + vs(fastest.vs_parent_pp) + "；" + slow + vs(slowest.vs_parent_pp) + "。")
    if region is not None:
        code = regions.resolve(region)
        mine = table.loc[table["region_code"] == code]
        if not mine.empty:
            r = mine.iloc[0]
            out.append(_rank_clause(r, name(code), len(table), pname, lang, vs))
    return ("" if lang == "zh" else " ").join(out)


def _rank_clause(r: pd.Series, name: str, n: int, pname: str, lang: str, vs) -> str:
    moved = ""
    if _ok(r["rank_change"]) and int(r["rank_change"]) != 0:
        k = int(r["rank_change"])
        if lang == "en":
            moved = f", {'up' if k > 0 else 'down'} {abs(k)} place{'s' if abs(k) > 1 else ''}"
        else:
            moved = f"，比上期{'前移' if k > 0 else '后移'}{abs(k)}位"
    if lang == "en":
        return f"{name} ranked {int(r['rank'])} of {n} ({growth_phrase(r['yoy_pct'], 'en')}{moved}{vs(r['vs_parent_pp'])})."
    return f"{name}投资{growth_phrase(r['yoy_pct'])}，增速居{n}个地区第{int(r['rank'])}位{moved}{vs(r['vs_parent_pp'])}。"


def target_sentence(progress: pd.DataFrame | pd.Series, lang: str = "zh") -> str:
    """Completion of the annual target against time progress (序时进度), from a
    row of :func:`fai.metrics.targets.target_progress_for`.

    >>> import fai
    >>> from fai import targets
    >>> p = targets.target_progress_for("余杭区", "2016-08", fai.load(), fai.load_targets())
    >>> target_sentence(p)
    '1—8月份，余杭区固定资产投资629.44亿元，完成年度目标1030亿元的61.11%，低于序时进度（66.67%）5.56个百分点；后4个月平均每月需完成100.14亿元。'
    """
    lang = _lang(lang)
    row = progress.iloc[0] if isinstance(progress, pd.DataFrame) else progress
    period = str(row["period"])
    name = region_phrase(str(row["region_code"]), lang)
    subject = subject_phrase(str(row.get("indicator", "fai_total")), lang)
    if str(row.get("indicator", "fai_total")) == "fai_total":
        subject = "fixed-asset investment" if lang == "en" else "固定资产投资"
    level, target = float(row["level_100m_yuan"]), float(row["target_100m_yuan"])
    done, time_p, gap = float(row["completion_pct"]), float(row["time_progress_pct"]), float(row["gap_pp"])
    month = int(row["month"])
    needed = row.get("monthly_needed_100m_yuan")
    if lang == "en":
        text = (f"In {period_phrase(period, 'en', True)}, {subject} in {name} was {format_level(level, 'en')}, "
                f"{done:.2f}% of the annual target of {format_level(target, 'en')}, "
                f"{abs(gap):.2f} percentage points {'ahead of' if gap >= 0 else 'behind'} "
                f"time progress ({time_p:.2f}%)")
        if _ok(needed) and needed > 0:
            text += (f"; {format_level(float(needed), 'en')} a month is needed over the remaining "
                     f"{12 - month} month{'s' if 12 - month > 1 else ''}")
        return text + "."
    text = (f"{period_phrase(period)}，{name}{subject}{format_level(level)}，"
            f"完成年度目标{format_level(target)}的{done:.2f}%，")
    if gap >= 0:
        text += f"高于序时进度（{time_p:.2f}%）{abs(gap):.2f}个百分点"
    else:
        text += f"低于序时进度（{time_p:.2f}%）{abs(gap):.2f}个百分点"
    if _ok(needed) and needed > 0:
        text += f"；后{12 - month}个月平均每月需完成{format_level(float(needed))}"
    return text + "。"


def single_month_sentence(df: pd.DataFrame, region: str, period: str = "latest", lang: str = "zh") -> str:
    """The single month derived from two YTD releases (M_t = L_t − L_{t−1}, YoY on
    comparable bases); empty string when it cannot be derived.

    >>> import fai
    >>> single_month_sentence(fai.load(), "全国", "2024-11")
    '11月份，全国固定资产投资42617亿元，同比增长2.3%（由累计数推算）。'
    """
    lang = _lang(lang)
    code, period, table = _region_table(df, region, period)
    if "fai_total" not in table.index or not _ok(table.loc["fai_total", "month_value_100m_yuan"]):
        return ""
    row = table.loc["fai_total"]
    year, month = periods.parse_period(period)
    two = int(row["months_covered"]) == 2
    name = region_phrase(code, lang)
    if lang == "en":
        when = "January–February" if two else _EN_MONTHS[month - 1]
        text = f"In {when} {year} alone, fixed-asset investment in {name} was {format_level(row['month_value_100m_yuan'], 'en')}"
        if _ok(row["month_yoy_pct"]):
            text += f", {growth_phrase(round(float(row['month_yoy_pct']), 1), 'en', prefix='y')}"
        return text + " (derived from year-to-date figures)."
    when = "1—2月份" if two else f"{month}月份"
    parts = [format_level(float(row["month_value_100m_yuan"]))]
    if _ok(row["month_yoy_pct"]):
        parts.append(growth_phrase(round(float(row["month_yoy_pct"]), 1), prefix="同比"))
    return f"{when}，{name}固定资产投资" + "，".join(parts) + "（由累计数推算）。"
