"""Validation of the curated corpus: every problem in one pass.

Schema checks (types, vocabularies, required cells) come from the data
dictionary via pandera; this module adds what no schema library knows: the
quote is in its article, the value can be read in the quote, bounds are
ordered, parts are not larger than their wholes, references exist, dates are
consistent and article texts still match their recorded hashes.
"""

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.curation import consistency, dictionary, retrieval, schema
from analysis.curation.csvfile import Table, read_table, relative_label
from analysis.curation.problems import InvalidData, Problem
from analysis.language import dates, numbers

RAW_FILES = ("articles", "subjects", "claims", "events", "exclusions")
NUMBER_COLUMNS = ("low", "best", "high", "fraction")
PERCENT_RE = re.compile(r"%|\bper\s?cent\b", re.IGNORECASE)
_NORMALISE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass
class Corpus:
    """The raw tables, the article texts and every problem found in them."""

    root: Path | None
    tables: dict[str, Table]
    texts: dict[str, str] = field(default_factory=dict)
    published_latest: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def frame(self, name: str) -> pd.DataFrame:
        return self.tables[name].frame


def _add(corpus: Corpus, table: Table, index, column: str, message: str, hint: str = "") -> None:
    corpus.problems.append(Problem(table.label, table.line(index), column, message, hint))


def _present(value) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and value is not pd.NA
    )


