"""Property tests: whatever a file holds, the loader never fails unhandled, never loses a row,
and what reaches the warehouse matches its audit."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpw.errors import CpwInputError
from cpw.ingest import LoadResult, load_folder
from cpw.ingest.tables import TABLES

# characters real exports trip over: separators, quotes, line breaks, BOMs, non-ASCII, NUL
FIELD = st.text(
    alphabet=st.sampled_from(list("AZaz09 /,-\"'\r\n\t\ufeffé£\x00")) | st.characters(), max_size=12
)
DATE_LIKE = st.sampled_from(
    [
        "01/04/2024",
        "31/02/2024",
        "02/01/20251",
        "2024-03-31 00:00:00",
        "1/4/2024",
        "01/04/24",
        "",
        " 01/04/2024 ",
        "zz/zz/2020",
    ]
)
CODE_LIKE = st.sampled_from(["S", "p", " P ", "C2", "XX", "U6", "PN1", "1", "M", "", "1.0", "E4A"])


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    spec = draw(st.sampled_from(TABLES))
    columns = list(spec.column_names)
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if draw(st.integers(0, 4)) == 0:
        columns.append("TEST_COLUMN")
    if draw(st.integers(0, 4)) == 0 and len(columns) > 4:
        columns.pop(draw(st.integers(1, len(columns) - 1)))
    rows = draw(
        st.lists(
            st.lists(st.one_of(FIELD, DATE_LIKE, CODE_LIKE), min_size=0, max_size=len(columns) + 2),
            max_size=15,
        )
    )
    out = io.StringIO()
    if draw(st.booleans()):
        writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        writer.writerow(columns)
        writer.writerows(rows)
        text = out.getvalue()
    else:  # written by hand, as broken exports are: no quoting at all
        text = "\n".join([",".join(columns), *(",".join(r) for r in rows)])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


def _check_invariants(result: LoadResult) -> None:
    for audit in result.files:
        assert audit.rows_in == audit.rows_loaded + audit.rows_quarantined, audit
        assert audit.rows_flagged <= audit.rows_loaded, audit
    with duckdb.connect(str(result.warehouse), read_only=True) as con:
        for table, (_, loaded, quarantined, _) in result.totals().items():
            assert con.execute(f"select count(*) from raw.{table}").fetchone() == (loaded,)
            rejected = con.execute(
                "select count(distinct source_file || ':' || line_number) from raw.quarantine "
                "where table_name = ? and disposition = 'rejected'",
                [table],
            ).fetchone()
            assert rejected == (quarantined,), table


def _load_bytes(files: dict[str, bytes]) -> None:
    workdir = Path(tempfile.mkdtemp())
    try:
        folder = workdir / "in" / "2024-25"
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        try:
            result = load_folder(workdir / "in", workdir / "wh.duckdb")
        except CpwInputError as err:
            assert "no SSDA903 table" in str(err)
            assert not (workdir / "wh.duckdb").exists()
            return
        _check_invariants(result)
    finally:
        shutil.rmtree(workdir)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(csv_files(), min_size=1, max_size=3))
def test_generated_csv_never_breaks_the_loader(files: list[bytes]) -> None:
    _load_bytes({f"file{i}.csv": data for i, data in enumerate(files)})


VALID_XML = (Path(__file__).parents[1] / "fixtures" / "xml" / "one_child_2024_25.xml").read_text()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(0, len(VALID_XML)), junk=st.text(max_size=30), at=st.integers(0, len(VALID_XML))
)
def test_truncated_or_corrupted_xml_never_breaks_the_loader(cut: int, junk: str, at: int) -> None:
    corrupted = (VALID_XML[:at] + junk + VALID_XML[at:])[: cut + len(junk)]
    _load_bytes(
        {
            "return.xml": corrupted.encode("utf-8", errors="replace"),
            "reviews.csv": b"CHILD,DOB,REVIEW,REVIEW_CODE\nC9,01/01/2010,01/05/2024,PN1\n",
        }
    )
