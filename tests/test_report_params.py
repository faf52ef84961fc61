"""Every flag and parameter is checked before anything starts: exit 3 and one line.

In-process tests cover the checks themselves (fast); the command-line tests run
the real command and check that a refused run prints one line, creates nothing
(no reports folder, no partial run, so no worker was started) and never shows
a traceback.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.report import params
from tests.support.reports import REPO, files_under, make_project, report_env, run_report

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


# --------------------------------------------------------------------------- YAML


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[&a x, *a]", "YAML aliases (*name) are not accepted"),
        ("[" * 3000 + "]" * 3000, "nested deeper than 5 levels"),
        ("x" * 20_000, "at most 16,384"),
        ("!!python/object/apply:os.system [id]", "not valid YAML"),
        ("[a, b", "not valid YAML"),
        ("{a: 1, a: 2}", "'a' is given twice"),
    ],
    ids=["alias", "nesting", "size", "python-tag", "unclosed", "duplicate"],
)
def test_values_the_loader_refuses(text, message):
    with pytest.raises(params.ParameterError, match=re.escape(message)):
        params.parse_value(text)


def test_dates_stay_text_even_when_they_do_not_exist():
    """PyYAML raises ValueError (not YAMLError) for 2025-02-30; here it stays text."""
    assert params.parse_value("2025-02-30") == "2025-02-30"
    assert params.parse_value("[2025-01-31]") == ["2025-01-31"]
    assert params.parse_value(".nan") != params.parse_value(".nan")  # a float NaN, checked later


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tolerance: 0.2\n".encode("utf-16"), "not UTF-8 text"),
        (b"tolerance: 0.2\nas_of: '2025-01-0\xff'\n", "not UTF-8 text (byte 32)"),
        (BILLION_LAUGHS.encode(), "YAML aliases (*name) are not accepted (line 2)"),
        (("a: " + "[" * 3000 + "]" * 3000).encode(), "nested deeper than 5 levels"),
        (b"# " + b"x" * 70_000, "over 64 KiB"),
        (b"- tolerance\n", "expected a mapping of name: value"),
        (b"tolerance: 0.2\ntolerance: 0.3\n", "'tolerance' is given twice"),
    ],
    ids=["utf-16", "bad-byte", "aliases", "nesting", "oversized", "a-list", "duplicate"],
)
def test_parameter_files_the_loader_refuses(tmp_path, content, message):
    path = tmp_path / "params.yaml"
    path.write_bytes(content)
    with pytest.raises(params.ParameterError, match=re.escape(message)):
        params.load_file(path)


def test_parameter_files_that_cannot_be_read(tmp_path):
    with pytest.raises(params.ParameterError, match="cannot read parameters"):
        params.load_file(tmp_path / "missing.yaml")
    with pytest.raises(params.ParameterError, match="not a regular file"):
        params.load_file(tmp_path)  # a folder
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    with pytest.raises(params.ParameterError, match="not a regular file"):
        params.load_file(fifo)
    with pytest.raises(params.ParameterError, match="not a regular file"):
        params.load_file(Path("/dev/zero"))


def test_a_parameters_cell_that_is_not_literals(tmp_path):
    from tests.support.reports import write_notebook

    (tmp_path / "notebooks").mkdir()
    path = write_notebook(tmp_path, "zz_calls", "print(1)", "tolerance = float('0.1')")
    with pytest.raises(params.ParameterError, match="must hold `name = literal` lines"):
        params.declared(path)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"tolerance": -1}, "tolerance: -1 must be at least 0 and less than 1"),
        ({"tolerance": 1}, "tolerance: 1 must be at least 0 and less than 1"),
        ({"tolerance": float("nan")}, "tolerance: nan is not a finite number"),
        ({"tolerance": float("inf")}, "tolerance: inf is not a finite number"),
        ({"as_of": "2025-02-30"}, "as_of: '2025-02-30' is not a calendar date"),
        ({"overview_start": "2025-13-01"}, "overview_start: '2025-13-01' is not a calendar date"),
        ({"zoom_start": "2025-02-31"}, "zoom_start: '2025-02-31' is not a calendar date"),
        ({"formats": ["exe"]}, "formats: ['exe']: each of png, svg, pdf at most once"),
        ({"formats": ["png", "png"]}, "each of png, svg, pdf at most once"),
        ({"formats": []}, "formats: [] is not a list of chart formats"),
        ({"formats": "png"}, "'png' is not a list"),
        (
            {"zoom_start": "2030-01-01", "zoom_end": "2025-01-01"},
            "zoom_start 2030-01-01 is after zoom_end",
        ),
        ({"articles": [["a000"]]}, "is not a list of article ids"),
    ],
)
def test_values_out_of_range_are_refused(given, message):
    with pytest.raises(params.ParameterError, match=re.escape(message)):
        params.check(given, NOTEBOOKS)


@pytest.mark.parametrize(
    "given",
    [
        {"tolerance": 0},
        {"tolerance": 0.999},
        {"formats": ["pdf"]},
        {"formats": ["svg", "png", "pdf"]},
        {"as_of": "2024-02-29"},
        {"articles": []},
    ],
)
def test_values_in_range_are_accepted(given):
    params.check(given, NOTEBOOKS)


def test_unknown_article_ids_are_refused_before_anything_starts():
    articles = REPO / "tests" / "corpora" / "two_articles" / "data" / "raw" / "articles.csv"
    params.check_articles_exist(["a000", "a004"], articles)
    with pytest.raises(
        params.ParameterError, match=re.escape("unknown article id(s) ['a0\\u200b']")
    ):
        params.check_articles_exist(["a000", "a0\u200b"], articles)


# --------------------------------------------------------------------------- command line


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The real notebooks' declarations and the two-article data; no run ever starts here."""
    return make_project(tmp_path_factory.mktemp("params") / "project", processed=True)


