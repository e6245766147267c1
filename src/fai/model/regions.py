"""Region registry: every province, prefecture and county of China, the project's
全国 and four macro-regions, and the user's own regions, with codes, parents and names.

Where the regions come from (all offline, read on first use, cached per project)
---------------------------------------------------------------------------------
====================================  ===================================================
``model/data/region_codes.csv``       the official list (民政部 行政区划代码, GB/T 2260):
                                      31 provinces, 333 prefectures, 2,847 counties
``model/data/region_old_names.csv``   former names → current code (余杭市 → 330110)
``model/data/region_project.csv``     全国 000000 and the NBS macro-regions 900001–900004
``model/data/region_labels.csv``      short and English names; a province's macro-region
``data/regions.csv`` (the project's)  regions that are not administrative units (高新区,
                                      经开区, 新区, 天城县 990001): code, name, parent, level
====================================  ===================================================

``tools/build_region_codes.py`` rebuilds the first two from the official list;
``data/README.md`` gives the provenance.

Parents: county → prefecture (or the province for 直辖市 districts and 省直辖县级
行政区 such as 仙桃市) → province → macro-region → 全国.

Names
-----
A region is found by its code, its official name, the short name it is called by
(余杭, 株洲, 内蒙古, 延边), a former name (襄樊市) or its English name. When a name
is shared, the higher level wins (吉林 is the province, 吉安 the prefecture, not
吉安县); two regions of one level (北京市朝阳区 and 长春市朝阳区) are told apart by
naming the parent: ``北京市朝阳区``, ``北京朝阳区``, ``朝阳区, 北京市``, ``朝阳区（北京）``.
:func:`resolve` raises :class:`~fai.errors.AmbiguousRegionError` listing them.

>>> resolve("北京"), name_of("330110"), name_of("110000", "en")
('110000', '余杭区', 'Beijing')
>>> children("000000"), len(provinces())
(['900001', '900002', '900003', '900004'], 31)
"""

from __future__ import annotations

import csv
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fai import re_cache
from fai.errors import AmbiguousRegionError, UnknownRegionError
from fai.model.region_aliases import DATA, clean, display_short, short_names, show
from fai.model.region_file import LEVELS, read_user_file
from fai.paths import project_dir

if TYPE_CHECKING:  # pandas loads on first use of the frame: `fai parse` looks names up without it
    import pandas as pd

NATION = "000000"
MACRO = {"900001": "东部地区", "900002": "中部地区", "900003": "西部地区", "900004": "东北地区"}
USER_FILE = Path("data") / "regions.csv"
_SEPARATORS = re_cache.compile(r"[\s,，、;；/|()（）\[\]【】<>《》·•\-—]+")
_MEMO_LIMIT = 50_000


@dataclass(frozen=True)
class Region:
    """One registry entry."""

    code: str
    name: str
    name_en: str
    parent_code: str | None
    level: str


