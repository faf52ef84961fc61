"""`python -m analysis report`: validate, build, run every notebook, publish a browsable report.

A run is assembled in `reports/.partial-<run-id>/` and only renamed to
`reports/<run-id>/` when every notebook succeeded; `reports/latest` then
points to it. A run with a failed notebook is kept as `reports/<run-id>-failed/`
for inspection and `latest` is left alone. An interrupted run (SIGINT or
SIGTERM) is removed, with its kernels, and the next run works.

Exit codes:
    0    the report was published
    1    a notebook failed, timed out or lost its kernel (named on stderr)
    2    the curated data is invalid (nothing was written)
    3    bad usage: unknown parameter, wrong type, bad run id
    130  interrupted by SIGINT; 143 by SIGTERM
"""

import contextlib
import hashlib
import json
import multiprocessing
import multiprocessing.util
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from analysis import config
from analysis.report import execute, params

# Only what the worker processes need is imported before they are forked (papermill,
# via execute). pandas, pandera, IPython and matplotlib are imported afterwards, by
# the functions below, while the workers start and warm up their kernels.

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_USAGE = 0, 1, 2, 3
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}
RUN_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
VERSIONED = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "pandera",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
)
KEY_KINDS = ("per_day", "share_of_whole", "sum")


class Interrupted(Exception):
    """Raised in the main process when SIGINT or SIGTERM arrives."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


@dataclass
class Options:
    """What a report run was asked to do."""

    parameters: dict = field(default_factory=dict)
    jobs: int = os.cpu_count() or 1
    timeout: int = 600
    quiet: bool = False
    show_code: bool = False
    run_id: str | None = None


@dataclass
class Task:
    """One notebook to execute, in a worker process."""

    name: str
    source: Path
    executed: Path
    page: Path
    parameters: dict
    timeout: int
    show_code: bool
    runtime_dir: Path


# ---------------------------------------------------------------- worker side


def _on_term(signum, frame):
    """Exit now, with this worker's kernel (its child process).

    Raising SystemExit is not enough: ProcessPoolExecutor catches any exception of a
    task, SystemExit included, and the worker would wait for the next task until the
    main process kills it 10 s later.
    """
    import psutil

    for child in psutil.Process().children(recursive=True):
        try:
            child.kill()
        except psutil.Error:
            continue
    os._exit(EXIT_SIGNAL[signal.SIGTERM])


def _on_alarm(signum, frame):
    raise TimeoutError("notebook timeout")


def _describe(err: BaseException, timeout: int) -> tuple[str, str]:
    """(status, message) for a notebook that did not finish."""
    name = type(err).__name__
    if isinstance(err, TimeoutError) or name in ("CellTimeoutError",):
        return "timed out", f"no result within {timeout} s (kernel hung or too slow)"
    if name == "DeadKernelError":
        return "kernel died", str(err).strip().splitlines()[0] if str(err).strip() else name
    if name == "PapermillExecutionError":
        return "failed", f"cell {err.exec_count}: {err.ename}: {err.evalue}"
    return "failed", f"{name}: {err}"


def export_html(executed: Path, page: Path, show_code: bool) -> None:
    """The executed notebook as a self-contained page (no script from any network)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(config.TEMPLATES_DIR)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # nbconvert's sanitizer escapes whole markdown cells into visible tags; our HTML
        # outputs are pandas tables, which escape every cell's text themselves (a test
        # puts <script> in a curated quote and checks the page in a real browser)
        sanitize_html=False,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    page.write_text(body, encoding="utf-8")


_KERNEL: execute.WarmKernel | None = None


