"""Accepting a reviewed draft: its rows are appended to data/raw, all or nothing.

The combined corpus (live data/raw plus the draft) is validated first; on any
problem nothing is written. Then every new file is written beside its target
and moved into place with os.replace; if a move fails, the files already
replaced are restored, so data/raw is never left half-updated. Existing lines
are kept byte for byte: new rows are appended in the order of each file's own
header.
"""

import csv
import io
import os
from pathlib import Path

from analysis import config
from analysis.curation import dictionary
from analysis.curation.problems import InvalidData, Problem
from analysis.drafting import verdict, writer


def _header(path: Path) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f), [])


def preflight(rows: dict, texts: dict[str, bytes], label: str, root: Path) -> list[Problem]:
    """What the validator cannot see: a draft without its article, a clash in data/raw."""
    problems = []
    if len(rows["articles"]) != 1:
        problems.append(
            Problem(f"{label}/articles.csv", 2, "", "a draft holds exactly one article")
        )
        return problems
    article = rows["articles"][0]
    text_file = article.get("text_file", "")
    if text_file not in texts:
        message = f"{text_file!r} is not in {label}/articles/"
        problems.append(Problem(f"{label}/articles.csv", 2, "text_file", message))
    target = root / "data" / "raw" / "articles" / text_file
    if text_file and target.is_file() and target.read_bytes() != texts.get(text_file):
        message = f"data/raw/articles/{text_file} exists with other content"
        hint = "give the draft another article id"
        problems.append(Problem(f"{label}/articles.csv", 2, "text_file", message, hint))
    known = {r["article_id"] for r in verdict.live_rows(root, "articles")}
    if article.get("article_id") in known:
        problems.append(
            Problem(f"{label}/articles.csv", 2, "article_id",
                    f"article {article['article_id']} is already in data/raw/articles.csv",
                    "accept appends new articles only")
        )  # fmt: skip
    for name in writer.DRAFT_FILES:
        header = _header(dictionary.file_spec(name).resolve(root))
        for i, row in enumerate(rows[name], start=2):
            for column, value in row.items():
                if value and header and column not in header:
                    problems.append(
                        Problem(f"{label}/{name}.csv", i, column,
                                f"data/raw/{name}.csv has no column {column}",
                                "python -m analysis migrate adds the current optional columns")
                    )  # fmt: skip
    return problems


def _appended(path: Path, rows: list[dict[str, str]]) -> bytes:
    old = path.read_bytes() if path.is_file() else b""
    header = _header(path)
    spec = dictionary.file_spec(path.stem)
    columns = header or spec.column_names
    if old and not old.endswith(b"\n"):
        old += b"\n"
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\n")
    if not old:
        w.writerow(columns)
    w.writerows([[row.get(c, "") for c in columns] for row in rows])
    return old + buffer.getvalue().encode("utf-8")


def accept(folder: Path, root: Path | None = None) -> dict[str, int]:
    """Append a reviewed draft to data/raw; returns rows added per file.

    Raises InvalidData (and writes nothing) when the draft or the combined corpus has problems.
    """
    root = root or config.ROOT
    label = _label(folder, root)
    rows, texts = writer.read(folder)
    problems = preflight(rows, texts, label, root)
    if not problems:
        problems = verdict.check(rows, texts, label, root)
    if problems:
        raise InvalidData(problems)
    raw = root / "data" / "raw"
    text_file = rows["articles"][0]["text_file"]
    plan = {raw / "articles" / text_file: texts[text_file]}
    for name in writer.DRAFT_FILES:
        if rows[name]:
            path = dictionary.file_spec(name).resolve(root)
            plan[path] = _appended(path, rows[name])
    replace_all(plan)
    return {name: len(rows[name]) for name in writer.DRAFT_FILES}


def replace_all(plan: dict[Path, bytes]) -> None:
    """Write every file beside its target, then move them all in; undo on any failure."""
    staged, done = [], []
    originals = {p: (p.read_bytes() if p.is_file() else None) for p in plan}
    try:
        for path, data in plan.items():
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            staged.append((tmp, path))
        for tmp, path in staged:
            os.replace(tmp, path)
            done.append(path)
    except BaseException:
        for path in done:
            if originals[path] is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(originals[path])
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise


def _label(folder: Path, root: Path) -> str:
    try:
        return str(folder.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(folder)
