"""903 XML loads into the same raw tables as the equivalent CSVs; a broken XML is reported."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cpw.ingest import load_folder
from cpw.ingest.tables import TABLES

CHILD_XML = (Path(__file__).parents[1] / "fixtures" / "xml" / "one_child_2024_25.xml").read_text()


CSVS = {
    "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,F,02/03/2008,WBRI,A123456789012,0,\n",
    "uasc.csv": "CHILD,SEX,DOB,DUC\nC1,F,02/03/2008,01/03/2026\n",
    "oc3.csv": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nC1,02/03/2008,YES,F2,D1\n",
    "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,02/03/2008,28/05/2024,PN1\n"
    "C1,02/03/2008,20/11/2024,PN5\n",
    "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END\nC1,02/03/2008,M,01/06/2024,03/06/2024\n",
    "oc2.csv": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
    "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
    "C1,02/03/2008,14,,0,,1,1,1,0,,\n",
    "prev_perm.csv": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\nC1,02/03/2008,Z1,,\n",
    "episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\nC1,01/05/2024,S,C2,N1,U6,PR1,,,,CP1 1AA,CP2 1AA,SC123456\n",
}


def _table(warehouse: Path, table: str) -> list[tuple[object, ...]]:
    spec = next(t for t in TABLES if t.name == table)
    columns = ", ".join(f"coalesce({c.lower()}, '')" for c in spec.column_names)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(con.execute(f"select {columns} from raw.{table}").fetchall())


def test_xml_and_csv_give_the_same_raw_rows(tmp_path: Path) -> None:
    (tmp_path / "xml" / "2024-25").mkdir(parents=True)
    (tmp_path / "xml" / "2024-25" / "return.xml").write_text(CHILD_XML)
    (tmp_path / "csv" / "2024-25").mkdir(parents=True)
    for name, text in CSVS.items():
        (tmp_path / "csv" / "2024-25" / name).write_text(text)
    from_xml = load_folder(tmp_path / "xml", tmp_path / "xml.duckdb")
    load_folder(tmp_path / "csv", tmp_path / "csv.duckdb")
    assert {f.table_name for f in from_xml.files} == {n.removesuffix(".csv") for n in CSVS}
    assert from_xml.issues == []
    for table in TABLES:
        assert _table(tmp_path / "xml.duckdb", table.name) == _table(
            tmp_path / "csv.duckdb", table.name
        ), table.name
    with duckdb.connect(str(tmp_path / "xml.duckdb"), read_only=True) as con:
        lines = con.execute("select _source_line from raw.reviews order by 1").fetchall()
    assert lines == [(8,), (9,)], "XML rows keep the line of their element"


def test_a_truncated_xml_is_reported_and_the_rest_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "2024-25"
    folder.mkdir(parents=True)
    (folder / "return.xml").write_text(CHILD_XML[: len(CHILD_XML) // 2])
    (folder / "reviews.csv").write_text(CSVS["reviews.csv"])
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    status = {f.source_file: (f.status, f.message) for f in result.files}
    xml_status, message = status["2024-25/return.xml"]
    assert xml_status == "error" and "malformed XML" in message and "line" in message
    assert status["2024-25/reviews.csv"][0] == "loaded"
    assert _table(tmp_path / "wh.duckdb", "episodes") == [], "nothing from the broken file"


def test_an_xml_with_another_root_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "2024-25"
    folder.mkdir(parents=True)
    (folder / "other.xml").write_text("<?xml version='1.0'?><ROOT><A>1</A></ROOT>")
    (folder / "reviews.csv").write_text(CSVS["reviews.csv"])
    result = load_folder(tmp_path / "in", tmp_path / "wh.duckdb")
    assert [f.status for f in result.files if f.source_file.endswith(".xml")] == ["error"]
