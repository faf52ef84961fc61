"""The synthetic corpus generator writes valid, fully audited, reproducible data trees."""

import hashlib
from pathlib import Path

import pytest

from analysis.curation import dictionary
from analysis.curation.audit import audit
from analysis.curation.validate import load_corpus
from analysis.derived.build import build_tables
from analysis.language import numbers
from tests.support import synth

N_CLAIMS = 400


def tree_digest(root: Path) -> str:
    """sha256 over every path (files and directories) under root and every file's bytes."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            h.update(f"D {rel}\n".encode())
        else:
            h.update(f"F {rel} {len(path.read_bytes())}\n".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synth")
    synth.write_corpus(root, N_CLAIMS, seed=7)
    return root


@pytest.fixture(scope="module")
def corpus(corpus_root):
    return load_corpus(corpus_root)


def test_layout(corpus_root):
    raw = corpus_root / "data" / "raw"
    for name in synth.RAW_FILES:
        assert (raw / f"{name}.csv").is_file()
    assert any((raw / "articles").glob("*.txt"))
    processed = corpus_root / "data" / "processed"
    assert processed.is_dir()
    assert not any(processed.iterdir())


def test_corpus_is_valid(corpus):
    assert corpus.problems == []


def test_claim_count_is_exact(corpus):
    claims = corpus.frame("claims")
    assert len(claims) == N_CLAIMS
    assert claims["claim_id"].is_unique
    assert len(corpus.frame("articles")) == N_CLAIMS // 20


def test_audit_is_complete(corpus):
    table = audit(corpus)
    assert len(table) > N_CLAIMS
    unaccounted = table[table["accounted_by"] == ""]
    assert unaccounted.empty, unaccounted.to_string()


def test_corpus_has_the_varied_forms(corpus):
    claims = corpus.frame("claims")
    assert set(claims["qualifier"]) == set(dictionary.vocabulary("qualifier"))
    assert claims["relative_to"].notna().any()
    assert claims["part_of"].notna().any()
    assert claims["period_text"].notna().any()
    assert {"stated", "resolved_from_publication", "none"} <= set(claims["period_basis"])
    texts = " | ".join(claims["value_text"])
    for form in (" million", ",", "between ", "half", "over ", "at least ", "+"):
        assert form in texts, form
    assert not corpus.frame("events").empty
    assert not corpus.frame("exclusions").empty


def test_stories_give_series_conflicts_and_displacement_stocks(corpus):
    tables = build_tables(corpus)
    series = tables["series.csv"]
    assert {"increment", "net_change"} <= set(series["kind"])
    assert {"killed", "displaced", "remain_displaced"} <= set(series["measure"])
    assert not tables["conflicts.csv"].empty
    displacement = tables["displacement.csv"]
    assert {"stock", "flow"} <= set(displacement["count_type"])
    assert displacement["population"].notna().any()
    # a story's subject is reported by several articles, at different dates
    killed = tables["estimates.csv"].query("measure == 'killed'")
    assert (killed.groupby("subject_id")["article_id"].nunique() >= 3).any()


def test_parts_are_not_larger_than_wholes(corpus):
    claims = corpus.frame("claims").set_index("claim_id")
    parts = claims[claims["part_of"].notna() & claims["relative_to"].isna()]
    assert not parts.empty
    for claim_id, row in parts.iterrows():
        whole = claims.loc[row["part_of"]]
        part_low = row["low"] if isinstance(row["low"], str) else row["best"]
        whole_high = whole["high"] if isinstance(whole["high"], str) else whole["best"]
        if isinstance(whole_high, str) and whole["qualifier"] not in ("at_least", "more_than"):
            assert float(part_low) <= float(whole_high), claim_id


def test_filler_has_no_numbers():
    for sentence in synth.FILLER:
        assert numbers.find_mentions(sentence) == [], sentence


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.write_corpus(first, 60, seed=3)
    synth.write_corpus(second, 60, seed=3)
    synth.write_corpus(other, 60, seed=4)
    assert tree_digest(first) == tree_digest(second)
    assert tree_digest(first) != tree_digest(other)


@pytest.mark.parametrize(("n", "per_article"), [(1, 20), (13, 20), (7, 1), (25, 4)])
def test_odd_sizes(tmp_path, n, per_article):
    synth.write_corpus(tmp_path, n, seed=1, claims_per_article=per_article)
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    assert len(corpus.frame("claims")) == n
    assert (audit(corpus)["accounted_by"] != "").all()


def test_refuses_to_overwrite(tmp_path):
    synth.write_corpus(tmp_path, 5)
    with pytest.raises(FileExistsError):
        synth.write_corpus(tmp_path, 5)


def test_rejects_no_claims(tmp_path):
    with pytest.raises(ValueError):
        synth.write_corpus(tmp_path, 0)


def test_cli(tmp_path, capsys):
    assert synth.main([str(tmp_path), "--claims", "30", "--seed", "2"]) == 0
    assert "wrote 30 claims" in capsys.readouterr().out
    assert load_corpus(tmp_path).problems == []
    assert synth.main([str(tmp_path), "--claims", "30"]) == 2
    assert "not empty" in capsys.readouterr().err
