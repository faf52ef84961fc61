"""What the scale benchmarks share: time a step on synthetic corpora of several sizes.

Generation is not timed. Growth is linear enough when t(largest)/t(smallest)
stays within SLACK times the size ratio (<= 12 for 2,000 and 20,000 claims).
"""

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.synth import write_corpus  # noqa: E402

SLACK = 1.2  # allowed ratio over perfectly linear growth

# timed(root, repeats) -> (best seconds, a detail to report: problems found, rows built)
Timed = Callable[[Path, int], tuple[float, object]]


def measure_sizes(
    sizes: list[int], seed: int, timed: Timed, repeats: Callable[[int], int], detail: str
) -> dict:
    """Time `timed` on a fresh synthetic corpus of each size; the ratio and its verdict."""
    rows = []
    for n in sorted(set(sizes)):
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            root = Path(tmp)
            write_corpus(root, n, seed=seed)
            runs = repeats(n)
            seconds, found = timed(root, runs)
        rows.append(
            {
                "claims": n,
                "seconds": seconds,
                "claims_per_second": n / seconds,
                "repeats": runs,
                detail: found,
            }
        )
    small, large = rows[0], rows[-1]
    ratio = large["seconds"] / small["seconds"]
    target = SLACK * large["claims"] / small["claims"]
    return {
        "sizes": rows,
        "ratio": ratio,
        "target": target,
        "linear": ratio <= target,
        "python": sys.version.split()[0],
    }


def format_table(result: dict, detail: str, show: Callable[[object], str] = str) -> str:
    """The measured sizes as a table, and the ratio with its verdict."""
    lines = [f"{'claims':>8}  {'seconds':>8}  {'claims/s':>9}  {'runs':>4}  {detail}"]
    for r in result["sizes"]:
        found = r[detail.split()[0]]
        lines.append(
            f"{r['claims']:>8,}  {r['seconds']:>8.3f}  {r['claims_per_second']:>9,.0f}"
            f"  {r['repeats']:>4}  {show(found)}"
        )
    small, large = result["sizes"][0]["claims"], result["sizes"][-1]["claims"]
    verdict = "ok" if result["linear"] else "SUPERLINEAR"
    lines.append(
        f"t({large})/t({small}) = {result['ratio']:.2f}  "
        f"(target <= {result['target']:g} (linear growth)): {verdict}"
    )
    return "\n".join(lines)
