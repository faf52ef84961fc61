"""JupyterLab for analysts: the notebooks, the project's kernel, nothing fetched from outside.

`python -m analysis lab` (and `make lab`) replaces itself with JupyterLab run
by this interpreter, so the default "Python 3 (ipykernel)" kernel is the
project's .venv. The server listens on 127.0.0.1 and never asks the internet
for news, updates or extensions. The browser test starts JupyterLab with this
same command line, adding its own port, token and notebook folder.
"""

import os
import sys
from pathlib import Path

from analysis import config

HOST = "127.0.0.1"
OFFLINE = [
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
]


def command(
    root: Path | None = None,
    port: int | None = None,
    token: str | None = None,
    browser: bool = True,
) -> list[str]:
    """The JupyterLab command line (a given port is used or fails, never another)."""
    args = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.ip={HOST}"]
    args.append(f"--ServerApp.root_dir={root or config.NOTEBOOKS_DIR}")
    if port is not None:
        args += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if token is not None:
        args.append(f"--IdentityProvider.token={token}")
    if not browser:
        args.append("--no-browser")
    if os.geteuid() == 0:  # containers and CI often run as root
        args.append("--allow-root")
    return args + OFFLINE


def environment() -> dict[str, str]:
    """This environment with the interpreter's folder first on PATH (kernels started by name)."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path}
