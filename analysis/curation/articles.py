"""The article texts: each row of articles.csv has its text, unchanged since curation.

The text_file names follow the naming rule of analysis.curation.rawfiles; a text
must be UTF-8 with no invisible or direction-control characters and only the
ASCII digits (the number grammar and the audit read 0-9 only); two rows may not
hold the same text.
"""

import hashlib
from datetime import date

from analysis.curation import characters, rawfiles, schema
from analysis.curation.corpus import Corpus, present, rows
from analysis.curation.csvfile import relative_label
from analysis.language import dates


def _full_date(value) -> bool:
    try:
        return (
            present(value)
            and len(value) == 10
            and value.isascii()
            and bool(dates.parse_partial(value))
        )
    except ValueError:
        return False


def _read(corpus: Corpus, table, index, name: str, folder) -> bytes | None:
    problem = rawfiles.article_name_problem(name)
    if problem:
        corpus.add(table, index, "text_file", problem, rawfiles.ARTICLE_NAME_RULE)
        return None
    path = folder / name
    label = relative_label(path, corpus.root)
    found: list = []
    raw = rawfiles.read_bytes(path, label, found, rawfiles.MAX_TEXT_BYTES)
    for p in found:
        if p.message == "file not found":
            hint = f"put the text in {relative_label(folder, corpus.root)}/, or fix text_file"
            corpus.add(table, index, "text_file", f"article text not found: {label}", hint)
        else:
            corpus.add(table, index, "text_file", f"{label} {p.message}", p.hint)
    return raw


def _check_text(corpus: Corpus, table, index, text: str, label: str) -> bool:
    """Characters of the text; False when it is empty (nothing to check quotes against)."""
    if not text.strip():
        corpus.add(table, index, "text_file", f"{label} is empty", "put the article's text in it")
        return False
    found = characters.problem(text)
    if found:
        at, message, hint = found
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        corpus.add(
            table,
            index,
            "text_file",
            f"{label} {message} at line {line}, character {column}",
            hint + "; then record the new sha256",
        )
    return True


def load_articles(corpus: Corpus) -> None:
    """Read every article text, check it against its recorded sha256 and its characters."""
    table = corpus.tables["articles"]
    folder = table.spec.resolve(corpus.root).parent / "articles"
    first_of: dict[str, tuple[str, int]] = {}
    for index, row in rows(table.frame):
        name, digest = row["text_file"], row["sha256"]
        if _full_date(row["published_latest"]):
            corpus.published_latest[row["article_id"]] = row["published_latest"]
        earliest, latest = row["published_earliest"], row["published_latest"]
        for column, value in (("published_earliest", earliest), ("published_latest", latest)):
            if _full_date(value) and value > date.today().isoformat():
                corpus.add(
                    table,
                    index,
                    column,
                    f"{column} {value} is in the future",
                    "an article in the corpus has been published: check the year",
                )
        if _full_date(earliest) and _full_date(latest) and earliest > latest:
            corpus.add(
                table,
                index,
                "published_latest",
                f"published_latest {latest} is before published_earliest {earliest}",
            )
        if not present(name):
            continue
        raw = _read(corpus, table, index, name, folder)
        if raw is None:
            continue
        label = relative_label(folder / name, corpus.root)
        actual = hashlib.sha256(raw).hexdigest()
        if present(digest) and schema.SHA256_RE.fullmatch(digest) and actual != digest:
            corpus.add(
                table,
                index,
                "sha256",
                f"{label} has sha256 {actual[:12]}..., recorded {digest[:12]}...",
                "the text changed after curation: restore it, or re-check its claims "
                "and record the new hash",
            )
        if actual in first_of:
            other, line = first_of[actual]
            corpus.add(
                table,
                index,
                "text_file",
                f"{label} is the same text as article {other}'s",
                f"line {line} already has it: one row per article",
            )
        first_of.setdefault(actual, (row["article_id"], table.line(index)))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            message, hint = f"{name} is not valid UTF-8", "article texts must be UTF-8"
            corpus.add(table, index, "text_file", message, hint)
            continue
        if _check_text(corpus, table, index, text, label) and present(row["article_id"]):
            corpus.texts[row["article_id"]] = text


def check_folder(corpus: Corpus) -> None:
    """Unknown files, links and article texts with no row anywhere in data/raw."""
    table = corpus.tables["articles"]
    raw = table.spec.resolve(corpus.root).parent
    names = {t.spec.resolve(corpus.root).name for t in corpus.tables.values()}
    usable = table.readable and "text_file" not in table.missing_columns and not table.skipped_ids
    texts = set(table.frame["text_file"].dropna()) if usable else None
    corpus.problems += rawfiles.inventory(
        raw, names, texts, lambda path: relative_label(path, corpus.root)
    )
