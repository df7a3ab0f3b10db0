"""The synthetic council generator writes real 903-shaped, internally consistent CSVs."""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cpw.errors import CpwInputError
from cpw.synth import SynthResult, generate_council
from cpw.synth.dates import add_months, add_weekdays, add_years
from cpw.synth.reviews import schedule

YEARS = ["2022-23", "2023-24", "2024-25"]
COLUMNS = {
    "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN",
    "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "oc3.csv": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
}
DATE_COLUMNS = {
    "header.csv": ("DOB", "MC_DOB"),
    "episodes.csv": ("DECOM", "DEC"),
    "reviews.csv": ("DOB", "REVIEW"),
    "oc3.csv": ("DOB",),
}
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
Rows = list[dict[str, str]]


def _d(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _year_bounds(label: str) -> tuple[date, date]:
    start = int(label[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def _read(folder: Path, name: str) -> Rows:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _by_child(episodes: Rows) -> dict[str, Rows]:
    grouped: dict[str, Rows] = defaultdict(list)
    for row in episodes:
        grouped[row["CHILD"]].append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: _d(r["DECOM"]))
    return grouped


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthResult]:
    out = tmp_path_factory.mktemp("council")
    return out, generate_council(out)


@pytest.fixture(scope="module")
def tables(council: tuple[Path, SynthResult]) -> dict[str, dict[str, Rows]]:
    out, _ = council
    return {year: {name: _read(out / year, name) for name in COLUMNS} for year in YEARS}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


def test_same_seed_gives_identical_bytes(council: tuple[Path, SynthResult], tmp_path: Path) -> None:
    out, _ = council
    generate_council(tmp_path / "again")
    assert _snapshot(tmp_path / "again") == _snapshot(out)


def test_different_seed_differs(council: tuple[Path, SynthResult], tmp_path: Path) -> None:
    out, _ = council
    generate_council(tmp_path / "other", seed=7)
    assert _snapshot(tmp_path / "other") != _snapshot(out)


def test_result_describes_what_was_written(council: tuple[Path, SynthResult]) -> None:
    out, result = council
    assert result.out_dir == out
    assert result.years == YEARS
    for year in YEARS:
        for table in result.rows[year]:
            lines = (out / year / f"{table}.csv").read_text(encoding="utf-8").splitlines()
            assert result.rows[year][table] == len(lines) - 1
        during = result.looked_after_during_year[year]
        assert 0 < result.looked_after_at_31_march[year] < during < result.rows[year]["header"]
    assert "2024-25" in result.summary()


def test_files_have_exact_columns_utf8_and_lf(council: tuple[Path, SynthResult]) -> None:
    out, _ = council
    for year in YEARS:
        for name, header in COLUMNS.items():
            raw = (out / year / name).read_bytes()
            assert b"\r" not in raw
            assert raw.decode("utf-8").split("\n", 1)[0] == header
            assert raw.endswith(b"\n")


def test_every_date_is_dd_mm_yyyy(tables: dict[str, dict[str, Rows]]) -> None:
    pattern = re.compile(r"^\d{2}/\d{2}/\d{4}$")
    for year in YEARS:
        for name, columns in DATE_COLUMNS.items():
            for row in tables[year][name]:
                for column in columns:
                    if row[column]:
                        assert pattern.match(row[column]), (year, name, column, row[column])
                        _d(row[column])
                    else:
                        assert column in ("MC_DOB", "DEC")


def test_episodes_are_contiguous_and_never_overlap(tables: dict[str, dict[str, Rows]]) -> None:
    for year in YEARS:
        start, end = _year_bounds(year)
        for child, rows in _by_child(tables[year]["episodes.csv"]).items():
            for i, row in enumerate(rows):
                decom = _d(row["DECOM"])
                assert decom <= end
                assert (row["DEC"] == "") == (row["REC"] == ""), (year, child)
                if row["DEC"] == "":
                    assert i == len(rows) - 1, (year, child, "open episode is not the last")
                    assert row["REASON_PLACE_CHANGE"] == ""
                    continue
                dec = _d(row["DEC"])
                assert dec > decom, (year, child, row)
                assert dec >= start
                if i + 1 < len(rows):
                    following = rows[i + 1]
                    if row["REC"] == "X1":
                        assert _d(following["DECOM"]) == dec, (year, child)
                        assert following["RNE"] != "S"
                    else:
                        assert _d(following["DECOM"]) >= dec
                        assert following["RNE"] == "S"
                else:
                    assert row["REC"] != "X1", (year, child, "period ends with X1")


def test_placement_codes_follow_903_rules(tables: dict[str, dict[str, Rows]]) -> None:
    for year in YEARS:
        for rows in _by_child(tables[year]["episodes.csv"]).values():
            for i, row in enumerate(rows):
                place, provider, urn = row["PLACE"], row["PLACE_PROVIDER"], row["URN"]
                if place in TEMPORARY:
                    assert provider == ""
                else:
                    assert provider in ("PR0", "PR1", "PR4", "PR5")
                    assert (provider == "PR0") == (place == "P1")
                if place in ("P1", "R1", "R5") or place in TEMPORARY or row["LS"] == "V3":
                    assert urn == ""  # validator rules 214 (short breaks) and 222
                elif place != "H5":
                    assert re.fullmatch(r"SC\d{6}", urn), row
                if place == "P1":
                    assert row["LS"] != "V2"  # validator rule 378
                for column in ("HOME_POST", "PL_POST"):
                    if row[column]:
                        assert re.fullmatch(r"CP\d{1,2} \d[A-Z]{2}", row[column]), row
                if row["REC"] == "X1" and i + 1 < len(rows):
                    following = rows[i + 1]
                    wanted = (
                        following["RNE"] in "PBTU"
                        and place not in TEMPORARY
                        and following["PLACE"] not in TEMPORARY
                    )
                    assert bool(row["REASON_PLACE_CHANGE"]) == wanted, row
                    if place in TEMPORARY and i > 0:
                        before = rows[i - 1]
                        assert following["RNE"] == "P"
                        assert (following["PLACE"], following["PL_POST"]) == (
                            before["PLACE"],
                            before["PL_POST"],
                        )
                if row["REC"] in ("E11", "E12"):
                    assert place in ("A3", "A4", "A5", "A6")
                if row["LS"] == "V3":
                    assert row["RNE"] == "S" and row["HOME_POST"] == row["PL_POST"] == ""


def test_header_codes(tables: dict[str, dict[str, Rows]]) -> None:
    upn = re.compile(r"^[A-HJ-NP-RT-Z]\d{12}$")
    for year in YEARS:
        header = tables[year]["header.csv"]
        sexes = {row["SEX"] for row in header}
        assert sexes == ({"M", "F"} if year >= "2024-25" else {"1", "2"})
        ids = [row["CHILD"] for row in header]
        assert len(ids) == len(set(ids))
        looked_after = {row["CHILD"] for row in tables[year]["episodes.csv"]}
        # the Header also holds care leavers who are in the return only for OC3
        leavers = {row["CHILD"] for row in tables[year]["oc3.csv"]}
        assert looked_after | leavers == set(ids)
        for row in header:
            if row["CHILD"] not in looked_after:
                # a care leaver in the return only for OC3: MOTHER blank, unless she was already
                # a mother, whose first child's date of birth is returned again (rule 624)
                assert row["MOTHER"] in ("", "1")
                assert (row["MC_DOB"] != "") == (row["MOTHER"] == "1")
                continue
            assert re.fullmatch(r"C\d{6}", row["CHILD"])
            assert row["UPN"] == "UN1" or upn.match(row["UPN"])
            short_breaks_only = all(
                e["LS"] in ("V3", "V4")
                for e in tables[year]["episodes.csv"]
                if e["CHILD"] == row["CHILD"]
            )
            if row["SEX"] in ("1", "M") or short_breaks_only:  # validator rule 399
                assert row["MOTHER"] == "" and row["MC_DOB"] == ""
            else:
                assert row["MOTHER"] in ("0", "1")
                assert (row["MC_DOB"] != "") == (row["MOTHER"] == "1")


def test_children_looked_after_during_each_year(tables: dict[str, dict[str, Rows]]) -> None:
    for year in YEARS:
        header = {r["CHILD"] for r in tables[year]["episodes.csv"]}
        assert 300 <= len(header) <= 500, (year, len(header))
        short_breaks = {r["CHILD"] for r in tables[year]["episodes.csv"] if r["LS"] == "V3"}
        assert len(short_breaks) <= 0.03 * len(header)


def test_nobody_is_looked_after_past_18(tables: dict[str, dict[str, Rows]]) -> None:
    for year in YEARS:
        _, end = _year_bounds(year)
        dob = {row["CHILD"]: _d(row["DOB"]) for row in tables[year]["header.csv"]}
        for row in tables[year]["episodes.csv"]:
            eighteen = add_years(dob[row["CHILD"]], 18)
            assert (_d(row["DEC"]) if row["DEC"] else end) <= eighteen


def test_reviews_fall_in_care_and_in_year(tables: dict[str, dict[str, Rows]]) -> None:
    for year in YEARS:
        start, end = _year_bounds(year)
        episodes = _by_child(tables[year]["episodes.csv"])
        dob = {row["CHILD"]: row["DOB"] for row in tables[year]["header.csv"]}
        for review in tables[year]["reviews.csv"]:
            held = _d(review["REVIEW"])
            assert start <= held <= end
            assert review["DOB"] == dob[review["CHILD"]]
            spans = [
                (_d(e["DECOM"]), _d(e["DEC"]) if e["DEC"] else end, e["LS"])
                for e in episodes[review["CHILD"]]
            ]
            inside = [ls for low, high, ls in spans if low <= held <= high]
            assert inside and "V3" not in inside, review
            under_four = held < add_years(_d(review["DOB"]), 4)
            assert (review["REVIEW_CODE"] == "PN0") == under_four


def test_open_episodes_carry_into_next_year(tables: dict[str, dict[str, Rows]]) -> None:
    for before, after in zip(YEARS, YEARS[1:], strict=False):
        following = {(r["CHILD"], r["DECOM"]) for r in tables[after]["episodes.csv"]}
        for row in tables[before]["episodes.csv"]:
            if row["DEC"] == "":
                assert (row["CHILD"], row["DECOM"]) in following


def test_three_or_more_placements_near_national_rate(
    tables: dict[str, dict[str, Rows]],
) -> None:
    for year in YEARS:
        grouped = _by_child(tables[year]["episodes.csv"])
        looked_after = [
            rows for rows in grouped.values() if rows[-1]["DEC"] == "" and rows[-1]["LS"] != "V3"
        ]
        unstable = 0
        for rows in looked_after:
            placements = 0
            for i, row in enumerate(rows):
                back_from_temporary = i > 0 and rows[i - 1]["PLACE"] in TEMPORARY
                if row["PLACE"] in TEMPORARY or back_from_temporary:
                    continue
                placements += i == 0 or row["RNE"] in ("S", "P", "B")
            unstable += placements >= 3
        assert 0.04 <= unstable / len(looked_after) <= 0.2, year


def test_review_timetable_is_mostly_met() -> None:
    rng = random.Random(1)
    on_time = late = 0
    for _ in range(400):
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
        reviews = schedule(rng, start, add_years(start, 3), date(2012, 5, 5))
        due = add_weekdays(start, 20)
        for index, review in enumerate(reviews):
            if review.held <= due:
                on_time += 1
            else:
                late += 1
                assert (review.held - due).days <= 40
            due = add_months(review.held, 3 if index == 0 else 6)
    assert 0.8 <= on_time / (on_time + late) <= 0.9


def test_rejects_nonsense_arguments(tmp_path: Path) -> None:
    with pytest.raises(CpwInputError):
        generate_council(tmp_path, children=0)
