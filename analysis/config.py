"""Every path the project uses, resolved from the package's own location.

Notebooks run with the working directory at notebooks/ (JupyterLab, nbval) or
wherever the caller is (papermill); resolving from here makes them behave the
same everywhere. Set ANALYSIS_ROOT to point the whole suite at another copy of
the project tree (tests use this for temporary corpora).
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("ANALYSIS_ROOT", PACKAGE_DIR.parent)).resolve()
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
ARTICLES_DIR = RAW_DIR / "articles"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
FIGURES_DIR = ROOT / "reports" / "figures"
DICTIONARY_PATH = PACKAGE_DIR / "curation" / "dictionary.yaml"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"
