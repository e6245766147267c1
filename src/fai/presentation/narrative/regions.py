"""Sentences of the regions report: the regional paragraph (every peer, the
fastest and the slowest, one region's rank), the heatmap's summary and each
region's contribution to its parent's growth. Each takes a comparison table
(:func:`fai.metrics.comparison.compare_regions`)."""

from __future__ import annotations

import pandas as pd

from fai.errors import MissingDataError
from fai.model import regions
from fai.presentation.formats import check_lang, pp_size
from fai.presentation.labels import indicator_label, period_label
from fai.presentation.narrative.phrases import (
    growth_phrase,
    ok,
    period_phrase,
    subject_phrase,
)


def regions_sentence(table: pd.DataFrame, parent: str, region: str | None = None, lang: str = "zh") -> str:
    """The regional paragraph, from a comparison of one indicator in one period:
    every peer's growth when there are at most six (the four macro-regions), the
    fastest and the slowest, and — when ``region`` is given — its rank, change
    in rank and gap to the parent.

    >>> import fai
    >>> t = fai.metrics.comparison.compare_regions(fai.load(), "全国", "fai_total", "2024-10")
    >>> regions_sentence(t, "全国")
    '分区域看，中部地区投资增长4.6%，东北地区投资增长3.2%，东部地区投资增长1.8%，西部地区投资增长1.1%。增速最快的是中部地区，比全国高1.2个百分点；最慢的是西部地区，比全国低2.3个百分点。'
    """
    lang = check_lang(lang)
    parent_code = regions.resolve(parent)
    table = table.loc[table["yoy_pct"].notna()]
    if table.empty:
        raise MissingDataError(found=f"no growth rates for the peers of {regions.name_of(parent_code)} ({parent_code})",
                               expected="a comparison with growth rates")
    indicator = str(table["indicator"].iloc[0])
    pname = regions.name_of(parent_code, lang)

    def name(code: str) -> str:
        return regions.name_of(code, lang)

    def vs(value: float) -> str:
        if not ok(value):
            return ""
        if lang == "en":
            return f", {pp_size(value)} pp {'above' if value >= 0 else 'below'} {pname}"
        return f"，比{pname}{'高' if value >= 0 else '低'}{pp_size(value)}个百分点"

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
            out.append(_rank_clause(mine.iloc[0], name(code), len(table), lang, vs))
    return ("" if lang == "zh" else " ").join(out)


def _rank_clause(r: pd.Series, name: str, n: int, lang: str, vs) -> str:
    moved = ""
    if ok(r["rank_change"]) and int(r["rank_change"]) != 0:
        k = int(r["rank_change"])
        if lang == "en":
            moved = f", {'up' if k > 0 else 'down'} {abs(k)} place{'s' if abs(k) > 1 else ''}"
        else:
            moved = f"，比上期{'前移' if k > 0 else '后移'}{abs(k)}位"
    if lang == "en":
        return f"{name} ranked {int(r['rank'])} of {n} ({growth_phrase(r['yoy_pct'], 'en')}{moved}{vs(r['vs_parent_pp'])})."
    return f"{name}投资{growth_phrase(r['yoy_pct'])}，增速居{n}个地区第{int(r['rank'])}位{moved}{vs(r['vs_parent_pp'])}。"


def ranking_sentence(table: pd.DataFrame, parent: str, lang: str = "zh", region: str | None = None) -> str:
    """:func:`regions_sentence` of a ranking, led by the period it ranks ("2024年1—12月：…");
    ``region``: one of the ranked, whose place is said too."""
    period = str(table["period"].iloc[0])
    words = regions_sentence(table, parent, lang=lang, region=region)
    return f"{period_label(period, lang)}：{words}" if lang == "zh" else f"{period_label(period, 'en')}: {words}"


def heatmap_sentence(n_regions: int, n_periods: int, indicator: str, last: pd.DataFrame, lang: str = "zh") -> str:
    """What the heatmap shows, and how many regions grew and fell in its last
    period (``last``: the rows of that period, with ``period`` and ``yoy_pct``).

    >>> last = pd.DataFrame({"period": ["2024-12"] * 3, "yoy_pct": [5.1, -2.0, 3.0]})
    >>> heatmap_sentence(31, 2, "fai_total", last).split('。')[1]
    '2024年1—12月，固定资产投资增速为正的地区2个，为负的1个'
    """
    up, down = int((last["yoy_pct"] > 0).sum()), int((last["yoy_pct"] < 0).sum())
    label = indicator_label(indicator, lang)
    when = period_label(str(last["period"].iloc[0]), lang)
    if lang == "zh":
        return (f"热力图列出{n_regions}个地区在{n_periods}个时期的累计增速（红色为增长，蓝色为下降，灰色为未公布）。"
                f"{when}，{label}增速为正的地区{up}个，为负的{down}个。")
    return (f"The heatmap shows the YTD growth of {n_regions} regions over {n_periods} periods (red growth, "
            f"blue decline, grey not published). In {when}, {label.lower()} grew in {up} regions and fell in {down}.")