# --------------------------------------------------------------------------- building
def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class _Registry:
    """Every region of one project, with the look-up tables built once."""

    def __init__(self, user_file: Path) -> None:
        self.user_file = user_file
        self.memo: dict[str, tuple[str, ...]] = {}
        self.chains: dict[str, tuple[str, ...]] = {}
        self.entries: dict[str, Region] = {}
        self.short: dict[str, str] = {}
        key = _bundled_key()
        if key is None:
            self._build_bundled()
        else:  # (the tables of the bundled files, as an earlier run built them)
            self._set_bundled(re_cache.memo(self._bundled, *key))
        for code, name, name_en, parent, level in read_user_file(user_file, self):
            self._add(code, name, name_en or name, parent, level, display_short(name))
            self._index(code)
        self.children: dict[str, list[str]] = {}
        for r in self.entries.values():
            if r.parent_code is not None:
                self.children.setdefault(r.parent_code, []).append(r.code)

    def _bundled(self) -> tuple:
        """The tables of the bundled files (:meth:`_build_bundled`) as plain values."""
        self._build_bundled()
        rows = [(r.code, r.name, r.name_en, r.parent_code, r.level) for r in self.entries.values()]
        return rows, self.short, self.official, self.old_names, self.tiers, self.max_alias

    def _set_bundled(self, tables: tuple) -> None:
        """The tables of :meth:`_bundled` as this registry's."""
        rows, self.short, self.official, self.old_names, self.tiers, self.max_alias = tables
        self.entries = {row[0]: Region(*row) for row in rows}

    def _build_bundled(self) -> None:
        """The regions of the bundled files and their look-up tables."""
        for row in _read_csv(DATA / "region_project.csv"):
            self._add(row["code"], row["name"], row["name_en"], row["parent_code"] or None, row["level"],
                      row["short_name"])
        labels = {row["code"]: row for row in _read_csv(DATA / "region_labels.csv")}
        official = _read_csv(DATA / "region_codes.csv")
        # provinces first (GB/T 2260 order), then prefectures and counties by code
        for row in sorted(official, key=lambda r: (r["level"] != "province", r["code"])):
            label = labels.get(row["code"], {})
            parent = label.get("parent_code") or row["parent_code"] or None
            self._add(row["code"], row["name"], label.get("name_en") or row["name"], parent, row["level"],
                      label.get("short_name") or display_short(row["name"]))
        self.official = frozenset(r["code"] for r in official)
        self.old_names = [(row["name"], row["code"]) for row in _read_csv(DATA / "region_old_names.csv")]
        self.tiers = self._tiers()

    def _add(self, code: str, name: str, name_en: str, parent: str | None, level: str, short: str) -> None:
        self.entries[code] = Region(code, name, name_en, parent, level)
        self.short[code] = short

    def _aliases(self, code: str) -> list[tuple[int, str]]:
        """(tier, alias) of one region: code and names 0 (a province's) / 1 / 2; short names 3 / 4."""
        r = self.entries[code]
        if r.level in ("nation", "macro", "province"):
            out = [(0, a) for a in (r.code, r.name, self.short[r.code], r.name_en)]
            return out + [(0, self.short[r.code] + "区域")] if r.level == "macro" else out
        lower = r.level in ("county", "town")
        out = [(0, r.code), (2 if lower else 1, r.name), (2 if lower else 1, r.name_en)]
        return out + [(4 if lower else 3, a) for a in short_names(r.name)]

    def _index(self, code: str) -> None:
        """Add a region registered after the tables were built (data/regions.csv, register())."""
        for tier, alias in self._aliases(code):
            alias = clean(alias)
            if alias:
                self.tiers[tier][alias] = tuple(sorted({*self.tiers[tier].get(alias, ()), code}))
        self.max_alias = max(self.max_alias, *(len(clean(a)) for _, a in self._aliases(code)))

    def _tiers(self) -> list[dict[str, tuple[str, ...]]]:
        """alias → codes, by priority: the first tier that knows an alias decides."""
        tiers: list[dict[str, set[str]]] = [{} for _ in range(7)]

        def put(tier: int, alias: str, code: str) -> None:
            alias = clean(alias)
            if alias:
                tiers[tier].setdefault(alias, set()).add(code)

        for code in self.entries:
            for tier, alias in self._aliases(code):
                put(tier, alias, code)
        for alias, code in (("中国", NATION), ("全國", NATION), ("china", NATION), ("national", NATION),
                            ("tibet", "540000"), ("xizang", "540000")):
            put(0, alias, code)
        known = set().union(*tiers[:5])
        for name, code in self.old_names:
            if code in self.entries and clean(name) not in known:
                put(5, name, code)
                for alias in short_names(name):
                    put(6, alias, code)
        self.max_alias = max(len(a) for tier in tiers for a in tier)
        return [{a: tuple(sorted(c)) for a, c in tier.items()} for tier in tiers]

    # ------------------------------------------------------------------ look-up
    def direct(self, text: str) -> tuple[str, ...]:
        for tier in self.tiers:
            if text in tier:
                return tier[text]
        return ()

    def ancestors(self, code: str) -> tuple[str, ...]:
        found = self.chains.get(code)
        if found is None:
            chain: list[str] = []
            parent = self.entries[code].parent_code
            while parent is not None and parent in self.entries and parent not in chain:
                chain.append(parent)
                parent = self.entries[parent].parent_code
            found = self.chains[code] = tuple(chain)
        return found

    def candidates(self, name: object) -> tuple[str, ...]:
        key = str(name)
        if key in self.memo:
            return self.memo[key]
        if len(self.memo) > _MEMO_LIMIT:
            self.memo.clear()
        found = self._candidates(key)
        self.memo[key] = found
        return found

    def _candidates(self, name: str) -> tuple[str, ...]:
        if len(name) > 200:
            return ()
        text = clean(name)
        if not text:
            return ()
        found = self.direct(text) or self._joined(text, 0)
        if len(found) == 1:
            return found
        parts = [clean(p) for p in _SEPARATORS.split(name.strip()) if p.strip()]
        if len(parts) > 1:
            narrowed = self._parts(parts)
            if narrowed:
                return narrowed
        return found

    def _joined(self, text: str, depth: int) -> tuple[str, ...]:
        """北京市朝阳区, 吉林省长春市朝阳区: a parent's name, then the region's."""
        if depth > 3 or len(text) < 3:
            return ()
        found: set[str] = set()
        for i in range(min(len(text) - 1, self.max_alias), 1, -1):
            heads = self.direct(text[:i])
            if not heads:
                continue
            rest = text[i:]
            tails = self.direct(rest) or self._joined(rest, depth + 1)
            found |= {t for t in tails if any(h in self.ancestors(t) for h in heads)}
        return tuple(sorted(found))

    def _parts(self, parts: list[str]) -> tuple[str, ...]:
        """朝阳区, 北京市 — the region and its parents in either order."""
        options = [self.direct(p) or self._joined(p, 0) for p in parts]
        if not all(options):
            return ()
        found = set()
        for i, leaves in enumerate(options):
            for leaf in leaves:
                up = set(self.ancestors(leaf))
                if all(up & set(o) for j, o in enumerate(options) if j != i):
                    found.add(leaf)
        return tuple(sorted(found))

    def children_of(self, code: str) -> list[str]:
        return [r.code for r in self.entries.values() if r.parent_code == code]

    def describe(self, code: str) -> str:
        """余杭区 → '杭州市余杭区 (330110)': a region with its parent, for messages."""
        r = self.entries[code]
        parent = self.entries.get(r.parent_code or "")
        prefix = parent.name if parent is not None and parent.level not in ("nation", "macro") else ""
        return f"{prefix}{r.name} ({code})"

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        import pandas as pd

        rows = [(r.code, r.name, r.name_en, self.short[r.code], r.parent_code, r.level)
                for r in self.entries.values()]
        return pd.DataFrame(rows, columns=["region_code", "region_name", "region_name_en", "short_name",
                                           "parent_code", "level"])


