"""Benchmark the report command against sequential papermill runs and the floor.

In one run, on the same notebooks, it times:
  report      `python -m analysis report` (validate, build, notebooks in a pool, HTML, index)
  sequential  the `papermill` command line on each notebook, one after another
  floor       one kernel start plus `import pandas, matplotlib.pyplot, seaborn`
and prints the ratios. Targets on a 2-core machine: report at least 2x faster
than sequential, and within 4x of the floor.

    .venv/bin/python benchmarks/bench_report.py [--repeat 2] [--json out.json]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

REPO = Path(__file__).resolve().parent.parent
PAPERMILL = Path(sys.executable).with_name("papermill")


def project_copy(root: Path) -> Path:
    """A copy of the project's data and notebooks, so runs never touch the repository."""
    for name in ("data", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    return root


def time_report(root: Path, run: int) -> float:
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--quiet", "--run-id", f"bench-{run}"],
        env=env,
        check=True,
        cwd=root,
    )
    return time.perf_counter() - started


def time_sequential(root: Path) -> float:
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    out = root / "papermill-out"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        subprocess.run(
            [
                str(PAPERMILL),
                str(nb),
                str(out / nb.name),
                "--cwd",
                str(root / "notebooks"),
                "-p",
                "output_dir",
                str(out / "charts"),
                "--no-progress-bar",
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - started


def time_floor() -> float:
    started = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.execute_interactive("import pandas, matplotlib.pyplot, seaborn", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        return time.perf_counter() - started
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best counts")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = project_copy(Path(tmp))
        floor = min(time_floor() for _ in range(args.repeat))
        sequential = min(time_sequential(root) for _ in range(args.repeat))
        report = min(time_report(root, i) for i in range(args.repeat))
    result = {
        "cores": os.cpu_count(),
        "floor_s": round(floor, 2),
        "sequential_papermill_s": round(sequential, 2),
        "report_s": round(report, 2),
        "speedup_vs_sequential": round(sequential / report, 2),
        "report_over_floor": round(report / floor, 2),
    }
    print(f"floor (kernel + imports)      {floor:6.2f} s")
    print(f"papermill CLI, one at a time  {sequential:6.2f} s")
    print(f"python -m analysis report     {report:6.2f} s")
    ok_speed = result["speedup_vs_sequential"] >= 2
    ok_floor = result["report_over_floor"] <= 4
    print(
        f"speed-up vs sequential  {result['speedup_vs_sequential']:5.2f}x "
        f"(target >= 2: {'ok' if ok_speed else 'MISSED'})"
    )
    print(
        f"report / floor          {result['report_over_floor']:5.2f}x "
        f"(target <= 4: {'ok' if ok_floor else 'MISSED'})"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if ok_speed and ok_floor else 1


if __name__ == "__main__":
    sys.exit(main())
