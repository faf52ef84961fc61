"""Quotes in their articles and curated words in their quotes, as whole words.

A quote occurs verbatim in its article; value_text, period_text, date_text and
an exclusion's mention occur in the quote exactly once, as whole words and
whole numbers (see analysis.curation.spans).
"""

import unicodedata

from analysis.curation import schema, spans
from analysis.curation.corpus import Corpus, present

_NORMALISE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


class ArticleMentions(dict):
    """The numeric mentions of each article text, computed once per article."""

    def __init__(self, corpus: Corpus):
        super().__init__()
        self.texts = corpus.texts

    def __missing__(self, article: str) -> spans.Mentions:
        self[article] = spans.Mentions(self.texts[article])
        return self[article]


class QuoteMentions(dict):
    """The numeric mentions of each quote, computed once per distinct quote."""

    def __missing__(self, quote: str) -> spans.Mentions:
        self[quote] = spans.Mentions(quote)
        return self[quote]


def _quote_hint(quote: str, text: str) -> str:
    if unicodedata.normalize("NFC", quote) in unicodedata.normalize("NFC", text):
        return (
            "it differs from the article only in how accented letters are encoded "
            "(composed or not): copy the words from the article"
        )
    if quote.translate(_NORMALISE) in text.translate(_NORMALISE):
        return "it differs from the article only in quote marks or dashes: copy them exactly"
    if " ".join(quote.split()) in " ".join(text.split()):
        return "it differs from the article only in spaces or line breaks"
    return "copy the words from the article byte for byte"


def check_quote(corpus: Corpus, table, index, row, mentions: ArticleMentions) -> int | None:
    """The quote occurs verbatim, as whole words, in its article; returns where it starts."""
    quote, article = row["quote"], row["article_id"]
    if not present(quote) or article not in corpus.texts:
        return None
    text = corpus.texts[article]
    placement = spans.locate(text, quote, mentions[article])
    if placement.starts:
        return placement.starts[0]
    if placement.found:
        corpus.add(
            table,
            index,
            "quote",
            f"quote cuts {placement.cut} of article {article}",
            "start and end the quote at whole words and whole numbers",
        )
    elif schema.has_html(quote):
        corpus.add(
            table,
            index,
            "quote",
            "HTML markup in quote",
            "paste the plain text of the article, without tags or entities",
        )
    else:
        corpus.add(
            table, index, "quote", f"quote not found in article {article}", _quote_hint(quote, text)
        )
    return None


def check_inside(corpus, table, index, row, column: str, mentions) -> int | None:
    """A part of the quote (value_text, period_text, mention) is in it once, as whole words.

    Returns where it starts in the quote, or None (after reporting why).
    """
    part = row[column]
    if not present(part):
        return None
    placement = spans.locate(row["quote"], part, mentions)
    if len(placement.starts) == 1:
        return placement.starts[0]
    if placement.starts:
        corpus.add(
            table,
            index,
            column,
            f"{part!r} occurs {len(placement.starts)} times in the quote",
            "add neighbouring words so that it occurs once",
        )
    elif placement.found and placement.cuts_a_number:
        corpus.add(
            table,
            index,
            column,
            f"{part!r} is part of {placement.cut} in the quote",
            "copy the whole number as written, with its scale word, '+' or per cent",
        )
    elif placement.found:
        corpus.add(
            table,
            index,
            column,
            f"{part!r} cuts {placement.cut} of the quote",
            "copy whole words from the quote",
        )
    else:
        corpus.add(
            table,
            index,
            column,
            f"{part!r} is not in the quote",
            "copy these words from the quote exactly",
        )
    return None
