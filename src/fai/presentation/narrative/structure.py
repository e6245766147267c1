"""Sentences of the structure report: components with their shares and
contributions (拉动), components against the total's growth, the residual of
the three sectors. Each takes derived numbers."""

from __future__ import annotations

import pandas as pd

from fai.errors import MissingDataError
from fai.model import indicators, regions
from fai.presentation.formats import check_lang, pp_size
from fai.presentation.narrative.growth import figure_clause
from fai.presentation.narrative.phrases import (
    growth_phrase,
    ok,
    period_phrase,
    region_phrase,
    select,
    subject_phrase,
)

GROUP_INTRO = {"sector": ("分产业看", "By sector"), "industry": ("分行业看", "By industry")}


def _parent_name(parent: str | None, lang: str) -> str:
    if parent == "fai_total":
        return "total investment" if lang == "en" else "全部投资"
    return subject_phrase(parent, lang) if parent else ""


def _share_and_contribution(row: pd.Series, parent: str | None, lang: str) -> list[str]:
    parent_name = _parent_name(parent, lang)
    parts = []
    if ok(row.get("share_pct")):
        share = f"{row['share_pct']:.1f}%"
        parts.append(f"{share} of {parent_name}" if lang == "en" else f"占{parent_name}的{share}")
    if ok(row.get("contribution_pp")):
        c = float(row["contribution_pp"])
        whose = "投资" if parent == "fai_total" else parent_name
        if lang == "en":
            parts.append(f"{'adding' if c >= 0 else 'taking'} {pp_size(c)} percentage points "
                         f"{'to' if c >= 0 else 'off'} the growth of {parent_name}")
        elif c >= 0:
            parts.append(f"拉动{whose}增长{pp_size(c)}个百分点")
        else:
            parts.append(f"下拉{whose}增速{pp_size(c)}个百分点")
    return parts


def structure_sentence(
    derived: pd.DataFrame,
    region: str,
    period: str = "latest",
    group: str | list[str] = "sector",
    lang: str = "zh",
) -> str:
    """Each component's level, growth, share of its parent and contribution (拉动)
    to the parent's growth — for an exhaustive group ("sector", "industry") or a
    list of indicators — from a derived table. Missing figures are left out;
    components with nothing are skipped.

    >>> import fai
    >>> structure_sentence(fai.derive_metrics(fai.load()), "全国", "2024-11")  # doctest: +ELLIPSIS
    '分产业看，第一产业投资8709亿元，同比增长2.4%，占全部投资的1.9%，拉动投资增长0.05个百分点；第二产业投资161632亿元，增长12.0%，...'
    """
    lang = check_lang(lang)
    code, period, table = select(derived, region, period)
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
        parts = figure_clause(row, lang, first=(i == 0 and lang == "zh"))
        parts += _share_and_contribution(row, indicators.parent(key), lang)
        if not parts:
            continue
        if lang == "en":
            clauses.append(subject_phrase(key, lang) + " was " + ", ".join(parts))
        else:
            clauses.append(subject_phrase(key, lang) + "，".join(parts))
    if not clauses:
        raise MissingDataError(found=f"no figures of {', '.join(members)} for {regions.name_of(code)} ({code}) in "
                                     f"{period}",
                               expected="a level or growth rate of a component")
    if lang == "en":
        return f"{intro} ({period_phrase(period, 'en', True)}): " + "; ".join(clauses) + "."
    return f"{intro}，" + "；".join(clauses) + "。"


def component_growth_sentence(rows: pd.DataFrame, region: str, period: str, lang: str = "zh") -> str:
    """Components growing faster than total investment and the others, from the
    rows of one period (``indicator``, ``yoy_pct``; fai_total among them), in
    the order given.

    >>> rows = pd.DataFrame({"indicator": ["fai_total", "fai_private", "fai_infrastructure"],
    ...                      "yoy_pct": [3.3, -0.4, 4.2]})
    >>> component_growth_sentence(rows, "000000", "2024-11")
    '2024年1—11月份，全国固定资产投资同比增长3.3%。增速高于全部投资的有基础设施投资（增长4.2%）；低于或等于全部投资的有民间投资（下降0.4%）。'
    """
    total = float(rows.loc[rows["indicator"] == "fai_total", "yoy_pct"].iloc[0])
    parts = rows[rows["indicator"] != "fai_total"]
    above = parts[parts["yoy_pct"] > total]
    below = parts[parts["yoy_pct"] <= total]

    def listing(frame: pd.DataFrame) -> str:
        sep = "、" if lang == "zh" else ", "
        return sep.join(f"{subject_phrase(k, lang)}（{growth_phrase(v, lang)}）" if lang == "zh"
                        else f"{subject_phrase(k, lang)} ({growth_phrase(v, 'en')})"
                        for k, v in zip(frame["indicator"], frame["yoy_pct"]))

    name = region_phrase(regions.resolve(region), lang)
    when = period_phrase(period, lang, True)
    if lang == "zh":
        words = f"{when}，{name}固定资产投资{growth_phrase(total, prefix='同比')}。"
        if len(above):
            words += f"增速高于全部投资的有{listing(above)}"
        if len(below):
            words += ("；" if len(above) else "") + f"低于或等于全部投资的有{listing(below)}"
        return words + "。"
    words = f"In {when}, fixed-asset investment in {name} was {growth_phrase(total, 'en', prefix='y')}."
    if len(above):
        words += f" Faster than the total: {listing(above)}."
    if len(below):
        words += f" At or below the total: {listing(below)}."
    return words


def residual_sentence(summed: float, total: float, residual: float, lang: str = "zh") -> str:
    """The three sectors' contributions added up against the published growth.

    >>> residual_sentence(-2.6364, -2.6, 0.0364)
    '三次产业合计拉动-2.64个百分点，与公布增速-2.6%相差0.04个百分点（可比口径调整与四舍五入）。'
    """
    if lang == "zh":
        return (f"三次产业合计拉动{summed:.2f}个百分点，与公布增速{total:.1f}%相差{residual:.2f}个百分点"
                "（可比口径调整与四舍五入）。")
    return (f" The three sectors add up to {summed:.2f} pp against {total:.1f}% published: a residual of "
            f"{residual:.2f} pp (comparable-basis adjustments and rounding).")
