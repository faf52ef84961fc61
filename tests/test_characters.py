"""Characters refused in curated cells and article texts."""

import pytest

from analysis.curation import characters


@pytest.mark.parametrize(
    "char",
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d"]
    + ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\ufeff", "\u00ad"]
    + ["\u2060", "\u061c", "\ufe0f", "\U000e0041"],
)
def test_invisible_and_direction_characters_are_refused(char):
    at, message, _ = characters.problem(f"Western{char} officials")
    assert at == len("Western")
    assert message.startswith("contains an invisible or direction-control character U+")


@pytest.mark.parametrize("digit", ["１", "١", "۱", "१", "১", "๑", "𝟏"])
def test_digits_other_than_ascii_are_refused(digit):
    _, message, hint = characters.problem(f"{digit}1000")
    assert message.startswith("contains a digit other than 0-9: U+")
    assert hint == "write numbers and dates with the ASCII digits 0-9"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u3000"])
def test_odd_spaces_only_outside_verbatim_words(space):
    text = f"Western{space}officials"
    assert characters.problem(text, verbatim=True) is None
    _, message, _ = characters.problem(text, verbatim=False)
    assert message.startswith("contains a space other than the plain space: U+")


@pytest.mark.parametrize(
    "text", ["Russia’s “Investigative” Committee – 22", "km² ½ é ü ñ ß 北京", "Кременчук 2025"]
)
def test_ordinary_text_passes(text):
    assert characters.problem(text, verbatim=False) is None


def test_describe_names_the_character():
    assert characters.describe("\u200b") == "U+200B (ZERO WIDTH SPACE)"
    assert characters.describe("\U000e0041") == "U+E0041 (TAG LATIN CAPITAL LETTER A)"
