"""The clause-by-clause reader behind :func:`fai.read_bulletin`.

A bulletin is read line by line (a line is a paragraph), sentence by sentence
(``。！？``) and clause by clause (``，；：``). Each clause is a *head* — who or
what the figures are about — and the *facts* found by
:data:`fai.bulletin.patterns.FACT_RE`. The reader keeps a small state:

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
from collections.abc import Callable
from typing import Any

from fai.bulletin import facts as F
from fai.bulletin import patterns as P
from fai.bulletin import records as R
from fai.bulletin import table as B
from fai.bulletin import text as T
from fai.bulletin.records import Record, Subject, Target
from fai.bulletin.task_table import join_vertical_rows
from fai.errors import FaiWarning
from fai.model import regions

SKIP = "skip"  # the key of a list item that is not investment (消费 in 投资、消费分别增长…)
_FACT_KIND = P.group_kinds(P.FACT_KINDS)  # FACT_RE's group → kind
# the characters a match of NATION_RE starts with: tested first, the quicker
_NATION_FIRST = P.first_chars(P.NATION_RE)
# the characters the suffix of a region name (REGION_NAME_RE) starts with
_REGION_SUFFIX_FIRST = frozenset("特自经地新开高园街省市县区旗州盟镇乡")
_TARGET_HEAD_FIRST = frozenset("力确预争目计任")  # the characters TARGET_HEAD_RE's words start with
_BOUNDS = P.BOUNDS  # (read by _put for each figure)
_COUNT_WORDS = frozenset("个项家宗批座条")  # the words COUNT_IN_LABEL_RE counts with
_TOWN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,5}(?:镇|乡|街道)")  # 城关镇, 方庙街道
_FALL_WORDS = ("下降", "下跌", "下滑", "减少", "年减", "年降")  # 1至10月的年减1.7%: a fall
# … each as a pattern of one of them, the quicker test of a text (P.one_of)
_REGION_SUFFIX_FIRST_RE = P.one_of(_REGION_SUFFIX_FIRST)
_TARGET_HEAD_FIRST_RE = P.one_of(_TARGET_HEAD_FIRST)
_COUNT_WORDS_RE = P.one_of(_COUNT_WORDS)
_EXPAND_SECTORS = T.expand_sectors("第{}产业")  # 第一、二产业 → 第一产业、第二产业
_EXPAND_SHORT_SECTORS = T.expand_sectors("{}产")  # 一、二产 → 一产、二产


class Reader:
    """Reads one bulletin; :meth:`read` returns the records in order of first mention."""

    def __init__(self, region: str | None, year: int | None, file: str | None = None) -> None:
        self.file = file or "bulletin"
        self.user_region = region
        self.user_year = year
        self.doc_region: str | None = region
        self.region_locked = region is not None
        self.doc_level: str | None = region[-1] if region else None  # 县 of 全县, 天城县
        self.period: tuple[int | None, int | None] = (None, None)
        self.subject: Subject | None = None
        self.pending: str = ""  # the noun of a blocked head (亿元以上项目96个 → 亿元以上项目)
        self.pending_region: str | None = None  # … and the region named before it (城口县)
        self.programme_pending: tuple[str, str | None] | None = None  # the last not a stage
        self.stage_pending: tuple[int, int] | None = None  # a stage's: sentence, pending_uses
        self.pending_uses = 0  # amounts that went to the pending group
        self.qualifier: str = ""  # 扣除房地产开发投资
        self.within: str = ""  # 在基础设施投资中: the figures of this sentence are parts of it
        self.sentence_no = 0
        self.rank_of: int | None = None
        self.target_mode = False  # the figures of this clause on are targets
        self.target_sentence = False  # … of this sentence on (after 主要预期目标是：)
        self.target_listing = False  # the target figures go on past a new subject
        self.one_month = False  # a 当月 clause without figures: the next subject is one month's
        self.several_years = False  # … of this sentence on cover several years
        self.past_period: tuple[int, int] | None = None  # … of this sentence on are last year's
        self.dated: tuple[int, int] | None = None  # the text's dateline (year, month)
        self.sentence_targets: list[Target] = []  # the targets figures went to in this sentence
        self.line_start = False  # the sentence opens its line (a new paragraph or section)
        self.after_semicolon = False  # the clause follows a ； of its sentence (a new item)
        self.in_headline = False  # the sentence is a title line (no closing punctuation)
        self.table: B.Table | None = None  # the flattened table being read
        self.table_unit: str | None = None  # 单位：万元
        self.header_block: list[str] = []  # short lines without figures: a header broken over lines
        self.group_cells: list[str] = []  # a header's first line naming the investment of its columns
        self.committed: tuple[int | None, int | None] | None = None  # of the last figure put
        self.period_unused = False  # a sentence changed the period and no figure used it yet
        self.title = ""  # the last title line that names an investment
        self.records: list[Record] = []
        self.last_put: Target | None = None  # the last target a figure went to
        self.ytd_months: set[int] = set()  # months closing a year-to-date span of the text
        self.report_year: int | None = None  # of a work report: its review is of the year before
        self.mom_sentence = False  # the sentence gives a month-on-month rate (环比)
        self.saved_period: tuple[int | None, int | None] | None = None  # under a single month
        self.years_seen: set[int] = set()  # the years the text's periods name
        self.parts_of: Subject | None = None  # the subject a 其中 sentence breaks down
        # 城建、交通、水利、能源4大板块项目: the counted list's target and its items' names
        self.counted: tuple[Target, list[str]] | None = None
        self.index: dict[tuple, list[Record]] = {}
        self.warnings: list[str] = []

    # ------------------------------------------------------------ driving
    def read(self, text: str) -> list[Record]:
        return self.read_lines(T.clean_lines(text))

    def read_lines(
        self, lines: list[str], on_locked: Callable[[str | None], None] | None = None
    ) -> list[Record]:
        """:meth:`read` of a text's cleaned lines (:func:`~fai.bulletin.text.clean_lines`).

        ``on_locked`` is called once, with :attr:`doc_region`, when the text's own region
        can no longer be named (:attr:`region_locked`, at the latest after the first line
        or two): from then on :attr:`doc_region` changes only at the end, from None to
        全国 (a national release that names 全国 after its first lines). Not called when
        the text ends before.
        """
        lines = join_vertical_rows(lines)  # a table of one cell per line: a row per line
        if self.doc_level is None:  # 我县, or 全省 … 全县: a county's text; 全国, 全省 are others
            self.doc_level = _own_level(lines)
        bad = T.mojibake_lines(lines)
        self.ytd_months = F.ytd_months(lines)
        self.dated = F.dateline(lines) or F.closing_date(lines)  # (of last year's figures)
        self.report_year = F.report_year(lines)
        scope = 0  # sentences in which the text's own region may be named
        for lineno, line in enumerate(lines, start=1):
            if on_locked is not None and self.region_locked:
                on_locked(self.doc_region)
                on_locked = None
            if not line:
                continue
            if lineno - 1 in bad:
                self._warn(
                    f"{self.file} line {lineno}: skipped, it is not readable Chinese "
                    f"(mojibake): {line[:40]!r}"
                )
                continue
            if ("月" in line and P.DATE_LINE_RE.fullmatch(line)) or (
                (":" in line or "：" in line) and P.SOURCE_LINE_RE.fullmatch(line)
            ):
                continue  # 2024年3月 under a title: when it was published, not a period
            if "单位" in line and (m := B.UNIT_LINE_RE.fullmatch(line)):  # (it needs 单位)
                self.table_unit = m.group(1)  # 单位：万元 above a table
                self.header_block = []
                continue
            if B.CELL in line:
                if self._table_line(line):
                    continue
                line = P.CELL_IN_NUMBER_RE.sub(" ", line).replace(B.CELL, "")  # prose after all
            if self.table is not None and len(line) <= 12 and P.TABLE_SECTION_RE.fullmatch(line):
                continue  # 分产业, 按登记注册类型分: a row naming the rows under it, the table goes on
            self.table = None
            if len(line) <= 30 and not P.HEADER_BLOCK_STOP_RE.search(line):
                self.header_block = [*self.header_block[-11:], line]
            else:
                self.header_block = []
            if "。" not in line and ("投资" in line or "房地产开发" in line):
                # (…全市房地产开发和销售情况: a real-estate release's title names no 投资)
                self.title = line
            if not self.region_locked and (m := P.CONGRESS_RE.search(line)):
                self._own_region(m.group(1))  # the city of a government work report
            if not self.region_locked and (m := P.BUREAU_REGION_RE.search(line.split("。")[0])):
                name = m.group(1)
                if not (name in P.NOT_REGION or name.startswith(P.NOT_REGION_START)
                        or P.NOT_IN_REGION_RE.search(name) or P.BUREAU_NOT_NAME_RE.search(name)
                        or self.doc_level not in (None, name[-1])):  # fmt: skip
                    self._own_region(name)  # 记者从安平县统计局获悉
            if self.period_unused and self.committed is not None:
                # 截至9月底 in a paragraph about one project: the figures of the next
                # paragraph are of the span the text's figures had, not of that date
                self.period, self.period_unused = self.committed, False
            header = "。" not in line and len(line) <= 60
            if scope == 0:
                scope = 2 if header else 1
            self.line_start = True
            skipped = 0
            for sentence in T.sentences(line):
                if len(sentence) > T.MAX_CLAUSE and all(
                    len(c) > T.MAX_CLAUSE for c, _ in T.clauses(sentence)
                ):
                    skipped += len(sentence)
                    continue
                self._sentence(sentence.strip(), header)
                self.line_start = False
                if not self.region_locked and self.sentence_no >= scope:
                    self.region_locked = True
            if skipped:
                self._warn(
                    f"{self.file} line {lineno}: skipped {skipped:,} characters without "
                    f"punctuation (a clause is read up to {T.MAX_CLAUSE:,})"
                )
        _size_projects_beside_real_estate(self.records)
        R.merge_headlines(self.records)
        R.drop_rounded_headlines(self.records)
        R.merge_undated(self.records)
        self._fill_years(lines)
        national = any(r.region == "全国" for r in self.records)
        if self.doc_region is None and self.doc_level is None and national:
            self.doc_region = "全国"  # a national release that names 全国 after its first lines
            R.merge_into(self.records, "全国")
        return self.records

    def _fill_years(self, lines: list[str]) -> None:
        """The year of figures whose sentence did not give one: the one year the text's
        periods name (2025年全年 in a later sentence of a wire story), else that of its
        dateline (发布时间:2015-09-14; a figure of a later month than the dateline's keeps no
        year: the year before, or a repost's page date that says nothing). Only when the
        caller gave no year."""
        if self.user_year is not None or all(r.year is not None for r in self.records):
            return
        if len(self.years_seen) == 1:
            year = next(iter(self.years_seen))
            for r in self.records:
                if r.year is None and r.month is not None:
                    r.year = year
            return
        if self.years_seen:
            return
        dated = self.dated
        if dated is None:
            return
        for r in self.records:
            if r.year is None and r.month is not None and r.month <= dated[1]:
                r.year = dated[0]  # (a later month: the year before, or a repost's page date)

    def _plausible(self, name: str, value: Any, evidence: str) -> bool:
        """False (with a warning) for a figure no bulletin can state: a level over 10^7 亿元,
        a growth rate under −100 % or over 10^5 %, a share over 100 % (a stripped decimal
        point, digits run together)."""
        low, high = P.BOUNDS.get(name, (None, None))
        if low is None or low <= value <= high:
            return True
        self._warn(
            f"{self.file}: {name} {value} left out, it is not plausible (expected {low} to "
            f"{high}): {evidence[:60]!r}"
        )
        return False

    def _warn(self, msg: str) -> None:
        self.warnings.append(msg)
        warnings.warn(msg, FaiWarning, stacklevel=4)

    def _merge_into(self, region: str) -> None:
        """Records of the text's own region (None) join those written with its name."""
        named = {}
        for r in self.records:
            if r.region == region:
                named.setdefault((r.year, r.month, r.key, r.scope, r.label), []).append(r)
        for rec in [r for r in self.records if r.region is None]:
            for other in named.get((rec.year, rec.month, rec.key, rec.scope, rec.label), []):
                if all(other.values.get(k) in (None, v) for k, v in rec.values.items()):
                    for piece in rec.evidence:
                        other.add(
                            {k: v for k, v in rec.values.items() if k in rec.given.get(piece, ())},
                            piece,
                            piece in rec.headlines,
                        )
                    self.records.remove(rec)
                    break

    def _table_line(self, line: str) -> bool:
        """Read a line of a flattened table; False when it is not one (then it is prose)."""
        cells = line.split(B.CELL)
        table = B.read_header(cells, self.table_unit, self.title)
        groups, self.group_cells = self.group_cells, []
        if table is not None and not cells[0]:
            # (blank) | 增速 | 位次 | 增速 | 位次 under 县区 | 固定资产投资 | 其中：工业投资
            table = B.grouped_columns(table, groups) if groups else table
        if table is not None and B.repeated_columns(table):
            table = None  # 增速 twice and no investment named over each: whose is which?
        elif table is None and B.group_header(cells):
            self.group_cells, self.table = cells, None
            return True
        if table is not None:
            self.table = table
            self.region_locked = True  # the rows are parts of the text's region
            if table.period_cell:
                self.period, _ = F.read_periods(table.period_cell, self.period)
            if table.column_periods:  # 指标 | 1-6月 | 1-8月: the latest span is the text's
                spans = [F.read_periods(span, self.period)[0] for span in table.column_periods if span]
                self.period = max(spans, key=_month_of)
            return True
        if self.table is None and self.header_block:
            # 县(市、区) 1-7月固投 / 增速情况 / … one header cell a line, then the rows
            self.table = B.read_header_block(self.header_block, len(cells) - 1, self.table_unit)
            self.header_block = []
            if self.table is not None:
                self.region_locked = True
                if self.table.period_cell:  # not 前三季度 of a plan column read as prose
                    self.period, _ = F.read_periods(self.table.period_cell, self.period)
        if self.table is None:
            return False
        if self.table.column_periods:
            latest = self.period
            for span, part in B.period_parts(self.table, cells[0]):
                self.period = F.read_periods(span, latest)[0]  # each column's span in turn
                self._table_row(cells, part)
            self.period = latest
            return True
        if not self.table.column_labels:
            return self._table_row(cells, self.table)
        if len(cells) == len(self.table.columns) - 1:
            cells = [cells[0], "", *cells[1:]]  # 市本级 with no growth rate: its first cell empty
        for label in dict.fromkeys(self.table.column_labels[1:]):
            part = B.Table(
                [k if k == "label" or lab == label else "skip"
                 for k, lab in zip(self.table.columns, self.table.column_labels, strict=True)],
                self.table.unit, regions=self.table.regions, label=label,
            )  # fmt: skip
            self._table_row(cells, part)
        return True

    def _table_row(self, cells: list[str], table: B.Table) -> bool:
        """Read one row of a flattened table with its header's meaning (True: it was read)."""
        row = B.read_row(cells, table)
        if row is None:
            return True  # a row that does not fit the header: nothing to read
        label, values = row
        if "投资" in label:
            region, rest = self._take_region(label)
            label = T.cut_label(rest)
        elif "投资" in table.label + self.title and T.indicator(label + "投资")[0] not in (
            "other",
            "fai_total",
        ):
            region, label = None, label + "投资"  # 其中：国有控股 under 固定资产投资
        elif table.regions and P.TOTAL_ROW_RE.fullmatch(label):
            region, label = None, _known_label(table.label)  # 合计: the text's own region
        elif table.regions or P.REGION_NAME_RE.fullmatch(label):
            region, rest = self._take_region(label)
            if region is None or T.strip_suffix(rest):
                return True
            label = _known_label(table.label)
        else:
            return True  # 社会消费品零售总额: not an investment
        if not label or not values:
            return True
        key, scope = T.indicator(label)
        self.sentence_targets = []
        self._put(Target(region, key, label, scope), values, " ".join(c for c in cells if c))
        return True

    def _sentence(self, sentence: str, header: bool) -> None:
        if not sentence:
            return
        self.in_headline = header and not sentence.endswith(("。", "！", "？", "；"))
        if self.saved_period is not None:  # the span of the text again after a single month
            year = self.period[0] if self.period[0] is not None else self.saved_period[0]
            self.period, self.saved_period = (year, self.saved_period[1]), None
        self.sentence_no += 1
        self.rank_of = None
        self.target_mode = self.several_years = self.target_sentence = False
        self.target_listing = self.one_month = False
        self.past_period = None
        self.within = ""
        self.sentence_targets: list[Target] = []
        # 其中，甲镇、乙镇分别完成投资…: the parts of the programme the last sentence was about
        self.parts_of = self.subject if sentence.startswith("其中") else None
        evidence = sentence
        if (
            self.subject is not None
            and (self.subject.targets or self.subject.blocked)  # (after 商品房销售面积…)
            and sentence[:1] in "分从按"
            and (self.line_start or all(t.key == "other" for t in self.subject.targets))
            and P.REGION_BREAKDOWN_RE.match(sentence)
            and any(r.key == "fai_total" and r.region is None for r in self.records)
        ):
            # 分县市区看 opening a paragraph, or after 新开工项目…, in a release of the whole
            # investment: the regions' figures are of the whole investment
            self.subject = Subject([Target(None, "fai_total", "固定资产投资")], self.sentence_no)
        elif (
            self.line_start
            and sentence[:1] in "从就按"
            and P.ASPECT_INTRO_RE.match(sentence)
            and (main := self._main_target()) is not None
        ):
            self.subject = Subject([main], self.sentence_no)  # 从投资完成情况看，…
        body = sentence
        if "(" in body:
            if "%)" in body and "百分点" in body:  # 高于全市(5.2%)1.2个百分点: …(全市增长5.2%)
                body = P.PARENT_OWN_BRACKET_RE.sub(_parent_rate_after, body)
            body = P.PARENT_RATE_BRACKET.sub(r"\1", body)
        if "百分点，" in body:  # 加快0.4个百分点，达到6.2%: one clause
            body = P.PP_THEN_RATE_RE.sub("", body)
        if "%(全" in body:  # 增长6.4%(全市6.6%): the parent's own rate, a figure of its own
            body = P.PARENT_OWN_RATE_RE.sub(_parent_own_rate, body)
        if (
            "%)" in body
            and P.GROWTH_CONTEXT_RE.search(body)
            and not P.SHARE_CONTEXT_RE.search(body)
        ):
            body = P.RATE_BRACKET_RE.sub(_growth_in_bracket, body)
        elif (
            "%)" in body and P.PLAN_CONTEXT_RE.search(body) and not P.GROWTH_CONTEXT_RE.search(body)
        ):
            body = P.RATE_BRACKET_RE.sub(r"\1完成率\3%", body)  # 按完成率排名…安平县(92.1%)
        if "%)" in body and ("月(" in body or "份(" in body or "年(" in body or "季度(" in body):
            body = P.EARLIER_BRACKET_RE.sub(r"\1的\2", body)  # 比1-8月(5.1%)加快
        if "元)" in body:
            body = P.AMOUNT_BRACKET_RE.sub(r"\1\2", body)  # 藁城区(63.3亿元)、…: 藁城区63.3亿元
        if "：" in body and (m := P.RATE_LIST_INTRO_RE.search(body)):
            body = body[: m.end() - 1] + P.REGION_RATE_RE.sub(r"\1增长\2", body[m.end() - 1 :])
        elif "%、" in body and (m := P.NAME_RATE_INTRO_RE.search(body)):
            body = body[: m.end()] + _name_rates(body[m.end() :], m.group(1))
        if "，分别" in body and "%" in body:
            body = P.RATE_BAND_RE.sub(r"\1", body)  # 增速超过20%，分别为…: 增速分别为…
        if ("分别为" in body or "分别是" in body) and ("进度" in body or "增速" in body or "增幅" in body):
            # 增速较快，分别为15.2%、…
            body = P.VERBLESS_LIST_RE.sub(_verb_of_list, body)
        if ("最" in body or "次之" in body or "其次" in body) and "%" in body:
            body = _superlative_rates(body)  # 菏泽市增速最高，为12.3%: 菏泽市增速最高，增速为12.3%
        if "分别" in body and "、" in body:  # 长沙、株洲分别完成投资: 长沙市、株洲市
            body = P.BARE_LIST_RE.sub(lambda m: _bare_regions_named(m.group()), body)
        if "%的" in body and "以" in body:  # 甲县以95.2%的完成率居全市第一
            body = P.RATE_BEFORE_MEASURE_RE.sub(_rate_after_measure, body)
        if "负增长(" in body:
            body = P.NEGATIVE_BRACKET_RE.sub(r"下降\1%", body)  # 除甘孜州负增长(-4.2%)外
        if "价格因素" in body:
            body = P.PRICE_ADJUSTED_RE.sub(r"\1实际", body)  # 扣除价格因素影响，增长6.0%: real
        if "固投" in body:
            body = P.SHORT_FAI_RE.sub("固定资产投资", body)
        if "投入" in body:
            body = P.INPUT_AS_INVEST_RE.sub("投资", body)  # 工业技改投入 of town reports
        if "连续" in body:
            body = P.STREAK_RE.sub("", body)  # 增速连续5个月位居全市第一
        if "得分" in body:
            body = P.SCORE_RE.sub("", body)  # 甲县以综合得分95.6分排名第一: 甲县排名第一
        if "分别" in body and "位" in body:  # 分别居全市第一、二、三位: 第一、第二、第三位
            body = P.RANK_RUN_RE.sub(_each_ordinal, body)
        if "由" in body:
            body = P.RANK_MOVE_RE.sub("居", body)  # 排名由上月的第8位上升至第5位
        if "首" in body or "榜" in body:
            body = P.FIRST_PLACE_RE.sub(r"\1第一位", body)  # 居全市首位
        if "三次产业" in body:
            body = P.THREE_SECTORS_RE.sub("第一、二、三产业", body)
        if "产" in body:
            if "产业" in body:
                body = P.SECTOR_LIST_RE.sub(_EXPAND_SECTORS, body)
            if "、" in body:
                body = P.SECTOR_SHORT_LIST_RE.sub(_EXPAND_SHORT_SECTORS, body)
            if (
                body[:1] in "分从按"
                and P.SECTOR_INTRO_RE.match(body)
                and self.subject is not None
                and not self.subject.blocked
                and self.subject.targets
            ):
                # 分产业看，第一产业增长9.8%; after 第一产业民间投资…，第二产业… the sectors'
                # private investment (a breakdown of 民间投资, not the sectors' investment)
                tail = m.group(1) if (m := P.SECTOR_TAIL_RE.search(body)) else "投资"
                body = P.BARE_SECTOR_RE.sub(lambda m: m.group(1) + tail, body)
        if (
            ("工程" in body or "购置" in body or "费用" in body or "房地产开发" in body)
            and P.COMPONENT_RE.search(body)
            and not P.OUTPUT_CONTEXT_RE.search(body)
        ) and (
            "投资" in body
            or (self.subject is not None and not self.subject.blocked and self.subject.targets)
        ):
            body = P.COMPONENT_RE.sub(r"\1投资", body)  # 其中：建筑工程36.1亿元
        subs: dict[str, str] = {}
        if "(" in body:
            if "月" in body or "年)" in body:  # …推进情况(截至9月30日), 主要指标(2024年): the span, kept
                body = P.PERIOD_BRACKET_RE.sub(r"\1", body)
            body = _take_brackets(body, subs)
        env = body.find("环比")
        self.mom_sentence = env >= 0  # 5月份，…环比增长2.3%: the month of a month-on-month rate
        pos = 0
        self.after_semicolon = False
        for clause, sep in T.clauses(body):
            if len(clause) > T.MAX_CLAUSE:
                continue  # not prose: a run of digits, a list without commas
            marks = P.MARK_RE.findall(clause) if "\x00" in clause else []
            plain = P.MARK_RE.sub("", clause).strip("。！？ ") if marks else clause.strip("。！？ ")
            mom = env >= 0 and pos + len(clause) > env
            self._clause(plain, evidence, header or sep == "：", mom)
            if sep == "：" and P.TARGET_INTRO_RE.search(plain):
                self.target_sentence = True
            for mark in marks:  # (其中：工业投资9.8亿元，增长18.2%；…): clauses of their own
                saved = self.subject
                for inner, inner_sep in T.clauses(subs[mark]):
                    self._clause(inner.strip(), evidence, inner_sep == "：", mom)
                self.subject = saved
            self.after_semicolon = sep in ("；", ";")
            pos += len(clause) + 1

    # ------------------------------------------------------------ clauses
    def _clause(self, text: str, evidence: str, header: bool, mom: bool) -> None:
        if not text:
            return
        facts: list[tuple[int, str, str]] = []
        if P.HAS_FIGURE_RE.search(text):
            facts = [
                (m.start(), _FACT_KIND[kind], m.group())
                for m in (P.FACT_RE if "%" in text else P.FACT_NO_PCT_RE).finditer(text)
                if (kind := m.lastgroup)
            ]
        if not facts and "第" in text and P.VERBLESS_RANK_RE.fullmatch(text):
            facts = [(0, "rank", text)]
        breaking = [f for f in facts if f[1] != "inline"] if facts else facts
        head = text[: breaking[0][0]] if breaking else text
        if self.report_year is not None and "年" in head and (
            review := F.review_head(head, self.report_year)
        ):
            head = review  # 过去一年，… of a 2024 work report: 2023年，… (not the title's year)
        hinted = "月" in head or "季" in head or "年" in head
        if hinted and P.YTD_SCAN_RE.search(head):
            self.one_month = False  # 1至11月份累计…: the year to date again
            self.saved_period = None
            self._whole_span()
        elif (
            hinted
            and (not self.mom_sentence or P.AMOUNT_RE.search(evidence))  # 9月份…35亿元，环比…
            and self.ytd_months
            and (month := F.single_month(head)) in self.ytd_months
        ):
            # 8月基础设施投资增长19.4%, 制造业9月投资…, 11月份，… in a text of 1-8月 spans:
            # that one month, not the year to date (for this sentence)
            if breaking and "投资" not in head:
                self._one_month()
            self.one_month = True
            if self.saved_period is None:
                self.saved_period = self.period
            self.period = (self.period[0], month)
        before = self.period
        plain_head = head
        past = "年" in head and bool(P.PAST_HEAD_RE.match(T.strip_prefix(head).strip()))
        if hinted:  # (read_periods finds no period without 年, 月 or 季)
            self.period, plain_head = F.read_periods(head, self.period)
            if past:
                self.period = before  # 去年全年…: not the period of the figures after it
        if self.period != before and not self.in_headline:
            self.period_unused = True
        if self.period[0] is not None:
            self.years_seen.add(self.period[0])
        if plain_head:  # (an empty head sets nothing: a third of the clauses, 同比增长8%)
            self._read_head(plain_head, breaking[0][1] if breaking else "", header, text)
        if head and _TARGET_HEAD_FIRST_RE.search(head) and P.TARGET_HEAD_RE.search(head):
            self.target_mode = True  # 全年力争完成…，增长10%: plans, not results
            # 投资力争增长8%以上，工业投资增长12%: a list of targets goes on
            self.target_listing = bool(breaking) and not P.MARKET_FORECAST_RE.fullmatch(head)
        elif plain_head != head:
            self.target_mode = self.several_years = False
        elif self.target_mode and not self.target_listing and not head and breaking[0][1] == "earlier":
            self.target_mode = False  # 低于市场预期的0.5%，首9月为增长0.2%: a result again
        if ("年" in head or "五" in head) and P.MULTI_YEAR_RE.search(head):
            self.several_years = True  # 过去五年，…累计完成: not the figures of one period
        elif past and (last := _last_year_period(T.strip_prefix(head).strip(), self._year_of(before))):
            self.past_period = last  # 去年全年，全县投资增长5.1%: last year's, the sentence's figures
        elif past or ("季" in head and (P.SINGLE_QUARTER_RE.search(head) or self._bare_quarter(head))):
            # 去年同期，…增长2.3%: last year's; 2季度当季，…: one quarter's; until a period is read
            self.several_years = True
        aims = bool(facts) and ("目标" in text or "任务" in text)
        for start, kind, span in facts:
            if aims and P.AIM_AFTER_RE.match(text, start + len(span)):
                continue  # 固定资产投资增长9%的目标未能完成: the target, not the result
            self._fact(kind, span, text, evidence, mom)

    def _year_of(self, period: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
        """``period`` with the dateline's year when it has none and its month is not after the
        dateline's (as :meth:`_fill_years` will give it)."""
        year, month = period
        if year is None and month is not None and self.dated and month <= self.dated[1]:
            return self.dated[0], month
        return period

    def _bare_quarter(self, head: str) -> bool:
        """三季度，… in a text whose year-to-date spans include 前三季度: one quarter alone."""
        if (m := P.BARE_QUARTER_RE.search(head)) is None:
            return False
        q = m.group(1)
        month = 3 * (("二三四".find(q) if q in "二三四" else "234".find(q)) + 2)  # 三 → 9
        return month in self.ytd_months

    # --------------------------------------------------------------- head
    def _read_head(self, head: str, first_fact: str, header: bool, clause: str) -> None:
        """Set the subject from a clause's head; ``first_fact`` is the kind of its first fact."""
        has_facts = bool(first_fact)
        head = head.strip()
        if first_fact in ("rank", "rank_of") and (
            head.startswith("在") or P.PRONOUN_RE.fullmatch(head) or P.RANK_AMONG_RE.match(head)
        ):
            return  # 在全盟十二个旗县市区中排名第一, 全市排名第2位, 六县市排名第四: the rank's frame
        h = T.strip_prefix(head)
        if not h:
            return
        h_stripped = True  # h is a result of strip_prefix (_take_region need not strip it)
        if "预" in h and P.MARKET_FORECAST_RE.fullmatch(h):
            return  # 低于市场预期的0.5%: the market's guess at the current subject's figure
        if first_fact == "earlier" and P.EARLIER_FRAME_RE.fullmatch(h):
            return  # 降幅远高于1至10月的0.1%: the current subject, compared with its past
        if (
            h[:1] in "扣剔不除"
            and (m := P.QUALIFIER_RE.match(h))
            and "投资" in m.group(2)
            and not P.QUALIFIED_NOUN_RE.search(m.group(2))  # 除房地产开发投资外的民间投资: a label
        ):
            self.qualifier = m.group(1)  # 扣除房地产开发投资(后): qualifies the next subject
            if not has_facts:
                return
            current = self.subject.targets if self.subject and not self.subject.blocked else []
            h = current[0].label if len(current) == 1 else "固定资产投资"  # …后增长8.7%
            h_stripped = False
        if not has_facts and P.NEUTRAL_RE.search(h):
            self.region_locked = True  # 分乡镇看: the names that follow are parts
            if (m := P.WITHIN_RE.match(h)) and T.indicator(T.cut_label(m.group(1)))[0] not in (
                "fai_total",
                "other",
            ):
                self.within = T.cut_label(m.group(1))  # 在基础设施投资中，民间投资…: a part of it
            return
        if "月" in h and P.SINGLE_MONTH_RE.search(h) and "投资" not in h:
            self._one_month()  # 当月完成8.1亿元: one month of the current subject
            self.one_month = not has_facts  # 8月份当月，全县固定资产投资…: of the next one too
            return
        if (
            not has_facts
            and ("前" in h or "后" in h or "由" in h)  # (a word LIST_FRAME_END_RE needs)
            and P.LIST_FRAME_END_RE.fullmatch(h)
        ):
            # 排名前五位的分别为：the regions that follow are of the current subject; after a
            # part of the programme (跨市项目…), 9个市完成率由高到低分别为：of the programme
            subject = self.subject
            if (
                P.REGION_COUNT_RE.match(head)
                and subject is not None
                and len(subject.targets) == 1
                and _part_label(subject.targets[0].label)
                and (main := self._main_target()) is not None
            ):
                self.subject = Subject([main], self.sentence_no)
            return
        if ("的" in h or "依次" in h or "前" in h or "后" in h) and (m := P.LIST_FRAME_RE.match(h)):
            h = h[m.end() :]  # 增速居前三位的是安平县: the region is the head
            h_stripped = False
            if (self.subject is None or self.subject.blocked) and (main := self._main_target()):
                # …建成项目33个。进度前三位的市州是…: the regions' figures are the programme's
                self.subject = Subject([main], self.sentence_no)
        np, _, pred = h.partition("分别")
        if not np and (m := P.LIST_LEAD_RE.match(pred)) and "投资" not in pred:
            np, pred = pred[m.end() :], ""  # 分别是北关区下降4.6%: the first item
        listy = "分别" in h or "分别" in clause
        common: str | None = None
        if listy and "省市" in np:
            np = P.PAIRED_LEVELS_RE.sub(r"\1、\2", np)  # 省市重点项目分别…: 省、市重点项目
        if listy and (m := P.PRONOUN_RE.match(np)) and P.LIST_SPLIT_RE.search(np):
            common, _ = self._take_region(m.group())  # 全市省、市重点项目: 全市 is of every item
            np = np[m.end() :]
        if not has_facts and not listy and self._region_list(np):
            return
        items = T.split_list(np) if listy else [np]  # (not listy: np is h)
        stripped = h_stripped and not listy
        targets: list[Target] = []
        blocked_noun = ""
        blocked_region: str | None = None
        for item in items:
            region, rest = self._take_region(item, stripped)
            region = common if region is None else region
            target = self._target(region, rest, pred, len(items) == 1, has_facts)
            if target is not None and target.region is None and (carried := self._carried_region()):
                target = Target(carried, target.key, target.label, target.scope)
            if first_fact == "plan" and target is not None and "计划" in target.label:
                target = _plan_of(target)  # 重大项目年度计划投资完成率: of 重大项目投资
            if (
                target is None
                and first_fact in ("level", "plan", "time")
                and P.PROJECT_NOUN_RE.search(noun := T.strip_suffix(rest))
            ):
                key, scope = T.indicator(noun + "投资")
                target = Target(region, key, noun + "投资", scope)
            if target is None:
                if T.trivial(rest):
                    if region is not None and self.subject and not self.subject.blocked:
                        # 西部地区增长3.1%: the same indicator, another region
                        targets += [
                            Target(region, t.key, t.label, t.scope)
                            for t in self._region_takes(self.subject.targets)[:1]
                        ]
                    continue
                if len(items) > 1:
                    # 投资、消费、出口分别增长…: 消费 and 出口 keep their places in the list
                    targets.append(Target(region, SKIP, T.strip_suffix(rest)))
                    continue
                blocked_noun, blocked_region = T.strip_suffix(rest), region
                break
            targets.append(target)
        if targets and all(t.key == SKIP for t in targets):
            blocked_noun = targets[0].label or "skip"
        if blocked_noun.endswith("有") and P.REGION_TALLY_RE.fullmatch(blocked_noun):
            return  # 增速高于全省的有7个。增速居前三位的是…: the regions of the current subject
        if blocked_noun:
            if has_facts or header:
                self.subject = Subject([], self.sentence_no, blocked=True)
            status = P.PROJECT_STATUS_RE.search(blocked_noun)
            if has_facts or header or status or P.PROJECT_NOUN_RE.search(blocked_noun):
                # 全区782个项目，…完成投资266.85亿元; 301项重点建设项目共开复工250项，完成投资…:
                # the group is the noun up to its 项目, not what they did (nor the 项目 of
                # the part that did it: 75个续建项目已有5个项目竣工)
                end = status.start() if status else blocked_noun.rfind("项目")
                # 城口县牵头重点项目共12个，…完成投资9.6亿元: the group's region is the amount's
                self._set_pending(blocked_noun[: end + 2] if end > 0 else blocked_noun, blocked_region)
            elif "、" in blocked_noun and (m := P.COUNTED_GROUP_RE.search(blocked_noun)):
                # 城建、交通、水利、能源4大板块项目作为“压舱石”，…完成投资: the list's amount
                self.pending, self.pending_region = m.group(), blocked_region
            return
        if targets:
            if len(targets) == 1 and targets[0].key == "":
                return  # bare 投资 continuing the current subject
            for t in targets:
                if t.label == "":
                    t.label = "投资"
            self.subject = Subject(targets, self.sentence_no)
            self.pending = ""
            if not self.target_listing:
                self.target_mode = False  # 为确保…，全县固定资产投资完成…: a result again

    def _carried_region(self) -> str | None:
        """The region a label named without one is of, when the clause before it in the same
        sentence (no ； between) was about one other region: 麻城市固定资产投资总量排名全市第一，
        固定资产投资增长12.1%，高于全市5.3个百分点 — the growth and the gap are 麻城市's, not the
        text's own region's (which a label alone names in a sentence of its own)."""
        subject = self.subject
        if (
            subject is None
            or subject.blocked
            or subject.sentence != self.sentence_no
            or self.after_semicolon
            or not subject.targets
        ):
            return None
        names = {t.region for t in subject.targets}
        if len(names) != 1:
            return None
        name = names.pop()
        if name in (None, "doc", "全国") or name == self.doc_region:
            return None  # (the nation: a national text's own region, though not named yet)
        # only a place the registry knows, or a town: a name read wrongly off a clause's front
        # (根据今年省…) must not spread to the figures after it
        return name if regions.lookup(name) is not None or _TOWN_NAME_RE.fullmatch(name) else None

    def _set_pending(self, noun: str, region: str | None) -> None:
        """The group a later amount is of (:attr:`pending`). The programme stays it after a
        list of its stages' counts (其中新开工项目9个，续建项目18个，累计完成投资…) and after
        what it has under way (已开工项目251个，…累计完成投资…); a stage named alone with its
        amount after it (其中新开工项目45个，完成投资12亿元) is the group of that amount."""
        if self.pending and "项目" not in noun and P.STAGE_NOUN_RE.fullmatch(noun + "项目"):
            return  # 新开工项目45个，已开工38个，完成投资…: of the group named before
        stage = "项目" in noun and bool(P.STAGE_NOUN_RE.fullmatch(noun))
        if not stage:
            self.pending, self.pending_region = noun, region
            self.programme_pending = (noun, region)
            self.stage_pending = None
            return
        programme = self.programme_pending
        listing = self.stage_pending is not None and self.stage_pending[0] == self.sentence_no
        if programme is not None and (
            (listing and self.stage_pending[1] == self.pending_uses) or noun.startswith("已")
        ):
            self.pending, self.pending_region = programme
            self.stage_pending = (self.sentence_no, self.pending_uses)
            return
        self.pending, self.pending_region = noun, region
        self.stage_pending = (self.sentence_no, self.pending_uses)

    def _region_list(self, np: str) -> bool:
        """城关镇、河口镇增速较快(，分别增长…): the current indicator of each region named."""
        subject = self.subject
        if subject is None or subject.blocked or not subject.targets:
            return False
        parts = T.split_list(np) if P.LIST_SPLIT_RE.search(np) else []
        if len(parts) < 2:
            return False
        regions = []
        for part in parts:
            region, rest = self._take_region(part)
            if region in (None, "doc") or not P.REGION_LIST_TAIL_RE.fullmatch(rest):
                return False
            regions.append(region)
        first = subject.targets[0]
        targets = [Target(r, first.key, first.label, first.scope) for r in regions]
        self.subject = Subject(targets, self.sentence_no)
        return True

    def _one_month(self) -> None:
        if self.subject is None or self.subject.blocked:
            return
        targets = []
        for t in self.subject.targets:
            if t.key == SKIP:
                targets.append(t)
                continue
            label = t.label if t.label.startswith("当月") else "当月" + t.label
            key, scope = T.indicator(label)
            targets.append(Target(t.region, key, label, scope))
        self.subject = Subject(targets, self.sentence_no)

    def _whole_span(self) -> None:
        """The current subject of one month (当月工业投资) back to the year to date."""
        subject = self.subject
        if subject is None or not any(t.label.startswith("当月") for t in subject.targets):
            return
        targets = []
        for t in subject.targets:
            if t.label.startswith("当月"):
                label = t.label[2:]
                key, scope = T.indicator(label)
                t = Target(t.region, key, label, scope)
            targets.append(t)
        self.subject = Subject(targets, subject.sentence)

    def _take_region(self, text: str, stripped: bool = False) -> tuple[str | None, str]:
        """Split the region words off the front: ('doc' | name | None, the rest).

        ``stripped``: ``text`` is a result of :func:`~fai.bulletin.text.strip_prefix`, which
        leaves its results as they are: not stripped again (the quicker; most heads).
        """
        region: str | None = None
        rest = text if stripped else T.strip_prefix(text)
        while rest:
            if rest[:1] in _NATION_FIRST and (m := P.NATION_RE.match(rest)):
                region = self._own_region("全国")
                rest = T.strip_prefix(rest[m.end() :])
                continue
            if rest[:1] in P.PRONOUN_FIRST and (m := P.PRONOUN_RE.match(rest)):
                word = m.group()
                if word == "全国" and self.doc_level not in (None, "国"):
                    region = "全国"  # the nation in a county's text: another region
                elif word == "全国":
                    region = self._own_region("全国")
                else:
                    region = self._pronoun(word)
                self.region_locked = True
                rest = T.strip_prefix(rest[m.end() :])
                continue
            if rest.startswith(("市本级", "县本级", "区本级")) and self.doc_region:
                region = self._subunit(rest[:3])  # 市本级 of 达州市: 达州市本级
                rest = T.strip_prefix(rest[3:])
                continue
            if not _REGION_START_RE.search(rest, 1, 9):
                break  # (the quick test of both below, once instead of twice: most texts)
            if _SHORT_NEXT_FIRST_RE.search(rest, 2, 5) and (short := _short_region(rest)):
                region, rest = short[0], T.strip_prefix(rest[short[1] :])
                continue  # 广西全社会固定资产投资: 广西壮族自治区
            # (the quick test first: a name ends in a suffix within its first 9 characters)
            m = P.REGION_NAME_RE.match(rest) if _REGION_SUFFIX_FIRST_RE.search(rest, 1, 9) else None
            if m is None:
                break
            end = m.end()
            while (
                end < len(rest) and rest[end] in P.REGION_SUFFIX_CHARS and rest[end - 1] not in "省"
            ):
                end += 1
            name = rest[:end]
            if name in P.SUBUNITS and self.doc_region not in (None, "全国"):
                region = self._subunit(name)  # 街道 of 方庙街道 named before; 经开区 → 达州经开区
                rest = T.strip_prefix(rest[end:])
                continue
            stem = P.ZONE_SUFFIX_RE.sub("", name)
            if (name in P.NOT_REGION or name.startswith(P.NOT_REGION_START)
                    or (stem and P.NOT_IN_REGION_RE.search(stem if len(stem) >= 2 else name)
                        and regions.lookup(name) is None)):  # fmt: skip
                break  # (高邑县, 增城区, 个旧市 are names all the same)
            if len(name) >= 4 and name[-2] == "全":
                if regions.lookup(name[:-2] + name[-1]) is None:
                    rest = rest[end - 2 :]  # 贯彻落实全市: the words before 全市 are no name
                    continue
                name = name[:-2] + name[-1]  # 四川全省: 四川省
            region = name
            rest = T.strip_prefix(rest[end:])
        if region not in (None, "doc"):
            region = self._own_region(region)
        return region, rest

    def _region_takes(self, current: list[Target]) -> list[Target]:
        """What a region named alone (岳阳市以83%的投资进度…) is measured by after ``current``:
        after a list of the parts of the text's own programme (省直部门、各市州牵头项目…分别…),
        the programme (its first item is no more the region's than the others); else
        ``current``."""
        if len(current) < 2 or any(t.region not in (None, "doc") for t in current):
            return current
        main = self._main_target()
        if main is None or main.key not in ("fai_key_projects", "fai_project"):
            return current
        return [main]

    def _main_target(self) -> Target | None:
        """The first investment of the text's own region read so far (its headline figure:
        固定资产投资, or the 重点项目 of a project notice), None before any."""
        for r in self.records:
            if r.region is None and r.key not in (SKIP, "", "other"):
                return Target(None, r.key, r.label, r.scope)
        return None

    def _programme(self) -> Target | None:
        """The one target, not the whole investment, of the text's own region that the
        sentence before a 其中 sentence was about (198个小城镇建设项目): its parts' 投资 is it."""
        subject = self.parts_of
        if subject is None or subject.blocked or len(subject.targets) != 1:
            return None
        t = subject.targets[0]
        if t.key in (SKIP, "", "fai_total") or t.region not in (None, "doc"):
            return None
        return t

    def _list_programme(self) -> Target | None:
        """The project list (重点项目, not the whole investment) of the text's own region that
        the current subject, of this sentence or the one before, is about: the 投资 of a list
        of regions after it (长沙市、株洲市分别完成投资…) is theirs of that list."""
        subject = self.subject
        if (
            subject is None
            or subject.blocked
            or len(subject.targets) != 1
            or subject.sentence < self.sentence_no - 1
        ):
            return None
        t = subject.targets[0]
        if t.key not in ("fai_key_projects", "fai_project") or t.region not in (None, "doc"):
            return None
        return t

    def _subunit(self, word: str) -> str:
        """A bare generic sub-unit of the text's own region (经开区, 市本级): its name in front
        (经开区 of 达州市 → 达州经开区), as the real texts' README names them."""
        own = self.doc_region or ""
        if own.endswith(word):
            return "doc"
        # (滨海新区's 经开区 is 滨海新区经开区: 新区 is a name, not the suffix 区 after 滨海新)
        zone = own.endswith(P.ZONE_ENDS) and not word.endswith("本级")  # (浦东新区's 区本级: 浦东新区本级)
        stem = P.OWN_SUFFIX_RE.sub("", own) if len(own) > 2 and not zone else own
        return stem + word

    def _pronoun(self, word: str) -> str:
        """全县/我县 → the text's own region; 全省 in a county's text → the region 全省."""
        level = word[-1]
        if self.doc_level is None:
            self.doc_level = level
        elif word.startswith("全") and level != self.doc_level:
            return word
        return "doc"

    def _own_region(self, name: str) -> str:
        if not self.region_locked and self.doc_region is None:
            self.doc_region = name
            level = name[-1]
            if self.doc_level is None or (
                # 宁安县…居全市第三: the text of a county (全市 is its parent), whatever the
                # lowest 全市 written said
                P.LEVEL_DEPTH.get(level, 0) > P.LEVEL_DEPTH.get(self.doc_level, 9)
                and not name.endswith("自治区")
            ):
                self.doc_level = level
            self.region_locked = True
            return "doc"
        if name == self.doc_region or (self.user_region and name == self.user_region):
            return "doc"
        return name

    def _target(
        self, region: str | None, rest: str, pred: str, single: bool, has_facts: bool
    ) -> Target | None:
        """The indicator a head names, or None when it names no investment."""
        rest = rest.strip()
        if "投资" not in rest and "投资" not in pred:
            return None
        label = ""
        if "投资" in rest:
            remainder = rest[rest.rfind("投资") + 2 :]
            # 固定资产投资到位资金: a series of its own (the quick test first: most are empty)
            if "资金" in remainder and P.FUNDS_RE.match(remainder):
                return Target(region, "other", T.cut_label(rest) + remainder)
            # (a remainder of one character or none is trivial, stripped or not: most are empty)
            if has_facts and len(remainder) > 1 and not T.trivial(T.strip_suffix(remainder)):
                return None  # 固定资产投资项目325个: about the projects, not the investment
            if m := P.INVEST_VERB_RE.search(rest):
                before = T.strip_suffix(rest[: m.start()])
                after = T.cut_label(rest[m.end() :])
                if region is None and before:
                    region, before = self._take_region(before)
                if before and not T.trivial(before):
                    # 工业投资累计完成投资226.6亿元: 工业投资, not 工业投资投资
                    own = before if before.endswith("投资") else before + "投资"
                    label = own if after in ("投资", "") else after
                else:
                    label = "" if after == "投资" else after
            else:
                label = T.cut_label(rest)
                if (
                    label
                    and (r2 := self._take_region(label, stripped=True))  # (cut_label strips)
                    and r2[0] is not None
                    and region is None
                ):
                    region, label = r2
                    label = T.cut_label(label)
                if label == "投资":
                    label = ""
        else:
            noun = T.strip_suffix(rest)
            label = noun + "投资" if noun and not T.trivial(noun) else ""
        if "个" in label and (m := P.REGION_COUNT_RE.match(label)):
            label = label[m.end() :]  # 有9个市州投资增速…: the investment of those regions
            label = "" if label == "投资" else label
        if ("月" in rest and P.SINGLE_MONTH_RE.search(rest)) or self.one_month:  # 9月份当月完成投资: not the YTD
            label = "当月" + (label or "投资")
            self.one_month = False
        if label == "" and self.pending and region is None:
            label, region = self.pending + "投资", self.pending_region
            self.pending_uses += 1
        if label == "" and single:
            same_sentence = self.subject is not None and self.subject.sentence == self.sentence_no
            if same_sentence and not self.subject.blocked and not self.qualifier:
                cur = self.subject.targets
                if region is None or (len(cur) == 1 and cur[0].region == region):
                    return Target(region, "", "")  # continue the current subject
        if label == "" and region not in (None, "doc") and (whole := self._programme()) is not None:
            return Target(region, whole.key, whole.label, whole.scope)
        if label == "" and not single and region not in (None, "doc") and (
            programme := self._list_programme()
        ):
            return Target(region, programme.key, programme.label, programme.scope)
        if label == "" and single and region not in (None, "doc") and not self.qualifier:
            # 东部地区房地产开发投资…；中部地区投资…: a sibling region's 投资 is the same one
            subject = self.subject
            if (
                subject is not None
                and not subject.blocked
                and subject.sentence >= self.sentence_no - 1
                and len(subject.targets) == 1
                and subject.targets[0].region not in (None, "doc")
                and subject.targets[0].key not in (SKIP, "", "fai_total")
                and subject.targets[0] is self.last_put
            ):
                t = subject.targets[0]
                return Target(region, t.key, t.label, t.scope)
            if (topic := self._release_topic()) is not None:
                # 分地区看，东部地区投资…: in a real-estate (private-investment) release, the
                # region's real-estate (private) investment, never its whole investment
                return Target(region, topic.key, topic.label, topic.scope)
        if self.qualifier:
            label = self.qualifier + "的" + (label or "固定资产投资")
            self.qualifier = ""
        if self.within and label and label != self.within:
            label = self.within + "中的" + label  # other: a breakdown of a part of investment
        bare = P.COUNT_IN_LABEL_RE.sub("", label) if _COUNT_WORDS_RE.search(label) else label
        if bare not in ("项目投资", "投资"):  # 亿元以上项目96个 → 亿元以上项目投资; 782个项目 stays
            label = bare
        if P.NOT_FAI_RE.search(label):
            return None  # 对外直接投资, 利用外资: not fixed-asset investment
        if "、" in label and (m := P.COUNTED_LIST_RE.fullmatch(label)):
            return self._counted_list(region, m)
        if label.startswith("、") or ("等" in label and P.REGION_GROUP_RE.search(label)):
            return None  # 甲区、乙县等5个县(市、区)投资增速高于…: regions named, not an investment
        key, scope = T.indicator(label)
        return Target(region, key, label, scope)

    def _release_topic(self) -> Record | None:
        """The first figure of a release of one part of investment: its title names real
        estate (private investment), its first figure is of that, and none so far is of the
        whole investment."""
        recs = self.records
        if not recs or not self.title:
            return None
        first = recs[0]
        if not (
            (first.key == "fai_real_estate" and "房地产" in self.title)
            or (first.key == "fai_private" and "民间" in self.title)
        ):
            return None
        return None if any(r.key == "fai_total" for r in recs) else first

    def _counted_list(self, region: str | None, m: re.Match[str]) -> Target:
        """城建、交通、水利、能源4大板块项目(完成投资…): the list by its name (4大板块项目投资);
        its items, as many as it counts, take a list of rates that follows (同比分别增长…)."""
        key, scope = T.indicator(m.group("group"))
        target = Target(region, key, m.group("group"), scope)
        items = m.group("items").split("、")
        self.counted = (target, items) if len(items) == T.cn_int(m.group("n")) else None
        return target

    def _items_of(self, targets: list[Target], n: int) -> list[Target]:
        """The items of a counted list when ``n`` values follow the list's name alone."""
        if self.counted is None or n < 2 or targets != [self.counted[0]] or n != len(self.counted[1]):
            return targets
        group = targets[0]
        out = []
        for item in self.counted[1]:
            label = item + "项目投资"
            key, scope = T.indicator(label)
            out.append(Target(group.region, key, label, scope))
        return out

    # --------------------------------------------------------------- facts
    def _fact(self, kind: str, span: str, clause: str, evidence: str, mom: bool) -> None:
        if kind == "rank_of":
            self.rank_of = T.cn_int(T.first(P.NUMCN_RE, span))
            return
        if kind in ("inline", "skip", "count"):
            return
        if self.target_sentence:
            return
        if (self.target_mode or self.several_years) and kind not in ("plan", "time", "rank"):
            return
        subject = self.subject
        if subject is None or subject.blocked or not subject.targets:
            return
        targets = subject.targets
        if kind == "parent":
            self._parent(span, clause, targets, evidence)
            return
        if kind == "rank":
            ranks = [T.cn_int(x) for x in P.RANK_RE.findall(span)]
            if not ranks or None in ranks:
                return
            rank_of = self.rank_of
            if rank_of is None and (m := P.RANK_OF_IN_SPAN_RE.search(span)):
                rank_of = T.cn_int(m.group(1))
            chosen = targets[:1]
            if P.ALL_BEFORE_RE.search(clause[: clause.find(span)]) and self.sentence_targets:
                chosen = list(self.sentence_targets)  # 工业投资增长24.6%，均居全市第一
            if len(ranks) == len(targets) > 1 and "分别" in clause:
                for t, value in zip(targets, ranks, strict=True):  # 甲县、乙县…分别居第一、二位
                    self._put(t, {"rank": value, "rank_of": rank_of}, evidence)
                return
            for value in ranks:  # 总量和增速分别居全市第2位和第4位: a row for each
                for t in chosen:
                    self._put(t, {"rank": value, "rank_of": rank_of}, evidence)
            return
        if kind == "earlier":
            self._earlier(span, clause, targets, evidence)
            return
        if kind == "reached":
            self._reached(span, clause, targets, evidence, mom)
            return
        name, values = F.fact_values(kind, span, mom)
        if name is None:
            return
        if len(values) > 1 and len(targets) == 1 and self.counted is not None:
            targets = self._items_of(targets, len(values))  # 4大板块项目…同比分别增长…
        for t, v in T.pair(targets, values, clause):
            self._put(t, {name: v}, evidence)

    def _earlier(self, span: str, clause: str, targets: list[Target], evidence: str) -> None:
        """1-8月份为下降0.3%, 降幅较1至10月的1.7%扩大: the rate of an earlier span, a record
        of that span (the current one when the span is the current one)."""
        period = F.earlier_period(span, self.period)
        if period is None or len(targets) != 1 or self.one_month:
            return
        value = T.numbers(span)[-1]
        if any(w in span for w in _FALL_WORDS) or P.FALL_CONTEXT_RE.search(clause[: clause.find(span)]):
            value = -abs(value)  # 降幅…的1.7%: a fall
        self._put(targets[0], {"yoy_pct": value}, evidence, period)

    def _reached(self, span: str, clause: str, targets: list[Target], evidence: str, mom: bool) -> None:
        """比上半年加快0.4个百分点，达到6.2%: the current rate (6.2), after its change; none
        for a share (占比提高1.2个百分点，达到38.5%) or a month-on-month rate."""
        before = clause[: clause.find(span)]
        if len(targets) != 1 or mom or "占" in before or "比重" in before:
            return
        value = T.numbers(span)[-1]
        tail = span[span.rfind("百分点") :]
        if "下降" in tail or P.FALL_CONTEXT_RE.search(before + span):
            value = -abs(value)  # 降幅收窄0.8个百分点至3.1%: a fall of 3.1
        self._put(targets[0], {"yoy_pct": value}, evidence)

    def _parent(self, span: str, clause: str, targets: list[Target], evidence: str) -> None:
        parents, values = F.parent_values(span)
        if not parents or not values:
            return
        if "投资" in span and not _same_indicator_as_parents(span, targets):
            return  # 民间投资…高于全市工业投资2.1个百分点: against another indicator, not recorded
        if len(targets) == 1 and targets[0].region == parents[0]:
            # 增长4.6%(全省为3.9%)，高于全省0.7个百分点: the gap is ours, not the parent's
            ours = [t for t in self.sentence_targets if t.key == targets[0].key and t.region != parents[0]]
            if not ours:
                return
            targets = ours[-1:]
        if len(targets) == 1 and len(values) > 1 and len(parents) == len(values):
            for p, v in zip(parents, values, strict=True):
                self._put(targets[0], {"vs_parent_pp": v, "parent": p}, evidence)
            return
        for t, v in T.pair(targets, values, clause):
            self._put(t, {"vs_parent_pp": v, "parent": parents[0]}, evidence)

    def _put(
        self,
        target: Target,
        values: dict[str, Any],
        evidence: str,
        period: tuple[int | None, int | None] | None = None,
    ) -> None:
        if target.key == SKIP:
            return  # another indicator in a list with an investment
        self.region_locked = True
        self.last_put = target
        seen = self.sentence_targets
        if not (seen and seen[-1] is target) and target not in seen:  # (the quick test first)
            seen.append(target)
        region = None if target.region in (None, "doc") else target.region
        if period is None and self.past_period is not None:
            period = self.past_period  # (not the period the text goes on with: no commit)
        year, month = period or self.period
        if year is None:
            year = self.user_year
        # synonyms (投资, 固定资产投资) share a record; 省级/市级重点项目投资 do not
        label = "" if P.LABELS.get(target.label) == target.key else target.label
        key = (region, year, month, target.key, target.scope, label)
        for k, v in values.items():  # (the quick test: every figure given and plausible)
            if v is None or ((b := _BOUNDS.get(k)) is not None and not b[0] <= v <= b[1]):
                values = {
                    k: v
                    for k, v in values.items()
                    if v is not None and self._plausible(k, v, evidence)
                }
                break
        if not values:
            return
        if target.key not in ("other", "") and period is None:
            self.committed, self.period_unused = self.period, False
        for rec in self.index.get(key, ()):
            known = rec.values
            for k, v in values.items():
                # (not `known.get(k) not in (None, v)`: a Decimal compared with None asks
                # whether None is a numbers.Rational, an ABC check per figure)
                if (old := known.get(k)) is not None and old is not v and old != v:
                    break
            else:  # no figure of the record contradicts these
                rec.add(values, evidence, self.in_headline)
                return
        rec = Record(region, year, month, target.key, target.label, target.scope)
        rec.add(values, evidence, self.in_headline)
        self.index.setdefault(key, []).append(rec)
        self.records.append(rec)


def _each_ordinal(m: re.Match[str]) -> str:
    """第一、二、三 → 第一、第二、第三 (each rank with its 第, as RANK_RE reads them)."""
    return "第" + m.group(1) + re.sub(r"([、和及])", r"\1第", m.group(2))


def _same_indicator_as_parents(span: str, targets: list[Target]) -> bool:
    """Whether a comparison with a parent that names the parent's indicator (高于全市制造业投资
    6.2个百分点) compares the same indicator as ``targets`` (bare 投资 is any: 高于全市投资增速)."""
    start = P.PARENT_WORD_RE.search(span)
    m = P.PARENT_NOUN_RE.match(span, start.start()) if start else None
    if m is None or m.group(1) == "投资":
        return True  # (民间投资…比全市固定资产投资增速慢: the whole's rate, another indicator)
    key = T.indicator(m.group(1))[0]
    return any(t.key == key for t in targets)


def _last_year_period(head: str, current: tuple[int | None, int | None]) -> tuple[int, int] | None:
    """The period of a sentence that opens with last year (去年全年, 上年, 去年同期): the year
    before the current one, its whole year or (同期) the current span; None when the current
    period has no year or no month (a year is not guessed; a work report's 去年 is dropped).

    >>> _last_year_period("去年全年", (2024, 9)), _last_year_period("上年同期", (2024, 9))
    ((2023, 12), (2023, 9))
    >>> _last_year_period("去年全年", (None, 9)), _last_year_period("去年底", (2024, 9))
    (None, None)
    """
    year, month = current
    if year is None or month is None or head.startswith(("去年底", "上年底", "去年末", "上年末")):
        return None
    return (year - 1, month) if "同期" in head[:5] else (year - 1, 12)


def _month_of(period: tuple[int | None, int | None]) -> int:
    return period[1] or 0


def _size_projects_beside_real_estate(records: list[Record]) -> None:
    """500万元以上投资项目 in the sentence that gives 房地产开发投资 too (从项目类型看，…；
    房地产开发…) is the project part of the whole investment (fai_project), not a list of
    its own (5000万元及以上项目 alone stays other)."""
    beside = {(r.region, r.year, r.month, e) for r in records if r.key == "fai_real_estate"
              for e in r.evidence}  # fmt: skip
    for r in records:
        if r.key == "other" and P.SIZE_PROJECTS_RE.fullmatch(r.label) and any(
            (r.region, r.year, r.month, e) in beside for e in r.evidence
        ):
            r.key = "fai_project"


#: the characters a word of SHORT_REGION_NEXT_RE starts with (None: unknown, any)
_SHORT_NEXT_FIRST = frozenset(P.first_chars(P.SHORT_REGION_NEXT_RE))  # (known: not AnyChar)
_SHORT_NEXT_FIRST_RE = P.one_of(_SHORT_NEXT_FIRST)
# a region's name at the front of a text, short (_SHORT_NEXT_FIRST_RE in its characters 2 to
# 4) or with its suffix (_REGION_SUFFIX_FIRST_RE in 1 to 8), holds one of these in 1 to 8
_REGION_START_RE = P.one_of(_SHORT_NEXT_FIRST | _REGION_SUFFIX_FIRST)


def _part_label(label: str) -> bool:
    """True for the label of a part of a programme (跨市项目投资: ``PART_LABEL_RE`` of
    :mod:`~fai.bulletin.project_words`, imported here, where needed: the figure reader
    does without the project patterns' compilation otherwise)."""
    from fai.bulletin import project_words as W

    return W.PART_LABEL_RE.fullmatch(label) is not None


def _plan_of(target: Target) -> Target:
    """The investment whose plan a completion rate measures: 省级重大项目年度计划投资(完成率
    62.62%) is of 省级重大项目投资; any other target as it is.

    >>> _plan_of(Target(None, "other", "省级重大项目年度计划投资")).key
    'fai_key_projects'
    """
    if not (m := P.PLAN_IN_LABEL_RE.search(target.label)) or m.start() == 0:
        return target
    label = target.label[: m.start()] + "投资"
    key, scope = T.indicator(label)
    return Target(target.region, key, label, scope)


def _parent_own_rate(m: re.Match[str]) -> str:
    """增长6.4%(全市6.6%) → 增长6.4%，全市增长6.6% (its verb kept: (全省下降9.6%))."""
    return f"，{m.group(1)}{m.group(2) or '增长'}{m.group(3)}"


def _parent_rate_after(m: re.Match[str]) -> str:
    """高于全市(下降1.2%)3.4个百分点 → 高于全市3.4个百分点(全市下降1.2%): the parent's own rate
    after the gap, in brackets read as a clause of its own (the subject kept after it)."""
    return f"{m.group(1)}{m.group(5)}({m.group(2)}{m.group(3) or '增长'}{m.group(4)}%)"


def _verb_of_list(m: re.Match[str]) -> str:
    """增速较快，分别为 → 增速较快，分别增长; 进度较慢，分别为 → 进度较慢，分别完成年度计划的."""
    verb = "增长" if m.group(1) else "完成年度计划的"
    return f"{m.group(1) or m.group(2)}{m.group(3)}，分别{verb}"


def _superlative_rates(body: str) -> str:
    """菏泽市增速最高，为12.3%；聊城市次之，为9.8% → …最高，增速为12.3%；…次之，增速为9.8%: the
    measure last written before each (增速, 完成率, 进度) names the rate; without one it stays
    unread (最高，为12.3% of what is not said).

    >>> _superlative_rates("甲县完成率最高，为95.1%；乙县次之，为90.2%")
    '甲县完成率最高，完成率为95.1%；乙县次之，完成率为90.2%'
    """
    out, last = [], 0
    for m in P.SUPERLATIVE_RATE_RE.finditer(body):
        measures = P.SUPERLATIVE_MEASURE_RE.findall(body, 0, m.start())
        if not measures:
            continue
        measure = "完成率" if measures[-1] in ("完成率", "投资进度", "进度") else "增速"
        out += [body[last : m.start()], "，", measure, "为"]
        last = m.end()
    return "".join(out) + body[last:] if out else body


def _growth_in_bracket(m: re.Match[str]) -> str:
    """A rate in brackets after a name, with its verb (三市镇(下降12.1%) → 三市镇下降12.1%;
    安平县(9.5%) → 安平县增速为9.5%)."""
    return m.group(1) + (m.group(2) or "增速为") + m.group(3) + "%"


def _rate_after_measure(m: re.Match[str]) -> str:
    """以95.2%的完成率 → 完成率95.2%，(以61%的投资进度 → 完成率61%，; 以12%的增速 → 增长12%，):
    the rate after its measure, where the fact patterns read it.

    >>> _rate_after_measure(re.match(r"以(\\d+)%的(完成率)", "以95%的完成率"))
    '完成率95%，'
    """
    word = "增长" if m.group(2) in ("增速", "增幅") else "完成率"
    return f"{word}{m.group(1)}%，"


def _bare_region(text: str) -> str | None:
    """The full name of a region an item of a list names without its 市/县 (长沙 → 长沙市),
    None for any other word (交通, 能源).

    >>> _bare_region("长沙"), _bare_region("交通")
    ('长沙市', None)
    """
    if not 2 <= len(text) <= 4 or not P.CJK_ONLY_RE.fullmatch(text):
        return None
    code = regions.lookup(text)
    if code is None or not (full := regions.name_of(code)).startswith(text) or full == text:
        return None
    return full


def _bare_regions_named(text: str) -> str:
    """A list whose items all are regions written without their 市/县, with their names in
    full (长沙、株洲和湘潭 → 长沙市、株洲市、湘潭市); any other list as it is.

    >>> _bare_regions_named("长沙、株洲和湘潭"), _bare_regions_named("交通、能源")
    ('长沙市、株洲市、湘潭市', '交通、能源')
    """
    names = [_bare_region(x) for x in P.BARE_LIST_SPLIT_RE.split(text)]
    return "、".join(names) if all(names) else text  # type: ignore[arg-type]


def _short_region(text: str) -> tuple[str, int] | None:
    """(the full name, the length) of a region the text names without its 省/市 in front
    of an investment (广西全社会固定资产投资, 四川民间投资), or None.

    >>> _short_region("广西全社会固定资产投资"), _short_region("工业投资")
    (('广西壮族自治区', 2), None)
    """
    for n in (4, 3, 2):
        if len(text) <= n or text[n] not in _SHORT_NEXT_FIRST:
            continue  # (the quick test first: no word of SHORT_REGION_NEXT_RE starts there)
        if not P.SHORT_REGION_NEXT_RE.match(text, n):
            continue
        name = text[:n]
        if not P.CJK_ONLY_RE.fullmatch(name) or P.REGION_END_RE.search(name):
            continue
        code = regions.lookup(name)
        if code is not None and (full := regions.name_of(code)).startswith(name) and full != name:
            return full, n
    return None


def _name_rates(tail: str, measure: str) -> str:
    """A list of regions and their rates after 完成率由高到低分别为：, with the measure
    written into each item whose name is a region (运城113.7% → 运城市完成率113.7%); a name
    without its 市/县 counts, written in full, when the registry knows it.

    >>> _name_rates("运城113.7%、晋中92.5%、其他58%", "完成率")
    '运城市完成率113.7%、晋中市完成率92.5%、其他58%'
    """

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        code = regions.lookup(name)
        if code is None and not P.REGION_END_RE.search(name):
            return m.group()
        full = regions.name_of(code) if code else name
        name = full if full.startswith(name) else name  # 运城 → 运城市, 晋中 → 晋中市
        return name + measure + m.group(2)

    return P.NAME_RATE_RE.sub(one, tail)


def _take_brackets(body: str, subs: dict[str, str]) -> str:
    r"""``body`` with its brackets taken out: a bracket holding figures becomes a mark
    (``\x00N\x00``, its text in ``subs``), any other goes; inner brackets first, at
    most three levels deep, then the brackets left are dropped. Linear in the length.

    >>> subs = {}
    >>> _take_brackets("工业投资(其中技改投资增长9.1%)增长8.0%，完成计划(240亿元)的89.9%", subs)
    '工业投资\x000\x00增长8.0%，完成计划的89.9%'
    >>> subs
    {'\x000\x00': '其中技改投资增长9.1%'}
    """

    def mark(m: re.Match[str]) -> str:
        inner = m.group(1)
        before = body_now[max(0, m.start() - 8) : m.start()]
        if P.PAREN_FACT_RE.search(inner) and not P.PLAN_BEFORE_PAREN_RE.search(before):
            key = f"\x00{len(subs)}\x00"
            subs[key] = inner
            return key
        return ""

    for _ in range(3):
        body_now = body
        body = P.PAREN_RE.sub(mark, body)
        if body == body_now:
            break
    return body.replace("(", "").replace(")", "")


def _known_label(text: str) -> str:
    """The investment a table's title names: its longest tail the registry knows.

    >>> _known_label("2024年1-9月各县(区)固定资产投资完成情况"), _known_label("完成投资(亿元)")
    ('固定资产投资', '投资')
    """
    text = text[: text.rfind("投资") + 2] if "投资" in text else ""
    for i in range(len(text) - 1):
        if T.indicator(text[i:])[0] != "other":
            return text[i:]
    return ""


def _own_level(lines: list[str]) -> str | None:
    """The level of the text's own region: of 我县/本市 wherever written, else of the
    lowest 全省/全市/全县 written as a subject (a county's text names its province as
    全省, a province's never names a county 全县), else None.

    >>> _own_level(["全省投资增长5%，我县增长12%。"]), _own_level(["全省增长5%，全县增长12%，高于全市。"])
    ('县', '县')
    """
    for line in lines:
        if m := P.OWN_LEVEL_RE.search(line):
            return m.group(1)[-1]
    words = {m.group(1) for line in lines for m in P.SUBNATIONAL_RE.finditer(line)}
    if not words:
        return None
    return max(words, key=lambda w: 1 if w == "自治区" else P.LEVEL_DEPTH[w])[-1]
