"""The local extracts: documented columns, ids of real (synthetic) children, plausible dates,
rates neither all green nor all red, and the same bytes for the same seed."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cpw.synth import generate_council
from cpw.synth.dates import CollectionYear, add_years
from cpw.synth.local import LOCAL_TABLES
from cpw.synth.population import LOCAL_UNTIL_AGE, simulate

DOC = Path(__file__).parents[2] / "docs" / "local_extracts.md"
SEED, CHILDREN, YEARS, LAST = 31, 300, 2, 2025
Rows = list[dict[str, str]]
# The column holding each row's event date, which must fall in the collection year.
IN_YEAR = {
    "ssd_cla_visits": "clav_cla_visit_date",
    "ssd_cla_reviews": "clar_cla_review_date",
    "ssd_cla_health": "clah_health_check_date",
    "ssd_missing": "miss_missing_episode_start_date",
    "cpw_iro_contacts": "iroc_contact_date",
    "cpw_review_attendance": "rvat_review_date",
    "ssd_cla_immunisations": "clai_immunisations_status_date",
    "ssd_sdq_scores": "csdq_sdq_completed_date",
    "cpw_pep": "pep_date",
    "cpw_school_moves": "scmv_move_date",
    "cpw_pathway_plans": "ppln_event_date",
    "ssd_cin_assessments": "cina_assessment_auth_date",
    "cpw_family_time": "fati_session_date",
    "cpw_advocacy_offers": "adof_offer_date",
}
# (start, end) columns of rows that must overlap the collection year.
OVERLAP = {
    "ssd_involvements": ("invo_involvement_start_date", "invo_involvement_end_date"),
    "cpw_iro_escalations": ("iroe_stage_start_date", "iroe_stage_end_date"),
    "cpw_parent_child_arrangements": (
        "pcar_arrangement_start_date",
        "pcar_arrangement_end_date",
    ),
}
# Tables that also follow care leavers who are not in the year's 903 (relevant 16-year-olds
# and former relevant young people aged 22-24).
LEAVER_TABLES = {"ssd_care_leavers", "cpw_pathway_plans"}


def _d(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _read(path: Path) -> tuple[list[str], Rows]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _documented() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)\.csv", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
            continue
        if line.startswith("## "):
            current = None
        cell = re.match(r"^\| (\w+) \|", line)
        if current is not None and cell and cell.group(1) != "Column":
            current.append(cell.group(1))
    return tables


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    generate_council(
        out, CHILDREN, YEARS, seed=SEED, last_collection_year=LAST, local_extracts=True
    )
    return out


@pytest.fixture(scope="module")
def dob() -> dict[str, date]:
    first, last = CollectionYear(LAST - YEARS + 1), CollectionYear(LAST)
    population = simulate(SEED, CHILDREN, first.start, last.end, until_age=LOCAL_UNTIL_AGE)
    return {c.child_id: c.dob for c in population}


def _years() -> list[CollectionYear]:
    return [CollectionYear(LAST - YEARS + 1 + i) for i in range(YEARS)]


def test_every_table_is_documented_with_its_columns(written: Path) -> None:
    documented = _documented()
    assert set(documented) == set(LOCAL_TABLES)
    for year in _years():
        folder = written / year.label / "local"
        assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(LOCAL_TABLES)
        for name, columns in LOCAL_TABLES.items():
            header, rows = _read(folder / f"{name}.csv")
            assert header == list(columns) == documented[name], name
            assert rows or name in ("cpw_parent_child_arrangements",), (year.label, name)


def test_ids_are_children_of_the_903(written: Path, dob: dict[str, date]) -> None:
    for year in _years():
        _, header = _read(written / year.label / "header.csv")
        in_return = {r["CHILD"] for r in header}
        for name in LOCAL_TABLES:
            _, rows = _read(written / year.label / "local" / f"{name}.csv")
            for row in rows:
                ids = [v for k, v in row.items() if k.endswith("person_id")]
                assert ids, name
                for child in ids:
                    if name in LEAVER_TABLES or (
                        name == "ssd_involvements"
                        and row["invo_professional_role_id"] == "Personal Adviser"
                    ):
                        assert child in in_return or child in dob, (name, child)
                        age = year.end.year - dob[child].year
                        assert 16 <= age <= 26, (name, child)
                    else:
                        assert child in in_return, (year.label, name, child)


def test_dates_are_plausible(written: Path, dob: dict[str, date]) -> None:
    for year in _years():
        for name in LOCAL_TABLES:
            _, rows = _read(written / year.label / "local" / f"{name}.csv")
            for row in rows:
                person = next(v for k, v in row.items() if k.endswith("person_id"))
                born = dob[person]
                for column, value in row.items():
                    if "date" not in column or not value:
                        continue
                    day = _d(value)
                    assert born - timedelta(days=365) <= day, (name, column, value)
                    assert day <= year.end + timedelta(days=366), (name, column, value)
                    if column.endswith("_due_date") or column.endswith("end_date"):
                        continue
                    if name != "ssd_cla_reviews":
                        assert day <= year.end, (year.label, name, column, value)
                if name in IN_YEAR:
                    day = _d(row[IN_YEAR[name]])
                    assert year.start <= day <= year.end, (name, row)
                if name in OVERLAP:
                    start, end = OVERLAP[name]
                    assert _d(row[start]) <= year.end, (name, row)
                    assert not row[end] or year.start <= _d(row[end]) <= year.end, (name, row)
                    assert not row[end] or _d(row[start]) <= _d(row[end]), (name, row)
                if name == "ssd_care_leavers":
                    assert add_years(born, 16) <= year.end < add_years(born, 25), row


def _share(rows: Rows, column: str, value: str = "Y") -> float:
    return sum(r[column] == value for r in rows) / len(rows)


def test_compliance_is_neither_all_green_nor_all_red(written: Path) -> None:
    folder = written / _years()[-1].label / "local"

    def rows(name: str) -> Rows:
        return _read(folder / f"{name}.csv")[1]

    shares = {
        "parents' views": _share(rows("cpw_review_attendance"), "rvat_parent_views_recorded"),
        "family time held": _share(rows("cpw_family_time"), "fati_held"),
        "immunisations": _share(rows("ssd_cla_immunisations"), "clai_immunisations_status"),
        "advocacy accepted": _share(rows("cpw_advocacy_offers"), "adof_accepted"),
        "IRO contact per review": len(rows("cpw_iro_contacts"))
        / len(rows("cpw_review_attendance")),
        "PEP initial": _share(rows("cpw_pep"), "pep_type", "Initial"),
    }
    assessments = rows("ssd_cin_assessments")
    in_40 = [
        _d(a["cina_assessment_auth_date"]) - _d(a["cina_assessment_start_date"])
        <= timedelta(days=56)
        for a in assessments
    ]
    shares["assessments in 40 working days"] = sum(in_40) / len(in_40)
    for what, share in shares.items():
        assert 0.05 < share < 0.99, (what, share)


def test_same_seed_same_bytes(written: Path, tmp_path: Path) -> None:
    generate_council(
        tmp_path, CHILDREN, YEARS, seed=SEED, last_collection_year=LAST, local_extracts=True
    )
    for path in sorted((written / _years()[-1].label / "local").glob("*.csv")):
        again = tmp_path / _years()[-1].label / "local" / path.name
        assert again.read_bytes() == path.read_bytes(), path.name
