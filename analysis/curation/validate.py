"""Validation of the curated corpus: every problem in one pass.

Schema checks (types, vocabularies, required cells, characters) come from the
data dictionary via pandera; the modules beside this one add what no schema
library knows: the folder holds exactly the curated files (rawfiles), each
article text is there and unchanged (articles), quotes are in their articles
and curated words in their quotes as whole words (quotes, spans), values are
readable in their words with the hedge their qualifier says and a unit their
measure allows (values, hedges), links between claims stay in one article and
form no cycle, parts are not larger than their wholes (links), and dates agree
with their basis and their publication (dating, consistency).
"""

import math
from pathlib import Path

import pandas as pd

from analysis.curation import (
    articles,
    consistency,
    dictionary,
    exclusions,
    links,
    retrieval,
    schema,
    tellings,
)
from analysis.curation.corpus import Corpus, present, rows
from analysis.curation.csvfile import Table, read_table
from analysis.curation.dating import CLAIM, EVENT, check_period
from analysis.curation.dictionary import ColumnSpec
from analysis.curation.problems import InvalidData
from analysis.curation.quotes import ArticleMentions, QuoteMentions, check_inside, check_quote
from analysis.curation.values import check_values

__all__ = ["Corpus", "load_corpus", "validate"]

RAW_FILES = ("articles", "subjects", "claims", "events", "exclusions")
NUMBER_COLUMNS = ("low", "best", "high", "fraction")


def check_unique(corpus: Corpus, table: Table) -> None:
    """Duplicate values in unique columns, pointing at the first occurrence."""
    for col in table.spec.columns:
        if not col.unique or col.name in table.missing_columns:
            continue
        first_line: dict[str, int] = {}
        for index, value in table.frame[col.name].items():
            if not present(value):
                continue
            if value in first_line:
                corpus.add(
                    table,
                    index,
                    col.name,
                    f"duplicate {col.name} {value!r}",
                    f"first used at line {first_line[value]}",
                )
            else:
                first_line[value] = table.line(index)


def check_references(corpus: Corpus, table: Table) -> None:
    """Every `ref` column names an id that exists in its target file."""
    for col in table.spec.columns:
        if not col.ref or col.name in table.missing_columns:
            continue
        target_name, target_col = col.ref.split(".")
        target = corpus.tables[target_name]
        if not target.readable:
            continue
        known = set(target.frame[target_col].dropna()) | target.skipped_ids
        for index, value in table.frame[col.name].items():
            if present(value) and value.strip() not in known:
                corpus.add(
                    table,
                    index,
                    col.name,
                    f"unknown {target_col} {value!r}",
                    f"no such id in {target.label}",
                )


def _number(cell, col: ColumnSpec) -> float:
    """A number cell's value; NaN when empty, not a number, too large or out of the column's
    bounds (the schema says why, and later checks need not repeat it)."""
    if not present(cell) or not schema.NUMBER_RE.fullmatch(cell.strip()):
        return math.nan
    if len(cell.strip().split(".")[0]) > schema.NUMBER_DIGITS or not schema.within(col, cell):
        return math.nan
    return float(cell)


def _numbers(table: Table) -> pd.DataFrame:
    frame, spec = table.frame, table.spec
    return pd.DataFrame(
        {c: [_number(v, spec.column(c)) for v in frame[c].tolist()] for c in NUMBER_COLUMNS},
        index=frame.index,
        dtype=float,
    )


# a row repeated under a new id: (file, what a row is, the columns that say which, the column
# to blame)
DUPLICATES = (
    ("claims", "figure", ("article_id", "quote", "value_text", "measure"), "value_text"),
    ("events", "event", ("article_id", "quote", "date_text", "category"), "quote"),
    ("exclusions", "mention", ("article_id", "quote", "mention"), "mention"),
)
# claimant types that say which party_side a claim can have
PARTY_SIDES = {
    "party_to_conflict": ("ukraine", "russia"),
    "third_country": ("none",),
    "international_organisation": ("none",),
}


