"""The files of data/raw: reading one safely, and knowing the whole folder.

data/raw holds exactly the five curated CSV files and the folder `articles/`
with one text per row of articles.csv. Everything else is reported: a
symbolic link (data/raw holds the files themselves, never a pointer to a file
that can change elsewhere), a folder or a device where a file belongs, a file
that cannot be read, an unknown file (a stray CSV), an article text with no
row, a row with no text. Hidden entries (names starting with ".", such as
JupyterLab's .ipynb_checkpoints) are left alone: nothing reads them.

Article file names: letters, digits, ".", "_" or "-", ending in ".txt", at most
100 characters, not starting with "." (the convention is the article number and
the first 16 hex digits of the text's sha256: 101_06f1fa4c00103ff3.txt).
"""

import os
import re
import stat
from pathlib import Path

from analysis.curation.problems import Problem

MAX_CSV_BYTES = 256 * 2**20
MAX_TEXT_BYTES = 8 * 2**20
MAX_NAME = 100
ARTICLE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.txt")
ARTICLE_NAME_RULE = (
    "letters, digits, '.', '_' or '-', ending in .txt, at most 100 characters, "
    "e.g. 101_06f1fa4c00103ff3.txt"
)
LINK_HINT = "data/raw holds the files themselves: replace the link with a copy of the file"


def _shown(name: str) -> str:
    return name if len(name) <= 60 else name[:57] + "..."


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def read_bytes(path: Path, label: str, problems: list[Problem], limit: int) -> bytes | None:
    """The bytes of a regular file of data/raw, or None with the reason in problems."""
    try:
        if path.is_symlink():
            problems.append(
                Problem(
                    label, 0, "", f"is a symbolic link (to {_shown(_link_target(path))})", LINK_HINT
                )
            )
            return None
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            problems.append(Problem(label, 0, "", "is a folder, not a file", "put the file here"))
            return None
        if not stat.S_ISREG(mode):
            problems.append(Problem(label, 0, "", "is not a regular file", "put the file here"))
            return None
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        problems.append(Problem(label, 0, "", "file not found", f"create {label}"))
        return None
    except PermissionError:
        problems.append(
            Problem(label, 0, "", "cannot be read: permission denied", "make it readable")
        )
        return None
    except OSError as e:
        problems.append(Problem(label, 0, "", f"cannot be read: {e.strerror or e}"))
        return None
    if len(data) > limit:
        problems.append(
            Problem(
                label,
                0,
                "",
                f"file is larger than {limit // 2**20} MB",
                "this is not a curated file or an article text; move it out of data/raw",
            )
        )
        return None
    return data


def article_name_problem(name: str) -> str:
    """Why an article's text_file name breaks the naming rule ("" when it follows it)."""
    if len(name) > MAX_NAME:
        return f"file name is {len(name)} characters long, more than {MAX_NAME}"
    if "/" in name or "\\" in name:
        return f"not a plain file name: {name!r}"
    if not ARTICLE_NAME_RE.fullmatch(name):
        return f"file name {name!r} breaks the naming rule"
    return ""


def _entries(folder: Path) -> list[os.DirEntry] | None:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return None  # a missing or unreadable folder: reported through the files it should hold


def _kind(entry: os.DirEntry) -> str:
    try:
        if entry.is_symlink():
            return "link"
        return "folder" if entry.is_dir(follow_symlinks=False) else "file"
    except OSError:
        return "file"


def inventory(raw: Path, csv_names: set[str], texts: set[str] | None, label) -> list[Problem]:
    """Unknown entries and links in data/raw and data/raw/articles; texts with no row.

    texts: the text_file names of articles.csv, or None when that file is unreadable
    (then unknown texts are not reported). label(path) gives a path as users see it.
    """
    problems = []
    try:
        if raw.is_symlink():
            problems.append(Problem(label(raw), 0, "", "is a symbolic link", LINK_HINT))
        elif raw.exists() and not raw.is_dir():
            problems.append(Problem(label(raw), 0, "", "is not a folder", "data/raw is a folder"))
    except OSError:
        pass  # a path the system cannot look at (too long): reported through its files
    for entry in _entries(raw) or []:
        kind = _kind(entry)
        path = raw / entry.name
        if entry.name == "articles":
            if kind == "link":
                problems.append(Problem(label(path), 0, "", "is a symbolic link", LINK_HINT))
            elif kind == "folder":
                problems += _articles_inventory(path, texts, label)
            else:
                problems.append(
                    Problem(label(path), 0, "", "is a file, not a folder", "article texts go in it")
                )
        elif entry.name not in csv_names:
            problems.append(
                Problem(
                    label(path),
                    0,
                    "",
                    f"unexpected {'symbolic link' if kind == 'link' else kind} in data/raw",
                    "data/raw holds " + ", ".join(sorted(csv_names)) + " and articles/; "
                    "move other files elsewhere",
                )
            )
    return problems


def _articles_inventory(folder: Path, texts: set[str] | None, label) -> list[Problem]:
    problems = []
    for entry in _entries(folder) or []:
        kind = _kind(entry)
        path = folder / entry.name
        if texts is not None and entry.name in texts:
            continue  # read (and any problem reported) through its row of articles.csv
        if kind == "folder":
            problems.append(
                Problem(
                    label(path),
                    0,
                    "",
                    "unexpected folder in data/raw/articles",
                    "article texts lie directly in data/raw/articles/",
                )
            )
        elif texts is not None:
            problems.append(
                Problem(
                    label(path),
                    0,
                    "",
                    "article text has no row in data/raw/articles.csv",
                    "add its row (text_file, sha256, publication interval), "
                    "or move the file out of data/raw/articles/",
                )
            )
    return problems
