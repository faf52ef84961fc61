"""Drafting whole articles: coverage by construction, the draft folder, accept, evaluate, CLI.

Everything runs on the fixture corpora (tests/corpora) or copies of them in
tmp_path; no test reads the live data/raw.
"""

import csv
import hashlib
import os
from pathlib import Path

import pytest

from analysis import __main__ as cli_main
from analysis import config
from analysis.curation import audit, dictionary
from analysis.curation.problems import InvalidData
from analysis.curation.validate import load_corpus, validate
from analysis.drafting import accept, draft, evaluate, rows, verdict, writer
from analysis.language.dates import span
from tests.support.corpora import DRAFTING_DEV, DRAFTING_HELDOUT, TWO, copy_corpus

RAW_FILES = ("articles", "subjects", "claims", "events", "exclusions")


def articles(root: Path) -> list[dict]:
    with (root / "data/raw/articles.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def draft_of(root: Path, article_id: str) -> draft.Draft:
    row = next(a for a in articles(root) if a["article_id"] == article_id)
    body = (root / "data/raw/articles" / row["text_file"]).read_text(encoding="utf-8")
    published = span(row["published_earliest"], row["published_latest"])
    return draft.draft_text(body, article_id, published)


def raw_bytes(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "data/raw").rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("root", "article_id"),
    [(TWO, "a000"), (TWO, "a004")]
    + [(DRAFTING_DEV, a["article_id"]) for a in articles(DRAFTING_DEV)]
    + [(DRAFTING_HELDOUT, a["article_id"]) for a in articles(DRAFTING_HELDOUT)],
)
def test_every_mention_is_accounted_for(root, article_id, tmp_path):
    """A draft covers every mention the audit finds: its audit is 100% once accepted."""
    d = draft_of(root, article_id)
    folder = writer.write(d, tmp_path / "drafts" / "new")
    tables, texts = writer.read(folder)
    project = tmp_path / "project"
    verdict.lay_out(project, tmp_path / "empty", tables, texts)  # the draft alone, as data/raw
    found = audit.audit(load_corpus(project))
    assert len(found) > 0
    assert (found["accounted_by"] != "").all(), found[found["accounted_by"] == ""]
    assert set(";".join(found["accounted_by"]).split(";")) <= {r.id for r in d.rows()}


def test_the_shipped_article_a004_is_reproduced():
    """Value, measure, qualifier, parts and claimant of every figure of a004 as curated."""
    d = draft_of(TWO, "a004")
    got = {r.cells["value_text"]: r.cells for r in d.claims}
    got |= {r.id: r.cells for r in d.claims}
    half = got["Approximately half"]
    assert (half["measure"], half["qualifier"], half["fraction"]) == (
        "casualties",
        "approximately",
        "0.5",
    )
    assert got[half["relative_to"]]["best"] == "12000"
    assert (half["claimant"], half["relayed_by"]) == (
        "Ukrainian and U.S. officials",
        "The New York Times",
    )
    assert got["37"]["part_of"] == got["81"]["claim_id"]
    assert (got["37"]["measure"], got["81"]["measure"]) == ("downed", "launched")
    assert got["22"]["verification"] == "unverified"
    assert got["1000+"]["qualifier"] == "at_least" and got["1000+"]["best"] == ""


def test_each_guess_says_its_rule_and_confidence():
    d = draft_of(TWO, "a000")
    row = next(r for r in d.claims if r.cells["value_text"] == "over 13 million")
    notes = row.finish()["notes"]
    guesses = {f: (rule, c) for f, rule, c in rows.parse_notes(notes)}
    assert guesses["qualifier"] == ("'over' before the number", "high")
    assert guesses["claimant"][0] == "'according to X'"
    assert notes.startswith(f"Drafted ({row.confidence} confidence).")


