"""A bounded fuzz of the validator: random malformed copies of the fixture corpora.

Each run makes one to three random mistakes (tests.support.mutate: bytes, lines,
cells, headers, files, article texts) in a copy of a fixture corpus and
validates it in-process. Nothing a user can type may raise: every problem is a
`file:line: ...` line, and a corpus the validator accepts goes through the
audit and the derived tables without an exception. The seeds are fixed, so a
failure names its seed and mutation and reruns the same. Longer runs of the same
code (2,000 seeds) found the tracebacks that are now problems (a phrase that
resolves to year 0, in consistency).
"""

import random
import re
from pathlib import Path

import pytest

from analysis.curation import audit
from analysis.curation.validate import load_corpus
from analysis.derived import build
from tests.support.corpora import THREE, TWO
from tests.support.mutate import copy_raw, mutate

CHUNKS, PER_CHUNK = 4, 8  # 32 corpora, a few seconds in all
LINE_RE = re.compile(r"^data/raw[^:]*:\d+: .+")


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_malformed_input_raises(tmp_path: Path, chunk: int):
    for i in range(chunk * PER_CHUNK, (chunk + 1) * PER_CHUNK):
        rng = random.Random(20261122 + i)
        source = rng.choice([TWO, THREE])
        raw = copy_raw(source / "data" / "raw", tmp_path / str(i))
        what = mutate(raw, rng)
        corpus = load_corpus(tmp_path / str(i))
        for problem in corpus.problems:
            assert LINE_RE.match(str(problem)), f"seed {i} ({what}): {problem}"
        if not corpus.problems:
            audit.audit(corpus)
            build.build_tables(corpus)
