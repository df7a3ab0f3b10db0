"""The `cpw` command: each pipeline step on its own, and `cpw demo` for all of them in order."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from cpw import settings
from cpw.errors import CpwChecksFailed, CpwError, CpwInputError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    help=(
        "cpw, the corporate parenting warehouse: SSDA903 extracts into DuckDB, measures in dbt, "
        "Great Expectations checks, and an offline Evidence site for the board, IROs and "
        "inspection preparation. Run `cpw demo` to see every step on a synthetic council."
    ),
)

EXIT_OK, EXIT_CHECKS_FAILED, EXIT_BAD_INPUT, EXIT_STEP_FAILED = 0, 1, 2, 3
T = TypeVar("T")

WarehouseOption = Annotated[
    Path, typer.Option("--warehouse", "-w", help="The DuckDB warehouse file.")
]


def _run(action: Callable[[], T]) -> T:
    """Run one step, turning cpw's errors into a one-line reason on stderr and an exit code."""
    try:
        return action()
    except CpwChecksFailed as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(EXIT_CHECKS_FAILED) from err
    except CpwInputError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from err
    except CpwError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(EXIT_STEP_FAILED) from err
    except Exception as err:
        if os.environ.get("CPW_DEBUG"):
            raise
        typer.echo(
            f"error: unexpected {type(err).__name__}: {err} (CPW_DEBUG=1 shows the "
            "traceback; please report it)",
            err=True,
        )
        raise typer.Exit(EXIT_STEP_FAILED) from err


@app.command()
def synth(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the council's returns to.")
    ],
    children: Annotated[
        int, typer.Option(help="About how many children are looked after during each year.")
    ] = settings.DEMO_CHILDREN,
    years: Annotated[
        int, typer.Option(help="How many collection years to write, ending with --last-year.")
    ] = settings.DEMO_YEARS,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed always writes the same files.")
    ] = settings.DEMO_SEED,
    last_year: Annotated[
        int, typer.Option(help="Year the last collection ends (2025 = 2024-25).")
    ] = 2025,
    inject_errors: Annotated[
        int,
        typer.Option(
            help="Inject this many errors of each kind per year (bad dates, unknown codes, "
            "duplicate keys, broken episode chains) and list them in manifest.json. Off (0) "
            "by default."
        ),
    ] = 0,
    local_extracts: Annotated[
        bool,
        typer.Option(
            "--local-extracts", help="Also write the local (SSD-aligned) extracts in local/."
        ),
    ] = False,
    xml: Annotated[
        bool,
        typer.Option(
            "--xml",
            help="Write each year as one 903 XML file (return.xml) instead of CSVs; SWEpisodes "
            "and DoLo, which have no XML tags, stay CSV.",
        ),
    ] = False,
    national: Annotated[
        bool,
        typer.Option(
            "--national",
            help="Write every English LA (real LA codes, sizes in proportion), with --children "
            "as the national total, one folder per LA: OUT/E06000015/2024-25/ and so on.",
        ),
    ] = False,
    real_postcodes: Annotated[
        bool,
        typer.Option(
            "--real-postcodes",
            help="Draw home and placement postcodes from the real area of the LA the demo "
            "council borrows (ONS centroids, public reference data), so placement distances "
            "can be measured. Off: made-up postcodes in the non-existent CP area.",
        ),
    ] = False,
) -> None:
    """Write synthetic SSDA903 returns (fake children only), one folder per collection year.

    Every table of each year's return is written in that year's coding, internally
    consistent, with rates calibrated to DfE national figures (docs/synthetic_council.md).
    """
    from cpw.synth import generate_council
    from cpw.synth.national import generate_national

    if national:
        results = _run(lambda: generate_national(out, children, years, seed, last_year))
        rows = sum(sum(t.values()) for r in results.values() for t in r.rows.values())
        typer.echo(f"{len(results)} local authorities, {rows:,} rows written to {out}")
        return
    result = _run(
        lambda: generate_council(
            out,
            children=children,
            years=years,
            seed=seed,
            last_collection_year=last_year,
            inject_errors=inject_errors,
            local_extracts=local_extracts,
            xml=xml,
            postcode_area=settings.demo_postcode_area() if real_postcodes else None,
        )
    )
    for label in result.years:
        counts = ", ".join(f"{table} {n}" for table, n in result.rows[label].items())
        typer.echo(f"{label}: {counts}")
    if inject_errors:
        typer.echo(f"injected errors listed in {out / 'manifest.json'}")
    typer.echo(f"wrote {out}")


