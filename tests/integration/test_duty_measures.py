"""The corporate parent's duties (issue 7) against the hand-worked duties fixture council.

tests/fixtures/duties_council/ holds one 903 return (2024-25, collection year 2025) and its local
extracts. Every expected number below is derived in the comments beside it from the definitions
in measures.md and cpw's conventions: the event day is day 0; working days skip weekends and
England-and-Wales bank holidays (2024: 1 Apr, 6 May, 27 May, 26 Aug, 25-26 Dec; 2025: 1 Jan);
months are calendar months with no bank-holiday shift. History starts 1 April 2024 (the only
return), so periods of care that began earlier (D3, D4) have no numbered reviews and their
initial duties fell due before the loaded year.

The children: D1 (12, enters 13 Aug 2024, moves 1 Feb 2025), D2 (9, enters 3 Jun 2024, moves
5 Jul 2024: week 5), D3 (10, in care since 1 Jun 2023, U6 becomes long-term U4 on 1 Jun 2024,
12 months in), D4 (3, D3's half-sister, same dates, stays U6), D5 (14, placed with parents on
an interim care order 2-13 Sep 2024: care ends before the first review is due), D7 (16, enters
2 Apr 2024, pregnant, a review brought forward, then a parent-and-child arrangement), care
leavers L1 (turns 25 on 15 Jun 2025), L2 (turned 25 on 10 Nov 2024), L3 (17), L4 (NREQ), and
babies D6, D8, D9 who appear only in the parent-and-child extract.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cpw.build import run_dbt
from cpw.ingest import load_folder

FIXTURE = Path(__file__).parents[1] / "fixtures" / "duties_council"
pytestmark = pytest.mark.slow

YEAR = 2025

# (numerator, denominator) per measure in collection year 2025, breakdown 'all'.
EXPECTED: dict[str, tuple[int, int]] = {
    # REV-01, 20 working days from entry. D1 13 Aug: the 26 Aug bank holiday pushes day 20 from
    # 10 to 11 Sep; held 11 Sep -> on time (it would be late if the holiday were ignored).
    # D2 3 Jun -> 1 Jul, held 26 Jun. D7 2 Apr (1 Apr is Easter Monday) -> 30 Apr, held 25 Apr.
    # D5 -> 30 Sep, but care ended 13 Sep: not in the denominator. D3/D4: before history.
    "REV-01": (3, 3),
    # REV-02, 3 months after the first. D1 11 Dec: held 5 Dec, a review only in the local
    # extract (ssd_cla_reviews fills the 903's gap). D2 26 Sep, held 26 Sep (D2's 10 Oct
    # review was cancelled: ignored). D7 25 Jul, held 10 Jul.
    "REV-02": (3, 3),
    # REV-03, 6 months after the previous. D7: 3rd due 10 Jan 2025 but brought forward to 20 Aug
    # (pregnant) -> on time; 4th due 20 Feb 2025 (6 months from 20 Aug, not from 10 Jan), held
    # 14 Feb -> on time. D3: 26 Jun -> due 26 Dec 2024, a bank holiday; the deadline does not
    # move, held 27 Dec -> late. D4: 26 Jun -> 26 Dec, held 24 Dec -> on time. D2: 26 Sep ->
    # 26 Mar 2025, not held by 31 Mar -> not met. D1's 3rd is due Jun 2025 (next year).
    "REV-03": (3, 5),
    # REV-04: 11 903 reviews + D1's local 5 Dec = 12; D4's two PN0 out -> 10. Views conveyed
    # (PN1-3, PN5-6): D1 PN1 x2, D2 PN1 PN5, D3 PN1 (not PN7), D7 PN1 PN1 PN2 (not PN4) -> 8.
    "REV-04": (8, 10),
    # IRO-01: the same 10 reviews. Contact after the previous review (or entry), on or before:
    # D1 11 Sep (5 Sep yes), 5 Dec (none); D2 26 Jun (20 Jun yes), 26 Sep (none); D3 26 Jun
    # (1 Jun yes), 27 Dec (10 Dec yes); D7 25 Apr (20 Apr yes), 10 Jul (none), 20 Aug
    # (15 Aug yes), 14 Feb (1 Feb yes) -> 7.
    "IRO-01": (7, 10),
    # IRO-02: pairs both looked after at 31 March: D1-D2 (IRO901 both: same), D3-D4 (IRO901,
    # IRO902: different) -> 1 of 2.
    "IRO-02": (1, 2),
    # IRO-03 (a mean): looked after at 31 March with an IRO: IRO901 holds D1, D2, D3, D7 (4),
    # IRO902 holds D4 (1; D5's allocation ended 13 Sep) -> 5 children / 2 IROs = 2.5.
    "IRO-03": (5, 2),
    # IRO-04: E1 (D3) opened 1 Jul 2024, Informal -> Escalated, Formal stage 1 -> Resolved
    # 24 Jul; E2 (D7) opened 20 Feb 2025, still open -> 1 of 2.
    "IRO-04": (1, 2),
    # IRO-05: advocacy for entrants aged 5+: D1 (offered 20 Aug), D2 (no), D5 (no), D7
    # (5 Apr) -> 2 of 4; independent visitor: D3 meets the criteria and got one; D4 declined
    # (out); D1 does not meet the criteria (no duty) -> 1 of 1. Total 3 of 5.
    "IRO-05": (3, 5),
    # VIS-01, a visit with the child seen within 7 days of each placement start: D1 13 Aug
    # (19 Aug yes), D1 1 Feb (first visit 14 Mar: no), D2 3 Jun (7 Jun yes), D2 5 Jul, the move
    # in week 5 restarts the clock (15 Jul: no), D5 2 Sep (5 Sep yes), D7 2 Apr (5 Apr yes).
    "VIS-01": (4, 6),
    # VIS-02, 42 days in a placement's first year. D1: 19 Aug->30 Sep (30 Sep yes), 30 Sep->
    # 11 Nov (15 Nov no), 15 Nov->27 Dec (20 Dec yes), 20 Dec->31 Jan (31 Jan yes); 31 Jan->
    # 14 Mar is not due: the placement ended 1 Feb (the unseen 25 Sep visit does not count).
    # D2: 7 Jun->19 Jul not due (moved 5 Jul); in the new placement 15 Jul, 26 Aug, 30 Sep,
    # 11 Nov, 23 Dec, 3 Feb, 17 Mar: 6 intervals, all <= 42 days. D3 and D4 (placement from
    # 1 Jun 2023): 10 Apr->22 May (20 May yes), 20 May->1 Jul (28 Jun yes), 2 each. D7:
    # 5 Apr->17 May (17 May yes), 17 May->28 Jun (no visit). -> 3+6+2+2+1 of 4+6+2+2+2.
    "VIS-02": (14, 16),
    # VIS-03, clocks from 1 Jun 2024 (12 months in). D3 is long-term (U4) from that day:
    # 28 Jun->28 Sep (25 Sep yes), 25 Sep->25 Dec (20 Dec yes), 20 Dec->20 Mar (20 Mar yes).
    # D4 stays U6, so 42 days: 28 Jun->9 Aug (25 Sep no), 25 Sep->6 Nov (20 Dec no), 20 Dec->
    # 31 Jan (20 Mar no). -> 3 of 6.
    "VIS-03": (3, 6),
    # VIS-04: D5 placed with parents (P1) before any review: weekly. 5 Sep->12 Sep (11 Sep
    # yes); 11 Sep->18 Sep is not due (care ended 13 Sep).
    "VIS-04": (1, 1),
    # VIS-05, seen visits of children 4+: D1 6 (alone: 30 Sep, 20 Dec, 31 Jan, 14 Mar = 4),
    # D2 8 (alone 6), D3 6 (6), D5 2 (0), D7 2 (1), D4 1 (she turns 4 on 10 Jan 2025, so only
    # her 20 Mar visit counts; not alone); D1's unseen visit is out -> 17 of 25.
    "VIS-05": (17, 25),
    # HLT-01, 20 working days: D1 11 Sep (IHA 10 Sep yes), D2 1 Jul (5 Jul no), D7 30 Apr
    # (29 Apr yes); D5's care ended first.
    "HLT-01": (2, 3),
    # HLT-02: D4 is 3: 6 months from 15 Apr = 15 Oct, held 20 Oct -> late. Every other next
    # assessment falls due after 31 March 2025 (D1, D2, D7 annual from their IHA; D3 2 Apr).
    "HLT-02": (0, 1),
    # EDU-01, 10 working days, entrants 5-15: D1 13 Aug -> 28 Aug (26 Aug bank holiday), PEP
    # 28 Aug yes; D2 3 Jun -> 17 Jun, PEP 20 Jun no; D5's care ended 13 Sep, before 16 Sep.
    "EDU-01": (1, 2),
    # EDU-02, terms looked after throughout, aged 5-15: D1 autumn (15 Oct yes), spring (no);
    # D2 autumn (10 Oct), spring (12 Feb) yes; D3 summer 2024 (1 May), autumn (no), spring
    # (10 Mar) -> 5 of 7.
    "EDU-02": (5, 7),
    # EDU-03, aged 5-15 at 31 March: D1, D2, D3. Mid-year moves: D2 10 Jul; D1's 20 Aug and
    # D3's 3 Sep are in August/September -> 1 of 3.
    "EDU-03": (1, 3),
    # EDU-04: any move but a phase transfer: D1 20 Aug, D2 10 Jul (D3's is a phase transfer).
    "EDU-04": (2, 3),
    # CL-07: D7 (16 on entry, 2 Apr 2024) becomes eligible after 13 weeks, 2 Jul 2024; due 2 Oct;
    # needs assessment 15 Sep -> on time.
    "CL-07": (1, 1),
    # CL-08, relevant and former relevant owed support at 31 March: L1 (latest review 20 Dec,
    # after 30 Sep: yes), L3 (1 Aug: no). L2 is 25 at 31 March (support ended), L4 is NREQ.
    "CL-08": (1, 2),
    # CL-09 adds eligible children: D7 (PA902 yes), L1 (PA901 yes), L3 (none).
    "CL-09": (2, 3),
    # PRM-01, second reviews in the year (periods begun since 1 Apr 2024): D1 5 Dec (no plan),
    # D2 26 Sep (plan 1 Sep: yes), D7 10 Jul (plan 20 Jul: late) -> 1 of 3.
    "PRM-01": (1, 3),
    # ASS-01, 45 working days from the start: AS1 1 Jul -> 3 Sep (26 Aug holiday), done 30 Aug
    # yes; AS2 2 Sep -> 4 Nov, done 25 Oct yes; AS3 1 Nov -> 8 Jan 2025 (25, 26 Dec, 1 Jan
    # holidays), done 20 Jan no.
    "ASS-01": (2, 3),
    # ASS-02, manager review in 10 and completion in 40: AS1 review 12 Jul (due 15 Jul) yes but
    # done 30 Aug after 27 Aug: no; AS2 review 16 Sep (due 16 Sep), done 25 Oct (due 28 Oct):
    # yes; AS3 done late: no.
    "ASS-02": (1, 3),
    # PLC-01: D1-D2 apart, D3-D4 together -> 1 of 2.
    "PLC-01": (1, 2),
    # PLC-02, placements starting in the year: D1 13 Aug (Y), D1 1 Feb (N), D2 3 Jun (Y), D2
    # 5 Jul (no record), D5 2 Sep (Y), D7 2 Apr (Y) -> 4 of 6. D3's T episode is no new placement.
    "PLC-02": (4, 6),
    # PLC-03, placement moves of 5-15s: D2 5 Jul (school move 10 Jul, within 30 days: no), D1
    # 1 Feb 2025 (no school move near it: yes) -> 1 of 2.
    "PLC-03": (1, 2),
    # PLC-04: household FH1: PC1 (10 May-30 Sep) and PC2 (from 1 Sep) overlap -> both breach;
    # PC2 also has one carer with other foster children. FH2: PC3 risk assessment 5 Nov after
    # its 1 Nov start and no planned ending; PC4 starts 1 Mar after PC3 ended, two carers,
    # assessed 20 Feb: all checks met -> 1 of 4.
    "PLC-04": (1, 4),
    # FAM-01: D1 3 sessions (2 held), D2 2 (1 held) -> 3 of 5.
    "FAM-01": (3, 5),
    # FAM-02: 5 reviews, D2 26 Sep excluded (safeguarding) -> 4; D1 attended, D2 26 Jun views
    # recorded, D7 attended; D3's parents took no part -> 3 of 4.
    "FAM-02": (3, 4),
}

# The IRO worklist at 31 March 2025: (child, item) -> (due date, days to due, last done).
WORKLIST: dict[tuple[str, str], tuple[str, int, str | None]] = {
    # D1: 3rd review 6 months after 5 Dec; next visit 42 days after 14 Mar (new placement);
    # annual health assessment (12) from the IHA; no PEP yet in the spring term (ends 31 Mar).
    ("D1", "review"): ("2025-06-05", 66, "2024-12-05"),
    ("D1", "visit"): ("2025-04-25", 25, "2025-03-14"),
    ("D1", "health assessment"): ("2025-09-10", 163, "2024-09-10"),
    ("D1", "PEP review"): ("2025-03-31", 0, "2024-10-15"),
    # D2: review due 26 Mar, overdue by 5 days; PEP done this term, so the summer term's end.
    ("D2", "review"): ("2025-03-26", -5, "2024-09-26"),
    ("D2", "visit"): ("2025-04-28", 28, "2025-03-17"),
    ("D2", "health assessment"): ("2025-07-05", 96, "2024-07-05"),
    ("D2", "PEP review"): ("2025-07-20", 111, "2025-02-12"),
    # D3: long-term placement, so 3 months after 20 Mar; annual RHA from 2 Apr 2024.
    ("D3", "review"): ("2025-06-27", 88, "2024-12-27"),
    ("D3", "visit"): ("2025-06-20", 81, "2025-03-20"),
    ("D3", "health assessment"): ("2025-04-02", 2, "2024-04-02"),
    ("D3", "PEP review"): ("2025-07-20", 111, "2025-03-10"),
    # D4: 42 days (not long term); under 5, so 6 months after 20 Oct; 4, so no PEP.
    ("D4", "review"): ("2025-06-24", 85, "2024-12-24"),
    ("D4", "visit"): ("2025-05-01", 31, "2025-03-20"),
    ("D4", "health assessment"): ("2025-04-20", 20, "2024-10-20"),
    # D7: the visit due 28 Jun 2024 never happened: 276 days overdue; pathway plan 10 Oct.
    ("D7", "review"): ("2025-08-14", 136, "2025-02-14"),
    ("D7", "visit"): ("2024-06-28", -276, "2024-05-17"),
    ("D7", "health assessment"): ("2025-04-29", 29, "2024-04-29"),
    ("D7", "pathway plan review"): ("2025-04-10", 10, "2024-10-10"),
    # L3: last review 1 Aug -> due 1 Feb, 58 days overdue. L1's next review (20 Jun 2025) falls
    # after their 25th birthday (15 Jun): no row. L2 (25) and L4 (NREQ) are not owed support.
    ("L3", "pathway plan review"): ("2025-02-01", -58, "2024-08-01"),
}


@pytest.fixture(scope="module")
def duties_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The duties fixture council, loaded and built."""
    workdir = tmp_path_factory.mktemp("duties_council")
    warehouse = workdir / "cpw.duckdb"
    load_folder(FIXTURE, warehouse)
    result = run_dbt(
        warehouse,
        target_path=workdir / "dbt_target",
        # what the test reads and everything upstream, with the data tests whose inputs were built
        extra=[
            "--select",
            *"+mart_measure_values +mart_iro_worklist".split(),
            "--indirect-selection",
            "cautious",
        ],
    )
    assert not result.failures, result.failures
    return warehouse


