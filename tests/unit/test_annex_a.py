"""`cpw export annex-a`: headings and order from the seed, one sheet and one CSV per list.

The warehouse here is a hand-made DuckDB file holding only what the export reads: the seed
`annex_a_columns` (copied from seeds/ofsted) and three tiny list tables, so every expected cell
below can be read off the rows inserted.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cpw import settings
from cpw.cli import EXIT_BAD_INPUT, app
from cpw.errors import CpwInputError
from cpw.exports.annex_a import export_annex_a

SEED = settings.PROJECT_ROOT / "seeds" / "ofsted" / "annex_a_columns.csv"
runner = CliRunner()


def _seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _headings(number: int) -> list[str]:
    rows = [row for row in _seed_rows() if int(row["list_number"]) == number]
    return [row["heading"] for row in sorted(rows, key=lambda row: int(row["column_order"]))]


def _names(number: int) -> list[str]:
    rows = [row for row in _seed_rows() if int(row["list_number"]) == number]
    return [row["column_name"] for row in sorted(rows, key=lambda row: int(row["column_order"]))]


def test_seed_has_the_template_columns_of_data_standards_17() -> None:
    # §17.1 lists 34 columns for list 8, §17.2 17 for list 9, §17.3 16 for list 10.
    assert [len(_headings(n)) for n in (8, 9, 10)] == [34, 17, 16]
    for number in (8, 9, 10):
        assert _headings(number)[0] == "Child Unique ID"
        # The 2026 template renames "Gender" to "Sex" in every list.
        assert "Sex" in _headings(number)
        assert not any("Gender" in heading for heading in _headings(number))
    assert _headings(10)[1] == "Family identifier"
    assert _headings(8)[33] == "Allocated Worker"
    assert _headings(9)[16] == "Activity Status"


@pytest.fixture()
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "cpw.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema seeds")
    con.execute("create schema marts")
    con.execute(f"create table seeds.annex_a_columns as select * from read_csv('{SEED}')")
    for number in (8, 9, 10):
        columns = ", ".join(f'"{name}" varchar' for name in _names(number))
        con.execute(f"create table marts.mart_ofsted_annex_a_list_{number} ({columns})")
    # List 8: two children, inserted out of order (the export sorts by child id); the date of
    # birth column is a real DATE so the workbook must format it dd/mm/yyyy.
    con.execute("alter table marts.mart_ofsted_annex_a_list_8 alter date_of_birth type date")
    con.execute(
        "insert into marts.mart_ofsted_annex_a_list_8 (child_unique_id, sex, date_of_birth) "
        "values ('C2', 'b) Female', date '2015-03-09'), ('C1', 'a) Male', null)"
    )
    # List 9: one care leaver; list 10 stays empty (a council may have no adoption decisions).
    con.execute(
        "insert into marts.mart_ofsted_annex_a_list_9 (child_unique_id, la_in_touch) "
        "values ('C7', 'a) Yes')"
    )
    con.close()
    return path


def test_workbook_has_a_sheet_per_list_with_template_headings(
    warehouse: Path, tmp_path: Path
) -> None:
    result = export_annex_a(warehouse, tmp_path / "out")
    assert result.rows == {8: 2, 9: 1, 10: 0}
    book = load_workbook(result.workbook)
    assert book.sheetnames == ["List 8", "List 9", "List 10"]
    for number in (8, 9, 10):
        sheet = book[f"List {number}"]
        assert [cell.value for cell in sheet[1]] == _headings(number)
        assert sheet.max_row == 1 + result.rows[number]
    list_8 = book["List 8"]
    # sorted by child id: C1 first; C2's date of birth stays a date shown dd/mm/yyyy
    assert list_8["A2"].value == "C1" and list_8["B2"].value == "a) Male"
    assert list_8["A3"].value == "C2"
    assert list_8["D3"].value == dt.datetime(2015, 3, 9)
    assert list_8["D3"].number_format == "dd/mm/yyyy"
    assert book["List 9"]["M2"].value == "a) Yes"  # column 13, LA in Touch


def test_csv_files_match_the_workbook(warehouse: Path, tmp_path: Path) -> None:
    result = export_annex_a(warehouse, tmp_path / "out")
    assert [path.name for path in result.csv_files] == [
        "annex_a_list_8.csv",
        "annex_a_list_9.csv",
        "annex_a_list_10.csv",
    ]
    with result.csv_files[0].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == _headings(8)
    assert rows[1][:4] == ["C1", "a) Male", "", ""]
    assert rows[2][:4] == ["C2", "b) Female", "", "09/03/2015"]
    assert len(rows) == 3
    assert result.csv_files[2].read_text(encoding="utf-8").splitlines() == [
        ",".join(f'"{h}"' if "," in h else h for h in _headings(10))
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["annex_a.xlsx", "annex_a_list_8.csv", "annex_a_list_9.csv", "annex_a_list_10.csv"]
    )


def test_missing_list_model_is_bad_input_and_writes_nothing(
    warehouse: Path, tmp_path: Path
) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute("drop table marts.mart_ofsted_annex_a_list_9")
    con.close()
    with pytest.raises(CpwInputError, match="list 9"):
        export_annex_a(warehouse, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cli_export_annex_a(warehouse: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "annex-a", "--out", str(tmp_path / "x"), "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    assert "list 8: 2 rows" in result.output
    missing = runner.invoke(
        app,
        ["export", "annex-a", "--out", str(tmp_path / "y"), "-w", str(tmp_path / "none.duckdb")],
    )
    assert missing.exit_code == EXIT_BAD_INPUT
