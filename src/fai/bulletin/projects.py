"""Project groups and task contests out of project-tracking texts (进度通报, 百日会战, 招商).

:func:`read_projects` reads the cleaned lines of a bulletin (:func:`fai.bulletin.text.clean_lines`)
clause by clause, as the figure reader does, with its own small state: the period
(the last ``1-8月`` / ``截至9月底`` of a head), the *current* groups (what the next
facts are about) and the *programme* (the group the stages and sub-lists belong to).

- A group is named by a phrase ending in 项目/工程 with its count before or after it
  (``35个省重点项目``, ``收尾项目323个``), or alone before its facts (``续建项目完成投资…``).
- A clause without a group of its own keeps the current one; a clause about something
  else (``全县固定资产投资…``, ``到位资金…``) stops it.
- A stage named only by its count (``建成项目33个``, ``新开工项目16个，开工率76.2%``)
  counts for its programme, unless the text tracks that stage as a group of its own.
- A count with a completion rate and no amount (``新开工县重大项目58个，完成年度目标的83%``),
  a target with what was done (``计划开工20个，实际开工31个``, ``签约任务数12个，完成19个``),
  or a completion of a sub-period or campaign target (``占上半年目标任务的87%``) is a task.

Records with the same group, region and period are merged when they do not contradict
each other; never is a number computed that the text does not state.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, NamedTuple

from fai import re_cache
from fai.bulletin import facts as F
from fai.bulletin import patterns as P
from fai.bulletin import project_words as W
from fai.bulletin import text as T
from fai.bulletin.project_groups import (
    Group,
    Task,
    fold_stages,
    group_figures,
    is_key,
    label_key,
    main_period,
    merge_groups,
    merge_programmes,
    split_groups,
    stage_field,
)
from fai.bulletin.task_table import TableTask, read_task_tables
from fai.model import regions

PROJECT_FIELDS = [
    "count", "started", "start_rate_pct", "new", "continuing", "completed",
    "total_investment_100m_yuan", "annual_plan_100m_yuan", "done_100m_yuan",
    "plan_completion_pct", "vs_time_progress_pp",
]  # fmt: skip
#: the keys of a project record (then kind, monthly, line)
PROJECT_COLUMNS = ["file", "region", "year", "month", "group", *PROJECT_FIELDS, "evidence"]
#: the keys of a task record (then kind, monthly, line)
TASK_COLUMNS = ["file", "region", "year", "month", "item", "unit", "task", "done",
                "completion_pct", "evidence"]  # fmt: skip
_COUNTS = ("count", "started", "new", "continuing", "completed")
_UNIT = {"万亿元": Decimal(10000), "万亿": Decimal(10000), "亿元": Decimal(1), "亿": Decimal(1),
         "万元": Decimal("0.0001")}  # fmt: skip
_IMPOSSIBLE_PCT = 1000  # a completion of an annual plan this high is a typo (完成率6902%)
_SENTENCE = re_cache.compile(r"[^。！？!?]+[。！？!?]*")
# clauses end at ，；： and at 、 after a count (续建项目28个、新开工项目58个)
_CLAUSE = re_cache.compile(P.guarded(r"[，；：,;:]|(?<=\d[个项家])、"))  # (guarded: a faster scan)
_FIELD_KIND = P.group_kinds(W.FIELD_KINDS)  # FIELD_RE's group → kind
_FIGURE_CHARS_RE = re_cache.compile(r"[\d.\-—%()“”\"]")  # what _blocks ignores in a head
# an aside in brackets: (含兰考县), (打包项目拆分后共569项) — not one with a figure or a target
_BRACKET = re_cache.compile(r"\([^()]{0,80}\)")
_ASIDE_NOT = re_cache.compile(r"任务|目标|%|亿元|万元")
# the first characters of the words of W.TARGET_RE and W.FORECAST_RE: tested before them
_TARGET_FIRST_RE = P.one_of(P.first_chars(W.TARGET_RE))
_FORECAST_FIRST_RE = P.one_of(P.first_chars(W.FORECAST_RE))
# … of W.PREFIX_RE and W.PRONOUN_RE (anchored at the start), and of the suffixes of
# W.REGION_RE (a name of 1 to 6 characters first: the suffix starts within text[1:7])
_PREFIX_FIRST = P.first_chars(W.PREFIX_RE)
_PRONOUN_FIRST = P.first_chars(W.PRONOUN_RE)
_REGION_SUFFIX_FIRST_RE = P.one_of("自高开经新省市县区旗州盟镇乡")
# the last characters of the words of W.HEAD_TAIL_RE (分别|均|共|共计|累计|已|已经|…)
_HEAD_TAIL_LAST = "别均共计已经部都为是到达"


def _amounts(span: str) -> list[Decimal]:
    """The amounts at the end of a fact span, in 亿元: ``完成投资36.2亿元、9430万元`` → [36.2, 0.943]."""
    m = W.AMOUNTS_TAIL_RE.search(span)
    if m is None:
        return []
    out, unit = [], None
    for number, u in reversed(W.AMOUNT_ITEM_RE.findall(m.group())):
        unit = u or unit
        if unit is None:
            return []
        out.append(Decimal(number) * _UNIT[unit])
    return out[::-1]


def _plan_in_rate(span: str) -> Decimal | None:
    """The annual plan written inside a plan completion (完成年度计划投资298.6亿元的89.9%), in 亿元.

    >>> _plan_in_rate("完成年度计划投资298.6亿元的89.9%"), _plan_in_rate("占年度计划的89.9%")
    (Decimal('298.6'), None)
    """
    m = W.PLAN_IN_RATE_RE.search(span)
    return Decimal(m.group(1)) * _UNIT[m.group(2)] if m else None


def _numbers(span: str) -> list[Decimal]:
    return [Decimal(x) for x in W.NUM_RE.findall(span)]


def _pcts(span: str) -> list[Decimal]:
    return [Decimal(x) for x in re.findall(rf"({W.NUM})%", span)]


class ProjectReader:
    """Reads the project groups and tasks of one text."""

    def __init__(self, region: str | None, year: int | None) -> None:
        self.doc_region = region
        self.user_year = year
        self.period: tuple[int | None, int | None] = (None, None)
        self.groups: list[Group] = []
        self.tasks: list[Task] = []
        self.current: list[Group] = []
        self.blocked = False
        self.top: Group | None = None
        self.sentence_groups: list[Group] = []
        self.last_value: tuple[str, Decimal, str, int] | None = None  # kind, value, noun, clause
        self.clause_no = 0
        self.pending: list[Task] = []  # count targets waiting for what was done
        self.lineno = 0
        self.evidence = ""
        self.monthly = False
        self.sub = False  # after 其中: the groups named are parts of the programme
        self.composed: Group | None = None  # the programme whose stages this sentence lists
        self.sep = ""  # the punctuation before the clause being read (，；： or 、)
        self.clauses: list[str] = []  # the clauses of the sentence read before this one
        self.named_region: str | None = None  # named in front of a task of this sentence
        self.heading: str | None = None  # the sentence or line before: a heading (二、竣工项目)
        self.next_sep = ""  # … and after it (十大民生工程项目：今年计划投资…: a heading)
        self.date_month: int | None = None  # 4月27日 in a sentence without a YTD period
        self.event_month: int | None = None  # the first such date of the text
        self.ytd_seen = False  # the text states a year-to-date period somewhere
        self.target_mode = False  # after 力争/确保: the counts named are targets
        self.forecast = False  # after 预计: the figures are not results
        self.funds: tuple[Decimal, str] | None = None  # 到位资金401.6亿元 of this sentence
        self.dateline: tuple[int | None, int | None] | None = None  # 时间:2021-09-03 under the title
        self.plan_period: tuple[int, int] | None = None  # 初步安排2017年… in this sentence
        # the period a year alone set (2023年，全市共安排重点项目…: of the year, month unknown)
        self.bare: tuple[int | None, int | None] | None = None
        self.months: list[int] = []  # the months of the spans the text states (1-8月, 截至9月底)
        self.report_year: int | None = None  # of a work report: its review is of the year before

    # ------------------------------------------------------------ driving
    def read(self, lines: list[str]) -> tuple[list[Group], list[Task]]:
        table_tasks, table_lines = read_task_tables(lines)
        self.dateline = F.dateline(lines)
        self.report_year = F.report_year(lines)
        by_line: dict[int, list[TableTask]] = {}
        for tt in table_tasks:
            by_line.setdefault(tt.line, []).append(tt)
        for lineno, line in enumerate(lines, start=1):
            for tt in by_line.get(lineno, []):
                if tt.annual:  # 单位 | 年度计划投资 | 完成投资 | 完成率 of 重点项目: a group's row
                    label = tt.group or (self.top.label if self.top is not None else "项目")
                    g = Group(label, tt.region, self.period, lineno)
                    for name, value in (("count", tt.count), ("annual_plan_100m_yuan", tt.task),
                                        ("done_100m_yuan", tt.done), ("plan_completion_pct", tt.completion_pct),
                                        ("started", tt.started), ("start_rate_pct", tt.start_rate_pct)):
                        if value is not None:
                            g.put(name, value, tt.evidence, self.period)
                    self.groups.append(g)
                    continue
                self.tasks.append(Task(tt.item, tt.unit, tt.region, self.period, lineno, tt.evidence,
                                       task=tt.task, done=tt.done, completion_pct=tt.completion_pct))
            if lineno in table_lines or not line:
                continue
            if not any(map(str.isdigit, line)):
                if ("半年" in line or "季" in line or "月" in line) and _title(line) and P.YTD_SCAN_RE.search(line):
                    self._read_period(line)  # 上半年各镇街…完成情况: the span of the table below it
                self.heading = _heading(line) if len(line) <= 18 else None  # (一)新开工项目: the item below
                continue
            self.lineno = lineno
            if _title(line):
                self._read_period(line)
                if self.period[1] is None and "月" in line[:8] and (m := W.TITLE_MONTH_RE.match(line)):
                    self.period = (self.period[0], int(m.group(1)))  # 9月份“双比双看”…考评情况
                if self.doc_region is None and not self.groups:
                    region = _strip_front(line)[0]  # 余杭区2016年1—8月项目建设进展情况
                    self.doc_region = region if region and regions.lookup(region) else None
                continue  # a title restates (and rounds) what the body says: its period only
            line = W.JUNK_RE.sub("", _drop_asides(line))
            if "至" in line:  # (the word RANGE_END_RE needs)
                line = W.RANGE_END_RE.sub(r"\1-\2月", line)
            line = W.unspin(line)
            if self.top is None and not W.PROJECT_LINE_RE.search(line):
                self._periods_only(line)  # 全县固定资产投资…: no group, no task; its period counts
                continue
            self.current = [self.top] if self.top is not None else []
            self.blocked = False
            self.pending = []
            first = True
            for sentence in _SENTENCE.findall(line):
                self._sentence(sentence.strip(), first)
                first = False
                self.heading = (_heading(sentence) if len(sentence) <= 18  # (a heading is short)
                                and not any(map(str.isdigit, sentence)) else None)  # fmt: skip
        return self._finish()

    def _periods_only(self, line: str) -> None:
        """Follow the period through a line that names no group or task."""
        for clause in _CLAUSE.split(line):
            head = W.FIGURE_START_RE.split(clause, maxsplit=1)[0]
            self._read_period(head)

    def _read_period(self, head: str) -> str:
        """Read the period of ``head`` (:func:`F.read_periods`); the head without it. A year
        alone (2023年，…) is the full year unless a month follows: noted in ``self.bare``."""
        before = self.period
        if self.report_year is not None and "年" in head and (
            review := F.review_head(head, self.report_year)
        ):
            head = review  # 去年，… of a 2023 work report: 2022年，…
        self.period, plain = F.read_periods(head, before)
        if self.period != before:
            if before[1] is None and self.period[1] == 12 and not _TWELVE_RE.search(head):
                self.bare = self.period
            else:
                self.bare = None
                if self.period[1] is not None:
                    self.months.append(self.period[1])
        return plain

    def _sentence(self, sentence: str, line_start: bool) -> None:
        if not sentence:
            return
        self.evidence = sentence
        m = W.DATE_RE.search(sentence) if "日" in sentence else None
        ytd = W.YTD_HINT_RE.search(sentence)
        self.date_month = int(m.group(1)) if m and not ytd else None
        if ytd:
            self.ytd_seen = True
        elif m and self.event_month is None:
            self.event_month = int(m.group(1))
        if m := W.SINCE_MONTH_RE.match(sentence):  # 9月以来，…等29个重点项目陆续开工: since September
            self.date_month = int(m.group(1))
        if (len(self.sentence_groups) >= 2 and self.top is not None
                and all(g.parent is self.top for g in self.sentence_groups)):  # fmt: skip
            # 其中，产业项目31个…；社会民生项目15个…。已开工项目64个: the programme's again
            self.current = [self.top]
        self.sentence_groups = []
        self.clauses = []
        self.named_region = None
        self.composed = None
        self.sub = False
        self.target_mode = False
        self.forecast = False
        self.monthly = False
        self.last_value = None
        self.funds = None
        self.plan_period = None
        body = sentence.rstrip("。！？!?")
        last = 0
        self.sep = ""
        for i, m in enumerate([*_CLAUSE.finditer(body), None]):
            end = m.start() if m else len(body)
            self.next_sep = m.group() if m else ""
            clause = body[last:end].strip()
            self._clause(clause, line_start and i == 0)
            self.clauses.append(clause)
            self.sep = m.group() if m else ""
            last = m.end() if m else len(body)

    # ------------------------------------------------------------ clauses
    def _clause(self, text: str, line_start: bool) -> None:
        if not text:
            return
        self.clause_no += 1
        facts = []
        if W.FACT_HINT_RE.search(text):
            facts = [(m.start(), m.end(), _FIELD_KIND[m.lastgroup], m.group())
                     for m in W.FIELD_RE.finditer(text) if m.lastgroup]  # fmt: skip
        breaking = [f for f in facts if f[2] not in ("inline", "count")]
        head_end = breaking[0][0] if breaking else len(text)
        late = [f for f in breaking if f[2] not in ("started", "completed")]
        self._head_end2 = late[0][0] if late else len(text)
        # (each pattern tried only when the clause holds a word it needs: 前, 全年, 月)
        head = text[:head_end]
        if "前" in head:
            head = W.DEADLINE_RE.sub("", head)  # “七一”前, 元旦前: a deadline, not the period
        if "全年" in head:
            # 全年计划开工…, 全年共安排…: the plan, not the period (tried on the clause: the 任务
            # of 全年签约项目任务12个 is after the head)
            kept, last = [], 0
            for m in _FULL_YEAR_RE.finditer(head):
                if W.PLAN_YEAR_RE.match(text, m.start()):
                    kept.append(head[last : m.start()])
                    last = m.end()
            head = "".join(kept) + head[last:]
        if head.endswith("全年") and re.match("计划|目标|任务", text[head_end:]):
            head = head[:-2]
        if "安排" in head and (m := W.NEXT_PLAN_RE.search(head)):  # 初步安排2017年…: next year's list
            self.plan_period = (int(m.group(1)), 12)
            head = head[: m.start()] + head[m.end() :]
        before_period = self.period
        month = "月" in text
        if month and (m := W.CAMPAIGN_END_RE.search(text)):  # 自7月27日…启动至9月底: to September
            self.period = (self.period[0], int(m.group(1)))
        plain = self._read_period(head)
        if month and (m := W.MONTH_ONLY_RE.match(head.strip("，"))):  # 9月当月，…: the month itself
            self.period = (self.period[0], int(m.group(1)))
            self.monthly = True
        if month and W.SINGLE_MONTH_RE.search(text):
            self.monthly = True
        if _TARGET_FIRST_RE.search(head) and W.TARGET_RE.search(head):
            self.target_mode = True
        if self.target_mode and (m := W.QUARTER_RE.search(head)):  # 力争三季度…: by September
            self.period = (self.period[0], 3 * W.QUARTERS.index(m.group(1)) + 3)
        if plain.lstrip().startswith("其中") or (
            plain.strip()[:1] in "按分从" and W.BREAKDOWN_RE.match(plain.strip())
        ):
            self.sub = True  # 其中…, 按行业划分，…: the groups named are parts of the programme
        if _FORECAST_FIRST_RE.search(head) and W.FORECAST_RE.search(head):
            self.forecast = True
        # a sentence opening on its period alone (…生产总值151.28亿元。1至11月，…) starts afresh
        was_blocked = self.blocked and not (self.sep == "" and not facts and not plain.strip())
        self.blocked = False
        mention = self._mention(text, head_end, plain, facts, line_start)
        if mention is None and breaking and self._blocks(plain) and not (
            "等" in text and W.EXAMPLES_COUNT_RE.search(text)
        ):
            self.current, self.blocked = [], True
        elif mention is None and was_blocked and not self.current:
            self.blocked = True
        if self.blocked:
            self.period = before_period  # 截至9月底已完成… of one project: not the text's period
        for start, end, kind, span in facts:
            if mention is not None and start < mention and (end <= mention or kind == "count"):
                continue  # the count of the group's own phrase
            self._fact(kind, span, text[:start])

    def _blocks(self, head: str) -> bool:
        """True when a head without a group names something else (全社会固定资产投资, 一条高速公路)."""
        h = self._strip(head)
        if W.BLOCK_RE.search(h):
            return True
        rest = W.TRIVIAL_RE.sub("", _FIGURE_CHARS_RE.sub("", h))
        return len(rest) >= 3

    # ------------------------------------------------------------ groups
    def _mention(self, text: str, head_end: int, plain: str, facts: list[tuple],
                 line_start: bool) -> int | None:  # fmt: skip
        """Read the group a clause names; the end of its phrase in the clause, or None."""
        if "总投资" in text and (m := W.ONE_BY_TOTAL_RE.search(text)):
            self.current, self.blocked = [], True  # 总投资238.15亿元的陵水气田开发项目: one project
            return m.end()
        if head_end < len(text) and self.top is not None and plain:
            region, rest = _strip_front(_head_tail_off(plain.strip()))
            if region and not rest and region != self.doc_region:
                # 其中，天城县完成投资28.2亿元: the programme's row of a region
                self._open([self.top.label], None, line_start, region=region, part=True)
                return head_end
        if head_end < len(text) and self.top is not None and "分别" in self.evidence:
            names = [x for x in re.split("和|、|及|与", W.REGION_LIST_TAIL_RE.sub("", plain.strip())) if x]
            if len(names) >= 2 and all(W.REGION_RE.fullmatch(x) and not W.NOT_REGION_RE.search(x)
                                       for x in names):  # fmt: skip
                # 成渝经济区和天府新区累计完成投资占年度计划分别为…: the programme's row of each
                self.current = [self._open_part(self.top.label, name) for name in names]
                return head_end
        if head_end < len(text) and (m := W.CAMPAIGN_SUBJECT_RE.fullmatch(_strip_front(plain.strip())[1])):
            # 市重点项目建设战役共完成投资…: the campaign's projects (named so later: 重点建设战役项目)
            self._open([m.group(1)], None, line_start)
            return head_end
        framed = ("前" in plain or "后" in plain) and W.LIST_FRAME_RE.search(plain)
        if "项目" not in text and "工程" not in text and not framed:
            return None
        if "项目" in text and (m := W.LISTED_RE.search(text)):
            self._open([m.group(2)], Decimal(m.group(1)), line_start,
                       region=self._region_in(text[: m.start()]))  # fmt: skip
            return m.end()
        if m := framed:
            if not W.REGION_WORD_RE.search(m.group(1)):
                self._open([x for x in re.split("、|和|及", m.group(2)) if x], None, line_start)
            else:
                self.current, self.blocked = [], True
            return head_end
        if "项目" in plain and W.NOT_GROUP_RE.search(plain) and head_end < len(text):
            self.current, self.blocked = [], True  # 一期项目已完成…, 该项目总投资…: one project
            return head_end
        m = W.COUNT_FIRST_RE.search(text)
        if (m and m.start() <= self._head_end2 and (month := W.MONTH_HEAD_RE.match(text))
                and (state := W.STATE_AFTER_RE.match(text[m.end():]))):  # fmt: skip
            # 仅8月份就有…等3个项目开工建设: the projects of that month, a group of their own
            self.date_month, self.monthly = int(month.group(1)), True
            verb = W.STATE_VERB_RE.search(state.group()).group()
            self._open([verb + "项目"], Decimal(m.group(1)), line_start)
            return m.end() + state.end()
        if m and m.start() <= self._head_end2 and (text[: m.start()].endswith("等") or (
            W.GENERIC_RE.match(m.group(2)) and any(f[0] in (m.start(), m.start() - 1, m.start() - 2)
                                                   and f[2] in ("started", "completed", "not") for f in facts)
        )) and not self._listed_group(m, facts):
            m = None  # …等94个项目开工建设, 有5个项目竣工: a count of the current group
        if m and m.start() <= self._head_end2 and self.forecast:
            return m.end()  # 预计还有42个项目可竣工: a forecast count
        if (m and m.start() <= self._head_end2 and self.top is not None
                and W.STATE_AFTER_RE.match(text[m.end():]) and not text[: m.start()].endswith("等")
                and (W.GENERIC_RE.match(m.group(2)) or self.top.label.endswith(m.group(2)))):  # fmt: skip
            return None  # 9个重点项目已建成: the programme's count of a state
        if m and m.start() <= self._head_end2:
            label = m.group(2)
            raw_before = F.read_periods(text[: m.start()], self.period)[1].strip()
            before = self._strip(raw_before)
            if before and len(before) <= 8 and not re.search(r"\d", before) and (
                raw_before.endswith("的") or not W.VERB_RE.search(before)
            ):
                label = before + label  # 藏区36个重点项目, 重点推进的100个省级项目
            region = self._region_in(label)
            if region is None and not before:
                region = self._region_in(raw_before)  # 开州区19个重点项目 (not …等29个重点项目)
            label = self._strip(label)
            if label and not W.NOT_GROUP_RE.search(label):
                self._open([label], Decimal(m.group(1)), line_start, region=region)
                return m.end()
        head = _head_tail_off(plain.strip())
        m = W.COUNT_AFTER_RE.search(head) if _named_group(head) else None
        if m and m.end() == len(head):
            label = self._strip(m.group(1))
            if label and not W.NOT_GROUP_RE.search(label):
                self._open([label], Decimal(m.group(2)), line_start, count_after=True,
                           region=self._region_in(m.group(1)))  # fmt: skip
                return head_end
        region, stripped = _strip_front(head)
        m = W.BARE_RE.search(stripped) if _named_group(stripped) else None
        if m is None and head_end == len(text) and (m := W.TOPIC_RE.match(stripped)):
            self._open([self._strip(m.group(1))], None, line_start,
                       region=region)  # 4大基建板块项目作为…，
            return head_end
        if m and (head_end < len(text) or m.group().endswith("中") or self.next_sep == "："
                  or W.LOST_COUNT_RE.search(m.group())  # 本级重点项目个，: its count's digits lost
                  or W.GROWING_RE.search(m.group())):
            label = self._strip(m.group(1))
            region = region or self._region_in(m.group(1))
            if W.ONE_PROJECT_RE.search(label):
                self.current, self.blocked = [], True  # 日供水3000吨的第二水厂项目: one project
                return head_end
            if label and not W.NOT_GROUP_RE.search(label):
                listy = "分别" in self.evidence
                labels = split_groups(label) if listy else [label]
                self._open(labels, None, line_start, region=region)
                return head_end
        return None

    def _open_part(self, label: str, region: str) -> Group:
        """A region's row of the programme, read with the other regions of its list."""
        g = Group(label, None if region == self.doc_region else region, self.period, self.lineno,
                  monthly=self.monthly, parent=self.top)  # fmt: skip
        self.groups.append(g)
        self.sentence_groups.append(g)
        self.blocked = False
        return g

    def _listed_group(self, m: re.Match[str], facts: list[tuple]) -> bool:
        """…等9个新项目全部开工建设: a named group after a list of single projects, its facts after."""
        return not W.GENERIC_RE.match(m.group(2)) and (any(
            f[0] >= m.end() and f[2] not in ("inline", "skip", "not", "count") for f in facts
        ) or bool(W.STATE_AFTER_RE.match(m.string[m.end():])))

    def _strip(self, text: str) -> str:
        """A group's phrase without the words in front of it (其中, 全县, 共有…)."""
        return _strip_front(text)[1]

    def _region_in(self, text: str) -> str | None:
        """The region named in front of a phrase (湖南省重点项目 → 湖南省), None for 全省/我市."""
        return _strip_front(text)[0]

    def _open(self, labels: list[str], count: Decimal | None, line_start: bool,
              count_after: bool = False, region: str | None = None, part: bool = False) -> None:  # fmt: skip
        self.blocked = False
        if region is not None and not self.groups and (
            self.doc_region is None or (regions.lookup(self.doc_region) is None and regions.lookup(region))
        ):
            self.doc_region = region  # 淄博高新区共有27个项目…: the text's own region
        if region == self.doc_region:
            region = None
        if (len(labels) == 1 and W.GENERIC_RE.match(labels[0]) and count is None and self.current
                and (self.top is None or any(c in self.sentence_groups for c in self.current))):  # fmt: skip
            return  # 项目开工率达45.7%: the group of the sentence
        if (len(labels) == 1 and labels[0] == "项目" and count is not None and self.top is None
                and (campaign := W.CAMPAIGN_RE.search(self.evidence))):  # fmt: skip
            labels = [campaign.group() + "项目"]  # 百日会战启动至9月底，全面推进的8683个项目
        if len(labels) == 1 and W.GENERIC_RE.match(labels[0]) and self.top is not None and (
            count is None or self.top.values.get("count") in (None, count)
        ):
            if count is not None:  # 27个项目总投资…: the programme named before
                self.top.put("count", count, self.evidence, self.period)
            self.current = [self.top]
            return
        # (、 between the stages, or ， in a sentence about the programme with a 续建 stage, never
        # an event: 其中新开工项目9个，续建项目18个; 其中新开工项目22个，竣工项目5个 are what happened)
        if (len(labels) == 1 and count is not None and count_after and self._listing()
                and self.top is not None and len(self.current) == 1 and self.current[0] is not self.top
                and set(self.current[0].values) == {"count"} and self.current[0] in self.sentence_groups
                and (name := stage_field(labels[0])) is not None
                and (prev := stage_field(self.current[0].label)) is not None and prev != name
                and (self.sep == "、" or "continuing" in (name, prev))
                and self.top.values.get(name) in (None, count)
                and self.top.values.get(prev) in (None, self.current[0].values["count"])):  # fmt: skip
            # 其中续建项目500个、新开工项目282个，年度计划投资…: the programme's composition
            self.top.put(prev, self.current[0].values["count"], self.evidence, self.period)
            self.top.put(name, count, self.evidence, self.period)
            self.groups.remove(self.current[0])
            self.current = [self.top]
            self.composed = self.top
            return
        if (len(labels) == 1 and count is not None and count_after and self.composed is not None
                and self._listing() and self.current == [self.composed]
                and (name := stage_field(labels[0])) is not None
                and self.composed.values.get(name) is None):  # fmt: skip
            # …、续建项目75个、竣工项目15个，总投资…: the composition goes on (and the amounts
            # after it are the programme's, not the last stage's)
            self.composed.put(name, count, self.evidence, self.period)
            return
        if (len(labels) == 1 and count is not None and count_after and not self.sub
                and self.top is not None and self.top in self.sentence_groups
                and not labels[0].startswith("新开工")  # 新开工项目450个，占年度计划68.9%: a task
                and not W.STAGE_RE.match(self.top.label)  # 新开工项目132个，竣工项目47个: two lists
                and (name := stage_field(labels[0])) is not None
                and self.top.values.get(name) in (None, count)):  # fmt: skip
            # 列入市级重点项目40项，新建项目22项，续建项目18项；总投资…: counts of the programme
            self.top.put(name, count, self.evidence, self.period)
            self.current = [self.top]
            return
        prev = self.groups[-1] if self.groups else None
        if (len(labels) == 1 and count is None and region is None and prev is not None
                and prev not in self.sentence_groups and prev.region is None and not prev.monthly
                and _shortens(labels[0], prev.label)
                # …省、市重点项目…。截至10月底，全县重点项目…: another group of another span
                and (prev.progress_period or prev.period)[1] in (None, self.period[1])):  # fmt: skip
            self.current = [prev]  # 新投产亿元以上项目77个。投产项目总投资…: the same group
            return
        out = []
        for label in labels:
            stage = bool(W.STAGE_RE.match(label))
            if self.target_mode and count is not None and len(labels) == 1:
                item = _item(W.TARGET_WORDS_RE.sub("", label))
                t = Task(item, "个", region, self.period, self.lineno, self.evidence,
                         task=count, monthly=self.monthly)
                self.tasks.append(t)
                if m := W.TARGET_STAGE_RE.match(item):
                    # 目标任务是新开工…项目40个，截至9月底已开工35个: what started answers it
                    t.kind = "竣工" if m.group(1) in ("竣工", "建成", "完工") else "开工"
                    self.pending.append(t)
                self.current = []
                return
            event = self.plan_period or self._event_period()
            period = event or (self.period if self.date_month is None else (self.period[0], self.date_month))
            g = Group(label, region, period, self.lineno, monthly=self.monthly, stage=stage,
                      line_start=line_start, count_after=count_after,
                      year_alone=event is None and period == self.bare)  # fmt: skip
            if event is not None:
                g.progress_period, g.event, g.planned = event, True, self.plan_period is not None
            if self.top is not None and stage and not (part or self.sub) and W.STAGE_RE.match(self.top.label):
                self.top = g  # 签约亿元以上项目156个，新开工项目132个: lists side by side, not parts
            elif part or (stage and W.PURE_STAGE_RE.match(label)) or (
                self.top is not None and (stage or self.sub or self.top in self.sentence_groups)
            ):
                g.parent = self.top
            else:
                self.top = g  # the programme (在建重点项目 too, when nothing was named before)
            if count is not None:
                g.put("count", count, self.evidence, self.period)
            self.groups.append(g)
            self.sentence_groups.append(g)
            out.append(g)
        self.current = out

    def _listing(self) -> bool:
        """The clause goes on a list of stages: after 、, or after ， in a sentence about the
        programme (其中…, or the sentence that named it)."""
        if self.sep == "、":
            return True
        return self.sep in ("，", ",") and (self.sub or any(g is self.top for g in self.sentence_groups))

    def _event_period(self) -> tuple[int | None, int | None] | None:
        """The period of a group a ceremony is about (集中开工, 此次…), when its sentence states no
        year-to-date period: the date in the sentence (12月8日), the dateline's month for one held
        近日, or the first date of the text for 这次/此次 (这次开工、投产的15个重点项目); else None."""
        sentence = self.evidence
        if W.YTD_HINT_RE.search(sentence):
            return None
        this = W.THIS_EVENT_RE.search(sentence)
        if not (this or W.EVENT_RE.search(sentence)):
            return None
        if self.date_month is not None:
            return (self.period[0], self.date_month)
        if W.RECENT_RE.search(sentence) and self.dateline is not None:
            return self.dateline
        if this and self.event_month is not None:
            return (self.period[0], self.event_month)
        return None

    # ------------------------------------------------------------ facts
    def _fact(self, kind: str, span: str, before: str) -> None:
        if kind == "amount":
            self.last_value = ("amount", _amounts(span)[-1], before, self.clause_no)
            return
        if kind == "done" and not self.sentence_groups and (vals := _amounts(span)):
            for t in reversed(self.pending):  # 当月任务8.0亿元，当月完成8.6亿元: what was done
                if t.unit == "亿元" and t.done is None and t.evidence == self.evidence:
                    t.done = vals[-1]
                    self.last_value = ("amount", t.done, "完成", self.clause_no)
                    return
        if kind in ("inline", "skip", "not"):
            if kind == "skip" and span.startswith("占") and (m := W.SHARE_OF_COUNT_RE.search(span)):
                self._count_of_named(m.group(2), Decimal(m.group(1)))
            if kind == "skip" and (m := W.WHOLE_PLAN_RE.search(span)):
                # 占全市固定资产投资计划2318亿元的41.6%: the year's target of the whole investment
                self.tasks.append(Task(m.group(1), "亿元", None, (self.period[0], 12), self.lineno,
                                       self.evidence, task=Decimal(m.group(2)) * _UNIT[m.group(3)]))
            if kind == "skip" and (vals := _amounts(span)):
                self.last_value = ("amount", vals[-1], span, self.clause_no)
                if W.FUNDS_RE.search(span):
                    item = _item(before + span)  # (its amount dropped: 实际到位资金)
                    self.funds = (vals[-1], re.sub(r"^(?:完成|实现)(?=.)", "", item))  # 完成州外到位资金
                    for t in reversed(self.pending):  # 到位资金任务120亿元，实际到位96.5亿元: done
                        if t.unit == "亿元" and t.done is None and t.evidence == self.evidence:
                            t.done = vals[-1]
                            break
            return
        if kind in ("task_pct", "task_of", "task_size", "target_of"):
            self._task(kind, span, before)
            return
        if kind in ("target", "subtarget"):
            size = Decimal(W.COUNT_RE.findall(span)[-1])
            verb = next((v for v in ("开工", "竣工", "完工", "建成") if v in span), "完成")
            verb = "竣工" if verb in ("完工", "建成") else verb
            item = _item(before + span[: span.find("任务") + 2] if "任务" in span else before + span)
            t = Task(item, "个", self._task_region(before), self.period, self.lineno, self.evidence,
                     task=size, monthly=self.monthly, kind=verb)
            self.tasks.append(t)
            if kind == "target":
                self.pending.append(t)  # a deadline target (“七一”前…45个以上) is never answered
            return
        if kind in ("done_count", "all_finished", "all_done", "all_started"):
            verb = {"all_done": "竣工", "all_started": "开工"}.get(kind)
            for t in reversed(self.pending):
                if t.done is None and (verb is None or t.kind in (verb, "完成")):
                    t.done = t.task if kind != "done_count" else Decimal(W.COUNT_RE.findall(span)[-1])
                    self._done_period(t)
                    self.last_value = ("count", t.done, "完成", self.clause_no)
                    return
            if kind in ("done_count", "all_finished"):
                return
        if kind == "count":
            values = [Decimal(x) for x in W.COUNT_RE.findall(span)]
            if values:
                self.last_value = ("count", values[-1], before, self.clause_no)
            if (len(values) == 1 and W.COUNT_ALONE_RE.fullmatch(before.strip()) and not self.blocked
                    and len(self.current) == 1 and self.current[0] in self.sentence_groups
                    and "count" not in self.current[0].values and not self.forecast):  # fmt: skip
                # 新开工项目迅猛增长，达到8955个: the count of the group named before
                self.current[0].put("count", values[0], self.evidence, self.period)
            return
        if kind in ("started", "completed") and not self.forecast and self._task_done(kind, span):
            return
        if kind == "started" and W.AHEAD_RE.search(before[-3:] + span) and not any(
            W.NOT_DUE_RE.match(g.label) for g in self.current
        ):
            return  # 其中提前开工3项: a part of the started, not their count
        if kind == "start_rate" and self._answers_task(span, "开工"):
            return  # 计划开工项目68个，实际开工73个，开工率107.4%: the contest's rate
        if kind == "plan_pct" and self._answers_task(span):
            return  # 目标任务30个，签约24个，完成全年任务的80%
        if kind == "plan_pct" and self.funds is not None and (
            self.blocked or not self.current or self._funds_last()
        ):
            # 域外项目实现到位资金218.3亿元，完成全年目标任务的52.7%: funds are no investment
            self.tasks.append(Task(self.funds[1], "亿元", None, self.period, self.lineno, self.evidence,
                                   done=self.funds[0], completion_pct=_pcts(span)[-1], monthly=self.monthly))
            self.funds = None
            return
        if self.blocked or self.forecast:
            return
        if not self.current:
            return
        if kind in ("all_started", "all_done"):
            for g in self.current:
                name = "started" if kind == "all_started" else "completed"
                if "count" in g.values:
                    g.put(name, g.values["count"], self.evidence, self.period)
            return
        name, values = self._values(kind, span)
        if name is None or not values:
            return

        if name in ("done_100m_yuan",):
            self.last_value = ("amount", values[-1], "完成投资", self.clause_no)
        if name in ("started", "completed"):
            self.last_value = ("count", values[-1], name, self.clause_no)
        if (name in ("started", "completed") and len(values) == 1 and len(self.current) == 1
                and (part := self.current[0]).parent is not None
                and part.values.get("count", values[0]) < values[0]
                and part.parent.values.get("count", values[0]) >= values[0]):  # fmt: skip
            self.current = [part.parent]  # …社会民生项目15个…；已开工项目64个: more than the part has
        targets = self.current
        if len(values) > 1 and len(values) != len(targets):
            if len(values) <= len(self.sentence_groups):
                targets = self.sentence_groups[-len(values):]
            else:
                return
        if len(values) == 1 and len(targets) > 1:
            if "均" not in span:
                return
            values = values * len(targets)
        for g, v in zip(targets, values, strict=True):
            if name == "plan_completion_pct" and v >= _IMPOSSIBLE_PCT:
                continue  # 完成率6902%: a source error, left null
            if name == "plan_completion_pct" and re.search("计划|目标|任务", span):
                g.pc_plan = True
            if self.monthly and not g.monthly and name in ("done_100m_yuan", "plan_completion_pct"):
                g = self._monthly_copy(g)
            if not g.put(name, v, self.evidence, self.period):
                twin = Group(g.label, g.region, self.period, self.lineno, monthly=self.monthly,
                             stage=g.stage, parent=g.parent)  # fmt: skip
                twin.put(name, v, self.evidence, self.period)
                self.groups.append(twin)
                self.current = [twin if c is g else c for c in self.current]
                g = twin
            if name == "started" and W.ALL_OF_COUNT_RE.match(span) and "count" not in g.values:
                g.put("count", v, self.evidence, self.period)  # 续建项目45个全部复工: 45 of 45
            if kind == "plan_pct" and len(values) == 1 and (plan := _plan_in_rate(span)) is not None:
                g.put("annual_plan_100m_yuan", plan, self.evidence, self.period)  # 完成年度计划投资298.6亿元的89.9%

    def _funds_last(self) -> bool:
        """True when the funds in place are the last value read, in this clause or the one
        before (新签约项目23个…；到位资金12.4亿元，完成年度目标任务的51.7%: the funds' rate; not
        the amount signed, 新签约…项目45个，签约金额230.5亿元，完成全年任务的56.3%: the count's)."""
        last = self.last_value
        return (last is not None and self.funds is not None and "到位" in self.funds[1] and last[0] == "amount"
                and last[1] == self.funds[0] and self.clause_no - last[3] <= 1)  # fmt: skip

    def _count_of_named(self, label: str, count: Decimal) -> None:
        """The count of a group read before, written only in a share of it (占530个重点项目完成
        投资的34.2%): the latest group of that name and the same region that has no count."""
        key = label_key(self._strip(label))
        for g in reversed(self.groups):
            if label_key(g.label) == key and g.region is None and not g.monthly:
                if "count" not in g.values:
                    g.put("count", count, self.evidence, self.period)
                return

    def _monthly_copy(self, g: Group) -> Group:
        for other in self.groups:
            if other.monthly and other.label == g.label and other.region == g.region:
                return other
        twin = Group(g.label, g.region, self.period, self.lineno, monthly=True, stage=g.stage,
                     parent=g.parent)  # fmt: skip
        self.groups.append(twin)
        self.current = [twin if c is g else c for c in self.current]
        return twin

    def _values(self, kind: str, span: str) -> tuple[str | None, list[Decimal]]:
        if kind in ("total", "plan", "done"):
            name = {"total": "total_investment_100m_yuan", "plan": "annual_plan_100m_yuan",
                    "done": "done_100m_yuan"}[kind]  # fmt: skip
            return name, _amounts(span)
        if kind in ("plan_pct", "month_pct"):
            return "plan_completion_pct", _pcts(re.sub(rf"{W.AMOUNT}", "", span))
        if kind == "start_rate":
            return "start_rate_pct", _pcts(span)
        if kind == "time":
            sign = -1 if re.search("低于|慢于|落后|滞后|慢|低", span) else 1
            minus = "-" in span  # 超序时进度-0.5个百分点: the sign as written
            return "vs_time_progress_pp", [-v if minus else sign * v for v in _numbers(span)]
        if kind in ("started", "completed"):
            return kind, [Decimal(x) for x in W.COUNT_RE.findall(span)][-1:]
        return None, []

    # ------------------------------------------------------------ tasks
    def _task(self, kind: str, span: str, before: str) -> None:
        pct = _pcts(span)
        last = self.last_value
        if kind == "task_size":
            if "%" in span:
                return
            size = _numbers(span)[-1]
            unit = "亿元" if re.search(W.AMT_UNIT, span) else "个"
            if unit == "亿元":
                size = _amounts(span)[-1]
            done = None
            if last and last[3] == self.clause_no and (last[0] == "amount") == (unit == "亿元"):
                done = last[1]
            item = _item(before)
            if item == _NO_ITEM:
                item = self._heading_item(done)
            t = Task(item, unit, self._task_region(before), self.period, self.lineno, self.evidence,
                     task=size, done=done, monthly=self.monthly, kind="完成")
            self.tasks.append(t)
            if done is None:
                self.pending.append(t)
            return
        if kind in ("task_of", "target_of"):
            sizes = _amounts(re.sub(rf"的?{W.PCT}$", "", span)) if re.search(W.AMT_UNIT, span) else []
            unit = "亿元" if sizes or (last and last[0] == "amount") else "个"
            size = sizes[0] if sizes else None
            if size is None and (m := W.COUNT_RE.search(span)):
                size, unit = Decimal(m.group(1)), "个"
            done = last[1] if last and (last[0] == "amount") == (unit == "亿元") else None
            for t in reversed(self.pending):
                if size is None and done is not None and t.done in (None, done) and t.unit == unit:
                    t.done, t.completion_pct = done, pct[-1] if pct else None
                    return
            if size is None and unit == "个" and self._planned_group_answered(span, pct[-1] if pct else None):
                return
            if self.funds is not None and done is not None and done == self.funds[0]:
                item = self.funds[1]  # 实际到位资金6.3亿元，完成年度目标任务5亿元的126%
            else:
                item = (last[2] if last and last[0] == "amount" and last[2] != "完成投资" else "") or _item(before)
            if item == _NO_ITEM:
                item = self._heading_item(done)
            self.tasks.append(Task(item, unit, self._task_region(before), self.period, self.lineno,
                                   self.evidence, task=size, done=done,
                                   completion_pct=pct[-1] if pct else None, monthly=self.monthly))
            return
        # task_pct: completion of a sub-period or campaign target, the target unstated
        done = last[1] if last and last[0] == "amount" else None
        if done is None:
            return
        label = self.current[0].label if self.current else ""
        word = _target_word(span)
        if word[: -len("目标任务")] and word[: -len("目标任务")] in label:
            word = "目标任务"  # 百日会战项目 + 百日会战目标任务: the campaign once
        self.tasks.append(Task(label + word, "亿元", self._task_region(), self.period,
                               self.lineno, self.evidence, done=done,
                               completion_pct=pct[-1] if pct else None, monthly=self.monthly))

    def _heading_item(self, done: Decimal | None) -> str:
        """The item of a task whose clause names none (任务数15个 after 新开工项目：; 完成全年目标
        任务5家的120% after 新引进企业6家): the clause before it in the sentence, when it
        names something (no period, no other target), its number dropped; else the heading
        just before the sentence ((一)新开工项目。任务数25个…); else 任务."""
        for clause in reversed(self.clauses[-2:]):
            if "任务" in clause or "目标" in clause or "%" in clause:
                continue  # (完成15个 between: its own answer, not a name)
            item = _item(W.ITEM_ORDINAL_RE.sub("", clause))
            for region in (self._task_region(), self.doc_region):
                if region and item.startswith(region) and len(item) > len(region):
                    item = item[len(region) :]  # 高新区引进优强企业: the region's, named apart
            if item != _NO_ITEM and not W.DONE_WORD_RE.fullmatch(item) and len(item) <= 20:
                return item
        return self.heading or _NO_ITEM  # (二)竣工投产项目。任务数12个，…

    def _planned_group_answered(self, span: str, pct: Decimal | None) -> bool:
        """全年计划新开工项目50个，…已开工32个，完成全年开工目标的64%: the planned stage read as a
        group is the target of a contest — a task (50, 32, 64 %) instead; True when so."""
        g = self.current[0] if len(self.current) == 1 else None
        field = "started" if "开工" in span else "completed" if re.search("竣工|建成|完工", span) else None
        if (g is None or field is None or not W.PLANNED_STAGE_RE.match(g.label)
                or not {"count", field} <= set(g.values) or g not in self.groups):  # fmt: skip
            return False
        self.tasks.append(Task(g.label, "个", g.region, g.progress_period or self.period, g.line,
                               self.evidence, task=g.values["count"], done=g.values[field],
                               completion_pct=pct, monthly=self.monthly))  # fmt: skip
        self.groups.remove(g)
        self.current = []
        return True

    def _answers_task(self, span: str, verb: str | None = None) -> bool:
        """A completion rate right after the count that answered a target is the target's
        (a start rate only that of a target of starts: ``verb`` 开工)."""
        t = self.pending[-1] if self.pending else None
        values = _pcts(span)
        if verb is not None and (t is None or t.kind != verb):
            return False
        if (t is None or t.done is None or t.completion_pct is not None or len(values) != 1
                or self.last_value is None or self.last_value[1] != t.done):  # fmt: skip
            return False
        t.completion_pct = values[0]
        return True

    def _task_region(self, before: str = "") -> str | None:
        """The region of a task: named in front of it (东湖区签约任务4个), else its group's,
        else the one named before in the sentence (…；开工任务3个、完成4个 of 东湖区 still)."""
        if before and _REGION_SUFFIX_FIRST_RE.search(before):
            named = _strip_front(F.read_periods(before, (None, None))[1].strip("，、(（ "))[0]
            if named is not None:
                self.named_region = None if named == self.doc_region else named
                return self.named_region
        if self.current and self.current[0].region is not None:
            return self.current[0].region
        return self.named_region

    def _task_done(self, kind: str, span: str) -> bool:
        """A count started or completed that answers a target read before it."""
        verb = "开工" if kind == "started" else "竣工"
        for t in reversed(self.pending):
            if t.kind in (verb, "完成") and t.done is None:
                t.done = Decimal(W.COUNT_RE.findall(span)[-1])
                self._done_period(t)
                self.last_value = ("count", t.done, verb, self.clause_no)
                return True
        return False

    def _done_period(self, t: Task) -> None:
        """今年计划开工项目45个，截至8月底已开工38个: the contest is of the span of what was done
        (a span carried from an earlier sentence gives way to one its own sentence states)."""
        if self.period[1] is not None and (t.period[1] is None or t.evidence == self.evidence):
            t.period = (t.period[0] if t.period[0] is not None else self.period[0], self.period[1])

    # ------------------------------------------------------------ the end
    def _finish(self) -> tuple[list[Group], list[Task]]:
        groups = [g for g in self.groups if g.values]
        groups = fold_stages(groups, self.tasks)
        groups = merge_programmes(merge_groups(groups))
        return groups, self.tasks