def init_worker(runtime_dir: Path, log_dir: Path) -> None:
    """Pool initializer: signals, logging, and a warm kernel for this worker's notebooks."""
    global _KERNEL
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process coordinates interrupts
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGALRM, _on_alarm)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime_dir)
    # jupyter_client writes a kernel's connection file with tempfile.mkstemp, not in the
    # runtime dir; keep it there so that kill_kernels finds this run's kernels by path
    tempfile.tempdir = str(runtime_dir)
    # the kernel and papermill write to stderr; keep that in the run's log, not on the terminal
    log = os.open(log_dir / f"worker-{os.getpid()}.log", os.O_WRONLY | os.O_CREAT, 0o644)
    os.dup2(log, 2)
    os.close(log)
    _KERNEL = execute.WarmKernel(runtime_dir)
    multiprocessing.util.Finalize(None, _KERNEL.stop, exitpriority=10)
    try:
        _KERNEL.start()
    except Exception as err:  # noqa: BLE001 - the first notebook retries and reports it
        print(f"warm-up failed: {type(err).__name__}: {err}", file=sys.stderr)
        _KERNEL.stop()


def run_task(task: Task) -> dict:
    """Execute one notebook and export its page; never raises (the result says what happened)."""
    kernel = _KERNEL or execute.WarmKernel(task.runtime_dir)
    started = time.perf_counter()
    status, message = "ok", ""
    signal.alarm(task.timeout)
    try:
        kernel.run(task.source, task.executed, task.parameters, task.timeout)
    except Exception as err:  # noqa: BLE001 - every failure is reported by name, not raised
        status, message = _describe(err, task.timeout)
    finally:
        signal.alarm(0)
    seconds = time.perf_counter() - started
    page_ok = False
    if task.executed.exists():
        try:
            export_html(task.executed, task.page, task.show_code)
            page_ok = True
        except Exception as err:  # noqa: BLE001
            if status == "ok":
                status, message = "failed", f"HTML export: {type(err).__name__}: {err}"
    return {
        "name": task.name,
        "status": status,
        "error": message,
        "seconds": round(seconds, 1),
        "page": page_ok,
    }


# ---------------------------------------------------------------- main side


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"


def check_run_id(run_id: str, reports: Path) -> Path:
    """The run's final folder; refuses ids that could escape the reports folder."""
    if not RUN_ID_RE.fullmatch(run_id) or run_id in ("latest",) or ".." in run_id:
        raise params.ParameterError(
            f"run id {run_id!r} must be letters, digits, '.', '_' or '-' (not 'latest')"
        )
    final = (reports / run_id).resolve()
    if final.parent != reports.resolve():
        raise params.ParameterError(f"run id {run_id!r} points outside {reports}")
    if final.exists() or (reports / f"{run_id}-failed").exists():
        raise params.ParameterError(f"a report {run_id!r} already exists")
    return final


def inside(path: Path, root: Path) -> Path:
    """`path`, after checking it resolves inside `root` (no escaping the report)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write {path}: outside {root}")
    return path


def neutralise(cell: str) -> str:
    """A CSV cell that a spreadsheet would run as a formula, made inert with a leading '."""
    if cell.startswith(FORMULA_START) and not NUMBER_RE.fullmatch(cell):
        return "'" + cell
    return cell


def safe_csv_text(frame) -> str:
    """CSV text with the project's formatting and no cell that starts a formula."""
    import pandas as pd

    from analysis.derived import build

    text = build.to_csv_text(frame)
    table = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)
    return table.map(neutralise).to_csv(index=False, lineterminator="\n")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files() -> list[Path]:
    """Everything a report is computed from."""
    files = [p for p in sorted(config.RAW_DIR.rglob("*")) if p.is_file()]
    return files + execute.notebook_paths() + [config.DICTIONARY_PATH]


def _label(path: Path) -> str:
    for base in (config.ROOT, config.PACKAGE_DIR.parent):
        if path.resolve().is_relative_to(base.resolve()):
            return str(path.resolve().relative_to(base.resolve()))
    return path.name


def key_figures(tables) -> list[dict]:
    """Rows for the index page: the derived figures with their sources."""
    if not tables.rates["kind"].isin(KEY_KINDS).any():
        return []  # e.g. as_of before any article: the index then says there are none
    from analysis.present.tables import rates_table

    frame = rates_table(tables.rates, KEY_KINDS)
    return [
        {
            "what": r.what,
            "best": r.best,
            "interval": r.interval,
            "unit": r.unit,
            "inputs": r.inputs,
            "source": r.source,
        }
        for r in frame.itertuples(index=False)
    ]


