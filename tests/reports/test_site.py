"""The Evidence site end to end: publish, build, serve on localhost, check it in Chromium.

Every page family is opened after one fresh build: the home page, the board pack, the IRO review
page, the IRO themes (every theme), the child timelines (the index plus three sampled children;
every child's page is checked to have been built), the Ofsted pages (summary and Annex A lists 8
to 10) and the data team page. Each page must show no error text, and the browser must make no
failed request and none that leaves localhost; a screenshot of every page goes to
tests/artifacts/screenshots/. Figures shown are compared with the warehouse.

Needs the `built_warehouse` fixture (tests/conftest.py), `npm` with `reports/node_modules`
installed, and Debian's Chromium at /usr/bin/chromium (Playwright's own browsers are never
downloaded).
"""

from __future__ import annotations

import re
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
    query,
    shown_count,
    small_counts_in_tables,
    theme_cells,
    theme_measures,
    tokens,
)

from cpw import settings
from cpw.reports import build_site, print_board_pack, publish, start_server

# the same Chromium binary and offline flags as `cpw report --pdf`
from cpw.reports.pdf import CHROMIUM, CHROMIUM_ARGS

UNKNOWN_CHILD = "NO-SUCH-CHILD"
STATIC_PAGES = {
    "index": "/",
    "board": "/board/",
    "iro": "/iro/",
    "iro-themes": "/iro/themes/",
    "iro-children": "/iro/children/",
    "iro-worklist": "/iro/worklist/",
    "ofsted": "/ofsted/",
    "ofsted-list-8": "/ofsted/list-8/",
    "ofsted-list-9": "/ofsted/list-9/",
    "ofsted-list-10": "/ofsted/list-10/",
    "data-team": "/data-team/",
}
CONFIDENTIAL = (
    "Confidential — child-level information for IROs and case-holders. "
    "Do not share outside the service."
)
CONFIDENTIAL_INSPECTION = (
    "Confidential — child-level information for inspection preparation. "
    "Do not share outside the service."
)
SCREENSHOTS = settings.PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
RENDER_TIMEOUT_MS = 60_000
# Elements whose data-* attributes tie a shown figure to the warehouse.
FIGURES_JS = """
() => Array.from(document.querySelectorAll(
    'article [data-measure], article [data-fw-measure], article [data-list], article [data-field]'
)).map(e => ({...e.dataset, text: e.innerText.trim()}))
"""

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

    pages: dict[str, str] = field(default_factory=dict)  # name -> path
    article_text: dict[str, str] = field(default_factory=dict)
    body_text: dict[str, str] = field(default_factory=dict)
    figures: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    board_cells: dict[tuple[str, int, str], list[str]] = field(default_factory=dict)
    log: BrowserLog = field(default_factory=BrowserLog)
    build_seconds: float = 0.0
    build_dir: Path = Path()
    # (status chosen in the IRO page's filter, "Reviews listed" it then showed)
    iro_filtered: tuple[str, int | None] = ("", None)
    # hrefs of the links on the children's index page
    child_links: set[str] = field(default_factory=set)
    # how many theme titles each theme page shows (one, however many prefixes the theme has)
    theme_titles: dict[str, int] = field(default_factory=dict)


def _sample_children(warehouse: Path) -> list[str]:
    """Three children to open: the first and last by id, and the one with the most events."""
    rows = query(
        warehouse,
        "select child_id, count(*) from marts.mart_iro_child_timeline group by 1 order by 1",
    )
    ids = [str(child) for child, _ in rows]
    busiest = max(rows, key=lambda row: (row[1], row[0]))[0]
    return sorted({ids[0], ids[-1], str(busiest)})


@pytest.fixture(scope="module")
def site_url(built_warehouse: Path) -> Iterator[tuple[str, float, Path]]:
    counts = publish(built_warehouse)
    assert counts["mart_board_scorecard"] > 0, "the board mart is empty"
    started = time.monotonic()
    # A fresh build: compile the app whatever an earlier run left in reports/build.
    built = build_site(compile_app=True)
    build_seconds = time.monotonic() - started
    assert built.app_compiled
    build_dir = built.build_dir
    server, url = start_server(build_dir)
    try:
        yield url, build_seconds, build_dir
    finally:
        server.shutdown()
        server.server_close()


