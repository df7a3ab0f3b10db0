"""The local extracts beyond visits, reviews, health, workers and missing (docs/local_extracts.md).

IRO activity, parents at reviews, immunisations and SDQ, PEPs and school moves, care leavers to
25 (pathway plans, personal advisers), child and family assessments, family time, advocacy and
independent visitors, siblings, and parent-and-child arrangements.

Each child's history of these is drawn from a random source seeded by the council's seed, the
child and the topic (not the year), so an allocation or a plan written in two years' extracts
is the same in both. Each year's file then holds what falls in that year. The compliance rates
below are deliberately short of 100% so every measure built on them lands in between.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from cpw.synth import outcomes
from cpw.synth.dates import CollectionYear, add_months, add_weekdays, add_years, fmt
from cpw.synth.model import Child
from cpw.synth.returns import Period, care_leaver_birthday, in_oc2_cohort

# Social work teams a child's allocated social worker belongs to (all fake); other roles each
# belong to one service. The SSD carries the team as invo_professional_team.
SOCIAL_WORK_TEAMS = (
    "Children Looked After Team North",
    "Children Looked After Team South",
    "Children Looked After Team City",
)
ROLE_TEAMS = {
    "IRO": "Independent Reviewing Service",
    "Personal Adviser": "Leaving Care Team",
    "Advocate": "Advocacy Service",
    "Independent Visitor": "Independent Visitor Service",
}


def worker_team(worker_id: str, role: str) -> str:
    """The team of a worker: fixed by the worker's id, so every allocation of theirs agrees."""
    if role in ROLE_TEAMS:
        return ROLE_TEAMS[role]
    return SOCIAL_WORK_TEAMS[sum(worker_id.encode()) % len(SOCIAL_WORK_TEAMS)]


# Compliance rates (configurable by editing; see docs/local_extracts.md).
IRO_CASELOAD = 60  # looked-after children per IRO, which sizes the council's IRO pool
IRO_ALLOCATED_IN_5_WORKING_DAYS = 0.85
IRO_CHANGE_PER_PERIOD = 0.25
IRO_CONTACT_BEFORE_REVIEW = 0.78
ESCALATION_PER_REVIEW = 0.05
ESCALATION_RESOLVED_AT_STAGE = 0.6
PARENT_INVITED = 0.93
PARENT_ATTENDED = 0.55
PARENT_VIEWS_WITHOUT_ATTENDING = 0.5
PARENT_EXCLUDED = 0.04
IMMUNISATIONS_UP_TO_DATE = 0.84
PEP_INITIAL_IN_10_WORKING_DAYS = 0.78
PEP_REVIEW_EACH_TERM = 0.87
SCHOOL_MOVE_ON_PLACEMENT_MOVE = 0.3
NEEDS_ASSESSMENT_IN_3_MONTHS = 0.8
PATHWAY_REVIEW_ON_TIME = 0.8
PERSONAL_ADVISER_ALLOCATED = 0.93
SUPPORT_TO_25 = 0.58  # care leavers who ask for a personal adviser after 21
ASSESSMENT_MANAGER_REVIEW_10_WD = 0.78
ASSESSMENT_COMPLETED_40_WD = 0.76
FAMILY_TIME_PLANNED = 0.8
FAMILY_TIME_HELD = 0.8
ADVOCACY_OFFERED = 0.7
ADVOCACY_ACCEPTED = 0.35
IV_CRITERIA_MET = 0.2
IV_APPOINTED = 0.55
SIBLING_PAIR_SHARE = 0.45
SIBLINGS_SAME_IRO = 0.85
SIBLINGS_PLACED_TOGETHER = 0.62
PARENT_AND_CHILD_BABIES = 0.12
PARENT_AND_CHILD_MOTHERS = 0.5
PRE_BIRTH_ASSESSMENT = 0.72
RISK_ASSESSMENT_BEFORE_START = 0.82
OTHER_FOSTER_CHILDREN = 0.35
TWO_CARERS_WHEN_OTHERS = 0.85
PLANNED_ENDING_RECORDED = 0.7
PERMANENCE_PLAN_BY_SECOND_REVIEW = 0.82
IDENTITY_NEEDS_RECORDED = 0.8
CARER_ETHNICITY_MATCHED = 0.6

