"""Score :func:`fai.read_bulletin` on a folder of bulletins with expected records.

``python -m fai.bulletin_eval tests/bulletin/corpus`` reads every ``NN-topic.txt``
that has a ``NN-topic.json`` next to it (a list of records in the output
contract of :mod:`fai.bulletin.parse`), parses the text and prints precision and
recall over the figures, then every miss.

A *figure* is (file, indicator, field, value) for the fields
``value_100m_yuan``, ``yoy_pct``, ``plan_completion_pct`` and ``vs_parent_pp``
— the figures an analyst copies out by hand. Figures are compared as sets per
file, so a value repeated on two rows (two comparisons with two parents)
counts once. A second, *strict* score adds the region, the period (year,
month) and the other fields (parent, share, time progress, rank, rank_of,
mom_sa_pct) to each figure.

Prints, for example::

    files 68, expected figures 268, found 268, correct 268
    precision 100.0%  recall 100.0%  (indicator, value, yoy, plan completion, vs parent)
    strict    precision 100.0%  recall 100.0%  (+ region, period, parent, share, time progress, rank)
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fai.bulletin.devscore import evaluate_dev, format_dev_report
from fai.errors import FaiError, InputFormatError
from fai.paths import project_dir

#: the real published texts with hand-read expectations, beside the project
DEV = project_dir().parent / "shared" / "bulletins_dev"

PRIMARY = ("value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp")
SECONDARY = ("parent", "vs_time_progress_pp", "share_pct", "rank", "rank_of", "mom_sa_pct")


def _norm(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return round(float(value), 6)
    return value


def figures(records: list[dict[str, Any]], file: str, strict: bool = False) -> dict[tuple, dict]:
    """The scored figures of a list of records, each mapped to the record it came from.

    >>> sorted(figures([{"indicator": "fai_total", "yoy_pct": 12.5, "value_100m_yuan": None}], "a.txt"))
    [('a.txt', 'fai_total', 'yoy_pct', 12.5)]
    """
    out: dict[tuple, dict] = {}
    fields = PRIMARY + SECONDARY if strict else PRIMARY
    for rec in records:
        where = (rec.get("region"), rec.get("year"), rec.get("month")) if strict else ()
        for name in fields:
            value = rec.get(name)
            if value is None:
                continue
            out.setdefault((file, *where, rec.get("indicator"), name, _norm(value)), rec)
    return out


def load_case(txt: Path) -> tuple[str, list[dict[str, Any]]]:
    """The text of a corpus file and its expected records."""
    from fai.bulletin.parse import decode_text

    expected_path = txt.with_suffix(".json")
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputFormatError(
            f"{expected_path}: cannot read the expected records ({exc})"
        ) from exc
    if not isinstance(expected, list):
        raise InputFormatError(f"{expected_path}: expected a JSON list of records")
    return decode_text(txt.read_bytes(), str(txt)), expected


def evaluate(folder: str | Path) -> dict[str, Any]:
    """Precision, recall and misses of the parser on a folder of cases.

    Returns a dict with ``files``, ``expected``, ``found``, ``correct``,
    ``precision``, ``recall``, ``strict_precision``, ``strict_recall`` and
    ``misses`` (dicts with file, kind 'missing'/'extra', indicator, label,
    field, value, evidence).
    """
    from fai.bulletin.parse import read_bulletin, to_records

    folder = Path(folder)
    cases = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".json").exists())
    if not cases:
        raise InputFormatError(f"{folder}: no NN-topic.txt with a NN-topic.json next to it")
    totals = {
        "expected": 0,
        "found": 0,
        "correct": 0,
        "s_expected": 0,
        "s_found": 0,
        "s_correct": 0,
    }
    misses: list[dict[str, Any]] = []
    for txt in cases:
        text, expected = load_case(txt)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = to_records(read_bulletin(text, file=txt.name))
        for prefix, strict in (("", False), ("s_", True)):
            want = figures(expected, txt.name, strict)
            have = figures(got, txt.name, strict)
            totals[prefix + "expected"] += len(want)
            totals[prefix + "found"] += len(have)
            totals[prefix + "correct"] += len(want.keys() & have.keys())
            if strict:
                continue
            for kind, keys, source in (("missing", want.keys() - have.keys(), want),
                                       ("extra", have.keys() - want.keys(), have)):  # fmt: skip
                for key in sorted(keys, key=str):
                    rec = source[key]
                    misses.append({"file": txt.name, "kind": kind, "indicator": key[1],
                                   "label": rec.get("label"), "field": key[2], "value": key[3],
                                   "evidence": rec.get("evidence")})  # fmt: skip

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "files": len(cases),
        "expected": totals["expected"],
        "found": totals["found"],
        "correct": totals["correct"],
        "precision": ratio(totals["correct"], totals["found"]),
        "recall": ratio(totals["correct"], totals["expected"]),
        "strict_precision": ratio(totals["s_correct"], totals["s_found"]),
        "strict_recall": ratio(totals["s_correct"], totals["s_expected"]),
        "misses": misses,
    }


def format_report(result: dict[str, Any]) -> str:
    """The printed report of :func:`evaluate`."""
    lines = [
        (
            f"files {result['files']}, expected figures {result['expected']}, "
            f"found {result['found']}, correct {result['correct']}"
        ),
        (
            f"precision {result['precision']:.1%}  recall {result['recall']:.1%}  "
            "(indicator, value, yoy, plan completion, vs parent)"
        ),
        (
            f"strict    precision {result['strict_precision']:.1%}  recall {result['strict_recall']:.1%}  "
            "(+ region, period, parent, share, time progress, rank)"
        ),
    ]
    if result["misses"]:
        lines.append(f"misses ({len(result['misses'])}):")
        for m in result["misses"]:
            label = f" [{m['label']}]" if m["indicator"] == "other" else ""
            lines.append(f"  {m['file']}  {m['kind']:7}  {m['indicator']}{label} {m['field']} "
                         f"{m['value']}  | {m['evidence']}")  # fmt: skip
    else:
        lines.append("misses: none")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fai.bulletin_eval",
        description="Precision and recall of fai.read_bulletin on bulletins with expected records.",
        epilog="example:\n  python -m fai.bulletin_eval tests/bulletin/corpus",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", nargs="*",
                        help="folders of NN-topic.txt with NN-topic.json (our corpus) or NN_name.txt with "
                             "NN_name.expected.json (real texts); default: ../shared/bulletins_dev/{fai,projects}")
    parser.add_argument("--misses", action="store_true", help="list every miss of a real-text folder")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    folders = [Path(f) for f in args.folder] or [DEV / "fai", DEV / "projects"]
    try:
        for folder in folders:
            if not folder.is_dir():
                raise InputFormatError(f"{folder}: no such folder — expected a folder of texts with "
                                       "expected records (../shared/bulletins_dev is absent?)")
            if any(folder.glob("*.expected.json")):
                result = evaluate_dev(folder)
                text = format_dev_report(result, show_misses=args.misses)
            else:
                result = evaluate(folder)
                text = format_report(result)
            print(json.dumps(result, ensure_ascii=False) if args.json else text)
    except FaiError as exc:
        print(f"bulletin_eval: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