def test_draft_folder_has_the_curated_schema_and_is_never_overwritten(tmp_path):
    d = draft_of(DRAFTING_DEV, "d01")
    folder = writer.write(d, tmp_path / "d01")
    for name in RAW_FILES:
        with (folder / f"{name}.csv").open(encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert header == dictionary.file_spec(name).column_names
    assert (folder / "articles" / d.text_file).read_text(encoding="utf-8") == d.text
    with pytest.raises(writer.DraftExists):
        writer.write(d, folder)


def test_drafted_dev_article_is_accepted_and_audits_at_100(tmp_path):
    """End to end: draft d01, accept it into a copy of the two-article corpus, validate, audit."""
    root = copy_corpus(TWO, tmp_path)
    folder = writer.write(draft_of(DRAFTING_DEV, "d01"), root / "data/drafts/d01")
    before = raw_bytes(root)
    added = accept.accept(folder, root)
    assert added["claims"] == 7
    corpus = validate(root)
    table = audit.audit(corpus)
    assert (table["accounted_by"] != "").all()
    assert set(table["article_id"]) == {"a000", "a004", "d01"}
    after = raw_bytes(root)
    for name, data in before.items():  # existing lines kept byte for byte
        assert after[name].startswith(data)


def test_accept_writes_nothing_on_a_bad_draft(tmp_path):
    root = copy_corpus(TWO, tmp_path)
    folder = writer.write(draft_of(DRAFTING_DEV, "d02"), root / "data/drafts/d02")
    path = folder / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1].replace(",approximately,", ",nearly,") + "".join(lines[2:]))
    before = raw_bytes(root)
    with pytest.raises(InvalidData) as err:
        accept.accept(folder, root)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.column) == (
        "data/drafts/d02/claims.csv",
        2,
        "qualifier",
    )
    assert raw_bytes(root) == before


def test_a_draft_with_new_columns_names_the_migrate_command_then_is_accepted(tmp_path):
    """A corpus curated before subjects had a location: the draft's location is refused
    with the command that adds the column, and accepted once that has run."""
    from analysis.curation import migrate

    root = copy_corpus(TWO, tmp_path)
    folder = writer.write(draft_of(DRAFTING_DEV, "d01"), root / "data/drafts/d01")
    path = folder / "subjects.csv"
    with path.open(newline="", encoding="utf-8") as f:
        subjects = list(csv.DictReader(f))
    subjects[0]["location"] = "Kherson"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=list(subjects[0]), lineterminator="\n")
        out.writeheader()
        out.writerows(subjects)
    before = raw_bytes(root)
    with pytest.raises(InvalidData) as err:
        accept.accept(folder, root)
    (problem,) = err.value.problems
    assert problem.column == "location"
    assert "python -m analysis migrate" in str(problem)
    assert raw_bytes(root) == before
    migrate.migrate(root)
    assert accept.accept(folder, root)["subjects"] >= 1
    with (root / "data/raw/subjects.csv").open(newline="", encoding="utf-8") as f:
        assert "Kherson" in {r["location"] for r in csv.DictReader(f)}


def test_accept_refuses_an_article_already_curated(tmp_path):
    root = copy_corpus(TWO, tmp_path)
    folder = writer.write(draft_of(TWO, "a004"), root / "data/drafts/a004")
    before = raw_bytes(root)
    with pytest.raises(InvalidData) as err:
        accept.accept(folder, root)
    assert "already in data/raw/articles.csv" in str(err.value.problems[0])
    assert raw_bytes(root) == before