MORE_TABLES: dict[str, tuple[str, ...]] = {
    "cpw_iro_contacts": (
        "iroc_contact_id",
        "iroc_person_id",
        "iroc_professional_id",
        "iroc_contact_date",
        "iroc_contact_type",
        "iroc_review_id",
    ),
    "cpw_iro_escalations": (
        "iroe_escalation_stage_id",
        "iroe_escalation_id",
        "iroe_person_id",
        "iroe_professional_id",
        "iroe_escalation_stage",
        "iroe_stage_start_date",
        "iroe_stage_end_date",
        "iroe_stage_outcome",
    ),
    "cpw_review_attendance": (
        "rvat_review_id",
        "rvat_person_id",
        "rvat_review_date",
        "rvat_parent_invited",
        "rvat_parent_attended",
        "rvat_parent_views_recorded",
        "rvat_parent_excluded",
    ),
    "ssd_cla_immunisations": (
        "clai_person_id",
        "clai_immunisations_status",
        "clai_immunisations_status_date",
    ),
    "ssd_sdq_scores": (
        "csdq_table_id",
        "csdq_person_id",
        "csdq_sdq_completed_date",
        "csdq_sdq_score",
        "csdq_sdq_reason",
    ),
    "cpw_pep": ("pep_pep_id", "pep_person_id", "pep_type", "pep_date", "pep_period_start_date"),
    "cpw_school_moves": (
        "scmv_move_id",
        "scmv_person_id",
        "scmv_move_date",
        "scmv_from_school_urn",
        "scmv_to_school_urn",
        "scmv_reason",
    ),
    "ssd_care_leavers": (
        "clea_table_id",
        "clea_person_id",
        "clea_care_leaver_eligibility",
        "clea_care_leaver_in_touch",
        "clea_care_leaver_latest_contact",
        "clea_care_leaver_accommodation",
        "clea_care_leaver_accom_suitable",
        "clea_care_leaver_activity",
        "clea_pathway_plan_review_date",
        "clea_care_leaver_personal_advisor",
        "clea_care_leaver_allocated_team",
        "clea_care_leaver_worker_id",
    ),
    "cpw_pathway_plans": (
        "ppln_event_id",
        "ppln_person_id",
        "ppln_event_type",
        "ppln_due_date",
        "ppln_event_date",
    ),
    "ssd_cin_assessments": (
        "cina_assessment_id",
        "cina_person_id",
        "cina_referral_id",
        "cina_assessment_start_date",
        "cina_assessment_child_seen",
        "cina_assessment_auth_date",
        "cina_assessment_outcome_json",
        "cina_assessment_outcome_nfa",
        "cina_assessment_team",
        "cina_assessment_worker_id",
    ),
    "cpw_assessment_manager_reviews": (
        "amrv_assessment_id",
        "amrv_person_id",
        "amrv_manager_review_date",
    ),
    "cpw_family_time": (
        "fati_session_id",
        "fati_person_id",
        "fati_session_date",
        "fati_family_member",
        "fati_supervised",
        "fati_held",
        "fati_not_held_reason",
    ),
    "cpw_advocacy_offers": (
        "adof_offer_id",
        "adof_person_id",
        "adof_offer_date",
        "adof_accepted",
        "adof_advocate_id",
    ),
    "cpw_independent_visitors": (
        "indv_person_id",
        "indv_criteria_met",
        "indv_assessed_date",
        "indv_appointed_date",
        "indv_visitor_id",
        "indv_child_declined",
    ),
    "cpw_siblings": (
        "sibl_person_id",
        "sibl_sibling_person_id",
        "sibl_relationship",
        "sibl_both_looked_after_31_march",
        "sibl_placed_together",
    ),
    "cpw_parent_child_arrangements": (
        "pcar_arrangement_id",
        "pcar_person_id",
        "pcar_arrangement_type",
        "pcar_pre_birth_assessment_date",
        "pcar_risk_assessment_date",
        "pcar_fostering_household_id",
        "pcar_approved_carers",
        "pcar_other_foster_children",
        "pcar_arrangement_start_date",
        "pcar_arrangement_end_date",
        "pcar_planned_ending_recorded",
    ),
    "cpw_permanence_plans": (
        "perm_plan_id",
        "perm_person_id",
        "perm_plan_type",
        "perm_plan_date",
        "perm_period_start_date",
    ),
    "cpw_placement_matching": (
        "plmt_placement_id",
        "plmt_person_id",
        "plmt_placement_start_date",
        "plmt_identity_needs_recorded",
        "plmt_carer_ethnicity_matched",
    ),
}

Row = tuple[str, ...]
Tables = dict[str, list[Row]]
_FOSTER = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
_NOT_LEAVER = frozenset({"E11", "E12", "E41", "E45", "E46", "E47", "E48", "E2", "E3"})
# School terms (month, day) start and end: autumn, spring, summer.
_TERMS = (((9, 1), (12, 20)), ((1, 5), (3, 31)), ((4, 15), (7, 20)))


def _yn(flag: bool) -> str:
    return "Y" if flag else "N"


def _in(day: date | None, year: CollectionYear) -> bool:
    return day is not None and year.start <= day <= year.end