FILES = {
    "not-utf8.yaml": "tolerance: 0.2\n".encode("utf-16"),
    "laughs.yaml": BILLION_LAUGHS.encode(),
    "nested.yaml": ("a: " + "[" * 3000 + "]" * 3000).encode(),
}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--jobs", "0"], "argument --jobs: 0 must be at least 1"),
        (["report", "--jobs", "two"], "argument --jobs: 'two' is not a number"),
        (["report", "--timeout", "-1"], "argument --timeout: -1 must be from 1 to 86,400"),
        (["report", "--timeout", "0"], "argument --timeout: 0 must be from 1 to 86,400"),
        (["report", "--keep", "0"], "argument --keep: 0 must be at least 1"),
        (["report", "--wait", "nan"], "argument --wait: 'nan' is not a finite number"),
        (["report", "-p", "tolerance", "-1"], "tolerance: -1 must be at least 0"),
        (["report", "-p", "tolerance", ".nan"], "tolerance: nan is not a finite number"),
        (["report", "-p", "tolerance", "1"], "tolerance: 1 must be at least 0"),
        (["report", "-p", "as_of", "2025-02-30"], "'2025-02-30' is not a calendar date"),
        (["report", "-p", "overview_start", "2025-13-01"], "'2025-13-01' is not a calendar"),
        (["report", "-p", "zoom_start", "'2025-02-31'"], "'2025-02-31' is not a calendar date"),
        (["report", "-p", "formats", "[exe]"], "formats: ['exe']: each of png, svg, pdf"),
        (["report", "-p", "articles", "[a999]"], "unknown article id(s) ['a999']"),
        (["report", "-f", "not-utf8.yaml"], "not-utf8.yaml: not UTF-8 text"),
        (["report", "-f", "laughs.yaml"], "laughs.yaml: YAML aliases (*name) are not accepted"),
        (["report", "-f", "nested.yaml"], "nested.yaml: values nested deeper than 5 levels"),
        (["report", "--run-id", "../x"], "run id '../x' must be letters"),
        (["build", "--tolerance", "-1"], "argument --tolerance: -1 must be at least 0"),
        (["build", "--tolerance", "nan"], "argument --tolerance: 'nan' is not a finite number"),
        (["build", "--tolerance", "1"], "argument --tolerance: 1 must be at least 0"),
        (["build", "--wait", "-5"], "argument --wait: -5 must be from 0 to 86,400"),
        (["nope"], "argument command: invalid choice: 'nope'"),
    ],
)
def test_refused_flags_exit_3_with_one_line_and_start_nothing(project, args, message):
    for name, content in FILES.items():
        (project.parent / name).write_bytes(content)
    args = [str(project.parent / a) if a in FILES else a for a in args]
    before = files_under(project)
    command, *rest = args
    run = run_report(project, *rest, command=command)
    assert run.returncode == 3, run
    assert "Traceback" not in run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("error: ") and message in line, line
    assert files_under(project) == before  # no reports/, no partial: no worker started


def test_nothing_heavy_is_imported_before_the_workers_fork(project):
    """The checks, the key and the lock need neither pandas nor papermill nor matplotlib."""
    code = (
        "import sys\n"
        "from analysis.__main__ import main\n"
        "from analysis.report import reuse, run\n"
        "options = run.Options()\n"
        "run.check(options)\n"
        "reuse.run_key({}, False)\n"
        "heavy = ('pandas', 'numpy', 'pandera', 'papermill', 'nbclient', 'matplotlib')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=report_env(project), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