def check_unique(corpus: Corpus, table: Table) -> None:
    """Duplicate values in unique columns, pointing at the first occurrence."""
    for col in table.spec.columns:
        if not col.unique or col.name in table.missing_columns:
            continue
        values = table.frame[col.name]
        first_line: dict[str, int] = {}
        for index, value in values.items():
            if not _present(value):
                continue
            if value in first_line:
                _add(
                    corpus,
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
            if _present(value) and value.strip() not in known:
                _add(
                    corpus,
                    table,
                    index,
                    col.name,
                    f"unknown {target_col} {value!r}",
                    f"no such id in {target.label}",
                )


def load_articles(corpus: Corpus) -> None:
    """Read every article text and check it against its recorded sha256."""
    table = corpus.tables["articles"]
    articles_dir = table.spec.resolve(corpus.root).parent / "articles"
    for index, row in table.frame.iterrows():
        name, digest = row["text_file"], row["sha256"]
        if not _present(name):
            continue
        if "/" in name or "\\" in name or name.startswith("."):
            _add(
                corpus,
                table,
                index,
                "text_file",
                f"not a plain file name: {name!r}",
                "give the file name only; texts live in data/raw/articles/",
            )
            continue
        path = articles_dir / name
        if not path.is_file():
            _add(
                corpus,
                table,
                index,
                "text_file",
                f"article text not found: {name!r}",
                f"put the text in {relative_label(articles_dir, corpus.root)}/",
            )
            continue
        raw = path.read_bytes()
        actual = hashlib.sha256(raw).hexdigest()
        if _present(digest) and schema.SHA256_RE.fullmatch(digest) and actual != digest:
            _add(
                corpus,
                table,
                index,
                "sha256",
                f"{relative_label(path, corpus.root)} has sha256 {actual[:12]}..., "
                f"recorded {digest[:12]}...",
                "the text changed after curation: restore it, or re-check its claims "
                "and record the new hash",
            )
        try:
            corpus.texts[row["article_id"]] = raw.decode("utf-8")
        except UnicodeDecodeError:
            _add(
                corpus,
                table,
                index,
                "text_file",
                f"{name} is not valid UTF-8",
                "article texts must be UTF-8",
            )
        earliest, latest = row["published_earliest"], row["published_latest"]
        if _present(earliest) and _present(latest) and earliest > latest:
            _add(
                corpus,
                table,
                index,
                "published_latest",
                f"published_latest {latest} is before published_earliest {earliest}",
            )
        if _present(latest):
            corpus.published_latest[row["article_id"]] = latest


def _quote_hint(quote: str, text: str) -> str:
    if quote.translate(_NORMALISE) in text.translate(_NORMALISE):
        return "it differs from the article only in quote marks or dashes: copy them exactly"
    if " ".join(quote.split()) in " ".join(text.split()):
        return "it differs from the article only in spaces or line breaks"
    return "copy the words from the article byte for byte"


def check_quote(corpus: Corpus, table: Table, index, row) -> str | None:
    """The quote occurs verbatim in its article; returns the quote if it does."""
    quote, article = row["quote"], row["article_id"]
    if not _present(quote) or article not in corpus.texts:
        return None
    text = corpus.texts[article]
    if quote not in text and schema.has_html(quote):
        _add(
            corpus,
            table,
            index,
            "quote",
            "HTML markup in quote",
            "paste the plain text of the article, without tags or entities",
        )
        return None
    if quote not in text:
        _add(
            corpus,
            table,
            index,
            "quote",
            f"quote not found in article {article}",
            _quote_hint(quote, text),
        )
        return None
    return quote


def check_inside(corpus, table, index, row, column: str, quote: str, unique: bool) -> None:
    """A part of the quote (value_text, period_text, mention) really is in it, once."""
    part = row[column]
    if not _present(part):
        return
    count = quote.count(part)
    if count == 0:
        _add(
            corpus,
            table,
            index,
            column,
            f"{part!r} is not in the quote",
            "copy these words from the quote exactly",
        )
    elif unique and count > 1:
        _add(
            corpus,
            table,
            index,
            column,
            f"{part!r} occurs {count} times in the quote",
            "add neighbouring words so that it occurs once",
        )


_SHAPES = {
    "exact": ({"low", "best", "high"}, set(), "give low, best and high, all equal"),
    "approximately": (
        {"best"},
        {"low", "high"},
        "give best only; the analysis applies the tolerance",
    ),
    "at_least": (
        {"low"},
        {"best", "high"},
        "a one-sided bound: give low only, never invent best or high",
    ),
    "more_than": (
        {"low"},
        {"best", "high"},
        "a one-sided bound: give low only, never invent best or high",
    ),
    "at_most": ({"high"}, {"low", "best"}, "a one-sided bound: give high only"),
    "up_to": ({"high"}, {"low", "best"}, "a one-sided bound: give high only"),
    "range": ({"low", "high"}, set(), "give low and high (best if stated)"),
}


def check_values(corpus: Corpus, table: Table, index, row, nums: dict) -> None:
    """Qualifier shape, bound order, and that the value is readable in value_text."""
    relative = _present(row["relative_to"])
    has = {c for c in ("low", "best", "high") if _present(row[c])}
    usable = [c for c in ("low", "best", "high") if _present(nums[c])]  # schema reported the rest
    if relative:
        if has:
            _add(
                corpus,
                table,
                index,
                sorted(has)[0],
                "a relative claim has its value in fraction",
                "leave low, best and high empty; code resolves fraction x relative_to",
            )
        if not _present(row["fraction"]):
            _add(
                corpus,
                table,
                index,
                "fraction",
                "relative_to is set but fraction is empty",
                "give the share, e.g. 0.5 for half",
            )
    elif _present(row["fraction"]):
        _add(
            corpus,
            table,
            index,
            "relative_to",
            "fraction is set but relative_to is empty",
            "name the claim the fraction is a share of",
        )
    elif row["qualifier"] in _SHAPES:
        needed, forbidden, hint = _SHAPES[row["qualifier"]]
        for c in sorted(needed - has):
            _add(corpus, table, index, c, f"qualifier {row['qualifier']} needs {c}", hint)
        for c in sorted(forbidden & has):
            _add(corpus, table, index, c, f"qualifier {row['qualifier']} takes no {c}", hint)
        if row["qualifier"] == "exact" and usable:
            # point at the bound that differs from best (from low when best is missing)
            ref = "best" if "best" in usable else usable[0]
            for c in usable:
                if not numbers.same_number(nums[c], nums[ref]):
                    _add(corpus, table, index, c, "qualifier exact needs low = best = high", hint)
    present = [] if row["qualifier"] == "exact" else [(c, nums[c]) for c in usable]
    for (a, va), (b, vb) in zip(present, present[1:], strict=False):
        if va > vb:
            _add(
                corpus,
                table,
                index,
                b,
                f"{a} {va:g} is greater than {b} {vb:g}",
                "bounds must be ordered low <= best <= high",
            )
    _check_readable(corpus, table, index, row, nums, relative)


def _check_readable(corpus, table, index, row, nums, relative: bool) -> None:
    text = row["value_text"]
    if not _present(text):
        return
    found = numbers.values_in(text)
    if not found:
        _add(
            corpus,
            table,
            index,
            "value_text",
            f"no number can be read in {text!r}",
            "value_text must contain the figure as written (digits or words)",
        )
        return
    stated = ["fraction"] if relative else ["low", "best", "high"]
    if relative and PERCENT_RE.search(text):  # "40 per cent" of a claim is the fraction 0.4
        found = [*found, *(f / 100 for f in found)]
    for c in stated:
        v = nums[c]
        if _present(v) and not any(numbers.same_number(v, f) for f in found):
            shown = ", ".join(f"{f:g}" for f in found)
            _add(
                corpus,
                table,
                index,
                c,
                f"{c} {v:g} cannot be read in {text!r}",
                f"the value_text reads as {shown}",
            )


def check_period(corpus, table, index, row, start_col: str, end_col: str, basis_col: str):
    """Dates parse, end is not before start, nothing after publication."""
    start, end = row[start_col], row[end_col]
    basis = row[basis_col] if basis_col else None
    if basis == "none":
        for c in (start_col, end_col):
            if _present(row[c]):
                _add(
                    corpus,
                    table,
                    index,
                    c,
                    f"{basis_col} is none but {c} is given",
                    f"set {basis_col} to say where the date comes from",
                )
        return
    if basis_col and _present(basis):
        for c in (start_col, end_col):
            if not _present(row[c]):
                _add(
                    corpus,
                    table,
                    index,
                    c,
                    f"{basis_col} is {basis} but {c} is empty",
                    "give the date, or set the basis to none",
                )
    try:
        first = dates.parse_partial(start) if _present(start) else None
        last = dates.parse_partial(end) if _present(end) else None
    except ValueError:
        return  # already reported by the schema
    if first and last and last.latest < first.earliest:
        _add(
            corpus,
            table,
            index,
            end_col,
            f"{end_col} {end} is before {start_col} {start}",
            "the end of a period cannot come before its start",
        )
    published = corpus.published_latest.get(row["article_id"])
    if first and published and str(first.earliest) > published:
        _add(
            corpus,
            table,
            index,
            start_col,
            f"{start_col} {start} is after the article's latest publication date {published}",
            "an article cannot report what happened after it was published",
        )
    elif last and published and str(last.earliest) > published:
        _add(
            corpus,
            table,
            index,
            end_col,
            f"{end_col} {end} is after the article's latest publication date {published}",
            "an article cannot report what happened after it was published",
        )


def _number(cell) -> float:
    """A number cell's value; NaN when empty or not a number (the schema reports those)."""
    if not _present(cell) or not schema.NUMBER_RE.fullmatch(cell.strip()):
        return math.nan
    return float(cell)


def _numbers(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: frame[c].map(_number).astype(float) for c in NUMBER_COLUMNS})


