"""The records of the bulletin parser while they are gathered, and the passes that
merge them once the whole text is read (:mod:`fai.bulletin.reader` fills them).

A :class:`Record` keeps, for each piece of evidence, the fields it gave, so a
title line whose figures the body restates (``1-11月份全国固定资产投资增长3.3%``
over ``2024年1-11月份，全国固定资产投资…增长3.3%。``) drops out of the evidence
instead of being glued in front of the body's sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fai import re_cache


@dataclass
class Target:
    """One indicator a fact can attach to: region (None = the text's own), key, label."""

    region: str | None
    key: str
    label: str
    scope: str = ""  # "all" for 全社会固定资产投资


@dataclass
class Subject:
    """What the next facts are about: targets, the sentence that named them, or blocked."""

    targets: list[Target]
    sentence: int
    blocked: bool = False


@dataclass
class Record:
    """One output record while it is being gathered (values are exact decimals).

    >>> rec = Record(None, None, 11, "fai_total", "固定资产投资", "")
    >>> rec.add({"yoy_pct": 3.3}, "1-11月份全国固定资产投资增长3.3%", headline=True)
    >>> rec.add({"value_100m_yuan": 465839, "yoy_pct": 3.3}, "1-11月份，…465839亿元，同比增长3.3%。", False)
    >>> rec.evidence
    ['1-11月份，…465839亿元，同比增长3.3%。']
    """

    region: str | None
    year: int | None
    month: int | None
    key: str
    label: str
    scope: str
    values: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    given: dict[str, set[str]] = field(default_factory=dict)  # evidence → the fields it gave
    headlines: set[str] = field(default_factory=set)  # evidence that is a title line

    def add(self, values: dict[str, Any], evidence: str, headline: bool) -> None:
        """Merge figures of one sentence; a title line whose figures the body restates goes."""
        self.values.update(values)
        if evidence not in self.evidence:
            self.evidence.append(evidence)
        given = self.given.get(evidence)
        if given is None:
            given = self.given[evidence] = set()
        given.update(values)
        if headline:
            self.headlines.add(evidence)
        if not self.headlines:
            return  # no title line to drop
        body = set().union(*(self.given[p] for p in self.evidence if p not in self.headlines))
        if body:
            self.evidence = [
                p for p in self.evidence if p not in self.headlines or not self.given[p] <= body
            ]

    def fits(self, other: Record) -> bool:
        """True when ``other``'s figures do not contradict this record's."""
        return all(self.values.get(k) in (None, v) for k, v in other.values.items())

    def take(self, other: Record) -> None:
        """Gather ``other``'s figures and evidence (``other`` is then dropped)."""
        for piece in other.evidence:
            given = {k: v for k, v in other.values.items() if k in other.given.get(piece, ())}
            self.add(given, piece, piece in other.headlines)


def _key(rec: Record) -> tuple:
    return (rec.region, rec.month, rec.key, rec.scope, rec.label)


def merge_headlines(records: list[Record]) -> None:
    """A title without a year (1-11月份全国固定资产投资增长3.3%) restated by a body
    sentence with one: the title's record joins the body's (in place)."""
    dated: dict[tuple, list[Record]] = {}
    for r in records:
        if r.year is not None:
            dated.setdefault(_key(r), []).append(r)
    loose = [r for r in records if r.year is None and set(r.evidence) <= r.headlines]
    _join(records, loose, dated, _key, Record.fits)


_ROUGHLY_RE = re_cache.compile(r"(?:近|逾|约|超过?|突破|多于|将近|接近)([\d.]+)(?:万亿元|亿元|万元|亿)")


def drop_rounded_headlines(records: list[Record]) -> None:
    """A title's rounded amount (…完成投资近90亿元, 逾2375亿元) that the body states exactly
    (89.63, 2375.4亿元, the same indicator and region) is no figure of its own: the title's
    amount goes (and its record, when it gave nothing else), in place.

    >>> head = Record(None, None, 5, "fai_key_projects", "重点项目投资", "")
    >>> head.add({"value_100m_yuan": 90}, "1-4月重点项目完成投资近90亿元", headline=True)
    >>> body = Record(None, None, 5, "fai_key_projects", "重点项目建设投资", "")
    >>> body.add({"value_100m_yuan": 89.63}, "1至4月，重点项目建设完成投资89.63亿元。", False)
    >>> recs = [head, body]; drop_rounded_headlines(recs); [r.values for r in recs]
    [{'value_100m_yuan': 89.63}]
    """
    exact = [r for r in records if r.values.get("value_100m_yuan") is not None
             and not set(r.evidence) <= r.headlines]  # fmt: skip
    for rec in [r for r in records if r.evidence and set(r.evidence) <= r.headlines]:
        value = rec.values.get("value_100m_yuan")
        rough = {m.group(1) for e in rec.evidence for m in _ROUGHLY_RE.finditer(e)}
        if value is None or not any(_same_number(x, value) for x in rough):
            continue
        if any(o.key == rec.key and o.region == rec.region and rec.month in (None, o.month)
               and o.values["value_100m_yuan"] != value
               and abs(o.values["value_100m_yuan"] - value) <= abs(value) * Decimal("0.01")
               for o in exact):  # fmt: skip
            del rec.values["value_100m_yuan"]
            if not rec.values:
                records.remove(rec)


def _same_number(text: str, value: Any) -> bool:
    try:
        return Decimal(text) == Decimal(str(value))
    except ArithmeticError:
        return False


def merge_into(records: list[Record], region: str) -> None:
    """Records of the text's own region (None) join those written with its name
    (``全国`` of a national release named after its first lines), in place."""
    named: dict[tuple, list[Record]] = {}
    for r in records:
        if r.region == region:
            named.setdefault((r.year, *_key(r)[1:]), []).append(r)
    loose = [r for r in records if r.region is None]
    _join(records, loose, named, lambda r: (r.year, *_key(r)[1:]), Record.fits)


def merge_undated(records: list[Record]) -> None:
    """A figure stated first without its period (民企投资年减3.1% in a lead) and restated
    with it (前九月…民企投资年减3.1%): the undated record joins the dated one (in place).

    >>> a = Record(None, None, None, "fai_private", "民企投资", "", {"yoy_pct": -3.1})
    >>> b = Record(None, None, 9, "fai_private", "民企投资", "", {"yoy_pct": -3.1})
    >>> recs = [a, b]; merge_undated(recs); [r.month for r in recs]
    [9]
    """
    dated: dict[tuple, list[Record]] = {}
    for r in records:
        if r.month is not None:
            dated.setdefault((r.region, r.key, r.scope, r.label), []).append(r)
    loose = [r for r in records if r.month is None and r.year is None and r.values]
    _join(records, loose, dated, lambda r: (r.region, r.key, r.scope, r.label), _restates)
    # a title's undated figures (某省重点项目今年累计投资95亿) restated in the body with their
    # period (截至4月20日，省重点项目累计完成投资95亿元) under another name: the body's
    by_key: dict[tuple, list[Record]] = {}
    for group in dated.values():
        for r in group:
            by_key.setdefault((r.region, r.key, r.scope), []).append(r)
    loose = [r for r in records if r.month is None and r.year is None and r.values
             and r.evidence and set(r.evidence) <= r.headlines]  # fmt: skip
    _join(records, loose, by_key, lambda r: (r.region, r.key, r.scope), _restates)


def _restates(other: Record, rec: Record) -> bool:
    """``other`` gives every figure of ``rec``, the same."""
    return all(other.values.get(k) == v for k, v in rec.values.items())


def _join(records: list[Record], loose: list[Record], index: dict[tuple, list[Record]],
          key: Callable[[Record], tuple], joins: Callable[[Record, Record], bool]) -> None:
    """Each record of ``loose`` joins the first of ``index[key(rec)]`` that ``joins`` it, and
    leaves ``records`` (in place); one that joins none stays."""
    for rec in loose:
        for other in index.get(key(rec), []):
            if joins(other, rec):
                other.take(rec)
                records.remove(rec)
                break
