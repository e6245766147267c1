"""Score the bulletin reader on real published texts read by hand (``../shared/bulletins_dev``).

The development corpus holds ``NN_<short>.txt`` (first line ``SOURCE: <url>``) with
``NN_<short>.expected.json`` beside it: the text's own ``region`` and ``period``, and the
``figures``, ``projects`` and ``tasks`` it states. Its scoring rules, applied here:

- A *fact* is (kind, indicator, field, value): figures by indicator and each of
  :data:`FIGURE_FIELDS`; projects by each of :data:`PROJECT_FIELDS`; tasks by each of
  :data:`TASK_FIELDS`. ``other`` figures are not scored. Values match within 0.1 %, at
  most 0.005.
- Recall: expected facts some emitted fact matches. Precision: emitted facts (of the
  scored kinds) that match an expected fact of the same file.
- *Strict* adds the period (the month always; the year where the text writes it — when
  it does not, a null year is right and so is a year the text shows, as in a dateline)
  and, where an expected fact names a region other than the text's own, the region.
- A project or task entry is *read whole* when one emitted record of its kind matches
  every number the entry states.

``python -m fai.bulletin_eval`` with no folder scores ``../shared/bulletins_dev/fai`` and
``../shared/bulletins_dev/projects``.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fai.errors import InputFormatError

FIGURE_FIELDS = ("value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp",
                 "vs_time_progress_pp")  # fmt: skip
PROJECT_FIELDS = ("count", "started", "start_rate_pct", "total_investment_100m_yuan",
                  "annual_plan_100m_yuan", "done_100m_yuan", "plan_completion_pct")  # fmt: skip
TASK_FIELDS = ("task", "done")
FIELDS = {"figure": FIGURE_FIELDS, "project": PROJECT_FIELDS, "task": TASK_FIELDS}
LISTS = {"figure": "figures", "project": "projects", "task": "tasks"}
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")

Records = Callable[[str, str], list[dict[str, Any]]]


def dev_folder(root: Path, holding: str = "fai") -> Path | None:
    """The real-text development corpus for a checkout at ``root``: ``FAI_BULLETINS_DEV``, else
    ``shared/bulletins_dev`` in a folder above ``root`` (``../shared``); None when it has no
    ``holding`` folder (tests then skip with a reason).

    >>> dev_folder(Path("/nowhere"), "no-such-folder") is None
    True
    """
    import os

    env = os.environ.get("FAI_BULLETINS_DEV")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "bulletins_dev" for p in root.parents]
    return next((p for p in candidates if (p / holding).is_dir()), None)


def close(a: float, b: float) -> bool:
    """Equal within 0.1 % of the expected value ``b``, at most 0.005.

    >>> close(1434.9, 1434.9), close(12.5, 12.51), close(0.3, 0.3002)
    (True, False, True)
    """
    return abs(a - b) <= min(abs(b) * 0.001, 0.005) + 1e-9


def _period(text: str | None) -> tuple[int | None, int | None, bool]:
    """(year, month, year written) of an expected period: ``2019-05``, ``--05`` or null."""
    if not text:
        return None, None, False
    year, month = text.split("-")[-2:] if not text.startswith("--") else ("", text[2:])
    return (int(year) if year else None), int(month), bool(year)


def _same_region(a: str | None, b: str | None) -> bool:
    from fai.cleaning.hanzi import to_simplified
    from fai.model import regions

    if not a or not b:
        return False
    a, b = to_simplified(a), to_simplified(b)
    if a == b:
        return True
    code_a, code_b = regions.lookup(a), regions.lookup(b)
    return code_a is not None and code_a == code_b


def _kind(rec: dict[str, Any]) -> str:
    return rec.get("kind") or "figure"


def facts(rec: dict[str, Any]) -> list[tuple[str, str | None, str, float]]:
    """The scored facts of one record (expected or emitted): (kind, indicator, field, value)."""
    kind = _kind(rec)
    if kind == "figure" and rec.get("indicator") in (None, "other"):
        return []
    indicator = rec.get("indicator") if kind == "figure" else None
    out = []
    for name in FIELDS.get(kind, ()):
        value = rec.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out.append((kind, indicator, name, float(value)))
    return out


def _strict_ok(want: dict[str, Any], have: dict[str, Any], case: dict[str, Any]) -> bool:
    year, month, written = _period(want.get("period"))
    if want.get("period") is not None and have.get("month") != month:
        return False
    if want.get("period") is None and have.get("month") is not None:
        return False
    got_year = have.get("year")
    if written and case.get("year_in_text", True):
        if got_year != year:
            return False
    elif got_year is not None and got_year != year and got_year not in case["years_in_text"]:
        return False
    region = want.get("region")
    if region and case["region"] and not _same_region(region, case["region"]):
        return _same_region(have.get("region"), region)
    return True


def score_case(case: dict[str, Any], got: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and misses of one text: its expected records against the records read."""
    expected = [dict(r, kind=kind) for kind, key in LISTS.items() for r in case["expected"].get(key, [])]
    out: dict[str, Any] = {k: 0 for k in ("expected", "found", "correct", "s_correct", "s_found_ok",
                                          "l_found_ok", "entries", "whole", "s_whole")}  # fmt: skip
    out["by_kind"] = {k: {"expected": 0, "found": 0, "correct": 0, "s_correct": 0, "s_found_ok": 0,
                           "l_found_ok": 0}
                      for k in LISTS}  # fmt: skip
    misses = []
    emitted = [(h, f) for h in got for f in facts(h)]
    for want in expected:
        for fact in facts(want):
            kind = fact[0]
            hits = [h for h, f in emitted if _match(f, fact)]
            s_hits = [h for h in hits if _strict_ok(want, h, case)]
            out["expected"] += 1
            out["correct"] += bool(hits)
            out["s_correct"] += bool(s_hits)
            bk = out["by_kind"][kind]
            bk["expected"] += 1
            bk["correct"] += bool(hits)
            bk["s_correct"] += bool(s_hits)
            if not s_hits:
                misses.append({"file": case["file"], "miss": "missing" if not hits else "period/region",
                               "kind": kind, "indicator": fact[1], "label": want.get("label")
                               or want.get("group") or want.get("item"), "field": fact[2],
                               "value": fact[3], "expected_period": want.get("period"),
                               "expected_region": want.get("region"),
                               "got": [(h.get("region"), h.get("year"), h.get("month")) for h in hits][:3]})
    wants = [(w, f) for w in expected for f in facts(w)]
    for have, fact in emitted:
        hits = [w for w, f in wants if _match(fact, f)]
        kind = fact[0]
        out["found"] += 1
        out["by_kind"][kind]["found"] += 1
        out["l_found_ok"] += bool(hits)
        out["by_kind"][kind]["l_found_ok"] += bool(hits)
        ok = any(_strict_ok(w, have, case) for w in hits)
        out["s_found_ok"] += ok
        out["by_kind"][kind]["s_found_ok"] += ok
        if not hits:
            misses.append({"file": case["file"], "miss": "extra", "kind": kind, "indicator": fact[1],
                           "label": have.get("label") or have.get("group") or have.get("item"),
                           "field": fact[2], "value": fact[3], "region": have.get("region"),
                           "period": (have.get("year"), have.get("month")),
                           "evidence": (have.get("evidence") or "")[:160]})
    for want in expected:
        if want["kind"] == "figure":
            continue
        mine = facts(want)
        if not mine:
            continue
        out["entries"] += 1
        same = [h for h in got if _kind(h) == want["kind"]]
        whole = [h for h in same if all(_match(f, fact) for fact in mine for f in facts(h)
                                        if f[2] == fact[2]) and _covers(h, mine)]
        out["whole"] += bool(whole)
        out["s_whole"] += any(_strict_ok(want, h, case) for h in whole)
        if not whole:
            misses.append({"file": case["file"], "miss": "not whole", "kind": want["kind"],
                           "label": want.get("group") or want.get("item"),
                           "want": {f[2]: f[3] for f in mine}})
    out["misses"] = misses
    return out


