"""Who supplies the figures: curated figures by kind of claimant and verification."""

import pandas as pd
import seaborn as sns

from analysis.charts import provenance, style

CLAIMANT_WORDS = {
    "unknown": "unattributed (the article itself)",
    "party_to_conflict": "a party to the war",
    "third_country": "third-country officials",
    "international_organisation": "international organisation",
    "mixed": "mixed (incl. a party to the war)",
    "media": "media",
}
VERIFICATION_COLOURS = {
    "reported": style.PALETTE["blue"],
    "unverified": style.PALETTE["vermillion"],
    "disputed": style.PALETTE["orange"],
}


def claims_by_claimant(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims per claimant type and verification status."""
    counts = claims.groupby(["claimant_type", "verification"]).size()
    return (
        counts.rename("claims")
        .reset_index()
        .sort_values(["claims", "claimant_type"], ascending=[False, True], kind="stable")
    )


def claimants_title(claims: pd.DataFrame) -> str:
    """How many figures come, at least partly, from a party to the war: the from_party count."""
    party = int(claims["from_party"].sum())
    return f"{party} of {len(claims)} figures come, at least partly, from a party to the war"


def _tag_bars(fig, ax, claims: pd.DataFrame, counts: pd.DataFrame) -> None:
    """Each bar carries the claims it counts: their ids and the first quotes."""
    order = list(dict.fromkeys(counts["claimant"]))
    for container, verification in zip(
        ax.containers, ax.get_legend_handles_labels()[1], strict=False
    ):
        for patch, claimant in zip(container.patches, order, strict=False):
            kind = next(k for k, w in CLAIMANT_WORDS.items() if w == claimant)
            chosen = claims[
                (claims["claimant_type"] == kind) & (claims["verification"] == verification)
            ]
            if chosen.empty:
                continue
            first = provenance.of_claim(chosen.iloc[0])
            text = provenance.of_group(list(chosen["claim_id"]), f"{claimant}, {verification}")
            provenance.tag(fig, [patch], f"{text} \u2014 first: {first}")


def plot_claimants(claims: pd.DataFrame):
    """How many figures each kind of claimant supplies, by verification status."""
    counts = claims_by_claimant(claims)
    counts["claimant"] = counts["claimant_type"].map(CLAIMANT_WORDS)
    fig, ax = style.new_figure(counts["claimant_type"].nunique())
    order = sorted(counts["verification"].unique(), key=list(VERIFICATION_COLOURS).index)
    sns.barplot(
        data=counts,
        y="claimant",
        x="claims",
        hue="verification",
        hue_order=order,
        orient="h",
        ax=ax,
        palette=[VERIFICATION_COLOURS[v] for v in order],
    )
    _tag_bars(fig, ax, claims, counts)
    ax.set_ylabel("")
    ax.set_xlabel("number of curated figures")
    ax.legend(title="verification", frameon=False, loc="lower right")
    style.finish(
        fig,
        claimants_title(claims),
        "Curated figures by kind of claimant. 'Mixed' claimants include a party to the war, "
        "so the count in the title covers them too.",
        style.source_line(["curated claims"], claims["article_id"]),
    )
    return fig
