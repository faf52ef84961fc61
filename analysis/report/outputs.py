"""What the main process writes into a run: tables as CSV, the index page, the manifest.

Tables are written with spreadsheet formulas made inert; the index page is a
Jinja template with every string escaped; the manifest holds the sha256 of
every input and output and the whole key that `reuse` matches.
"""

import hashlib
import html
import json
import re
from pathlib import Path

from analysis import config
from analysis.curation import dictionary
from analysis.report.folders import MANIFEST, inside

FORMULA_START = tuple(dictionary.formula_prefixes())  # the validator's own list
NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
KEY_KINDS = ("per_day", "share_of_whole", "sum")
TABLES = {
    "claims_resolved.csv": "claims",
    "estimates.csv": "estimates",
    "conflicts.csv": "conflicts",
    "series.csv": "series",
    "rates.csv": "rates",
    "displacement.csv": "displacement",
    "timeline.csv": "timeline",
}


def neutralise(cell: str) -> str:
    """A CSV cell that a spreadsheet would run as a formula, made inert with a leading '."""
    if cell.startswith(FORMULA_START) and not NUMBER_RE.fullmatch(cell):
        return "'" + cell
    return cell


def safe_csv_text(frame) -> str:
    """CSV text with the project's formatting and no cell that starts a formula."""
    import pandas as pd

    from analysis.derived import build

    text = build.to_csv_text(frame)
    table = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)
    return table.map(neutralise).to_csv(index=False, lineterminator="\n")


def table_texts(tables) -> dict[str, str]:
    """The run's tables as safe CSV text, by file name (computed before anything is written)."""
    return {name: safe_csv_text(getattr(tables, attr)) for name, attr in TABLES.items()}


def write_tables(texts: dict[str, str], folder: Path) -> list[str]:
    """Write the tables; returns their paths relative to the run."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        inside(folder / name, folder).write_text(text, encoding="utf-8")
    return [f"tables/{name}" for name in texts]


_EXPORTERS: dict = {}


def _exporter(show_code: bool):
    """One HTML exporter per process: its first page compiles the templates (0.5 s)."""
    from nbconvert import HTMLExporter

    if show_code not in _EXPORTERS:
        _EXPORTERS[show_code] = HTMLExporter(
            template_name="offline",
            extra_template_basedirs=[str(config.TEMPLATES_DIR)],
            exclude_input=not show_code,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            # nbconvert's sanitizer escapes whole markdown cells into visible tags; our
            # HTML outputs are pandas tables, which escape every cell's text themselves (a
            # test puts <script> in a curated quote and checks the page in a real browser)
            sanitize_html=False,
        )
    return _EXPORTERS[show_code]


def warm_exporter(show_code: bool) -> None:
    """Compile the page templates now, on an empty notebook, while the notebooks run."""
    import nbformat

    _exporter(show_code).from_notebook_node(nbformat.v4.new_notebook())


CHART_FRAME = (
    '<iframe class="chart" src="charts/{name}.svg" title="{name}: hover or focus a mark for the '
    'sentence it comes from" style="width:100%;max-width:{width}px;aspect-ratio:{width}/{height};'
    'border:0;display:block"></iframe>'
)


def svg_charts(nb, charts: Path):
    """Each inline chart whose SVG the run saved, shown as that SVG instead of its PNG.

    The SVG's marks carry the quote, claimant and article they come from, shown on
    hover and on keyboard focus; a chart without an SVG keeps its PNG.
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("chart")
            if not isinstance(name, str) or not (charts / f"{name}.svg").is_file():
                continue
            size = output["metadata"].get("image/png", {})
            frame = CHART_FRAME.format(
                name=html.escape(name, quote=True),
                width=int(size.get("width", 1000)),
                height=int(size.get("height", 640)),
            )
            output["data"] = {
                "text/html": frame,
                "text/plain": output["data"].get("text/plain", ""),
            }
    return nb


def export_html(executed: Path, page: Path, show_code: bool) -> None:
    """The executed notebook as a self-contained page (no script from any network)."""
    import nbformat

    nb = svg_charts(nbformat.read(executed, as_version=4), page.parent / "charts")
    body, _ = _exporter(show_code).from_notebook_node(nb)
    inside(page, page.parent).write_text(body, encoding="utf-8")


def key_figures(tables) -> list[dict]:
    """Rows for the index page: the derived figures with their sources.

    The rows `analysis.present.tables.rates_table` shows in the notebooks (it imports
    pandas and the number formats only, not matplotlib).
    """
    from analysis.present.tables import rates_table

    frame = rates_table(tables.rates, KEY_KINDS)
    return [
        {
            "what": r.what,
            "best": r.best,
            "interval": r.interval,
            "unit": r.unit,
            "inputs": r.inputs,
            "source": r.source,
        }
        for r in frame.itertuples(index=False)
    ]


def chart_files(charts: Path) -> list[dict]:
    """One entry per chart with a link per format written (png first, for the preview)."""
    by_name: dict[str, dict] = {}
    for path in sorted(charts.glob("*.*")) if charts.is_dir() else []:
        by_name.setdefault(path.stem, {})[path.suffix[1:]] = f"charts/{path.name}"
    return [
        {
            "name": name,
            "png": files.get("png", ""),
            "svg": files.get("svg", ""),
            "files": sorted(files.items()),
        }
        for name, files in sorted(by_name.items())
    ]


def render_index(run_dir: Path, context: dict) -> None:
    """index.html from its template; every string is escaped by the template engine."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template("index.html.j2").render(**context)
    inside(run_dir / "index.html", run_dir).write_text(page, encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(run_dir: Path, record: dict) -> None:
    """manifest.json: sha256 of every input and every output file of the run."""
    outputs = {
        str(p.relative_to(run_dir)): sha256(p)
        for p in sorted(run_dir.rglob("*"))
        if p.is_file() and p.name not in (MANIFEST, ".owner.json") and ".runtime" not in p.parts
    }
    manifest = {**record, "outputs": outputs}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (run_dir / MANIFEST).write_text(text, encoding="utf-8")
