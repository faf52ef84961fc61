"""Benchmark: does the SQLite export grow linearly with the number of claims?

Generates synthetic corpora (tests.support.synth; generation and validation are
not timed), times `analysis.export.sqlite.export` on each (the processed tables
built in memory, every table written, keyed and indexed for full-text search;
best of 2 runs), and compares the largest with the smallest against the same
linear-growth target as the other scale benchmarks.

    python benchmarks/bench_export.py [--sizes 2000 20000] [--repeats 2]

Exit codes: 0 linear, 1 growth above the target.
"""

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from scaling import format_table, measure_sizes

from analysis.curation.validate import validate
from analysis.export import sqlite


def best_time(root: Path, repeats: int) -> tuple[float, int]:
    """Fastest of `repeats` exports, and the rows of claims_resolved in the database."""
    corpus = validate(root)
    best = float("inf")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        output = Path(tmp) / "figures.sqlite"
        for _ in range(repeats):
            start = time.perf_counter()
            sqlite.export(corpus, output)
            best = min(best, time.perf_counter() - start)
        db = sqlite3.connect(output)
        (rows,) = db.execute("SELECT count(*) FROM claims_resolved").fetchone()
        db.close()
    return best, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[2000, 20000], help="claims per corpus"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--repeats", type=int, default=2, help="exports per size (best is kept)")
    args = parser.parse_args(argv)
    if len(set(args.sizes)) < 2 or min(args.sizes) < 1:
        parser.error("give at least two different positive sizes")
    result = measure_sizes(args.sizes, args.seed, best_time, lambda n: args.repeats, "rows")
    print(format_table(result, "rows (claims_resolved)", lambda rows: f"{rows:,}"))
    return 0 if result["linear"] else 1


if __name__ == "__main__":
    sys.exit(main())
