"""``fai run``: the report batch — params files × templates → HTML reports + index."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only what comes before the workers start: papermill (the templates' inspection), pandas, the
# data and the HTML exporter (fai.batch.run) are imported while they warm up (a test keeps it so).
from fai.batch.cache import Tables, cached_templates, templates_key
from fai.batch.folder import OutputFolder, check_writable, open_folder
from fai.batch.manifest import MANIFEST, read_manifest
from fai.batch.pdf import find_chromium
from fai.batch.pool import Workers, kernel_spec, start_workers
from fai.batch.results import JobStatus
from fai.batch.summary import SUMMARY, read_summary
from fai.batch.templates import kernel_templates
from fai.errors import ParameterError

if TYPE_CHECKING:
    from fai.batch.summary import ReportEntry

CHART_STORE = ".fai-charts"  # in the output folder: charts kept for the next run
STORED_CHARTS = 2000  # 10–40 KB each; the default batch of 90 reports stores 106 (2.6 MB)

EPILOG = """examples:
  fai run                                   every region of the data × the templates its data
                                            support (params/*.yaml override) → reports/
  fai run --region 安吉县                    one region (a name or code; repeat for more)
  fai run params/beijing.yaml params/hebei.yaml --notebooks growth,structure
  fai run --workers 4 --timeout 300         four notebooks at a time, 5 minutes each at most
  fai run --only-failed                     re-run what failed or did not run in reports/summary.json
  fai run --force                           run every report again (default: only those whose
                                            template, parameters, figures or fai changed)
  fai run --pdf                             a PDF beside each HTML (headless Chromium)
  fai run --scheduler local                 the same tasks on a Dask LocalCluster
  fai run --scheduler tcp://10.0.0.5:8786   … or on a Dask cluster

exit status: 0 all reports succeeded or were skipped (no data), 1 some failed,
2 invalid params or output folder (nothing ran) or the disk filled up, 3 a bug in
fai, 130 interrupted (Ctrl-C: finished reports are kept, the rest keep their old files).
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="run the report notebooks for every region (papermill → HTML)",
        description="Run every region of the processed data × the templates its data support (params "
        "files override: a target, a period, a language, the templates) through papermill, in parallel, "
        "and write one HTML report per region and template, summary.json and index.html.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("params", nargs="*", metavar="PARAMS_FILE_OR_DIR",
                   help="only these params files or folders (default: every region of the data, params/ "
                   "overriding)")
    p.add_argument("--region", action="append", default=[], metavar="REGION",
                   help="run only this region: a name or code, e.g. 安吉县 or 330523 (repeat for more)")
    p.add_argument("--notebooks", default="", metavar="TOPICS",
                   help="comma-separated templates to run, e.g. growth,structure (default: all a region gets)")
    p.add_argument("--out", default="reports", help="output folder (default: reports/)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="notebooks run at the same time (default: CPU count)")
    p.add_argument("--timeout", type=float, default=0, metavar="SECONDS",
                   help="stop a notebook that runs longer (default: no limit)")
    p.add_argument("--only-failed", action="store_true",
                   help="re-run only the entries that failed in OUT/summary.json")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on Dask: 'local' (a LocalCluster) or tcp://host:port")
    p.add_argument("--templates-dir", default=None, metavar="DIR",
                   help="folder of NN-topic.ipynb templates (default: notebooks/)")
    p.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="start a new kernel for every notebook instead of reusing warm ones (slower)")
    p.add_argument("--force", action="store_true",
                   help="run every report, even those up to date (nothing they show changed)")
    p.add_argument("--pdf", action="store_true",
                   help="also print each report to PDF beside its HTML (needs Chromium)")
    p.add_argument("--keep-kernels", action="store_true",
                   help="with --scheduler ADDRESS: leave the warm kernels in the Dask workers for the next run")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1:
        raise ParameterError(f"--workers is {args.workers} — expected 1 or more")
    if args.timeout < 0:
        raise ParameterError(f"--timeout is {args.timeout:g} — expected seconds ≥ 0 (0 = no limit)")
    out = Path(args.out)
    only = [t.strip() for t in args.notebooks.split(",") if t.strip()] or None
    tables = Tables(read_manifest(out).cache)  # what the last run already read and inspected
    known = (tables.cache.get("templates") or {}).get("key")
    changed = known != templates_key(args.templates_dir) or tables.data_changed()
    if args.pdf:
        find_chromium()  # no Chromium: say so before anything runs
    # a folder fai can write, and no other run writing into it — before any worker starts
    # (a new folder is made only once the params are checked)
    folder = open_folder(out) if out.exists() else None
    if folder is None:
        check_writable(out)
    try:
        with chart_store(out, force=args.force):
            return _run(args, out, folder, only, tables, changed)
    finally:
        if folder is not None:
            folder.close()  # (batch.run closes it too; closing twice is harmless)


def _run(args: argparse.Namespace, out: Path, folder: OutputFolder | None, only: list[str] | None,
         tables: Tables, changed: bool) -> int:
    previous = read_summary(out)
    sources: list[Any] = list(args.params)
    if args.only_failed:
        if previous is None:
            raise ParameterError(f"--only-failed: no previous run in {out / SUMMARY} — run without it first")
        redo = [e for e in previous.entries if e.status in (JobStatus.FAILED, JobStatus.NOT_RUN)]
        if not redo:
            print(f"--only-failed: nothing failed in {out / SUMMARY}")
            return 0
        if not sources:
            sources = list(dict.fromkeys(e.params_file for e in redo
                                         if e.params_file and Path(e.params_file).is_file()))
            if not all(e.params_file for e in redo):
                sources = []  # some came from the data, not a params file: plan them all, keep the failed
    # When something will run (a first run, --force, --only-failed, Dask, changed data or
    # templates), the workers and their kernels warm up while the templates are inspected and
    # the params checked (the kernels need only the templates' imports, read from their JSON);
    # otherwise they start once the manifest says a report changed (an unchanged batch starts none).
    workers: Workers | int | None = args.workers
    if args.force or args.only_failed or args.scheduler or changed or not (out / MANIFEST).exists():
        kernel = kernel_spec(kernel_templates(args.templates_dir), kernel_name=args.kernel,
                             fresh=args.fresh_kernels)
        workers = start_workers(kernel, args.workers or os.cpu_count() or 1, args.scheduler,
                                keep_kernels=args.keep_kernels)
    try:  # the data are read once (or not at all when unchanged): for the planner and the fingerprints
        from fai.batch import run as batch

        templates = cached_templates(args.templates_dir, tables.cache)
        facts = None if sources else tables.facts()
        tasks = batch.plan(sources, templates=templates, only=only, only_regions=args.region, facts=facts)
        if args.only_failed:
            tasks = batch.only_failed(tasks, previous, out)
        tasks = batch.order_by_previous(tasks, previous)
    except BaseException:
        if isinstance(workers, Workers):
            workers.interrupt()
            workers.close()
        raise
    if not tasks:
        if isinstance(workers, Workers):
            workers.close()
        print("nothing to run")
        return 0

    progress = _Progress(len(tasks))
    try:
        outcome = batch.run(tasks, out, templates=templates, workers=workers, timeout=args.timeout,
                            scheduler=args.scheduler, kernel_name=args.kernel,
                            fresh_kernels=args.fresh_kernels, previous=previous, progress=progress,
                            folder=folder, pdf=args.pdf, force=args.force, tables=tables)
    finally:
        progress.close()
    c = outcome.counts
    state = "interrupted — " if outcome.interrupted else ("stopped — " if outcome.stopped else "")
    extra = "".join(f", {c[s.value]} {s.value}" for s in (JobStatus.NOT_RUN, JobStatus.UP_TO_DATE)
                    if c.get(s.value))
    print(f"{state}{len(outcome.entries)} notebooks in {outcome.seconds:.1f} s: {c['succeeded']} succeeded, "
          f"{c['skipped']} skipped, {c['failed']} failed{extra} → {out / batch.INDEX}")
    for entry in outcome.entries:
        if entry.status is JobStatus.FAILED and entry.error:
            print(f"  failed {entry.region_slug}/{entry.template}: {entry.error.line()}", file=sys.stderr)
    for problem in outcome.pdf_problems:
        print(f"  no PDF: {problem}", file=sys.stderr)
    if outcome.stopped is not None:
        print(f"fai run: {outcome.stopped}", file=sys.stderr)
    return outcome.exit_code


@contextlib.contextmanager
def chart_store(out: Path, force: bool) -> Iterator[Path]:
    """Give this run's kernels (through the environment they inherit, for the run only) the
    folder of stored charts, ``<out>/.fai-charts/<version>``
    (:mod:`fai.presentation.stored_charts`): a chart drawn from the same rows in an earlier
    run of this fai is read, not drawn. Other versions' charts are removed, and the least
    recently used beyond :data:`STORED_CHARTS`; ``--force`` draws every chart again."""
    from fai.batch.fingerprint import code_digest
    from fai.presentation.stored_charts import STORE_ENV, prune

    root, version = out / CHART_STORE, code_digest()
    prune(root, version, 0 if force else STORED_CHARTS)
    before = os.environ.get(STORE_ENV)
    os.environ[STORE_ENV] = str((root / version).absolute())
    try:
        yield root / version
    finally:
        if before is None:
            os.environ.pop(STORE_ENV, None)
        else:
            os.environ[STORE_ENV] = before


class _Progress:
    """One tqdm bar on a terminal; one line per notebook otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="nb", desc="fai run", dynamic_ncols=True)

    def __call__(self, done: int, total: int, task: Any, entry: ReportEntry) -> None:
        label = f"{task.region_slug}/{task.template}"
        seconds = entry.seconds if entry.status is not JobStatus.UP_TO_DATE else None
        secs = f"{seconds:6.1f} s" if isinstance(seconds, (int, float)) else "      -"
        if self.bar is not None:
            self.bar.set_postfix_str(f"{task.region_name} {task.template}: {entry.status}", refresh=False)
            self.bar.update(1)
        else:
            width = len(str(total))
            print(f"[{done:>{width}}/{total}] {entry.status.value:<9} {secs}  {label}", flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