def _wait_rendered(page: Page, name: str) -> None:
    """Wait until the page's data has been queried in the browser and drawn."""
    article = page.locator("article#evidence-main-article")
    expect(article).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    if name == "board":
        expect(page.locator("td[data-measure]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator("td[data-fw-measure]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator("[_echarts_instance_]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    elif name == "iro":
        expect(page.get_by_text("Reviews listed")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator("table td >> visible=true").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS
        )
    elif name.startswith("theme-"):
        expect(page.get_by_text("Rows listed")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    elif name == "unknown-child":
        expect(page.get_by_test_id("no-such-child")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    elif name.startswith("child-"):
        expect(page.locator("[data-field=reviews]")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(page.locator("table td >> visible=true").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS
        )
    elif name == "ofsted":
        expect(page.locator("td[data-list]").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    elif name.startswith("ofsted-list"):
        expect(page.locator("table td >> visible=true").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS
        )
    elif name == "data-team":
        expect(page.locator("table td >> visible=true").first).to_be_visible(
            timeout=RENDER_TIMEOUT_MS
        )
    elif name == "index":
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


def _all_pages(warehouse: Path) -> dict[str, str]:
    pages = dict(STATIC_PAGES)
    for theme_id in theme_measures(warehouse):
        pages[f"theme-{theme_id}"] = f"/iro/themes/{theme_id}/"
    for child_id in _sample_children(warehouse):
        pages[f"child-{child_id}"] = f"/iro/children/{child_id}/"
    # An address an IRO might mistype: the page must say so, not fail.
    pages["unknown-child"] = f"/iro/children/{UNKNOWN_CHILD}/"
    return pages


@pytest.fixture(scope="module")
def rendered(site_url: tuple[str, float, Path], built_warehouse: Path) -> RenderedSite:
    url, build_seconds, build_dir = site_url
    site = RenderedSite(build_seconds=build_seconds, build_dir=build_dir)
    site.pages = _all_pages(built_warehouse)
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
            for name, path in site.pages.items():
                page.goto(url + path, wait_until="networkidle")
                _wait_rendered(page, name)
                site.article_text[name] = page.locator("article#evidence-main-article").inner_text()
                site.body_text[name] = page.locator("body").inner_text()
                site.figures[name] = page.evaluate(FIGURES_JS)
                if name == "board":
                    for cell in page.locator("td[data-measure]").all():
                        key = (
                            str(cell.get_attribute("data-measure")),
                            int(str(cell.get_attribute("data-year"))),
                            str(cell.get_attribute("data-field")),
                        )
                        site.board_cells.setdefault(key, []).append(cell.inner_text().strip())
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
                if name.startswith("theme-"):
                    site.theme_titles[name] = page.get_by_test_id("theme-title").count()
                if name == "iro-children":
                    links = page.locator("[data-testid=child-links] a")
                    site.child_links = {str(a.get_attribute("href")) for a in links.all()}
                if name == "iro":
                    counts = iro_status_counts(built_warehouse)
                    status = min(counts, key=lambda key: (counts[key], key))
                    shown = _filter_iro_by_status(page, status, counts[status])
                    site.iro_filtered = (status, shown)
            context.close()
        finally:
            browser.close()
    return site


# --- every page -------------------------------------------------------------------------------


def test_no_request_leaves_localhost(rendered: RenderedSite) -> None:
    assert rendered.log.requests, "the browser made no requests at all"
    assert rendered.log.external_requests() == []


def test_no_failed_requests_or_console_errors(rendered: RenderedSite) -> None:
    assert rendered.log.failed == []
    assert rendered.log.console_errors == []


def test_every_page_was_opened_and_shows_no_evidence_error(rendered: RenderedSite) -> None:
    assert set(rendered.body_text) == set(rendered.pages)
    for name in rendered.pages:
        text = rendered.body_text[name]
        assert text.strip(), f"{name} rendered no text"
        assert ERROR_TEXT.findall(text) == [], f"{name} shows error text:\n{text[:2000]}"
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000, f"no screenshot of {name}"


def test_child_level_pages_start_with_the_confidential_line(rendered: RenderedSite) -> None:
    for name in rendered.pages:
        first_line = rendered.article_text[name].strip().splitlines()[0].strip()
        if name == "iro" or name.startswith(("iro-", "theme-", "child-")):
            assert first_line == CONFIDENTIAL, name
        elif name.startswith("ofsted-list"):
            assert first_line == CONFIDENTIAL_INSPECTION, name


# --- board pack ---------------------------------------------------------------------------------


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


def test_board_scorecard_by_principle_and_outcome(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    # Each scorecard value is the measure's latest-year value as the key figures show it
    # (recomputed from mart_measure_values); each rating is the mart's.
    expected = expected_board_cells(built_warehouse)
    latest = {measure: max(y for m, y, _ in expected if m == measure) for measure, _, _ in expected}
    ratings = {
        (str(code), str(measure)): str(rag)
        for code, measure, rag in query(
            built_warehouse,
            "select framework_code, measure_id, rag_status from marts.mart_board_framework",
        )
    }
    labels = {"green": "Green", "amber": "Amber", "red": "Red", "suppressed": "c"}
    labels |= {"no target": "No target", "n/a": "n/a"}
    shown_values: dict[tuple[str, str], str] = {}
    shown_ratings: dict[tuple[str, str], str] = {}
    for figure in rendered.figures["board"]:
        if "fwMeasure" not in figure:
            continue
        key = (figure["fw"], figure["fwMeasure"])
        if figure["fwField"] == "value":
            shown_values[key] = figure["text"]
        elif figure["fwField"] == "rag":
            shown_ratings[key] = figure["text"]
    assert set(shown_values) == set(ratings), "scorecard rows differ from mart_board_framework"
    for (code, measure), text in shown_values.items():
        assert text == expected[(measure, latest[measure], "value")], (code, measure)
        assert shown_ratings[(code, measure)] == labels[ratings[(code, measure)]], (code, measure)


def test_board_privacy_no_child_ids_and_no_small_counts(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    lines = [line.strip() for line in rendered.article_text["board"].splitlines() if line.strip()]
    assert lines[0] == "Board: aggregate only"
    assert lines[1].startswith(
        'All figures on this page are aggregate. Counts of 1–4 are suppressed and shown as "c".'
    )
    ids = child_ids(built_warehouse)
    for name in ("board", "index"):
        assert ids & tokens(rendered.body_text[name]) == set(), f"child ids on {name}"
    counts = [
        f for f in rendered.figures["board"] if f.get("field") in ("numerator", "denominator")
    ]
    assert counts, "no count cells found on the board"
    assert [f for f in counts if f["text"] in {"1", "2", "3", "4"}] == []
    assert small_counts_in_tables(rendered.article_text["board"]) == []
    # the demo council has suppressed cells: the check above is not vacuous
    assert any(f["text"] == "c" for f in counts)


def test_board_pack_pdf_is_printed_and_private(
    rendered: RenderedSite, built_warehouse: Path, tmp_path: Path
) -> None:
    printed = print_board_pack(rendered.build_dir, tmp_path / "board_pack.pdf")
    head = printed.pdf.read_bytes()[:5]
    assert head == b"%PDF-"
    assert printed.size_bytes > 50_000
    # the text printed is the board pack, without a child id or an unsuppressed small count
    assert printed.text.strip().startswith("Board: aggregate only")
    assert "Scorecard by corporate parenting principle" in printed.text
    assert child_ids(built_warehouse) & tokens(printed.text) == set()
    assert small_counts_in_tables(printed.text) == []
    shutil.copy(printed.pdf, SCREENSHOTS / "board_pack.pdf")


# --- IRO ----------------------------------------------------------------------------------------


def test_iro_status_filter_matches_the_warehouse(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    status, shown = rendered.iro_filtered
    assert status, "the IRO mart has no statuses to filter by"
    assert shown == iro_status_counts(built_warehouse)[status]


def test_iro_theme_pages_show_the_marts_figures(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    cells = theme_cells(built_warehouse)
    themes = theme_measures(built_warehouse)
    checked = 0
    for theme_id, measures in themes.items():
        figures = [f for f in rendered.figures[f"theme-{theme_id}"] if "measure" in f]
        shown_measures = {f["measure"] for f in figures}
        with_figures = {m for m, _, _ in cells if m in measures}
        assert shown_measures == with_figures, theme_id
        for figure in figures:
            key = (figure["measure"], int(figure["year"]), figure["field"])
            assert figure["text"] == cells[key], (theme_id, key)
            checked += 1
        if not measures:
            assert (
                "No measure in the catalogue belongs to this theme yet"
                in (rendered.article_text[f"theme-{theme_id}"])
            )
    assert checked > 0


def test_iro_theme_child_list_counts(rendered: RenderedSite, built_warehouse: Path) -> None:
    # "Rows listed" = fct_child_measure rows in the denominator of the theme's measures, in
    # each measure's latest year (no IRO or team filter chosen).
    themes = theme_measures(built_warehouse)
    for theme_id, measures in themes.items():
        if not measures:
            continue
        in_list = ", ".join(f"'{m}'" for m in measures)
        (want,) = query(
            built_warehouse,
            f"""
            select count(*) from marts.fct_child_measure as facts
            where facts.measure_id in ({in_list}) and facts.is_in_denominator
                and facts.collection_year = (
                    select max(latest.collection_year) from marts.fct_child_measure as latest
                    where latest.measure_id = facts.measure_id)
            """,
        )[0]
        assert shown_count(rendered.article_text[f"theme-{theme_id}"], "Rows listed") == want


def test_every_child_is_linked_and_sampled_pages_show_their_counts(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    rows = query(
        built_warehouse,
        """
        select child_id,
            count(*) filter (where event_type = 'review'),
            count(*) filter (where event_type in ('entered care', 'episode')),
            count(*) filter (where event_type in ('missing', 'away'))
        from marts.mart_iro_child_timeline group by child_id
        """,
    )
    counts = {str(row[0]): [str(n) for n in row[1:]] for row in rows}
    # Child pages render in the browser (no page per child in the build): every child in the
    # timeline mart must be reachable from the index, and the sampled ones must show its rows.
    assert rendered.child_links == {f"/iro/children/{child}/" for child in counts}
    shown_total = shown_count(rendered.article_text["iro-children"], "Children")
    assert shown_total == len(counts)
    sampled = [name for name in rendered.pages if name.startswith("child-")]
    assert len(sampled) >= 2
    for name in sampled:
        child_id = name.removeprefix("child-")
        shown = {f["field"]: f["text"] for f in rendered.figures[name] if "field" in f}
        got = [shown["reviews"], shown["episodes"], shown["missing_or_away"]]
        assert got == counts[child_id], child_id
        assert child_id in rendered.article_text[name]


# --- Ofsted and data team -------------------------------------------------------------------------


def test_each_theme_page_has_one_title(rendered: RenderedSite) -> None:
    # participation, permanence, stability, parent-and-child and working-with-parents each
    # span two or three measure prefixes in seeds/board/report_themes.csv
    themes = [name for name in rendered.pages if name.startswith("theme-")]
    assert themes
    assert rendered.theme_titles == dict.fromkeys(themes, 1)


def test_unknown_child_page_says_so(rendered: RenderedSite) -> None:
    text = rendered.article_text["unknown-child"]
    assert f"No child with id {UNKNOWN_CHILD}" in text
    assert "Timeline" not in text


def test_ofsted_pages_show_annex_a_counts_and_latest_values(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    lists = {
        str(n): str(
            query(built_warehouse, f"select count(*) from marts.mart_ofsted_annex_a_list_{n}")[0][0]
        )
        for n in (8, 9, 10)
    }
    shown = {f["list"]: f["text"] for f in rendered.figures["ofsted"] if "list" in f}
    assert shown == lists
    for number, rows in lists.items():
        assert shown_count(rendered.article_text[f"ofsted-list-{number}"], "Rows") == int(rows)
    expected = expected_board_cells(built_warehouse)
    latest = {m: max(y for mm, y, _ in expected if mm == m) for m, _, _ in expected}
    values = [f for f in rendered.figures["ofsted"] if "measure" in f]
    assert {f["measure"] for f in values} == set(latest)
    for figure in values:
        assert figure["text"] == expected[(figure["measure"], latest[figure["measure"]], "value")]


def test_iro_worklist_overdue_counts_match_the_mart(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    expected = {
        str(item): str(overdue)
        for item, overdue in query(
            built_warehouse,
            "select item, count(*) filter (where is_overdue) from marts.mart_iro_worklist"
            " group by item",
        )
    }
    shown = {
        f["item"]: f["text"]
        for f in rendered.figures["iro-worklist"]
        if f.get("field") == "overdue"
    }
    assert expected and shown == expected
    total = sum(int(v) for v in expected.values())
    assert shown_count(rendered.article_text["iro-worklist"], "Overdue") == total


def test_data_team_page_shows_the_load_history(
    rendered: RenderedSite, built_warehouse: Path
) -> None:
    text = rendered.article_text["data-team"]
    for year, loaded, files in query(
        built_warehouse,
        "select collection_year, sum(rows_loaded), count(*) from raw.load_audit group by 1",
    ):
        label = f"{int(year) - 1}-{str(int(year))[-2:]}"
        row = re.search(re.escape(label) + r"\t([\d,]+)\t([\d,]+)", text)
        assert row is not None, label
        assert (int(row.group(1).replace(",", "")), int(row.group(2).replace(",", ""))) == (
            int(files),
            int(loaded),
        )


def test_report_build_time(rendered: RenderedSite, record_property: Any) -> None:
    # Not a gate on speed: recorded so a slow build shows up (-rA, --junitxml).
    assert rendered.build_seconds > 0
    record_property("site_build_seconds", round(rendered.build_seconds, 1))
    print(f"npm run sources + build: {rendered.build_seconds:.1f} s")
