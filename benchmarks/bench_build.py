"""Benchmark: does the whole build grow linearly with the number of claims?

Generates synthetic corpora (tests.support.synth; generation is not timed), times
`analysis.derived.build.build(root)` on each (validation, every processed table and the
atomic write; best of 2 runs), and compares the largest with the smallest: for
linear growth t(large)/t(small) stays within 1.2 times the size ratio (<= 12
for the default 2,000 and 20,000 claims).

    python benchmarks/bench_build.py [--sizes 2000 20000] [--repeats 2] [--json results.json]

Exit codes: 0 linear, 1 growth above the target (or a synthetic corpus did not validate).
"""

import argparse
import json
import sys
import time
from pathlib import Path

from scaling import format_table, measure_sizes

from analysis.curation.problems import InvalidData
from analysis.derived.build import build


def best_time(root: Path, repeats: int) -> tuple[float, dict[str, int]]:
    """Fastest of `repeats` builds, and the number of rows of each table."""
    best, rows = float("inf"), {}
    for _ in range(repeats):
        start = time.perf_counter()
        tables = build(root)
        best = min(best, time.perf_counter() - start)
        rows = {name: len(frame) for name, frame in tables.items()}
    return best, rows


def run(sizes: list[int], seed: int, repeats: int) -> dict:
    return measure_sizes(sizes, seed, best_time, lambda n: repeats, "rows")


def report(result: dict) -> str:
    return format_table(
        result,
        "rows (resolved, rates)",
        lambda rows: f"{rows.get('claims_resolved.csv', 0):,}, {rows.get('rates.csv', 0):,}",
    )


def _invalid(err: InvalidData) -> int:
    print(
        f"error: a synthetic corpus did not validate ({len(err.problems)} problem(s)); "
        "the build cannot be timed. First problems:",
        file=sys.stderr,
    )
    for problem in err.problems[:5]:
        print(f"  {problem}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[2000, 20000], help="claims per corpus"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--repeats", type=int, default=2, help="builds per size (best is kept)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    args = parser.parse_args(argv)
    if len(set(args.sizes)) < 2 or min(args.sizes) < 1:
        parser.error("give at least two different positive sizes")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    try:
        result = run(args.sizes, args.seed, args.repeats)
    except InvalidData as err:
        return _invalid(err)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["linear"] else 1


if __name__ == "__main__":
    sys.exit(main())