def test_replace_all_restores_everything_when_a_move_fails(tmp_path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"old a\n")
    b.write_bytes(b"old b\n")
    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(accept.os, "replace", failing)
    with pytest.raises(OSError):
        accept.replace_all({a: b"new a\n", b: b"new b\n", tmp_path / "c.txt": b"c"})
    assert (a.read_bytes(), b.read_bytes()) == (b"old a\n", b"old b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_verdict_reports_draft_lines_against_the_draft_files(tmp_path):
    root = copy_corpus(TWO, tmp_path)
    d = draft_of(DRAFTING_DEV, "d01")
    tables, texts = writer.tables(d), {d.text_file: d.text.encode()}
    assert verdict.check(tables, texts, "data/drafts/d01", root) == []
    tables["claims"][1]["measure"] = "eaten"
    (problem,) = verdict.check(tables, texts, "data/drafts/d01", root)
    assert (problem.file, problem.line, problem.column) == (
        "data/drafts/d01/claims.csv",
        3,
        "measure",
    )


def test_evaluate_counts_and_catches_a_wrong_curation(tmp_path):
    result = evaluate.evaluate(TWO)
    total = result.table.iloc[-1]
    assert (total["curated_claims"], total["figures_right"], total["claimant_right"]) == (
        20,
        20,
        20,
    )
    root = copy_corpus(TWO, tmp_path)
    path = root / "data/raw/claims.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",killed,exact,1000,", ",casualties,exact,1000,")
    )
    worse = evaluate.evaluate(root).table.iloc[-1]
    assert worse["figures_right"] == 19
    assert "targets:" in evaluate.format_result(result)


def test_normal_claimant():
    assert evaluate.normal("A 2020 report (unnamed)") == evaluate.normal("a 2020 report")
    assert evaluate.normal("The UNHCR") == evaluate.normal("UNHCR")
    assert evaluate.normal("Russia’s Investigative Committee") == "russia's investigative committee"


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = copy_corpus(TWO, tmp_path)
    monkeypatch.setattr(config, "ROOT", root)
    return root


def run(*argv) -> int:
    return cli_main.main(["draft", *argv])


def test_cli_draft_accept_and_exit_codes(project, capsys):
    text = next((DRAFTING_DEV / "data/raw/articles").glob("d01_*.txt"))
    assert run(str(text), "--published-earliest", "2025-02-10") == 0
    out = capsys.readouterr().out
    assert "wrote data/drafts/a005/" in out and "validator: the draft is valid" in out
    assert run(str(text), "--article-id", "a005") == 3  # the draft folder exists: never overwritten
    assert "exists" in capsys.readouterr().err
    assert run("--accept", str(project / "data/drafts/a005")) == 0
    assert "appended to data/raw" in capsys.readouterr().out
    assert run("--accept", str(project / "data/drafts/a005")) == 2
    err = capsys.readouterr().err
    assert "already in data/raw/articles.csv" in err and "nothing was written" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["missing.txt"],
        [],
        ["--evaluate", "--accept", "x"],
        ["--bogus"],
        ["--accept", "not-a-draft"],
        ["--evaluate", "--root", "/nonexistent"],
        ["README.md", "--published-earliest", "2025-13-01"],
        ["README.md", "--published-earliest", "2025-02-10", "--published-latest", "2025-02-01"],
        ["README.md", "--article-id", "Bad Id"],
    ],
)
def test_cli_usage_errors_exit_3_with_one_line(project, capsys, argv):
    assert run(*argv) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_cli_not_utf8_is_a_usage_error(project, tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Kyiv – 12 killed".encode("cp1252"))
    assert run(str(bad)) == 3
    assert "not UTF-8" in capsys.readouterr().err


def test_cli_evaluate_prints_the_table(project, capsys):
    assert run("--evaluate", "--root", str(TWO), "--articles", "a004") == 0
    out = capsys.readouterr().out
    assert "a004" in out and "targets:" in out and "a000" not in out.split("targets:")[0]


def test_text_file_name_follows_the_corpus_convention():
    raw = b"text"
    digest = hashlib.sha256(raw).hexdigest()[:16]
    assert draft.text_file_name("a005", raw) == f"005_{digest}.txt"
    assert draft.text_file_name("d01", raw) == f"d01_{digest}.txt"


@pytest.mark.parametrize("root", [DRAFTING_DEV, DRAFTING_HELDOUT])
def test_development_corpora_are_valid_and_audited_at_100(root):
    """The hand curation the drafter is measured against is itself valid and complete."""
    found = audit.audit(validate(root))
    assert len(found) > 0
    assert (found["accounted_by"] != "").all(), found[found["accounted_by"] == ""]
