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

from analysis.curation import articles, consistency, dictionary, links, schema
from analysis.curation.corpus import Corpus, present
from analysis.curation.csvfile import Table, read_table
from analysis.curation.dating import CLAIM, EVENT, check_period
from analysis.curation.dictionary import ColumnSpec
from analysis.curation.problems import InvalidData
from analysis.curation.quotes import ArticleMentions, check_inside, check_quote
from analysis.curation.spans import Mentions
from analysis.curation.values import check_values
from analysis.language import numbers

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
        {
            c: frame[c].map(lambda v, c=c: _number(v, spec.column(c))).astype(float)
            for c in NUMBER_COLUMNS
        }
    )


def _check_duplicate_figure(corpus: Corpus, table: Table, seen: dict, index, row) -> None:
    key = (row["article_id"], row["quote"], row["value_text"], row["measure"])
    if not all(present(k) for k in key):
        return
    if key in seen:
        corpus.add(
            table,
            index,
            "value_text",
            f"the same figure is curated twice: {row['value_text']!r} of this quote is "
            f"already {row['measure']} at line {seen[key]}",
            "one figure is one claim: delete one of the rows",
        )
    else:
        seen[key] = table.line(index)


def check_claims(corpus: Corpus) -> None:
    """Row checks of claims.csv."""
    table = corpus.tables["claims"]
    if not table.readable or table.missing_columns:
        return
    nums = _numbers(table)
    in_articles, seen = ArticleMentions(corpus), {}
    for index, row in table.frame.iterrows():
        quote, placed = check_quote(corpus, table, index, row, in_articles), True
        if quote:
            mentions = Mentions(quote)
            placed = check_inside(corpus, table, index, row, "value_text", quote, mentions)
            check_inside(corpus, table, index, row, "period_text", quote, mentions)
        check_values(corpus, table, index, row, nums.loc[index], placed is not None)
        check_period(corpus, table, index, row, CLAIM)
        _check_duplicate_figure(corpus, table, seen, index, row)
    links.check_parts(corpus, table, nums)


def check_events(corpus: Corpus) -> None:
    """Row checks of events.csv."""
    table = corpus.tables["events"]
    if not table.readable or table.missing_columns:
        return
    in_articles = ArticleMentions(corpus)
    for index, row in table.frame.iterrows():
        quote = check_quote(corpus, table, index, row, in_articles)
        if quote:
            check_inside(corpus, table, index, row, "date_text", quote, Mentions(quote))
        check_period(corpus, table, index, row, EVENT)


def _check_refers_to(corpus: Corpus, table: Table, index, row, known: set | None) -> None:
    ref = row["refers_to"]
    if present(ref) and known is not None and ref.strip() not in known:
        corpus.add(
            table,
            index,
            "refers_to",
            f"unknown claim or event {ref!r}",
            "refers_to names a claim_id or an event_id",
        )
    elif not present(ref) and row["reason"] in ("restates", "source_date", "breakdown"):
        corpus.add(
            table,
            index,
            "refers_to",
            f"reason {row['reason']} needs refers_to",
            "name the claim or event concerned",
        )


def check_exclusions(corpus: Corpus) -> None:
    """Row checks of exclusions.csv: the mention is a number in the quote, refers_to exists."""
    table = corpus.tables["exclusions"]
    if not table.readable or table.missing_columns:
        return
    claims, events = corpus.tables["claims"], corpus.tables["events"]
    known = None
    if claims.readable and events.readable:
        known = (
            set(claims.frame["claim_id"].dropna())
            | set(events.frame["event_id"].dropna())
            | claims.skipped_ids
            | events.skipped_ids
        )
    in_articles = ArticleMentions(corpus)
    for index, row in table.frame.iterrows():
        quote = check_quote(corpus, table, index, row, in_articles)
        placed = quote and check_inside(
            corpus, table, index, row, "mention", quote, Mentions(quote)
        )
        if placed is not None and not numbers.find_mentions(row["mention"]):
            corpus.add(
                table,
                index,
                "mention",
                f"no number can be read in {row['mention']!r}",
                "an exclusion names a numeric mention the audit finds (digits or number words)",
            )
        _check_refers_to(corpus, table, index, row, known)


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
    articles.check_folder(corpus)
    check_claims(corpus)
    check_events(corpus)
    check_exclusions(corpus)
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
