"""`python -m analysis report`: validate, build, run every notebook, publish a browsable report.

A run is assembled in `reports/.partial-<run-id>/` and only renamed to
`reports/<run-id>/` when every notebook succeeded; `reports/latest` then
points to it. A run with a failed notebook is kept as `reports/<run-id>-failed/`
for inspection and `latest` is left alone. An interrupted run (SIGINT or
SIGTERM) is removed, with its kernels, and the next run works; a run killed
outright (kill -9, the OOM killer) takes its workers and kernels with it, and
the next run removes its folder. One run at a time per checkout; a run whose
inputs are those of the published run reuses it.

Order of work, for speed: every flag and parameter is checked first (nothing
is started for a refused run); then the workers are forked, before pandas is
imported, and warm their kernels while this process validates and builds
once; the kernels load what it built; while they run the notebooks, this
process writes the tables and the index's key figures.

Exit codes:
    0    the report was published, or reused (nothing changed)
    1    a notebook failed, timed out, exited early, or lost its kernel or worker
    2    the curated data is invalid (nothing was written)
    3    bad usage: unknown parameter, wrong type or range, bad run id
    4    another build or report is running in this checkout
    5    cannot write (disk full, read-only, permissions); nothing is left behind
    130  interrupted by SIGINT; 143 by SIGTERM
"""

import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from analysis import config
from analysis.derived import atomic
from analysis.report import execute, folders, params, reuse, worker

# Only the standard library, PyYAML and psutil are imported before the workers are forked;
# pandas, pandera, papermill and matplotlib come afterwards (see the module docstring).

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_USAGE, EXIT_BUSY, EXIT_CANNOT_WRITE = 0, 1, 2, 3, 4, 5
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}
TABLE_PARAMETERS = ("tolerance", "include_unverified", "articles", "as_of")


class Interrupted(Exception):
    """Raised in the main process when SIGINT or SIGTERM arrives."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


class CannotWrite(Exception):
    """The run cannot write its folder: (path, cause)."""

    def __init__(self, path: str, cause: str):
        self.path, self.cause = path, cause
        super().__init__(f"{path}: {cause}")


class Refused(Exception):
    """The run ends before publishing, with this exit code and these lines on stderr."""

    def __init__(self, code: int, *lines: str):
        self.code, self.lines = code, lines
        super().__init__("\n".join(lines))


@dataclass
class Options:
    """What a report run was asked to do."""

    parameters: dict = field(default_factory=dict)
    jobs: int = os.cpu_count() or 1
    timeout: int = 600
    quiet: bool = False
    show_code: bool = False
    run_id: str | None = None
    keep: int = 10
    wait: float = 0.0
    force: bool = False


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


def _say(options: Options, text: str) -> None:
    if not options.quiet:
        print(text, flush=True)


# ---------------------------------------------------------------- phases


def check(options: Options) -> tuple[dict, Path, str]:
    """Every check that needs no data: parameters per notebook, the run id, article ids."""
    notebooks = execute.notebook_paths()
    per_notebook = params.check(options.parameters, notebooks)
    params.check_articles_exist(options.parameters.get("articles"), config.RAW_DIR / "articles.csv")
    run_id = options.run_id or folders.new_run_id()
    try:
        final = folders.check_run_id(run_id, config.REPORTS_DIR)
    except folders.RunIdError as err:
        raise params.ParameterError(str(err)) from None
    return per_notebook, final, run_id


def start_pool(jobs: int, partial: Path, prebuilt: Path) -> ProcessPoolExecutor:
    """Worker processes, each warming a kernel while the main process validates and builds.

    A pool forks its workers at the first submission; a no-op is submitted at once so
    that kernel start-up overlaps with validation instead of following it.
    """
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs),
        mp_context=multiprocessing.get_context("fork"),
        initializer=worker.init_worker,
        initargs=(os.getpid(), partial / ".runtime", partial / "logs", prebuilt),
    )
    pool.submit(os.getpid)
    return pool


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """SIGTERM (the worker kills its kernel and exits), then SIGKILL after 3 s.

    A kernel also dies with its worker (lifeline), and `kill_kernels` follows.
    """
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    deadline = time.monotonic() + 3
    for proc in procs:
        proc.join(timeout=max(0.1, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _abandon(pool: ProcessPoolExecutor | None, partial: Path) -> None:
    """Stop the workers and their kernels and remove every trace of the run."""
    if pool is not None:
        _stop_workers(pool)
    folders.kill_kernels(partial)
    shutil.rmtree(partial, ignore_errors=True)
    with contextlib.suppress(OSError):
        partial.parent.rmdir()  # the reports folder, only if this run left it empty


def prepare_data(options: Options, prebuilt: Path):
    """Validate once, write data/processed, save the tables for the kernels; the run's tables."""
    from analysis.curation.problems import InvalidData
    from analysis.derived import build, datasets
    from analysis.derived.intervals import DEFAULT_TOLERANCE

    run_params = {k: v for k, v in options.parameters.items() if k in TABLE_PARAMETERS}
    tolerance = float(run_params.get("tolerance", DEFAULT_TOLERANCE))
    try:
        tables = datasets.load(**run_params)
    except InvalidData as err:
        lines = [str(p) for p in err.problems]
        lines.append(f"invalid data: {len(err.problems)} problem(s); nothing was written")
        raise Refused(EXIT_INVALID, *lines) from None
    # data/processed always holds the default tables; the memo has them validated
    _, processed = datasets.validated_tables(DEFAULT_TOLERANCE)
    atomic.checkpoint("validated")
    build.write_processed(processed)
    atomic.checkpoint("built")
    datasets.save_prebuilt(prebuilt, sorted({tolerance, DEFAULT_TOLERANCE}))
    return tables