#: what the tables of the bundled regions are built from: the files, and the code
_BUNDLED_FROM = [DATA / name for name in ("region_project.csv", "region_labels.csv", "region_codes.csv",
                                          "region_old_names.csv", "ethnic_groups.txt")]


def _bundled_key() -> tuple[str, ...] | None:
    """The key of the bundled tables in :func:`fai.re_cache.memo` (building them is a third of
    ``fai parse``'s start-up): digests of the files and code they are built from; None when
    one cannot be read (then they are built)."""
    from fai.model import region_aliases

    digests = [re_cache.source_digest(str(path))
               for path in (*_BUNDLED_FROM, Path(__file__), Path(region_aliases.__file__))]
    return None if None in digests else ("regions", *digests)  # type: ignore[return-value]


_STATE: dict[str | None, _Registry] = {}


def _reg() -> _Registry:
    """The registry of the current project (``$FAI_HOME`` or the checkout), built once."""
    home = os.environ.get("FAI_HOME")
    reg = _STATE.get(home)
    if reg is None:
        _STATE.clear()
        reg = _STATE[home] = _Registry(project_dir() / USER_FILE)
    return reg


def reload() -> None:
    """Forget the registry, so the next look-up reads ``data/regions.csv`` again."""
    _STATE.clear()


def user_file() -> Path:
    """The project's own regions file: ``data/regions.csv``."""
    return project_dir() / USER_FILE


# --------------------------------------------------------------------------- public API
def register(code: str, name: str, parent_code: str | None, level: str, name_en: str = "") -> str:
    """Add a region to the registry for this session (a notebook's own region).

    To keep a region, add a line to ``data/regions.csv`` instead. Returns the code.

    >>> register("990099", "示例经开区", "330523", "county", "Example Zone")
    '990099'
    """
    reg = _reg()
    if code not in reg.entries:
        reg._add(code, name, name_en or name, parent_code, level, display_short(name))
        reg._index(code)
        if parent_code is not None:
            reg.children.setdefault(parent_code, []).append(code)
        reg.memo.clear()
        reg.__dict__.pop("frame", None)
    return code


def registry() -> pd.DataFrame:
    """The region registry as a DataFrame (one row per region).

    Columns: region_code, region_name, region_name_en, short_name,
    parent_code, level (nation / macro / province / prefecture / county / town).

    >>> registry().set_index("region_code").loc["150000", "parent_code"]
    '900003'
    """
    return _reg().frame


def candidates(name: object) -> list[str]:
    """Every code a name could mean (empty when unknown; two or more when ambiguous).

    >>> candidates("朝阳区"), candidates("北京朝阳区")
    (['110105', '220104'], ['110105'])
    """
    return list(_reg().candidates(name))


def lookup(name: object) -> str | None:
    """Region code for any common form of a name or code, or None when unknown or ambiguous.

    >>> lookup("内蒙古"), lookup("广西壮族自治区"), lookup("余杭"), lookup("东部"), lookup("朝阳区")
    ('150000', '450000', '330110', '900001', None)
    """
    found = _reg().candidates(name)
    return found[0] if len(found) == 1 else None


