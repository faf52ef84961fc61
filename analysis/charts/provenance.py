"""Provenance on the marks: every mark of a figure carries the sentence it came from.

Chart code tags each artist that stands for a curated or derived figure with
a text: the verbatim quote, who claimed it and who relayed it, the article and
the claim id; for a derived figure its method and inputs, with their quotes.
When a chart is saved as SVG, each tagged artist's group gets that text as its
`<title>` (a tooltip on hover, in the report and in JupyterLab), an
`aria-label` and `tabindex="0"` (so keyboard focus reaches it and assistive
technology reads it). The text is escaped: a quote holding markup is shown as
text, never run. PNG files are not affected.
"""

import html
import re

import pandas as pd

MAX_QUOTES = 3  # quotes written into a derived figure's text before "and N more"


def of_claim(row) -> str:
    """ "about 200" — “By 14 December about 200 ...” — NIS — article a101, claim a101-c02."""
    relay = row.get("relayed_by")
    via = f", via {relay}" if isinstance(relay, str) and relay else ""
    return (
        f"{row['value_text']} \u2014 \u201c{row['quote']}\u201d \u2014 "
        f"{row['claimant']}{via} \u2014 article {row['article_id']}, claim {row['claim_id']}"
    )


def of_derived(row, claims: pd.DataFrame | None) -> str:
    """What a derived figure is, its method and inputs, and the quotes they come from."""
    text = f"{row['label']} \u2014 method: {row['method']} \u2014 inputs: {row['inputs']}"
    if claims is None:
        return f"{text} \u2014 {row['source']}"
    by_id = claims.set_index("claim_id")
    ids = [i for i in row["inputs"].split(";") if i in by_id.index]
    quotes = [of_claim({**by_id.loc[i].to_dict(), "claim_id": i}) for i in ids[:MAX_QUOTES]]
    more = f" (and {len(ids) - MAX_QUOTES} more)" if len(ids) > MAX_QUOTES else ""
    return f"{text} \u2014 " + " | ".join(quotes) + more


def of_group(claim_ids: list[str], what: str) -> str:
    """A summarised row: how many figures it holds and their ids (see their table)."""
    more = f" and {len(claim_ids) - 10} more" if len(claim_ids) > 10 else ""
    shown = ", ".join(claim_ids[:10]) + more
    return f"{what}: {len(claim_ids)} figures ({shown}); each with its quote in the tables"


def tag(fig, artists, text: str) -> None:
    """Mark each artist as standing for the figure described by text."""
    registry = fig.__dict__.setdefault("_provenance", {})
    for artist in artists if isinstance(artists, (list, tuple)) else [artists]:
        if artist is None:
            continue
        gid = f"prov-{len(registry)}"
        artist.set_gid(gid)
        registry[gid] = text


def texts(fig) -> dict[str, str]:
    """gid -> provenance text of every tagged artist of the figure."""
    return dict(fig.__dict__.get("_provenance", {}))


_GROUP_RE = re.compile(r'<g id="(prov-\d+)"')


def add_titles(svg: str, provenance: dict[str, str]) -> str:
    """The SVG with a <title> on every tagged group; one focus stop per figure.

    All marks of a figure show its text on hover; the one drawn last (on top: the
    dot of an interval row) is also the figure's focus stop, named for assistive
    technology (`tabindex`, `role`, `aria-label`); the others are hidden from it, so
    a figure is announced once.
    """
    drawn = set(_GROUP_RE.findall(svg))  # an arrow without text may draw no group of its own
    primary = {text: gid for gid, text in provenance.items() if gid in drawn}  # the last drawn

    def titled(m: re.Match) -> str:
        gid = m.group(1)
        text = provenance.get(gid)
        if text is None:
            return m.group(0)
        escaped = html.escape(text, quote=True)
        if primary[text] == gid:
            attributes = f' tabindex="0" role="img" aria-label="{escaped}"'
        else:
            attributes = ' aria-hidden="true" class="provenance-part"'
        return f"{m.group(0)}{attributes}><title>{escaped}</title"

    # `<g id="prov-3">` becomes `<g id="prov-3" tabindex=... aria-label=...><title>..</title>`
    return _GROUP_RE.sub(titled, svg)


