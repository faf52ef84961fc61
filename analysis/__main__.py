"""Command line: `python -m analysis {validate,audit,build,dictionary,...}`.

Exit codes: 0 success (for `report`: published, or reused when nothing
changed); 1 the audit found unaccounted mentions, or a notebook of the report
failed; 2 the curated data is invalid (every problem is printed as
`file:line: column: problem (hint)`, nothing is written); 3 bad usage (a flag
or parameter out of range, unknown or of the wrong type: one line, nothing is
started); 4 another build or report is running in this checkout (`--wait`
longer); 5 cannot write (disk full, read-only folder, permissions: the path
and the cause on one line; nothing half-written is left); 130/143 the report
was interrupted (SIGINT/SIGTERM).
"""

import argparse
import math
import os
import sys
from pathlib import Path

# Imports stay inside the commands: `report` forks its workers before pandas is
# imported, and `report` with nothing changed answers in a fraction of a second.

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_USAGE, EXIT_BUSY, EXIT_CANNOT_WRITE = 0, 1, 2, 3, 4, 5
DEFAULT_KEEP = 10
MAX_TIMEOUT = 86_400  # a day; also the limit of the worker's alarm clock
MAX_WAIT = 86_400


class Parser(argparse.ArgumentParser):
    """argparse with this project's exit code for bad usage (3, not argparse's 2) and one line."""

    def error(self, message: str):
        print(f"error: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _number(text: str, kind=float) -> float:
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def tolerance_value(text: str) -> float:
    value = _number(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 0 and less than 1 (e.g. 0.1)")
    return value


def jobs_value(text: str) -> int:
    value = _number(text, int)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def timeout_value(text: str) -> int:
    value = _number(text, int)
    if not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text} must be from 1 to {MAX_TIMEOUT:,} seconds")
    return value


def keep_value(text: str) -> int:
    value = _number(text, int)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1 (the published run)")
    return value


def wait_value(text: str) -> float:
    value = _number(text)
    if not 0 <= value <= MAX_WAIT:
        raise argparse.ArgumentTypeError(f"{text} must be from 0 to {MAX_WAIT:,} seconds")
    return value


def _cannot_write(err: OSError) -> int:
    """One line naming the path and the cause; the exit code of a run that cannot write."""
    where = err.filename or "the output folder"
    print(f"error: cannot write {where}: {err.strerror or err}", file=sys.stderr)
    return EXIT_CANNOT_WRITE


def _print_invalid(err) -> None:
    """Every problem of an InvalidData, then one summary line."""
    for problem in err.problems:
        print(problem, file=sys.stderr)
    files = len({p.file for p in err.problems})
    print(
        f"invalid data: {len(err.problems)} problem(s) in {files} file(s); nothing was written",
        file=sys.stderr,
    )


def _validated():
    from analysis.curation.problems import InvalidData
    from analysis.curation.validate import validate

    try:
        return validate()
    except InvalidData as err:
        _print_invalid(err)
        raise SystemExit(EXIT_INVALID) from None


def cmd_validate(args) -> int:
    corpus = _validated()
    counts = ", ".join(f"{len(t.frame)} {name}" for name, t in corpus.tables.items())
    print(f"valid: {counts}")
    return EXIT_OK


def cmd_audit(args) -> int:
    from analysis.curation import audit

    table = audit.audit(_validated())
    report = audit.format_report(table)
    if args.summary:  # only the coverage lines and any mention accounted for by nothing
        report = "\n".join(
            line for line in report.splitlines() if "accounted for" in line or "NOT" in line
        )
    print(report)
    return EXIT_OK if (table["accounted_by"] != "").all() else EXIT_FAILED


def cmd_build(args) -> int:
    from analysis.curation.problems import InvalidData
    from analysis.derived import atomic, build, intervals

    tolerance = intervals.DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance
    try:
        with atomic.checkout_lock(wait=args.wait):
            tables = build.build(tolerance=tolerance)
    except atomic.Busy as err:
        print(f"error: {err}; nothing was written (--wait SECONDS to wait)", file=sys.stderr)
        return EXIT_BUSY
    except InvalidData as err:
        _print_invalid(err)
        return EXIT_INVALID
    except OSError as err:
        return _cannot_write(err)
    for name, frame in tables.items():
        print(f"wrote data/processed/{name}: {len(frame)} rows")
    return EXIT_OK


def cmd_notebooks(args) -> int:
    from analysis import drafting
    from analysis.derived import atomic
    from analysis.report import execute  # papermill is slow to import; only this command needs it

    paths = execute.notebook_paths() + drafting.notebook_paths()
    if args.only:
        paths = [p for p in paths if p.name in args.only]
        if not paths:
            print(f"error: no notebook named {', '.join(args.only)}", file=sys.stderr)
            return EXIT_USAGE
    _validated()  # invalid data would fail every notebook: say why once (exit 2), run none
    try:
        with atomic.checkout_lock(wait=args.wait):
            failed = [path.name for path in paths if not _refresh_notebook(execute, path)]
    except atomic.Busy as err:
        print(f"error: {err}; no notebook was run (--wait SECONDS to wait)", file=sys.stderr)
        return EXIT_BUSY
    except OSError as err:
        return _cannot_write(err)
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _refresh_notebook(execute, path) -> bool:
    """Re-execute one notebook in place; on failure say where, keep the committed file."""
    print(f"executing {path.name}", flush=True)
    try:
        execute.refresh_in_place(path)
    except Exception as err:  # noqa: BLE001 - a failing cell is reported, not raised
        if isinstance(err, OSError) and not isinstance(err, TimeoutError):
            raise  # cannot write (exit 5); a cell past the timeout is the notebook's failure
        where = f"cell {err.exec_count}: " if getattr(err, "exec_count", None) else ""
        what = f"{err.ename}: {err.evalue}" if hasattr(err, "ename") else str(err)
        message = f"notebook {path.name}: failed: {where}{what}; the file is unchanged"
        print(message, file=sys.stderr)
        return False
    return True


def cmd_migrate(args) -> int:
    from analysis import config
    from analysis.curation import migrate
    from analysis.curation.problems import InvalidData

    try:
        changed = migrate.migrate()
    except InvalidData as err:
        _print_invalid(err)
        return EXIT_INVALID
    for path in changed:
        print(f"added the new optional columns to {path.relative_to(config.ROOT)}")
    if not changed:
        print("every file already has the current columns: nothing to migrate")
    return EXIT_OK


def cmd_baselines(args) -> int:
    from analysis import config
    from analysis.curation.problems import InvalidData
    from analysis.derived import atomic
    from analysis.report import baselines

    try:
        with atomic.checkout_lock(wait=args.wait):
            changed = baselines.refresh()
    except atomic.Busy as err:
        print(f"error: {err}; nothing was written (--wait SECONDS to wait)", file=sys.stderr)
        return EXIT_BUSY
    except InvalidData as err:
        _print_invalid(err)
        return EXIT_INVALID
    if not changed:
        print("every baseline was already current: nothing changed")
        return EXIT_OK
    print(f"{len(changed)} file(s) changed:")
    for path in changed:
        print(f"  {path.relative_to(config.ROOT)}")
    print("review them (git diff --stat; git diff), then commit them with the data")
    return EXIT_OK


def cmd_report(args) -> int:
    from analysis.report import params
    from analysis.report import run as report

    try:
        given = params.load_file(args.file) if args.file else {}
        for name, value in args.param or []:
            given[name] = params.parse_value(value)
    except params.ParameterError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    options = report.Options(
        parameters=given,
        jobs=args.jobs,
        timeout=args.timeout,
        quiet=args.quiet,
        show_code=args.show_code,
        run_id=args.run_id,
        keep=args.keep,
        wait=args.wait,
        force=args.force,
    )
    return report.run(options)


def cmd_dictionary(args) -> int:
    from analysis.curation import dictionary

    print(dictionary.render_markdown())
    return EXIT_OK


def _export_sqlite(output: str | None) -> int:
    from analysis.export import sqlite

    target = Path(output) if output else sqlite.default_path()
    sqlite.export(_validated(), target)
    print(f"wrote {target}")
    return EXIT_OK


def cmd_export(args) -> int:
    from analysis.export import datapackage

    if args.format == "sqlite":
        return _export_sqlite(args.output)
    if args.output:
        print(
            "error: the data package is written at the project root; no --output", file=sys.stderr
        )
        return EXIT_USAGE
    print(f"wrote {datapackage.write()}")
    return EXIT_OK


def cmd_browse(args) -> int:
    from analysis.export import browse, sqlite

    database = Path(args.output) if args.output else sqlite.default_path()
    if args.no_export:
        if not database.is_file():
            print(f"error: {database} not found; run without --no-export", file=sys.stderr)
            return EXIT_FAILED
    else:
        _export_sqlite(str(database))
    browse.write_metadata(database)
    command = browse.command(database, args.port)
    print(f"Datasette on http://{browse.HOST}:{args.port}/ (Ctrl-C stops it)", flush=True)
    os.execv(command[0], command)


def cmd_lab(args) -> int:
    from analysis import lab

    root = Path(args.root) if args.root else None
    command = lab.command(root, args.port, args.token, browser=not args.no_browser)
    sys.stdout.flush()
    os.execve(command[0], command, lab.environment())


COMMANDS = {
    "validate": (cmd_validate, "check the curated data; exit 2 listing every problem"),
    "audit": (cmd_audit, "show what accounts for every numeric mention in the articles"),
    "build": (cmd_build, "validate, then write the processed tables to data/processed/"),
    "notebooks": (
        cmd_notebooks,
        "re-execute the notebooks in place (outputs are the nbval baseline)",
    ),
    "report": (cmd_report, "validate, build, run every notebook and publish reports/<run-id>/"),
    "migrate": (
        cmd_migrate,
        "add the columns of the current schema to the headers of data/raw (validated first)",
    ),
    "baselines": (
        cmd_baselines,
        "refresh the live regression baselines (processed data, notebooks, README figures)",
    ),
    "dictionary": (cmd_dictionary, "print the data dictionary as Markdown"),
    "draft": (
        None,
        "draft an article's rows into data/drafts/; --accept, --evaluate (see draft -h)",
    ),
    "export": (
        cmd_export,
        "write datapackage.json (Frictionless) or the SQLite database (data/war-figures.sqlite)",
    ),
    "browse": (cmd_browse, "export the SQLite database and serve it with Datasette on 127.0.0.1"),
    "lab": (cmd_lab, "start JupyterLab on notebooks/ with the project's kernel"),
}


def _open_data_arguments(name: str, cmd: argparse.ArgumentParser) -> None:
    """Arguments of export, browse and lab."""
    if name == "export":
        cmd.add_argument("format", choices=["datapackage", "sqlite"])
    if name in ("export", "browse"):
        cmd.add_argument("--output", help="database path (default data/war-figures.sqlite)")
    if name == "browse":
        cmd.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default 8001)")
        cmd.add_argument("--no-export", action="store_true", help="serve the database as it is")
    if name == "lab":
        cmd.add_argument(
            "--port", type=int, help="port on 127.0.0.1 (default: a free one from 8888)"
        )
        cmd.add_argument("--token", help="access token (default: a new random one)")
        cmd.add_argument("--root", help="folder to serve (default notebooks/)")
        cmd.add_argument("--no-browser", action="store_true", help="do not open a browser")


