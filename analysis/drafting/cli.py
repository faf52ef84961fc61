"""`python -m analysis draft`: draft an article, accept a reviewed draft, or evaluate the drafter.

    python -m analysis draft ARTICLE.txt [--article-id ID]
                             [--published-earliest DATE] [--published-latest DATE]
    python -m analysis draft --accept data/drafts/ID
    python -m analysis draft --evaluate [--root PATH] [--articles ID,ID]

Exit codes: 0 done; 2 invalid data (every problem printed as
`file:line: column: problem (hint)`, nothing written); 3 bad usage (one line).
"""

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from analysis import config
from analysis.curation.problems import InvalidData
from analysis.drafting import accept, draft, evaluate, subjects, verdict, writer
from analysis.language.dates import DateInterval

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 2, 3


class UsageError(Exception):
    """A mistake on the command line: one line, exit 3."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m analysis draft", description=__doc__,
                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("article", nargs="?", help="the article text (UTF-8) to draft")
    p.add_argument("--article-id", help="id of the new article (default: the next free aNNN)")
    p.add_argument("--published-earliest", help="earliest publication date, YYYY-MM-DD")
    p.add_argument("--published-latest", help="latest publication date, YYYY-MM-DD")
    p.add_argument("--accept", metavar="DRAFT_DIR", help="append a reviewed draft to data/raw")
    p.add_argument("--evaluate", action="store_true", help="draft curated articles and compare")
    p.add_argument("--root", help="project tree to evaluate (default: this project)")
    p.add_argument("--articles", help="comma-separated article ids to evaluate (default: all)")
    return p


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option}: not a date: {text!r} (write YYYY-MM-DD)") from None


def published(args) -> DateInterval | None:
    """The publication interval from the options (one of them alone is both ends)."""
    first = _date(args.published_earliest, "--published-earliest")
    last = _date(args.published_latest, "--published-latest")
    if first is None and last is None:
        return None
    first, last = first or last, last or first
    if last < first:
        raise UsageError("--published-latest is before --published-earliest")
    return DateInterval(first, last, "day" if first == last else "interval")


def next_article_id(root: Path) -> str:
    """The next free id of the form aNNN."""
    numbers = [
        int(m[1])
        for r in verdict.live_rows(root, "articles")
        if (m := re.fullmatch(r"a(\d+)", r.get("article_id", "")))
    ]
    return f"a{max(numbers, default=0) + 1:03d}"


def known_subjects(root: Path) -> list[subjects.Subject]:
    return [
        subjects.Subject(r["subject_id"], r.get("label", ""), r.get("description", ""))
        for r in verdict.live_rows(root, "subjects")
        if r.get("subject_id")
    ]


def cmd_draft(args) -> int:
    path = Path(args.article)
    if not path.is_file():
        raise UsageError(f"no such file: {args.article}")
    try:
        body = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{args.article} is not UTF-8 text: re-save it as UTF-8") from None
    root = config.ROOT
    article_id = args.article_id or next_article_id(root)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", article_id):
        raise UsageError(f"--article-id {article_id!r}: use lower-case letters, digits, _ . -")
    folder = root / "data" / "drafts" / article_id
    d = draft.draft_text(body, article_id, published(args), known_subjects(root))
    try:
        writer.write(d, folder)
    except writer.DraftExists:
        raise UsageError(
            f"{_shown(folder)} exists: review or remove it, or give another --article-id"
        ) from None
    print(
        f"wrote {_shown(folder)}/: {len(d.claims)} claims, {len(d.events)} events, "
        f"{len(d.exclusions)} exclusions, {len(d.subjects)} new subjects"
    )
    uncertain = sum(r.confidence != "high" for r in d.rows())
    print(f"{uncertain} row(s) with a guess of medium or low confidence (see each row's notes)")
    rows, texts = writer.read(folder)
    problems = verdict.check(rows, texts, _shown(folder), root)
    for problem in problems:
        print(f"  {problem}")
    print("validator: the draft is valid" if not problems else
          f"validator: {len(problems)} problem(s) to fix in the draft before --accept")  # fmt: skip
    return EXIT_OK


def cmd_accept(args) -> int:
    folder = Path(args.accept)
    if not (folder / "articles.csv").is_file():
        raise UsageError(f"not a draft folder (no articles.csv): {args.accept}")
    try:
        added = accept.accept(folder)
    except InvalidData as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(
            f"invalid draft: {len(err.problems)} problem(s); nothing was written", file=sys.stderr
        )
        return EXIT_INVALID
    counts = ", ".join(f"{n} {name}" for name, n in added.items())
    print(f"appended to data/raw: {counts}")
    return EXIT_OK


def cmd_evaluate(args) -> int:
    root = Path(args.root) if args.root else config.ROOT
    if not (root / "data" / "raw" / "articles.csv").is_file():
        raise UsageError(f"not a project tree (no data/raw/articles.csv): {root}")
    wanted = [a.strip() for a in args.articles.split(",")] if args.articles else None
    try:
        result = evaluate.evaluate(root, wanted)
    except InvalidData as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"invalid data: {len(err.problems)} problem(s)", file=sys.stderr)
        return EXIT_INVALID
    print(evaluate.format_result(result))
    return EXIT_OK


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.ROOT.resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    """Run the draft command; usage errors exit 3 with one line."""
    try:
        args = parser().parse_args(argv)
        modes = sum([bool(args.article), bool(args.accept), args.evaluate])
        if modes != 1:
            raise UsageError("give exactly one of: ARTICLE.txt, --accept DRAFT_DIR, --evaluate")
        if (args.root or args.articles) and not args.evaluate:
            raise UsageError("--root and --articles go with --evaluate")
        if args.evaluate:
            return cmd_evaluate(args)
        if args.accept:
            return cmd_accept(args)
        return cmd_draft(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
