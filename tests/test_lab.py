"""`make lab` and `python -m analysis lab`: one entry for analysts and for the browser test.

tests/test_jupyterlab.py starts JupyterLab through `python -m analysis lab` and
runs every notebook in it; these tests check that `make lab` runs that same
command, and what the command line asks of JupyterLab.
"""

import os
import subprocess
import sys
from pathlib import Path

from analysis import config, lab

REPO = Path(__file__).resolve().parent.parent


def _make_dry_run(target: str, **variables: str) -> list[str]:
    result = subprocess.run(
        ["make", "-n", target, *(f"{k}={v}" for k, v in variables.items())],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line.rstrip() for line in result.stdout.splitlines()]


def test_make_lab_runs_the_lab_command():
    lines = _make_dry_run("lab", LAB_ARGS="--port 8890")
    assert ".venv/bin/python -m analysis lab --port 8890" in lines


def test_make_browse_runs_the_browse_command():
    assert ".venv/bin/python -m analysis browse" in _make_dry_run("browse")


def test_defaults_serve_the_notebooks_on_localhost():
    command = lab.command()
    assert command[:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert f"--ServerApp.root_dir={config.NOTEBOOKS_DIR}" in command
    assert "--ServerApp.ip=127.0.0.1" in command
    assert not [a for a in command if a.startswith(("--ServerApp.port", "--IdentityProvider"))]
    assert "--no-browser" not in command


def test_a_given_port_is_used_or_fails(tmp_path):
    command = lab.command(root=tmp_path, port=8890, token="t0k", browser=False)
    assert {
        f"--ServerApp.root_dir={tmp_path}",
        "--ServerApp.port=8890",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=t0k",
        "--no-browser",
    } <= set(command)


def test_nothing_is_fetched_from_outside():
    command = lab.command()
    assert "--LabApp.news_url=None" in command
    assert "--LabApp.extension_manager=readonly" in command
    assert any(a.startswith("--LabApp.check_for_updates_class=") for a in command)


def test_the_project_interpreter_comes_first_on_path():
    first = lab.environment()["PATH"].split(os.pathsep)[0]
    assert Path(first) == Path(sys.executable).parent
