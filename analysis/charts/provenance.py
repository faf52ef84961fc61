"""Provenance on the marks: every mark of a figure carries the sentence it came from.

Chart code tags each artist that stands for a curated or derived figure with
a text: the verbatim quote, who claimed it and who relayed it, the article and
the claim id; for a derived figure its method and inputs, with their quotes.
When a chart is saved as SVG, each tagged artist's group gets that text as its
`<title>` (a tooltip on hover, in the report and in JupyterLab), an
`aria-label` and `tabindex="0"` (so keyboard focus reaches it and assistive
technology reads it). The text is escaped: a quote holding markup is shown as
text, never run. PNG files are not affected.
"""

import html
import re

import pandas as pd

MAX_QUOTES = 3  # quotes written into a derived figure's text before "and N more"


def of_claim(row) -> str:
    """ "about 200" — “By 14 December about 200 ...” — NIS — article a101, claim a101-c02."""
    relay = row.get("relayed_by")
    via = f", via {relay}" if isinstance(relay, str) and relay else ""
    return (
        f"{row['value_text']} \u2014 \u201c{row['quote']}\u201d \u2014 "
        f"{row['claimant']}{via} \u2014 article {row['article_id']}, claim {row['claim_id']}"
    )


def of_derived(row, claims: pd.DataFrame | None) -> str:
    """What a derived figure is, its method and inputs, and the quotes they come from."""
    text = f"{row['label']} \u2014 method: {row['method']} \u2014 inputs: {row['inputs']}"
    if claims is None:
        return f"{text} \u2014 {row['source']}"
    by_id = claims.set_index("claim_id")
    ids = [i for i in row["inputs"].split(";") if i in by_id.index]
    quotes = [of_claim({**by_id.loc[i].to_dict(), "claim_id": i}) for i in ids[:MAX_QUOTES]]
    more = f" (and {len(ids) - MAX_QUOTES} more)" if len(ids) > MAX_QUOTES else ""
    return f"{text} \u2014 " + " | ".join(quotes) + more


def of_group(claim_ids: list[str], what: str) -> str:
    """A summarised row: how many figures it holds and their ids (see their table)."""
    more = f" and {len(claim_ids) - 10} more" if len(claim_ids) > 10 else ""
    shown = ", ".join(claim_ids[:10]) + more
    return f"{what}: {len(claim_ids)} figures ({shown}); each with its quote in the tables"


def tag(fig, artists, text: str) -> None:
    """Mark each artist as standing for the figure described by text."""
    registry = fig.__dict__.setdefault("_provenance", {})
    for artist in artists if isinstance(artists, (list, tuple)) else [artists]:
        if artist is None:
            continue
        gid = f"prov-{len(registry)}"
        artist.set_gid(gid)
        registry[gid] = text


def texts(fig) -> dict[str, str]:
    """gid -> provenance text of every tagged artist of the figure."""
    return dict(fig.__dict__.get("_provenance", {}))


_GROUP_RE = re.compile(r'<g id="(prov-\d+)"')


def add_titles(svg: str, provenance: dict[str, str]) -> str:
    """The SVG with a <title>, an aria-label and tabindex on every tagged group."""

    def titled(m: re.Match) -> str:
        text = provenance.get(m.group(1))
        if text is None:
            return m.group(0)
        escaped = html.escape(text, quote=True)
        return (
            f'{m.group(0)} tabindex="0" role="img" aria-label="{escaped}"><title>{escaped}</title'
        )

    # `<g id="prov-3">` becomes `<g id="prov-3" tabindex=... aria-label=...><title>..</title>`
    return _GROUP_RE.sub(titled, svg)
