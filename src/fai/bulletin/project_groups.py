"""Project groups and tasks once read: the records, and the passes that finish them.

:mod:`fai.bulletin.projects` fills :class:`Group` and :class:`Task` clause by clause; the
passes here run when the whole text is read: stages named only by a count fold into their
programme (:func:`fold_stages`), mentions of one group merge (:func:`merge_groups`,
:func:`merge_programmes`), and each group's completed amount becomes a figure too
(:func:`group_figures`), as the figure reader's records of the same text expect.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fai.bulletin import project_words as W


@dataclass
class Group:
    """A project group while it is read (values are exact decimals)."""

    label: str
    region: str | None
    period: tuple[int | None, int | None]
    line: int
    monthly: bool = False
    stage: bool = False
    parent: Group | None = None
    line_start: bool = False  # named at the head of a paragraph
    count_after: bool = False  # 新开工项目450个 (not 450个新开工项目)
    pc_plan: bool = False  # its completion is of a plan or target (占年度计划), not a 进度
    values: dict[str, Decimal] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    progress_period: tuple[int | None, int | None] | None = None
    event: bool = False  # the group of a ceremony (集中开工): its period is the ceremony's
    planned: bool = False  # a coming year's list (初步安排2017年…): its year is not the text's
    year_alone: bool = False  # named under a year alone (2023年，全市共安排…): of the text's span

    def put(self, name: str, value: Decimal, evidence: str, period: tuple) -> bool:
        """Set one field; False when it holds another value already."""
        if name in self.values and self.values[name] != value:
            return False
        self.values[name] = value
        if evidence not in self.evidence:
            self.evidence.append(evidence)
        progress = name not in ("count", "total_investment_100m_yuan", "annual_plan_100m_yuan")
        if progress and not self.event and (self.progress_period is None or period[1] is not None):
            self.progress_period = period
        return True


@dataclass
class Task:
    """A target and what was done against it."""

    item: str
    unit: str
    region: str | None
    period: tuple[int | None, int | None]
    line: int
    evidence: str
    task: Decimal | None = None
    done: Decimal | None = None
    completion_pct: Decimal | None = None
    monthly: bool = False
    kind: str = ""  # 开工 / 竣工 / … of a count target, so the count done can find it


def stage_field(label: str) -> str | None:
    """The count field a stage's name gives its programme: 新建项目 → new, 续建项目 → continuing."""
    if re.match(r"(?:新建|新开工)项目$", label):
        return "new"
    if re.match(r"续建项目$", label):
        return "continuing"
    if re.match(r"(?:竣工|建成|完工|建成投产|竣工投产)项目$", label):
        return "completed"
    return None


def split_groups(label: str) -> list[str]:
    """The groups of a list: 竣工、续建、新开工项目 → 竣工项目, 续建项目, 新开工项目.

    >>> split_groups("竣工、续建、新开工项目"), split_groups("省、市重点项目")
    (['竣工项目', '续建项目', '新开工项目'], ['省重点项目', '市重点项目'])
    """
    items = [x for x in re.split("、|和|及|与", label) if x]
    if len(items) < 2:
        return [label]
    last = items[-1]
    m = re.search(r"(?:重点|重大)?(?:建设)?(?:项目|工程)$", last)
    tail = m.group() if m else ""
    if len(items[0]) == 1 and tail.startswith(("重点", "重大")):
        pass
    elif len(items[0]) == 1:
        tail = last[1:]
    return [x if x.endswith(("项目", "工程")) else x + tail for x in items[:-1]] + [last]


def _key(g: Group) -> tuple:
    return (label_key(g.label), g.region, g.monthly)


_WINDOW = 50  # mentions of one group are looked for among the last 50 of its name


@functools.lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """A group's name without the words that vary between mentions of it.

    >>> label_key("计划新开工项目"), label_key("省级重点工程建设项目")
    ('新开工项目', '省重点工程建设项目')
    """
    label = re.sub(r"^计划(?=新开工|开工|建成|竣工)", "", label)
    if "建设" in label and (m := _CAMPAIGN_KEY_RE.search(label)):
        # 重点项目建设战役, 重点建设战役项目: one campaign's projects, however named
        return "campaign:" + re.sub("项目|建设", "", label[: m.end()]).lstrip("省市县区州")
    return re.sub(r"^(?:省级|省)", "省", label)


_CAMPAIGN_KEY_RE = re.compile(r"建设(?:百日会战|大会战|会战|攻坚战|战役|攻坚行动)")


