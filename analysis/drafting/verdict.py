"""The validator's verdict on a draft: live data/raw plus the draft's rows, validated together.

The combined corpus is laid out in a temporary project tree (data/raw is
never touched) and checked by analysis.curation.validate; each problem in a
draft row is reported against the draft's own file and line.
"""

import csv
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from analysis import config
from analysis.curation import dictionary, validate
from analysis.curation.problems import InvalidData, Problem
from analysis.drafting.writer import DRAFT_FILES, to_csv

RAW = Path("data") / "raw"


def live_rows(root: Path, name: str) -> list[dict[str, str]]:
    """The rows of one live raw file as text (empty when it does not exist)."""
    path = dictionary.file_spec(name).resolve(root)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: v or "" for k, v in r.items() if k} for r in csv.DictReader(f)]


def lay_out(
    tmp: Path, root: Path, rows: dict, texts: dict[str, bytes], drop_article: str = ""
) -> dict[str, int]:
    """Write live + draft rows under tmp/data/raw; returns the live row count per file."""
    raw = tmp / RAW
    (raw / "articles").mkdir(parents=True)
    live_dir = root / RAW / "articles"
    dropped = {
        r["text_file"] for r in live_rows(root, "articles") if r.get("article_id") == drop_article
    }  # a text with no row would be refused: the draft brings its own
    if live_dir.is_dir():
        for p in live_dir.iterdir():
            if p.is_file() and not (drop_article and p.name in dropped):
                shutil.copyfile(p, raw / "articles" / p.name)
    for name, data in texts.items():
        (raw / "articles" / name).write_bytes(data)
    counts = {}
    for name in DRAFT_FILES:
        live = live_rows(root, name)
        if drop_article and name != "subjects":
            live = [r for r in live if r.get("article_id") != drop_article]
        counts[name] = len(live)
        columns = dictionary.file_spec(name).column_names
        (raw / f"{name}.csv").write_text(to_csv(columns, live + rows[name]), encoding="utf-8")
    return counts


def _relabel(problem: Problem, counts: dict[str, int], label: str) -> Problem:
    for name, n in counts.items():
        if problem.file == str(RAW / f"{name}.csv") and problem.line > n + 1:
            return replace(problem, file=f"{label}/{name}.csv", line=problem.line - n)
    return problem


def check(
    rows: dict, texts: dict[str, bytes], label: str, root: Path | None = None, replace_own=False
) -> list[Problem]:
    """Every problem of the live corpus with the draft added (none: the draft is valid).

    With replace_own, live rows of the draft's article are left out first (the
    review of an article that is already curated compares like with like).
    """
    root = root or config.ROOT
    article = rows["articles"][0]["article_id"] if rows["articles"] else ""
    with tempfile.TemporaryDirectory(prefix="draft-check-") as tmp:
        counts = lay_out(Path(tmp), root, rows, texts, article if replace_own else "")
        try:
            validate.validate(Path(tmp))
        except InvalidData as err:
            return [_relabel(p, counts, label) for p in err.problems]
    return []
