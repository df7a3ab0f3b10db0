"""The board framework mart: every measure under a principle and an outcome, RAG by the rules.

Runs on the `built_warehouse` fixture (the demo council through a real `dbt build`). Expected
ratings are recomputed here from the seed targets and the scorecard, not read from the mart.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from cpw import settings
from cpw.warehouse import connect

pytestmark = pytest.mark.slow

PRINCIPLES = {f"P{n}" for n in range(1, 8)}  # Children and Social Work Act 2017 s1(1)(a)-(g)
OUTCOMES = {"BH", "BS", "EA", "PC", "EW"}
CATALOGUE = settings.PROJECT_ROOT / "seeds" / "measures" / "measure_catalogue.csv"
TARGETS = settings.PROJECT_ROOT / "seeds" / "board" / "board_targets.csv"


def _codes(text: str) -> set[str]:
    return set(text.replace(";", " ").replace(",", " ").split())


def test_every_catalogue_measure_has_a_principle_and_an_outcome() -> None:
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        principles, outcomes = _codes(row["principles"]), _codes(row["outcomes"])
        assert principles and principles <= PRINCIPLES, (row["measure_id"], row["principles"])
        assert outcomes and outcomes <= OUTCOMES, (row["measure_id"], row["outcomes"])


def test_framework_mart_rolls_every_measure_up(built_warehouse: Path) -> None:
    con = connect(built_warehouse, read_only=True)
    try:
        catalogue = dict(
            con.execute(
                "select measure_id, principles || ' ' || outcomes from seeds.measure_catalogue"
            ).fetchall()
        )
        rows = con.execute(
            "select measure_id, framework_code from marts.mart_board_framework"
        ).fetchall()
    finally:
        con.close()
    got: dict[str, set[str]] = {}
    for measure_id, code in rows:
        got.setdefault(str(measure_id), set()).add(str(code))
    # Only measures with at least one year of figures have a latest year to show.
    for measure_id, codes in got.items():
        assert codes == _codes(str(catalogue[measure_id])), measure_id
        assert codes & PRINCIPLES and codes & OUTCOMES, measure_id


def _one_decimal(value: float) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_latest_values_suppression_and_rag(built_warehouse: Path) -> None:
    con = connect(built_warehouse, read_only=True)
    try:
        latest = {
            str(row[0]): row[1:]
            for row in con.execute(
                """
                select measure_id, collection_year, numerator, denominator, value, value_unit
                from marts.mart_measure_values
                where breakdown_type = 'all'
                qualify row_number() over (
                    partition by measure_id order by collection_year desc
                ) = 1
                """
            ).fetchall()
        }
        england = {
            (str(m), int(y)): v
            for m, y, v in con.execute(
                "select measure_id, collection_year, england_value "
                "from marts.mart_measure_benchmarks "
                "where breakdown_type = 'all' and england_value is not null"
            ).fetchall()
        }
        polarity = dict(
            con.execute("select measure_id, polarity from seeds.measure_catalogue").fetchall()
        )
        framework = con.execute(
            "select distinct measure_id, collection_year, value, value_display, rag_status, "
            "target_value from marts.mart_board_framework"
        ).fetchall()
    finally:
        con.close()
    with TARGETS.open(encoding="utf-8", newline="") as handle:
        targets = {row["measure_id"]: row for row in csv.DictReader(handle)}
    assert len(framework) == len(latest)
    checked = {"suppressed": 0, "rated": 0}
    for measure_id, year, value, display, rag, target_value in framework:
        want_year, numerator, denominator, raw_value, _unit = latest[measure_id]
        assert year == want_year
        if 1 <= numerator <= 4 or 1 <= denominator <= 4:
            # suppressed: no value, "c", not rated
            assert (value, display, rag) == (None, "c", "suppressed"), measure_id
            checked["suppressed"] += 1
            continue
        if raw_value is None:
            assert rag == "n/a"
            continue
        target_row = targets.get(measure_id)
        if polarity[measure_id] == "context":
            # a context measure (e.g. the number looked after) has no good direction
            assert rag == "no target", measure_id
            continue
        if target_row is None:
            assert rag == "no target"
            continue
        if target_row["target_basis"] == "england":
            # the England value of the same year, or the latest published before it
            years = [y for (m, y) in england if m == measure_id and y <= year]
            target = england[(measure_id, max(years))] if years else None
        else:
            target = float(target_row["target_value"])
        assert target_value == target, measure_id
        if target is None:
            assert rag == "no target"
            continue
        sign = 1 if polarity[measure_id] == "higher is better" else -1
        margin = sign * (float(_one_decimal(raw_value)) - target)
        band = float(target_row["amber_band"])
        want = "green" if margin >= 0 else "amber" if margin >= -band else "red"
        assert rag == want, (measure_id, raw_value, target, band)
        checked["rated"] += 1
    assert checked["rated"] > 0
