"""Print the board pack to PDF from the built site, with Debian's Chromium driven by Playwright.

The page is served on localhost from the static build and printed headless; nothing leaves the
machine (any request to another host is refused before it is sent).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpw.errors import CpwInputError, CpwStepError
from cpw.reports.server import start_server

BOARD_PATH = "/board/"
CHROMIUM = Path(os.environ.get("CPW_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDER_TIMEOUT_MS = 60_000
# Evidence's page chrome (header, sidebar, table of contents) has no place on paper.
PRINT_CSS = """
header, aside, nav, .print\\:hidden, button { display: none !important; }
article#evidence-main-article { max-width: none !important; }
"""


@dataclass
class PrintedPage:
    """The PDF written and the text of the page it was printed from."""

    pdf: Path
    text: str
    size_bytes: int


def _refuse_remote(route: Any, base_url: str) -> None:
    if str(route.request.url).startswith(base_url) or str(route.request.url).startswith("data:"):
        route.continue_()
    else:
        route.abort()


def print_board_pack(build_dir: Path, out: Path, chromium: Path = CHROMIUM) -> PrintedPage:
    """Print the built site's board page to an A4 landscape PDF.

    Args:
        build_dir: the static site `build_site` wrote.
        out: the PDF to write (its folder is created).
        chromium: the Chromium executable (Debian's package by default; CPW_CHROMIUM overrides).

    Returns:
        The PDF path, the page text that was printed (for privacy checks) and the PDF size.

    Raises:
        CpwInputError: no built site, or no Chromium at `chromium`.
        CpwStepError: the page did not render or the PDF could not be written.
    """
    if not chromium.exists():
        raise CpwInputError("Chromium not found (apt-get install chromium)", file=chromium)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    server, base_url = start_server(build_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.route("**/*", lambda route: _refuse_remote(route, base_url))
                page.goto(base_url + BOARD_PATH, wait_until="networkidle")
                page.locator("td[data-measure]").first.wait_for(timeout=RENDER_TIMEOUT_MS)
                page.locator("[_echarts_instance_]").first.wait_for(timeout=RENDER_TIMEOUT_MS)
                page.wait_for_function(
                    "document.querySelectorAll('.animate-pulse').length === 0",
                    timeout=RENDER_TIMEOUT_MS,
                )
                page.add_style_tag(content=PRINT_CSS)
                page.emulate_media(media="print")
                page.wait_for_timeout(500)  # let the charts resize to the print width
                text = page.locator("article#evidence-main-article").inner_text()
                page.pdf(
                    path=str(out),
                    format="A4",
                    landscape=True,
                    print_background=True,
                    margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"},
                )
            finally:
                browser.close()
    except PlaywrightError as err:
        raise CpwStepError(f"printing {BOARD_PATH} to PDF failed: {err}") from err
    finally:
        server.shutdown()
        server.server_close()
    if not out.is_file():
        raise CpwStepError(f"Chromium wrote no PDF at {out}")
    return PrintedPage(pdf=out, text=text, size_bytes=out.stat().st_size)