def stated_bounds(claim_id: str, claims: pd.DataFrame, nums: pd.DataFrame, seen=()) -> tuple:
    """The widest (low, high) a claim's stated values allow; relative claims via their base.

    Used only for plausibility checks (part <= whole); the analysis layer applies
    the qualifier tolerances.
    """
    if claim_id in seen or claim_id not in claims.index:
        return (math.nan, math.nan)
    n = nums.loc[claim_id]
    if _present(claims.at[claim_id, "relative_to"]) and _present(n["fraction"]):
        lo, hi = stated_bounds(claims.at[claim_id, "relative_to"], claims, nums, (*seen, claim_id))
        return (lo * n["fraction"], hi * n["fraction"])
    lo = n["low"] if _present(n["low"]) else n["best"]
    hi = n["high"] if _present(n["high"]) else n["best"]
    if claims.at[claim_id, "qualifier"] in ("at_least", "more_than"):
        hi = math.inf
    return (lo, hi)


def check_parts(corpus: Corpus, table: Table, nums: pd.DataFrame) -> None:
    """part_of and relative_to links: no cycles, same unit, part <= whole."""
    frame = table.frame
    ids = frame["claim_id"]
    if ids.isna().any() or ids.duplicated().any():
        return
    claims = frame.set_index("claim_id", drop=False)
    by_id = nums.set_index(ids)
    for index, row in frame.iterrows():
        for col in ("relative_to", "part_of"):
            other = row[col]
            if not _present(other) or other not in claims.index:
                continue
            if other == row["claim_id"]:
                _add(corpus, table, index, col, f"{col} points at the claim itself")
                continue
            if row["unit"] != claims.at[other, "unit"]:
                _add(
                    corpus,
                    table,
                    index,
                    col,
                    f"{col} {other} is in {claims.at[other, 'unit']}, this claim in {row['unit']}",
                    "a part and its whole must share a unit",
                )
        whole = row["part_of"]
        if not _present(whole) or whole not in claims.index or whole == row["claim_id"]:
            continue
        part_lo, _ = stated_bounds(row["claim_id"], claims, by_id)
        _, whole_hi = stated_bounds(whole, claims, by_id)
        if _present(part_lo) and _present(whole_hi) and part_lo > whole_hi:
            _add(
                corpus,
                table,
                index,
                "part_of",
                f"part ({part_lo:g}) is larger than its whole {whole} ({whole_hi:g})",
                "check the value, or whether this is really a part of that claim",
            )
    _check_cycles(corpus, table, frame)


