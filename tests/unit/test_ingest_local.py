"""Local extracts (`<year>/local/*.csv`) in the same load as the 903, with the same checks."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cpw.errors import CpwInputError
from cpw.ingest import LoadResult, load_folder
from cpw.ingest.local_tables import LOCAL_TABLES

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,01/01/2012,WBRI,UN3,,\n"
VISITS = (
    "clav_cla_visit_id,clav_person_id,clav_cla_visit_date,clav_cla_visit_seen,"
    "clav_cla_visit_seen_alone\n"
)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _load(tmp_path: Path, files: dict[str, str]) -> LoadResult:
    for name, text in files.items():
        _write(tmp_path / "in" / "2024-25" / name, text)
    return load_folder(tmp_path / "in", tmp_path / "wh.duckdb")


def _rows(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_bad_local_rows_are_quarantined_or_flagged_with_file_line_and_column(
    tmp_path: Path,
) -> None:
    result = _load(
        tmp_path,
        {
            "header.csv": HEADER,
            "local/ssd_cla_visits.csv": VISITS
            + "V1,C1,01/05/2024,Y,N\n"  # line 2: good
            + ",C1,02/05/2024,Y,N\n"  # line 3: no visit id -> quarantined
            + "V3,,03/05/2024,Y,N\n"  # line 4: no child -> quarantined
            + "V4,C1,31/02/2024,Y,N\n"  # line 5: impossible date -> flagged
            + "V5,C1,05/05/2024,yes,N\n"  # line 6: not Y/N -> flagged
            + "V1,C1,06/05/2024,Y,N\n"  # line 7: repeats V1 -> quarantined
            + "V7,C1,07/05/2024,Y\n",  # line 8: a field short -> quarantined
            "local/notes.csv": "anything\n1\n",
        },
    )
    issues = {
        (i["source_file"], i["line_number"], i["column_name"], i["disposition"])
        for i in result.issues
    }
    visits = "2024-25/local/ssd_cla_visits.csv"
    assert issues == {
        (visits, 3, "clav_cla_visit_id", "rejected"),
        (visits, 4, "clav_person_id", "rejected"),
        (visits, 5, "clav_cla_visit_date", "flagged"),
        (visits, 6, "clav_cla_visit_seen", "flagged"),
        (visits, 7, "clav_cla_visit_id", "rejected"),
        (visits, 8, None, "rejected"),
    }
    audit = {a.source_file: a for a in result.files}
    # 7 rows in: 4 quarantined (lines 3, 4, 7, 8), 3 loaded of which 2 flagged (5, 6)
    assert (audit[visits].rows_in, audit[visits].rows_loaded) == (7, 3)
    assert (audit[visits].rows_quarantined, audit[visits].rows_flagged) == (4, 2)
    assert audit["2024-25/local/notes.csv"].status == "skipped"
    loaded = _rows(
        result.warehouse,
        "select clav_cla_visit_id, _source_line from raw_local.ssd_cla_visits order by 2",
    )
    assert loaded == [("V1", 2), ("V4", 5), ("V5", 6)]
    quarantined = _rows(
        result.warehouse,
        "select table_name, line_number from raw.quarantine where disposition = 'rejected' "
        "order by 2",
    )
    assert quarantined == [("ssd_cla_visits", n) for n in (3, 4, 7, 8)]


def test_a_903_only_council_still_gets_every_local_table_empty(tmp_path: Path) -> None:
    result = _load(tmp_path, {"header.csv": HEADER})
    for spec in LOCAL_TABLES:
        assert _rows(result.warehouse, f"select count(*) from {spec.raw_table}") == [(0,)]
    assert all(a.table_name == "header" for a in result.files)


def test_local_extracts_alone_are_not_a_return(tmp_path: Path) -> None:
    with pytest.raises(CpwInputError, match="no SSDA903 table"):
        _load(tmp_path, {"local/ssd_cla_visits.csv": VISITS + "V1,C1,01/05/2024,Y,N\n"})


def test_a_failed_load_leaves_the_previous_warehouse(tmp_path: Path) -> None:
    good = _load(tmp_path, {"header.csv": HEADER})
    before = good.warehouse.read_bytes()
    (tmp_path / "in" / "2024-25" / "header.csv").unlink()
    with pytest.raises(CpwInputError):
        _load(tmp_path, {"local/ssd_cla_visits.csv": VISITS})
    assert good.warehouse.read_bytes() == before
