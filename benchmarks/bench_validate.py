"""Benchmark: does validation time grow linearly with the number of claims?

Generates synthetic corpora (tests.support.synth; generation is not timed), times
`analysis.curation.validate.load_corpus` on each (best of 3 runs, best of 2 for the
largest size), checks that every corpus is valid, and compares the largest
with the smallest: for linear growth t(large)/t(small) stays within 1.2 times
the size ratio (<= 12 for the default 2,000 and 20,000 claims).

    python benchmarks/bench_validate.py [--sizes 2000 20000] [--json results.json]

Exit codes: 0 linear, 1 growth above the target (or a corpus was invalid).
"""

import argparse
import json
import sys
import time
from pathlib import Path

from scaling import format_table, measure_sizes

from analysis.curation.validate import load_corpus


def best_time(root: Path, repeats: int) -> tuple[float, int]:
    """Fastest of `repeats` runs of load_corpus, and the number of problems found."""
    best, problems = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        corpus = load_corpus(root)
        best = min(best, time.perf_counter() - start)
        problems = len(corpus.problems)
    return best, problems


def run(sizes: list[int], seed: int) -> dict:
    largest = max(sizes)
    result = measure_sizes(sizes, seed, best_time, lambda n: 2 if n == largest else 3, "problems")
    result["valid"] = all(r["problems"] == 0 for r in result["sizes"])
    return result


def report(result: dict) -> str:
    return format_table(result, "problems")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[2000, 20000], help="claims per corpus"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    args = parser.parse_args(argv)
    if len(set(args.sizes)) < 2 or min(args.sizes) < 1:
        parser.error("give at least two different positive sizes")
    result = run(args.sizes, args.seed)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if not result["valid"]:
        print("error: a synthetic corpus did not validate", file=sys.stderr)
        return 1
    return 0 if result["linear"] else 1


if __name__ == "__main__":
    sys.exit(main())
