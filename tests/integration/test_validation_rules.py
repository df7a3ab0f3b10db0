"""DfE 903 validation rules (fct_validation_errors) on a hand-built return and on the
synthetic council with injected errors. Real loader, real `dbt build`."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, build_warehouse

pytestmark = pytest.mark.slow

# child -> rules it must break, and no others (derivations in fixtures/validation/README.md)
EXPECTED = {
    "V01": set(),  # clean: one open S episode, valid codes, postcodes, URN, review PN1 at 11
    "V02": {"101"},  # SEX X is not M/F/U in 2024-25
    "V03": {"103"},  # ETHNIC WXYZ
    "V04": {"388", "433"},  # X1 ends 01/07/2024, next starts 05/07/2024
    "V05": {"361"},  # L1 01/05 to 06/05/2024 = 5 days > 3
    "V06": {"550"},  # PR0 with U4
    "V07": {"440"},  # PN0 at 11 years old
}

# injected kind and column -> the rule that must find it (unknown SEX is 101, and so on)
RULE_FOR = {
    ("unknown_code", "SEX"): "101",
    ("unknown_code", "ETHNIC"): "103",
    ("unknown_code", "LS"): "144",
    ("unknown_code", "PLACE"): "146",
    ("unknown_code", "REVIEW_CODE"): "167",
    ("bad_date", "DEC"): "147",
    ("bad_date", "DOB"): "102",
    ("broken_episode_chain", "DECOM"): "433",
}


def _flags(warehouse: Path) -> list[tuple[str, str, str, int, int]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "select child_id, rule_code, table_name, row_number, collection_year "
            "from marts.fct_validation_errors"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def fixture_flags(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str, int, int]]:
    workdir = tmp_path_factory.mktemp("validation_fixture")
    return _flags(build_warehouse(FIXTURES / "validation", workdir))


def test_each_child_breaks_exactly_its_rules(
    fixture_flags: list[tuple[str, str, str, int, int]],
) -> None:
    found: dict[str, set[str]] = {child: set() for child in EXPECTED}
    for child, rule, _, _, _ in fixture_flags:
        found.setdefault(child, set()).add(rule)
    assert found == EXPECTED


def test_flags_name_the_row_in_the_file(
    fixture_flags: list[tuple[str, str, str, int, int]],
) -> None:
    rows = {(child, rule): (table, line, year) for child, rule, table, line, year in fixture_flags}
    # V04's X1 episode is line 5 of episodes.csv (header line 1, V01-V03 on lines 2-4)
    assert rows[("V04", "388")] == ("episodes", 5, 2025)
    assert rows[("V04", "433")] == ("episodes", 6, 2025)
    # V07's review is line 3 of reviews.csv
    assert rows[("V07", "440")] == ("reviews", 3, 2025)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from cpw.synth import generate_council

    workdir = tmp_path_factory.mktemp("validation_synth")
    generate_council(workdir / "in", children=150, years=2, seed=8, inject_errors=True)
    return workdir / "in", build_warehouse(workdir / "in", workdir)


def test_every_injected_error_that_reaches_the_warehouse_is_found(
    synthetic: tuple[Path, Path],
) -> None:
    input_dir, warehouse = synthetic
    manifest = json.loads((input_dir / "manifest.json").read_text())
    flags = {(rule, table, line, year) for _, rule, table, line, year in _flags(warehouse)}
    checked = 0
    for error in manifest:
        rule = RULE_FOR.get((error["kind"], error["column"]))
        if rule is None or error["expected_disposition"] == "rejected":
            continue  # rejected rows never reach raw; duplicates are the loader's (test_quality)
        year = int(error["year"][:4]) + 1
        table = error["file"].split("/")[-1].removesuffix(".csv")
        assert (rule, table, error["line"], year) in flags, error
        checked += 1
    assert checked > 0


# What the generator writes that a rule rightly flags and that is not fixed here: a URN on
# short-break (V3) episodes (rule 214). tests/unit/test_synth.py requires that URN, so the fix
# is the lead's call (docs/validation_rules.md).
KNOWN_SYNTH_DEFECTS = {"214"}


def test_clean_synthetic_data_breaks_only_the_known_generator_defects(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from cpw.synth import generate_council

    workdir = tmp_path_factory.mktemp("validation_clean")
    generate_council(workdir / "in", children=150, years=2, seed=8)
    rules = {rule for _, rule, _, _, _ in _flags(build_warehouse(workdir / "in", workdir))}
    assert rules <= KNOWN_SYNTH_DEFECTS