def _upto(day: date | None, year: CollectionYear) -> str:
    return "" if day is None or day > year.end else fmt(day)


def _ids(seed: int, what: str, prefix: str, n: int) -> tuple[str, ...]:
    rng = random.Random(f"{seed}/{what}")
    return tuple(f"{prefix}{number:05d}" for number in rng.sample(range(100000), n))


@dataclass(frozen=True)
class Council:
    """What the extracts share across children: staff pools and sibling pairs."""

    seed: int
    iros: tuple[str, ...]
    advisers: tuple[str, ...]
    advocates: tuple[str, ...]
    visitors: tuple[str, ...]
    households: tuple[str, ...]
    schools: tuple[str, ...]
    siblings: dict[str, tuple[str, str]]  # child -> (sibling, pair key)

    def rng(self, key: str, what: str) -> random.Random:
        """The random source of one child's (or pair's) history of one topic."""
        return random.Random(f"{self.seed}/{key}/{what}")


def make_council(
    seed: int, size: int, children: list[Child], care: dict[str, list[Period]]
) -> Council:
    """Draw the staff pools (sized by ``size``, children looked after during a year) and pairs.

    Sibling pairs: children (not UASC) who came into care within 60 days of each other, aged
    under 16, are paired with probability ``SIBLING_PAIR_SHARE``.
    """
    at_once = max(1, round(size * 0.7))
    entries = sorted(
        (periods[0].start, child.child_id)
        for child in children
        if (periods := care.get(child.child_id))
        and child.uasc_until is None
        and periods[0].start < add_years(child.dob, 16)
    )
    rng = random.Random(f"{seed}/siblings")
    pairs: dict[str, tuple[str, str]] = {}
    index = 0
    while index + 1 < len(entries):
        (start, first), (other_start, second) = entries[index], entries[index + 1]
        if (other_start - start).days <= 60 and rng.random() < SIBLING_PAIR_SHARE:
            key = min(first, second)
            pairs[first], pairs[second] = (second, key), (first, key)
            index += 2
        else:
            index += 1
    return Council(
        seed,
        iros=_ids(seed, "iros", "IRO9", max(2, round(at_once / IRO_CASELOAD))),
        advisers=_ids(seed, "advisers", "PA9", max(2, round(size / 40))),
        advocates=_ids(seed, "advocates", "ADV9", max(2, round(size / 80))),
        visitors=_ids(seed, "visitors", "IV9", max(2, round(size / 40))),
        households=_ids(seed, "households", "FH9", max(3, round(size / 60))),
        schools=_ids(seed, "schools", "SCH9", max(20, round(size / 3))),
        siblings=pairs,
    )


def _review_ids(child: Child, period: Period) -> list[tuple[str, date]]:
    reviews = [r for r in child.reviews if period.start <= r.held < period.end]
    return [
        (f"{child.child_id}-R{i + 1}-{period.start:%Y%m%d}", r.held) for i, r in enumerate(reviews)
    ]


def _iro(council: Council, child: Child, rng: random.Random) -> str:
    pair = council.siblings.get(child.child_id)
    if pair is not None and rng.random() < SIBLINGS_SAME_IRO:
        u = council.rng(pair[1], "iro-choice").random()
    else:
        u = rng.random()
    return council.iros[int(u * len(council.iros))]


def _iro_activity(
    council: Council,
    child: Child,
    care: list[Period],
    year: CollectionYear,
    tables: Tables,
) -> None:
    """IRO allocations (in ssd_involvements), contacts before reviews, escalations, parents."""
    cid = child.child_id
    rng = council.rng(cid, "iro")
    for number, period in enumerate(care, start=1):
        wd = (
            rng.randint(1, 5)
            if rng.random() < IRO_ALLOCATED_IN_5_WORKING_DAYS
            else rng.randint(6, 20)
        )
        start = min(add_weekdays(period.start, wd), period.end - timedelta(days=1))
        iro = _iro(council, child, rng)
        changes: list[tuple[date, str]] = [(start, iro)]
        span = (period.end - start).days
        if span > 120 and rng.random() < IRO_CHANGE_PER_PERIOD:
            later = start + timedelta(days=rng.randint(60, span - 30))
            others = [i for i in council.iros if i != iro] or [iro]
            changes.append((later, rng.choice(others)))
        bounds = [day for day, _ in changes[1:]] + [period.end]
        for index, ((day, who), until) in enumerate(zip(changes, bounds, strict=True)):
            if day <= year.end and until >= year.start and day >= period.start:
                tables["ssd_involvements"].append(
                    (
                        f"{cid}-IRO{number}-{index + 1}",
                        who,
                        "IRO",
                        cid,
                        fmt(day),
                        _upto(until, year),
                        "",
                        worker_team(who, "IRO"),
                    )
                )
        for review_id, held in _review_ids(child, period):
            who = next((w for d, w in reversed(changes) if d <= held), iro)
            if rng.random() < IRO_CONTACT_BEFORE_REVIEW:
                contact = max(period.start, held - timedelta(days=rng.randint(1, 20)))
                kind = "Visit" if rng.random() < 0.6 else "Phone or video call"
                if _in(contact, year) and contact < held:
                    tables["cpw_iro_contacts"].append(
                        (f"{review_id}-C", cid, who, fmt(contact), kind, review_id)
                    )
            _parents(rng, cid, review_id, held, year, tables)
            if rng.random() < ESCALATION_PER_REVIEW:
                escalation = council.rng(review_id, "escalation")
                _escalation(escalation, cid, who, review_id, held, year, tables)


