"""Indicator registry: the controlled vocabulary of the tidy table.

Each indicator has a key (``fai_manufacturing``), a Chinese and an English
label, a unit, and a parent: the total it is a part of (fai_manufacturing →
fai_industry → fai_secondary → fai_total). Shares and contributions use the
parent links; ``group`` names exhaustive breakdowns whose contributions must
add up to the parent's growth (primary + secondary + tertiary = total).

>>> label("fai_private"), label("fai_private", "en"), parent("fai_manufacturing")
('民间投资', 'Private investment', 'fai_industry')
"""

from __future__ import annotations

import functools

import pandas as pd

from fai.errors import UnknownIndicatorError

# key, label_zh, label_en, parent, group
_INDICATORS: list[tuple[str, str, str, str | None, str | None]] = [
    ("fai_total", "固定资产投资", "Fixed-asset investment", None, None),
    ("fai_private", "民间投资", "Private investment", "fai_total", None),
    ("fai_state_holding", "国有控股投资", "State-holding investment", "fai_total", None),
    ("fai_primary", "第一产业投资", "Primary industry", "fai_total", "sector"),
    ("fai_secondary", "第二产业投资", "Secondary industry", "fai_total", "sector"),
    ("fai_tertiary", "第三产业投资", "Tertiary industry (services)", "fai_total", "sector"),
    ("fai_industry", "工业投资", "Industry", "fai_secondary", None),
    ("fai_mining", "采矿业投资", "Mining", "fai_industry", "industry"),
    ("fai_manufacturing", "制造业投资", "Manufacturing", "fai_industry", "industry"),
    ("fai_utilities", "电力、热力、燃气及水生产和供应业投资", "Utilities", "fai_industry", "industry"),
    ("fai_infrastructure", "基础设施投资", "Infrastructure", "fai_total", None),
    ("fai_urban_infrastructure", "城市基础设施投资", "Urban infrastructure", "fai_infrastructure", None),
    ("fai_real_estate", "房地产开发投资", "Real-estate development", "fai_total", None),
    ("fai_residential", "住宅投资", "Residential real estate", "fai_real_estate", None),
    ("fai_project", "项目投资", "Project investment", "fai_total", None),
    ("fai_tech_renovation", "技术改造投资", "Technical renovation", "fai_industry", None),
    ("fai_capital_construction", "基本建设投资", "Capital construction", "fai_total", None),
    ("fai_renovation", "更新改造投资", "Renovation", "fai_total", None),
    ("fai_key_projects", "重点项目投资", "Key projects", "fai_total", None),
    ("fai_high_tech", "高技术产业投资", "High-tech industries", "fai_total", None),
    ("fai_social", "社会领域投资", "Social sectors", "fai_total", None),
    # Different series or scopes: kept apart from fai_total, never summed with it.
    ("fai_funds_in_place", "固定资产投资实际到位资金", "Funds in place for FAI", None, None),
    ("fai_urban", "城镇固定资产投资", "Urban FAI (pre-2011 scope)", None, None),
    ("fai_project_500k_plus", "500万元以上项目投资", "Projects over 5 million yuan", None, None),
    ("other", "其他投资", "Other investment", None, None),
]


# key -> (label_zh, label_en, parent, group): the lookups below run per label and
# per chart, so they read this dict rather than indexing the DataFrame each time.
_BY_KEY: dict[str, tuple[str, str, str | None, str | None]] = {
    key: (zh, en, parent, group) for key, zh, en, parent, group in _INDICATORS
}


@functools.lru_cache(maxsize=1)
def registry() -> pd.DataFrame:
    """The indicator registry: key, label_zh, label_en, unit, parent, group.

    >>> registry().set_index("key").loc["fai_manufacturing", "parent"]
    'fai_industry'
    """
    df = pd.DataFrame(_INDICATORS, columns=["key", "label_zh", "label_en", "parent", "group"])
    df.insert(3, "unit", "100m_yuan")
    return df


def keys() -> list[str]:
    """All indicator keys.

    >>> "fai_private" in keys()
    True
    """
    return list(_BY_KEY)


def check(key: str, *, where: str = "") -> str:
    """Return ``key`` if it is in the registry, else raise :class:`UnknownIndicatorError`.

    >>> check("fai_total")
    'fai_total'
    """
    if key not in _BY_KEY:
        raise UnknownIndicatorError(
            where=where or None, found=f"indicator {str(key)[:60]!r} is not in the registry",
            expected=f"one of {', '.join(keys()[:6])}, … (see fai.indicators.keys())",
        )
    return key


def label(key: str, lang: str = "zh") -> str:
    """Display label of an indicator in Chinese (default) or English.

    >>> label("fai_private"), label("fai_private", "en")
    ('民间投资', 'Private investment')
    """
    label_zh, label_en, _, _ = _BY_KEY[check(key)]
    return label_en if lang == "en" else label_zh


def parent(key: str) -> str | None:
    """The total an indicator is a part of, or None for a top-level series.

    >>> parent("fai_industry")
    'fai_secondary'
    """
    return _BY_KEY[check(key)][2]


def ancestors(key: str) -> list[str]:
    """Chain of parents up to the top (nearest first).

    >>> ancestors("fai_manufacturing")
    ['fai_industry', 'fai_secondary', 'fai_total']
    """
    chain: list[str] = []
    p = parent(key)
    while p is not None:
        chain.append(p)
        p = parent(p)
    return chain


def group_members(group: str) -> list[str]:
    """Members of an exhaustive breakdown, e.g. ``sector`` → the three sectors.

    >>> group_members("sector")
    ['fai_primary', 'fai_secondary', 'fai_tertiary']
    """
    reg = registry()
    return reg.loc[reg["group"] == group, "key"].tolist()