def resolve(name: object, *, where: str = "") -> str:
    """Like :func:`lookup` but raises when the name is unknown or ambiguous.

    :class:`~fai.errors.UnknownRegionError` names what was asked for;
    :class:`~fai.errors.AmbiguousRegionError` lists the regions it could be and asks
    for the parent.

    >>> resolve("北京市朝阳区")
    '110105'
    """
    reg = _reg()
    found = reg.candidates(name)
    if len(found) == 1:
        return found[0]
    if found:
        shown = ", ".join(reg.describe(c) for c in found[:6]) + (" …" if len(found) > 6 else "")
        first = reg.entries[found[0]]
        parent = reg.entries.get(first.parent_code or "")
        example = f"{parent.name}{first.name} or {first.name}, {parent.name}" if parent else first.code
        raise AmbiguousRegionError(where=where or "region", found=f"region {show(name)} could be {shown}",
                                   expected=f"the region with its parent, e.g. {example}, or its code")
    raise UnknownRegionError(where=where or "region", found=f"region {show(name)} is not in the registry",
                             expected="a province, prefecture or county of China (name or code, e.g. "
                             "北京市, 安吉县, 330523), 全国, a macro-region, or a region of data/regions.csv")


def get(code_or_name: str) -> Region:
    """The registry entry of a region, by code or by any form of its name.

    >>> get("余杭区").parent_code
    '330100'
    """
    reg = _reg()
    entry = reg.entries.get(code_or_name)
    return entry if entry is not None else reg.entries[resolve(code_or_name)]


def ancestors(code_or_name: str) -> list[str]:
    """Codes of a region's parents up to 全国, nearest first.

    >>> ancestors("余杭区")
    ['330100', '330000', '900001', '000000']
    """
    reg = _reg()
    entry = reg.entries.get(code_or_name)
    return list(reg.ancestors(entry.code if entry is not None else resolve(code_or_name)))


def name_of(code: str, lang: str = "zh") -> str:
    """Display name of a region code in Chinese (default) or English (the Chinese
    name when no English one is known).

    >>> name_of("900001"), name_of("900001", "en")
    ('东部地区', 'East')
    """
    reg = get(code)
    return reg.name_en if lang == "en" else reg.name


def children(code: str) -> list[str]:
    """Codes of a region's direct children, in registry order.

    >>> len(children("000000")), len(children("900003")), len(children("330100"))
    (4, 12, 13)
    """
    return list(_reg().children.get(code, []))


def peer_group(code: str) -> tuple[list[str], str | None]:
    """The regions ``code`` is compared among, and their yardstick: a province among the 31
    provinces under 全国 (its macro-region is a grouping, not its yardstick); any other region
    among its parent's children under that parent. ``([], None)`` for 全国.

    >>> peers, yardstick = peer_group("330000")
    >>> len(peers), yardstick
    (31, '000000')
    >>> peer_group("330110")[1]
    '330100'
    """
    entry = get(code)
    if entry.level == "province":
        return provinces(), "000000"
    up = ancestors(entry.code)
    return (children(up[0]), up[0]) if up else ([], None)


def provinces() -> list[str]:
    """Codes of the 31 provinces in GB/T 2260 order.

    >>> len(provinces())
    31
    """
    return [r.code for r in _reg().entries.values() if r.level == "province"]


def named_in(text: str) -> list[str]:
    """The regions a text (a table's title, a file name) names, most specific first.

    Names are matched longest first; a region that is the parent of another named
    one is dropped (浙江省安吉县 names 安吉县), and a shared name is kept only when a
    named parent tells which it is.

    >>> named_in("浙江省安吉县2025年1-9月固定资产投资"), named_in("朝阳区统计局")
    (['330523'], [])
    """
    reg = _reg()
    text = clean(text)[:2000]
    found: list[tuple[str, ...]] = []
    i = 0
    while i < len(text) - 1:
        for j in range(min(len(text), i + reg.max_alias), i + 1, -1):
            codes = reg.direct(text[i:j])
            if codes:
                found.append(codes)
                i = j
                break
        else:
            i += 1
    sure = {c[0] for c in found if len(c) == 1}
    picked: list[str] = []
    for codes in found:
        options = [c for c in codes if len(codes) == 1 or sure & set(reg.ancestors(c))]
        if len(options) == 1 and options[0] not in picked:
            picked.append(options[0])
    above = {a for c in picked for a in reg.ancestors(c)}
    result = [c for c in picked if c not in above]
    return sorted(result, key=lambda c: -LEVELS.index(reg.entries[c].level))


def slug(code: str) -> str:
    """An ASCII, path-safe slug for a region (used for report folders).

    >>> slug("150000"), slug("900001"), slug("330522")
    ('150000-inner-mongolia', '900001-east', '330522')
    """
    reg = get(code)
    text = re.sub(r"[^a-z0-9]+", "-", reg.name_en.lower()).strip("-")
    safe_code = re.sub(r"[^0-9A-Za-z]", "", reg.code)
    return f"{safe_code}-{text}" if text else safe_code