def make_tasks(options: Options, per_notebook: dict, partial: Path) -> list[worker.Task]:
    """One task per notebook, the longest (in the published run) first."""
    seconds = reuse.previous_seconds(config.REPORTS_DIR)
    notebooks = sorted(per_notebook, key=lambda p: (-seconds.get(p.stem, float("inf")), p.name))
    return [
        worker.Task(
            p.stem,
            p,
            partial / "notebooks" / p.name,
            partial / f"{p.stem}.html",
            {**per_notebook[p], "output_dir": str(partial / "charts")},
            options.timeout,
            partial,
        )
        for p in notebooks
    ]


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc="notebooks",
        unit="nb",
        disable=quiet,
        file=sys.stderr,
        bar_format="{desc}: {n}/{total} |{bar}| {elapsed} {postfix}",
    )


def _page(task: worker.Task, result: dict, show_code: bool) -> dict:
    """The notebook's HTML page, made here while the workers run the next notebooks."""
    from analysis.report import outputs

    if not task.executed.exists() or result["status"] == "cannot write":
        return result
    try:
        outputs.export_html(task.executed, task.page, show_code)
    except OSError as err:
        return {**result, "status": "cannot write", "error": f"{err.filename}: {err.strerror}"}
    except Exception as err:  # noqa: BLE001 - named in the run's record, not raised
        if result["status"] == "ok":
            return {**result, "status": "failed", "error": f"HTML export: {err}"}
        return result
    return {**result, "page": True}


def execute_all(pool, tasks: list[worker.Task], options: Options, meanwhile) -> tuple[list, object]:
    """Run the tasks; `meanwhile()` runs here while they do. Results by name, and its value.

    A worker that dies (killed, out of memory) breaks the pool: every notebook not
    finished by then is reported as lost with its worker.
    """
    futures = {pool.submit(worker.run_task, t): t for t in tasks}
    side = meanwhile()
    results = []
    with _progress(len(tasks), options.quiet) as bar:
        for future in as_completed(futures):
            task = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                result = {
                    "name": task.name,
                    "status": "worker died",
                    "error": "its worker process was killed (by a signal or out of memory)",
                    "seconds": 0.0,
                    "page": False,
                }
            result = _page(task, result, options.show_code)
            results.append(result)
            bar.set_postfix_str(f"{result['name']}: {result['status']}")
            bar.update()
    return sorted(results, key=lambda r: r["name"]), side


