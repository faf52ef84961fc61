"""The analyst's path, for real: JupyterLab in a browser runs every notebook.

A module-scoped fixture starts JupyterLab with the analysts' own entry,
`python -m analysis lab` (what `make lab` runs), from the project's venv on a
free port, with a random token and temporary config, data, runtime and home
folders, so that no user setting leaks in and nothing is fetched from the
internet. It serves a temporary copy of notebooks/ whose stored outputs and
execution counts are cleared, so every chart and every `[n]:` prompt seen in
the browser comes from this run, and the committed notebooks are never
touched. For each notebook a headless Chromium (Debian's, see `make browser`)
opens it, waits for an idle Python kernel, clicks Run > Run All Cells, waits
until every code cell has run, and checks: no error output, as many rendered
charts as the committed notebook has PNG outputs (the independent
expectation), each chart decoded, and no console error from the page. A
screenshot of the whole notebook goes to test-artifacts/jupyterlab-<name>.png.

ANALYSIS_ROOT points the package at a temporary project tree holding a copy of
data/raw, in a folder that is not the notebooks' parent: the charts the
notebooks save go there instead of reports/figures, and a notebook that found
its data through the working directory (rather than from the package) would
fail here.
"""

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from browser_support import ARTIFACTS, chromium
from playwright.sync_api import Browser, ConsoleMessage, Error, Page

from tests.support.corpora import TWO, copy_corpus

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
KERNEL_NAME = "Python 3 (ipykernel)"
ERROR_MIME = "application/vnd.jupyter.error"
STDERR_MIME = "application/vnd.jupyter.stderr"

# Generous on purpose: a 2-core machine also running other tests.
SERVER_START_S = 60
PAGE_MS = 60_000
KERNEL_IDLE_MS = 60_000
RUN_ALL_MS = 120_000

# JupyterLab user settings written into the temporary config dir.
USER_SETTINGS = {
    # No "Would you like to get notified about official Jupyter news?" toast,
    # no news or update fetches (the server side is disabled too).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": (
        '{"fetchNews": "false", "checkForUpdates": false}'
    ),
    # JupyterLab 4 renders only the cells in view by default; render them all
    # so that every prompt and every chart is in the DOM (and the screenshot).
    # No blank space past the last cell: the screenshot fits the notebook.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": (
        '{"windowingMode": "none", "scrollPastEnd": false}'
    ),
}

# Console errors that are not about the notebook. Each names its reason.
BENIGN_CONSOLE = [
    # News and update checks (lab/api/news, lab/api/update): disabled above,
    # but if the client still asks, the answer says nothing about execution.
    re.compile(r"/lab/api/(news|update)\b"),
    # The extension manager lists extensions from PyPI, unreachable offline
    # (it is set to "readonly", which should not ask).
    re.compile(r"/lab/api/extensions\b"),
]

# The whole notebook in the DOM: state of every code cell and of the kernel.
STATE_JS = """() => {
  const prompts = [...document.querySelectorAll(
    '.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  const kernel = document.querySelector(
    '#jp-main-statusbar .jp-StatusBar-TextItem[title^="Change kernel"]');
  return {prompts, kernel: kernel ? kernel.textContent.trim() : null};
}"""

IDLE_JS = f"""() => {{
  const s = ({STATE_JS})();
  return s.kernel === "{KERNEL_NAME} | Idle" && s.prompts.length > 0;
}}"""

# Failed outputs: an error output, or stderr with a traceback or an error.
# JupyterLab 4 renders a cell's exception as application/vnd.jupyter.stderr.
FAILURES_JS = f"""() => [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')]
  .filter(e => e.dataset.mimeType === "{ERROR_MIME}"
    || (e.dataset.mimeType === "{STDERR_MIME}" && /Error|Traceback/.test(e.innerText)))
  .map(e => e.innerText)"""

# Done: the kernel is idle and every code cell has its count, or a cell
# failed (Run All stops there: the rest stay unnumbered, and the traceback
# says more than a timeout would).
DONE_JS = f"""() => {{
  const s = ({STATE_JS})();
  return s.kernel === "{KERNEL_NAME} | Idle" && s.prompts.length > 0
    && (({FAILURES_JS})().length > 0 || s.prompts.every(p => /^\\[\\d+\\]:$/.test(p)));
}}"""

IMAGES_JS = """(n) => {
  const imgs = [...document.querySelectorAll('.jp-NotebookPanel .jp-RenderedImage img')];
  return imgs.length === n && imgs.every(i => i.complete);
}"""


