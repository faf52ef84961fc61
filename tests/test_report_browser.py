"""The published report in a real browser (headless Debian Chromium through Playwright).

A. Hostile text: an article whose text holds a <script> and a claim whose claimant is
   an <img onerror=...> go through validate, build and report; no page of the report
   may run them, and the reader must see them as text. A control page with the same
   markup unescaped proves that the browser would have run them.
B. A fresh report of the real notebooks: no console or page errors, every image
   decodes, every link leads to a file of the report; a screenshot of the index is
   saved to test-artifacts/report-index.png.

Never run `playwright install`: the browser is the system's /usr/bin/chromium.
"""

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse
from urllib.request import url2pathname

import pytest
from browser_support import ARTIFACTS, chromium

from tests.support.corpora import TWO, copy_corpus

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parents[1]
SCRIPT = '<script>window.__pwned = 1; document.title = "PWNED"</script>'
SENTENCE = f"Officials said 42 {SCRIPT} drones were launched and 30 of them were shot down."
CLAIMANT = '<img src=x onerror="window.__pwned=2">'


def make_project(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    copy_corpus(TWO, root)
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    return root


def publish(root: Path) -> Path:
    """Run the report on the project at root; returns the published run folder."""
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--quiet", "--jobs", "2"],
        cwd=root,
        env={**os.environ, "ANALYSIS_ROOT": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return (root / "reports" / "latest").resolve()


def append_row(path: Path, row: dict) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert set(row) <= set(header), set(row) - set(header)
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header, lineterminator="\n").writerow(row)


def add_hostile_article(root: Path) -> None:
    """A third article with markup in its text, curated so that validation passes.

    The validator accepts HTML in a quote only when the quote is verbatim in the
    article (it is here); the claimant is free text. Every numeric mention of the
    new text is accounted for (42 and 30 by claims, the 1 inside the script by an
    exclusion), so the coverage audit stays complete.
    """
    raw = root / "data" / "raw"
    text = f"Air defence report.\n{SENTENCE}\n"
    (raw / "articles" / "900_markup.txt").write_text(text, encoding="utf-8")
    append_row(
        raw / "articles.csv",
        {
            "article_id": "a900",
            "text_file": "900_markup.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "title": "[Test article with markup in its text]",
            "published_earliest": "2025-01-15",
            "published_latest": "2025-02-28",
            "published_inferred": "true",
            "published_basis": "Inferred for a test: early 2025, like the other articles.",
            "language": "en",
        },
    )
    append_row(
        raw / "subjects.csv",
        {
            "subject_id": "test_drones",
            "label": "Drones in a test attack",
            "description": "Drones in the attack the test article reports",
        },
    )
    claim = {
        "article_id": "a900",
        "quote": SENTENCE,
        "subject_id": "test_drones",
        "qualifier": "exact",
        "unit": "drones",
        "period_basis": "none",
        "claimant": CLAIMANT,
        "claimant_type": "unknown",
        "party_side": "none",
        "verification": "reported",
    }
    append_row(
        raw / "claims.csv",
        {**claim, "claim_id": "a900-c01", "value_text": "42", "measure": "launched"}
        | {"low": "42", "best": "42", "high": "42"},
    )
    append_row(
        raw / "claims.csv",
        {**claim, "claim_id": "a900-c02", "value_text": "30 of them", "measure": "downed"}
        | {"low": "30", "best": "30", "high": "30", "part_of": "a900-c01"},
    )
    append_row(
        raw / "exclusions.csv",
        {
            "exclusion_id": "x900",
            "article_id": "a900",
            "quote": "window.__pwned = 1;",
            "mention": "1",
            "reason": "structure",
            "notes": "Script code in the article text, not a figure.",
        },
    )


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


class Watch:
    """Everything a page reports that a test should fail on."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def load_fully(page, path: Path) -> None:
    """Open a file of the report and wait until every image and chart frame, lazy ones too,
    has settled; every frame must show its chart's SVG."""
    page.goto(path.as_uri(), wait_until="load")
    images, frames = page.locator("img"), page.locator("iframe")
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
        svg = frames.nth(i).content_frame.locator("svg").first
        svg.wait_for(state="attached")
        fits = svg.evaluate(  # scaled to its frame: nothing cut off at the right
            "s => s.getBoundingClientRect().width <= document.documentElement.clientWidth + 1"
        )
        assert fits, f"{frames.nth(i).get_attribute('src')} is wider than its frame"
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    page.wait_for_timeout(100)  # let any error handler of a failed image run


# --------------------------------------------------------------------------- A. hostile text


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project")
    add_hostile_article(root)
    return publish(root)


def test_browser_would_run_the_markup_unescaped(page, tmp_path):
    """Control: the payloads do run when a page does not escape them."""
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><p>{SENTENCE}</p><p>{CLAIMANT}</p>", encoding="utf-8")
    load_fully(page, control)
    assert page.evaluate("window.__pwned") in (1, 2)
    assert page.title() == "PWNED"


def test_markup_in_curated_text_is_shown_not_run(page, hostile_report):
    pages = sorted(hostile_report.glob("*.html"))
    assert [p.name for p in pages] == [
        "casualty_rates.html",
        "displacement.html",
        "index.html",
        "losses_over_time.html",
        "sources.html",
        "timeline.html",
    ]
    watch = Watch(page)
    text = {}
    for path in pages:
        load_fully(page, path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path.name
        assert page.title() != "PWNED", path.name
        assert page.evaluate("document.querySelectorAll('script, [onerror]').length") == 0
        text[path.name] = page.inner_text("body")
    assert watch.dialogs == []
    assert watch.page_errors == []
    # the reader sees the markup as text where the claim is shown
    assert SCRIPT in text["sources.html"]
    assert CLAIMANT in text["sources.html"]
    assert CLAIMANT in text["casualty_rates.html"]  # source of the drones share
    assert CLAIMANT in text["index.html"]  # key figures: the same share
    load_fully(page, hostile_report / "sources.html")
    assert page.get_by_text(SCRIPT, exact=False).count() >= 1


# --------------------------------------------------------------------------- B. fresh report


@pytest.fixture(scope="module")
def fresh_report(tmp_path_factory) -> Path:
    return publish(make_project(tmp_path_factory.mktemp("fresh") / "project"))


def check_links(page, path: Path) -> list[Path]:
    """Every a[href] of the open page leads to a file (or an anchor) of the report."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs, path.name
    pages = []
    for href in hrefs:
        if href.startswith("#"):
            target = unquote(href[1:])
            found = page.evaluate(
                "t => !!(document.getElementById(t) || document.getElementsByName(t).length)",
                target,
            )
            assert found, f"{path.name}: anchor {href} has no target"
            continue
        url = urlparse(urljoin(page.url, href))
        assert url.scheme == "file", f"{path.name}: {href} leaves the report"
        target = Path(url2pathname(url.path))
        assert target.is_file(), f"{path.name}: {href} -> {target} does not exist"
        assert target.resolve().is_relative_to(path.parent.resolve()), href
        if target.suffix == ".html":
            pages.append(target)
    return pages


def test_report_in_a_browser(page, fresh_report):
    watch = Watch(page)
    index = fresh_report / "index.html"
    load_fully(page, index)
    ARTIFACTS.mkdir(exist_ok=True)
    # a full-page screenshot leaves the chart frames below the first screen blank (they
    # are painted apart from the page): a viewport as tall as the page paints them all
    size = page.viewport_size
    page.set_viewport_size(
        {"width": size["width"], "height": page.evaluate("document.documentElement.scrollHeight")}
    )
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "report-index.png"))
    page.set_viewport_size(size)
    todo, seen = [index], set()
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if path != index:
            load_fully(page, path)
        widths = page.evaluate("Array.from(document.images).map(img => img.naturalWidth)")
        assert all(w > 0 for w in widths), (path.name, widths)
        # charts are SVG documents in frames: each one loaded and drew its axes
        for src in chart_frames(page) + page.eval_on_selector_all(
            ".card iframe", "els => els.map(e => e.getAttribute('src'))"
        ):
            frame = page.frame_locator(f'iframe[src="{src}"]')
            assert frame.locator("svg g[id^=axes]").count() >= 1, (path.name, src)
        assert widths or chart_frames(page) or path.name == "index.html", path.name
        todo += check_links(page, path)
    assert {p.name for p in seen} == {
        "index.html",
        "casualty_rates.html",
        "displacement.html",
        "losses_over_time.html",
        "sources.html",
        "timeline.html",
    }
    assert watch.console_errors == []
    assert watch.page_errors == []
    assert watch.dialogs == []


# --------------------------------------------------------------------------- C. provenance


def chart_frames(page) -> list[str]:
    return page.eval_on_selector_all("iframe.chart", "els => els.map(e => e.getAttribute('src'))")


def hover_a_figure(page, src: str) -> tuple[str, str]:
    """Hover the chart's marks, largest first, until one shows its source: (title, tooltip)."""
    page.locator(f'iframe[src="{src}"]').scroll_into_view_if_needed()
    frame = page.frame_locator(f'iframe[src="{src}"]')
    marks = frame.locator("g[tabindex]")
    areas = []
    for i in range(marks.count()):
        box = marks.nth(i).bounding_box()
        areas.append((box["width"] * box["height"] if box else 0, i))
    tip = frame.locator("#provenance-tip")
    for _, i in sorted(areas, reverse=True)[:5]:
        mark = marks.nth(i)
        mark.hover(force=True)  # a figure's marks overlap: any of them shows its source
        page.wait_for_timeout(50)
        if tip.get_attribute("display") == "inline":
            shown = " ".join(tip.locator("tspan").all_text_contents())
            return mark.locator("title").text_content(), shown
    raise AssertionError(f"{src}: no mark showed its source on hover")


def test_every_chart_of_the_report_shows_the_sentence_behind_a_mark(page, fresh_report):
    """Hover a mark of each chart: its source sentence shows; keyboard focus shows it too."""
    watch = Watch(page)
    seen = {}
    for path in sorted(fresh_report.glob("*.html")):
        if path.name == "index.html":
            continue
        load_fully(page, path)
        for src in chart_frames(page):
            if "tabindex" not in (fresh_report / src).read_text(encoding="utf-8"):
                continue  # a chart with no figure in this corpus (e.g. no displacement stock)
            title, shown = hover_a_figure(page, src)
            assert shown.split() == title.split(), src  # the tooltip is the title, as text
            seen[src] = title
    charts = {
        f"charts/{p.name}"
        for p in (fresh_report / "charts").glob("*.svg")
        if "tabindex" in p.read_text(encoding="utf-8")
    }
    assert set(seen) == charts  # every chart of the report was checked on some page
    # a figure's quote, its claimant and its article are in what the reader sees
    rates = seen["charts/casualty_rates_per_day.svg"]
    assert "\u201c" in rates and "article a0" in rates and "claim a0" in rates  # quote, ids
    assert rates.split(" \u2014 ")[-2] in (
        "Western officials",
        "Ukrainian and U.S. officials, via The New York Times",
    )
    events = seen["charts/timeline_overview.svg"]
    assert "\u201c" in events and "articles a0" in events and "events ev-" in events
    # keyboard: Tab reaches a mark inside a chart and its source shows
    load_fully(page, fresh_report / "casualty_rates.html")
    frame = page.frame_locator('iframe[src="charts/casualty_rates_per_day.svg"]')
    frame.locator("g[tabindex]").first.focus()
    assert frame.locator("#provenance-tip").get_attribute("display") == "inline"
    page.screenshot(path=str(ARTIFACTS / "report-tooltip.png"), full_page=False)
    assert watch.page_errors == [] and watch.console_errors == []


def test_markup_in_a_quote_is_shown_as_text_in_a_tooltip(page, hostile_report):
    """The hostile article's <script> sits in a quote: the tooltip shows it, nothing runs."""
    watch = Watch(page)
    load_fully(page, hostile_report / "casualty_rates.html")
    frame = page.frame_locator('iframe[src="charts/shares_of_whole.svg"]')
    titles = frame.locator("g[tabindex] > title").all_text_contents()
    hostile = [t for t in titles if SCRIPT in t]
    assert hostile, titles
    index = titles.index(hostile[0])
    frame.locator("g[tabindex]").nth(index).focus()
    shown = " ".join(frame.locator("#provenance-tip tspan").all_text_contents())
    assert "<script>" in shown
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert frame.locator("script").count() == 1  # the tooltip's own, nothing from the quote
    assert watch.dialogs == [] and watch.page_errors == []