def _cannot_write(results: list[dict]) -> CannotWrite | None:
    for r in results:
        if r["status"] == "cannot write":
            path, _, cause = r["error"].rpartition(": ")
            return CannotWrite(path, cause)
    return None


def write_index(partial: Path, record: dict, tables_written: list[str], figures: list) -> None:
    """The index page, once every notebook has ended."""
    from analysis.report import outputs

    outputs.render_index(
        partial,
        {
            "run_id": record["run_id"],
            "started": record["started"],
            "status": record["status"],
            "seconds": record["seconds"],
            "parameters": json.dumps(record["parameters"], sort_keys=True),
            "key_figures": figures,
            "charts": outputs.chart_files(partial / "charts"),
            "notebooks": [
                {
                    **r,
                    "status_class": "ok" if r["status"] == "ok" else "failed",
                    "html": f"{r['name']}.html" if r["page"] else "",
                    "ipynb": f"notebooks/{r['name']}.ipynb",
                }
                for r in record["notebooks"]
            ],
            "tables": tables_written,
            "versions": sorted(record["versions"].items()),
            "inputs": sorted(record["inputs"].items()),
        },
    )


# ---------------------------------------------------------------- the run


def run(options: Options) -> int:
    """The whole report run; returns the exit code."""
    previous = {s: signal.signal(s, _raise_interrupted) for s in EXIT_SIGNAL}
    try:
        return _run(options)
    except Refused as refused:
        for line in refused.lines:
            print(line, file=sys.stderr)
        return refused.code
    except Interrupted as sig:  # before anything was started
        print(f"interrupted ({sig}): no report was published", file=sys.stderr)
        return EXIT_SIGNAL[sig.signum]
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _reused(options: Options, key: dict, started: float) -> bool:
    """Whether the published run has this key (then say so in one line)."""
    if options.force or options.run_id:
        return False
    match = reuse.published_match(config.REPORTS_DIR, key)
    if match is None:
        return False
    seconds = time.perf_counter() - started
    print(
        f"report unchanged: data, notebooks, parameters, code and versions are those of run "
        f"{match}; reports/latest/index.html reused ({seconds:.2f} s; --force runs it again)",
        flush=True,
    )
    return True


def _run(options: Options) -> int:
    t0 = time.perf_counter()
    try:
        per_notebook, final, run_id = check(options)
    except params.ParameterError as err:
        raise Refused(EXIT_USAGE, f"error: {err}") from None
    try:
        key = reuse.run_key(options.parameters, options.show_code)
    except OSError as err:
        raise Refused(EXIT_INVALID, f"error: cannot read {err.filename}: {err.strerror}") from None
    if _reused(options, key, t0):
        return EXIT_OK
    try:
        with atomic.checkout_lock(wait=options.wait):
            if options.wait and _reused(options, key, t0):  # the run we waited for has it
                return EXIT_OK
            return Run(options, per_notebook, final, run_id, key, t0).locked()
    except atomic.Busy as err:
        raise Refused(
            EXIT_BUSY,
            f"error: {err}; this run did nothing (waited {options.wait:g} s; --wait SECONDS)",
        ) from None
    except OSError as err:  # the lock itself: the project folder is missing or unreadable
        raise Refused(
            EXIT_CANNOT_WRITE, f"error: cannot lock {err.filename}: {err.strerror}"
        ) from None