@app.command()
def load(
    input_dir: Annotated[
        Path,
        typer.Option(
            "--input",
            "-i",
            help="Folder of 903 CSV or XML files: one sub-folder per collection year"
            " (2024-25, ...), or one year with --year.",
        ),
    ],
    warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE,
    year: Annotated[
        str | None, typer.Option(help="Collection year of a single folder of files, e.g. 2024-25.")
    ] = None,
) -> None:
    """Load SSDA903 CSVs into the warehouse's raw schema.

    Tables are recognised by their columns, not file names. Every value is kept as text; rows
    that cannot be placed are quarantined with file, line and reason. The new warehouse replaces
    the old one only when the whole load has finished.
    """
    from cpw.ingest import load_folder

    result = _run(lambda: load_folder(input_dir, warehouse, year=year))
    for audit in result.files:
        table = audit.table_name or "-"
        typer.echo(
            f"{audit.status:8} {audit.source_file}: {table}, {audit.rows_in} in, "
            f"{audit.rows_loaded} loaded, {audit.rows_quarantined} quarantined"
            + ("" if audit.status == "loaded" else f" ({audit.message})")
        )
    typer.echo(f"warehouse: {warehouse}")


@app.command()
def build(warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE) -> None:
    """Run `dbt build` (seeds, staging, measures, marts and their tests) on the warehouse.

    dbt works on a copy; the copy replaces the warehouse only if every model and test passed.
    """
    from cpw.build import run_dbt

    result = _run(lambda: run_dbt(warehouse))
    typer.echo(f"dbt build: {result.summary()}")
    for warning in result.warnings:
        typer.echo(f"warning: {warning}")


@app.command()
def check(
    warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE,
    docs_dir: Annotated[
        Path,
        typer.Option(help="Where GX's Data Docs (offline HTML) go; the site serves this folder."),
    ] = settings.REPORTS_DIR / "static" / "data-docs",
    docs: Annotated[
        bool, typer.Option("--docs/--no-docs", help="Build the Data Docs (about 10 s).")
    ] = True,
) -> None:
    """Validate the raw and staging tables with the GX suites in expectations/, as one checkpoint.

    Every result is stored in quality.expectation_results, and the DfE validation errors dbt
    found (marts.fct_validation_errors) are counted by rule into
    quality.validation_error_counts. Exits 1 when a critical expectation fails; warnings are
    listed but do not fail the run.
    """
    from cpw.quality import run_checks

    report = _run(
        lambda: run_checks(warehouse, settings.EXPECTATIONS_DIR, docs_dir if docs else None)
    )
    for line in report.summary_lines() + report.suite_lines() + report.validation_lines():
        typer.echo(line)
    typer.echo(
        f"checks: {report.suites_run} suites, {len(report.results)} expectations, "
        f"{report.critical_failures} critical failures, {report.warnings} warnings"
    )
    typer.echo(
        "check times: " + ", ".join(f"{name} {sec:.1f} s" for name, sec in report.timings.items())
    )
    if report.docs_index is not None:
        typer.echo(f"data docs: {report.docs_index}")
    if report.critical_failures:
        _run(
            lambda: _raise(
                CpwChecksFailed(f"{report.critical_failures} critical expectations failed")
            )
        )


export_app = typer.Typer(
    no_args_is_help=True,
    help="Write child-level lists as CSV and Excel for the people who act on them: DfE "
    "validation errors for the teams who fix records, Ofsted Annex A lists for inspection "
    "preparation. Run `cpw build` first.",
)
app.add_typer(export_app, name="export")


@export_app.command("errors")
def export_errors(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the two files.")],
    warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE,
) -> None:
    """Export the child-level DfE validation errors as validation_errors.csv and .xlsx.

    One row per error (LA, year, rule, table, child, row, columns) from
    marts.fct_validation_errors, one child's errors together. The workbook adds a summary
    sheet by rule; its header row is frozen and filterable. Child-level: for the data and
    case-recording teams only. Exits 2 when the warehouse has no validation results.
    """
    from cpw.exports.errors import export_errors as write_errors

    result = _run(lambda: write_errors(warehouse, out))
    typer.echo(f"{result.errors:,} errors of {result.rules:,} rules: {result.csv}, {result.xlsx}")


