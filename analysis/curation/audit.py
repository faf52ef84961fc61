"""Coverage audit: every numeric mention in every article, and what accounts for it.

A mention is accounted for when a claim's value_text or period_text, an
event's date_text or an exclusion's mention covers it. The shipped corpus is
kept at 100%: a figure in an article that nobody curated or excluded is a gap.
"""

import pandas as pd

from analysis.curation import spans
from analysis.curation.validate import Corpus
from analysis.language import numbers

# (file, id column, columns whose words account for mentions)
SPAN_SOURCES = (
    ("claims", "claim_id", ("value_text", "period_text")),
    ("events", "event_id", ("date_text",)),
    ("exclusions", "exclusion_id", ("mention",)),
)
AUDIT_COLUMNS = ["article_id", "position", "mention", "value", "accounted_by", "context"]


def _first(text: str, part, mentions: spans.Mentions | None = None) -> int:
    """Where part first occurs in text as whole words (as the validator places it), or -1."""
    if not isinstance(part, str):
        return -1
    starts = spans.locate(text, part, mentions).starts
    return starts[0] if starts else -1


def curated_spans(corpus: Corpus) -> dict[str, list[tuple[int, int, str]]]:
    """Character spans in each article covered by curated words, with the row id."""
    covered: dict[str, list[tuple[int, int, str]]] = {a: [] for a in corpus.texts}
    mentions = {a: spans.Mentions(t) for a, t in corpus.texts.items()}
    for name, id_col, columns in SPAN_SOURCES:
        frame = corpus.frame(name)
        for row in frame.itertuples(index=False):
            text = corpus.texts.get(row.article_id)
            quote_at = _first(text, row.quote, mentions[row.article_id]) if text else -1
            if quote_at < 0:
                continue
            in_quote = spans.Mentions(row.quote)
            for col in columns:
                part = getattr(row, col)
                at = _first(row.quote, part, in_quote)
                if at >= 0:
                    start = quote_at + at
                    covered[row.article_id].append((start, start + len(part), getattr(row, id_col)))
    return covered


def audit(corpus: Corpus) -> pd.DataFrame:
    """One row per numeric mention, with the ids that account for it (empty if none)."""
    covered = curated_spans(corpus)
    rows = []
    for article_id, text in sorted(corpus.texts.items()):
        # sweep: spans sorted by start, mentions come in order; linear in article length
        todo, j, active = sorted(covered[article_id]), 0, []
        for m in numbers.find_mentions(text):
            while j < len(todo) and todo[j][0] < m.end:
                active.append(todo[j])
                j += 1
            active = [sp for sp in active if sp[1] > m.start]
            ids = sorted({i for s, e, i in active if s < m.end})
            context = text[max(0, m.start - 30) : m.end + 30].replace("\n", " ")
            rows.append([article_id, m.start, m.text, m.value, ";".join(ids), context])
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def coverage(table: pd.DataFrame) -> pd.DataFrame:
    """Per article: mentions found, accounted for, and the share in percent."""
    grouped = table.assign(ok=table["accounted_by"] != "").groupby("article_id")["ok"]
    out = pd.DataFrame({"mentions": grouped.size(), "accounted": grouped.sum()})
    out["percent"] = (100 * out["accounted"] / out["mentions"]).round(1)
    return out.reset_index()


def format_report(table: pd.DataFrame) -> str:
    """The audit as text for the terminal."""
    lines = []
    for row in table.itertuples(index=False):
        mark = row.accounted_by or "NOT ACCOUNTED FOR"
        lines.append(f"{row.article_id} @{row.position:>5}  {row.mention:<16} {mark}")
    cov = coverage(table)
    for row in cov.itertuples(index=False):
        lines.append(
            f"{row.article_id}: {row.accounted}/{row.mentions} numeric mentions "
            f"accounted for ({row.percent:g}%)"
        )
    total, ok = len(table), int((table["accounted_by"] != "").sum())
    share = 100 * ok / total if total else 100.0
    lines.append(f"corpus: {ok}/{total} accounted for ({share:.1f}%)")
    return "\n".join(lines)
