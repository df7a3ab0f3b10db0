"""Structure rules from the style guide, checked over the manifest of a real dbt build."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cpw.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow

PRINCIPLES = {f"P{n}" for n in range(1, 8)}
OUTCOMES = {"BH", "BS", "EA", "PC", "EW"}
# an import CTE: `<name> as [not materialized] (select * from {{ ref(...) }})`
IMPORT_CTE = re.compile(r"(\S+) as (not materialized )?\(\s*select \* from \{\{ (?:ref|source)\(")


@pytest.fixture(scope="module")
def manifest(measures_warehouse: Path) -> dict[str, Any]:
    path = measures_warehouse.parent / "dbt_target" / "manifest.json"
    return json.loads(path.read_text())  # type: ignore[no-any-return]


def _models(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def _tests_by_model(manifest: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("attached_node"):
            name = node.get("test_metadata", {}).get("name", "singular")
            found.setdefault(node["attached_node"], set()).add(name)
    return found


def test_every_model_is_described_in_yaml_beside_it(manifest: dict[str, Any]) -> None:
    for model in _models(manifest):
        assert model["description"].strip(), f"{model['name']} has no description"
        patch = model["patch_path"].split("://")[-1]
        assert Path(patch).with_suffix("").name == model["name"], model["name"]
        assert Path(patch).parent == Path(model["original_file_path"]).parent, model["name"]


def test_every_model_has_a_primary_key_test(manifest: dict[str, Any]) -> None:
    # primary_key (tests/dbt/generic) is unique and not_null in one test; measure_key is that
    # plus the measure's own prefix, and makes fct_child_measure's stacked key unique
    tests = _tests_by_model(manifest)
    for model in _models(manifest):
        found = tests.get(model["unique_id"], set())
        if model["name"] == "fct_child_measure":
            continue
        if model["name"].startswith("int_measure_"):
            assert "measure_key" in found, model["name"]
            continue
        assert "primary_key" in found or {"unique", "not_null"} <= found, model["name"]


def test_only_staging_reads_sources_and_staging_reads_nothing_else(
    manifest: dict[str, Any],
) -> None:
    for model in _models(manifest):
        parents = model["depends_on"]["nodes"]
        is_staging = model["name"].startswith("stg_")
        reads_source = any(p.startswith("source.") for p in parents)
        assert reads_source == is_staging, model["name"]
        if is_staging:
            # staging reads its source, and only code-list seeds beside it (to map codes)
            assert all(p.startswith(("source.", "seed.")) for p in parents), model["name"]
        assert parents, f"{model['name']} has no parents"


def test_child_level_marts_say_so_and_board_marts_hold_no_child(manifest: dict[str, Any]) -> None:
    for model in _models(manifest):
        if "/marts/" not in "/" + model["original_file_path"]:
            continue
        child_level = model["config"].get("meta", {}).get("child_level", False)
        if child_level:
            assert model["description"].startswith("Child-level"), model["name"]
        if "/board/" in model["original_file_path"]:
            assert not child_level, model["name"]
            assert "child_id" not in model["columns"], model["name"]


def test_every_measure_model_is_in_the_catalogue_with_principles_and_outcomes(
    manifest: dict[str, Any],
) -> None:
    with (PROJECT_ROOT / "seeds" / "measures" / "measure_catalogue.csv").open() as handle:
        catalogue = {row["measure_id"]: row for row in csv.DictReader(handle)}
    measure_models = [m for m in _models(manifest) if m["name"].startswith("int_measure_")]
    ids = [m["config"]["meta"]["measure_id"] for m in measure_models]
    # one model per measure: fct_child_measure's key is unique because no two models share one
    assert sorted(ids) == sorted(catalogue), "each catalogue measure has exactly one measure model"
    for row in catalogue.values():
        assert set(row["principles"].split()) <= PRINCIPLES and row["principles"].split()
        assert set(row["outcomes"].split()) <= OUTCOMES and row["outcomes"].split()


def test_views_read_when_the_warehouse_is_attached_under_another_name(
    measures_warehouse: Path,
) -> None:
    # a view keeps its SQL; one naming the build's catalog breaks wherever the file is attached
    # under another alias, as the report build and a council's analysts attach it
    import duckdb

    con = duckdb.connect()
    con.execute(f"attach '{measures_warehouse}' as elsewhere (read_only)")
    views = con.execute(
        "select schema_name, view_name from duckdb_views() "
        "where database_name = 'elsewhere' and not internal"
    ).fetchall()
    assert ("marts", "fct_child_measure") in views
    counts = {
        view: con.execute(f"select count(*) from elsewhere.{schema}.{view}").fetchone()
        for schema, view in views
    }
    assert counts["fct_child_measure"] is not None and counts["fct_child_measure"][0] > 0


def test_fct_child_measure_stacks_every_measure_model_but_the_rates(
    manifest: dict[str, Any],
) -> None:
    # the view lists its measure models by hand (dbt records refs while parsing, before the
    # graph or the catalogue can be read); a new measure model left off that list would be
    # missing from every child-level page without any test failing
    with (PROJECT_ROOT / "seeds" / "measures" / "measure_catalogue.csv").open() as handle:
        rates = {r["measure_id"] for r in csv.DictReader(handle) if r["value_unit"] == "rate"}
    models = _models(manifest)
    fct = next(m for m in models if m["name"] == "fct_child_measure")
    stacked = {p.split(".")[-1] for p in fct["depends_on"]["nodes"]}
    expected = {
        m["name"]
        for m in models
        if m["name"].startswith("int_measure_") and m["config"]["meta"]["measure_id"] not in rates
    }
    assert expected and {n for n in stacked if n.startswith("int_measure_")} == expected


def test_import_ctes_are_not_materialized(manifest: dict[str, Any]) -> None:
    # DuckDB materializes a CTE that a query reads twice, copying every column of the table it
    # imports; inlined, each reader scans only the columns it needs (docs/performance.md,
    # "Fourth pass": 10 % of the national build's CPU)
    checked = 0
    for model in _models(manifest):
        for name, hint in IMPORT_CTE.findall(model["raw_code"]):
            checked += 1
            assert hint, f"{model['name']}: import CTE {name} is not `as not materialized`"
    assert checked > 300
