"""What notebooks call: the tables, recomputed from data/raw with the notebook's parameters.

Recomputing rather than reading data/processed means a notebook parameter
such as the tolerance always takes effect, and a notebook can never show
tables older than the raw data. The result is remembered for the exact bytes
of data/raw and the tolerance, so a kernel that runs several notebooks (the
report's warm kernels, or re-running cells in JupyterLab) validates once.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.curation import audit
from analysis.curation.validate import Corpus, validate
from analysis.derived import intervals
from analysis.derived.build import build_tables, derive_tables


@dataclass
class Tables:
    """The processed tables a notebook works with, already filtered."""

    corpus: Corpus
    claims: pd.DataFrame
    estimates: pd.DataFrame
    conflicts: pd.DataFrame
    series: pd.DataFrame
    rates: pd.DataFrame
    displacement: pd.DataFrame
    timeline: pd.DataFrame

    def audit(self) -> pd.DataFrame:
        return audit.audit(self.corpus)


_MEMO: dict[tuple[str, str, float], tuple] = {}


def _raw_digest(raw_dir: Path) -> str:
    """sha256 over every file of data/raw, names and bytes: changes when any byte does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(raw_dir)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def validated_tables(tolerance: float, root: Path | None = None) -> tuple:
    """(corpus, every processed table) for data/raw under root, validated once per content.

    root defaults to the project (config.ROOT); tests pass a fixture corpus.
    """
    raw_dir = config.RAW_DIR if root is None else Path(root) / "data" / "raw"
    key = (str(root), _raw_digest(raw_dir), tolerance)
    if key not in _MEMO:
        corpus = validate(root)
        _MEMO.clear()  # keep one entry: the current data
        _MEMO[key] = (corpus, build_tables(corpus, tolerance))
    return _MEMO[key]


def load(
    tolerance: float = intervals.DEFAULT_TOLERANCE,
    include_unverified: bool = True,
    articles: list[str] | None = None,
    as_of: str | None = None,
    root: Path | None = None,
) -> Tables:
    """Validate data/raw and build every table, keeping only the chosen claims.

    articles: article ids to keep (None keeps all); as_of: keep only articles
    certainly published by that date (YYYY-MM-DD); include_unverified: keep
    claims the article marks unverified or disputed. A selection is derived anew
    from the kept claims, so agreement, series and rates never refer to a claim
    left out. root: another project tree (default: this one).
    """
    corpus, tables = validated_tables(tolerance, root)
    if as_of is not None:
        published = corpus.frame("articles")
        known = published[published["published_latest"] <= str(as_of)]["article_id"]
        articles = [a for a in (articles or known) if a in set(known)]
    chosen = tables
    if articles is not None or not include_unverified:
        keep = tables["claims_resolved.csv"]
        if articles is not None:
            keep = keep[keep["article_id"].isin(articles)]
        if not include_unverified:
            keep = keep[keep["verification"] == "reported"]
        chosen = derive_tables(corpus, keep.reset_index(drop=True), tolerance, articles)
    return Tables(
        corpus=corpus,
        claims=chosen["claims_resolved.csv"],
        estimates=chosen["estimates.csv"],
        conflicts=chosen["conflicts.csv"],
        series=chosen["series.csv"],
        rates=chosen["rates.csv"],
        displacement=chosen["displacement.csv"],
        timeline=chosen["timeline.csv"],
    )


def output_dir(path: str | Path | None) -> Path:
    """Where charts go: the given folder, or reports/figures by default."""
    return Path(path) if path else config.FIGURES_DIR