def _named_group(text: str) -> bool:
    """True when ``text`` holds a word that W.COUNT_AFTER_RE, W.BARE_RE and W.TOPIC_RE end
    their phrase with (项目, 工程): tested before them, the quicker."""
    return "项目" in text or "工程" in text


def _head_tail_off(head: str) -> str:
    """``head`` without W.HEAD_TAIL_RE at its end (分别, 共, 已经 …); the pattern runs only
    when the last character can end it."""
    return W.HEAD_TAIL_RE.sub("", head) if head[-1:] in _HEAD_TAIL_LAST else head


def _strip_front(text: str) -> tuple[str | None, str]:
    """(the region named in front, the phrase without its front words: 其中, 全县, 共有 …).

    >>> _strip_front("其中贵州省共安排省级重大工程项目"), _strip_front("全县重点项目")
    (('贵州省', '省级重大工程项目'), (None, '重点项目'))
    """
    s, region = text.strip(), None
    for _ in range(4):
        before = s
        if s[:1] in _PREFIX_FIRST:  # (the quick tests first: where each pattern can start)
            s = W.PREFIX_RE.sub("", s)
        if s[:1] in _PRONOUN_FIRST and (m := W.PRONOUN_RE.match(s)):
            s = s[m.end() :]
        elif (
            _REGION_SUFFIX_FIRST_RE.search(s, 1, 7)
            and (m := W.REGION_RE.match(s))
            and not W.NOT_REGION_RE.search(m.group(1))
        ):
            name, end = m.group(1), m.end()
            if s[end : end + 1] in W.SUFFIX_CHARS and regions.lookup(s[: end + 1]):
                name, end = s[: end + 1], end + 1  # 贵州 + 省 (but 天城县 | 省重点项目)
            region = region or name
            s = s[end:]
        if s == before:
            break
    return region, s.strip("的")


