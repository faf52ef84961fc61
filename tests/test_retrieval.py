"""Optional source columns of articles.csv: url, archived_url and retrieved.

Each test copies the two-article fixture corpus, sets the columns on its first
article (a000, published 2025-01-15 at the earliest) and checks what the
validator reports: nothing for good values, one `file:line: column: problem
(hint)` for each bad one. A corpus whose header lacks the columns validates
(the fixture corpora themselves, and test_header_without_the_columns).
"""

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from analysis.curation.csvfile import read_table
from analysis.curation.dictionary import file_spec
from analysis.curation.retrieval import check_retrieved
from analysis.curation.validate import load_corpus
from tests.support.corpora import TWO, copy_corpus

COLUMNS = ("url", "archived_url", "retrieved")


def _with_sources(root: Path, **cells: str) -> Path:
    """The corpus under root with the source columns added; cells set on article a000."""
    copy_corpus(TWO, root)
    path = root / "data" / "raw" / "articles.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[0] += list(COLUMNS)
    for row in rows[1:]:
        row += [cells.get(c, "") if row[0] == "a000" else "" for c in COLUMNS]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return root


def _problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def test_header_without_the_columns(tmp_path):
    root = copy_corpus(TWO, tmp_path)
    header = (root / "data" / "raw" / "articles.csv").read_text(encoding="utf-8").splitlines()[0]
    assert not set(COLUMNS) & set(header.split(","))
    assert _problems(root) == []


def test_good_values(tmp_path):
    root = _with_sources(
        tmp_path,
        url="https://example.org/news/2025/01/north-korea?id=7",
        archived_url="http://archive.example.net/2025/https://example.org/news",
        retrieved="2025-02-01",
    )
    assert _problems(root) == []
    frame = load_corpus(root).frame("articles").set_index("article_id")
    assert frame.at["a000", "retrieved"] == "2025-02-01"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("url", "www.example.org/news"),
        ("url", "ftp://example.org/news.txt"),
        ("url", "https://"),
        ("archived_url", "https://example.org/a b"),
    ],
)
def test_bad_address(tmp_path, column, value):
    root = _with_sources(tmp_path, **{column: value})
    assert _problems(root) == [
        f"data/raw/articles.csv:2: {column}: not an http(s) URL: {value!r} "
        "(write the whole address, from https:// or http://)"
    ]


def test_retrieved_before_publication(tmp_path):
    root = _with_sources(tmp_path, retrieved="2025-01-14")
    assert _problems(root) == [
        "data/raw/articles.csv:2: retrieved: retrieved 2025-01-14 is before published_earliest "
        "2025-01-15 (a text cannot be retrieved before it was published: check both dates)"
    ]


def test_retrieved_in_the_future(tmp_path):
    root = _with_sources(tmp_path, retrieved="2999-01-01")
    (problem,) = _problems(root)
    assert problem.startswith("data/raw/articles.csv:2: retrieved: retrieved 2999-01-01 is after")


def test_retrieved_today_is_allowed_tomorrow_is_not(tmp_path):
    root = _with_sources(tmp_path, retrieved="2025-03-01")
    table = read_table(file_spec("articles"), root)
    assert check_retrieved(table, today=date(2025, 3, 1)) == []
    (problem,) = check_retrieved(table, today=date(2025, 2, 28))
    assert problem.message == "retrieved 2025-03-01 is after today (2025-02-28)"


def test_retrieved_must_be_a_full_date(tmp_path):
    root = _with_sources(tmp_path, retrieved="2025-02")
    (problem,) = _problems(root)
    assert problem.startswith("data/raw/articles.csv:2: retrieved: ")
    assert "YYYY-MM-DD" in problem