def _check_cycles(corpus: Corpus, table: Table, frame: pd.DataFrame) -> None:
    links = dict(zip(frame["claim_id"], frame["relative_to"], strict=True))
    for index, start in frame["claim_id"].items():
        seen, current = {start}, links.get(start)
        while _present(current) and current in links:
            if current in seen:
                _add(
                    corpus,
                    table,
                    index,
                    "relative_to",
                    "relative_to forms a cycle",
                    "a chain of relative claims must end at a claim with its own value",
                )
                break
            seen.add(current)
            current = links.get(current)


def check_claims(corpus: Corpus) -> None:
    """Row checks of claims.csv."""
    table = corpus.tables["claims"]
    if not table.readable or table.missing_columns:
        return
    nums = _numbers(table.frame)
    for index, row in table.frame.iterrows():
        quote = check_quote(corpus, table, index, row)
        if quote:
            check_inside(corpus, table, index, row, "value_text", quote, unique=True)
            check_inside(corpus, table, index, row, "period_text", quote, unique=True)
        check_values(corpus, table, index, row, nums.loc[index])
        check_period(corpus, table, index, row, "period_start", "period_end", "period_basis")
    check_parts(corpus, table, nums)


def check_events(corpus: Corpus) -> None:
    """Row checks of events.csv."""
    table = corpus.tables["events"]
    if not table.readable or table.missing_columns:
        return
    for index, row in table.frame.iterrows():
        quote = check_quote(corpus, table, index, row)
        if quote:
            check_inside(corpus, table, index, row, "date_text", quote, unique=True)
        check_period(corpus, table, index, row, "date_start", "date_end", "")


def _telling(row) -> dates.DateInterval | None:
    try:
        return dates.span(row["date_start"], row["date_end"])
    except (TypeError, ValueError):
        return None  # reported by the schema


def check_event_tellings(corpus: Corpus) -> None:
    """Events that share a label are one event: their dates must overlap, their category agree."""
    table = corpus.tables["events"]
    if not table.readable or table.missing_columns:
        return
    seen: dict[str, tuple[int, dates.DateInterval | None, str]] = {}
    for index, row in table.frame.iterrows():
        label, when = row["label"], _telling(row)
        if not _present(label):
            continue
        if label not in seen:
            seen[label] = (table.line(index), when, row["category"])
            continue
        line, told, category = seen[label]
        hint = "events that share a label are one event: "
        if when and told and (when.latest < told.earliest or told.latest < when.earliest):
            _add(
                corpus,
                table,
                index,
                "date_start",
                f"event {label!r} is told at line {line} as {told.earliest}..{told.latest}; "
                f"these dates ({when.earliest}..{when.latest}) do not overlap",
                hint + "fix the dates, or give this one its own label",
            )
        elif when and told:  # the next telling must fit where these two overlap
            first, last = max(when.earliest, told.earliest), min(when.latest, told.latest)
            seen[label] = (line, dates.DateInterval(first, last, "interval"), category)
        if _present(row["category"]) and row["category"] != category:
            _add(
                corpus,
                table,
                index,
                "category",
                f"event {label!r} is a {row['category']} here but a {category} at line {line}",
                hint + "give them one category",
            )


def check_exclusions(corpus: Corpus) -> None:
    """Row checks of exclusions.csv: the mention is in the quote, refers_to exists."""
    table = corpus.tables["exclusions"]
    if not table.readable or table.missing_columns:
        return
    claims, events = corpus.tables["claims"], corpus.tables["events"]
    readable = claims.readable and events.readable
    known = (
        set(claims.frame["claim_id"].dropna())
        | set(events.frame["event_id"].dropna())
        | claims.skipped_ids
        | events.skipped_ids
    )
    for index, row in table.frame.iterrows():
        quote = check_quote(corpus, table, index, row)
        if quote:
            check_inside(corpus, table, index, row, "mention", quote, unique=True)
        ref = row["refers_to"]
        if _present(ref) and readable and ref.strip() not in known:
            _add(
                corpus,
                table,
                index,
                "refers_to",
                f"unknown claim or event {ref!r}",
                "refers_to names a claim_id or an event_id",
            )
        elif not _present(ref) and row["reason"] in ("restates", "source_date", "breakdown"):
            _add(
                corpus,
                table,
                index,
                "refers_to",
                f"reason {row['reason']} needs refers_to",
                "name the claim or event concerned",
            )


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
        load_articles(corpus)
        corpus.problems += retrieval.check_retrieved(tables["articles"])
    check_claims(corpus)
    check_events(corpus)
    check_event_tellings(corpus)
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