@dataclass
class Run:
    """One run past its checks, holding the checkout lock."""

    options: Options
    per_notebook: dict
    final: Path
    run_id: str
    key: dict
    t0: float
    pool: ProcessPoolExecutor | None = None

    @property
    def partial(self) -> Path:
        return config.REPORTS_DIR / f".partial-{self.run_id}"

    def locked(self) -> int:
        """Reap, start, work, conclude; every way out leaves no partial folder behind."""
        try:
            try:
                record = self.work()
            except OSError as err:
                path, cause = err.filename or str(self.partial), err.strerror or str(err)
                raise CannotWrite(path, cause) from None
        except Interrupted as sig:
            _abandon(self.pool, self.partial)
            print(f"interrupted ({sig}): no report was published", file=sys.stderr)
            return EXIT_SIGNAL[sig.signum]
        except CannotWrite as err:
            _abandon(self.pool, self.partial)
            print(
                f"error: cannot write {err.path}: {err.cause}; the run was removed and "
                "reports/latest is unchanged",
                file=sys.stderr,
            )
            return EXIT_CANNOT_WRITE
        except Refused:
            _abandon(self.pool, self.partial)
            raise
        return self.conclude(record)

    def start(self) -> Path:
        """Remove what dead runs left, make the partial folder, fork the workers."""
        reports, partial = config.REPORTS_DIR, self.partial
        latest = reports / "latest"
        if latest.exists() and not latest.is_symlink():
            raise CannotWrite(str(latest), "a file or folder is in the way of the link (move it)")
        folders.reap(reports)
        atomic.reap(config.PROCESSED_DIR)
        reports.mkdir(parents=True, exist_ok=True)
        for sub in ("notebooks", "charts", "tables", "logs", ".runtime"):
            (partial / sub).mkdir(parents=True)
        folders.write_owner(partial)
        atomic.checkpoint("started")
        prebuilt = partial / ".runtime" / "tables.pickle"
        self.pool = start_pool(
            min(self.options.jobs, len(self.per_notebook) or 1), partial, prebuilt
        )
        folders.write_owner(partial, list(self.pool._processes))
        return prebuilt

    def work(self) -> dict:
        """Validate, build, run the notebooks and write the run's files; the run's record."""
        options, partial = self.options, self.partial
        started = datetime.now(UTC)
        prebuilt = self.start()
        tables = prepare_data(options, prebuilt)

        def meanwhile():
            from analysis.report import outputs

            written = outputs.write_tables(outputs.table_texts(tables), partial / "tables")
            figures = outputs.key_figures(tables)
            outputs.warm_exporter(options.show_code)  # before the first notebook ends
            return written, figures, reuse.versions()

        tasks = make_tasks(options, self.per_notebook, partial)
        results, side = execute_all(self.pool, tasks, options, meanwhile)
        tables_written, figures, versions = side
        atomic.checkpoint("notebooks-done")
        self.pool.shutdown(wait=True)
        folders.kill_kernels(partial / ".runtime")
        shutil.rmtree(partial / ".runtime", ignore_errors=True)
        cannot = _cannot_write(results)
        if cannot is not None:
            raise cannot
        record = {
            "run_id": self.run_id,
            "status": "failed" if any(r["status"] != "ok" for r in results) else "ok",
            "started": started.isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - self.t0, 1),
            "parameters": options.parameters,
            "versions": versions,
            "notebooks": results,
            "inputs": self.key["inputs"],
            "key": self.key,
            "processed": reuse.processed_digests(),
        }
        write_index(partial, record, tables_written, figures)
        (partial / folders.OWNER).unlink(missing_ok=True)
        from analysis.report import outputs

        outputs.write_manifest(partial, record)
        atomic.checkpoint("finished")
        return record

    def conclude(self, record: dict) -> int:
        """Publish (or keep as failed), then prune old runs; the exit code."""
        reports, partial = config.REPORTS_DIR, self.partial
        failed = [r for r in record["notebooks"] if r["status"] != "ok"]
        kept = reports / f"{self.run_id}-failed"
        try:
            if failed:
                partial.rename(kept)
            else:
                folders.publish(partial, self.final, reports)
            folders.prune(reports, self.options.keep)
        except OSError as err:
            _abandon(None, partial)
            print(
                f"error: cannot write {err.filename or reports}: {err.strerror}; "
                "reports/latest is unchanged",
                file=sys.stderr,
            )
            return EXIT_CANNOT_WRITE
        if failed:
            for r in failed:
                print(f"notebook {r['name']}: {r['status']}: {r['error']}", file=sys.stderr)
            print(
                f"report failed: kept for inspection in {reuse.label(kept)}; "
                "reports/latest is unchanged",
                file=sys.stderr,
            )
            return EXIT_FAILED
        _say(
            self.options,
            f"report published: {reuse.label(self.final)}/index.html ({record['seconds']} s)",
        )
        return EXIT_OK