def _drop_asides(line: str) -> str:
    """The line without its asides in brackets: (含兰考县), (打包项目拆分后共569项), a list's
    composition by size (列入县级调度的亿元以上项目26项；镇级300万元—5000万元重点项目74项) — not a
    bracket with a figure or a target (任务数18家, 占比60%, 3.2亿元).

    >>> _drop_asides("重大项目204项(亿元以上项目95项；500万元—1亿元项目109项)，总投资1521.4亿元")
    '重大项目204项，总投资1521.4亿元'
    >>> _drop_asides("引进企业21家(任务数18家)")
    '引进企业21家(任务数18家)'
    """
    def drop(m: re.Match[str]) -> str:
        return m.group() if _ASIDE_NOT.search(W.SIZE_WORDS_RE.sub("", m.group())) else ""

    return _BRACKET.sub(drop, line) if "(" in line else line


# what makes a span's month 12 other than a year alone (2023年 → the full year, or so far)
_FULL_YEAR_RE = re_cache.compile("全年")
_TWELVE_RE = re_cache.compile(r"12月|十二月|全年|[四4]季度|年[底末]|下半年")
_LEVEL_CHARS = frozenset("省市县区州盟旗镇乡")  # 市重点项目: the list of a level


def _shortens(short: str, label: str) -> bool:
    """True when a group's name is a shorter mention of ``label`` (its words in order, fewer):
    投产项目 of 新投产亿元以上项目 — not a bare 项目, nor the same name.

    >>> _shortens("投产项目", "新投产亿元以上项目"), _shortens("竣工项目", "新开工项目")
    (True, False)
    """
    if short == label or len(short) >= len(label) or not short.endswith("项目") or len(short) < 4:
        return False
    if label[:1] in _LEVEL_CHARS and short[:1] != label[:1]:
        return False  # 重点项目 after 市重点项目: the text's own list, not the city's
    rest = iter(label[: -len("项目")])
    return label.endswith("项目") and all(ch in rest for ch in short[: -len("项目")])


