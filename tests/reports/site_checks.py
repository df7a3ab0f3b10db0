"""Helpers for the site test: expected board figures from the warehouse, and a browser log.

The expected figures are computed here from `marts.mart_measure_values`, independently of
`mart_board_scorecard`, so the test checks the page against the warehouse and not against itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cpw.warehouse import connect

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
SUPPRESSED = "c"  # DfE mark: a count of 1-4, or a figure built from one
NOT_APPLICABLE = "n/a"  # no child in the denominator (as mart_board_scorecard shows it)
# Evidence quirks documented in docs/reports.md (offline recipe): harmless, so not failures.
KNOWN_CONSOLE_ERRORS = ("Catalog Error: unrecognized configuration parameter",)
# duckdb-wasm also cancels some parquet reads of the site's own data files once it has what it
# needs (the figures checks below still see every value).
KNOWN_ABORTED = re.compile(
    r"/api/prerendered_queries/[^/?#]+\.arrow(\?.*)?$|/data/cpw/[^/]+/[0-9a-f]+/[^/]+\.parquet$"
)
ERROR_TEXT = re.compile(r"\b(error|failed)\b", re.IGNORECASE)

BoardKey = tuple[str, int, str]  # measure_id, collection_year, field


def is_suppressed(count: int | None) -> bool:
    """Counts of 1 to 4 are suppressed; 0 and 5+ are shown."""
    return count is not None and 1 <= count <= 4


def count_display(count: int | None) -> str:
    """A count as the board shows it."""
    if is_suppressed(count):
        return SUPPRESSED
    return "" if count is None else str(int(count))


def value_display(
    numerator: int | None, denominator: int | None, value: float | None, unit: str = "percent"
) -> str:
    """A value as the board shows it: one decimal place, halves rounded up, then `%` for a
    percentage (a mean, such as the SDQ score, has no sign); a count as a whole number."""
    if is_suppressed(numerator) or is_suppressed(denominator):
        return SUPPRESSED
    return plain_value_display(value, unit)


def expected_board_cells(warehouse: Path) -> dict[BoardKey, str]:
    """Every figure the board must show, from the headline rows of `mart_measure_values`."""
    con = connect(warehouse, read_only=True)
    try:
        rows = con.execute(
            """
            select measure_id, collection_year, numerator, denominator, value, value_unit
            from marts.mart_measure_values
            where breakdown_type = 'all'
            order by measure_id, collection_year
            """
        ).fetchall()
    finally:
        con.close()
    cells: dict[BoardKey, str] = {}
    for measure_id, year, numerator, denominator, value, unit in rows:
        key = (str(measure_id), int(year))
        if (*key, "value") in cells:
            raise AssertionError(f"more than one headline row for {key} in mart_measure_values")
        cells[(*key, "numerator")] = count_display(numerator)
        cells[(*key, "denominator")] = count_display(denominator)
        cells[(*key, "value")] = value_display(numerator, denominator, value, str(unit))
    return cells


def child_ids(warehouse: Path) -> set[str]:
    """Every child id in the child-level fact table."""
    con = connect(warehouse, read_only=True)
    try:
        rows = con.execute("select distinct child_id from marts.fct_child_measure").fetchall()
    finally:
        con.close()
    return {str(row[0]) for row in rows if row[0] is not None}


def iro_child_ids(warehouse: Path) -> set[str]:
    """Child ids the IRO page may list."""
    con = connect(warehouse, read_only=True)
    try:
        rows = con.execute(
            "select distinct child_id from marts.mart_iro_review_timeliness"
        ).fetchall()
    finally:
        con.close()
    return {str(row[0]) for row in rows if row[0] is not None}


def iro_status_counts(warehouse: Path) -> dict[str, int]:
    """Rows per status in `mart_iro_review_timeliness` (what the IRO page's filter should list)."""
    con = connect(warehouse, read_only=True)
    try:
        rows = con.execute(
            "select status, count(*) from marts.mart_iro_review_timeliness group by status"
        ).fetchall()
    finally:
        con.close()
    return {str(status): int(count) for status, count in rows if status is not None}


def shown_count(text: str, label: str) -> int | None:
    """The number a BigValue titled `label` shows in a page's text, or None."""
    match = re.search(re.escape(label) + r"\s+([\d,]+)", text)
    return int(match.group(1).replace(",", "")) if match else None


def request_host(url: str) -> str | None:
    """The host a request goes to; `data:` URLs go nowhere, `blob:` ones to their origin."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return None
    if parts.scheme == "blob":
        return urlsplit(url[len("blob:") :]).hostname or ""
    return parts.hostname or ""


def tokens(text: str) -> set[str]:
    """Word-like tokens of a text, for whole-token searches such as child ids."""
    return set(re.findall(r"[A-Za-z0-9_-]+", text))


@dataclass
class BrowserLog:
    """Everything the browser asked for, and everything that went wrong, across all pages."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        """Record every request URL."""
        self.requests.append(str(request.url))

    def on_request_failed(self, request: Any) -> None:
        """Record a failed request unless it is Evidence's harmless aborted prefetch."""
        failure = str(request.failure or "")
        if "ERR_ABORTED" in failure and KNOWN_ABORTED.search(urlsplit(request.url).path or ""):
            return
        self.failed.append(f"{request.url}: {failure}")

    def on_console(self, message: Any) -> None:
        """Record console errors other than the two known DuckDB 0.9.1 `SET` ones."""
        if message.type != "error":
            return
        text = str(message.text)
        if any(known in text for known in KNOWN_CONSOLE_ERRORS):
            return
        self.console_errors.append(text)

    def on_page_error(self, error: Any) -> None:
        """Record an uncaught exception in the page."""
        self.console_errors.append(f"uncaught: {error}")

    def external_requests(self) -> list[str]:
        """Requests whose host is not this machine."""
        return [url for url in self.requests if request_host(url) not in (None, *LOCAL_HOSTS)]


def plain_value_display(value: float | None, unit: str) -> str:
    """An unsuppressed value as the pages show it: one decimal place (`%` after a percentage),
    or a whole number for a count; halves rounded away from zero, as DuckDB's round()."""
    if value is None:
        return NOT_APPLICABLE
    # repr() is the shortest decimal that round-trips, so 8.75 rounds to 8.8 as DuckDB's round()
    places = Decimal("1") if unit == "count" else Decimal("0.1")
    rounded = Decimal(repr(float(value))).quantize(places, rounding=ROUND_HALF_UP)
    return f"{rounded}%" if unit == "percent" else f"{rounded}"


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one read-only query on the warehouse."""
    con = connect(warehouse, read_only=True)
    try:
        return [tuple(row) for row in con.execute(sql).fetchall()]
    finally:
        con.close()


def theme_measures(warehouse: Path) -> dict[str, list[str]]:
    """Catalogue measures per IRO theme (a measure belongs to the theme its id prefix names)."""
    rows = query(
        warehouse,
        """
        select themes.theme_id, catalogue.measure_id
        from seeds.report_themes as themes
        left join seeds.measure_catalogue as catalogue
            on starts_with(catalogue.measure_id, themes.measure_prefix)
        order by 1, 2
        """,
    )
    themes: dict[str, list[str]] = {}
    for theme_id, measure_id in rows:
        themes.setdefault(str(theme_id), [])
        if measure_id is not None:
            themes[str(theme_id)].append(str(measure_id))
    return themes


def theme_cells(warehouse: Path) -> dict[BoardKey, str]:
    """Every headline figure an IRO theme page shows, unsuppressed (the pages are confidential)."""
    cells: dict[BoardKey, str] = {}
    rows = query(
        warehouse,
        "select measure_id, collection_year, numerator, denominator, value, value_unit "
        "from marts.mart_measure_values where breakdown_type = 'all'",
    )
    for measure_id, year, numerator, denominator, value, unit in rows:
        key = (str(measure_id), int(year))
        cells[(*key, "numerator")] = str(int(numerator))
        cells[(*key, "denominator")] = str(int(denominator))
        cells[(*key, "value")] = plain_value_display(value, str(unit))
    return cells


def small_counts_in_tables(text: str) -> list[str]:
    """Key-figure lines (measure, year, numerator, denominator, value) showing a count of 1-4.

    Works on a page's inner text, where table cells are tab-separated.
    """
    leaks = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) == 5 and re.fullmatch(r"\d{4}-\d{2}", cells[1]):
            if any(cell in {"1", "2", "3", "4"} for cell in cells[2:4]):
                leaks.append(line)
    return leaks