def check_duplicates(corpus: Corpus) -> None:
    """The same row curated twice under two ids."""
    for name, noun, key_cols, blame in DUPLICATES:
        table = corpus.tables[name]
        if not table.readable or table.missing_columns:
            continue
        seen: dict[tuple, int] = {}
        keys = zip(*(table.frame[c].fillna("") for c in key_cols), strict=True)
        for index, key in zip(table.frame.index, keys, strict=True):
            if not all(key[:2]):
                continue
            if key in seen:
                corpus.add(
                    table,
                    index,
                    blame,
                    f"the same {noun} is already curated at line {seen[key]} ("
                    + ", ".join(key_cols[1:])
                    + " are the same)",
                    f"one {noun}, one row: delete one of them",
                )
            else:
                seen[key] = table.line(index)


def _check_claimant(corpus: Corpus, table: Table, index, row) -> None:
    allowed = PARTY_SIDES.get(row["claimant_type"])
    if allowed and present(row["party_side"]) and row["party_side"] not in allowed:
        corpus.add(
            table,
            index,
            "party_side",
            f"party_side {row['party_side']} for claimant_type {row['claimant_type']}",
            f"a claimant of type {row['claimant_type']} has party_side {' or '.join(allowed)}",
        )


def _place(corpus: Corpus, table, index, row, column: str, at: int, mentions, id_col: str):
    """check_inside, recording the words' place in the article; their start in the quote."""
    start = check_inside(corpus, table, index, row, column, mentions)
    if start is not None:
        corpus.cover(row["article_id"], at + start, len(row[column]), row[id_col])
    return start


def check_claims(corpus: Corpus) -> None:
    """Row checks of claims.csv."""
    table = corpus.tables["claims"]
    if not table.readable or table.missing_columns:
        return
    nums = _numbers(table)
    in_articles, in_quotes = ArticleMentions(corpus), QuoteMentions()
    num_rows = nums.to_dict("index")
    for index, row in rows(table.frame):
        at, placed = check_quote(corpus, table, index, row, in_articles), True
        if at is not None:
            mentions = in_quotes[row["quote"]]
            placed = _place(corpus, table, index, row, "value_text", at, mentions, "claim_id")
            _place(corpus, table, index, row, "period_text", at, mentions, "claim_id")
        check_values(corpus, table, index, row, num_rows[index], placed is not None)
        check_period(corpus, table, index, row, CLAIM)
        _check_claimant(corpus, table, index, row)
    links.check_parts(corpus, table, nums)


def check_events(corpus: Corpus) -> None:
    """Row checks of events.csv."""
    table = corpus.tables["events"]
    if not table.readable or table.missing_columns:
        return
    in_articles, in_quotes = ArticleMentions(corpus), QuoteMentions()
    for index, row in rows(table.frame):
        at = check_quote(corpus, table, index, row, in_articles)
        if at is not None:
            _place(corpus, table, index, row, "date_text", at, in_quotes[row["quote"]], "event_id")
        check_period(corpus, table, index, row, EVENT)


def load_corpus(root: Path | None = None) -> Corpus:
    """Read and check every raw file; the corpus carries all problems found."""
    tables = {name: read_table(dictionary.file_spec(name), root) for name in RAW_FILES}
    corpus = Corpus(root, tables)
    for table in tables.values():
        corpus.problems += table.problems
        corpus.problems += schema.check_cells(table)
        check_unique(corpus, table)
    for table in tables.values():
        check_references(corpus, table)
    if tables["articles"].readable and not tables["articles"].missing_columns:
        articles.load_articles(corpus)
        corpus.problems += retrieval.check_retrieved(tables["articles"])
    articles.check_folder(corpus)
    check_claims(corpus)
    check_events(corpus)
    tellings.check_event_tellings(corpus)
    exclusions.check_exclusions(corpus)
    check_duplicates(corpus)
    if not any(t.missing_columns or not t.readable for t in tables.values()):
        corpus.problems += consistency.check_phrases(corpus)
    corpus.problems = sorted(set(corpus.problems))
    return corpus


def validate(root: Path | None = None) -> Corpus:
    """The checked corpus; raises InvalidData listing every problem if there are any."""
    corpus = load_corpus(root)
    if corpus.problems:
        raise InvalidData(corpus.problems)
    return corpus