def _title(line: str) -> bool:
    """A title or subtitle line: short, no sentence or clause punctuation.

    >>> _title("1-7月保定215个重点项目完成投资416.8亿"), _title("全县重点项目50个，完成投资4.28亿元。")
    (True, False)
    """
    return len(line) <= 60 and not re.search(r"[。；，！？]", line)


_NO_ITEM = "任务"  # the item of a task whose sentence names none


def _heading(text: str) -> str | None:
    """The item a heading names (``(一)新开工项目。`` → 新开工项目), None for a sentence.

    >>> _heading("(二)竣工投产项目。"), _heading("全县上下倒排工期、挂图作战。")
    ('竣工投产项目', None)
    """
    s = W.ITEM_ORDINAL_RE.sub("", text.strip()).rstrip("。：:")
    return s if 2 <= len(s) <= 12 and not re.search(r"[，、；,]|[是为了着]", s) else None


def _item(before: str) -> str:
    s = F.read_periods(before, (None, None))[1]
    s = W.SINGLE_MONTH_RE.sub("", s)
    s = re.sub(rf"{W.NUM}(?:{W.AMT_UNIT}|{W.CLS}|%)?(?!{W.AMT_UNIT}|以上|以下)", "", s)
    s = _strip_front(s.strip("(（ "))[1]
    return s.strip("，、(（ ") or _NO_ITEM