def _parents(
    rng: random.Random, cid: str, review_id: str, held: date, year: CollectionYear, tables: Tables
) -> None:
    excluded = rng.random() < PARENT_EXCLUDED
    invited = not excluded and rng.random() < PARENT_INVITED
    attended = invited and rng.random() < PARENT_ATTENDED
    views = attended or (not excluded and rng.random() < PARENT_VIEWS_WITHOUT_ATTENDING)
    if _in(held, year):
        tables["cpw_review_attendance"].append(
            (review_id, cid, fmt(held), _yn(invited), _yn(attended), _yn(views), _yn(excluded))
        )


def _escalation(
    rng: random.Random,
    cid: str,
    iro: str,
    review_id: str,
    held: date,
    year: CollectionYear,
    tables: Tables,
) -> None:
    """One dispute: informal, then formal stages 1 and 2, then Cafcass, until resolved."""
    day = held + timedelta(days=rng.randint(1, 30))
    for stage in ("Informal", "Formal stage 1", "Formal stage 2", "Cafcass referral"):
        end = add_weekdays(day, rng.randint(3, 25))
        last = stage == "Cafcass referral"
        resolved = last or rng.random() < ESCALATION_RESOLVED_AT_STAGE
        outcome = "Referred" if last else "Resolved" if resolved else "Escalated"
        if day > year.end:
            return
        if end >= year.start:
            tables["cpw_iro_escalations"].append(
                (
                    f"{review_id}-E{stage[0]}{stage[-1]}",
                    f"{review_id}-E",
                    cid,
                    iro,
                    stage,
                    fmt(day),
                    _upto(end, year),
                    outcome if end <= year.end else "",
                )
            )
        if resolved:
            return
        day = end


