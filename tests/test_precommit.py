"""The pre-commit hook that strips notebook run metadata, keeping what nbval compares.

The hook's own command line is read from .pre-commit-config.yaml and run on
copies of the committed notebooks after adding what papermill and nbclient
write on a run (notebook and cell `papermill` metadata, cell `execution`
timings). The result must be the committed notebooks byte for byte: run
metadata gone, outputs, execution counts, cell ids and tags kept.
"""

import shlex
import shutil
import subprocess
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def _hook(hook_id: str) -> list[str]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == hook_id]
    assert hook["types"] == ["jupyter"]
    return shlex.split(hook["entry"])


def _add_run_metadata(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"duration": 3.2, "parameters": {"tolerance": 0.2}}
    for cell in nb.cells:
        cell.metadata["papermill"] = {"status": "completed", "duration": 0.5}
        if cell.cell_type == "code":
            cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01T05:17:00.1Z"}
    nbformat.write(nb, path)


def test_nbstripout_hook_strips_run_metadata_only(tmp_path):
    command = _hook("nbstripout")
    executable = REPO / command[0]
    assert executable.is_file(), f"{command[0]} not found: run `make venv`"
    assert NOTEBOOKS
    copies = []
    for original in NOTEBOOKS:
        copy = tmp_path / original.name
        shutil.copyfile(original, copy)
        _add_run_metadata(copy)
        assert copy.read_bytes() != original.read_bytes()
        copies.append(copy)
    subprocess.run([str(executable), *command[1:], *map(str, copies)], check=True, timeout=60)
    for original, copy in zip(NOTEBOOKS, copies, strict=True):
        assert copy.read_text(encoding="utf-8") == original.read_text(encoding="utf-8"), copy.name
    counted = [
        cell.execution_count
        for cell in nbformat.read(copies[0], as_version=4).cells
        if cell.cell_type == "code"
    ]
    assert counted and all(n is not None for n in counted)