def region_contributions_sentence(have: pd.DataFrame, parent: str, lang: str = "zh") -> str:
    """The region that added most to its parent's growth and what all added, from
    a comparison of one period sorted by ``contribution_to_parent_pp`` (largest first)."""
    parent_code = regions.resolve(parent)
    first, period = str(have["indicator"].iloc[0]), str(have["period"].iloc[0])
    pname = regions.name_of(parent_code, lang)
    top = have.iloc[0]
    label = subject_phrase(first, lang)
    total = have["contribution_to_parent_pp"].sum()
    when = period_phrase(period, lang, True)
    if lang == "zh":
        return (f"{when}，{regions.name_of(top['region_code'])}拉动{pname}{label}增长"
                f"{top['contribution_to_parent_pp']:.2f}个百分点，居各地区之首；各地区合计拉动"
                f"{total:.2f}个百分点，{pname}{label}{growth_phrase(float(top['parent_yoy_pct']))}。")
    return (f"In {when}, {regions.name_of(top['region_code'], 'en')} added "
            f"{top['contribution_to_parent_pp']:.2f} pp to the growth of {label} in {pname}, the most of any "
            f"region; together the regions add {total:.2f} pp against "
            f"{float(top['parent_yoy_pct']):.1f}% for {pname}.")


def left_out_sentence(codes: list[str], period: str, lang: str = "zh") -> str:
    """The peers a comparison leaves out because they published nothing for its period.

    >>> left_out_sentence(["900004"], "2025-12")
    '东北地区未公布2025年1—12月数据，未参与排序。'
    """
    if not codes:
        return ""
    when = period_label(period, lang)
    if lang == "en":
        return f" Not ranked, nothing published for {when}: {', '.join(regions.name_of(c, 'en') for c in codes)}."
    return f"{'、'.join(regions.name_of(c) for c in codes)}未公布{when}数据，未参与排序。"


def tile_map_sentence(values: pd.DataFrame, period: str, noun: str, lang: str = "zh") -> str:
    """How many regions grew and fell in one period, and the fastest and the
    slowest, from a comparison (``region_code``, ``yoy_pct``).

    >>> v = pd.DataFrame({"region_code": ["640000", "630000", "110000"], "yoy_pct": [9.1, -32.2, 3.0]})
    >>> tile_map_sentence(v, "2026-06", "各省（区、市）")
    '2026年1—6月，3个省（区、市）中2个增长、1个下降；增速最高的是宁夏回族自治区（增长9.1%），最低的是青海省（下降32.2%）。'
    """
    v = values.dropna(subset=["yoy_pct"]).sort_values("yoy_pct", ascending=False)
    up, down = int((v["yoy_pct"] > 0).sum()), int((v["yoy_pct"] < 0).sum())
    top, bottom = v.iloc[0], v.iloc[-1]
    when = period_label(period, lang)
    if lang == "en":
        return (f"In {when}, {up} of {len(v)} regions grew and {down} fell; fastest "
                f"{regions.name_of(top['region_code'], 'en')} ({growth_phrase(top['yoy_pct'], 'en')}), slowest "
                f"{regions.name_of(bottom['region_code'], 'en')} ({growth_phrase(bottom['yoy_pct'], 'en')}).")
    unit = noun.removeprefix("各")
    return (f"{when}，{len(v)}个{unit}中{up}个增长、{down}个下降；增速最高的是{regions.name_of(top['region_code'])}"
            f"（{growth_phrase(top['yoy_pct'])}），最低的是{regions.name_of(bottom['region_code'])}"
            f"（{growth_phrase(bottom['yoy_pct'])}）。")


