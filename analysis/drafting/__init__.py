"""Drafted curation: the suite proposes every row of a new article; the analyst reviews.

    text         lines, sentences, headline and dateline of an article
    mentions     the audit's numbers grouped; ages, "one of", datelines: exclusions
    hedges       qualifier and low/best/high from "about", "more than", "between"
    measures     measure and unit from the words around the number
    attribution  claimant, relay, claimant type, side, verification
    dating       time phrases read through the period grammar; events
    subjects     match an existing subject or propose one
    draft        the steps above for a whole article
    writer       data/drafts/<id>/ in the curated schema
    verdict      the validator's verdict on live data plus a draft
    accept       append a reviewed draft to data/raw, all or nothing
    evaluate     draft curated articles and compare field by field
    review       what the review notebook shows
    cli          `python -m analysis draft`

Method: plain, tested regular expressions over the audit's own number grammar
and the period grammar, not spaCy. The rules work on character spans (the audit
and the validator do too), and spaCy without a downloaded model gives a
tokenizer and a token matcher but no parser or tagger, so its patterns would
restate these rules in another notation; installing it costs about 330 MB in
47 packages and about 1.2 s of import (measured here), more than drafting an
article takes.
"""

from pathlib import Path

from analysis import config


def notebook_paths() -> list[Path]:
    """The drafting tools' notebooks (`python -m analysis notebooks` refreshes them too)."""
    return sorted((config.NOTEBOOKS_DIR / "tools").glob("*.ipynb"))
