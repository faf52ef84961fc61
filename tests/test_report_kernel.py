"""What a warm kernel puts back between notebooks, tested in this process (fast).

The end-to-end proof (charts byte-identical cold or warm after a meddling
notebook) is in test_report.py; this checks each piece of state on its own.
"""

import os
import sys
import warnings

import matplotlib as mpl
import numpy as np
import pandas as pd

import analysis.charts.style as style
from analysis.report import kernel_state


def test_restore_puts_back_every_piece_of_global_state(tmp_path):
    kernel_state.snapshot()
    before = (
        mpl.rcParams.copy(),
        pd.get_option("display.max_rows"),
        list(warnings.filters),
        os.getcwd(),
        list(sys.path),
        dict(os.environ),
        np.get_printoptions(),
        style.wrap,
    )
    try:
        mpl.rcParams["axes.titlecolor"] = "red"
        mpl.rcParams["xtick.labelsize"] = 20
        pd.set_option("display.max_rows", 3)
        warnings.simplefilter("ignore")
        os.chdir(tmp_path)
        sys.path.insert(0, "/nonexistent")
        os.environ["WAR_FIGURES_TEST"] = "1"
        np.set_printoptions(precision=1)
        style.wrap = lambda text, width=110: text.upper()
    finally:
        kernel_state.restore()
    after = (
        mpl.rcParams.copy(),
        pd.get_option("display.max_rows"),
        list(warnings.filters),
        os.getcwd(),
        list(sys.path),
        dict(os.environ),
        np.get_printoptions(),
        style.wrap,
    )
    assert after[0] == before[0]
    assert after[1:] == before[1:]


def test_exit_raises_in_the_cell():
    class Shell:
        def ask_exit(self):
            raise AssertionError("the kernel would stop")

    shell = Shell()
    kernel_state.refuse_exit(shell)
    try:
        shell.ask_exit()
    except SystemExit as err:
        assert "exit() or quit() called" in str(err)
    else:
        raise AssertionError("no SystemExit")


def test_key_figures_are_the_key_rates_formatted_for_people(tables):
    """The index shows every rate of the key kinds, each number written for a reader."""
    from analysis.report import outputs

    rows = outputs.key_figures(tables)
    assert len(rows) == int(tables.rates["kind"].isin(outputs.KEY_KINDS).sum()) >= 5
    for row in rows:
        for cell in (row["best"], row["interval"]):
            assert "nan" not in cell.lower() and "e+" not in cell, row
    labels = set(tables.rates.loc[tables.rates["kind"].isin(outputs.KEY_KINDS), "label"])
    assert {r["what"] for r in rows} == labels


def test_workers_and_datasets_name_the_same_variable():
    """worker.py cannot import datasets (pandas) before the fork, so the name is written twice."""
    from analysis.derived import datasets
    from analysis.report import worker

    assert worker.PREBUILT_ENV == datasets.PREBUILT_ENV


def _shown(monkeypatch) -> list:
    from analysis.present import notebook

    shown = []
    monkeypatch.setattr(notebook, "display", lambda bundle, **kw: shown.append((bundle, kw)))
    return shown


def test_show_displays_the_saved_png_itself(tmp_path, monkeypatch):
    """Each chart is drawn once: the inline image is the bytes of the saved file."""
    import base64

    import matplotlib.pyplot as plt

    from analysis.present import notebook

    shown = _shown(monkeypatch)
    fig, ax = plt.subplots(figsize=(4, 2), dpi=100)
    ax.plot([0, 1], [0, 1])
    text = repr(fig)
    notebook.show(fig, "line", tmp_path, ["png", "svg"])
    ((bundle, kw),) = shown
    assert base64.b64decode(bundle["image/png"]) == (tmp_path / "line.png").read_bytes()
    assert bundle["text/plain"] == text == "<Figure size 400x200 with 1 Axes>"
    assert kw["raw"] and kw["metadata"] == {
        "image/png": {"width": 400, "height": 200},
        "chart": "line",  # the report's pages show this chart's SVG in its place
    }
    assert (tmp_path / "line.svg").is_file()
    assert not plt.get_fignums()  # closed


def test_show_without_png_files_still_shows_a_png(tmp_path, monkeypatch):
    import base64

    import matplotlib.pyplot as plt

    from analysis.present import notebook

    shown = _shown(monkeypatch)
    fig, _ = plt.subplots(figsize=(4, 2), dpi=100)
    notebook.show(fig, "only_svg", tmp_path, ["svg"])
    ((bundle, _),) = shown
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["only_svg.svg"]
