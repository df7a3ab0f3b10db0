"""The Evidence site end to end: publish, build, serve on localhost, check it in Chromium.

Needs the `built_warehouse` fixture (tests/conftest.py), `npm` with `reports/node_modules`
installed, and Debian's Chromium at /usr/bin/chromium (Playwright's own browsers are never
downloaded).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from site_checks import (
    ERROR_TEXT,
    BrowserLog,
    child_ids,
    expected_board_cells,
    iro_status_counts,
    shown_count,
    tokens,
)

from cpw import settings
from cpw.reports import build_site, publish, start_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {"index": "/", "board": "/board/", "iro": "/iro/"}
CONFIDENTIAL = (
    "Confidential — child-level information for IROs and case-holders. "
    "Do not share outside the service."
)
SCREENSHOTS = settings.PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
RENDER_TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.slow,
    # Checked before the (slow) warehouse fixture is built.
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (Debian chromium)"),
    pytest.mark.skipif(
        shutil.which("npm") is None or not (settings.REPORTS_DIR / "node_modules").is_dir(),
        reason="npm or reports/node_modules missing (run npm ci in reports/)",
    ),
]


@dataclass
class RenderedSite:
    """What the browser saw on every page, gathered once for all the tests in this module."""

    article_text: dict[str, str] = field(default_factory=dict)
    body_text: dict[str, str] = field(default_factory=dict)
    board_cells: dict[tuple[str, int, str], list[str]] = field(default_factory=dict)
    log: BrowserLog = field(default_factory=BrowserLog)
    build_seconds: float = 0.0
    # (status chosen in the IRO page's filter, "Reviews listed" it then showed)
    iro_filtered: tuple[str, int | None] = ("", None)


@pytest.fixture(scope="module")
def site_url(built_warehouse: Path) -> Iterator[tuple[str, float]]:
    counts = publish(built_warehouse)
    assert counts["mart_board_scorecard"] > 0, "the board mart is empty"
    started = time.monotonic()
    build_dir = build_site()
    build_seconds = time.monotonic() - started
    server, url = start_server(build_dir)
    try:
        yield url, build_seconds
    finally:
        server.shutdown()
        server.server_close()


def _wait_rendered(page: Page, name: str) -> None:
    """Wait until the page's data has been queried in the browser and drawn."""
    article = page.locator("article#evidence-main-article")
    expect(article).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    if name == "board":
        cells = page.locator("td[data-measure]")
        expect(cells.first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator("[_echarts_instance_]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    elif name == "iro":
        expect(page.get_by_text("Reviews listed")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator("table td >> visible=true").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS
        )
    else:
        expect(page.get_by_text("Data as of")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    # Evidence swaps its loading skeletons for components after the queries resolve.
    expect(page.locator(".animate-pulse")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)


def _filter_iro_by_status(page: Page, status: str, expected: int) -> int | None:
    """Pick `status` in the IRO page's Status dropdown; return the count shown afterwards."""
    page.get_by_role("combobox", name="Status").click()
    page.get_by_role("option", name=status, exact=True).click()
    page.keyboard.press("Escape")
    article = page.locator("article#evidence-main-article")
    shown = None
    deadline = time.monotonic() + RENDER_TIMEOUT_MS / 1000
    # The queries re-run in the browser; stop as soon as the expected count shows, or time out.
    while time.monotonic() < deadline:
        shown = shown_count(article.inner_text(), "Reviews listed")
        if shown == expected:
            break
        page.wait_for_timeout(250)
    return shown


@pytest.fixture(scope="module")
def rendered(site_url: tuple[str, float], built_warehouse: Path) -> RenderedSite:
    url, build_seconds = site_url
    site = RenderedSite(build_seconds=build_seconds)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", site.log.on_request)
            context.on("requestfailed", site.log.on_request_failed)
            page = context.new_page()
            page.on("console", site.log.on_console)
            page.on("pageerror", site.log.on_page_error)
            for name, path in PAGES.items():
                page.goto(url + path, wait_until="networkidle")
                _wait_rendered(page, name)
                site.article_text[name] = page.locator("article#evidence-main-article").inner_text()
                site.body_text[name] = page.locator("body").inner_text()
                if name == "board":
                    for cell in page.locator("td[data-measure]").all():
                        key = (
                            str(cell.get_attribute("data-measure")),
                            int(str(cell.get_attribute("data-year"))),
                            str(cell.get_attribute("data-field")),
                        )
                        site.board_cells.setdefault(key, []).append(cell.inner_text().strip())
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
                if name == "iro":
                    counts = iro_status_counts(built_warehouse)
                    status = min(counts, key=lambda key: (counts[key], key))
                    shown = _filter_iro_by_status(page, status, counts[status])
                    site.iro_filtered = (status, shown)
            context.close()
        finally:
            browser.close()
    return site


def test_no_request_leaves_localhost(rendered: RenderedSite) -> None:
    assert rendered.log.requests, "the browser made no requests at all"
    assert rendered.log.external_requests() == []


def test_no_failed_requests_or_console_errors(rendered: RenderedSite) -> None:
    assert rendered.log.failed == []
    assert rendered.log.console_errors == []


@pytest.mark.parametrize("name", list(PAGES))
def test_page_shows_no_evidence_error(rendered: RenderedSite, name: str) -> None:
    text = rendered.body_text[name]
    assert text.strip(), f"{name} rendered no text"
    assert ERROR_TEXT.findall(text) == [], f"{name} shows error text:\n{text[:2000]}"


def test_board_figures_match_the_warehouse(rendered: RenderedSite, built_warehouse: Path) -> None:
    expected = expected_board_cells(built_warehouse)
    assert expected, "mart_measure_values has no headline rows"
    shown = rendered.board_cells
    duplicated = {key: values for key, values in shown.items() if len(values) > 1}
    assert duplicated == {}
    missing = sorted(set(expected) - set(shown))
    assert missing == [], "measure/year figures in the mart but not on the board"
    extra = sorted(set(shown) - set(expected))
    assert extra == [], "figures on the board that the mart does not have"
    wrong = {key: (shown[key][0], want) for key, want in expected.items() if shown[key][0] != want}
    assert wrong == {}, "board cell (shown, expected from mart_measure_values)"


def test_board_shows_suppression_note_and_no_child_ids(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    lines = [line.strip() for line in rendered.article_text["board"].splitlines() if line.strip()]
    assert lines[0] == "Board: aggregate only"
    assert lines[1].startswith(
        'All figures on this page are aggregate. Counts of 1–4 are suppressed and shown as "c".'
    )
    leaked = child_ids(built_warehouse) & tokens(rendered.body_text["board"])
    assert leaked == set(), "child ids on the board page"


def test_iro_page_starts_with_confidential_line(rendered: RenderedSite) -> None:
    first_line = rendered.article_text["iro"].strip().splitlines()[0].strip()
    assert first_line == CONFIDENTIAL


def test_iro_status_filter_matches_the_warehouse(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    status, shown = rendered.iro_filtered
    assert status, "the IRO mart has no statuses to filter by"
    assert shown == iro_status_counts(built_warehouse)[status]


def test_report_build_time(rendered: RenderedSite, record_property: Any) -> None:
    # Not a gate on speed: recorded so a slow build shows up (-rA, --junitxml).
    assert rendered.build_seconds > 0
    record_property("site_build_seconds", round(rendered.build_seconds, 1))
    print(f"npm run sources + build: {rendered.build_seconds:.1f} s")
