"""Region registry: 全国, the four macro-regions, 31 provinces and the local
regions that appear in the bundled data, with codes, parents and names.

Codes
-----
Provinces and lower levels use GB/T 2260 six-digit codes (北京市 110000,
余杭区 330110). Regions GB/T 2260 does not cover get project codes:

====================  ======  =============================================
region                code    note
====================  ======  =============================================
全国                  000000  the nation
东部地区              900001  NBS macro-region (10 provinces)
中部地区              900002  NBS macro-region (6 provinces)
西部地区              900003  NBS macro-region (12 provinces)
东北地区              900004  NBS macro-region (3 provinces)
local without a code  99xxxx  assigned in order of appearance, see ``LOCAL``
====================  ======  =============================================

Parents: province → macro-region → 全国; prefecture → province; county →
prefecture.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from fai.errors import UnknownRegionError

NATION = "000000"
MACRO = {"900001": "东部地区", "900002": "中部地区", "900003": "西部地区", "900004": "东北地区"}

# code, official name, short name, English, macro-region code
_PROVINCES: list[tuple[str, str, str, str, str]] = [
    ("110000", "北京市", "北京", "Beijing", "900001"),
    ("120000", "天津市", "天津", "Tianjin", "900001"),
    ("130000", "河北省", "河北", "Hebei", "900001"),
    ("140000", "山西省", "山西", "Shanxi", "900002"),
    ("150000", "内蒙古自治区", "内蒙古", "Inner Mongolia", "900003"),
    ("210000", "辽宁省", "辽宁", "Liaoning", "900004"),
    ("220000", "吉林省", "吉林", "Jilin", "900004"),
    ("230000", "黑龙江省", "黑龙江", "Heilongjiang", "900004"),
    ("310000", "上海市", "上海", "Shanghai", "900001"),
    ("320000", "江苏省", "江苏", "Jiangsu", "900001"),
    ("330000", "浙江省", "浙江", "Zhejiang", "900001"),
    ("340000", "安徽省", "安徽", "Anhui", "900002"),
    ("350000", "福建省", "福建", "Fujian", "900001"),
    ("360000", "江西省", "江西", "Jiangxi", "900002"),
    ("370000", "山东省", "山东", "Shandong", "900001"),
    ("410000", "河南省", "河南", "Henan", "900002"),
    ("420000", "湖北省", "湖北", "Hubei", "900002"),
    ("430000", "湖南省", "湖南", "Hunan", "900002"),
    ("440000", "广东省", "广东", "Guangdong", "900001"),
    ("450000", "广西壮族自治区", "广西", "Guangxi", "900003"),
    ("460000", "海南省", "海南", "Hainan", "900001"),
    ("500000", "重庆市", "重庆", "Chongqing", "900003"),
    ("510000", "四川省", "四川", "Sichuan", "900003"),
    ("520000", "贵州省", "贵州", "Guizhou", "900003"),
    ("530000", "云南省", "云南", "Yunnan", "900003"),
    ("540000", "西藏自治区", "西藏", "Xizang (Tibet)", "900003"),
    ("610000", "陕西省", "陕西", "Shaanxi", "900003"),
    ("620000", "甘肃省", "甘肃", "Gansu", "900003"),
    ("630000", "青海省", "青海", "Qinghai", "900003"),
    ("640000", "宁夏回族自治区", "宁夏", "Ningxia", "900003"),
    ("650000", "新疆维吾尔自治区", "新疆", "Xinjiang", "900003"),
]

# Local regions in the bundled data: code, name, English, parent code, level.
# 天城县 is named in its source without a province or prefecture and has no
# GB/T 2260 code we can confirm, so it gets a project code.
LOCAL: list[tuple[str, str, str, str | None, str]] = [
    ("330100", "杭州市", "Hangzhou", "330000", "prefecture"),
    ("330110", "余杭区", "Yuhang District", "330100", "county"),
    ("331000", "台州市", "Taizhou (Zhejiang)", "330000", "prefecture"),
    ("331002", "椒江区", "Jiaojiang District", "331000", "county"),
    ("430200", "株洲市", "Zhuzhou", "430000", "prefecture"),
    ("990001", "天城县", "Tiancheng County", None, "county"),
]

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")


@dataclass(frozen=True)
class Region:
    """One registry entry."""

    code: str
    name: str
    name_en: str
    parent_code: str | None
    level: str


# Regions registered at run time (from the data, or found by cpca).
_EXTRA: list[tuple[str, str, str, str | None, str]] = []


def register(code: str, name: str, parent_code: str | None, level: str, name_en: str = "") -> str:
    """Add a lower-level region (prefecture, county) to the registry at run time.

    Used for regions that appear in the data but not in the built-in list.
    Returns the code.

    >>> register("330106", "西湖区", "330100", "county", "Xihu District")
    '330106'
    """
    if lookup_builtin(code) is None:
        _EXTRA.append((code, name, name_en or code, parent_code, level))
        registry.cache_clear()
        _aliases.cache_clear()
        _by_code.cache_clear()
    return code


def lookup_builtin(name: str) -> str | None:
    """Like :func:`lookup` but never asks cpca."""
    text = _clean(name).lower()
    aliases = _aliases()
    return aliases.get(text) or aliases.get(_short(text))


def lookup_lower(name: str) -> str | None:
    """Find a prefecture or county with cpca (when installed) and register it.

    Accepted only when cpca's leaf name equals the name asked for, so a
    guess is never taken for a match (cpca maps the unknown 天城县 to 重庆市).

    >>> lookup_lower("椒江区")  # doctest: +SKIP
    '331002'
    """
    try:
        import cpca
    except ImportError:
        return None
    text = _clean(name)
    try:
        row = cpca.transform([text]).iloc[0]
    except Exception:  # noqa: BLE001 — cpca is optional and best-effort
        return None
    code = str(row.get("adcode") or "")
    county, city = row.get("区"), row.get("市")
    leaf = county if isinstance(county, str) and county else city
    province = row.get("省") if isinstance(row.get("省"), str) else ""
    city_name = city if isinstance(city, str) else ""
    if not (len(code) == 6 and code.isdigit() and isinstance(leaf, str)):
        return None
    if text not in {leaf, city_name + leaf, province + city_name + leaf, province + leaf}:
        return None
    is_county = isinstance(county, str) and bool(county)
    parent = code[:4] + "00" if is_county else code[:2] + "0000"
    if lookup_builtin(parent) is None and is_county and isinstance(city, str):
        register(parent, city, code[:2] + "0000", "prefecture")
    return register(code, leaf, parent, "county" if is_county else "prefecture")


@functools.lru_cache(maxsize=1)
def registry() -> pd.DataFrame:
    """The region registry as a DataFrame (one row per region).

    Columns: region_code, region_name, region_name_en, short_name,
    parent_code, level (nation / macro / province / prefecture / county).

    >>> registry().set_index("region_code").loc["150000", "parent_code"]
    '900003'
    """
    rows = [(NATION, "全国", "China", "全国", None, "nation")]
    en = {"900001": "East", "900002": "Central", "900003": "West", "900004": "Northeast"}
    rows += [(c, n, en[c], n.removesuffix("地区"), NATION, "macro") for c, n in MACRO.items()]
    rows += [(c, n, e, s, p, "province") for c, n, s, e, p in _PROVINCES]
    rows += [(c, n, e, _short(n), p, lvl) for c, n, e, p, lvl in [*LOCAL, *_EXTRA]]
    return pd.DataFrame(
        rows,
        columns=["region_code", "region_name", "region_name_en", "short_name", "parent_code", "level"],
    )


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for r in registry().itertuples(index=False):
        for alias in {r.region_code, r.region_name, r.short_name, r.region_name_en.lower()}:
            table[alias] = r.region_code
        if r.level == "macro":
            table[r.short_name] = r.region_code  # 东部
            table[r.short_name + "区域"] = r.region_code
    table.update({"中国": NATION, "全國": NATION, "china": NATION, "national": NATION,
                  "tibet": "540000", "xizang": "540000"})
    return {k.lower().replace(" ", ""): v for k, v in table.items()}


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", str(name)).strip()


def lookup(name: str) -> str | None:
    """Region code for any common form of a name or code, or None when unknown.

    Prefectures and counties outside the registry are looked up with cpca
    when it is installed (``pip install cpca``) and registered.

    >>> lookup("内蒙古"), lookup("广西壮族自治区"), lookup("北京"), lookup("东部")
    ('150000', '450000', '110000', '900001')
    """
    code = lookup_builtin(name)
    if code is None and _clean(name).endswith(("市", "区", "县", "旗", "州", "盟")):
        code = lookup_lower(name)
    return code


def resolve(name: str, *, where: str = "") -> str:
    """Like :func:`lookup` but raises :class:`UnknownRegionError` when unknown.

    >>> resolve("北京市")
    '110000'
    """
    code = lookup(name)
    if code is None:
        prefix = f"{where}: " if where else ""
        raise UnknownRegionError(
            f"{prefix}region {name!r} is not in the registry — expected a province, "
            "macro-region, 全国 or a region of the bundled data (e.g. 北京市, 内蒙古, 东部地区)"
        )
    return code


def get(code_or_name: str) -> Region:
    """The registry entry of a region, by code or by any form of its name.

    >>> get("余杭区").parent_code
    '330100'
    """
    return _by_code()[resolve(code_or_name)]


@functools.lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    """The registry as Region entries by code (rebuilt when a region is registered)."""
    return {
        r.region_code: Region(
            r.region_code, r.region_name, r.region_name_en,
            r.parent_code if isinstance(r.parent_code, str) else None,  # NaN/None → None
            r.level,
        )
        for r in registry().itertuples(index=False)
    }


def ancestors(code_or_name: str) -> list[str]:
    """Codes of a region's parents up to 全国, nearest first.

    >>> ancestors("余杭区")
    ['330100', '330000', '900001', '000000']
    """
    chain: list[str] = []
    parent = get(code_or_name).parent_code
    while parent is not None:
        chain.append(parent)
        parent = get(parent).parent_code
    return chain


def name_of(code: str, lang: str = "zh") -> str:
    """Display name of a region code in Chinese (default) or English.

    >>> name_of("900001"), name_of("900001", "en")
    ('东部地区', 'East')
    """
    reg = get(code)
    return reg.name_en if lang == "en" else reg.name


def children(code: str) -> list[str]:
    """Codes of the registry's direct children of a region, in registry order.

    >>> len(children("000000")), len(children("900003"))
    (4, 12)
    """
    reg = registry()
    return reg.loc[reg["parent_code"] == code, "region_code"].tolist()


def provinces() -> list[str]:
    """Codes of the 31 provinces in GB/T 2260 order.

    >>> len(provinces())
    31
    """
    return [c for c, *_ in _PROVINCES]


def slug(code: str) -> str:
    """An ASCII, path-safe slug for a region (used for report folders).

    >>> slug("150000"), slug("900001")
    ('150000-inner-mongolia', '900001-east')
    """
    reg = get(code)
    text = re.sub(r"[^a-z0-9]+", "-", reg.name_en.lower()).strip("-")
    safe_code = re.sub(r"[^0-9A-Za-z]", "", reg.code)
    return f"{safe_code}-{text}" if text else safe_code
