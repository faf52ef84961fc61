"""Findings as sentences computed from the tables, for the notebooks' narrative.

A notebook's markdown cells explain method; every statement about the corpus
(how many articles, which figures, what changed, who disagrees) comes from
these functions, so the story follows the data when an article is added.
Each returns a Findings: Markdown in JupyterLab and the HTML report, the same
text in the plain-text output that the notebook regression compares.
"""

import pandas as pd

from analysis.charts import numbers
from analysis.charts.measures import CASUALTY_MEASURES
from analysis.charts.trajectory import choose_subject, panels, trajectory_title

SHOWN = 3  # figures named in a sentence before "and N more"


class Findings(str):
    """Markdown text that shows as Markdown and compares as plain text."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _count(n: int, one: str, many: str) -> str:
    """ "1 figure has", "3 figures have": a count with its noun and verb agreeing."""
    return f"{n:,} {one if n == 1 else many}"


def _listed(items: list[str]) -> str:
    if len(items) <= SHOWN:
        return "; ".join(items)
    return "; ".join(items[:SHOWN]) + f"; and {len(items) - SHOWN} more"


def _figure(row) -> str:
    return numbers.figure(row["low"], row["best"], row["high"], bool(row["high_open"]))


def overview(tables) -> Findings:
    """What the selection holds: figures, articles, inferred dates, parties, verification."""
    claims, articles = tables.claims, tables.corpus.frame("articles")
    chosen = articles[articles["article_id"].isin(set(claims["article_id"]))]
    inferred = int((chosen["published_inferred"] == "true").sum())
    party = int(claims["from_party"].sum())
    doubtful = int((claims["verification"] != "reported").sum())
    return Findings(
        f"This selection holds **{_plural(len(claims), 'figure')}** from "
        f"**{_plural(len(chosen), 'article')}** ({inferred} with a publication date inferred, "
        f"not stated). {party} come at least partly from a party to the war; "
        f"{doubtful} are unverified or disputed in their article."
    )


def casualty_rates(tables) -> Findings:
    """The casualty rates per day, the counts with no rate and why, and the shares."""
    rates = tables.rates
    per_day = rates[(rates["kind"] == "per_day") & rates["measure"].isin(CASUALTY_MEASURES)]
    named = [f"{r['label']}, {_figure(r)}, from {r['source']}" for _, r in per_day.iterrows()]
    claims = tables.claims
    unrated = claims[claims["measure"].isin(CASUALTY_MEASURES) & claims["rate_note"].ne("")]
    reasons = unrated["rate_note"].str.split(":").str[0].value_counts()
    why = "; ".join(f"{reason} ({n})" for reason, n in reasons.items())
    shares = int((rates["kind"] == "share_of_whole").sum())
    text = (
        f"**{_count(len(per_day), 'casualty figure has', 'casualty figures have')}** a rate "
        "per day" + (f": {_listed(named)}." if named else ".")
    )
    if len(unrated):
        text += (
            f" {_count(len(unrated), 'casualty count has', 'casualty counts have')} none: {why}."
        )
    return Findings(
        text + f" {_count(shares, 'figure is', 'figures are')} a share of a named whole."
    )


def losses_over_time(tables, subject_id: str | None = None) -> Findings:
    """The trajectory's finding, the series between dates, and any inconsistency or conflict."""
    subject_id = subject_id or choose_subject(tables.estimates)
    if subject_id is None:
        return Findings("No subject has counts at several dates in this selection.")
    drawn = panels(tables.estimates, subject_id)
    series = tables.series[tables.series["subject_id"] == subject_id]
    falls = series[~series["consistent"].astype(bool)]
    subject = drawn[0][1]["subject"].iloc[0]
    text = (
        f"{trajectory_title(subject, drawn)}. Between successive dates there are "
        f"{_plural(int((series['kind'] == 'increment').sum()), 'increment')} and "
        f"{_plural(int((series['kind'] == 'net_change').sum()), 'net change')}"
    )
    if len(falls):
        pairs = [f"{r['from_claim']} to {r['to_claim']}" for _, r in falls.iterrows()]
        text += f"; **{len(falls)} show a cumulative count falling**: {_listed(pairs)}"
    return Findings(text + ".")


def displacement(tables) -> Findings:
    """Stocks, flows and shares of the displacement figures, each counted and named."""
    d = tables.displacement
    stocks, flows = d[d["count_type"] == "stock"], d[d["count_type"] == "flow"]
    shares = d[d["share_low"].notna()]
    populations = sorted(set(d["population"].dropna()))
    return Findings(
        f"**{_plural(len(d), 'displacement figure')}**: {_plural(len(stocks), 'stock')} (counts "
        f"at a date), {_plural(len(flows), 'flow')} (over a period), "
        f"{_plural(len(shares), 'share')} of a named whole; "
        f"populations: {', '.join(p.replace('_', ' ') for p in populations) or 'none named'}."
    )


def timeline(tables) -> Findings:
    """How many events, over what span, how many told by several articles or inferred."""
    t = tables.timeline
    if t.empty:
        return Findings("No event in this selection.")
    several = int((t["tellings"] > 1).sum())
    inferred = int((t["date_basis"] != "stated").sum())
    first, last = t["earliest"].min(), t["latest"].max()
    return Findings(
        f"**{_plural(len(t), 'event')}** from {first.year} to {numbers.dates(last, last)}; "
        f"{several} told by more than one article; {inferred} dated by inference or by the "
        "analyst (marked *)."
    )


def sources(tables, mentions: pd.DataFrame) -> Findings:
    """Coverage of the audit, sources, agreement and conflicts."""
    accounted = int((mentions["accounted_by"] != "").sum())
    estimates, conflicts = tables.estimates, tables.conflicts
    meeting = int((estimates["agreement"] != "single claim").sum())
    return Findings(
        f"The audit accounts for **{accounted:,} of {len(mentions):,}** numeric mentions. "
        f"{_plural(tables.claims['source'].nunique(), 'source')} supply the figures; "
        f"{meeting} figures share a date with another of their subject and measure, and "
        f"**{_plural(len(conflicts), 'pair')}** of them disagree."
    )


def caveats(tables) -> Findings:
    """What a reader should keep in mind, computed: inferred dates, mapped words, analyst dates."""
    claims, articles = tables.claims, tables.corpus.frame("articles")
    raw = tables.corpus.frame("claims").set_index("claim_id")
    notes = raw.loc[claims["claim_id"], "notes"].fillna("")
    mapped = int(notes.str.contains(r"mapped|maps to|read as", case=False).sum())
    inferred = int((articles["published_inferred"] == "true").sum())
    analyst = int((claims["period_basis"] == "analyst").sum())
    lines = [
        f"- {inferred} of {_count(len(articles), 'article does', 'articles do')} not state "
        "the publication date: it is inferred (`published_basis` in `articles.csv`), and every "
        "relative date inherits the width of that interval.",
        f"- {_count(mapped, 'figure maps', 'figures map')} the article's word to a measure or "
        "a reading (for example 'lost' as casualties): their `notes` in `claims.csv` say so.",
        f"- {_count(analyst, 'figure has', 'figures have')} a period set by the analyst from "
        "other knowledge.",
    ]
    return Findings("\n".join(lines))
