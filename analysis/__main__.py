"""Command line: `python -m analysis {validate,audit,build,dictionary,...}`.

Exit codes: 0 success; 1 the audit found unaccounted mentions or a step failed;
2 the curated data is invalid (every problem is printed as
`file:line: column: problem (hint)`).
"""

import argparse
import sys

from analysis import audit, build, dictionary, intervals
from analysis.problems import InvalidData
from analysis.validate import validate

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def _print_invalid(err: InvalidData) -> None:
    for problem in err.problems:
        print(problem, file=sys.stderr)
    files = len({p.file for p in err.problems})
    print(
        f"invalid data: {len(err.problems)} problem(s) in {files} file(s); nothing was written",
        file=sys.stderr,
    )


def _validated():
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
    table = audit.audit(_validated())
    print(audit.format_report(table))
    return EXIT_OK if (table["accounted_by"] != "").all() else EXIT_FAILED


def cmd_build(args) -> int:
    try:
        tables = build.build(tolerance=args.tolerance)
    except InvalidData as err:
        _print_invalid(err)
        return EXIT_INVALID
    for name, frame in tables.items():
        print(f"wrote data/processed/{name}: {len(frame)} rows")
    return EXIT_OK


def cmd_notebooks(args) -> int:
    from analysis import execute  # papermill is slow to import; only this command needs it

    for path in execute.notebook_paths():
        print(f"executing {path.name}", flush=True)
        execute.refresh_in_place(path)
    return EXIT_OK


def cmd_dictionary(args) -> int:
    print(dictionary.render_markdown())
    return EXIT_OK


COMMANDS = {
    "validate": (cmd_validate, "check the curated data; exit 2 listing every problem"),
    "audit": (cmd_audit, "show what accounts for every numeric mention in the articles"),
    "build": (cmd_build, "validate, then write the processed tables to data/processed/"),
    "notebooks": (
        cmd_notebooks,
        "re-execute the notebooks in place (outputs are the nbval baseline)",
    ),
    "dictionary": (cmd_dictionary, "print the data dictionary as Markdown"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text)
        if name == "build":
            cmd.add_argument(
                "--tolerance",
                type=float,
                default=intervals.DEFAULT_TOLERANCE,
                help="relative tolerance for 'approximately' (default 0.10)",
            )
    args = parser.parse_args(argv)
    return COMMANDS[args.command][0](args)


if __name__ == "__main__":
    sys.exit(main())
