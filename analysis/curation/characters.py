"""Characters a curated cell or an article text may not contain, and how to name them.

Refused everywhere: control characters (tab, line breaks, NUL, C1 controls),
invisible and direction-control characters (Unicode format characters such as
zero-width spaces and joiners, bidirectional marks, embeddings and isolates, the
BOM; the line and paragraph separators U+2028/U+2029; other default-ignorable
code points such as variation selectors) and decimal digits other than ASCII
0-9. They are invisible or look like ordinary text, so two cells that read the
same would differ ("Western\\u200b officials" would be a second source) and a
number written with them would escape the number grammar and the audit.

Outside verbatim words (quotes and the words taken from them), spaces other than
the plain space are refused too: a no-break space in a claimant's name would
also make a second source, while article texts keep theirs.
"""

import re
import unicodedata

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Unicode 14 general categories Cf, Zl and Zp, plus the other default-ignorable code points
INVISIBLE_RE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
FOREIGN_DIGIT_RE = re.compile(r"(?![0-9])\d")
ODD_SPACE_RE = re.compile(r"(?! )[^\S\x00-\x1f\x7f-\x9f\u2028\u2029]")


def describe(char: str) -> str:
    """A character as users can look it up: U+200B (ZERO WIDTH SPACE)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def problem(text: str, verbatim: bool = True) -> tuple[int, str, str] | None:
    """The first refused character of text: (position, message, hint), or None."""
    if text.isascii():
        return None  # the fast path: no rule can apply
    for pattern, message, hint in _RULES if verbatim else _RULES + _PLAIN_RULES:
        m = pattern.search(text)
        if m:
            return m.start(), message.format(describe(m.group())), hint
    return None


_RULES = (
    (
        INVISIBLE_RE,
        "contains an invisible or direction-control character {}",
        "delete it: it cannot be seen but makes the text differ from what it shows",
    ),
    (
        FOREIGN_DIGIT_RE,
        "contains a digit other than 0-9: {}",
        "write numbers and dates with the ASCII digits 0-9",
    ),
)
_PLAIN_RULES = (
    (
        ODD_SPACE_RE,
        "contains a space other than the plain space: {}",
        "type an ordinary space",
    ),
)