def _target_word(span: str) -> str:
    m = re.search(r"(?:[上下]半年|一季度|二季度|三季度|四季度|前三季度|百日会战|会战|攻坚|序时|阶段|季度|月度)", span)
    return (m.group() if m else "") + "目标任务"


class ProjectsRead(NamedTuple):
    """What :func:`read_projects` gives: project and task records, and the groups' figures."""

    groups: list[dict[str, Any]]
    tasks: list[dict[str, Any]]
    figures: list[dict[str, Any]]


def read_projects(
    lines: list[str], region: str | None = None, year: int | None = None, file: str | None = None
) -> ProjectsRead:
    """The project groups and tasks of a text's cleaned lines, as JSON-ready records.

    ``region`` is the text's own region (the figure reader's), ``year`` the year when the
    text does not write it. Each record ends with ``kind``, ``monthly`` (a single month's
    figures, 9月当月) and ``line`` (of the first sentence it came from). ``figures`` holds
    each group's completed amount as a figure record (:func:`~fai.bulletin.project_groups.group_figures`).

    >>> from fai.bulletin.text import clean_lines
    >>> groups, tasks, _ = read_projects(clean_lines(
    ...     "全县安排重点项目58个，年度计划投资36.5亿元，1—9月完成投资29.8亿元，占年度计划的81.6%；"
    ...     "已开工52个，开工率89.7%。9月当月亿元以上项目签约任务数为12个，完成19个。"), "天城县", 2024)
    >>> g = groups[0]
    >>> [g[k] for k in ("group", "count", "started", "start_rate_pct", "annual_plan_100m_yuan",
    ...                 "done_100m_yuan", "plan_completion_pct", "month")]
    ['重点项目', 58, 52, 89.7, 36.5, 29.8, 81.6, 9]
    >>> [(t["item"], t["task"], t["done"], t["month"], t["monthly"]) for t in tasks]
    [('亿元以上项目签约', 12, 19, 9, True)]
    """
    reader = ProjectReader(region, year)
    groups, tasks = reader.read(lines)
    _date_year_alone(groups, reader.months)
    default = main_period(groups)
    if default[1] is None and reader.months:
        # 今年以来，全县累计新开工项目37个…。1-10月，全县固定资产投资…: the text's span
        default = (default[0], _most(reader.months))
    if default[0] is None and year is None:
        default = (_one_year(lines), default[1])  # 使2019年度项目谋划工作…；今年1到10月
    if not reader.ytd_seen and reader.event_month is not None:
        # an event report (集中开工 on 4月27日): its groups are of the event's month
        for g in groups:
            g.progress_period = (g.period[0], reader.event_month)
        default = (default[0], reader.event_month)
    # 当月完成投资386亿元 alone: the month's figure (the figure reader's), no group of its own
    groups = [g for g in groups if not (g.monthly and set(g.values) == {"done_100m_yuan"})]
    out_g = []
    for g in groups:
        year_, month = g.progress_period or g.period
        if month is None:
            month = default[1]
        year_ = year_ or default[0]
        rec: dict[str, Any] = {"file": file, "region": g.region or reader.doc_region,
                               "year": year_ or year, "month": month, "group": g.label}  # fmt: skip
        for k in PROJECT_FIELDS:
            v = g.values.get(k)
            rec[k] = None if v is None else (int(v) if k in _COUNTS else float(v))
        rec.update(evidence="".join(g.evidence), kind="project", monthly=g.monthly, line=g.line)
        out_g.append(rec)
    out_t = []
    for t in tasks:
        year_, month = t.period
        if month is None:
            month = default[1]
        year_ = year_ or default[0]
        rec = {"file": file, "region": t.region or reader.doc_region, "year": year_ or year,
               "month": month, "item": t.item, "unit": t.unit}  # fmt: skip
        for k in ("task", "done", "completion_pct"):
            v = getattr(t, k)
            rec[k] = None if v is None else (int(v) if t.unit == "个" and k != "completion_pct" else float(v))
        rec.update(evidence=t.evidence, kind="task", monthly=t.monthly, line=t.line)
        out_t.append(rec)
    return ProjectsRead(out_g, out_t, group_figures(out_g, [is_key(g) for g in groups]))