def compatible(a: Group, b: Group) -> bool:
    return all(a.values.get(k) in (None, v) for k, v in b.values.items())


def merge_groups(groups: list[Group]) -> list[Group]:
    """Groups of the same name, region and period merged when they do not contradict."""
    out: list[Group] = []
    seen: dict[tuple, list[Group]] = {}
    for g in groups:
        same = seen.setdefault(_key(g), [])
        for other in same[-_WINDOW:]:
            if compatible(other, g) and months_fit(other, g):
                take(other, g)
                break
        else:
            out.append(g)
            same.append(g)
    return out


def merge_programmes(groups: list[Group]) -> list[Group]:
    """A programme named in full once and shortened later (省级重大工程项目 … 重大工程项目)
    is one group when the two do not contradict each other."""
    out: list[Group] = []
    tops: dict[tuple, list[Group]] = {}  # by the end of the name: one may end the other
    for g in groups:
        key = label_key(g.label)
        if g.parent is not None or g.stage or len(key) < 4:
            out.append(g)
            continue
        same = tops.setdefault((_one_word(key)[-4:], g.region, g.monthly), [])
        for other in same[-_WINDOW:]:
            okey = label_key(other.label)
            if (key != okey and (key.endswith(okey) or okey.endswith(key) or _one_word(key) == _one_word(okey))
                    and compatible(other, g) and months_fit(other, g)):  # fmt: skip
                take(other, g)
                break
        else:
            out.append(g)
            same.append(g)
    return out


def _one_word(key: str) -> str:
    """A programme's name with 重大 and 重点 as one word: a text calls its list 重大项目 in one
    sentence and 重点项目 in the next (全旗重点项目完成投资… after 实施重大项目204项).

    >>> _one_word("重大项目"), _one_word("省重点工程项目")
    ('重点项目', '省重点工程项目')
    """
    return key.replace("重大", "重点")


def months_fit(a: Group, b: Group) -> bool:
    ma = a.progress_period[1] if a.progress_period else None
    mb = b.progress_period[1] if b.progress_period else None
    return ma is None or mb is None or ma == mb


def take(into: Group, g: Group) -> None:
    for k, v in g.values.items():
        into.values.setdefault(k, v)
    for e in g.evidence:
        if e not in into.evidence:
            into.evidence.append(e)
    if into.progress_period is None:
        into.progress_period = g.progress_period
    for other in (into,):
        other.line = min(other.line, g.line)


def fold_stages(groups: list[Group], tasks: list[Task]) -> list[Group]:
    """Stages named only by a count (建成项目33个, 新开工项目16个，开工率76.2%) count for their
    programme, unless the text tracks that stage as a group; a count with only a completion
    rate is a task."""
    out = []
    keys = {}
    for g in groups:
        keys.setdefault(_key(g)[0], []).append(g)
    # 其中新开工项目48个，续建项目50个，竣工项目8个: a sentence listing the stages of its programme
    # with a 续建 stage (never an event) is its composition: new, continuing, completed
    composed = {(id(g.parent), g.evidence[0]) for g in groups
                if g.parent is not None and g.evidence and set(g.values) == {"count"}
                and stage_field(g.label) == "continuing"}  # fmt: skip
    for g in groups:
        fields = set(g.values)
        if g.stage and fields == {"count", "plan_completion_pct"} and g.count_after and g.pc_plan:
            tasks.append(Task(g.label, "个", g.region, g.progress_period or g.period, g.line,
                              g.evidence[0], done=g.values["count"],
                              completion_pct=g.values["plan_completion_pct"], monthly=g.monthly))
            continue
        if (g.stage and g.parent is not None and {"count", "start_rate_pct"} <= fields
                and W.STARTED_STATE_RE.fullmatch(g.label) and "started" not in fields):  # fmt: skip
            # 计划实施重点项目100个…。截至9月底，开工在建项目92个，开复工率92%，完成投资…: what
            # the programme has under way, and its progress (not a list of its own)
            moved = Group(g.label, g.region, g.period, g.line, values=dict(g.values), evidence=list(g.evidence),
                          progress_period=g.progress_period)  # fmt: skip
            moved.values["started"] = moved.values.pop("count")
            if compatible(g.parent, moved) and g.parent.values.get("count", moved.values["started"]) >= moved.values["started"]:
                take(g.parent, moved)
                continue
        if g.stage and W.START_STAGE_RE.match(g.label) and fields <= {"count", "started", "start_rate_pct"} \
                and "start_rate_pct" in fields and "started" not in fields and "count" in fields:
            g.values["started"] = g.values.pop("count")
            fields = set(g.values)
        if g.stage and fields <= {"started", "start_rate_pct"} and fields:
            twins = [o for o in keys.get(_key(g)[0], []) if o is not g and compatible(o, g)]
            target = twins[0] if twins else g.parent
            if target is not None and compatible(target, g):
                take(target, g)
                continue
        if (g.stage and fields == {"count"} and not g.line_start and g.parent is not None
                and not g.label.startswith("计划") and not g.monthly):
            twins = [o for o in keys.get(_key(g)[0], []) if o is not g]
            if not twins:
                name = "completed" if W.DONE_STAGE_RE.match(g.label) else (
                    "started" if W.START_STAGE_RE.match(g.label) else None)
                if g.evidence and (id(g.parent), g.evidence[0]) in composed:
                    name = stage_field(g.label)
                if name is not None and g.parent.values.get(name) in (None, g.values["count"]):
                    g.parent.values[name] = g.values["count"]
                    continue
        out.append(g)
    return out


