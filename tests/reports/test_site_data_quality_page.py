"""The data team's page (reports/pages/data-quality) and the Data Docs it links to, in Chromium.

The demo council is copied, given a small hand-made `marts.fct_validation_errors` (the table
dbt builds from the DfE rules; a fixture of input here) and checked twice, changing the errors
in between, so the page has a previous check to compare with. Then publish, build, serve on
localhost and read the page.

Hand-worked errors (rule: children with the error):
    first check:  103: C1, C2          355: C1
    second check: 103: C1, C2, C3      611: C3
so the page must show rule 103 with 3 errors, 2 before, change +1; rule 355 with 0 errors,
1 before, change -1; rule 611 with 1 error, 0 before, change +1.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from site_checks import ERROR_TEXT, BrowserLog

from cpw import settings
from cpw.quality import run_checks
from cpw.reports import build_site, publish, start_server

# the same Chromium binary and offline flags as `cpw report --pdf`
from cpw.reports.pdf import CHROMIUM, CHROMIUM_ARGS
from cpw.warehouse import connect

CONFIDENTIAL = (
    "Confidential — child-level information for the data team. Do not share outside the service."
)
SCREENSHOTS = settings.PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
DOCS_DIR = settings.REPORTS_DIR / "static" / "data-docs"
RENDER_TIMEOUT_MS = 30_000

FIRST = [("103", "C1"), ("103", "C2"), ("355", "C1")]
SECOND = [("103", "C1"), ("103", "C2"), ("103", "C3"), ("611", "C3")]
MESSAGES = {
    "103": "ETHNIC is not a valid code",
    "355": "Episode starts and ends on the same day",
    "611": "MC_DOB given for a child who is not a mother",
}
TABLES = {"103": "header", "355": "episodes", "611": "header"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (Debian chromium)"),
    pytest.mark.skipif(
        shutil.which("npm") is None or not (settings.REPORTS_DIR / "node_modules").is_dir(),
        reason="npm or reports/node_modules missing (run npm ci in reports/)",
    ),
]


def _write_errors(warehouse: Path, errors: list[tuple[str, str]]) -> None:
    con = connect(warehouse)
    try:
        con.execute(
            """
            create or replace table marts.fct_validation_errors (
                validation_error_id varchar, la_code varchar, collection_year integer,
                rule_code varchar, rule_message varchar, table_name varchar, child_id varchar,
                row_number integer, columns_affected varchar
            )
            """
        )
        for number, (rule, child) in enumerate(errors, start=1):
            con.execute(
                "insert into marts.fct_validation_errors values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [f"e{number}", "E06000015", 2025, rule, MESSAGES[rule], TABLES[rule], child,
                 number + 1, "ETHNIC"],
            )  # fmt: skip
    finally:
        con.close()


@dataclass
class Rendered:
    """What the browser saw on the page and on the Data Docs index."""

    article: str = ""
    body: str = ""
    rule_cells: dict[tuple[str, str], str] = field(default_factory=dict)
    suite_cells: dict[tuple[str, str], str] = field(default_factory=dict)
    docs_status: int | None = None
    docs_text: str = ""
    log: BrowserLog = field(default_factory=BrowserLog)
    docs_log: BrowserLog = field(default_factory=BrowserLog)


@pytest.fixture(scope="module")
def checked_warehouse(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Same file name as the original: dbt's views name their catalog after it.
    warehouse = tmp_path_factory.mktemp("data_quality_page") / built_warehouse.name
    shutil.copy(built_warehouse, warehouse)
    _write_errors(warehouse, FIRST)
    run_checks(warehouse, settings.EXPECTATIONS_DIR)
    _write_errors(warehouse, SECOND)
    run_checks(warehouse, settings.EXPECTATIONS_DIR, DOCS_DIR)
    return warehouse


def _wait_rendered(page: Page) -> None:
    expect(page.locator("article#evidence-main-article")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("td[data-rule]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("td[data-suite]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".animate-pulse")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)


@pytest.fixture(scope="module")
def rendered(checked_warehouse: Path) -> Iterator[Rendered]:
    publish(checked_warehouse)
    # Runs after test_site.py, which compiled the app from these same pages: this build only
    # swaps in the new data (the path a data team's every run takes), and is checked as fully.
    build_dir = build_site().build_dir
    server, url = start_server(build_dir)
    seen = Rendered()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.on("request", seen.log.on_request)
                context.on("requestfailed", seen.log.on_request_failed)
                page = context.new_page()
                page.on("console", seen.log.on_console)
                page.on("pageerror", seen.log.on_page_error)
                page.goto(url + "/data-quality/", wait_until="networkidle")
                _wait_rendered(page)
                seen.article = page.locator("article#evidence-main-article").inner_text()
                seen.body = page.locator("body").inner_text()
                for cell in page.locator("td[data-rule]").all():
                    key = (
                        str(cell.get_attribute("data-rule")),
                        str(cell.get_attribute("data-field")),
                    )
                    seen.rule_cells[key] = cell.inner_text().strip()
                for cell in page.locator("td[data-suite]").all():
                    key = (
                        str(cell.get_attribute("data-suite")),
                        str(cell.get_attribute("data-field")),
                    )
                    seen.suite_cells[key] = cell.inner_text().strip()
                page.screenshot(path=str(SCREENSHOTS / "data-quality.png"), full_page=True)
                # The link must open the Data Docs the site serves, from this machine only.
                docs_context = browser.new_context()
                docs_context.on("request", seen.docs_log.on_request)
                docs_page = docs_context.new_page()
                docs_page.on("pageerror", seen.docs_log.on_page_error)
                href = page.get_by_test_id("data-docs-link").get_attribute("href")
                response = docs_page.goto(url + str(href), wait_until="networkidle")
                seen.docs_status = response.status if response else None
                seen.docs_text = docs_page.locator("body").inner_text()
                docs_page.screenshot(path=str(SCREENSHOTS / "data-docs.png"), full_page=True)
                docs_context.close()
                context.close()
            finally:
                browser.close()
        yield seen
    finally:
        server.shutdown()
        server.server_close()


def test_page_makes_no_request_beyond_localhost(rendered: Rendered) -> None:
    assert rendered.log.requests, "the browser made no requests at all"
    assert rendered.log.external_requests() == []
    assert rendered.log.failed == []
    assert rendered.log.console_errors == []


def test_page_shows_no_error_text(rendered: Rendered) -> None:
    assert rendered.body.strip()
    assert ERROR_TEXT.findall(rendered.body) == [], rendered.body[:3000]


def test_page_is_marked_confidential(rendered: Rendered) -> None:
    assert rendered.article.strip().splitlines()[0].strip() == CONFIDENTIAL
    assert "Confidential — for the data team." in rendered.article


def test_errors_by_rule_and_change_since_previous_check(rendered: Rendered) -> None:
    # See the module docstring for the working.
    assert rendered.rule_cells == {
        ("103", "errors"): "3",
        ("103", "children"): "3",
        ("103", "change"): "+1",
        ("611", "errors"): "1",
        ("611", "children"): "1",
        ("611", "change"): "+1",
        ("355", "errors"): "0",
        ("355", "children"): "0",
        ("355", "change"): "-1",
    }


def test_ge_suite_figures_equal_the_warehouse(rendered: Rendered, checked_warehouse: Path) -> None:
    con = connect(checked_warehouse, read_only=True)
    try:
        rows = con.execute(
            """
            select suite_name, passed_count, failed_count
            from quality.expectation_suite_results
            where run_at = (select max(run_at) from quality.expectation_suite_results)
            """
        ).fetchall()
    finally:
        con.close()
    expected = {}
    for suite, passed, failed in rows:
        expected[(str(suite), "passed")] = str(passed)
        expected[(str(suite), "failed")] = str(failed)
    # 12 raw and 13 staging suites, all with tables in the demo council
    assert len(rows) == 25
    assert rendered.suite_cells == expected


def test_data_docs_open_offline_from_the_page(rendered: Rendered) -> None:
    assert rendered.docs_status == 200
    assert "stg_ssda903__episodes" in rendered.docs_text
    assert "raw_header" in rendered.docs_text
    assert rendered.docs_log.external_requests() == []
    assert rendered.docs_log.console_errors == []
