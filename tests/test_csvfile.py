"""Reading a curated CSV: every line is one row, problems at the line where they start."""

from pathlib import Path

import pytest

from analysis.curation import dictionary
from analysis.curation.csvfile import read_table

HEADER = "subject_id,label,description\n"


def _read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "data" / "raw" / "subjects.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_table(dictionary.file_spec("subjects"), tmp_path)


def _lines(table) -> list[str]:
    return [str(p) for p in table.problems]


def test_an_open_quote_is_reported_where_it_opens_and_no_row_is_lost(tmp_path):
    table = _read(
        tmp_path,
        HEADER + 'a,"A,one\nb,B,two\nc,"C, with a comma",three\nd,D,four\n',
    )
    assert _lines(table) == [
        "data/raw/subjects.csv:2: quote opened at character 3 is not closed on this line "
        '(close it, or double a quote inside a quoted cell (""); a cell cannot span lines)'
    ]
    assert list(table.frame["subject_id"]) == ["b", "c", "d"]
    assert list(table.frame["__line__"]) == [3, 4, 5]
    assert table.skipped_ids == {"a"}


def test_a_quoted_cell_across_lines_is_two_broken_lines(tmp_path):
    table = _read(tmp_path, HEADER + 'a,A,"one\ntwo"\nb,B,three\n')
    assert [p.line for p in table.problems] == [2, 3]
    assert list(table.frame["subject_id"]) == ["b"]


def test_a_header_that_opens_a_quote(tmp_path):
    table = _read(tmp_path, '"subject_id,label,description\na,A,one\n')
    assert not table.readable
    assert _lines(table) == [
        "data/raw/subjects.csv:1: quote opened at character 1 is not closed on this line "
        '(close it, or double a quote inside a quoted cell (""); a cell cannot span lines)'
    ]


def test_text_after_a_closing_quote(tmp_path):
    table = _read(tmp_path, HEADER + 'a,"A" and more,one\n')
    assert _lines(table) == [
        "data/raw/subjects.csv:2: text after the closing quote at character 5 "
        '(quote the whole cell and double the quotes inside it (""))'
    ]


def test_doubled_quotes_and_quotes_inside_unquoted_cells_are_text(tmp_path):
    table = _read(tmp_path, HEADER + 'a,"He said ""one""",x\nb,say "two",y\n')
    assert table.problems == []
    assert list(table.frame["label"]) == ['He said "one"', 'say "two"']


def test_a_cell_over_the_csv_limit(tmp_path):
    table = _read(tmp_path, HEADER + 'a,"' + "x" * 200_000 + '",one\nb,B,two\n')
    assert _lines(table) == [
        "data/raw/subjects.csv:2: a cell is longer than 131,072 characters "
        "(cells hold a quote or a note, not a whole text)"
    ]
    assert list(table.frame["subject_id"]) == ["b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n" + HEADER, "data/raw/subjects.csv:1: the header line is empty (expected ..."),
        ("\n\n\n", "data/raw/subjects.csv:1: file is empty (expected a header line: ..."),
        (HEADER + "a,A\n", "data/raw/subjects.csv:2: row has 2 fields, the header has 3 ..."),
        (HEADER + "\na,A,one\n", "data/raw/subjects.csv:2: blank line (remove it)"),
        (
            "subject_id, label,description\na,A,one\n",
            "data/raw/subjects.csv:1: label: column name ' label' has spaces around it ...",
        ),
    ],
)
def test_structure_problems(tmp_path, text, expected):
    (found,) = _lines(_read(tmp_path, text))
    assert found.startswith(expected.removesuffix("..."))


def test_a_duplicated_header_column(tmp_path):
    table = _read(tmp_path, "subject_id,label,description,label\na,A,one,B\n")
    assert _lines(table) == ["data/raw/subjects.csv:1: label: column appears more than once"]
    assert list(table.frame["label"]) == ["A"]
