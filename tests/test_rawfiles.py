"""The files of data/raw: read safely, the whole folder known."""

import os
import shutil
from pathlib import Path

import pytest

from analysis.curation import rawfiles
from analysis.curation.validate import load_corpus
from tests.support.corpora import TWO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(TWO / "data" / "raw", tmp_path / "data" / "raw")
    return tmp_path


def _problems(project: Path) -> list[str]:
    return [str(p) for p in load_corpus(project).problems]


def test_hidden_entries_are_left_alone(project):
    """JupyterLab's checkpoints of an edited CSV and the OS's own files."""
    raw = project / "data" / "raw"
    (raw / ".ipynb_checkpoints").mkdir()
    (raw / ".ipynb_checkpoints" / "claims-checkpoint.csv").write_text("x\n")
    (raw / "articles" / ".DS_Store").write_bytes(b"\0")
    assert _problems(project) == []


def test_an_unreadable_file_is_a_problem_not_a_traceback(project, monkeypatch):
    """Root reads any file whatever its mode, so the refusal is simulated."""
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "events.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert _problems(project) == [
        "data/raw/events.csv:0: cannot be read: permission denied (make it readable)"
    ]


def test_a_named_pipe_is_not_read(project):
    """Reading a FIFO would block forever."""
    path = project / "data" / "raw" / "events.csv"
    path.unlink()
    os.mkfifo(path)
    assert _problems(project) == [
        "data/raw/events.csv:0: is not a regular file (put the file here)"
    ]


@pytest.mark.parametrize("target", ["loop", "missing"])
def test_odd_links_are_reported(project, target):
    path = project / "data" / "raw" / "subjects.csv"
    path.unlink()
    path.symlink_to("subjects.csv" if target == "loop" else "nowhere.csv")
    (found,) = _problems(project)
    assert found.startswith("data/raw/subjects.csv:0: is a symbolic link (to ")


def test_an_oversized_file_is_not_read(project, monkeypatch):
    monkeypatch.setattr(rawfiles, "MAX_CSV_BYTES", 1000)
    found = _problems(project)
    assert (
        "data/raw/claims.csv:0: file is larger than 0 MB (this is not a curated file or an "
        "article text; move it out of data/raw)"
    ) in found


def test_a_missing_raw_folder(tmp_path):
    found = _problems(tmp_path)
    assert len(found) == 5
    assert all(line.endswith(f": file not found (create {line.split(':')[0]})") for line in found)


def test_raw_folder_is_a_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "raw").write_text("not a folder\n")
    found = _problems(tmp_path)
    assert found[0] == "data/raw:0: is not a folder (data/raw is a folder)"
    assert found[1:] == [
        f"data/raw/{name}.csv:0: cannot be read: Not a directory"
        for name in ("articles", "claims", "events", "exclusions", "subjects")
    ]


def test_raw_folder_is_a_link(tmp_path):
    shutil.copytree(TWO / "data" / "raw", tmp_path / "elsewhere")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "raw").symlink_to(tmp_path / "elsewhere")
    assert _problems(tmp_path) == [
        "data/raw:0: is a symbolic link (data/raw holds the files themselves: replace the link "
        "with a copy of the file)"
    ]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("a" * 300 + ".txt", "file name is 304 characters long, more than 100"),
        ("../claims.csv", "not a plain file name: '../claims.csv'"),
        ("sub/004.txt", "not a plain file name: 'sub/004.txt'"),
        (".hidden.txt", "file name '.hidden.txt' breaks the naming rule"),
        ("004 article.txt", "file name '004 article.txt' breaks the naming rule"),
        ("004.TXT", "file name '004.TXT' breaks the naming rule"),
        ("004", "file name '004' breaks the naming rule"),
        ("004.txt", ""),
        ("101_06f1fa4c00103ff3.txt", ""),
    ],
)
def test_article_naming_rule(name, problem):
    assert rawfiles.article_name_problem(name) == problem