@dataclass
class Lab:
    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def api(self, path: str, method: str = "GET"):
        """Call the REST API with the token; the decoded JSON answer, if any."""
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> dict[int, list[str]]:
    """Processes whose parent is pid, with their command lines (Linux /proc)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name in parentheses may hold spaces: split after it.
            ppid = int(stat.read_text().rpartition(")")[2].split()[1])
            if ppid == pid:
                cmdline = (stat.parent / "cmdline").read_bytes().split(b"\0")
                found[int(stat.parent.name)] = [a.decode() for a in cmdline if a]
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    return found


def _kernels(lab: Lab) -> dict[int, list[str]]:
    return {p: c for p, c in _children(lab.process.pid).items() if "ipykernel_launcher" in c}


TIP_SHOWN_JS = (
    "() => [...document.querySelectorAll('.jp-NotebookPanel .provenance-tip')]"
    ".some(t => t.getAttribute('display') === 'inline')"
)
INTERACTIVE = "casualty_rates_interactive.ipynb"  # a served copy with interactive = True


def _copy_notebooks_without_outputs(target: Path) -> None:
    target.mkdir()
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        nbformat.write(nb, target / name)
        if name == "casualty_rates.ipynb":  # as an analyst sets it in JupyterLab
            for cell in nb.cells:
                if "parameters" in cell.metadata.get("tags", []):
                    cell.source = cell.source.replace("interactive = False", "interactive = True")
            nbformat.write(nb, target / INTERACTIVE)


def _environment(tmp: Path, project: Path) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "IPYTHON", "MPL", "XDG_", "ANALYSIS_"))
    }
    dirs = {
        name: tmp / name.lower()
        for name in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR")
    }
    for folder in dirs.values():
        folder.mkdir()
    for name, text in USER_SETTINGS.items():
        path = dirs["JUPYTER_CONFIG_DIR"] / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {
        **keep,
        **{k: str(v) for k, v in dirs.items()},
        # The default python3 kernelspec runs the server's own interpreter;
        # the venv first on PATH also covers anything started by name.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), keep.get("PATH", "")]),
        "ANALYSIS_ROOT": str(project),
    }


def _stop(lab: Lab) -> None:
    """Shut the kernels down, stop the server's process group, kill what is left."""
    kernels = _kernels(lab)
    if lab.process.poll() is None:
        try:
            for kernel in lab.api("/api/kernels"):
                lab.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except (urllib.error.URLError, OSError):
            pass  # the signals below still stop everything
        os.killpg(lab.process.pid, signal.SIGTERM)
        try:
            lab.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.process.pid, signal.SIGKILL)
            lab.process.wait(timeout=30)
    # Kernels run in their own sessions, outside the server's process group.
    for pid, cmdline in kernels.items():
        try:
            still = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if [a.decode() for a in still if a] == cmdline:
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Lab]:
    tmp = tmp_path_factory.mktemp("jupyterlab")
    project = tmp / "project"
    copy_corpus(TWO, project)
    root = tmp / "served" / "notebooks"
    root.parent.mkdir()
    _copy_notebooks_without_outputs(root)
    port, token = _free_port(), secrets.token_hex(24)
    # The analysts' entry (`make lab`), with this test's port, token and folder.
    command = [sys.executable, "-m", "analysis", "lab", "--no-browser"]
    command += ["--port", str(port), "--token", token, "--root", str(root)]
    log = tmp / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=tmp,
            env=_environment(tmp, project),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Lab(url=f"http://127.0.0.1:{port}", token=token, process=process, log=log)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{server.log_tail()}")
            try:
                server.api("/api/status")
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"no answer in {SERVER_START_S} s:\n{server.log_tail()}")
                time.sleep(0.25)
        yield server
    finally:
        _stop(server)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


