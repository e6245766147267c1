"""The clause-by-clause reader behind :func:`fai.read_bulletin`.

A bulletin is read line by line (a line is a paragraph), sentence by sentence
(``。！？``) and clause by clause (``，；：``). Each clause is a *head* — who or
what the figures are about — and the *facts* found by
:data:`fai.bulletin_patterns.FACT_RE`. The reader keeps a small state:

- the text's own region (named in the title or first sentence, or given by
  the caller) and its period (the last ``1-8月`` / ``上半年`` / ``全年`` read in
  a head, never one written after ``比``/``较``);
- the current *subject*: the indicator(s) the next facts belong to. A clause
  without a head of its own (``同比增长12.5%``, ``增速高于全市3.2个百分点``)
  keeps it; a head naming an investment (``民间投资``, ``城关镇完成投资``) sets it;
  a head naming anything else (``工业增加值``, ``新开工项目125个``) blocks it, so
  those figures are never read as investment.

Figures are merged into one record per (region, period, indicator); a second,
different figure for the same field starts a new record (two comparisons
with two parents, 省级/市级重点项目) rather than overwriting the first.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fai import bulletin_patterns as P
from fai.errors import FaiError, FaiWarning
from fai.normalize import detect_mojibake, normalize_text, parse_period

FIELDS = (
    "value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp", "parent",
    "vs_time_progress_pp", "share_pct", "rank", "rank_of", "mom_sa_pct",
)  # fmt: skip
_UNIT_FACTOR = {"万亿元": Decimal(10000), "千万元": Decimal("0.1"), "百万元": Decimal("0.01"),
                "亿元": Decimal(1), "万元": Decimal("0.0001")}  # fmt: skip
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


@dataclass
class Target:
    """One indicator a fact can attach to: region (None = the text's own), key, label."""

    region: str | None
    key: str
    label: str
    scope: str = ""  # "all" for 全社会固定资产投资


@dataclass
class Subject:
    targets: list[Target]
    sentence: int
    blocked: bool = False


@dataclass
class Record:
    region: str | None
    year: int | None
    month: int | None
    key: str
    label: str
    scope: str
    values: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


def clean_line(line: str) -> str:
    """One line in the parser's canonical form (normalised, glosses and list markers removed).

    >>> clean_line("１．全县固定資產(chǎn)投資增長 26.22 %，，")
    '全县固定资产投资增长26.22%，'
    """
    s = normalize_text(line)
    s = P.PINYIN_RE.sub("", s)
    s = P.THOUSANDS_RE.sub("", s)
    s = (
        s.replace(",", "，")
        .replace(";", "；")
        .replace(":", "：")
        .replace("?", "？")
        .replace("!", "！")
    )
    s = re.sub(r"[【〔\[]", "(", re.sub(r"[】〕\]]", ")", s))
    s = P.LIST_MARKER_RE.sub("", s)
    return re.sub(r"，{2,}", "，", s).strip()


def _decimal(text: str) -> Decimal:
    return Decimal(text.lstrip("+"))


def _cn_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text and all(c in _CN_DIGIT or c == "十" for c in text):
        if "十" not in text:
            return int("".join(str(_CN_DIGIT[c]) for c in text))
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return None


def _numbers(span: str) -> list[Decimal]:
    return [_decimal(x) for x in P.NUM_RE.findall(span)]


class Reader:
    """Reads one bulletin; :meth:`read` returns the records in order of first mention."""

    def __init__(self, region: str | None, year: int | None) -> None:
        self.user_region = region
        self.user_year = year
        self.doc_region: str | None = region
        self.region_locked = region is not None
        self.period: tuple[int | None, int | None] = (None, None)
        self.subject: Subject | None = None
        self.pending: str = ""  # the noun of a blocked head (亿元以上项目96个 → 亿元以上项目)
        self.qualifier: str = ""  # 扣除房地产开发投资
        self.sentence_no = 0
        self.rank_of: int | None = None
        self.records: list[Record] = []
        self.index: dict[tuple, list[Record]] = {}
        self.warnings: list[str] = []

    # ------------------------------------------------------------ driving
    def read(self, text: str) -> list[Record]:
        lines = [clean_line(raw) for raw in str(text).splitlines()]
        scope = 0  # sentences in which the text's own region may be named
        for lineno, line in enumerate(lines, start=1):
            if not line:
                continue
            if detect_mojibake(line):
                msg = (
                    f"line {lineno}: skipped, it is not readable Chinese (mojibake): {line[:40]!r}"
                )
                self.warnings.append(msg)
                warnings.warn(msg, FaiWarning, stacklevel=3)
                continue
            header = "。" not in line and len(line) <= 60
            if scope == 0:
                scope = 2 if header else 1
            for sentence in P.SENTENCE_RE.findall(line):
                self._sentence(sentence.strip(), header)
                if not self.region_locked and self.sentence_no >= scope:
                    self.region_locked = True
        return self.records

    def _sentence(self, sentence: str, header: bool) -> None:
        if not sentence:
            return
        self.sentence_no += 1
        self.rank_of = None
        evidence = sentence
        body = P.PARENT_RATE_BRACKET.sub(r"\1", sentence)
        body = P.SECTOR_LIST_RE.sub(_expand_sectors("第{}产业"), body)
        body = P.SECTOR_SHORT_LIST_RE.sub(_expand_sectors("{}产"), body)
        subs: dict[str, str] = {}
        while (m := P.PAREN_RE.search(body)) is not None:
            inner = m.group(1)
            mark = ""
            if P.PAREN_FACT_RE.search(inner):
                mark = f"\x00{len(subs)}\x00"
                subs[mark] = inner
            body = body[: m.start()] + mark + body[m.end() :]
        body = body.replace("(", "").replace(")", "")
        env = 0
        if "环比" in body:
            env = body.index("环比")
        pos = 0
        for clause, sep in _clauses(body):
            marks = re.findall(r"\x00\d+\x00", clause)
            plain = re.sub(r"\x00\d+\x00", "", clause).strip("。！？ ")
            mom = "环比" in body and pos + len(clause) > env
            self._clause(plain, evidence, header or sep == "：", mom)
            for mark in marks:
                saved = self.subject
                self._clause(subs[mark], evidence, False, mom)
                self.subject = saved
            pos += len(clause) + 1

    # ------------------------------------------------------------ clauses
    def _clause(self, text: str, evidence: str, header: bool, mom: bool) -> None:
        if not text:
            return
        facts: list[tuple[int, str, str]] = []
        if P.HAS_FIGURE_RE.search(text):
            facts = [
                (m.start(), P.FACT_KINDS[int(m.lastgroup[1:])], m.group())
                for m in P.FACT_RE.finditer(text)
                if m.lastgroup
            ]
        breaking = [f for f in facts if f[1] != "inline"]
        head = text[: breaking[0][0]] if breaking else text
        head = self._take_periods(head)
        self._read_head(head, bool(breaking), header, text)
        for _start, kind, span in facts:
            self._fact(kind, span, text, evidence, mom)

    def _take_periods(self, head: str) -> str:
        out, last = [], 0
        for m in P.PERIOD_RE.finditer(head):
            before = head[max(0, m.start() - 3) : m.start()]
            after = head[m.end() : m.end() + 4]
            span = m.group()
            if P.PERIOD_BASE_BEFORE.search(before):
                continue
            if span.endswith("全年") and P.PERIOD_NOT_AFTER.match(after):
                continue
            try:
                if P.YEAR_ONLY_RE.fullmatch(span):
                    year, month = parse_period(span)
                    if after.startswith(("以来", "来", "初", "上", "前", "1", "一", "元", "全年")):
                        month = self.period[1] if after.startswith(("以来", "来", "初")) else None
                    elif self.period[1] is not None and self.period[0] in (None, year):
                        month = self.period[1]
                    if month is None:
                        self.period = (year, self.period[1])
                        out.append(head[last : m.start()])
                        last = m.end()
                        continue
                else:
                    year, month = parse_period(span)
                    if year is None and self.period[0] is not None and "今年" not in before:
                        year = self.period[0]
            except FaiError:
                continue
            self.period = (year, month)
            out.append(head[last : m.start()])
            last = m.end()
        out.append(head[last:])
        return P.BARE_MONTH_RE.sub("", "".join(out))

    # --------------------------------------------------------------- head
    def _read_head(self, head: str, has_facts: bool, header: bool, clause: str) -> None:
        h = P.HEAD_PREFIX_RE.sub("", head.strip())
        if not h:
            return
        if not has_facts and (m := P.QUALIFIER_RE.match(h)) and "投资" in m.group(1):
            self.qualifier = h
            return
        if not has_facts and P.NEUTRAL_RE.search(h) and not header:
            self.region_locked = True  # 分乡镇看: the names that follow are parts
            return
        np, _, pred = h.partition("分别")
        listy = "分别" in h or "分别" in clause
        items = _split_list(np) if listy else [np]
        targets: list[Target] = []
        blocked_noun = ""
        for item in items:
            region, rest = self._take_region(item)
            target = self._target(region, rest, pred, single=len(items) == 1)
            if target is None:
                if _trivial(rest):
                    if region is not None and self.subject and not self.subject.blocked:
                        # 西部地区增长3.1%: the same indicator, another region
                        targets += [
                            Target(region, t.key, t.label, t.scope)
                            for t in self.subject.targets[:1]
                        ]
                    continue
                blocked_noun = _strip_suffix(rest)
                break
            targets.append(target)
        if blocked_noun:
            if has_facts or header:
                self.subject = Subject([], self.sentence_no, blocked=True)
                self.pending = blocked_noun
            return
        if targets:
            if len(targets) == 1 and targets[0].key == "":
                return  # bare 投资 continuing the current subject
            for t in targets:
                if t.label == "":
                    t.label = "投资"
            self.subject = Subject(targets, self.sentence_no)
            self.pending = ""

    def _take_region(self, text: str) -> tuple[str | None, str]:
        """Split the region words off the front: ('doc' | name | None, the rest)."""
        region: str | None = None
        rest = P.HEAD_PREFIX_RE.sub("", text)
        while rest:
            if m := P.PRONOUN_RE.match(rest):
                word = m.group()
                region = self._own_region("全国") if word == "全国" else "doc"
                self.region_locked = True
                rest = P.HEAD_PREFIX_RE.sub("", rest[m.end() :])
                continue
            m = P.REGION_NAME_RE.match(rest)
            if m is None:
                break
            end = m.end()
            while (
                end < len(rest) and rest[end] in P.REGION_SUFFIX_CHARS and rest[end - 1] not in "省"
            ):
                end += 1
            name = rest[:end]
            if (name in P.NOT_REGION or name.startswith(P.NOT_REGION_START)
                    or P.NOT_IN_REGION_RE.search(name)):  # fmt: skip
                break
            region = name
            rest = P.HEAD_PREFIX_RE.sub("", rest[end:])
        if region not in (None, "doc"):
            region = self._own_region(region)
        return region, rest

    def _own_region(self, name: str) -> str:
        if not self.region_locked and self.doc_region is None:
            self.doc_region = name
            self.region_locked = True
            return "doc"
        if name == self.doc_region or (self.user_region and name == self.user_region):
            return "doc"
        return name

    def _target(self, region: str | None, rest: str, pred: str, single: bool) -> Target | None:
        """The indicator a head names, or None when it names no investment."""
        rest = rest.strip()
        if "投资" not in rest and "投资" not in pred:
            return None
        label = ""
        if "投资" in rest:
            if m := P.INVEST_VERB_RE.search(rest):
                before = _strip_suffix(rest[: m.start()])
                after = _cut_label(rest[m.end() :])
                if region is None and before:
                    region, before = self._take_region(before)
                if before and not _trivial(before):
                    label = before + "投资" if after in ("投资", "") else after
                else:
                    label = "" if after == "投资" else after
            else:
                label = _cut_label(rest)
                if (
                    label
                    and (r2 := self._take_region(label))
                    and r2[0] is not None
                    and region is None
                ):
                    region, label = r2
                    label = _cut_label(label)
                if label == "投资":
                    label = ""
        else:
            noun = _strip_suffix(rest)
            label = noun + "投资" if noun and not _trivial(noun) else ""
        if P.SINGLE_MONTH_RE.search(rest):  # 9月份当月完成投资: one month, not the YTD figure
            label = "当月" + (label or "投资")
        if label == "" and self.pending and region is None:
            label = self.pending + "投资"
        if label == "" and single:
            same_sentence = self.subject is not None and self.subject.sentence == self.sentence_no
            if same_sentence and not self.subject.blocked and not self.qualifier:
                cur = self.subject.targets
                if region is None or (len(cur) == 1 and cur[0].region == region):
                    return Target(region, "", "")  # continue the current subject
        if self.qualifier:
            label = self.qualifier + "的" + (label or "固定资产投资")
            self.qualifier = ""
        key, scope = _indicator(label)
        return Target(region, key, label, scope)

    # --------------------------------------------------------------- facts
    def _fact(self, kind: str, span: str, clause: str, evidence: str, mom: bool) -> None:
        if kind == "rank_of":
            self.rank_of = _cn_int(re.match(P.NUMCN, span).group())
            return
        if kind in ("inline", "skip", "count"):
            return
        subject = self.subject
        if subject is None or subject.blocked or not subject.targets:
            return
        targets = subject.targets
        if kind == "parent":
            self._parent(span, clause, targets, evidence)
            return
        if kind == "rank":
            value = _cn_int(re.search(rf"第({P.NUMCN})", span).group(1))
            if value is not None:
                for t in targets[:1]:
                    self._put(t, {"rank": value, "rank_of": self.rank_of}, evidence)
            return
        name, values = self._values(kind, span, mom)
        if name is None:
            return
        for t, v in _pair(targets, values, clause):
            self._put(t, {name: v}, evidence)

    def _values(self, kind: str, span: str, mom: bool) -> tuple[str | None, list[Decimal]]:
        if kind == "level":
            out, unit = [], None
            items = P.AMOUNT_ITEM_RE.findall(span)
            for number, u in reversed(items):
                unit = u or unit
                out.append(_decimal(number) * _UNIT_FACTOR[unit])
            return "value_100m_yuan", out[::-1]
        if kind == "plan":
            return "plan_completion_pct", _numbers(span)
        if kind == "share":
            return "share_pct", _numbers(re.sub(r"^占[^\d]*?(?=[-+]?\d)", "", span))
        if kind == "time":
            sign = -1 if re.search(r"低于|慢于|落后|滞后|慢|低", span) else 1
            return "vs_time_progress_pp", [sign * abs(v) for v in _numbers(span)]
        if kind == "flat":
            return ("mom_sa_pct" if mom else "yoy_pct"), [Decimal(0)]
        if kind in ("growth", "fall"):
            if re.match(r"(?:比|较)上月", span):
                return None, []
            name = "mom_sa_pct" if mom or span.startswith("环比") else "yoy_pct"
            values = _numbers(span)
            if span.endswith("倍"):
                values = [v * 100 for v in values]
            if kind == "fall" or P.DOWN_WORDS_RE.search(span):
                values = [-abs(v) for v in values]
            return name, values
        return None, []

    def _parent(self, span: str, clause: str, targets: list[Target], evidence: str) -> None:
        words = re.sub(
            r"^(?:分别)?(?:比|较|与|和|同|高于|高出|超过|超出|超|快于|领先于?|多于|低于|慢于"
            r"|落后于?|滞后于?|少于)",
            "",
            span,
        )
        segment = re.split(r"[-+]?\d|持平", words)[0]
        parents = [m.group() for w in P.SEP_RE.split(segment) if (m := P.PARENT_WORD_RE.match(w))]
        if "持平" in span:
            values = [Decimal(0)]
        else:
            sign = -1 if P.DOWN_PP_RE.search(span) else 1
            values = [sign * abs(v) for v in _numbers(span)]
        if not parents or not values:
            return
        if len(targets) == 1 and len(values) > 1 and len(parents) == len(values):
            for p, v in zip(parents, values, strict=True):
                self._put(targets[0], {"vs_parent_pp": v, "parent": p}, evidence)
            return
        for t, v in _pair(targets, values, clause):
            self._put(t, {"vs_parent_pp": v, "parent": parents[0]}, evidence)

    def _put(self, target: Target, values: dict[str, Any], evidence: str) -> None:
        self.region_locked = True
        region = None if target.region in (None, "doc") else target.region
        year, month = self.period
        if year is None:
            year = self.user_year
        key = (region, year, month, target.key, target.scope,
               target.label if target.key == "other" else "")  # fmt: skip
        values = {k: v for k, v in values.items() if v is not None}
        for rec in self.index.get(key, []):
            if all(rec.values.get(k) in (None, v) for k, v in values.items()):
                rec.values.update(values)
                if evidence not in rec.evidence:
                    rec.evidence.append(evidence)
                return
        rec = Record(
            region, year, month, target.key, target.label, target.scope, dict(values), [evidence]
        )
        self.index.setdefault(key, []).append(rec)
        self.records.append(rec)


# ----------------------------------------------------------------- helpers
def _clauses(body: str) -> list[tuple[str, str]]:
    """Clauses of a sentence with the punctuation that ends each ('' at the end)."""
    out, last = [], 0
    for m in P.CLAUSE_SPLIT_RE.finditer(body):
        out.append((body[last : m.start()], m.group()))
        last = m.end()
    out.append((body[last:], ""))
    return out


def _expand_sectors(form: str) -> Any:
    def expand(m: re.Match[str]) -> str:
        return "、".join(form.format(g) for g in m.groups() if g)

    return expand


def _split_list(np: str) -> list[str]:
    """省、市级重点项目 → [省级重点项目, 市级重点项目]; 东部、中部和西部地区 → three 地区."""
    items = [x for x in P.LIST_SPLIT_RE.split(np) if x]
    if len(items) < 2:
        return [np]
    last = items[-1]
    head = "投资" if last.endswith("投资") else ""
    out = []
    for item in items[:-1]:
        if len(item) <= 2 and len(item) < len(last) and "投资" not in item:
            item = item + last[len(item) :]
        elif head and "投资" not in item:
            item = item + head
        out.append(item)
    return [*out, last]


def _pair(
    targets: list[Target], values: list[Decimal], clause: str
) -> list[tuple[Target, Decimal]]:
    if len(values) == len(targets):
        return list(zip(targets, values, strict=True))
    if len(values) == 1 and "均" in clause:
        return [(t, values[0]) for t in targets]
    return []


def _strip_suffix(text: str) -> str:
    return P.HEAD_SUFFIX_RE.sub("", P.HEAD_PREFIX_RE.sub("", text)).strip()


def _trivial(text: str) -> bool:
    return len(P.TRIVIAL_RE.sub("", text)) <= 1


def _cut_label(text: str) -> str:
    """The investment phrase of a head: up to its last 投资, after the last connective."""
    end = text.rfind("投资")
    if end < 0:
        return ""
    label = text[: end + 2]
    label = re.split(r"关于|其中|看|以及|通报|的通知", label)[-1]
    label = P.PRONOUN_RE.sub("", P.HEAD_PREFIX_RE.sub("", label))
    return P.HEAD_PREFIX_RE.sub("", label)


def _indicator(label: str) -> tuple[str, str]:
    """Registry key (and scope) of a label; anything unknown is ``other``."""
    if label == "":
        return "fai_total", ""
    text = re.sub(r"额$|总额$|完成额$", "", label)
    scope = "all" if text.startswith("全社会") else ""
    if text in P.LABELS:
        return P.LABELS[text], scope
    if P.PROJECTS_500K_RE.match(text):
        return "fai_project_500k_plus", ""
    if P.KEY_PROJECTS_RE.search(text):
        return "fai_key_projects", ""
    return "other", ""
