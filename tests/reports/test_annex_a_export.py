"""`cpw export annex-a` on the demo council: the workbook opens with openpyxl and holds the lists.

Expected headings come from seeds/ofsted/annex_a_columns.csv and expected row counts from the
Annex A marts of the same warehouse.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cpw import settings
from cpw.cli import app
from cpw.warehouse import connect

pytestmark = pytest.mark.slow
SEED = settings.PROJECT_ROOT / "seeds" / "ofsted" / "annex_a_columns.csv"


def test_export_annex_a_on_the_demo_council(built_warehouse: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "annex-a", "--out", str(tmp_path), "--warehouse", str(built_warehouse)]
    )
    assert result.exit_code == 0, result.output
    with SEED.open(encoding="utf-8", newline="") as handle:
        seed = list(csv.DictReader(handle))
    con = connect(built_warehouse, read_only=True)
    try:
        counts = {
            n: con.execute(f"select count(*) from marts.mart_ofsted_annex_a_list_{n}").fetchone()
            for n in (8, 9, 10)
        }
    finally:
        con.close()
    book = load_workbook(tmp_path / "annex_a.xlsx", read_only=True)
    assert book.sheetnames == ["List 8", "List 9", "List 10"]
    for number in (8, 9, 10):
        sheet = book[f"List {number}"]
        rows = list(sheet.iter_rows(values_only=True))
        headings = [
            row["heading"]
            for row in sorted(seed, key=lambda row: int(row["column_order"]))
            if int(row["list_number"]) == number
        ]
        assert list(rows[0]) == headings
        count = counts[number]
        assert count is not None and len(rows) - 1 == count[0]
        assert count[0] > 0, f"the demo council has no list {number} rows"
        # every row names a child, and child ids are unique within a list
        ids = [row[0] for row in rows[1:]]
        assert all(ids) and len(set(ids)) == len(ids)
    list_8 = list(book["List 8"].iter_rows(values_only=True))
    sex_column = list_8[0].index("Sex")
    assert {row[sex_column] for row in list_8[1:]} <= {
        "a) Male",
        "b) Female",
        "c) Not stated/recorded",
    }
