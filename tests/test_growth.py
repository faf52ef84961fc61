"""A corpus that grows: add an article as the README says, refresh, and everything stays green.

In a temporary copy of the project, a generated article (text, articles.csv
row with its sha256, subjects, claims, events, exclusions) is added exactly as
"Adding an article" describes; then the documented refresh command
(`python -m analysis baselines`) runs; then the live-corpus checks and nbval
run on the copy, and the published report shows the new article's figures.
No line of code or test changes.
"""

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import synth

REPO = Path(__file__).resolve().parent.parent
SEED = 2  # a generated article with killed, displaced, remain_displaced and deployed figures


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _append(path: Path, rows: list[dict]) -> None:
    """Append rows under the file's own header (as an analyst adds lines to the CSV)."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r.get(c, "") for c in header] for r in rows])
    path.write_text(text + ("" if text.endswith("\n") else "\n") + out.getvalue(), encoding="utf-8")


def add_article(project: Path, generated: Path) -> str:
    """Steps 1 to 4 of the README's "Adding an article", with a generated article."""
    raw, new = project / "data" / "raw", generated / "data" / "raw"
    (article,) = _rows(new / "articles.csv")
    text = (new / "articles" / article["text_file"]).read_bytes()
    # 1. the text, byte for byte, named <number>_<first 16 hex digits of its sha256>.txt
    digest = hashlib.sha256(text).hexdigest()
    name = f"900_{digest[:16]}.txt"
    (raw / "articles" / name).write_bytes(text)
    # 2. its row in articles.csv with the sha256 and publication interval
    _append(raw / "articles.csv", [{**article, "text_file": name, "sha256": digest}])
    # 3. and 4. subjects, claims, events and exclusions
    for table in ("subjects", "claims", "events", "exclusions"):
        _append(raw / f"{table}.csv", _rows(new / f"{table}.csv"))
    return article["article_id"]


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> tuple[Path, str]:
    project = tmp_path_factory.mktemp("project")
    for folder in ("data/raw", "notebooks", "docs/figures"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copy(REPO / "README.md", project / "README.md")
    generated = tmp_path_factory.mktemp("generated")
    synth.write_corpus(generated, 8, seed=SEED, claims_per_article=8)
    return project, add_article(project, generated)


def _run(project: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_ROOT": str(project)}
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.slow
def test_an_added_article_keeps_the_suite_green_and_is_reported(grown):
    project, article_id = grown
    refresh = _run(project, "-m", "analysis", "baselines")
    assert refresh.returncode == 0, refresh.stdout + refresh.stderr
    assert "README.md" in refresh.stdout and "notebooks/casualty_rates.ipynb" in refresh.stdout

    checks = _run(
        project,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "--nbval",
        "--nbval-current-env",
        f"--nbval-sanitize-with={REPO / 'tests' / 'nbval-sanitize.cfg'}",
        str(REPO / "tests" / "test_live_corpus.py"),
        str(project / "notebooks"),
        timeout=900,
    )
    assert checks.returncode == 0, checks.stdout[-4000:] + checks.stderr[-2000:]

    report = _run(project, "-m", "analysis", "report", "--quiet")
    assert report.returncode == 0, report.stderr
    published = project / "reports" / "latest"
    claims = (published / "tables" / "claims_resolved.csv").read_text(encoding="utf-8")
    assert f"\n{article_id}-c001," in claims
    index = (published / "index.html").read_text(encoding="utf-8")
    assert f"{article_id}-c" in index  # its figures are among the key figures
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert f"{article_id}-c" in readme  # and in the README's generated block