def test_every_duty_measure_matches_the_hand_worked_answer(duties_warehouse: Path) -> None:
    with duckdb.connect(str(duties_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select measure_id, numerator, denominator, value
            from marts.mart_measure_values
            where breakdown_type = 'all' and collection_year = ?
            """,
            [YEAR],
        ).fetchall()
    actual = {m: (n, d) for m, n, d, _ in rows if m in EXPECTED}
    assert actual == EXPECTED
    values = {m: v for m, _, _, v in rows}
    assert values["IRO-03"] == pytest.approx(2.5)  # a mean, not a percentage
    assert values["VIS-02"] == pytest.approx(100 * 14 / 16)


def test_brought_forward_review_restarts_the_clock(duties_warehouse: Path) -> None:
    with duckdb.connect(str(duties_warehouse), read_only=True) as con:
        rows = con.execute("""
            select strftime(due_date, '%Y-%m-%d'), strftime(met_date, '%Y-%m-%d'), status
            from marts.fct_child_measure
            where measure_id = 'REV-03' and child_id = 'D7' order by due_date
        """).fetchall()
    # 3rd: due 10 Jan 2025 (6 months after 10 Jul), held early on 20 Aug; the 4th is due
    # 6 months after 20 Aug, i.e. 20 Feb 2025, held 14 Feb.
    assert rows == [
        ("2025-01-10", "2024-08-20", "on time"),
        ("2025-02-20", "2025-02-14", "on time"),
    ]


def test_a_move_restarts_the_visit_clock(duties_warehouse: Path) -> None:
    with duckdb.connect(str(duties_warehouse), read_only=True) as con:
        rows = con.execute("""
            select measure_id, strftime(clock_start_date, '%Y-%m-%d'),
                strftime(due_date, '%Y-%m-%d'), visit_status
            from intermediate.int_visit_schedule
            where child_id = 'D2' and visit_seq <= 1 order by placement_spell_id, visit_seq
        """).fetchall()
    # Placement 1 from 3 Jun: first visit due 10 Jun (7 Jun); the next clock, from 7 Jun, is
    # cut off by the move on 5 Jul. Placement 2 starts its own 7-day clock on 5 Jul.
    assert rows == [
        ("VIS-01", "2024-06-03", "2024-06-10", "on time"),
        ("VIS-02", "2024-06-07", "2024-07-19", "placement ended before due"),
        ("VIS-01", "2024-07-05", "2024-07-12", "late"),
        ("VIS-02", "2024-07-15", "2024-08-26", "on time"),
    ]


def test_escalation_resolution_time_in_working_days(duties_warehouse: Path) -> None:
    with duckdb.connect(str(duties_warehouse), read_only=True) as con:
        observed = con.execute("""
            select observed_value, status from marts.fct_child_measure
            where measure_id = 'IRO-04' and child_id = 'D3'
        """).fetchone()
    # 1 Jul (Mon) to 24 Jul (Wed) 2024: 17 working days (4 + 5 + 5 + 3).
    assert observed == (17.0, "resolved at Formal stage 1")


def test_iro_worklist_lists_every_open_child_with_their_next_dates(
    duties_warehouse: Path,
) -> None:
    with duckdb.connect(str(duties_warehouse), read_only=True) as con:
        rows = con.execute("""
            select child_id, item, strftime(due_date, '%Y-%m-%d'), days_to_due,
                strftime(last_done_date, '%Y-%m-%d'), is_overdue, child_status, iro_id,
                social_worker_id, strftime(as_of_date, '%Y-%m-%d')
            from marts.mart_iro_worklist
        """).fetchall()
    actual = {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}
    assert actual == WORKLIST
    for child, _, _, days, _, overdue, status, _, _, as_of in rows:
        assert overdue == (days < 0)
        assert as_of == "2025-03-31"  # the end of the latest loaded year
        assert status == ("care leaver" if child.startswith("L") else "looked after")
    workers = {(r[0], r[7], r[8]) for r in rows}
    assert workers == {
        ("D1", "IRO901", "SW1"),
        ("D2", "IRO901", "SW1"),
        ("D3", "IRO901", "SW2"),
        ("D4", "IRO902", "SW2"),
        ("D7", "IRO901", "SW3"),
        ("L3", None, "SW4"),  # no personal adviser: the extract's worker
    }


def test_breakdown_by_iro(duties_warehouse: Path) -> None:
    # ssd_involvements gives each child's IRO in 2024-25: IRO901 holds D1 (from 15 Aug), D2
    # (5 Jun), D3 (5 Jun 2023, still open) and D7 (3 Apr); IRO902 holds D4 (5 Jun 2023) and D5
    # (4-13 Sep 2024). REV-03's five reviews (above): D7's two on time -> IRO901 2 of 2; D3
    # late and D2 not held -> IRO901 0 of 2 more, so IRO901 2 of 4; D4 on time -> IRO902 1 of 1.
    # REV-01: D1, D2, D7 on time, all IRO901 -> 3 of 3; D5 (IRO902) has a row out of the
    # denominator (care ended before the review was due), so IRO902 reads 0 of 0.
    with duckdb.connect(str(duties_warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select measure_id, breakdown_value, numerator, denominator
            from marts.mart_measure_values
            where breakdown_type = 'iro' and collection_year = ?
                and measure_id in ('REV-01', 'REV-03')
            """,
            [YEAR],
        ).fetchall()
    assert sorted(rows) == [
        ("REV-01", "IRO901", 3, 3),
        ("REV-01", "IRO902", 0, 0),
        ("REV-03", "IRO901", 2, 4),
        ("REV-03", "IRO902", 1, 1),
    ]