def write_tables(tables, folder: Path) -> list[str]:
    """The run's tables as CSV, formulas neutralised; returns their relative paths."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = {
        "claims_resolved.csv": tables.claims,
        "estimates.csv": tables.estimates,
        "conflicts.csv": tables.conflicts,
        "series.csv": tables.series,
        "rates.csv": tables.rates,
        "displacement.csv": tables.displacement,
        "timeline.csv": tables.timeline,
    }
    for name, frame in frames.items():
        inside(folder / name, folder).write_text(safe_csv_text(frame), encoding="utf-8")
    return [f"tables/{name}" for name in frames]


def render_index(run_dir: Path, context: dict) -> None:
    """index.html from its template; every string is escaped by the template engine."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template("index.html.j2").render(**context)
    inside(run_dir / "index.html", run_dir).write_text(page, encoding="utf-8")


def write_manifest(run_dir: Path, record: dict) -> None:
    """manifest.json: sha256 of every input and every output file of the run."""
    outputs = {
        str(p.relative_to(run_dir)): sha256(p)
        for p in sorted(run_dir.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and ".runtime" not in p.parts
    }
    manifest = {**record, "outputs": outputs}
    (run_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def kill_kernels(runtime_dir: Path) -> int:
    """Kill any kernel process started for this run (found by its connection-file path)."""
    import psutil

    killed = 0
    marker = str(runtime_dir)
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if any(marker in part for part in proc.info["cmdline"] or []):
                proc.kill()
                killed += 1
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return killed


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    procs = list(getattr(pool, "_processes", {}).values())
    for proc in procs:
        if proc.is_alive():
            proc.terminate()  # SIGTERM: the worker kills its kernel and exits (_on_term)
    deadline = time.monotonic() + 10
    for proc in procs:
        proc.join(timeout=max(0.1, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _abandon(pool: ProcessPoolExecutor | None, partial: Path) -> None:
    """Stop the workers and their kernels and remove every trace of the run."""
    if pool is not None:
        _stop_workers(pool)
    kill_kernels(partial / ".runtime")
    shutil.rmtree(partial, ignore_errors=True)
    with contextlib.suppress(OSError):
        partial.parent.rmdir()  # the reports folder, only if this run left it empty


def publish(partial: Path, final: Path, reports: Path) -> None:
    """Move the finished run into place and point `latest` at it, atomically."""
    partial.rename(final)
    link = reports / "latest"
    tmp = reports / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(final.name)
    os.replace(tmp, link)


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


def start_pool(jobs: int, runtime: Path, logs: Path) -> ProcessPoolExecutor:
    """Worker processes, each warming a kernel while the main process validates and builds.

    A pool forks its workers at the first submission; a no-op is submitted at once so
    that kernel start-up overlaps with validation instead of following it.
    """
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs),
        mp_context=multiprocessing.get_context("fork"),
        initializer=init_worker,
        initargs=(runtime, logs),
    )
    pool.submit(os.getpid)
    return pool


def _execute_all(pool: ProcessPoolExecutor, tasks: list[Task], quiet: bool) -> list[dict]:
    results = []
    futures = {pool.submit(run_task, t): t for t in tasks}
    with _progress(len(tasks), quiet) as bar:
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            bar.set_postfix_str(f"{result['name']}: {result['status']}")
            bar.update()
    return sorted(results, key=lambda r: r["name"])


def run(options: Options) -> int:
    """The whole report run; returns the exit code."""
    reports = config.REPORTS_DIR
    notebooks = execute.notebook_paths()
    try:
        per_notebook = params.check(options.parameters, notebooks)
        run_id = options.run_id or new_run_id()
        final = check_run_id(run_id, reports)
    except params.ParameterError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE

    from analysis.curation.problems import InvalidData

    reports.mkdir(parents=True, exist_ok=True)
    partial = reports / f".partial-{run_id}"
    runtime = partial / ".runtime"
    previous = {s: signal.signal(s, _raise_interrupted) for s in EXIT_SIGNAL}
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    pool = None
    try:
        for sub in ("notebooks", "charts", "tables", "logs", ".runtime"):
            (partial / sub).mkdir(parents=True)
        pool = start_pool(min(options.jobs, len(notebooks)), runtime, partial / "logs")
        try:
            run_params = {
                k: v
                for k, v in options.parameters.items()
                if k in ("tolerance", "include_unverified", "articles", "as_of")
            }
            from analysis.derived import build, datasets, intervals

            tables = datasets.load(**run_params)
            unknown = sorted(
                set(run_params.get("articles") or [])
                - set(tables.corpus.frame("articles")["article_id"])
            )
            if unknown:
                raise params.ParameterError(f"parameter articles: unknown article id(s) {unknown}")
            # data/processed always holds the default tables; the memo has them validated
            _, processed = datasets.validated_tables(intervals.DEFAULT_TOLERANCE)
            build.write_processed(processed)  # only once the run's parameters are good
        except params.ParameterError as err:
            _abandon(pool, partial)
            print(f"error: {err}", file=sys.stderr)
            return EXIT_USAGE
        except InvalidData as err:
            _abandon(pool, partial)
            for problem in err.problems:
                print(problem, file=sys.stderr)
            print(
                f"invalid data: {len(err.problems)} problem(s); nothing was written",
                file=sys.stderr,
            )
            return EXIT_INVALID
        tasks = [
            Task(
                p.stem,
                p,
                partial / "notebooks" / p.name,
                partial / f"{p.stem}.html",
                {**per_notebook[p], "output_dir": str(partial / "charts")},
                options.timeout,
                options.show_code,
                runtime,
            )
            for p in notebooks
        ]
        results = _execute_all(pool, tasks, options.quiet)
        pool.shutdown(wait=True)
        kill_kernels(runtime)
        shutil.rmtree(runtime, ignore_errors=True)
        failed = [r for r in results if r["status"] != "ok"]
        status = "failed" if failed else "ok"
        table_paths = write_tables(tables, partial / "tables")
        seconds = round(time.perf_counter() - t0, 1)
        record = {
            "run_id": run_id,
            "status": status,
            "started": started.isoformat(timespec="seconds"),
            "seconds": seconds,
            "parameters": options.parameters,
            "versions": {
                "python": sys.version.split()[0],
                **{n: metadata.version(n) for n in VERSIONED},
            },
            "notebooks": results,
            "inputs": {_label(p): sha256(p) for p in input_files()},
        }
        charts = sorted(p.stem for p in (partial / "charts").glob("*.png"))
        render_index(
            partial,
            {
                "run_id": run_id,
                "started": record["started"],
                "status": status,
                "seconds": seconds,
                "parameters": json.dumps(options.parameters, sort_keys=True),
                "key_figures": key_figures(tables),
                "charts": [
                    {"name": c, "png": f"charts/{c}.png", "svg": f"charts/{c}.svg"} for c in charts
                ],
                "notebooks": [
                    {
                        **r,
                        "status_class": "ok" if r["status"] == "ok" else "failed",
                        "html": f"{r['name']}.html" if r["page"] else "",
                        "ipynb": f"notebooks/{r['name']}.ipynb",
                    }
                    for r in results
                ],
                "tables": table_paths,
                "versions": sorted(record["versions"].items()),
                "inputs": sorted(record["inputs"].items()),
            },
        )
        write_manifest(partial, record)
    except Interrupted as sig:
        _abandon(pool, partial)
        print(f"interrupted ({sig}): no report was published", file=sys.stderr)
        return EXIT_SIGNAL[sig.signum]
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)

    if failed:
        kept = reports / f"{run_id}-failed"
        partial.rename(kept)
        for r in failed:
            print(f"notebook {r['name']}: {r['status']}: {r['error']}", file=sys.stderr)
        print(
            f"report failed: kept for inspection in {_label(kept)}; reports/latest is unchanged",
            file=sys.stderr,
        )
        return EXIT_FAILED
    publish(partial, final, reports)
    if not options.quiet:
        print(f"report published: {_label(final)}/index.html ({seconds} s)")
    return EXIT_OK
