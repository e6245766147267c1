"""Planning the batch: every region of the data × the templates its data support, params/ as
overrides, ``--region``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from fai import cli
from fai.batch import plan as P
from fai.errors import AmbiguousRegionError, MissingDataError, ParameterError, UnknownRegionError
from fai.model import regions
from fai.reports import context as params

ROOT = Path(__file__).resolve().parents[2]
PARAMS = ROOT / "params"
NOTEBOOKS = {"growth": "10-growth.ipynb", "structure": "20-structure.ipynb",
             "regions": "30-regions.ipynb", "targets": "40-targets.ipynb"}
TEST_TEMPLATES = ROOT / "tests" / "notebooks"


@pytest.fixture(scope="module")
def templates():
    return P.find_templates(ROOT / "notebooks")


@pytest.fixture(scope="module")
def bundled(templates, tidy, targets):
    """The default plan of the bundled data: (facts, tasks by region code)."""
    facts = P.data_facts(tidy, targets)
    tasks = P.plan(templates=templates, facts=facts)
    by_region: dict[str, dict[str, dict]] = {}
    for t in tasks:
        by_region.setdefault(t.region_code, {})[t.template] = t.parameters
    return facts, tasks, by_region


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- the default plan
def test_every_bundled_region_gets_the_templates_its_data_support(bundled):
    _, tasks, by_region = bundled
    expected = {"000000", *regions.MACRO, *regions.provinces(), "330110", "990001", "331002", "430200"}
    assert set(by_region) == expected and len(by_region) == 40  # moved: one params file per region
    got = {code: list(topics) for code, topics in by_region.items()}
    assert got["000000"] == ["growth", "structure", "regions"]
    assert got["110000"] == ["growth", "structure", "regions"]  # no child with data: among the 31 provinces
    assert got["140000"] == ["growth", "regions"]  # 山西: its parts are years older than its growth
    assert got["900001"] == ["growth", "regions"]  # YoY only, and its 10 provinces
    assert got["330110"] == ["growth", "structure", "targets"]
    assert got["331002"] == ["growth"]  # a rank in 台州市 is no target
    assert got["430200"] == ["targets"]  # the task contest, no investment figures
    assert got["990001"] == ["growth", "structure", "targets"]
    assert len(tasks) == 90


def test_params_files_only_override(bundled):
    _, tasks, by_region = bundled
    # params/330110-yuhang-district.yaml sets the annual target; the data decide the templates
    assert by_region["330110"]["targets"]["target_100m_yuan"] == 1030
    assert by_region["990001"]["targets"]["target_100m_yuan"] == 16.1
    assert "target_100m_yuan" not in by_region["330110"]["growth"]
    assert {t.params_file for t in tasks if t.region_code == "330110"} == {"params/330110-yuhang-district.yaml"}
    assert {t.params_file for t in tasks if t.region_code == "110000"} == {""}  # no params file
    assert by_region["110000"]["growth"] == {"region": "110000", "period_end": "latest", "lang": "zh",
                                             "data_path": ""}  # _defaults.yaml


def test_every_planned_task_matches_the_parameters_of_its_template(bundled):
    import papermill

    _, tasks, _ = bundled
    declared = {t: set(papermill.inspect_notebook(str(ROOT / "notebooks" / n))) for t, n in NOTEBOOKS.items()}
    for task in tasks:  # moved from the params-file check: no key a template does not declare
        assert set(task.parameters) - declared[task.template] == set(), f"{task.region_slug} × {task.template}"


def test_params_files_name_their_region_by_its_slug():
    for path in sorted(PARAMS.glob("[!_]*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) <= {"region", "templates", "parameters", *NOTEBOOKS}, path.name
        code = regions.resolve(str(data["region"]))
        assert path.stem == regions.slug(code), f"{path.name}: expected {regions.slug(code)}.yaml"


def _sections_with_data(region: str, topic: str) -> int:
    """How many sections of a template hold data for a region (0 when it has none at all)."""
    from fai.reports import sections as s

    extra = {"regions": {"peers": ""}, "targets": {"targets_path": ""}}.get(topic, {})
    try:
        ctx = params.validate_params(region, **extra)
    except MissingDataError:
        return 0
    calls = {"growth": [s.single_month, s.revision_gap, s.mom_sa],
             "structure": [s.shares, s.component_growth, s.contributions],
             "regions": [s.ranking, lambda c: s.ranking(c, "subpeers")],
             "targets": [s.target_progress, s.project_pipeline, s.task_contest]}[topic]
    if topic == "growth":  # the headline needs total FAI: a growth report exists when it does
        return int(bool(len(ctx.rows("fai_total")))) + sum(f(ctx).shown for f in calls)
    return sum(f(ctx).shown for f in calls)  # shown: within a year of the report's period


def test_the_planned_templates_are_those_with_data_and_no_other(bundled):
    _, _, by_region = bundled
    for code, topics in by_region.items():  # moved: a template left out has no section with data
        for topic in (t for t in NOTEBOOKS if t not in topics):
            assert _sections_with_data(code, topic) == 0, f"{code}: {topic} has data"
    for code in ("110000", "000000", "330110"):  # the planned ones, on a few (they draw)
        for topic in by_region[code]:
            assert _sections_with_data(code, topic) > 0, f"{code}: {topic} has no data"


# --------------------------------------------------------------------------- data → templates
def _facts(rows: list[tuple[str, str, float | None, float | None]], targets: list[tuple[str, str]] = ()):
    tidy = pd.DataFrame(rows, columns=["region_code", "indicator", "value_100m_yuan", "yoy_pct"]).assign(
        period="2025-12")
    tg = pd.DataFrame(list(targets), columns=["region_code", "measure"])
    return P.data_facts(tidy, tg)


def test_what_the_data_support():
    facts = _facts(
        [("330523", "fai_total", 215.3, 5.1), ("330523", "fai_private", 120.0, None),
         ("330522", "fai_total", None, 3.0), ("330500", "fai_total", 1200.0, None),
         ("331002", "fai_funds_in_place", None, 4.0)],
        [("430200", "target_count"), ("331002", "rank_in_parent")])
    topics = ["growth", "structure", "regions", "targets", "probe"]
    # 安吉县 and 长兴县 both have growth: each is compared among 湖州市's counties
    assert P.supported_templates("330523", facts, topics) == ["growth", "structure", "regions"]
    assert P.supported_templates("330522", facts, topics) == ["growth", "regions"]
    # 湖州市: two of its counties have growth rates → a comparison; its level alone → growth
    assert P.supported_templates("330500", facts, topics) == ["growth", "regions"]
    assert P.supported_templates("430200", facts, topics) == ["targets"]
    assert P.supported_templates("331002", facts, topics) == []  # funds in place and a rank only
    assert facts.regions == ["330500", "330522", "330523", "430200"]  # registry order


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder of its own (no params/, no data/regions.csv)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAI_HOME", str(tmp_path))
    regions.reload()
    yield tmp_path
    regions.reload()


def test_a_region_with_data_needs_no_params_file(project, templates):
    facts = _facts([("330523", "fai_total", 215.3, 5.1), ("330523", "fai_secondary", 80.0, 2.0)])
    tasks = P.plan(templates=templates, facts=facts)
    assert [(t.region_code, t.region_name, t.template, t.params_file) for t in tasks] == [
        ("330523", "安吉县", "growth", ""), ("330523", "安吉县", "structure", "")]
    assert tasks[0].parameters == {"region": "330523"} and tasks[0].region_slug == "330523-anji-county"


def test_a_params_file_overrides_templates_parameters_and_sections(project, templates):
    write(project / "params", {
        "_defaults.yaml": "templates: [growth]\nparameters: {period_end: latest}\n",
        "anji.yaml": "region: 安吉县\ntemplates: [growth]\nparameters: {lang: en, period_end: '2025-06'}\n",
        "changxing.yaml": "region: 长兴县\ntargets: {target_100m_yuan: 300}\n",
        "hangzhou.yaml": "region: 杭州市\n",  # no figures: its file asks for the defaults' templates
    })
    facts = _facts([("330523", "fai_total", 215.3, 5.1), ("330523", "fai_secondary", 80.0, 2.0),
                    ("330522", "fai_total", 300.0, 3.0)], [("330522", "annual_target")])
    got = {(t.region_code, t.template): (t.parameters, t.params_file)
           for t in P.plan(templates=templates, facts=facts)}
    assert got == {
        ("330523", "growth"): ({"region": "安吉县", "period_end": "2025-06", "lang": "en"},
                               str(Path("params") / "anji.yaml")),
        ("330522", "growth"): ({"region": "长兴县", "period_end": "latest"}, str(Path("params") / "changxing.yaml")),
        ("330522", "targets"): ({"region": "长兴县", "period_end": "latest", "target_100m_yuan": 300},
                                str(Path("params") / "changxing.yaml")),
        # 长兴县 and 安吉县 both have growth: 长兴县 is compared among 湖州市's counties
        ("330522", "regions"): ({"region": "长兴县", "period_end": "latest"}, str(Path("params") / "changxing.yaml")),
        ("330100", "growth"): ({"region": "杭州市", "period_end": "latest"}, str(Path("params") / "hangzhou.yaml")),
    }


def test_overrides_are_still_checked_key_by_key(project, templates):
    write(project / "params", {"anji.yaml": "region: 安吉县\ntargets: {target_100m_yaun: 300}\n"})
    facts = _facts([("330523", "fai_total", 215.3, 5.1)], [("330523", "annual_target")])
    with pytest.raises(ParameterError, match=r"anji.yaml: targets.target_100m_yaun is not a parameter of "
                                             r"40-targets.ipynb.*did you mean 'target_100m_yuan'"):
        P.plan(templates=templates, facts=facts)
    write(project / "params", {"_defaults.yaml": "parameters: {langauge: en}\n",
                                "anji.yaml": "region: 安吉县\n"})
    with pytest.raises(ParameterError, match=r"_defaults.yaml: parameter 'langauge'.*did you mean 'lang'"):
        P.plan(templates=templates, facts=facts)


# --------------------------------------------------------------------------- --region
def test_one_region_by_name_or_code(bundled, templates):
    facts, _, _ = bundled
    tasks = P.plan(templates=templates, facts=facts, only_regions=["余杭"])
    assert [(t.region_code, t.template) for t in tasks] == [
        ("330110", "growth"), ("330110", "structure"), ("330110", "targets")]
    assert tasks[-1].parameters["target_100m_yuan"] == 1030  # its override still applies
    two = P.plan(templates=templates, facts=facts, only_regions=["全国", "430200"], only=["growth", "targets"])
    assert [(t.region_code, t.template) for t in two] == [("000000", "growth"), ("430200", "targets")]


def test_a_region_without_data_or_an_unknown_one_is_refused(bundled, templates):
    facts, _, _ = bundled
    with pytest.raises(ParameterError, match=r"--region 安吉县 \(330523\): no report to make"):
        P.plan(templates=templates, facts=facts, only_regions=["安吉县"])
    with pytest.raises(AmbiguousRegionError, match=r"--region: region '朝阳区' could be 北京市朝阳区"):
        P.plan(templates=templates, facts=facts, only_regions=["朝阳区"])
    with pytest.raises(UnknownRegionError, match=r"--region: region '火星' is not in the registry"):
        P.plan(templates=templates, facts=facts, only_regions=["火星"])


def test_fai_run_region_exits_2_on_one_line(capsys, tmp_path):
    code = cli.main(["run", "--region", "火星", "--out", str(tmp_path / "out"),
                     "--templates-dir", str(TEST_TEMPLATES)])
    err = capsys.readouterr().err
    assert code == 2 and "火星" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_every_province_of_the_panel_gets_a_regions_report():
    """A province without prefecture figures is compared among the 31 (regions.peer_group)."""
    from fai.batch.plan import plan

    tasks = plan([])
    regions_of = {t.region_code for t in tasks if t.template == "regions"}
    from fai.model import regions

    assert set(regions.provinces()) <= regions_of
    assert "330110" not in regions_of  # 余杭区: the only district of 杭州市 with figures
