"""Make GX's Data Docs work offline and publish them where the Evidence site serves them.

GX's Data Docs pages load Bootstrap, jQuery, Font Awesome and Vega from public CDNs and their logo
from a public bucket. The site must not make a viewer's browser call third parties (a page of
child-level failures would leak its address), so every `<script>`, external stylesheet and
external image is removed, and a small local stylesheet keeps the tables readable. GX renders
each suite page and each validation page into HTML, so they survive unchanged; only its index
builds its tables in the browser (bootstrap-table), so cpw writes a plain index instead, linking
every suite's expectations and its validation result.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

# Every script goes: the inline ones only drive the removed jQuery and Bootstrap.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.I | re.S)
_EXTERNAL_LINK = re.compile(r"<link[^>]*\shref=[\"']?(?:https?:)?//[^>]*>", re.I)
_EXTERNAL_IMG = re.compile(r"<img[^>]*\ssrc=[\"']?(?:https?:)?//[^>]*>", re.I)
_HEAD_END = re.compile(r"</head>", re.I)

OFFLINE_CSS = """
<style>
  body { font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #111827; }
  table { border-collapse: collapse; margin: 0.5rem 0; }
  th, td { border: 1px solid #d1d5db; padding: 0.25rem 0.5rem; vertical-align: top; }
  .collapse:not(.show) { display: block; }
  .text-danger, .fa-times { color: #b91c1c; } .text-success, .fa-check { color: #15803d; }
  .cpw-offline { background: #f3f4f6; padding: 0.4rem 0.8rem; border-radius: 0.25rem; }
</style>
"""
_NOTE = (
    '<p class="cpw-offline">Offline copy of the Great Expectations Data Docs built by '
    '<code>cpw check</code>, without scripts or third-party styles. <a href="'
    '{index}">All suites</a>.</p>'
)


def make_offline(page: str, index_href: str = "index.html") -> str:
    """Strip a Data Docs page's scripts and third-party stylesheets and images; add local CSS."""
    for pattern in (_SCRIPT, _EXTERNAL_LINK, _EXTERNAL_IMG):
        page = pattern.sub("", page)
    page = _HEAD_END.sub(OFFLINE_CSS + "</head>", page, count=1)
    return page.replace("<body>", "<body>" + _NOTE.format(index=index_href), 1)


def index_page(built: Path, statuses: Mapping[str, str]) -> str:
    """A static index of the suites: status, expectations page and validation result page.

    Args:
        built: the Data Docs folder GX wrote.
        statuses: suite name to `pass`, `warnings`, `critical failure` or `skipped`.
    """
    rows = []
    for suite in sorted(statuses):
        expectations = built / "expectations" / f"{suite}.html"
        results = sorted((built / "validations" / suite).rglob("*.html"))
        suite_link = (
            f'<a href="expectations/{html.escape(suite)}.html">{html.escape(suite)}</a>'
            if expectations.is_file()
            else html.escape(suite)
        )
        result_link = (
            f'<a href="{html.escape(results[-1].relative_to(built).as_posix())}">result</a>'
            if results
            else ""
        )
        rows.append(
            f"<tr><td>{suite_link}</td><td>{html.escape(statuses[suite])}</td>"
            f"<td>{result_link}</td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        "<title>cpw check: Great Expectations Data Docs</title>"
        f"{OFFLINE_CSS}</head><body>\n<h1>Great Expectations Data Docs</h1>\n"
        '<p class="cpw-offline">The latest <code>cpw check</code>: one checkpoint over every '
        "suite in <code>expectations/</code>. Each suite links to its expectations and to its "
        "validation result (which rows broke which expectation).</p>\n"
        "<table><thead><tr><th>Suite</th><th>Status</th><th>Validation</th></tr></thead>"
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table>\n</body></html>\n"
    )


def publish_docs(built: Path, target: Path, statuses: Mapping[str, str]) -> Path:
    """Rewrite a freshly built Data Docs folder for offline use and put it at `target`.

    The previous copy at `target` is replaced as a whole, so no page of an older run remains.

    Args:
        built: the folder GX wrote (`index.html`, `expectations/`, `validations/`, `static/`).
        target: where the site serves them from (e.g. `reports/static/data-docs`).
        statuses: suite name to its status in this run, for the index.

    Returns:
        The published `index.html`.
    """
    for page in built.rglob("*.html"):
        depth = len(page.relative_to(built).parts) - 1
        page.write_text(
            make_offline(page.read_text(encoding="utf-8"), "../" * depth + "index.html"),
            encoding="utf-8",
        )
    (built / "index.html").write_text(index_page(built, statuses), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(built), str(target))
    return target / "index.html"
