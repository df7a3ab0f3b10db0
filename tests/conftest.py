"""Shared fixtures: real pipelines built once per test session in temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpw import settings
from cpw.build import run_dbt
from cpw.ingest import load_folder

FIXTURES = Path(__file__).parent / "fixtures"


CAUTIOUS = ["--indirect-selection", "cautious"]


def build_warehouse(input_dir: Path, workdir: Path, select: str | None = None) -> Path:
    """Load a folder of returns and run the real `dbt build` on it; return the warehouse path.

    `select` (a dbt selector such as `+fct_validation_errors`) builds only what a test reads,
    with its upstream models and their data tests, to keep `make test` short; the demo council
    (`built_warehouse`) and the hand-worked measures council always build everything.
    """
    warehouse = workdir / "cpw.duckdb"
    load_folder(input_dir, warehouse)
    # cautious: a data test runs when every model and seed it reads was built
    extra = ["--select", *select.split(), *CAUTIOUS] if select else None
    run_dbt(warehouse, target_path=workdir / "dbt_target", extra=extra)
    return warehouse


@pytest.fixture(scope="session")
def measures_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-worked measures fixture council, loaded and built."""
    workdir = tmp_path_factory.mktemp("measures_council")
    return build_warehouse(FIXTURES / "measures_council", workdir)


@pytest.fixture(scope="session")
def demo_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic demo council's returns, as `cpw demo` writes them."""
    from cpw.synth import generate_council

    out = tmp_path_factory.mktemp("demo_input")
    generate_council(
        out,
        children=settings.DEMO_CHILDREN,
        years=settings.DEMO_YEARS,
        seed=settings.DEMO_SEED,
        local_extracts=settings.DEMO_LOCAL_EXTRACTS,
        postcode_area=settings.demo_postcode_area(),
    )
    return out


@pytest.fixture(scope="session")
def built_warehouse(demo_input: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo council through synth, load, build and check: a warehouse with every mart."""
    from cpw.quality import run_checks

    workdir = tmp_path_factory.mktemp("demo_warehouse")
    warehouse = build_warehouse(demo_input, workdir)
    run_checks(warehouse, settings.EXPECTATIONS_DIR)
    return warehouse
