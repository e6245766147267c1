"""Planning the report batch: every region of the data × the templates its data supports,
with ``params/*.yaml`` as overrides → validated tasks.

``fai run`` with no params files plans every region of the processed data (its tidy
table and targets table) with the templates its figures support (:data:`SUPPORTS`:
growth needs a fai_total series, structure a component of it, regions two child
regions with growth rates, targets rows in the targets table). A params file only
overrides what a region gets — ``params/_defaults.yaml`` and ``params/<any>.yaml``::

    region: "110000"                     # code or name (required)
    templates: [growth, structure]       # topics; default: what the data supports
    parameters: {period_end: latest}     # passed to the listed templates that declare them
    targets: {target_100m_yuan: 1030}    # per-template section, keyed by topic

Named params files (``fai run params/x.yaml``) plan just their regions, with the
templates they (or ``_defaults.yaml``) name. Every key is checked against the
template's parameters (:mod:`fai.batch.templates`) before anything runs: a typo is a
:class:`~fai.errors.ParameterError` naming the file and the key. A params file is read
bounded (:mod:`fai.batch.params_file`) and no error echoes more than a line of it.

>>> [t.template for t in plan(regions=["全国"])]                 # doctest: +SKIP
['growth', 'structure', 'regions']
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fai.batch.params_file import params_files, read_yaml, show
from fai.batch.templates import Template, find_templates, project_path
from fai.errors import ParameterError
from fai.model import regions

if TYPE_CHECKING:  # imported where the data are read: `fai run` starts its workers without them
    import pandas as pd

__all__ = ["DataFacts", "Task", "Template", "data_facts", "find_templates", "params_files", "plan",
           "project_path", "read_yaml", "region_identity", "safe_slug", "supported_templates"]

DEFAULTS_FILE = "_defaults.yaml"
TOP_KEYS = ("region", "templates", "parameters")
RESERVED = ("headline_path",)


# --------------------------------------------------------------------------- planning
@dataclass(frozen=True)
class Task:
    """One notebook to run: a region's params × one template."""

    region: str  # as written in the params file
    region_code: str  # "" when the registry does not know the region
    region_name: str
    region_slug: str
    template: str
    params_file: str
    parameters: dict[str, Any] = field(hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.region_slug, self.template)


