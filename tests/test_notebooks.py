"""The notebooks as regression baselines: they run the same from anywhere, and the check bites.

nbval itself runs every committed notebook (see addopts in pyproject.toml); these
tests prove that the check fails when a curated value changes, and that the
outputs do not depend on the working directory (JupyterLab and nbval run in
notebooks/, papermill in the caller's directory).
"""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.support.corpora import TWO, copy_corpus

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = "casualty_rates.ipynb"
COMPARED = ("text/plain", "text/html")  # what nbval compares, besides streams


def text_outputs(nb: nbformat.NotebookNode) -> list[list[str]]:
    """Per code cell (injected parameters excluded), the outputs nbval compares."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "injected-parameters" in cell.metadata.get("tags", []):
            continue
        texts = []
        for out in cell.outputs:
            if out.output_type == "stream":
                texts.append(f"{out.name}:{out.text}")
            for mime in COMPARED:
                if mime in out.get("data", {}):
                    texts.append(f"{mime}:{out.data[mime]}")
        cells.append(texts)
    return cells


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The two-article fixture corpus and a copy of the notebooks, with baselines of its own.

    ANALYSIS_ROOT points the suite at it; its notebooks are executed in place first,
    so that their outputs are the regression baseline of this corpus.
    """
    copy_corpus(TWO, tmp_path)
    (tmp_path / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / NOTEBOOK, tmp_path / "notebooks" / NOTEBOOK)
    subprocess.run(
        [sys.executable, "-m", "analysis", "notebooks", "--only", NOTEBOOK],
        env={**os.environ, "ANALYSIS_ROOT": str(tmp_path)},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return tmp_path


def run_nbval(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_ROOT": str(project)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "-q",
            str(project / "notebooks" / NOTEBOOK),
        ],
        env=env,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def edit_claim(project: Path, claim_id: str, **changes: str) -> None:
    path = project / "data" / "raw" / "claims.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["claim_id"] == claim_id:
            row.update(changes)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_regression_bites_when_a_curated_value_changes(project: Path):
    control = run_nbval(project)
    assert control.returncode == 0, control.stdout + control.stderr

    # one curated cell: who the NYT's casualty figure is attributed to (the edit must stay
    # valid: "12,000" read as approximate, as this test once did, is refused, as the text
    # gives it with no hedge)
    edit_claim(project, "a004-c02", claimant="Ukrainian officials")
    changed = run_nbval(project)
    assert changed.returncode == 1, changed.stdout
    # the cells that show the figure's source fail: the key figures, the findings
    assert "mismatch 'text/html'" in changed.stdout or "mismatch 'text/plain'" in changed.stdout
    assert "failed" in changed.stdout.splitlines()[-1]


def test_outputs_do_not_depend_on_the_working_directory(project: Path, tmp_path_factory):
    outputs, charts = [], []
    for where in ("root", "elsewhere"):
        cwd = project if where == "root" else tmp_path_factory.mktemp("elsewhere")
        out = tmp_path_factory.mktemp(f"out-{where}") / NOTEBOOK
        env = {**os.environ, "ANALYSIS_ROOT": str(project)}
        papermill = Path(sys.executable).with_name("papermill")
        subprocess.run(
            [
                str(papermill),
                str(project / "notebooks" / NOTEBOOK),
                str(out),
                "-p",
                "output_dir",
                str(out.parent / "charts"),
                "--no-progress-bar",
            ],
            env=env,
            cwd=cwd,
            check=True,
            capture_output=True,
            timeout=300,
        )
        outputs.append(text_outputs(nbformat.read(out, as_version=4)))
        charts.append(sorted(p.name for p in (out.parent / "charts").iterdir()))
    committed = text_outputs(nbformat.read(project / "notebooks" / NOTEBOOK, as_version=4))
    assert outputs[0] == outputs[1] == committed
    assert (
        charts[0]
        == charts[1]
        == [
            "casualty_rates_per_day.png",
            "casualty_rates_per_day.svg",
            "counts_behind_rates.png",
            "counts_behind_rates.svg",
            "shares_of_whole.png",
            "shares_of_whole.svg",
        ]
    )


def test_committed_notebooks_are_clean_baselines():
    """Outputs and execution counts kept (nbval compares them); papermill records stripped."""
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert "papermill" not in nb.metadata, path.name
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), path.name
        params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, f"{path.name}: one cell tagged parameters"
        for cell in code:
            assert "papermill" not in cell.metadata and "execution" not in cell.metadata
            assert "def " not in cell.source, f"{path.name}: notebooks stay thin"
            for out in cell.outputs:
                assert out.output_type != "error", path.name
                assert not (out.output_type == "stream" and out.name == "stderr"), path.name


# ------------------------------------------------- `python -m analysis notebooks` on bad days


def run_notebooks_command(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "notebooks", "--only", NOTEBOOK],
        env={**os.environ, "ANALYSIS_ROOT": str(project)},
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_failing_cell_is_named_and_the_committed_notebook_kept(project: Path):
    path = project / "notebooks" / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('a cell an analyst broke')"))
    nbformat.write(nb, path)
    before = path.read_bytes()

    result = run_notebooks_command(project)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"notebook {NOTEBOOK}: failed: cell " in result.stderr
    assert "ValueError: a cell an analyst broke; the file is unchanged" in result.stderr
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_invalid_data_runs_no_notebook(project: Path):
    path = project / "notebooks" / NOTEBOOK
    before = path.read_bytes()
    edit_claim(project, "a004-c02", low="twelve")

    result = run_notebooks_command(project)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "claims.csv:" in result.stderr and "low" in result.stderr
    assert "executing" not in result.stdout
    assert path.read_bytes() == before


def test_a_running_build_or_report_is_waited_for_not_overwritten(project: Path):
    from analysis.derived import atomic

    path = project / "notebooks" / NOTEBOOK
    before = path.read_bytes()
    with atomic.checkout_lock(project):
        result = run_notebooks_command(project)
    assert result.returncode == 4, result.stderr
    assert result.stderr.startswith("error: another build or report is running in ")
    assert "no notebook was run" in result.stderr
    assert path.read_bytes() == before


def test_a_cell_past_the_timeout_fails_its_notebook_not_the_disk(capsys):
    """nbclient's CellTimeoutError is a TimeoutError, so an OSError: it is a failed notebook
    (exit 1), not 'cannot write' (exit 5), and the other notebooks still run."""
    from nbclient.exceptions import CellTimeoutError

    from analysis.__main__ import _refresh_notebook

    class Execute:
        @staticmethod
        def refresh_in_place(path):
            raise CellTimeoutError("A cell timed out while it was being executed")

    class Disk:
        @staticmethod
        def refresh_in_place(path):
            raise PermissionError(13, "Permission denied", str(path))

    assert _refresh_notebook(Execute, Path("slow.ipynb")) is False
    err = capsys.readouterr().err
    assert "notebook slow.ipynb: failed: A cell timed out" in err
    with pytest.raises(PermissionError):  # a real write error still goes to exit 5
        _refresh_notebook(Disk, Path("slow.ipynb"))