def _health(
    seed: int, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """Immunisation status as at a date in the year; SDQ for the OC2 cohort (as in OC2)."""
    in_year = [p for p in care if p.start <= year.end and p.end >= year.start]
    if not in_year:
        return
    rng = random.Random(f"{seed}/{child.child_id}/{year.end_year}/health-status")
    low, high = max(in_year[0].start, year.start), min(in_year[-1].end, year.end)
    checked = low + timedelta(days=rng.randint(0, max(0, (high - low).days)))
    oc2 = (
        outcomes.oc2_row(random.Random(f"{seed}/{child.child_id}/{year.end_year}/oc2"), child, year)
        if in_oc2_cohort(child, year)
        else None
    )
    status = oc2[6] == "1" if oc2 else rng.random() < IMMUNISATIONS_UP_TO_DATE
    tables["ssd_cla_immunisations"].append((child.child_id, _yn(status), fmt(checked)))
    if oc2 is not None and (oc2[2] or oc2[3]):
        done = year.start + timedelta(days=rng.randint(0, 364))
        tables["ssd_sdq_scores"].append(
            (f"{child.child_id}-SDQ{year.end_year}", child.child_id, fmt(done), oc2[2], oc2[3])
        )


def _school_age(dob: date, day: date) -> bool:
    return add_years(dob, 5) <= day < add_years(dob, 16)


def _terms(start: date, end: date) -> list[tuple[date, date]]:
    found = []
    for calendar_year in range(start.year - 1, end.year + 1):
        for (m1, d1), (m2, d2) in _TERMS:
            low, high = date(calendar_year, m1, d1), date(calendar_year, m2, d2)
            if low >= start and high <= end:
                found.append((low, high))
    return sorted(found)


def _education(
    council: Council, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """PEPs (initial in 10 working days, reviewed each term) and school moves."""
    cid = child.child_id
    rng = council.rng(cid, "education")
    school = rng.choice(council.schools)
    for period in care:
        if not _school_age(child.dob, period.start) and not _school_age(child.dob, period.end):
            continue
        wd = (
            rng.randint(2, 10)
            if rng.random() < PEP_INITIAL_IN_10_WORKING_DAYS
            else rng.randint(11, 40)
        )
        initial = add_weekdays(period.start, wd)
        peps: list[tuple[str, date]] = []
        if initial < period.end and _school_age(child.dob, initial):
            peps.append(("Initial", initial))
        # a child who reaches school age in care gets termly reviews from then on
        for low, high in _terms(initial + timedelta(days=30), period.end):
            if _school_age(child.dob, low) and rng.random() < PEP_REVIEW_EACH_TERM:
                peps.append(("Review", low + timedelta(days=rng.randint(0, (high - low).days))))
        for index, (kind, day) in enumerate(peps, start=1):
            if _in(day, year):
                tables["cpw_pep"].append(
                    (
                        f"{cid}-PEP{period.start:%Y%m%d}-{index}",
                        cid,
                        kind,
                        fmt(day),
                        fmt(period.start),
                    )
                )
        moves: list[tuple[date, str]] = []
        for episode in period.episodes[1:]:
            if episode.rne in ("P", "B") and episode.place not in ("T0", "T1", "T2", "T3", "T4"):
                if rng.random() < SCHOOL_MOVE_ON_PLACEMENT_MOVE:
                    moves.append(
                        (episode.decom + timedelta(days=rng.randint(0, 20)), "Placement move")
                    )
        eleven = add_years(child.dob, 11)
        transfer = date(eleven.year if eleven.month < 9 else eleven.year + 1, 9, 3)
        if period.start <= transfer < period.end:
            moves.append((transfer, "Phase transfer"))
        for index, (day, reason) in enumerate(sorted(moves), start=1):
            if day >= period.end or not _school_age(child.dob, day):
                continue
            new = rng.choice([s for s in council.schools if s != school])
            if _in(day, year):
                tables["cpw_school_moves"].append(
                    (f"{cid}-SM{period.start:%Y%m%d}-{index}", cid, fmt(day), school, new, reason)
                )
            school = new


def _leaver_age(child: Child, care: list[Period], year: CollectionYear) -> int | None:
    """Age at 31 March (16-24) of a child owed care-leaver support, else None.

    Looked after 13+ weeks since 14 and some time on or after 16, and not left care by adoption,
    SGO, CAO, death or transfer.
    """
    if not care:
        return None
    age = (
        year.end.year
        - child.dob.year
        - ((year.end.month, year.end.day) < (child.dob.month, child.dob.day))
    )
    if not 16 <= age <= 24:
        return None
    last = care[-1]
    fourteen, sixteen = add_years(child.dob, 14), add_years(child.dob, 16)
    days_after_14 = sum(
        max(0, (min(p.end, year.end) - max(p.start, fourteen)).days)
        for p in care
        if p.start <= year.end
    )
    if days_after_14 < 91 or last.end <= sixteen or last.start > year.end:
        return None
    if last.end <= year.end and last.episodes[-1].rec in _NOT_LEAVER:
        return None
    return age


def _leavers(
    council: Council,
    child: Child,
    care: list[Period],
    year: CollectionYear,
    tables: Tables,
) -> None:
    """ssd_care_leavers (as at 31 March), pathway plans and personal advisers, to 25."""
    care = [p for p in care if p.start <= year.end]
    age = _leaver_age(child, care, year)
    if age is None:
        return
    cid = child.child_id
    rng = council.rng(cid, "leaving-care")
    sixteen, eighteen = add_years(child.dob, 16), add_years(child.dob, 18)
    last = care[-1]
    base = max(sixteen, last.start + timedelta(days=91) if last.start > sixteen else sixteen)
    to_25 = rng.random() < SUPPORT_TO_25
    has_pa = rng.random() < PERSONAL_ADVISER_ALLOCATED
    pa_start = min(base + timedelta(days=rng.randint(30, 400)), eighteen)
    pa_end = add_years(child.dob, 25 if to_25 else 21)
    adviser = rng.choice(council.advisers)
    # pathway planning: needs assessment within 3 months, then plan reviews every 6 months
    due = add_months(base, 3)
    if rng.random() < NEEDS_ASSESSMENT_IN_3_MONTHS:
        assessed = base + timedelta(days=rng.randint(14, max(14, (due - base).days)))
    else:
        assessed = due + timedelta(days=rng.randint(1, 60))
    events = [("Needs assessment", due, assessed)]
    plan = assessed + timedelta(days=rng.randint(5, 30))
    events.append(("Pathway plan", plan, plan))
    held, stop = plan, pa_end
    while True:
        due = add_months(held, 6)
        ok = rng.random() < PATHWAY_REVIEW_ON_TIME
        held = (
            due - timedelta(days=rng.randint(0, 30))
            if ok
            else due + timedelta(days=rng.randint(1, 60))
        )
        if held >= stop or held > year.end:
            break
        events.append(("Pathway plan review", due, held))
    for index, (kind, due_day, day) in enumerate(events, start=1):
        if _in(day, year):
            tables["cpw_pathway_plans"].append(
                (f"{cid}-PP{index}", cid, kind, fmt(due_day), fmt(day))
            )
    if has_pa and pa_start <= year.end and pa_end >= year.start:
        tables["ssd_involvements"].append(
            (
                f"{cid}-PA1",
                adviser,
                "Personal Adviser",
                cid,
                fmt(pa_start),
                _upto(pa_end, year),
                "",
                worker_team(adviser, "Personal Adviser"),
            )
        )
    in_care = last.start <= year.end < last.end
    eligibility = "Eligible" if in_care else "Relevant" if age < 18 else "Former relevant"
    oc3_age = care_leaver_birthday(child, year)
    status = random.Random(f"{council.seed}/{cid}/{year.end_year}/leaver-status")
    if oc3_age is not None:
        row = outcomes.oc3_row(
            random.Random(f"{council.seed}/{cid}/{year.end_year}/oc3"), child, year, oc3_age
        )
        in_touch, activity, accom = row[2], row[3], row[4]
    elif in_care:
        in_touch, activity, accom = "YES", "", ""
    elif age >= 21 and not to_25:
        in_touch, activity, accom = "NREQ", "", ""
    else:
        row = outcomes.oc3_row(status, child, year, min(age, 21))
        in_touch, activity, accom = row[2], row[3], row[4]
    if accom in ("0", "") or in_touch != "YES":
        activity, accom = ("", "") if in_touch != "YES" else (activity, accom)
    reviews = [d for kind, _, d in events if kind != "Needs assessment" and d <= year.end]
    contact = year.end - timedelta(days=status.randint(0, 70)) if in_touch == "YES" else None
    pa = adviser if has_pa and pa_start <= year.end <= pa_end else ""
    tables["ssd_care_leavers"].append(
        (
            f"{cid}-CL{year.end_year}",
            cid,
            eligibility,
            in_touch,
            fmt(contact) if contact and contact >= base else "",
            accom[:1] if accom not in ("0", "") else "",
            accom[1:] if accom not in ("0", "") else "",
            activity if activity != "0" else "",
            fmt(reviews[-1]) if reviews else "",
            pa,
            "Children Looked After Team" if in_care else "Leaving Care Team",
            pa
            or next(
                (w.sw_id for w in child.social_workers if w.start <= year.end <= w.end),
                "",
            ),
        )
    )


def _assessments(
    council: Council, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """A child and family assessment before each period of care (manager review, completion)."""
    cid = child.child_id
    rng = council.rng(cid, "assessment")
    for number, period in enumerate(care, start=1):
        start = period.start - timedelta(days=rng.randint(10, 90))
        if start <= child.dob:
            start = child.dob  # a pre-birth assessment ends in care at birth
        review_wd = (
            rng.randint(3, 10)
            if rng.random() < ASSESSMENT_MANAGER_REVIEW_10_WD
            else rng.randint(11, 25)
        )
        if rng.random() < ASSESSMENT_COMPLETED_40_WD:
            done_wd = rng.randint(max(review_wd, 15), 40)
        else:
            done_wd = rng.randint(41, 45) if rng.random() < 0.5 else rng.randint(46, 70)
        done = add_weekdays(start, done_wd)
        seen = rng.random() < 0.97
        if not _in(done, year):
            continue
        assessment = f"{cid}-A{number}"
        worker = next((w.sw_id for w in child.social_workers if w.start >= period.start), "")
        tables["ssd_cin_assessments"].append(
            (
                assessment,
                cid,
                f"{cid}-REF{number}",
                fmt(start),
                _yn(seen),
                fmt(done),
                "",
                "N",
                "Assessment Team",
                worker,
            )
        )
        tables["cpw_assessment_manager_reviews"].append(
            (assessment, cid, fmt(add_weekdays(start, review_wd)))
        )


_MEMBERS = ("Mother", "Mother", "Mother", "Father", "Both parents", "Sibling", "Grandparent")
_NOT_HELD = ("Parent did not attend", "Child declined", "Cancelled by service", "Child unwell")


def _family_time(
    council: Council, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """Planned family-time sessions: weekly for under 5s in their first 6 months, else 4-weekly."""
    cid = child.child_id
    plan = council.rng(cid, "family-time")
    if child.uasc_until is not None or plan.random() >= FAMILY_TIME_PLANNED:
        return
    member = plan.choice(_MEMBERS)
    supervised = plan.random() < 0.7
    for period in care:
        if period.end < year.start or period.start > year.end:
            continue
        rng = council.rng(cid, f"family-time/{period.start}")
        day = period.start + timedelta(days=rng.randint(2, 10))
        session = 0
        while day < min(period.end, year.end + timedelta(days=1), add_years(child.dob, 16)):
            young = day < add_years(child.dob, 5) and day < period.start + timedelta(days=183)
            session += 1
            held = rng.random() < FAMILY_TIME_HELD
            reason = "" if held else rng.choice(_NOT_HELD)
            if day >= year.start:
                tables["cpw_family_time"].append(
                    (
                        f"{cid}-FT{period.start:%Y%m%d}-{session}",
                        cid,
                        fmt(day),
                        member,
                        _yn(supervised),
                        _yn(held),
                        reason,
                    )
                )
            day = day + timedelta(days=7 if young else 28)


def _advocacy(
    council: Council, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """Advocacy offered on entry (aged 5+), advocates and independent visitors."""
    cid = child.child_id
    rng = council.rng(cid, "advocacy")
    for number, period in enumerate(care, start=1):
        offered = period.start + timedelta(days=rng.randint(1, 20))
        if offered >= period.end or offered < add_years(child.dob, 5):
            continue
        if rng.random() >= ADVOCACY_OFFERED:
            continue
        accepted = rng.random() < ADVOCACY_ACCEPTED
        advocate = rng.choice(council.advocates) if accepted else ""
        if _in(offered, year):
            tables["cpw_advocacy_offers"].append(
                (f"{cid}-ADV{number}", cid, fmt(offered), _yn(accepted), advocate)
            )
        if accepted:
            start = offered + timedelta(days=rng.randint(1, 15))
            end = min(start + timedelta(days=rng.randint(60, 365)), period.end)
            if start < end and start <= year.end and end >= year.start:
                tables["ssd_involvements"].append(
                    (
                        f"{cid}-ADV{number}",
                        advocate,
                        "Advocate",
                        cid,
                        fmt(start),
                        _upto(end, year),
                        "",
                        worker_team(advocate, "Advocate"),
                    )
                )
    in_year = [p for p in care if p.start <= year.end and p.end >= year.start]
    if not in_year:
        return
    first = care[0]
    assessed = first.start + timedelta(days=rng.randint(20, 120))
    if assessed >= first.end or assessed > year.end or assessed < add_years(child.dob, 5):
        return
    met = rng.random() < IV_CRITERIA_MET
    appointed = met and rng.random() < IV_APPOINTED
    declined = met and not appointed and rng.random() < 0.2
    day = assessed + timedelta(days=rng.randint(30, 180)) if appointed else None
    visitor = rng.choice(council.visitors) if appointed else ""
    shown = day is not None and day <= year.end and day < care[-1].end
    tables["cpw_independent_visitors"].append(
        (
            cid,
            _yn(met),
            fmt(assessed),
            fmt(day) if shown else "",
            visitor if shown else "",
            _yn(declined),
        )
    )
    if shown and day is not None and in_year[-1].end >= year.start:
        tables["ssd_involvements"].append(
            (
                f"{cid}-IV1",
                visitor,
                "Independent Visitor",
                cid,
                fmt(day),
                _upto(care[-1].end, year),
                "",
                worker_team(visitor, "Independent Visitor"),
            )
        )


def _looked_after_on(care: list[Period], day: date) -> bool:
    return any(p.start <= day < p.end for p in care)


def _siblings(
    council: Council,
    child: Child,
    care: dict[str, list[Period]],
    year: CollectionYear,
    tables: Tables,
) -> None:
    pair = council.siblings.get(child.child_id)
    if pair is None:
        return
    other, key = pair
    mine, theirs = care.get(child.child_id, []), care.get(other, [])
    if not any(p.start <= year.end and p.end >= year.start for p in theirs):
        return
    both = _looked_after_on(mine, year.end) and _looked_after_on(theirs, year.end)
    together = council.rng(key, f"{year.end_year}/together").random() < SIBLINGS_PLACED_TOGETHER
    relation = "Full sibling" if council.rng(key, "relation").random() < 0.7 else "Half sibling"
    tables["cpw_siblings"].append(
        (child.child_id, other, relation, _yn(both), _yn(together) if both else "")
    )


def _parent_child(
    council: Council, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """Parent-and-child foster arrangements: babies placed with a parent, looked-after mothers."""
    cid = child.child_id
    rng = council.rng(cid, "parent-child")
    found: list[tuple[str, date, date, date | None]] = []
    first = care[0]
    if (
        first.start < add_years(child.dob, 1)
        and first.episodes[0].place in _FOSTER
        and rng.random() < PARENT_AND_CHILD_BABIES
    ):
        end = min(first.start + timedelta(days=rng.randint(84, 200)), first.end)
        pre_birth = (
            first.start - timedelta(days=rng.randint(30, 150))
            if first.start <= child.dob + timedelta(days=14) and rng.random() < PRE_BIRTH_ASSESSMENT
            else None
        )
        found.append(("Baby placed with parent", first.start, end, pre_birth))
    if child.mc_dob is not None and rng.random() < PARENT_AND_CHILD_MOTHERS:
        start = child.mc_dob + timedelta(days=rng.randint(0, 14))
        period = next((p for p in care if p.start <= start < p.end), None)
        if period is not None:
            end = min(start + timedelta(days=rng.randint(84, 240)), period.end)
            pre_birth = (
                child.mc_dob - timedelta(days=rng.randint(30, 120))
                if rng.random() < PRE_BIRTH_ASSESSMENT
                else None
            )
            found.append(("Looked-after parent with own child", start, end, pre_birth))
    for number, (kind, start, end, pre_birth) in enumerate(found, start=1):
        if rng.random() < RISK_ASSESSMENT_BEFORE_START:
            risk = start - timedelta(days=rng.randint(1, 20))
        else:
            risk = start + timedelta(days=rng.randint(1, 30))
        others = rng.random() < OTHER_FOSTER_CHILDREN
        two = rng.random() < (TWO_CARERS_WHEN_OTHERS if others else 0.6)
        household = rng.choice(council.households)
        planned = rng.random() < PLANNED_ENDING_RECORDED
        if start > year.end or end < year.start:
            continue
        closed = end <= year.end
        tables["cpw_parent_child_arrangements"].append(
            (
                f"{cid}-PC{number}",
                cid,
                kind,
                fmt(pre_birth) if pre_birth else "",
                _upto(risk, year),
                household,
                "2" if two else "1",
                _yn(others),
                fmt(start),
                fmt(end) if closed else "",
                _yn(planned) if closed else "",
            )
        )


Builder = Callable[[Council, Child, list[Period], CollectionYear, Tables], None]
_PLAN_TYPES = (
    "Return home",
    "Adoption",
    "Special guardianship",
    "Long-term fostering",
    "Child arrangements order",
    "Independence",
)
_NEW_PLACEMENT = frozenset({"S", "P", "B"})


def _permanence_and_matching(
    council: Council, child: Child, care: list[Period], year: CollectionYear, tables: Tables
) -> None:
    """Permanence plans (by the second review, about 4 months in) and placement matching.

    The second review is due about 115 days after entry (20 working days, then 3 months).
    """
    cid = child.child_id
    for period in care:
        rng = council.rng(cid, f"permanence/{period.start:%Y%m%d}")
        on_time = rng.random() < PERMANENCE_PLAN_BY_SECOND_REVIEW
        planned = period.start + timedelta(
            days=rng.randint(30, 105) if on_time else rng.randint(130, 260)
        )
        if planned < period.end and _in(planned, year):
            tables["cpw_permanence_plans"].append(
                (
                    f"{cid}-PP{period.start:%Y%m%d}",
                    cid,
                    rng.choice(_PLAN_TYPES),
                    fmt(planned),
                    fmt(period.start),
                )
            )
        for episode in period.episodes:
            if episode.rne not in _NEW_PLACEMENT or not _in(episode.decom, year):
                continue
            match = council.rng(cid, f"matching/{episode.decom:%Y%m%d}")
            recorded = match.random() < IDENTITY_NEEDS_RECORDED
            matched = _yn(match.random() < CARER_ETHNICITY_MATCHED) if recorded else ""
            tables["cpw_placement_matching"].append(
                (
                    f"{cid}-PL{episode.decom:%Y%m%d}",
                    cid,
                    fmt(episode.decom),
                    _yn(recorded),
                    matched,
                )
            )


_BUILDERS: tuple[Builder, ...] = (
    _iro_activity,
    _education,
    _assessments,
    _family_time,
    _advocacy,
    _parent_child,
    _permanence_and_matching,
)


def add_more(
    council: Council,
    children: list[Child],
    care: dict[str, list[Period]],
    year: CollectionYear,
    tables: Tables,
) -> None:
    """Append one year's rows of every table in ``MORE_TABLES``.

    IRO, personal adviser, advocate and independent visitor allocations go to
    ``ssd_involvements``.

    Args:
        council: Pools and sibling pairs (``make_council``).
        children: The simulated population.
        care: Child id -> periods of care (short breaks excluded), whole history.
        year: The collection year.
        tables: Rows per table, appended to.
    """
    for child in children:
        periods = care.get(child.child_id)
        if not periods:
            continue
        _leavers(council, child, periods, year, tables)
        if not any(p.start <= year.end and p.end >= year.start for p in periods):
            continue
        for build in _BUILDERS:
            build(council, child, periods, year, tables)
        _health(council.seed, child, periods, year, tables)
        _siblings(council, child, care, year, tables)