# A tooltip that any browser shows on hover and on keyboard focus, drawn inside the SVG
# itself (no file, no network): it reads the mark's <title> as text (never as markup).
# The script finds its own <svg>: the document in a chart file, the enclosing element
# when the SVG is inline in a page (JupyterLab runs a trusted output's scripts).
TOOLTIP = """<style>
g[tabindex], g.provenance-part { cursor: help; }
g[tabindex]:hover, g[tabindex]:focus { outline: none; filter: drop-shadow(0 0 2px #000); }
.provenance-tip { pointer-events: none; }
</style>
<script><![CDATA[
(function () {
  var me = document.currentScript;
  var NS = "http://www.w3.org/2000/svg";
  var svg = me && me.closest && me.closest("svg") || document.documentElement;
  var tip = document.createElementNS(NS, "g"), box = document.createElementNS(NS, "rect");
  var text = document.createElementNS(NS, "text");
  tip.setAttribute("id", "provenance-tip");
  tip.setAttribute("class", "provenance-tip");
  tip.setAttribute("display", "none");
  box.setAttribute("fill", "#fffff0");
  box.setAttribute("stroke", "#333333");
  text.setAttribute("font-family", "DejaVu Sans, sans-serif");
  text.setAttribute("font-size", "11");
  tip.appendChild(box);
  tip.appendChild(text);
  svg.appendChild(tip);
  function lines(s) {
    var out = [], line = "";
    s.split(" ").forEach(function (w) {
      if (line && (line + " " + w).length > 72) { out.push(line); line = w; }
      else { line = line ? line + " " + w : w; }
    });
    if (line) { out.push(line); }
    return out;
  }
  function show(mark, x, y) {
    var title = mark.querySelector("title");
    if (!title) { return; }
    while (text.firstChild) { text.removeChild(text.firstChild); }
    lines(title.textContent).forEach(function (l, i) {
      var span = document.createElementNS(NS, "tspan");
      span.setAttribute("x", 8);
      span.setAttribute("dy", i ? "1.25em" : "1.1em");
      span.textContent = l;
      text.appendChild(span);
    });
    tip.setAttribute("display", "inline");
    var b = text.getBBox(), view = svg.viewBox.baseVal;
    box.setAttribute("width", b.width + 16);
    box.setAttribute("height", b.height + 10);
    var left = Math.max(0, Math.min(x + 12, view.width - b.width - 20));
    var top = Math.max(0, Math.min(y + 12, view.height - b.height - 14));
    tip.setAttribute("transform", "translate(" + left + "," + top + ")");
    tip.setAttribute("aria-hidden", "true");
  }
  function hide() { tip.setAttribute("display", "none"); }
  function markOf(node) {
    return node && node.closest ? node.closest("g[tabindex], g.provenance-part") : null;
  }
  svg.addEventListener("mousemove", function (e) {
    var mark = markOf(e.target);
    if (!mark) { hide(); return; }
    var p = svg.createSVGPoint();
    p.x = e.clientX; p.y = e.clientY;
    p = p.matrixTransform(svg.getScreenCTM().inverse());
    show(mark, p.x, p.y);
  });
  svg.addEventListener("mouseleave", hide);
  svg.addEventListener("focusin", function (e) {
    var mark = markOf(e.target);
    if (mark) { var b = mark.getBBox(); show(mark, b.x + b.width, b.y); }
  });
  svg.addEventListener("focusout", hide);
})();
]]></script>
"""


def scaled(svg: str) -> str:
    """The SVG scaled to its container (viewBox kept): whole in a report card or a page."""
    return re.sub(r'(<svg [^>]*?)width="[^"]*" height="[^"]*"', r'\1width="100%"', svg, count=1)


def interactive(svg: str) -> str:
    """The SVG scaled to its container (viewBox kept) with the tooltip script added."""
    return scaled(svg).replace("</svg>", TOOLTIP + "</svg>", 1)


def inline_html(svg: str) -> str:
    """The SVG for an HTML page (JupyterLab): no XML prologue, the tooltip script kept.

    JupyterLab shows `image/svg+xml` as an <img>, where no mark can be hovered; as HTML the
    SVG is part of the page: each mark's <title> shows natively on hover, and in a trusted
    notebook (one the analyst ran) the script draws the same tooltip as the report's.
    Several charts on one page each get their own tooltip (no element id is repeated).
    """
    svg = re.sub(r"<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*", "", svg, flags=re.S)
    return re.sub(r'\s*tip\.setAttribute\("id",\s*"provenance-tip"\);', "", svg, count=1)
