"""Benchmark the whole report at several corpus sizes, against the floor, in one run.

For each corpus it runs `python -m analysis report --force` in a fresh copy of
the project (cold: no published run), then the same command without --force
(nothing changed: the run is reused), and measures
  wall      seconds from start to exit
  cpu       user + system seconds of the whole process tree (main, workers, kernels):
            a measure that holds on a busy machine, where wall time does not
  peak      the largest sum of resident memory over the process tree (sampled)
Corpora: the shipped one (2 articles, about 20 claims) and synthetic ones of
200 and 2,000 claims (`tests/support/synth.py`, 20 claims an article; add
20,000 with --huge). The floor is one kernel start plus
`import pandas, matplotlib.pyplot, seaborn`.

Targets (issue 11): the shipped report within 3x the floor; the 2,000-claim
report within 2x the shipped one and under 1 GB for the whole tree; the
20,000-claim report within the default notebook timeout (600 s); a no-change
rerun under 0.5 s.

    .venv/bin/python benchmarks/bench_report.py [--repeat 2] [--huge] [--json out.json]
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.synth import write_corpus  # noqa: E402

MB = 1024 * 1024
DEFAULT_TIMEOUT = 600


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class PeakMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.done.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            time.sleep(self.every)


def timed_run(root: Path, *args: str) -> dict:
    """One report command on the project at root: wall, cpu, peak tree memory, exit code."""
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    cpu0, started = _children_cpu(), time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", "--quiet", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = PeakMemory(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    return {
        "exit": proc.returncode,
        "wall_s": wall,
        "cpu_s": _children_cpu() - cpu0,
        "peak_mb": sampler.peak / MB,
        "stdout": out.strip(),
        "stderr": err.strip(),
    }


def time_floor() -> dict:
    """One kernel start plus the scientific imports, in a kernel of this environment."""
    from jupyter_client.manager import start_new_kernel

    cpu0, started = _children_cpu(), time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.execute_interactive("import pandas, matplotlib.pyplot, seaborn", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        wall = time.perf_counter() - started
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return {"wall_s": wall, "cpu_s": _children_cpu() - cpu0}


def project(root: Path, claims: int | None) -> Path:
    """A project tree: the shipped data (claims None) or a synthetic corpus, and the notebooks."""
    if claims is None:
        shutil.copytree(REPO / "data", root / "data")
    else:
        write_corpus(root, claims, seed=1)
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    return root


def measure(claims: int | None, repeat: int, tmp: Path) -> dict:
    """Best of `repeat` cold runs, then a no-change rerun; a failure is reported, not raised."""
    root = project(tmp / f"corpus-{claims or 'shipped'}", claims)
    cold = [timed_run(root, "--force", "--keep", "1") for _ in range(repeat)]
    failed = [r for r in cold if r["exit"] != 0]
    for r in failed:
        print(f"{claims or 'shipped'}: report exited {r['exit']}:\n{r['stderr']}", file=sys.stderr)
    reused = timed_run(root) if not failed else {"wall_s": float("nan"), "stdout": ""}
    return {
        "claims": claims,
        "status": "ok" if not failed else f"exit {failed[0]['exit']}",
        "wall_s": round(min(r["wall_s"] for r in cold), 2),
        "cpu_s": round(min(r["cpu_s"] for r in cold), 2),
        "peak_mb": round(max(r["peak_mb"] for r in cold)),
        "unchanged_s": round(reused["wall_s"], 2),
        "reused": reused["stdout"].startswith("report unchanged"),
    }


def report(rows: list[dict], floor: dict) -> tuple[str, dict]:
    """The table of results and the verdicts."""
    shipped = rows[0]
    lines = [
        f"floor (kernel + imports): {floor['wall_s']:.2f} s wall, {floor['cpu_s']:.2f} s cpu",
        f"{'corpus':>16}  {'wall s':>7}  {'cpu s':>7}  {'peak MB':>8}  {'x shipped':>9}"
        f"  {'x floor':>7}  {'unchanged s':>11}  status",
    ]
    for r in rows:
        name = "shipped" if r["claims"] is None else f"{r['claims']:,} claims"
        lines.append(
            f"{name:>16}  {r['wall_s']:>7.2f}  {r['cpu_s']:>7.2f}  {r['peak_mb']:>8,}"
            f"  {r['wall_s'] / shipped['wall_s']:>9.2f}  {r['wall_s'] / floor['wall_s']:>7.2f}"
            f"  {r['unchanged_s']:>11.2f}  {r['status']}"
        )
    by_claims = {r["claims"]: r for r in rows}
    verdicts = {
        "every report published": all(r["status"] == "ok" for r in rows),
        "shipped within 3x floor": shipped["wall_s"] <= 3 * floor["wall_s"],
        "no-change rerun reused, under 0.5 s": all(
            r["reused"] and r["unchanged_s"] < 0.5 for r in rows if r["status"] == "ok"
        ),
    }
    if 2000 in by_claims:
        big = by_claims[2000]
        verdicts["2,000 claims within 2x shipped"] = big["wall_s"] <= 2 * shipped["wall_s"]
        verdicts["2,000 claims under 1 GB"] = big["peak_mb"] < 1024
    if 20000 in by_claims:
        huge = by_claims[20000]
        verdicts["20,000 claims within 600 s"] = (
            huge["status"] == "ok" and huge["wall_s"] <= DEFAULT_TIMEOUT
        )
    lines += [f"{name}: {'ok' if ok else 'MISSED'}" for name, ok in verdicts.items()]
    return "\n".join(lines), verdicts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=2, help="cold runs per corpus; best counts")
    parser.add_argument("--huge", action="store_true", help="also 20,000 claims (minutes)")
    parser.add_argument("--sizes", type=int, nargs="*", help="synthetic sizes instead of 200 2000")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    sizes = args.sizes if args.sizes is not None else [200, 2000]
    sizes = [*sizes, 20000] if args.huge else sizes
    floor = min((time_floor() for _ in range(args.repeat)), key=lambda r: r["wall_s"])
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        rows = [measure(None, args.repeat, Path(tmp))]
        for n in sizes:
            rows.append(measure(n, 1 if n >= 20000 else args.repeat, Path(tmp)))
    text, verdicts = report(rows, floor)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(text)
    if args.json:
        result = {"cores": os.cpu_count(), "floor": floor, "rows": rows, "verdicts": verdicts}
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
