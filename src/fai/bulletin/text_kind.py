"""Which kind of text a bulletin is, and how its project lists are read in each kind.

Two kinds of text report project lists, and they read them differently:

- a **statistical release** (an NBS or bureau release, its reprints, a county's monthly
  FAI report) is about the whole investment: its growth, its breakdowns by sector,
  ownership and region. A key-project programme it mentions is one indicator
  (``fai_key_projects``: the *whole* programme); the programme's parts (省/市/县级 lists,
  续建/新开工, sectors), single projects and other lists (小城镇建设项目, 500万元以上在建项目,
  亿元以上新开工项目) are ``other``. The project part of the whole investment
  (项目投资, 500万元以上项目 beside 房地产开发, 扣除房地产开发投资后的投资) stays ``fai_project``.
- a **project-tracking** text (a progress notice, a campaign report) is about the lists
  themselves: groups with counts, starts and start rates, annual plans, tasks. There
  every list named 重点/重大/龙头 and its parts is ``fai_key_projects``, other lists
  ``fai_project`` — what the project reader gives, unchanged.

:func:`text_features` counts the two kinds of material in what the reader already found;
:func:`decide_kind` is the rule; :func:`apply_kind` reads a release's lists the release way.
Project and task records are the same in both kinds.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from fai.bulletin.lazy_re import bind_later, later

RELEASE = "release"
PROJECTS = "projects"

#: figure indicators that are project lists (read by the kind), not release material
LIST_INDICATORS = ("fai_key_projects", "fai_project")
#: indicators that are neither release material nor a list
NOT_RELEASE = (*LIST_INDICATORS, "other")
#: the fields of a project group that are project-tracking material, by what they state:
#: the size of the list, what of it has started, what it plans
GROUP_FACTS = (("count",), ("started", "start_rate_pct"),
               ("annual_plan_100m_yuan", "total_investment_100m_yuan"))  # fmt: skip
#: a text is a release when release material is at least this share of all its material
#: (about two parts in three). A mixed text below it (a province's news of its new projects'
#: count and growth, its FAI growth by sector and ownership, its 重大项目 with their start
#: rate: 5 release pairs to 3 project facts) keeps the project reading; a county's FAI news
#: with one key-project paragraph (4 to 2) is a release. On the development texts the two
#: kinds' mixed texts meet between 0.62 and 0.67: the margin is thin, see the note in tests.
RELEASE_SHARE = 0.65

# 省重点项目, 市级重点建设项目, 自治区层面重大项目: a programme named by its level only — two of them
# in one sentence (省、市重点项目分别完成…) are one programme enumerated, not its parts
LEVEL_PROGRAMME_RE = later(
    r"(?:全?[省市县区州旗盟]|自治区|自治州)(?:级|层面)?(?:重点|重大)(?:建设)?项目(?:完成)?投资"
)
# 项目投资, 500万元以上项目投资, 扣除房地产开发投资的固定资产投资: the project part of the whole
# investment (a release's fai_project), not a list of projects
AGGREGATE_RE = later(
    r"^(?:固定资产)?项目(?:完成)?投资$|^\d+万元(?:及)?以上(?:投资)?项目(?:完成)?投资$|房地产"
)


class TextFeatures(NamedTuple):
    """The two kinds of material a text holds, as the reader found them.

    ``release``: distinct (indicator, region) pairs of release figures that state an
    amount or a growth rate (固定资产投资, 民间投资, 工业投资 … of the text's region or of a
    county it lists); ``projects``: the facts of project groups (a count, a start, a
    plan: at most three a group) and the tasks.
    """

    release: int
    projects: int

    @property
    def release_share(self) -> float:
        """Release material as a share of all material (0 when there is none)."""
        total = self.release + self.projects
        return self.release / total if total else 0.0


def text_features(
    figures: list[dict[str, Any]], groups: list[dict[str, Any]], tasks: list[dict[str, Any]]
) -> TextFeatures:
    """Count the release and the project-tracking material of one text's records.

    >>> figs = [{"indicator": "fai_total", "region": None, "yoy_pct": 8.1, "value_100m_yuan": None},
    ...         {"indicator": "fai_private", "region": None, "yoy_pct": 3.0, "value_100m_yuan": None},
    ...         {"indicator": "fai_key_projects", "region": None, "yoy_pct": None,
    ...          "value_100m_yuan": 29.8}]
    >>> groups = [{"count": 58, "started": 52, "start_rate_pct": 89.7}]
    >>> text_features(figs, groups, [])
    TextFeatures(release=2, projects=2)
    """
    release = {
        (f["indicator"], f.get("region"))
        for f in figures
        if f["indicator"] not in NOT_RELEASE
        and (f.get("yoy_pct") is not None or f.get("value_100m_yuan") is not None)
    }
    facts = sum(any(g.get(k) is not None for k in keys) for g in groups for keys in GROUP_FACTS)
    return TextFeatures(len(release), facts + len(tasks))


def decide_kind(features: TextFeatures) -> str:
    """``"release"`` when release material is at least :data:`RELEASE_SHARE` of the text's
    material, else ``"projects"`` (also for a text with no release material at all).

    >>> decide_kind(TextFeatures(release=8, projects=1))  # a release with a 重点项目 line
    'release'
    >>> decide_kind(TextFeatures(release=5, projects=3))  # a mixed report: its lists lead
    'projects'
    >>> decide_kind(TextFeatures(release=0, projects=0))
    'projects'
    """
    if features.release and features.release_share >= RELEASE_SHARE:
        return RELEASE
    return PROJECTS


def apply_kind(figures: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The figures as ``kind`` reads them: in a release, of each region's key-project
    figures the first is the programme (and a level named beside it in the same sentence,
    省、市重点项目分别…); later ones are its parts and become ``other``, as does a list
    figure that is not the project part of the whole investment. Labels are kept; the
    input is not modified. A project-tracking text's figures are returned as they are.

    >>> figs = [{"indicator": "fai_key_projects", "label": "重点项目投资", "region": None,
    ...          "evidence": "a"},
    ...         {"indicator": "fai_key_projects", "label": "县级重点项目投资", "region": None,
    ...          "evidence": "b"},
    ...         {"indicator": "fai_project", "label": "小城镇建设项目投资", "region": None,
    ...          "evidence": "c"}]
    >>> [f["indicator"] for f in apply_kind(figs, "release")]
    ['fai_key_projects', 'other', 'other']
    >>> [f["indicator"] for f in apply_kind(figs, "projects")]
    ['fai_key_projects', 'fai_key_projects', 'fai_project']
    """
    if kind != RELEASE:
        return figures
    out = []
    programme: dict[Any, dict[str, Any]] = {}
    for f in figures:
        label = f.get("label") or ""
        if f["indicator"] == "fai_key_projects":
            first = programme.setdefault(f.get("region"), f)
            if first is not f and not _same_programme(first, f):
                f = {**f, "indicator": "other"}
        elif f["indicator"] == "fai_project" and not AGGREGATE_RE.search(label):
            f = {**f, "indicator": "other"}
        out.append(f)
    return out


def _same_programme(first: dict[str, Any], f: dict[str, Any]) -> bool:
    """Whether ``f`` is the programme ``first`` again (the same label: another period or
    sentence) or a level of it enumerated beside it (省、市重点项目分别完成…)."""
    if f.get("label") == first.get("label"):
        return True
    return (
        f.get("evidence") == first.get("evidence")
        and LEVEL_PROGRAMME_RE.fullmatch(first.get("label") or "") is not None
        and LEVEL_PROGRAMME_RE.fullmatch(f.get("label") or "") is not None
    )


bind_later(globals())
