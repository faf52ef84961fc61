"""Benchmark: drafting a 1,000-word article takes under a second after import.

The article is made of the fixture articles under tests/corpora (the drafting
development set, then the shipped ones) joined until it has at least 1,000
words. Timed: `analysis.drafting.draft.draft_text` (the first run, which
loads the data dictionary, and the best and median of the runs; imports
excluded; the target holds for the slower of first and median). Shown too,
not part of the target: the validator's verdict on the draft (validating a
temporary project tree of the draft alone).

    python benchmarks/bench_draft.py [--words 1000] [--runs 10] [--json results.json]

Exit codes: 0 under the target, 1 over it.
"""

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.drafting import draft, verdict, writer  # noqa: E402
from analysis.language.dates import span  # noqa: E402
from tests.support.corpora import DRAFTING_DEV, TWO  # noqa: E402

TARGET_SECONDS = 1.0


def article(words: int) -> str:
    """Fixture article texts joined (headlines kept as lines) until `words` words."""
    parts, count = [], 0
    for root in (DRAFTING_DEV, TWO):
        raw = root / "data" / "raw"
        with (raw / "articles.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                body = (raw / "articles" / row["text_file"]).read_text(encoding="utf-8")
                parts.append(body.strip())
                count += len(body.split())
                if count >= words:
                    return "\n\n".join(parts) + "\n"
    return "\n\n".join(parts) + "\n"


def run(words: int, runs: int) -> dict:
    body = article(words)
    published = span("2025-01-15", "2025-02-28")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        d = draft.draft_text(body, "a999", published)
        times.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        tables = writer.tables(d)
        problems = verdict.check(tables, {d.text_file: body.encode()}, "draft", Path(tmp))
        check = time.perf_counter() - start
    return {
        "words": len(body.split()),
        "rows": len(d.rows()),
        "first_seconds": times[0],
        "best_seconds": min(times),
        "median_seconds": statistics.median(times),
        "runs": runs,
        "verdict_seconds": check,
        "verdict_problems": len(problems),
        "target_seconds": TARGET_SECONDS,
        "python": sys.version.split()[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(args.words, args.runs)
    ok = max(result["first_seconds"], result["median_seconds"]) < TARGET_SECONDS
    print(
        f"draft: {result['words']} words, {result['rows']} rows drafted: "
        f"first run {result['first_seconds']:.3f} s (loads the data dictionary), "
        f"best {result['best_seconds']:.3f} s, median {result['median_seconds']:.3f} s "
        f"of {result['runs']} runs (target < {TARGET_SECONDS:g} s: {'met' if ok else 'NOT MET'})"
    )
    print(
        f"verdict (not in the target): {result['verdict_seconds']:.2f} s to validate the draft "
        f"in a temporary tree ({result['verdict_problems']} problems)"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