REPORT_EPILOG = """\
behaviour:
  One run at a time per checkout: a second build or report waits up to --wait
  seconds for the first, then exits 4. Nothing changed since the published run
  (data/raw, notebooks, parameters, package code and templates, installed
  versions, as recorded in reports/latest/manifest.json): the run is reused in
  well under a second and says so (--force runs anyway). A run is assembled in
  reports/.partial-<run-id>/ and published as reports/<run-id>/ with
  reports/latest pointing at it; a failed one is kept as reports/<run-id>-failed/.
  After each run only the newest --keep runs (successful or failed) are kept;
  the one reports/latest points at is never removed. Each run first removes
  what killed runs left (partial folders, their kernels, temporary links,
  staging folders). Workers and kernels end with the run, however it ends.

exit codes:
  0    published, or reused (nothing changed)
  1    a notebook failed, timed out, exited early, or lost its kernel or worker
       (named on stderr; kept as reports/<run-id>-failed/, latest unchanged)
  2    the curated data is invalid (every problem listed; nothing written)
  3    bad usage: a flag or parameter unknown, of the wrong type or out of range
       (one line; nothing is started)
  4    another build or report holds this checkout (waited --wait seconds)
  5    cannot write (disk full, read-only, permissions): the path and the cause
       on one line; the partial run is removed and latest is unchanged
  130  interrupted by SIGINT; 143 by SIGTERM (nothing published, kernels stopped)
"""


