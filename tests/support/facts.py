"""Facts of a corpus that prose must not state by hand, and a search for them in text.

Notebook markdown and the string literals of notebook code explain method; any
fact of the corpus they show must be computed. This module lists what would be
a fact stated by hand, for whatever corpus it is given:

  names      article ids and titles, outlets, claimants and relays, subject and
             event labels (exact text)
  numbers    a figure written with digits whose value is a curated low, best or
             high of at least 10 ("11,000", "1.2 million")
  years      a year of any curated date (publication, period, event)
  dates      a month and year, or a day and month, of a curated date
  counts     a number of articles ("two articles", "both articles", "3 articles")
"""

import calendar
import math
import re
from dataclasses import dataclass

import pandas as pd

from analysis.language.dates import parse_partial
from analysis.language.numbers import find_mentions

GENERIC = {"Unattributed (article text)", "Ukraine", "Russia"}  # also ordinary words of prose
_COUNT_RE = re.compile(
    r"\b(?:both|neither|either|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+articles?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Facts:
    names: frozenset[str]
    values: frozenset[float]
    years: frozenset[int]
    dates: frozenset[str]


def _dates(frame: pd.DataFrame, columns: list[str]) -> list:
    out = []
    for column in columns:
        for text in frame[column].dropna():
            try:
                out.append(parse_partial(str(text)))
            except ValueError:
                continue
    return out


def corpus_facts(corpus) -> Facts:
    """Everything of this corpus that prose could state by hand."""
    articles, claims = corpus.frame("articles"), corpus.frame("claims")
    events, subjects = corpus.frame("events"), corpus.frame("subjects")
    names = {
        *articles["article_id"],
        *articles["title"],
        *articles["outlet"].dropna(),
        *articles["relayed_outlet"].dropna(),
        *claims["claimant"],
        *claims["relayed_by"].dropna(),
        *subjects["label"],
        *events["label"],
    }
    values = set()
    for column in ("low", "best", "high"):
        for text in claims[column].dropna():
            value = float(text)
            if value >= 10 and math.isfinite(value):
                values.add(value)
    intervals = _dates(articles, ["published_earliest", "published_latest"])
    intervals += _dates(claims, ["period_start", "period_end"])
    intervals += _dates(events, ["date_start", "date_end"])
    years, dates = set(), set()
    for interval in intervals:
        for day in {interval.earliest, interval.latest}:
            years.add(day.year)
            month = calendar.month_name[day.month]
            dates |= {f"{month} {day.year}", f"{day.day} {month}", f"{month} {day.day}"}
    return Facts(
        frozenset(n for n in names if isinstance(n, str) and len(n) >= 4 and n not in GENERIC),
        frozenset(values),
        frozenset(years),
        frozenset(dates),
    )


def stated(text: str, facts: Facts) -> list[str]:
    """The corpus facts found in text, each as it appears."""
    found = [n for n in facts.names if n in text]
    found += [d for d in facts.dates if re.search(rf"\b{re.escape(d)}\b", text)]
    for m in find_mentions(text):
        if m.kind != "digits":
            continue
        is_year = m.value in facts.years and re.fullmatch(r"\d{4}", m.text)
        if is_year or m.value in facts.values:
            found.append(m.text)
    found += [m.group(0) for m in _COUNT_RE.finditer(text)]
    return sorted(set(found))
