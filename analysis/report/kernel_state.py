"""Runs inside a report's warm kernel: the state a notebook may change, put back between notebooks.

A warm kernel runs several notebooks one after another. `%reset -f` empties the
user namespace but leaves every library's global state as the last notebook
left it: one notebook that sets matplotlib's rcParams, pandas display options,
warnings filters, the working directory, `sys.path` or the environment would
change the next notebook's charts and tables. `snapshot()` records that state
once the kernel has imported the suite (as a cold kernel would have it) and
`restore()` puts it back after each notebook, together with any module
attribute of the `analysis` package a notebook rebound.

`lifeline()` ends the kernel with its worker process, however the worker dies.
`refuse_exit()` makes `exit()` and
`quit()` raise SystemExit in the cell (an error the report then names) instead
of asking the kernel to stop quietly.
"""

import contextlib
import locale
import os
import sys
import warnings

_SAVED: dict = {}


def _pandas_options() -> dict:
    import pandas as pd

    config = pd._config.config  # every option pandas knows, but the deprecated ones
    keys = [k for k in config._registered_options if k not in config._deprecated_options]
    return {key: pd.get_option(key) for key in keys}


def _analysis_modules() -> dict:
    return {
        name: dict(vars(module))
        for name, module in list(sys.modules.items())
        if module is not None and (name == "analysis" or name.startswith("analysis."))
    }


def snapshot() -> None:
    """Record the kernel's state as a fresh kernel has it (call once, after the imports)."""
    import matplotlib as mpl
    import numpy as np

    _SAVED.update(
        rc=mpl.rcParams.copy(),
        pandas=_pandas_options(),
        warnings=list(warnings.filters),
        cwd=os.getcwd(),
        path=list(sys.path),
        environ=dict(os.environ),
        numpy_print=np.get_printoptions(),
        numpy_err=np.geterr(),
        locale=locale.setlocale(locale.LC_ALL),
        modules=_analysis_modules(),
    )


def _restore_pandas(saved: dict) -> None:
    import pandas as pd

    for key, value in saved.items():
        if pd.get_option(key) != value:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # deprecated options warn when set
                pd.set_option(key, value)


def _restore_modules(saved: dict) -> None:
    for name, namespace in saved.items():
        module = sys.modules.get(name)
        if module is None:
            continue
        current = vars(module)
        if current.keys() != namespace.keys() or any(
            current[k] is not v for k, v in namespace.items()
        ):
            current.clear()
            current.update(namespace)


def restore() -> None:
    """Put back what `snapshot` recorded and close every figure."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    import numpy as np

    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mpl.rcParams.update({k: v for k, v in _SAVED["rc"].items() if k != "backend"})
    _restore_pandas(_SAVED["pandas"])
    warnings.filters[:] = _SAVED["warnings"]
    warnings._filters_mutated()
    os.chdir(_SAVED["cwd"])
    sys.path[:] = _SAVED["path"]
    os.environ.clear()
    os.environ.update(_SAVED["environ"])
    np.set_printoptions(**_SAVED["numpy_print"])
    np.seterr(**_SAVED["numpy_err"])
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_ALL, _SAVED["locale"])
    _restore_modules(_SAVED["modules"])


def lifeline(parent_pid: int) -> None:
    """Be killed when the parent process (the worker that started this kernel) dies."""
    from analysis.report.lifeline import die_with_parent

    die_with_parent(parent_pid)


def refuse_exit(shell) -> None:
    """`exit()` and `quit()` in a cell raise SystemExit there (a failure) instead of exiting."""

    def ask_exit() -> None:
        raise SystemExit("exit() or quit() called in a notebook")

    shell.ask_exit = ask_exit