def _expected_images(name: str) -> int:
    """Charts the committed notebook shows: its image/png outputs."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    return sum(
        "image/png" in output.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def _state(page: Page) -> dict:
    return page.evaluate(STATE_JS)


def _wait(page: Page, script: str, timeout_ms: int, what: str, arg=None) -> None:
    try:
        page.wait_for_function(script, arg=arg, timeout=timeout_ms, polling=250)
    except Error as error:
        pytest.fail(f"{what} within {timeout_ms / 1000:.0f} s: {_state(page)} ({error.message})")


def _screenshot(page: Page, path: Path) -> None:
    """The whole notebook: grow the viewport until its scroller no longer scrolls."""
    extra = page.evaluate(
        """() => { const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
                   return o.scrollHeight - o.clientHeight; }"""
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(size["height"] + extra, 16000)})
    page.wait_for_function(
        """() => { const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
                   return o.scrollHeight <= o.clientHeight + 1; }""",
        timeout=PAGE_MS,
    )
    path.parent.mkdir(exist_ok=True)
    page.screenshot(path=path, full_page=True)


def _shut_down_sessions(lab: Lab, name: str) -> None:
    """Shut this notebook's kernel down, to keep a small machine free for the next one."""
    for session in lab.api("/api/sessions"):
        if session["path"] == name:
            lab.api(f"/api/sessions/{session['id']}", method="DELETE")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_in_jupyterlab(lab, browser, name):
    expected = _expected_images(name)
    assert expected > 0, f"the committed {name} shows no chart: nothing to compare against"

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(PAGE_MS)
    page = context.new_page()
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = f"{message.text} ({message.location.get('url', '')})"
        if not any(pattern.search(text) for pattern in BENIGN_CONSOLE):
            console.append(text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    # A workspace of its own, so no tab of an earlier test is restored.
    workspace = name.removesuffix(".ipynb")
    try:
        page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}?token={lab.token}")
        page.locator(".jp-NotebookPanel").wait_for()
        _wait(page, IDLE_JS, KERNEL_IDLE_MS, f"no idle '{KERNEL_NAME}' kernel")
        assert set(_state(page)["prompts"]) == {"[ ]:"}, "the served copy still has counts"

        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        _wait(page, DONE_JS, RUN_ALL_MS, "cells still not run")

        failures = page.evaluate(FAILURES_JS)
        assert not failures, "\n\n".join(failures)
        prompts = _state(page)["prompts"]
        assert prompts == [f"[{n}]:" for n in range(1, len(prompts) + 1)], prompts

        _wait(page, IMAGES_JS, PAGE_MS, f"not {expected} loaded charts", arg=expected)
        widths = page.locator(".jp-NotebookPanel .jp-RenderedImage img").evaluate_all(
            "imgs => imgs.map(i => i.naturalWidth)"
        )
        assert len(widths) == expected and all(w > 0 for w in widths), widths

        kernels = _kernels(lab)
        assert kernels, "no kernel process found under the server"
        for cmdline in kernels.values():
            assert Path(cmdline[0]).parent == Path(sys.executable).parent, cmdline

        _screenshot(page, ARTIFACTS / f"jupyterlab-{workspace}.png")
        assert not console, "console errors:\n" + "\n".join(console)
    except BaseException:
        # What the page showed when it failed (best effort: the page may be gone).
        with contextlib.suppress(Error):
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"jupyterlab-{workspace}-failed.png")
        raise
    finally:
        context.close()
        # A server that died is reported by the test itself; the module teardown kills the rest.
        with contextlib.suppress(urllib.error.URLError, OSError):
            _shut_down_sessions(lab, name)


def test_charts_in_jupyterlab_show_the_sentence_behind_each_mark(lab, browser):
    """With interactive = True, the charts are inline SVG whose marks carry their sources."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(PAGE_MS)
    page = context.new_page()
    try:
        page.goto(f"{lab.url}/lab/workspaces/interactive/tree/{INTERACTIVE}?token={lab.token}")
        page.locator(".jp-NotebookPanel").wait_for()
        _wait(page, IDLE_JS, KERNEL_IDLE_MS, f"no idle '{KERNEL_NAME}' kernel")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        _wait(page, DONE_JS, RUN_ALL_MS, "cells still not run")
        assert not page.evaluate(FAILURES_JS)
        marks = page.locator(".jp-NotebookPanel .jp-RenderedHTML svg g[tabindex]")
        assert marks.count() >= 3  # inline SVG (not an <img>): its marks are in the page
        titles = page.locator(".jp-NotebookPanel .jp-RenderedHTML svg g[tabindex] > title")
        texts = titles.all_text_contents()
        assert any("\u201c" in t and "article a0" in t for t in texts), texts[:3]
        marks.last.scroll_into_view_if_needed()
        marks.last.hover(force=True)
        assert marks.last.get_attribute("aria-label") == titles.last.text_content()
        # the notebook ran here, so it is trusted: its charts draw the report's tooltip
        # (besides the browser's own, which no screenshot shows)
        charts = page.locator(".jp-NotebookPanel .jp-RenderedHTML svg:has(g[tabindex])")
        tip = charts.last.locator(".provenance-tip")  # the last mark is in the last chart
        assert tip.count() == 1 and page.locator(".provenance-tip").count() == charts.count()
        assert page.locator(".jp-NotebookPanel #provenance-tip").count() == 0
        _wait(page, TIP_SHOWN_JS, 10_000, "no tooltip drawn on hover")
        shown = " ".join(tip.locator("tspan").all_text_contents())
        assert shown.split() == titles.last.text_content().split()
        page.screenshot(path=ARTIFACTS / "jupyterlab-interactive-chart.png")
    finally:
        context.close()
        with contextlib.suppress(urllib.error.URLError, OSError):
            _shut_down_sessions(lab, INTERACTIVE)