def main_period(groups: list[Group]) -> tuple[int | None, int | None]:
    """The period most progress figures of the text are of."""
    seen: dict[int, int] = {}
    years: dict[int, int] = {}
    for g in groups:
        if g.planned:
            continue
        for year, month in (g.progress_period or (None, None), g.period):
            if month is not None and not g.monthly:
                seen[month] = seen.get(month, 0) + 1
            if year is not None:
                years[year] = years.get(year, 0) + 1
    month = max(seen, key=lambda p: seen[p]) if seen else None
    return (max(years, key=lambda y: years[y]) if years else None), month


def is_key(g: Group) -> bool:
    """True when a group is a list named 重点/重大/龙头, or a part of one."""
    node: Group | None = g
    while node is not None:
        if W.KEY_RE.search(node.label):
            return True
        node = node.parent
    return False


FIGURE_KEYS = ["file", "region", "year", "month", "indicator", "label", "value_100m_yuan", "yoy_pct",
               "plan_completion_pct", "vs_parent_pp", "parent", "vs_time_progress_pp", "share_pct",
               "rank", "rank_of", "evidence"]  # fmt: skip


def group_figures(records: list[dict[str, Any]], keys: list[bool]) -> list[dict[str, Any]]:
    """The completed amount of each group as a figure (``fai_key_projects`` for 重点/重大
    lists and their parts, ``fai_project`` for other lists), with its plan completion and
    time progress; single-month groups give none.

    >>> rec = {"file": None, "region": "天城县", "year": None, "month": 9, "group": "重点项目",
    ...        "done_100m_yuan": 29.8, "plan_completion_pct": 81.6, "vs_time_progress_pp": None,
    ...        "evidence": "…", "monthly": False}
    >>> f = group_figures([rec], [True])[0]
    >>> f["indicator"], f["label"], f["value_100m_yuan"], f["plan_completion_pct"]
    ('fai_key_projects', '重点项目投资', 29.8, 81.6)
    """
    out = []
    for rec, key in zip(records, keys, strict=True):
        if rec.get("done_100m_yuan") is None or rec.get("monthly"):
            continue
        fig: dict[str, Any] = dict.fromkeys(FIGURE_KEYS)
        fig.update(file=rec["file"], region=rec["region"], year=rec["year"], month=rec["month"],
                   indicator="fai_key_projects" if key else "fai_project",
                   label=rec["group"] + "投资", value_100m_yuan=rec["done_100m_yuan"],
                   plan_completion_pct=rec.get("plan_completion_pct"),
                   vs_time_progress_pp=rec.get("vs_time_progress_pp"), evidence=rec["evidence"])  # fmt: skip
        fig["kind"] = "figure"
        out.append(fig)
    return out