def _add_report_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="notebook parameter (value read as YAML: 0.2, true, [a000], 2025-01-31)",
    )
    cmd.add_argument("-f", "--file", help="YAML file (UTF-8) of notebook parameters")
    cmd.add_argument(
        "--jobs",
        type=jobs_value,
        default=os.cpu_count() or 1,
        help="notebooks run at once, at least 1 (default: one per core)",
    )
    cmd.add_argument(
        "--timeout",
        type=timeout_value,
        default=600,
        help=f"seconds a notebook may take, 1 to {MAX_TIMEOUT:,} (default 600)",
    )
    cmd.add_argument("--quiet", action="store_true", help="no progress bar (schedules)")
    cmd.add_argument(
        "--show-code", action="store_true", help="include the code cells in the HTML pages"
    )
    cmd.add_argument("--run-id", help="name of the run folder (default: UTC time-pid); always runs")
    cmd.add_argument(
        "--keep",
        type=keep_value,
        default=DEFAULT_KEEP,
        help=f"runs kept in reports/ after this one, at least 1 (default {DEFAULT_KEEP})",
    )
    cmd.add_argument(
        "--force", action="store_true", help="run even when nothing changed since the last run"
    )


def _add_wait_argument(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--wait",
        type=wait_value,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another build or report in this checkout (default 0: exit 4)",
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["draft"]:  # its own parser: usage errors exit 3 with one line
        from analysis.drafting import cli

        return cli.main(argv[1:])
    parser = Parser(
        prog="python -m analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name, (_, help_text) in COMMANDS.items():
        if name == "report":
            cmd = sub.add_parser(
                name,
                help=help_text,
                description=help_text,
                epilog=REPORT_EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            _add_report_arguments(cmd)
            _add_wait_argument(cmd)
        else:
            cmd = sub.add_parser(name, help=help_text)
        if name == "notebooks":
            cmd.add_argument(
                "--only", nargs="+", metavar="NAME", help="only these notebooks (file names)"
            )
        if name in ("baselines", "notebooks"):
            _add_wait_argument(cmd)
        _open_data_arguments(name, cmd)
        if name == "audit":
            cmd.add_argument(
                "--summary",
                action="store_true",
                help="print only the coverage per article and any gap",
            )
        if name == "build":
            cmd.add_argument(
                "--tolerance",
                type=tolerance_value,
                default=None,
                help="relative tolerance for 'approximately', in [0, 1) (default 0.10)",
            )
            _add_wait_argument(cmd)
    args = parser.parse_args(argv)
    return COMMANDS[args.command][0](args)


if __name__ == "__main__":
    sys.exit(main())
