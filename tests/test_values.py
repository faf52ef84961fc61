"""Values in their words: per cent as a share of another claim, units, bounds (issue 15)."""

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from analysis.curation.validate import load_corpus
from tests.support.corpora import TWO

TEXT = (
    "About 2 million people have fled the border region since the summer, the agency said. "
    "At least a quarter of about 2 million residents left before the first frost. "
    "Some 40 per cent of them are children. "
    "The agency found that 40% of them live in shelters.\n"
)
BASE = "About 2 million people have fled the border region since the summer, the agency said."
CLAIMS = [
    # claim_id, quote, value_text, qualifier, best, relative_to, fraction
    ("a200-c01", BASE, "About 2 million", "approximately", "2000000", "", ""),
    (
        "a200-c02",
        "At least a quarter of about 2 million residents left before the first frost.",
        "At least a quarter",
        "at_least",
        "",
        "a200-c01",
        "0.25",
    ),
    (
        "a200-c03",
        "Some 40 per cent of them are children.",
        "Some 40 per cent",
        "approximately",
        "",
        "a200-c01",
        "0.4",
    ),
    (
        "a200-c04",
        "The agency found that 40% of them live in shelters.",
        "40%",
        "exact",
        "",
        "a200-c01",
        "0.4",
    ),
]


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writerows([{c: row.get(c, "") for c in header} for row in rows])
    path.write_bytes(path.read_bytes() + out.getvalue().encode("utf-8"))


def _claim(claim_id, quote, value_text, qualifier, best, relative_to, fraction) -> dict:
    one_sided = qualifier == "at_least" and not relative_to
    return {
        "claim_id": claim_id,
        "article_id": "a200",
        "quote": quote,
        "value_text": value_text,
        "subject_id": "people_displaced_ukraine_war",
        "measure": "displaced",
        "qualifier": qualifier,
        "low": best if (qualifier == "exact" or one_sided) else "",
        "best": best if qualifier in ("exact", "approximately") else "",
        "high": best if qualifier == "exact" else "",
        "unit": "people",
        "relative_to": relative_to,
        "fraction": fraction,
        "period_basis": "none",
        "claimant": "The agency",
        "claimant_type": "international_organisation",
        "party_side": "none",
        "verification": "reported",
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The two-article fixture corpus plus an article of shares written in per cent."""
    raw = tmp_path / "data" / "raw"
    shutil.copytree(TWO / "data" / "raw", raw)
    data = TEXT.encode("utf-8")
    name = f"200_{hashlib.sha256(data).hexdigest()[:16]}.txt"
    (raw / "articles" / name).write_bytes(data)
    article = {
        "article_id": "a200",
        "text_file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": "Shares in per cent",
        "published_earliest": "2025-01-15",
        "published_latest": "2025-02-28",
        "published_inferred": "true",
        "published_basis": "Written for the tests.",
        "language": "en",
    }
    _append(raw / "articles.csv", [article])
    _append(raw / "claims.csv", [_claim(*c) for c in CLAIMS])
    return tmp_path


def _edit(project: Path, claim_id: str, **cells: str) -> None:
    path = project / "data" / "raw" / "claims.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for row in rows:
        if row[0] == claim_id:
            for column, value in cells.items():
                row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))


def _problems(project: Path) -> list[str]:
    return [str(p) for p in load_corpus(project).problems]


def test_per_cent_and_quarter_shares_of_another_claim_validate(project):
    assert _problems(project) == []


@pytest.mark.parametrize("claim_id", ["a200-c03", "a200-c04"])
def test_per_cent_read_as_the_fraction_itself_is_refused(project, claim_id):
    _edit(project, claim_id, fraction="40")
    assert _problems(project) == [
        f"data/raw/claims.csv:{24 if claim_id == 'a200-c03' else 25}: fraction: fraction outside "
        f"(0, 1]: '40' (a share of relative_to as a decimal: 0.5 for half, 0.4 for 40 per cent)"
    ]


def test_a_fraction_must_match_the_per_cent_written(project):
    _edit(project, "a200-c04", fraction="0.04")
    assert _problems(project) == [
        "data/raw/claims.csv:25: fraction: fraction 0.04 cannot be read in '40%' "
        "(the value_text reads as 40 per cent)"
    ]


def test_per_cent_counted_as_people_is_refused(project):
    _edit(project, "a200-c04", relative_to="", fraction="", low="40", best="40", high="40")
    assert _problems(project) == [
        "data/raw/claims.csv:25: unit: '40%' is written in per cent, the unit is people "
        "(a figure in per cent has unit percent (or fraction, or is a share of another claim "
        "with relative_to and fraction))"
    ]


def test_a_share_in_per_cent_or_as_a_fraction(project):
    _edit(
        project,
        "a200-c04",
        relative_to="",
        fraction="",
        measure="share",
        unit="fraction",
        low="0.4",
        best="0.4",
        high="0.4",
    )
    assert _problems(project) == []
    _edit(project, "a200-c04", unit="percent", low="40", best="40", high="40")
    assert _problems(project) == []


def test_a_share_above_its_whole_is_refused(project):
    _edit(
        project,
        "a200-c04",
        relative_to="",
        fraction="",
        measure="share",
        unit="fraction",
        low="4",
        best="4",
        high="4",
    )
    above = [p for p in _problems(project) if "more than" in p]
    assert above == [
        f"data/raw/claims.csv:25: {c}: {c} 4 is more than 1 fraction "
        "(a share cannot be larger than its whole)"
        for c in ("best", "high", "low")
    ]


def test_at_least_a_quarter_keeps_its_own_hedge(project):
    _edit(project, "a200-c02", qualifier="approximately")
    assert _problems(project) == [
        "data/raw/claims.csv:23: qualifier: qualifier approximately disagrees with 'At least' "
        "in 'At least a quarter', which is at_least (set qualifier to at_least (with its "
        "bounds), or check value_text)"
    ]