def _raise(err: Exception) -> None:
    raise err


@app.command()
def report(
    warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print the board pack to PDF (headless Chromium).")
    ] = False,
    out: Annotated[
        Path, typer.Option(help="Where --pdf writes the board pack.")
    ] = settings.REPORTS_BUILD_DIR / "board_pack.pdf",
    compile_app: Annotated[
        bool,
        typer.Option(
            "--compile",
            help="Compile the site's app even if its pages have not changed since the last build "
            "(by default a run with unchanged pages only swaps in the new data).",
        ),
    ] = False,
) -> None:
    """Publish the marts to the Evidence site's source and build the static site (offline).

    The pages query the data in the browser, so when no page changed since the last build only the
    data files are replaced; the app is compiled again when a page or the Evidence project changed.
    """
    from cpw.reports import build_site, print_board_pack, publish

    tables = _run(lambda: publish(warehouse))
    typer.echo("published: " + ", ".join(f"{name} {rows}" for name, rows in tables.items()))
    built = _run(lambda: build_site(compile_app=compile_app))
    how = "app compiled" if built.app_compiled else "pages unchanged, data refreshed"
    typer.echo(f"site: {built.build_dir} ({how})")
    site = built.build_dir
    if pdf:
        printed = _run(lambda: print_board_pack(site, out))
        typer.echo(f"board pack: {printed.pdf} ({printed.size_bytes:,} bytes)")


@export_app.command("annex-a")
def export_annex_a(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the workbook and CSVs.")],
    warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE,
) -> None:
    """Ofsted Annex A lists 8, 9 and 10: annex_a.xlsx (a sheet per list) and one CSV per list.

    Child-level: for the inspection team only.
    """
    from cpw.exports.annex_a import export_annex_a as write_annex_a

    result = _run(lambda: write_annex_a(warehouse, out))
    for number, rows in result.rows.items():
        typer.echo(f"list {number}: {rows} rows")
    typer.echo(f"wrote {result.workbook} and {len(result.csv_files)} CSV files")


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 4173,
    build_dir: Annotated[Path, typer.Option(help="The built site.")] = settings.REPORTS_BUILD_DIR,
) -> None:
    """Serve the built site on http://127.0.0.1 only (Ctrl-C stops it)."""
    from cpw.reports import serve as serve_site
    from cpw.reports.server import APP_SHELL

    if not (build_dir / APP_SHELL).exists():
        _run(lambda: _raise(CpwInputError("no built site: run `cpw report` first", file=build_dir)))
    typer.echo(f"serving {build_dir} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    _run(lambda: serve_site(build_dir, port=port))


@app.command()
def demo(
    out: Annotated[
        Path, typer.Option(help="Where the demo council's returns are written.")
    ] = settings.DEFAULT_DEMO_DATA,
    warehouse: WarehouseOption = settings.DEFAULT_WAREHOUSE,
    skip_site: Annotated[
        bool, typer.Option("--skip-site", help="Stop before building the site.")
    ] = False,
) -> None:
    """Run every step on the synthetic demo council: synth, load, build, check, report."""
    steps: list[tuple[str, Callable[[], None]]] = [
        (
            "synth",
            lambda: synth(
                out=out, local_extracts=settings.DEMO_LOCAL_EXTRACTS, real_postcodes=True
            ),
        ),
        ("load", lambda: load(input_dir=out, warehouse=warehouse)),
        ("build", lambda: build(warehouse=warehouse)),
        ("check", lambda: check(warehouse=warehouse)),
    ]
    if not skip_site:
        steps.append(("report", lambda: report(warehouse=warehouse)))
    timings: list[tuple[str, float]] = []
    for name, step in steps:
        typer.echo(f"== {name}")
        started = time.perf_counter()
        step()
        timings.append((name, time.perf_counter() - started))
        typer.echo(f"== {name} done in {timings[-1][1]:.1f} s")
    typer.echo(
        "step times: "
        + ", ".join(f"{n} {t:.1f} s" for n, t in timings)
        + f"; total {sum(t for _, t in timings):.1f} s"
    )
    typer.echo(f"warehouse: {warehouse}")
    if not skip_site:
        typer.echo(
            f"site: {settings.REPORTS_BUILD_DIR} — open it with `cpw serve` "
            "(or `make serve`), then http://127.0.0.1:4173/"
        )


if __name__ == "__main__":
    app()