def _match(a: tuple, b: tuple) -> bool:
    return a[:3] == b[:3] and close(a[3], b[3])


def _covers(have: dict[str, Any], mine: list[tuple]) -> bool:
    got = {f[2]: f[3] for f in facts(have)}
    return all(f[2] in got and close(got[f[2]], f[3]) for f in mine)


def load_cases(folder: Path) -> list[dict[str, Any]]:
    """The texts and expectations of a development folder, in file order."""
    cases = []
    for exp in sorted(folder.glob("*.expected.json")):
        txt = exp.with_name(exp.name[: -len(".expected.json")] + ".txt")
        if not txt.exists():
            continue
        try:
            expected = json.loads(exp.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputFormatError(f"{exp}: cannot read the expected records ({exc})") from exc
        text = txt.read_bytes()
        cases.append({"file": txt.name, "path": txt, "bytes": text, "expected": expected,
                      "region": expected.get("region"), "year_in_text": expected.get("year_in_text", True)})
    if not cases:
        raise InputFormatError(f"{folder}: no NN_name.txt with NN_name.expected.json beside it")
    return cases


def default_records(text: str, file: str) -> list[dict[str, Any]]:
    """Every record the reader gives for a text (figures, and projects and tasks where read)."""
    from fai.bulletin.parse import read_bulletin_records

    return read_bulletin_records(text, file=file)


def evaluate_dev(folder: str | Path, records: Records | None = None) -> dict[str, Any]:
    """Scores of the reader on one development folder (``fai/`` or ``projects/``)."""
    from fai.bulletin.parse import decode_text

    records = records or default_records
    totals: dict[str, Any] = {}
    misses: list[dict[str, Any]] = []
    by_kind: dict[str, dict[str, int]] = {k: {} for k in LISTS}
    cases = load_cases(Path(folder))
    for case in cases:
        text = decode_text(case["bytes"], str(case["path"]))
        case["years_in_text"] = {int(y) for y in _YEAR.findall(text)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = records(text, case["file"])
        result = score_case(case, got)
        for k, v in result.items():
            if isinstance(v, int):
                totals[k] = totals.get(k, 0) + v
        for kind, counts in result["by_kind"].items():
            for k, v in counts.items():
                by_kind[kind][k] = by_kind[kind].get(k, 0) + v
        misses += result["misses"]

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "folder": str(folder), "files": len(cases),
        "expected": totals["expected"], "found": totals["found"], "correct": totals["correct"],
        "recall": ratio(totals["correct"], totals["expected"]),
        "precision": ratio(totals["l_found_ok"], totals["found"]),
        "strict_recall": ratio(totals["s_correct"], totals["expected"]),
        "strict_precision": ratio(totals["s_found_ok"], totals["found"]),
        "entries": totals["entries"], "whole": ratio(totals["whole"], totals["entries"]),
        "strict_whole": ratio(totals["s_whole"], totals["entries"]),
        "by_kind": {k: {**v, "recall": ratio(v["correct"], v["expected"]),
                        "precision": ratio(v["l_found_ok"], v["found"]),
                        "strict_recall": ratio(v["s_correct"], v["expected"]),
                        "strict_precision": ratio(v["s_found_ok"], v["found"])}
                    for k, v in by_kind.items() if v.get("expected") or v.get("found")},
        "misses": misses,
    }


def format_dev_report(result: dict[str, Any], show_misses: bool = True) -> str:
    """The printed report of :func:`evaluate_dev`."""
    fig = result["by_kind"].get("figure", {"precision": 1.0, "recall": 1.0, "strict_precision": 1.0,
                                            "strict_recall": 1.0})
    lines = [(f"{result['folder']}: {result['files']} texts, {result['expected']} expected facts, "
              f"{result['found']} emitted"),
             # the quality bar of issue 12: figures' precision and recall (with period and region),
             # and project and task entries read whole
             (f"  FIGURES  lenient P {fig['precision']:.1%} R {fig['recall']:.1%}   "
              f"with period+region P {fig['strict_precision']:.1%} R {fig['strict_recall']:.1%}"),
             (f"  all kinds lenient P {result['precision']:.1%} R {result['recall']:.1%}   "
             f"with period+region P {result['strict_precision']:.1%} R {result['strict_recall']:.1%}")]
    for kind, v in result["by_kind"].items():
        lines.append(f"  {kind:8} expected {v['expected']:4}  emitted {v['found']:4}  "
                     f"P {v['precision']:.1%} R {v['recall']:.1%}  strict P {v['strict_precision']:.1%} "
                     f"R {v['strict_recall']:.1%}")  # fmt: skip
    if result["entries"]:
        lines.append(f"  project/task entries read whole: {result['whole']:.1%} "
                     f"(strict {result['strict_whole']:.1%}) of {result['entries']}")
    if show_misses:
        for m in result["misses"]:
            lines.append("    " + json.dumps(m, ensure_ascii=False))
    return "\n".join(lines)
