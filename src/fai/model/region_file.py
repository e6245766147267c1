"""The project's own regions: ``data/regions.csv`` read and validated line by line.

Regions that are not administrative units (高新区, 经开区, 新区, a project's own county)::

    code,name,parent,level,name_en
    990001,天城县,,county,Tiancheng County

``code`` six digits that are not an official code (the project uses 99xxxx);
``parent`` a code or name of an official region or of another line; ``level``
prefecture, county or town, below its parent's; ``name_en`` optional. Every fault
is an :class:`~fai.errors.InputFormatError` naming the file and line, and never
echoes more than a short piece of the value.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Protocol

from fai import re_cache
from fai.errors import InputFormatError
from fai.model.region_aliases import clean, show

LEVELS = ("nation", "macro", "province", "prefecture", "county", "town")
USER_LEVELS = ("prefecture", "county", "town")
USER_COLUMNS = ("code", "name", "parent", "level", "name_en")
MAX_USER_BYTES = 1_000_000
MAX_NAME = 40
RESERVED = ("000000", "900001", "900002", "900003", "900004")  # 全国 and the macro-regions
_BAD_NAME = re_cache.compile(r"[<>/\\\"'`{}|;:=*?\x00-\x1f\x7f]")


class Known(Protocol):
    """What the reader needs of the registry built so far (official and project regions)."""

    entries: dict
    official: frozenset[str]

    def candidates(self, name: object) -> tuple[str, ...]: ...
    def describe(self, code: str) -> str: ...
    def children_of(self, code: str) -> list[str]: ...


def read_user_file(path: Path, reg: Known) -> list[tuple[str, str, str, str | None, str]]:
    """(code, name, name_en, parent code, level) of ``data/regions.csv``, validated.

    Every fault is an :class:`~fai.errors.InputFormatError` naming the file and line.
    """
    if not path.is_file():
        return []
    with path.open("rb") as f:
        raw = f.read(MAX_USER_BYTES + 1)
    if len(raw) > MAX_USER_BYTES:
        raise InputFormatError(file=str(path), where="", found=f"more than {MAX_USER_BYTES:,} bytes",
                               expected="a short CSV of your own regions (code,name,parent,level)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFormatError(file=str(path), where=f"byte {exc.start}", found="text that is not UTF-8",
                               expected="a UTF-8 CSV (save as 'CSV UTF-8')") from None
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return []
    rows = list(csv.reader(io.StringIO("\n".join(ln for _, ln in lines))))
    header_line, header = lines[0][0], [h.strip().lower() for h in rows[0]]

    def fail(line: int, found: str, expected: str) -> InputFormatError:
        return InputFormatError(file=str(path), where=f"line {line}", found=found, expected=expected)

    for column in header:
        if column not in USER_COLUMNS:
            import difflib  # (here: only a wrong column needs it)

            close = difflib.get_close_matches(column, USER_COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise fail(header_line, f"column {show(column)}{hint}", "the columns code, name, parent, level "
                       "and optionally name_en")
    missing = [c for c in USER_COLUMNS[:4] if c not in header]
    if missing:
        raise fail(header_line, f"no column {missing[0]!r}", "a header row code,name,parent,level[,name_en]")
    used = set(reg.entries)
    pending: list[tuple[int, str, str, str, str, str]] = []
    for (line, _), cells in zip(lines[1:], rows[1:]):
        if len(cells) > len(header):
            raise fail(line, f"{len(cells)} cells", f"{len(header)} (one per column: {', '.join(header)})")
        row = dict(zip(header, (c.strip() for c in cells)))
        code, name, level = row.get("code", ""), row.get("name", ""), row.get("level", "")
        if not code:
            free = next(f"99{i:04d}" for i in range(1, 10000) if f"99{i:04d}" not in used)
            raise fail(line, f"{show(name)} has no code", f"six digits of your own, e.g. {free} (the next "
                       "free project code)")
        if not (len(code) == 6 and code.isdigit()):
            raise fail(line, f"code {show(code)}", "six digits, e.g. 990002")
        if code in RESERVED:
            raise fail(line, f"code {code} is {reg.entries[code].name}", "a code of your own, e.g. 990002")
        if code in reg.official:
            raise fail(line, f"code {code} is {reg.describe(code)} in the official list",
                       "a code of your own (the project uses 99xxxx), or no line at all: official regions "
                       "are known already")
        if code in used:
            raise fail(line, f"code {code} appears twice", "one line per region")
        if not name or len(name) > MAX_NAME or _BAD_NAME.search(name):
            raise fail(line, f"name {show(name)}", f"a region name of 1–{MAX_NAME} characters without "
                       "markup, quotes or path characters")
        if level not in USER_LEVELS:
            raise fail(line, f"level {show(level)}", " or ".join(USER_LEVELS))
        name_en = row.get("name_en", "")
        if name_en and (len(name_en) > 60 or not re.fullmatch(r"[A-Za-z0-9 .,'()&-]+", name_en)):
            raise fail(line, f"name_en {show(name_en)}", "English letters, digits and spaces (60 at most)")
        used.add(code)
        pending.append((line, code, name, name_en, row.get("parent", ""), level))

    # parents may be official regions or other lines of the file (by code or name)
    mine = {code: (name, level) for _, code, name, _, _, level in pending}
    by_name: dict[str, list[str]] = {}
    for code, (name, _) in mine.items():
        by_name.setdefault(clean(name), []).append(code)
    out = []
    for line, code, name, name_en, parent_text, level in pending:
        parent: str | None = None
        if parent_text:
            options = [parent_text] if parent_text in mine else by_name.get(clean(parent_text), [])
            options = options or list(reg.candidates(parent_text))
            if len(options) != 1:
                what = ("is ambiguous: " + ", ".join(reg.describe(c) for c in options[:4])) if options else \
                    "is not a known region"
                raise fail(line, f"parent {show(parent_text)} {what}",
                           "a code or a name with its parent, e.g. 330500 or 湖州市")
            parent = options[0]
            parent_level = mine[parent][1] if parent in mine else reg.entries[parent].level
            if LEVELS.index(parent_level) >= LEVELS.index(level):
                raise fail(line, f"a {level} under the {parent_level} {show(parent_text)}",
                           f"a parent above {level} level")
            for other in reg.children_of(parent):
                if clean(reg.entries[other].name) == clean(name):
                    raise fail(line, f"{show(name)} is {reg.describe(other)} already",
                               "a region that is not in the official list (no line needed for it)")
        out.append((code, name, name_en, parent, level))
    return out  # every parent is a level above its child: no circle is possible
