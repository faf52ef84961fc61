"""datasets.load: filters, and the memo that must never serve tables older than data/raw."""

import pytest

from analysis import config
from analysis.derived import datasets
from tests.support.corpora import TWO, copy_corpus


@pytest.fixture
def tmp_root(tmp_path, monkeypatch):
    copy_corpus(TWO, tmp_path)
    monkeypatch.setattr(config, "ROOT", tmp_path)
    monkeypatch.setattr(config, "RAW_DIR", tmp_path / "data" / "raw")
    return tmp_path


def test_memo_follows_the_bytes_of_data_raw(tmp_root):
    first = datasets.load()
    assert first.claims.set_index("claim_id").loc["a004-c10", "subject"] == (
        "Russian drones in one attack"
    )
    # any byte of data/raw must invalidate the memo: here a subject's label
    subjects = tmp_root / "data" / "raw" / "subjects.csv"
    subjects.write_text(
        subjects.read_text(encoding="utf-8").replace(
            "Russian drones in one attack", "Russian drones (one attack)"
        ),
        encoding="utf-8",
    )
    second = datasets.load()
    assert second.claims.set_index("claim_id").loc["a004-c10", "subject"] == (
        "Russian drones (one attack)"
    )


def test_same_data_is_validated_once(tmp_root, monkeypatch):
    datasets.load()
    real, calls = datasets.validate, []

    def counting_validate(root=None):
        calls.append(1)
        return real(root)

    monkeypatch.setattr(datasets, "validate", counting_validate)
    datasets.load()
    assert calls == []  # served from the memo
    wider = datasets.load(tolerance=0.25)
    assert calls == []  # another tolerance: other tables from the same validated corpus
    assert not wider.claims["low"].equals(datasets.load().claims["low"])


def test_filters_keep_rates_only_when_all_inputs_are_kept():
    tables = datasets.load(articles=["a000"], root=TWO)
    assert set(tables.claims["article_id"]) == {"a000"}
    assert all(i.startswith("a000") for cell in tables.rates["inputs"] for i in cell.split(";"))
    verified = datasets.load(include_unverified=False, root=TWO)
    assert "unverified" not in set(verified.claims["verification"])
    assert not verified.rates["inputs"].str.contains("a004-c13").any()
    assert datasets.load(
        as_of="2025-01-01", root=TWO
    ).claims.empty  # nothing certainly published yet