def _date_year_alone(groups: list[Group], months: list[int]) -> None:
    """Groups named under a year alone (2023年，全市共安排重点项目86个) with no progress of
    their own (a count, a total, an annual plan) are of the span the text reports (1—6月:
    the month of most of its other groups, else of the spans it states most), the
    programme as it stands then. A text that states no month keeps the year's (annual
    summaries); so does a group of another year than the text's (2024年计划安排…), and
    one whose progress is under the year alone (its amount is the figure reader's too)."""
    alone = [g for g in groups if g.year_alone and not g.planned and g.progress_period is None]
    if not alone:
        return
    ids = {id(g) for g in alone}
    year, month = main_period([g for g in groups if id(g) not in ids])
    if month is None and months:
        month = _most(months)
    if month is None or month == 12:
        return
    for g in alone:
        if year is not None and g.period[0] not in (None, year):
            continue
        g.period = (g.period[0], month)


def _most(months: list[int]) -> int:
    """The month stated most often (ties: the last): the span a text reports."""
    return max(reversed(months), key=months.count)


def _one_year(lines: list[str]) -> int | None:
    """The one year a text writes (2018年度, 2018年), not as a comparison base (比2019年,
    2019年以来) nor in a dateline; None when it writes none or several.

    >>> _one_year(["使2019年度项目谋划工作落到实处", "今年1到10月…"]), _one_year(["较2021年同期增长"])
    (2019, None)
    """
    years = {int(m.group(1)) for line in lines if not P.DATE_LINE_RE.fullmatch(line)
             for m in W.ONE_YEAR_RE.finditer(line)}  # fmt: skip
    return years.pop() if len(years) == 1 else None


def read_projects_text(
    text: str, region: str | None = None, year: int | None = None, file: str | None = None
) -> ProjectsRead:
    """:func:`read_projects` of a raw text (cleaned first)."""
    return read_projects(T.clean_lines(text), region, year, file)