def safe_slug(text: str) -> str:
    """A folder name that cannot leave the output folder: ASCII letters, digits, ``-``.

    >>> safe_slug("../../etc"), safe_slug("110000-beijing")
    ('etc', '110000-beijing')
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-").lower()[:60].strip("-")
    return slug or "region"


def region_identity(region: str) -> tuple[str, str, str]:
    """(code, display name, slug) of a params file's ``region``.

    A region the registry does not know keeps its name, code "" and a slug
    made of its ASCII letters plus a hash (distinct names never share a folder).

    >>> region_identity("北京")
    ('110000', '北京市', '110000-beijing')
    >>> region_identity("<script>alert(1)</script>")[2]
    'unregistered-script-alert-1-script-d5f93694'
    """
    code = regions.lookup(region)
    if code:
        return code, regions.name_of(code), safe_slug(regions.slug(code))
    digest = hashlib.sha1(region.encode("utf-8")).hexdigest()[:8]
    ascii_part = safe_slug(region.encode("ascii", "ignore").decode())
    ascii_part = "" if ascii_part == "region" else ascii_part[:40].strip("-")
    return "", region, "-".join(p for p in ("unregistered", ascii_part, digest) if p)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" — did you mean {close[0]!r}?" if close else ""


def _expected(choices: Iterable[str]) -> str:
    return ", ".join(choices)


def _check_type(value: Any, declared: str) -> bool:
    declared = declared.lower()
    if declared.startswith("str"):
        return isinstance(value, str)
    if declared.startswith("bool"):
        return isinstance(value, bool)
    if declared.startswith("int"):
        return isinstance(value, int) and not isinstance(value, bool)
    if declared.startswith("float"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if declared.startswith("list"):
        return isinstance(value, list)
    if declared.startswith("dict"):
        return isinstance(value, dict)
    return True


def _region_value(value: Any, path: Path) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict, float)):
        raise ParameterError(f"{path}: region is {show(value)} — expected a region code or name, "
                             'e.g. region: "110000" or region: 北京市')
    if isinstance(value, int):
        if value < 100000:  # YAML read 000000 or 010000 as a number: the zeros are gone
            raise ParameterError(f"{path}: region is the number {value} — quote the code, "
                                 'e.g. region: "000000"')
        return str(value)
    text = str(value).strip()
    if not text:
        raise ParameterError(f"{path}: region is empty — expected a region code or name")
    return text


# --------------------------------------------------------------------------- what the data supports
@dataclass(frozen=True)
class DataFacts:
    """Which regions the data hold what for (read once from the tidy and targets tables)."""

    totals: frozenset[str]  # a fai_total level or growth rate: a growth report
    growth_rates: frozenset[str]  # a fai_total growth rate: a peer in a comparison
    components: frozenset[str]  # a component of fai_total (民间, 第二产业, 制造业 …): a structure report
    targets: frozenset[str]  # targets, projects or tasks in the targets table: a targets report

    @property
    def regions(self) -> list[str]:
        """Every region with figures, in registry order (unknown codes last)."""
        order = {code: i for i, code in enumerate(regions.registry()["region_code"])}
        codes = self.totals | self.components | self.targets
        return sorted(codes, key=lambda c: (order.get(c, len(order)), c))


def _months(periods: pd.Series) -> pd.Series:
    """'YYYY-MM' as a month count (NaN stays NaN)."""
    text = periods.astype("string")
    return text.str[:4].astype("Float64") * 12 + text.str[5:7].astype("Float64")


def data_facts(tidy: pd.DataFrame, targets: pd.DataFrame | None = None) -> DataFacts:
    """What each region's figures support, from the tidy table (and the targets table).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"region_code": ["000000", "000000", "330523"], "indicator": ["fai_total",
    ...     "fai_private", "fai_total"], "period": ["2025-12"] * 3, "value_100m_yuan": [1.0, 0.5, None],
    ...     "yoy_pct": [3.3, 1.0, 5.1]})
    >>> f = data_facts(t)
    >>> sorted(f.totals), sorted(f.components)
    (['000000', '330523'], ['000000'])
    """
    from fai.model import indicators

    has = tidy["value_100m_yuan"].notna() | tidy["yoy_pct"].notna()
    rows = tidy.loc[has, ["region_code", "indicator", "period", "yoy_pct"]]
    total = rows["indicator"] == TOTAL
    tree = {k for k in indicators.keys() if k != TOTAL and TOTAL in indicators.ancestors(k)}  # noqa: SIM118
    parts = rows.loc[rows["indicator"].isin(tree)]
    # a structure report shows parts at most a year older than the region's latest total (the
    # report's period); older ones only (北京's 2017 sectors under its 2026 growth) make no report
    latest = rows.loc[total].groupby("region_code")["period"].max()
    lag = _months(parts["region_code"].map(latest)) - _months(parts["period"])
    return DataFacts(
        totals=frozenset(rows.loc[total, "region_code"].astype(str)),
        growth_rates=frozenset(rows.loc[total & rows["yoy_pct"].notna(), "region_code"].astype(str)),
        components=frozenset(parts.loc[lag.isna() | (lag <= 12), "region_code"].astype(str)),
        targets=frozenset() if targets is None else frozenset(
            targets.loc[~targets["measure"].astype(str).str.startswith(RANKINGS), "region_code"].dropna().astype(str)),
    )


TOTAL = "fai_total"
RANKINGS = ("rank", "vs_")  # targets-table measures that rank a region (rank_in_parent, vs_parent_pp): no target
# topic → does a region's data support it (the templates a region gets without a params file)
SUPPORTS: dict[str, Callable[[str, DataFacts], bool]] = {
    "growth": lambda code, f: code in f.totals,
    "structure": lambda code, f: code in f.components,
    # its children compared under it, else (a province, a county without data below it) the
    # region among its peers (regions.peer_group): ranks, heatmap and map with it highlighted
    "regions": lambda code, f: (sum(c in f.growth_rates for c in regions.children(code)) >= 2
                                or (code in f.growth_rates
                                    and sum(c in f.growth_rates for c in regions.peer_group(code)[0]) >= 2)),
    "targets": lambda code, f: code in f.targets,
}


def supported_templates(code: str, facts: DataFacts, templates: Iterable[str]) -> list[str]:
    """The topics among ``templates`` whose needs the region's data meet, in template order.

    >>> facts = DataFacts(frozenset({"330110"}), frozenset({"330110"}), frozenset({"330110"}),
    ...                   frozenset({"330110"}))
    >>> supported_templates("330110", facts, ["growth", "structure", "regions", "targets"])
    ['growth', 'structure', 'targets']
    """
    return [t for t in templates if t in SUPPORTS and SUPPORTS[t](code, facts)]


# --------------------------------------------------------------------------- planning
def plan(
    sources: Sequence[str | Path] = (),
    *,
    templates: dict[str, Template] | None = None,
    only: Sequence[str] | None = None,
    only_regions: Sequence[str] = (),
    facts: DataFacts | None = None,
) -> list[Task]:
    """Validated tasks: every region of the data × the templates its data supports,
    with ``params/`` as overrides — or, when ``sources`` names params files or
    folders, just their regions × the templates each names.

    ``only`` keeps those topics (``--notebooks``); ``only_regions`` those regions
    (``--region``, names or codes). ``facts`` (default: from :func:`fai.data.load`
    and :func:`fai.data.load_targets`) says what the data support. Raises
    :class:`ParameterError` for an unknown key, topic or type, naming the file.
    """
    templates = find_templates() if templates is None else templates
    if not templates:
        raise ParameterError("no report templates found — expected notebooks/NN-topic.ipynb files")
    if only:
        unknown = [t for t in only if t not in templates]
        if unknown:
            raise ParameterError(f"--notebooks: unknown template {show(unknown[0])} (templates: "
                                 f"{_expected(templates)}){_suggest(unknown[0], templates)}")
    wanted = [regions.resolve(r, where="--region") for r in only_regions]
    if sources:
        files = params_files(sources)
        if not files:
            raise ParameterError(f"no params files in {', '.join(map(str, sources))}"
                                 " — expected one <region>.yaml per region")
        tasks = _plan_files(files, templates, only, None)
    else:
        if facts is None:
            from fai import data as fai_data

            facts = data_facts(fai_data.load(), fai_data.load_targets())
        tasks = _plan_auto(templates, only, facts)
    if wanted:
        tasks = [t for t in tasks if t.region_code in wanted]
        missing = [c for c in wanted if not any(t.region_code == c for t in tasks)]
        if missing:
            code = missing[0]
            raise ParameterError(
                f"--region {regions.name_of(code)} ({code}): no report to make — the data hold no figures "
                f"for it{' the chosen templates show' if only else ''}; expected a region of the data "
                "(put its table in data/raw/ and run make data) or a params file naming it")
    return tasks


def _plan_files(files: Sequence[Path], templates: dict[str, Template], only: Sequence[str] | None,
                facts: DataFacts | None) -> list[Task]:
    tasks: list[Task] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        for task in _plan_file(path, templates, only, facts):
            if task.key in seen:
                raise ParameterError(f"{path}: region {show(task.region)} × {task.template} is also made by "
                                     f"{seen[task.key]} — one params file per region")
            seen[task.key] = str(path)
            tasks.append(task)
    return tasks


def _plan_auto(templates: dict[str, Template], only: Sequence[str] | None, facts: DataFacts) -> list[Task]:
    """Every region of the data (and of params/), params files overriding what they name."""
    folder = project_path("params")
    files = params_files([folder]) if folder.is_dir() else []
    by_file = _plan_files(files, templates, only, facts)
    covered = {t.region_slug for t in by_file} | {t.region_code for t in by_file if t.region_code}
    defaults_path = folder / DEFAULTS_FILE
    tasks: list[Task] = []
    for code in facts.regions:
        if code in covered or regions.lookup(code) is None:
            tasks += [t for t in by_file if t.region_code == code]
            continue
        tasks += _plan_region(defaults_path, {"region": code}, templates, only, facts, params_file="")
    done = {id(t) for t in tasks}
    return tasks + [t for t in by_file if id(t) not in done]


def _plan_file(path: Path, templates: dict[str, Template], only: Sequence[str] | None,
               facts: DataFacts | None) -> list[Task]:
    return _plan_region(path, read_yaml(path), templates, only, facts, params_file=str(path))


def _plan_region(path: Path, data: dict[str, Any], templates: dict[str, Template], only: Sequence[str] | None,
                 facts: DataFacts | None, *, params_file: str) -> list[Task]:
    """The tasks of one region: ``data`` is its params file (or just its region), over the defaults."""
    defaults_path = path.parent / DEFAULTS_FILE if path.name != DEFAULTS_FILE else path
    defaults = read_yaml(defaults_path) if defaults_path.exists() and (params_file == "" or defaults_path != path) \
        else {}
    for where, block, allowed in ((defaults_path, defaults, ("templates", "parameters")),
                                  (path, data, TOP_KEYS)):
        for key in block:
            if key not in allowed and key not in templates:
                choices = [*allowed, *templates]
                raise ParameterError(f"{where}: unknown key {show(key)} (expected {_expected(allowed)} or a "
                                     f"template section: {_expected(templates)}){_suggest(str(key), choices)}")
        for key in ("parameters", *templates):
            if key in block and not isinstance(block[key], dict):
                raise ParameterError(f"{where}: {key} is {show(block[key])} — expected a mapping of "
                                     "parameter: value")
    if "region" not in data:
        raise ParameterError(f"{path}: no region — expected e.g. region: \"110000\"")
    region = _region_value(data["region"], path)
    code, name, slug = region_identity(region)

    fallback = defaults.get("templates", list(templates))
    if facts is not None and code:  # what the data supports, unless the params file names templates
        fallback = supported_templates(code, facts, templates) or (fallback if params_file else [])
    topics = data.get("templates", fallback)
    if isinstance(topics, str):
        topics = [t.strip() for t in topics.split(",") if t.strip()]
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ParameterError(f"{path}: templates is {show(topics)} — expected a list of topics, "
                             f"e.g. [{', '.join(templates)}]")
    for topic in topics:
        if topic not in templates:
            raise ParameterError(f"{path}: template {show(topic)} is not in the templates folder (have "
                                 f"{_expected(templates)}){_suggest(topic, templates)}")
    if only:
        topics = [t for t in topics if t in only]

    shared = {**defaults.get("parameters", {}), **data.get("parameters", {})}
    for key in shared:
        origin = path if key in data.get("parameters", {}) else defaults_path
        if key in RESERVED or key == "region":
            raise ParameterError(f"{origin}: parameter {show(key)} is set by fai run — remove it")
        if not any(key in templates[t].parameters for t in (topics or templates)):
            known = sorted({p for t in topics or templates for p in templates[t].parameters})
            raise ParameterError(f"{origin}: parameter {show(key)} is not a parameter of "
                                 f"{_expected(topics or templates)} (they take {_expected(known)})"
                                 f"{_suggest(key, known)}")

    tasks = []
    for topic in topics:
        template = templates[topic]
        section = {**defaults.get(topic, {}), **data.get(topic, {})}
        values = {k: v for k, v in shared.items() if k in template.parameters}
        for key, value in section.items():
            origin = path if key in data.get(topic, {}) else defaults_path
            if key in RESERVED or key == "region":
                raise ParameterError(f"{origin}: {topic}.{key} is set by fai run — remove it")
            if key not in template.parameters:
                raise ParameterError(
                    f"{origin}: {topic}.{key} is not a parameter of {template.path.name} (it takes "
                    f"{_expected(template.parameters)}){_suggest(key, template.parameters)}")
            values[key] = value
        for key, value in values.items():
            declared = str(template.parameters[key].get("inferred_type_name") or "None")
            if not _check_type(value, declared):
                raise ParameterError(
                    f"{path}: {key} is {show(value)} ({type(value).__name__}) — {template.path.name} expects "
                    f"{declared}" + (" (quote it)" if declared.startswith("str") else ""))
        if "region" not in template.parameters:
            raise ParameterError(f"{template.path}: no 'region' parameter — every template needs one")
        tasks.append(Task(region, code, name, slug, topic, params_file, {"region": region, **values}))
    return tasks