def merge_figures(figures: list[dict[str, Any]], groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figure reader's records with the groups' figures: a record of the same amount
    takes the group's indicator (when it had none of its own: ``other``, or a bare 投资)
    and the rates it lacks; a group's amount no record holds is added. A text that states
    the whole investment (a ``fai_total`` other than a bare 投资 of a 重点/重大 list's amount)
    is a release of it, not a project notice: its records stay as the figure reader gave them.

    >>> fig = {"indicator": "other", "label": "续建项目投资", "value_100m_yuan": 754.9,
    ...        "plan_completion_pct": None, "vs_time_progress_pp": None, "region": None}
    >>> grp = {"indicator": "fai_key_projects", "label": "续建项目投资", "value_100m_yuan": 754.9,
    ...        "plan_completion_pct": 90.7, "vs_time_progress_pp": None, "region": None}
    >>> [(f["indicator"], f["plan_completion_pct"]) for f in merge_figures([fig], [grp])]
    [('fai_key_projects', 90.7)]
    """
    out = [dict(f) for f in figures]
    keys = {g["value_100m_yuan"] for g in groups if g["indicator"] == "fai_key_projects"}
    named = {f.get("value_100m_yuan"): f["label"] for f in reversed(figures)
             if f["indicator"] == "fai_key_projects" and f.get("value_100m_yuan") is not None}  # fmt: skip
    keys |= set(named)
    for f in out:  # 共计完成投资1691.03亿元 restating the 重点项目's amount: theirs, not the total
        if f["indicator"] == "fai_total" and f.get("label") == "投资" and f.get("value_100m_yuan") in named:
            f["indicator"], f["label"] = "fai_key_projects", named[f["value_100m_yuan"]]
    if any(f["indicator"] == "fai_total" and not (f.get("value_100m_yuan") in keys and f.get("label") == "投资")
           for f in figures):  # fmt: skip
        return out  # a release of the whole investment: its project lists are the reader's
    for g in groups:
        same = [f for f in out if f.get("value_100m_yuan") == g["value_100m_yuan"]]
        if not same:
            out.append(g)
            continue
        for n, f in enumerate(same):
            label = f.get("label") or ""
            generic = W.TRIVIAL_LABEL_RE.fullmatch(label) is not None or (
                label != g["label"] and label.endswith(g["label"])  # 安排重点项目投资: 重点项目投资
            )
            if n and not generic:
                continue  # (a bare 投资 of the same amount later: 共计完成投资1691.03亿元)
            if f["indicator"] in ("other", "fai_project", "fai_key_projects") or generic:
                f["indicator"] = g["indicator"]
                if generic:
                    f["label"] = g["label"]
            if f["indicator"] == g["indicator"]:
                for k in ("plan_completion_pct", "vs_time_progress_pp"):
                    if f.get(k) is None and g.get(k) is not None:
                        f[k] = g[k]
    _parts_take_programme(out)
    for f in out:  # 大项目建设投资: in a notice, the amount of a list of projects of no other kind
        label = f.get("label") or ""
        if f["indicator"] == "other" and f.get("value_100m_yuan") is not None and W.LIST_LABEL_RE.match(label):
            f["indicator"] = "fai_project"
    return out


def _parts_take_programme(figures: list[dict[str, Any]]) -> None:
    """In a project notice, a part of a programme (工业项目, 续建项目, 跨市项目 …: a list by
    sector, stage, size or reach) is of the programme's kind: the indicator of the
    nearest programme of the same region before it (重大项目 → fai_key_projects; a
    十百千 programme → fai_project) when it states its amount (竣工、续建项目完成率分别为…
    alone are the groups' rates); so is the programme's (or a part's) single month
    (当月投资: 5月完成投资423.4亿元 after 1—5月，市级重点项目完成投资…).

    >>> figs = [{"indicator": "fai_key_projects", "label": "重大项目投资", "region": None},
    ...         {"indicator": "fai_project", "label": "工业项目投资", "region": None,
    ...          "value_100m_yuan": 165.3}]
    >>> _parts_take_programme(figs); figs[1]["indicator"]
    'fai_key_projects'
    """
    programme: dict[Any, str] = {}
    for f in figures:
        label, key = f.get("label") or "", f.get("indicator")
        if key not in ("fai_key_projects", "fai_project", "other"):
            continue
        month = label[2:] if label.startswith("当月") else ""
        known = f["region"] in programme  # (the first of 市级重点项目 is the programme itself)
        if month and key == "other" and (W.TRIVIAL_LABEL_RE.fullmatch(month) or W.PART_LABEL_RE.fullmatch(month)):
            if known:  # 5月完成投资423.4亿元: the programme's month
                f["indicator"] = programme[f["region"]]
        elif known and W.PART_LABEL_RE.fullmatch(label):
            if f.get("value_100m_yuan") is not None or f.get("yoy_pct") is not None:
                f["indicator"] = programme[f["region"]]  # (its growth too: no group field)
        elif known and (m := W.NUMBERED_PART_RE.match(label)):
            f["label"] = label[m.end() :]  # 3、十大城市建设工程项目: an item of the programme's list
            if f.get("value_100m_yuan") is not None:
                f["indicator"] = programme[f["region"]]
        elif key != "other" and not W.TRIVIAL_LABEL_RE.fullmatch(label):
            programme[f["region"]] = key

