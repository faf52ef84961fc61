"""Random malformed copies of a fixture corpus, for fuzzing the validator.

`mutate(raw, rng)` makes one random mistake in the data/raw folder `raw` (a
copy: it edits files in place) and returns a short description of it. The
mistakes are those a user can make with an editor, a spreadsheet or a shell:
random bytes, truncated or duplicated lines, huge cells, odd Unicode, nasty
cell values (huge numbers, impossible dates, ids of other rows), duplicated or
reordered headers, empty files, folders or links in place of files, stray
files. Deterministic for a given rng state.
"""

import csv
import io
import os
import random
import shutil
from pathlib import Path

CSV_NAMES = ("articles.csv", "subjects.csv", "claims.csv", "events.csv", "exclusions.csv")
ODD = (
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u00a0",
    "\u00ad",
    "\x00",
    "\x7f",
    "\x85",
    "\t",
    "\r",
    "\n",
    '"',
    ",",
    "'",
    "１",
    "٣",
    "²",
    "½",
    "é",
    "😀",
    "\u0301",
    "\U000e0041",
    "\ufffd",
)
NASTY = (
    "",
    " ",
    "-1",
    "-0",
    "0",
    "0.0",
    "1e400",
    "1e5",
    "inf",
    "nan",
    "NaN",
    "1" * 400,
    "0." + "0" * 400,
    "9" * 16,
    "=1+1",
    "+1",
    "@x",
    "-x",
    "2025-02-30",
    "2025-13-01",
    "0000",
    "0000-01-01",
    "9999-12-31",
    "2025",
    "2025-02",
    "2030-01-01",
    "true",
    "false",
    "yes",
    "none",
    "exact",
    "range",
    "at_least",
    "people",
    "km2",
    "fraction",
    "percent",
    "a000",
    "a004",
    "a999",
    "a000-c01",
    "a000-c03",
    "a004-c01",
    "a004-c02",
    "a004-c10",
    "ev-1961-treaty",
    "x01",
    "kpa",
    "three",
    "hree",
    "1,000",
    "12,000",
    "2,000",
    "over 13 million",
    "1.2",
    "0.5",
    "1",
    "1000",
    "half",
    "１１０００",
    "٢٠٢٥-02-28",
    "x" * 5000,
    "\u200bWestern officials",
    "<b>x</b>",
    "&amp;",
    "../claims.csv",
    "a" * 300 + ".txt",
    "000_039b6c7f9c652b8c.txt",
)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))


def _bytes(raw: Path, rng: random.Random) -> str:
    path = raw / rng.choice(CSV_NAMES)
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(data) + 1)
        op = rng.randrange(3)
        if op == 0:
            data[at:at] = bytes([rng.randrange(256)])
        elif op == 1 and data:
            del data[at : at + rng.randint(1, 20)]
        else:
            data[at:at] = rng.choice(ODD).encode("utf-8")
    path.write_bytes(bytes(data))
    return f"bytes {path.name}"


def _lines(raw: Path, rng: random.Random) -> str:
    path = raw / rng.choice(CSV_NAMES)
    lines = path.read_bytes().split(b"\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(5)
    if op == 0:
        lines.insert(i, lines[i])
    elif op == 1:
        del lines[i]
    elif op == 2:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif op == 3:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        path.write_bytes(b"\n".join(lines)[: rng.randrange(len(b"\n".join(lines)) + 1)])
        return f"truncate {path.name}"
    path.write_bytes(b"\n".join(lines))
    return f"lines {op} {path.name}:{i + 1}"


def _cell(raw: Path, rng: random.Random) -> str:
    path = raw / rng.choice(CSV_NAMES)
    rows = _rows(path)
    if len(rows) < 2:
        return "nothing"
    r = rng.randrange(1, len(rows))
    c = rng.randrange(len(rows[r]))
    op = rng.randrange(3)
    if op == 0:
        rows[r][c] = rng.choice(NASTY)
    elif op == 1:
        at = rng.randrange(len(rows[r][c]) + 1)
        rows[r][c] = rows[r][c][:at] + rng.choice(ODD) + rows[r][c][at:]
    else:
        other = rng.randrange(1, len(rows))
        rows[r][c] = rows[other][rng.randrange(len(rows[other]))]
    _write(path, rows)
    return f"cell {path.name}:{r + 1}:{rows[0][c] if c < len(rows[0]) else c}"


def _header(raw: Path, rng: random.Random) -> str:
    path = raw / rng.choice(CSV_NAMES)
    rows = _rows(path)
    header = rows[0]
    op = rng.randrange(4)
    i = rng.randrange(len(header))
    if op == 0:
        header[i] = header[rng.randrange(len(header))]
    elif op == 1:
        rng.shuffle(header)
    elif op == 2:
        header[i] = header[i].upper()
    else:
        header.insert(i, header[i])
        for row in rows[1:]:
            row.insert(min(i, len(row)), "x")
    _write(path, rows)
    return f"header {op} {path.name}"


def _files(raw: Path, rng: random.Random) -> str:
    texts = sorted((raw / "articles").glob("*"))
    path = rng.choice([*(raw / n for n in CSV_NAMES), *texts, raw / "articles"])
    op = rng.randrange(6)
    if op == 0:
        path.write_bytes(b"")
    elif op == 1:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        path.mkdir()
    elif op == 2:
        outside = raw.parent / f"outside-{path.name}"
        shutil.move(path, outside)
        path.symlink_to(outside)
    elif op == 3:
        stray = rng.choice(("stray.csv", "articles/stray.txt", "notes", "claims.csv.bak"))
        (raw / stray).write_text("x\n", encoding="utf-8")
    elif op == 4:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    else:
        if path.is_file():
            path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 400))))
    return f"files {op} {path.name}"


def _article(raw: Path, rng: random.Random) -> str:
    texts = sorted((raw / "articles").glob("*.txt"))
    path = rng.choice(texts)
    data = path.read_text(encoding="utf-8")
    at = rng.randrange(len(data))
    path.write_text(data[:at] + rng.choice(ODD) + data[at:], encoding="utf-8")
    return f"article {path.name}"


MUTATIONS = (_bytes, _lines, _cell, _cell, _cell, _header, _files, _article)


def _one(raw: Path, rng: random.Random) -> str:
    try:
        return rng.choice(MUTATIONS)(raw, rng)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, IndexError):
        return "skipped"  # an earlier mistake removed or broke the file this one edits


def mutate(raw: Path, rng: random.Random) -> str:
    """Make one to three random mistakes in raw; describe them."""
    return "; ".join(_one(raw, rng) for _ in range(rng.randint(1, 3)))


def copy_raw(source: Path, root: Path) -> Path:
    """A fresh copy of source (a data/raw folder) at root/data/raw; returns it."""
    raw = root / "data" / "raw"
    if raw.exists() or raw.is_symlink():
        shutil.rmtree(root / "data")
    shutil.copytree(source, raw, copy_function=shutil.copyfile)
    os.makedirs(root / "data" / "processed", exist_ok=True)
    return raw
