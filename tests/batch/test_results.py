"""Run results as named types: statuses, errors classified by class and fields, summary rows."""

from __future__ import annotations

import pickle

from fai.batch.results import JobStatus, TaskError, TaskResult
from fai.batch.summary import ReportEntry, Summary
from fai.errors import MissingDataError, UnitError


class NoTargetsError(MissingDataError):
    """A subclass of MissingDataError: still "no data", so skipped."""


def _fields(err) -> dict:
    return {**err.fields(), "classes": [c.__name__ for c in type(err).__mro__]}


def test_a_fai_error_keeps_its_fields_and_is_classified_by_class():
    err = UnitError(file="data/raw/county.xlsx", where="cell B3", found="unit '万美元'",
                    expected="(亿元), (万元) or (%)")
    task_error = TaskError.from_fields(_fields(err), cell=2)
    assert task_error.ename == "UnitError" and task_error.cell == 2
    assert task_error.evalue == "data/raw/county.xlsx cell B3: unit '万美元' — expected (亿元), (万元) or (%)"
    assert (task_error.file, task_error.where, task_error.found, task_error.expected) == (
        "data/raw/county.xlsx", "cell B3", "unit '万美元'", "(亿元), (万元) or (%)")
    assert task_error.status_of() is JobStatus.FAILED
    assert task_error.to_dict() == {"ename": "UnitError", "evalue": task_error.evalue, "cell": 2,
                                    "file": "data/raw/county.xlsx", "where": "cell B3",
                                    "found": "unit '万美元'", "expected": "(亿元), (万元) or (%)"}


def test_missing_data_and_its_subclasses_are_skipped_other_errors_failed():
    sub = TaskError.from_fields(_fields(NoTargetsError("no targets for 北京市")))
    assert sub.ename == "NoTargetsError" and sub.status_of() is JobStatus.SKIPPED
    assert TaskError("MissingDataError", "no rows").status_of() is JobStatus.SKIPPED
    assert TaskError("KeyError", "'region'").status_of() is JobStatus.FAILED
    assert TaskError("DeadKernelError", "the kernel died").to_dict() == {
        "ename": "DeadKernelError", "evalue": "the kernel died", "cell": None}  # no fields: not a FaiError


def test_results_pickle_and_summary_rows_round_trip():
    error = TaskError.from_fields(_fields(UnitError(file="x.csv", where="line 3", found="万美元",
                                                    expected="亿元")), cell=1)
    result = TaskResult(JobStatus.FAILED, error, seconds=1.5, worker="host:1")
    assert pickle.loads(pickle.dumps(result)) == result
    entry = ReportEntry(region="余杭区", region_code="330110", region_name="余杭区",
                        region_slug="330110-yuhang-district", template="growth",
                        params_file="params/330110-yuhang-district.yaml", status=JobStatus.FAILED,
                        seconds=1.5, html="330110-yuhang-district/growth.html", error=error)
    row = entry.to_json()
    assert row["status"] == "failed" and row["error"]["file"] == "x.csv"
    back = Summary.from_json({"notebooks": [row]}).entries[0]
    assert back.to_json() == row and back.status is JobStatus.FAILED and back.error.is_fai_error
    assert JobStatus.of("up to date") is JobStatus.UP_TO_DATE and JobStatus.of("nonsense") is JobStatus.FAILED
