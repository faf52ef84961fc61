"""Exclusions: numeric mentions deliberately not curated, each with its reason.

The mention is a number the audit finds, placed in its quote as whole words;
it is not also covered by a claim's or an event's words (a number is curated
or excluded, not both); refers_to, when given, names a claim or an event of the
same article (what the mention restates, dates or breaks down is in its own
text), and the reasons restates, source_date and breakdown need it.
"""

from analysis.curation.corpus import Corpus, present, rows
from analysis.curation.quotes import ArticleMentions, QuoteMentions, check_inside, check_quote
from analysis.language import numbers

NEEDS_REFERS_TO = ("restates", "source_date", "breakdown")


def _known(corpus: Corpus) -> dict[str, str] | None:
    """Article of every claim and event id (None when either file is unreadable)."""
    claims, events = corpus.tables["claims"], corpus.tables["events"]
    if not (claims.readable and events.readable):
        return None
    known = {i: "" for i in claims.skipped_ids | events.skipped_ids}
    for frame, id_col in ((claims.frame, "claim_id"), (events.frame, "event_id")):
        known.update(
            {i: a for i, a in zip(frame[id_col], frame["article_id"], strict=True) if present(i)}
        )
    return known


def _check_refers_to(corpus: Corpus, table, index, row, known: dict | None) -> None:
    ref = row["refers_to"]
    if present(ref) and known is not None and ref.strip() not in known:
        corpus.add(
            table,
            index,
            "refers_to",
            f"unknown claim or event {ref!r}",
            "refers_to names a claim_id or an event_id",
        )
    elif present(ref) and known is not None:
        theirs = known[ref.strip()]
        if present(theirs) and theirs and theirs != row["article_id"]:
            corpus.add(
                table,
                index,
                "refers_to",
                f"refers_to {ref} is in article {theirs}, this exclusion in {row['article_id']}",
                "an exclusion refers to a claim or event of its own article",
            )
    elif not present(ref) and row["reason"] in NEEDS_REFERS_TO:
        corpus.add(
            table,
            index,
            "refers_to",
            f"reason {row['reason']} needs refers_to",
            "name the claim or event concerned",
        )


def _check_not_curated(corpus: Corpus, table, index, row, start: int) -> None:
    end = start + len(row["mention"])
    for s, e, row_id in corpus.covered.get(row["article_id"], ()):
        if s < end and e > start:
            corpus.add(
                table,
                index,
                "mention",
                f"{row['mention']!r} is also curated, by {row_id}",
                "a number is curated or excluded, not both: delete the exclusion, "
                "or take the words out of the claim or event",
            )
            return


def check_exclusions(corpus: Corpus) -> None:
    """Row checks of exclusions.csv."""
    table = corpus.tables["exclusions"]
    if not table.readable or table.missing_columns:
        return
    known, in_articles, in_quotes = _known(corpus), ArticleMentions(corpus), QuoteMentions()
    for index, row in rows(table.frame):
        at = check_quote(corpus, table, index, row, in_articles)
        placed = None
        if at is not None:
            placed = check_inside(corpus, table, index, row, "mention", in_quotes[row["quote"]])
        if placed is not None and not numbers.find_mentions(row["mention"]):
            corpus.add(
                table,
                index,
                "mention",
                f"no number can be read in {row['mention']!r}",
                "an exclusion names a numeric mention the audit finds (digits or number words)",
            )
        elif placed is not None:
            _check_not_curated(corpus, table, index, row, at + placed)
        _check_refers_to(corpus, table, index, row, known)
