"""Links between claims: relative_to (a share of) and part_of (a part of).

A link stays inside its article (the whole of a share or a part is a figure of
the same text: curate it there too), joins claims of one unit, forms no cycle
(in either column), and a part is not larger than its whole.
"""

import math

import pandas as pd

from analysis.curation.corpus import Corpus, present, rows

LINKS = ("relative_to", "part_of")


def stated_bounds(claims: pd.DataFrame, nums: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The widest (low, high) each claim's stated values allow; relative claims via their base.

    Used only for plausibility checks (part <= whole); the analysis layer applies
    the qualifier tolerances. Iterative and memoised: linear in the number of
    claims whatever the length of the chains; a claim in a relative_to cycle, or
    relative to an unknown claim, has no bounds (NaN).
    """
    none = (math.nan, math.nan)
    low, best, high, fraction = (nums[c].to_dict() for c in ("low", "best", "high", "fraction"))
    qualifier = claims["qualifier"].to_dict()
    base_of = {
        i: b for i, b in claims["relative_to"].items() if present(b) and present(fraction[i])
    }

    def own(i: str) -> tuple[float, float]:
        lo = low[i] if present(low[i]) else best[i]
        hi = high[i] if present(high[i]) else best[i]
        return lo, math.inf if qualifier[i] in ("at_least", "more_than") else hi

    bounds: dict[str, tuple[float, float]] = {}
    for start in claims.index:
        chain, current = [], start
        while current in low and current not in bounds and current not in chain:
            chain.append(current)
            current = base_of.get(current)
        lo, hi = bounds.get(current, none)
        for i in reversed(chain):
            lo, hi = (lo * fraction[i], hi * fraction[i]) if i in base_of else own(i)
            bounds[i] = (lo, hi)
    return bounds


def _check_link(corpus: Corpus, table, index, row, col: str, claims: dict) -> bool:
    """Same claim, same article, same unit; True when the link can be followed."""
    other = row[col]
    if other == row["claim_id"]:
        corpus.add(table, index, col, f"{col} points at the claim itself")
        return False
    theirs = claims[other]["article_id"]
    if present(theirs) and present(row["article_id"]) and theirs != row["article_id"]:
        corpus.add(
            table,
            index,
            col,
            f"{col} {other} is a claim of article {theirs}, this claim is in {row['article_id']}",
            "a share or a part refers to a figure of its own article: curate that figure "
            "in this article too",
        )
        return False
    if row["unit"] != claims[other]["unit"]:
        corpus.add(
            table,
            index,
            col,
            f"{col} {other} is in {claims[other]['unit']}, this claim in {row['unit']}",
            "a part and its whole must share a unit",
        )
    return True


def check_parts(corpus: Corpus, table, nums: pd.DataFrame) -> None:
    """part_of and relative_to links: one article, no cycles, same unit, part <= whole."""
    frame = table.frame
    ids = frame["claim_id"]
    if ids.isna().any() or ids.duplicated().any():
        return
    claims = frame.set_index("claim_id", drop=False)
    by_id = nums.set_index(ids)
    bounds = stated_bounds(claims, by_id)
    by_claim = dict(zip(ids, frame[["article_id", "unit"]].to_dict("records"), strict=True))
    for index, row in rows(frame):
        usable = {}
        for col in LINKS:
            other = row[col]
            if present(other) and other in by_claim:
                usable[col] = _check_link(corpus, table, index, row, col, by_claim)
        if not usable.get("part_of"):
            continue
        whole = row["part_of"]
        part_lo, _ = bounds[row["claim_id"]]
        _, whole_hi = bounds[whole]
        if present(part_lo) and present(whole_hi) and part_lo > whole_hi:
            corpus.add(
                table,
                index,
                "part_of",
                f"part ({part_lo:.15g}) is larger than its whole {whole} ({whole_hi:.15g})",
                "check the value, or whether this is really a part of that claim",
            )
    for col in LINKS:
        _check_cycles(corpus, table, frame, col)


def cycles(links: dict[str, str]) -> list[list[str]]:
    """Every cycle of a graph where each node has at most one successor; linear time."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    found = []
    for start in links:
        path, node = [], start
        while node in links and node not in state:
            state[node] = 1
            path.append(node)
            node = links[node]
        if state.get(node) == 1:  # the walk came back to its own path
            found.append(path[path.index(node) :])
        for n in path:
            state[n] = 2
    return found


def _check_cycles(corpus: Corpus, table, frame: pd.DataFrame, col: str) -> None:
    ids, targets = frame["claim_id"], frame[col]
    links = {
        i: t for i, t in zip(ids, targets, strict=True) if present(t) and t != i and present(i)
    }
    index_of = {claim_id: index for index, claim_id in ids.items()}
    for cycle in cycles(links):
        shown = " -> ".join([*cycle, cycle[0]])
        for claim_id in cycle:
            corpus.add(
                table,
                index_of[claim_id],
                col,
                f"{col} forms a cycle: {shown}",
                "a chain of shares or parts must end at a claim with its own value",
            )
