"""The qualifier of a claim agrees with the hedge written next to its number.

The hedge words of each qualifier are in the dictionary (`hedges`); they count
only right before the number that gives the curated value ("over 13 million",
optionally with "a"/"an" between: "at least a quarter") or right after it
("1000+", "1,000 or more"). So the hedge of a base figure inside a relative
claim's words ("at least a quarter of about 2 million") belongs to the base,
not to the quarter. A hedge before a list of numbers joined by "and" or commas
governs each of them ("at least 139 civilians were killed and 738 injured": 738
is at_least too).
"""

import re
from functools import cache

from analysis.curation import dictionary
from analysis.language.numbers import Mention, find_mentions

ONE_SIDED = ("approximately", "at_least", "more_than", "at_most", "up_to")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


@cache
def _patterns() -> dict[str, tuple[re.Pattern | None, re.Pattern | None]]:
    out = {}
    for q, h in dictionary.hedges().items():
        before = after = None
        if h.before:
            before = re.compile(
                rf"(?:^|(?<=[^\w]))({_alternatives(h.before)})\s+(?:an?\s+)?$", re.IGNORECASE
            )
        words = tuple(w for w in h.after if w != "+")
        if words:
            after = re.compile(rf"^\s+({_alternatives(words)})(?!\w)", re.IGNORECASE)
        out[q] = (before, after)
    return out


def hedges_at(text: str, mention: Mention) -> dict[str, str]:
    """The qualifiers whose hedge words stand next to mention in text, with those words."""
    found = {}
    head, tail = text[: mention.start], text[mention.end :]
    for q, (before, after) in _patterns().items():
        if "+" in dictionary.hedges()[q].after and mention.text.endswith("+"):
            found[q] = "+"
        elif (before and (m := before.search(head))) or (after and (m := after.match(tail))):
            found[q] = m.group(1)
    return found


_JOINED_RE = re.compile(r"(?:,|\band\b)", re.IGNORECASE)


def _list_head(text: str, mention: Mention, mentions: list[Mention]) -> Mention:
    """The first number of the list joined by "and" or commas that mention ends."""
    head = mention
    earlier = [m for m in mentions if m.end <= mention.start]
    for m in reversed(earlier):
        if not _JOINED_RE.search(text[m.end : head.start]):
            break
        head = m
    return head


def disagreement(qualifier: str, text: str, value_mentions: list[Mention]) -> tuple[str, str]:
    """(message, hint) when the qualifier contradicts the hedge next to the value; or ("", "")."""
    found: dict[str, str] = {}
    mentions = find_mentions(text)
    for m in value_mentions:
        found.update(hedges_at(text, m))
        head = _list_head(text, m, mentions)
        if head != m and not found:
            found.update(hedges_at(text, head))
    if qualifier in found or not value_mentions:
        return "", ""
    if qualifier == "range":
        found.pop("range", None)  # its own words
        if not found:
            return "", ""
    if found:
        other, words = next(iter(found.items()))
        return (
            f"qualifier {qualifier} disagrees with {words!r} in {text!r}, which is {other}",
            f"set qualifier to {other} (with its bounds), or check value_text",
        )
    if qualifier in ONE_SIDED:
        h = dictionary.hedges()[qualifier]
        return (
            f"qualifier {qualifier} but {text!r} has none of its words next to the number",
            f"value_text includes the hedge as written ({', '.join(h.before + h.after)}); "
            "a figure stated with no hedge is exact",
        )
    return "", ""
