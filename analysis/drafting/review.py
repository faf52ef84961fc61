"""What the review notebook (notebooks/tools/curate.ipynb) shows: the article, each mention
highlighted with the row drafted from it, the validator's verdict, and what is uncertain.

Everything shown is HTML-escaped (an article or a quote may contain markup).
The rows come from a draft folder (the analyst's reviewed CSVs) or are drafted
in memory from a text; either way they are read back from their CSV cells, so
the notebook shows exactly what --accept would append.
"""

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.curation.problems import Problem
from analysis.drafting import cli, draft, rows, verdict, writer
from analysis.language.dates import DateInterval, span

KINDS = {"claims": "claim_id", "events": "event_id", "exclusions": "exclusion_id"}
SHOWN = {
    "claims": ["value_text", "measure", "qualifier", "low", "best", "high", "unit", "claimant"],
    "events": ["date_text", "date_start", "date_end", "category"],
    "exclusions": ["mention", "reason", "refers_to"],
}
COLOURS = {"claims": "#fde68a", "events": "#bfdbfe", "exclusions": "#e5e7eb"}


@dataclass
class Review:
    """A draft under review: its text, rows per file, where they come from, and the verdict."""

    article_id: str
    text: str
    tables: dict[str, list[dict[str, str]]]
    origin: str
    problems: list[Problem]


def _published(earliest: str | None, latest: str | None, row: dict | None) -> DateInterval | None:
    if earliest or latest:
        return span(earliest or latest, latest or earliest)
    if row and row.get("published_earliest") and row.get("published_latest"):
        return span(row["published_earliest"], row["published_latest"])
    return None


def load(article: str | None = None, earliest: str | None = None, latest: str | None = None):
    """The draft to review: a draft folder, a text to draft, or (None) the first curated article.

    Relative paths are read from the project root, so the notebook runs the same from anywhere.
    """
    root = config.ROOT
    if article is None:
        row = verdict.live_rows(root, "articles")[0]
        path = root / "data" / "raw" / "articles" / row["text_file"]
        body, aid = path.read_text(encoding="utf-8"), row["article_id"]
        origin = f"drafted in memory from data/raw/articles/{row['text_file']} (curated as {aid})"
        d = draft.draft_text(body, aid, _published(earliest, latest, row), cli.known_subjects(root))
        return _review(writer.tables(d), {d.text_file: body.encode()}, origin, root)
    path = Path(article) if Path(article).is_absolute() else root / article
    if path.is_dir():
        tables, texts = writer.read(path)
        return _review(tables, texts, f"the draft folder {article}", root)
    body = path.read_text(encoding="utf-8")
    aid = cli.next_article_id(root)
    d = draft.draft_text(body, aid, _published(earliest, latest, None), cli.known_subjects(root))
    return _review(writer.tables(d), {d.text_file: body.encode()}, f"drafted from {article}", root)


def _review(tables, texts, origin: str, root: Path) -> Review:
    article = tables["articles"][0]
    body = texts[article["text_file"]].decode("utf-8")
    label = "the draft"
    problems = verdict.check(tables, texts, label, root, replace_own=True)
    return Review(article["article_id"], body, tables, origin, problems)


def summary(r: Review) -> str:
    """One line per file: how many rows the draft has, and where they come from."""
    counts = ", ".join(f"{len(r.tables[f])} {f}" for f in ("claims", "events", "exclusions"))
    new = len(r.tables["subjects"])
    return f"article {r.article_id}: {counts}, {new} new subjects; {r.origin}"


def spans(r: Review) -> list[tuple[int, int, str, dict]]:
    """(start, end, file, row) of the words each row accounts for, in text order."""
    found = []
    for file in KINDS:
        for row in r.tables[file]:
            at = r.text.find(row.get("quote", ""))
            for column in ("value_text", "period_text", "date_text", "mention"):
                part = row.get(column, "")
                if at >= 0 and part and part in row["quote"]:
                    start = at + row["quote"].index(part)
                    found.append((start, start + len(part), file, row))
    return sorted(found, key=lambda x: (x[0], -x[1]))


def _marked(r: Review, start: int, end: int, marks) -> str:
    out, pos = [], start
    for s, e, file, row in marks:
        if s < pos:
            continue  # nested in a mark already shown
        out.append(html.escape(r.text[pos:s]))
        rid = html.escape(row[KINDS[file]])
        out.append(
            f'<mark style="background:{COLOURS[file]}" title="{rid}">'
            f"{html.escape(r.text[s:e])}<sub>{rid}</sub></mark>"
        )
        pos = e
    out.append(html.escape(r.text[pos:end]))
    return "".join(out)


def _row_html(file: str, row: dict) -> str:
    guesses = rows.parse_notes(row.get("notes", ""))
    level = next((c for c in ("low", "medium") if any(g[2] == c for g in guesses)), "high")
    cells = "; ".join(f"{c}={html.escape(row.get(c, ''))}" for c in SHOWN[file] if row.get(c))
    return f"<li><b>{html.escape(row[KINDS[file]])}</b> ({level}) {cells}</li>"


def article_html(r: Review) -> str:
    """The article line by line, mentions highlighted, each line's rows beside it."""
    marks = spans(r)
    lines, pos = [], 0
    for line in r.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        mine = [m for m in marks if start <= m[0] < end]
        seen, items = set(), []
        for _, _, file, row in mine:
            if row[KINDS[file]] not in seen:
                seen.add(row[KINDS[file]])
                items.append(_row_html(file, row))
        lines.append(
            f'<tr><td style="text-align:left;vertical-align:top;width:55%">'
            f"{_marked(r, start, end, mine)}</td>"
            f'<td style="text-align:left;vertical-align:top"><ul>{"".join(items)}</ul></td></tr>'
        )
    return '<table style="font-size:90%">' + "".join(lines) + "</table>"


def verdict_text(r: Review) -> str:
    """The validator's verdict on live data plus this draft."""
    if not r.problems:
        return "valid: the draft, added to data/raw, passes every check of the validator"
    lines = [str(p) for p in r.problems]
    return "\n".join([f"{len(lines)} problem(s) to fix before --accept:", *lines])


def uncertain(r: Review) -> pd.DataFrame:
    """Every guess of medium or low confidence: row, column, value, rule, confidence."""
    out = []
    for file, key in KINDS.items():
        for row in r.tables[file]:
            for column, rule, level in rows.parse_notes(row.get("notes", "")):
                if level != "high":
                    out.append([row[key], column, row.get(column, ""), rule, level])
    columns = ["row", "column", "drafted", "rule", "confidence"]
    frame = pd.DataFrame(out, columns=columns)
    order = {"low": 0, "medium": 1}
    return frame.sort_values("confidence", key=lambda c: c.map(order), kind="stable").reset_index(
        drop=True
    )
