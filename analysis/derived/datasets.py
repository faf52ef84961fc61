"""What notebooks call: the tables, recomputed from data/raw with the notebook's parameters.

Recomputing rather than reading data/processed means a notebook parameter
such as the tolerance always takes effect, and a notebook can never show
tables older than the raw data. The result is remembered for the exact bytes
of data/raw and the tolerance, so a kernel that runs several notebooks (the
report's warm kernels, or re-running cells in JupyterLab) validates once.

A report validates once per run: its main process saves what it built
(`save_prebuilt`) and its kernels, which find the file through the
ANALYSIS_PREBUILT environment variable, load it instead of validating again,
but only when its digest of data/raw and its tolerance are those of the data
they see now; otherwise they validate as usual.
"""

import hashlib
import os
import pickle
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


_CORPUS: dict[tuple[str, str], Corpus] = {}  # (root, digest of data/raw): one entry
_MEMO: dict[tuple[str, str, float], tuple] = {}  # (root, digest, tolerance): a few entries
PREBUILT_ENV = "ANALYSIS_PREBUILT"


def _raw_digest(raw_dir: Path) -> str:
    """sha256 over every file of data/raw, names and bytes: changes when any byte does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(raw_dir)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(tolerance: float, root: Path | None) -> tuple[str, str, float]:
    raw_dir = config.RAW_DIR if root is None else Path(root) / "data" / "raw"
    return (str(root), _raw_digest(raw_dir), float(tolerance))


def _load_prebuilt(key: tuple) -> tuple | None:
    """What the report's main process built for exactly this key, if it saved it."""
    path = os.environ.get(PREBUILT_ENV)
    if not path:
        return None
    try:
        with open(path, "rb") as f:
            saved = pickle.load(f)  # written by this run's own main process (save_prebuilt)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
    return saved.get(key)


def validated_tables(tolerance: float, root: Path | None = None) -> tuple:
    """(corpus, every processed table) for data/raw under root, validated once per content.

    root defaults to the project (config.ROOT); tests pass a fixture corpus.
    """
    key = _key(tolerance, root)
    if key not in _MEMO:
        found = _load_prebuilt(key)
        if found is None:
            corpus = _CORPUS.get(key[:2])
            if corpus is None:
                corpus = validate(root)
            found = (corpus, build_tables(corpus, tolerance))
        if key[:2] not in _CORPUS:
            _CORPUS.clear()  # keep the current data only
            _MEMO.clear()
            _CORPUS[key[:2]] = found[0]
        _MEMO[key] = found
    return _MEMO[key]


def save_prebuilt(path: Path, tolerances: list[float], root: Path | None = None) -> None:
    """Save the validated tables for each tolerance, for kernels to load (see the docstring)."""
    saved = {}
    for tolerance in tolerances:
        key = _key(tolerance, root)
        saved[key] = validated_tables(tolerance, root)
    staged = path.with_name(f".{path.name}.tmp")
    with open(staged, "wb") as f:
        pickle.dump(saved, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(staged, path)


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
