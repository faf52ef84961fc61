"""The fixture corpora under tests/corpora: frozen, small project trees written for the tests.

Tests of code run on these (or on generated corpora), never on the live
data/raw, so adding an article to the project cannot break them.

    two_articles    the project's first two articles and their curation, frozen
    three_articles  the same plus a third article (a101, written for the tests):
                    a closed range, "more than", killed or wounded, counts of one
                    subject at several dates, an event told by two articles, a
                    subject reported unattributed by two articles, one-day events
    displacement    one article (a201) of displacement reporting: stocks at two dates
                    (a peak and now), host-country parts of refugees abroad, a per-cent
                    share, a one-sided share, a flow over a period, a duration of a
                    state, killed + wounded + casualties from one briefing
    drafting_dev    fifteen short wire-style articles written and curated by hand as the
                    development set of the drafter (analysis/drafting): d01-d03 tuned its
                    first rules; h01-h04, h05-h08 and then h09-h12 were each held out once
                    (curated before the drafter ever ran on them, evaluated with the rules
                    frozen) and tuned on since; attributions, hedges, ranges, fractions,
                    "out of", relative dates, ages, "one of", datelines, headlines
    drafting_heldout
                    four more such articles (h13-h16), written and curated by hand by
                    someone who had not read the drafter's rules, after h09-h12 became a
                    tuning set; evaluated once with the rules frozen (README), tuned on
                    since (officials by title then surname, "it"/"the agency"/"the ministry",
                    relays, unattributed figures, both warring parties, counts of one
                    subject at two dates, per-cent parts of a whole, times of day)
"""

import shutil
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
TWO = CORPORA / "two_articles"
THREE = CORPORA / "three_articles"
DISPLACEMENT = CORPORA / "displacement"
DRAFTING_DEV = CORPORA / "drafting_dev"
DRAFTING_HELDOUT = CORPORA / "drafting_heldout"


def copy_corpus(source: Path, root: Path) -> Path:
    """Copy a fixture corpus's data/raw under root (a new project tree); returns root."""
    shutil.copytree(source / "data" / "raw", root / "data" / "raw", copy_function=shutil.copyfile)
    return root