def rank_moves_sentence(moves: pd.DataFrame, lang: str = "zh", n: int = 3) -> str:
    """The regions whose rank rose and fell most against a year before, from
    :func:`fai.metrics.ranks.rank_moves` (rank, rank_change_12m).

    >>> m = pd.DataFrame({"region_code": ["320000", "650000"], "period": ["2026-06"] * 2, "rank": [16, 22],
    ...                   "n_ranked": [31, 31], "rank_change_12m": [13, -18]})
    >>> rank_moves_sentence(m)
    '与上年同期相比，位次前移最多的是江苏省（前移13位，居第16位）；后移最多的是新疆维吾尔自治区（后移18位，居第22位）。'
    """
    moved = moves.dropna(subset=["rank_change_12m"])
    risers = moved[moved["rank_change_12m"] > 0].sort_values(["rank_change_12m", "rank"], ascending=[False, True]).head(n)
    fallers = moved[moved["rank_change_12m"] < 0].sort_values(["rank_change_12m", "rank"]).head(n)
    if lang == "en":
        parts = []
        if len(risers):
            parts.append("up most: " + ", ".join(f"{regions.name_of(r.region_code, 'en')} (+{int(r.rank_change_12m)} to "
                                                 f"{int(r.rank)})" for r in risers.itertuples()))
        if len(fallers):
            parts.append("down most: " + ", ".join(f"{regions.name_of(r.region_code, 'en')} ({int(r.rank_change_12m)} to "
                                                   f"{int(r.rank)})" for r in fallers.itertuples()))
        return ("Against a year before, " + "; ".join(parts) + ".") if parts else "Ranks are unchanged against a year before."
    parts = []
    if len(risers):
        parts.append("位次前移最多的是" + "、".join(f"{regions.name_of(r.region_code)}（前移{int(r.rank_change_12m)}位，"
                                            f"居第{int(r.rank)}位）" for r in risers.itertuples()))
    if len(fallers):
        parts.append("后移最多的是" + "、".join(f"{regions.name_of(r.region_code)}（后移{-int(r.rank_change_12m)}位，"
                                          f"居第{int(r.rank)}位）" for r in fallers.itertuples()))
    return ("与上年同期相比，" + "；".join(parts) + "。") if parts else "与上年同期相比，各地区位次没有变化。"


def history_sentence(years: pd.DataFrame, region: str, parent: str | None, latest: pd.Series | None,
                     peers: pd.DataFrame | None = None, noun: str = "", lang: str = "zh") -> str:
    """A region's growth over the years: how many years above and below its
    parent, the highest and the lowest year, its latest rank and how it moved,
    and the peers whose growth ran closest.

    ``years``: one row per year (1—12月) with period, yoy_pct, vs_parent_pp;
    ``latest``: the latest rank row (rank, n_ranked, rank_change_12m) or None;
    ``peers``: :func:`fai.metrics.ranks.closest_peers` or None.
    """
    code = regions.resolve(region)
    name = regions.name_of(code, lang)
    y = years.dropna(subset=["yoy_pct"])
    first = y["period"].iloc[0][:4]
    high, low = y.loc[y["yoy_pct"].idxmax()], y.loc[y["yoy_pct"].idxmin()]
    gaps = y["vs_parent_pp"].dropna() if "vs_parent_pp" in y else pd.Series(dtype=float)
    above, below = int((gaps > 0).sum()), int((gaps < 0).sum())
    pname = regions.name_of(parent, lang) if parent else ""
    if lang == "en":
        words = f"Since {first}, fixed-asset investment in {name} grew fastest in {high['period'][:4]} " \
                f"({high['yoy_pct']:+.1f}%) and slowest in {low['period'][:4]} ({low['yoy_pct']:+.1f}%)"
        if len(gaps):
            words += f"; it grew faster than {pname} in {above} of {len(gaps)} years"
        words += "."
        if latest is not None:
            words += f" In {period_label(str(latest['period']), 'en')} it ranked {int(latest['rank'])} of {int(latest['n_ranked'])}"
            if ok(latest["rank_change_12m"]) and int(latest["rank_change_12m"]):
                k = int(latest["rank_change_12m"])
                words += f", {'up' if k > 0 else 'down'} {abs(k)} on a year before"
            words += "."
        if peers is not None and len(peers):
            words += " Closest in growth: " + ", ".join(regions.name_of(c, "en") for c in peers["region_code"]) + "."
        return words
    words = (f"{first}年以来，{name}固定资产投资年度增速最高为{high['period'][:4]}年的{high['yoy_pct']:.1f}%，"
             f"最低为{low['period'][:4]}年的{low['yoy_pct']:.1f}%")
    if len(gaps):
        words += f"；{len(gaps)}年中有{above}年高于{pname}、{below}年低于{pname}"
    words += "。"
    if latest is not None:
        words += f"{period_label(str(latest['period']))}，增速居{int(latest['n_ranked'])}个{noun.removeprefix('各')}第{int(latest['rank'])}位"
        if ok(latest["rank_change_12m"]) and int(latest["rank_change_12m"]):
            k = int(latest["rank_change_12m"])
            words += f"，比上年同期{'前移' if k > 0 else '后移'}{abs(k)}位"
        words += "。"
    if peers is not None and len(peers):
        words += ("近期增速走势与其最接近的是" + "、".join(regions.name_of(c) for c in peers["region_code"])
                  + f"（平均相差{'、'.join(f'{g:.1f}' for g in peers['mean_abs_gap_pp'])}个百分点）。")
    return words
