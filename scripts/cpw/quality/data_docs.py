"""Make GX's Data Docs work offline and publish them where the Evidence site serves them.

GX's Data Docs pages load Bootstrap, jQuery, Font Awesome and Vega from public CDNs and their logo
from a public bucket. The site must not make a viewer's browser call third parties (a page of
child-level failures would leak its address), so every external `<script>`, stylesheet and image
is removed and a small local stylesheet keeps the tables readable. The content (every suite,
expectation and validation result) is rendered by GX into the HTML and survives unchanged.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

_EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I)
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
    "<code>cpw check</code>: third-party scripts and styles removed.</p>"
)


def make_offline(html: str) -> str:
    """Strip a Data Docs page's third-party scripts, stylesheets and images; add local CSS."""
    for pattern in (_EXTERNAL_SCRIPT, _EXTERNAL_LINK, _EXTERNAL_IMG):
        html = pattern.sub("", html)
    return _HEAD_END.sub(OFFLINE_CSS + "</head>", html, count=1).replace(
        "<body>", "<body>" + _NOTE, 1
    )


def publish_docs(built: Path, target: Path) -> Path:
    """Rewrite every page of a freshly built Data Docs folder and put it at `target`.

    The previous copy at `target` is replaced as a whole, so no page of an older run remains.

    Args:
        built: the folder GX wrote (`index.html`, `expectations/`, `validations/`, `static/`).
        target: where the site serves them from (e.g. `reports/static/data-docs`).

    Returns:
        The published `index.html`.
    """
    for page in built.rglob("*.html"):
        page.write_text(make_offline(page.read_text(encoding="utf-8")), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(built), str(target))
    return target / "index.html"
