"""The local extracts cpw loads beside the 903 (docs/local_extracts.md is the contract).

A council's case-management extracts, one CSV per table in `<year>/local/`, named after the
table (`ssd_cla_visits.csv`). Where the Standard Safeguarding Dataset has the table, the names are
the SSD's; the `cpw_` tables follow its style. Each loads into `raw_local.<table>` with the same
checks as a 903 table: a missing or duplicate id, or a row with no child, is quarantined; any
other bad value is loaded and flagged.
"""

from __future__ import annotations

from cpw.ingest.tables import Column, Kind, TableSpec

LOCAL_SCHEMA = "raw_local"

_HEALTH_TYPES = ("Initial Health Assessment", "Review Health Assessment", "Dental Check")
_HEALTH_STATUS = ("Completed", "Planned", "Refused", "Cancelled")
_ROLES = ("Social Worker", "IRO", "Personal Adviser", "Advocate", "Independent Visitor")
_STAGES = ("Informal", "Formal stage 1", "Formal stage 2", "Cafcass referral")
_ELIGIBILITY = ("Eligible", "Relevant", "Former relevant")
_ACCOM_LETTERS = tuple("ABCDEGHKRSTUVWXYZ")
_PATHWAY_EVENTS = ("Needs assessment", "Pathway plan", "Pathway plan review")
_MEMBERS = ("Mother", "Father", "Both parents", "Sibling", "Grandparent")
_NOT_HELD = ("Parent did not attend", "Child declined", "Cancelled by service", "Child unwell")
_PC_TYPES = ("Baby placed with parent", "Looked-after parent with own child")


def _id(name: str) -> Column:
    return Column(name, Kind.ID, required=True)


def _date(name: str, required: bool = False) -> Column:
    return Column(name, Kind.DATE, required)


def _yn(name: str, required: bool = False) -> Column:
    return Column(name, Kind.YES_NO, required)


def _one_of(name: str, choices: tuple[str, ...], required: bool = False) -> Column:
    return Column(name, Kind.TEXT, required, choices=choices)


def _local(name: str, columns: tuple[Column, ...], key: tuple[str, ...], person: str) -> TableSpec:
    return TableSpec(name, columns, key, schema=LOCAL_SCHEMA, reject_when_bad=(person,))


LOCAL_TABLES: tuple[TableSpec, ...] = (
    _local(
        "ssd_cla_visits",
        (
            _id("clav_cla_visit_id"),
            _id("clav_person_id"),
            _date("clav_cla_visit_date", True),
            _yn("clav_cla_visit_seen"),
            _yn("clav_cla_visit_seen_alone"),
        ),
        ("clav_cla_visit_id",),
        "clav_person_id",
    ),
    _local(
        "ssd_cla_reviews",
        (
            _id("clar_cla_review_id"),
            _id("clar_person_id"),
            _date("clar_cla_review_due_date"),
            _date("clar_cla_review_date", True),
            _yn("clar_cla_review_cancelled"),
            Column("clar_cla_review_participation", Kind.CODE, False, "ssda903_review_codes"),
        ),
        ("clar_cla_review_id",),
        "clar_person_id",
    ),
    _local(
        "ssd_cla_health",
        (
            _id("clah_health_check_id"),
            _id("clah_person_id"),
            _one_of("clah_health_check_type", _HEALTH_TYPES, True),
            _date("clah_health_check_date", True),
            _one_of("clah_health_check_status", _HEALTH_STATUS),
        ),
        ("clah_health_check_id",),
        "clah_person_id",
    ),
    _local(
        "ssd_involvements",
        (
            _id("invo_involvements_id"),
            _id("invo_professional_id"),
            _one_of("invo_professional_role_id", _ROLES, True),
            _id("invo_person_id"),
            _date("invo_involvement_start_date", True),
            _date("invo_involvement_end_date"),
            Column("invo_worker_change_reason", Kind.CODE, False, "ssda903_sw_reason_codes"),
            Column("invo_professional_team", Kind.TEXT),
        ),
        ("invo_involvements_id",),
        "invo_person_id",
    ),
    _local(
        "ssd_missing",
        (
            _id("miss_table_id"),
            _id("miss_person_id"),
            _date("miss_missing_episode_start_date", True),
            _one_of("miss_missing_episode_type", ("Missing", "Away")),
            _date("miss_missing_episode_end_date"),
            _yn("miss_missing_rhi_offered"),
            _one_of("miss_missing_rhi_accepted", ("Y", "N", "NA")),
        ),
        ("miss_table_id",),
        "miss_person_id",
    ),
    _local(
        "cpw_iro_contacts",
        (
            _id("iroc_contact_id"),
            _id("iroc_person_id"),
            Column("iroc_professional_id"),
            _date("iroc_contact_date", True),
            _one_of("iroc_contact_type", ("Visit", "Phone or video call")),
            Column("iroc_review_id"),
        ),
        ("iroc_contact_id",),
        "iroc_person_id",
    ),
    _local(
        "cpw_iro_escalations",
        (
            _id("iroe_escalation_stage_id"),
            Column("iroe_escalation_id", Kind.ID, required=True),
            _id("iroe_person_id"),
            Column("iroe_professional_id"),
            _one_of("iroe_escalation_stage", _STAGES, True),
            _date("iroe_stage_start_date", True),
            _date("iroe_stage_end_date"),
            _one_of("iroe_stage_outcome", ("Resolved", "Escalated", "Referred")),
        ),
        ("iroe_escalation_stage_id",),
        "iroe_person_id",
    ),
    _local(
        "cpw_review_attendance",
        (
            _id("rvat_review_id"),
            _id("rvat_person_id"),
            _date("rvat_review_date", True),
            _yn("rvat_parent_invited"),
            _yn("rvat_parent_attended"),
            _yn("rvat_parent_views_recorded"),
            _yn("rvat_parent_excluded"),
        ),
        ("rvat_review_id",),
        "rvat_person_id",
    ),
    _local(
        "ssd_cla_immunisations",
        (
            _id("clai_person_id"),
            _yn("clai_immunisations_status"),
            _date("clai_immunisations_status_date"),
        ),
        ("clai_person_id",),
        "clai_person_id",
    ),
    _local(
        "ssd_sdq_scores",
        (
            _id("csdq_table_id"),
            _id("csdq_person_id"),
            _date("csdq_sdq_completed_date"),
            Column("csdq_sdq_score", Kind.INTEGER, minimum=0, maximum=40),
            Column("csdq_sdq_reason", Kind.CODE, False, "ssda903_sdq_reason_codes"),
        ),
        ("csdq_table_id",),
        "csdq_person_id",
    ),
    _local(
        "cpw_pep",
        (
            _id("pep_pep_id"),
            _id("pep_person_id"),
            _one_of("pep_type", ("Initial", "Review"), True),
            _date("pep_date", True),
            _date("pep_period_start_date"),
        ),
        ("pep_pep_id",),
        "pep_person_id",
    ),
    _local(
        "cpw_school_moves",
        (
            _id("scmv_move_id"),
            _id("scmv_person_id"),
            _date("scmv_move_date", True),
            Column("scmv_from_school_urn"),
            Column("scmv_to_school_urn"),
            _one_of("scmv_reason", ("Placement move", "Phase transfer", "Other")),
        ),
        ("scmv_move_id",),
        "scmv_person_id",
    ),
    _local(
        "ssd_care_leavers",
        (
            _id("clea_table_id"),
            _id("clea_person_id"),
            _one_of("clea_care_leaver_eligibility", _ELIGIBILITY, True),
            Column("clea_care_leaver_in_touch", Kind.CODE, False, "ssda903_in_touch_codes"),
            _date("clea_care_leaver_latest_contact"),
            _one_of("clea_care_leaver_accommodation", _ACCOM_LETTERS),
            Column("clea_care_leaver_accom_suitable", Kind.INTEGER, minimum=1, maximum=2),
            Column("clea_care_leaver_activity", Kind.CODE, False, "ssda903_activ_codes"),
            _date("clea_pathway_plan_review_date"),
            Column("clea_care_leaver_personal_advisor"),
            Column("clea_care_leaver_allocated_team"),
            Column("clea_care_leaver_worker_id"),
        ),
        ("clea_table_id",),
        "clea_person_id",
    ),
    _local(
        "cpw_pathway_plans",
        (
            _id("ppln_event_id"),
            _id("ppln_person_id"),
            _one_of("ppln_event_type", _PATHWAY_EVENTS, True),
            _date("ppln_due_date"),
            _date("ppln_event_date", True),
        ),
        ("ppln_event_id",),
        "ppln_person_id",
    ),
    _local(
        "ssd_cin_assessments",
        (
            _id("cina_assessment_id"),
            _id("cina_person_id"),
            Column("cina_referral_id"),
            _date("cina_assessment_start_date", True),
            _yn("cina_assessment_child_seen"),
            _date("cina_assessment_auth_date"),
            Column("cina_assessment_outcome_json"),
            _yn("cina_assessment_outcome_nfa"),
            Column("cina_assessment_team"),
            Column("cina_assessment_worker_id"),
        ),
        ("cina_assessment_id",),
        "cina_person_id",
    ),
    _local(
        "cpw_assessment_manager_reviews",
        (
            _id("amrv_assessment_id"),
            _id("amrv_person_id"),
            _date("amrv_manager_review_date"),
        ),
        ("amrv_assessment_id",),
        "amrv_person_id",
    ),
    _local(
        "cpw_family_time",
        (
            _id("fati_session_id"),
            _id("fati_person_id"),
            _date("fati_session_date", True),
            _one_of("fati_family_member", _MEMBERS),
            _yn("fati_supervised"),
            _yn("fati_held", True),
            _one_of("fati_not_held_reason", _NOT_HELD),
        ),
        ("fati_session_id",),
        "fati_person_id",
    ),
    _local(
        "cpw_advocacy_offers",
        (
            _id("adof_offer_id"),
            _id("adof_person_id"),
            _date("adof_offer_date", True),
            _yn("adof_accepted"),
            Column("adof_advocate_id"),
        ),
        ("adof_offer_id",),
        "adof_person_id",
    ),
    _local(
        "cpw_independent_visitors",
        (
            _id("indv_person_id"),
            _yn("indv_criteria_met", True),
            _date("indv_assessed_date"),
            _date("indv_appointed_date"),
            Column("indv_visitor_id"),
            _yn("indv_child_declined"),
        ),
        ("indv_person_id",),
        "indv_person_id",
    ),
    _local(
        "cpw_siblings",
        (
            _id("sibl_person_id"),
            _id("sibl_sibling_person_id"),
            _one_of("sibl_relationship", ("Full sibling", "Half sibling")),
            _yn("sibl_both_looked_after_31_march"),
            _yn("sibl_placed_together"),
        ),
        ("sibl_person_id", "sibl_sibling_person_id"),
        "sibl_person_id",
    ),
    _local(
        "cpw_parent_child_arrangements",
        (
            _id("pcar_arrangement_id"),
            _id("pcar_person_id"),
            _one_of("pcar_arrangement_type", _PC_TYPES, True),
            _date("pcar_pre_birth_assessment_date"),
            _date("pcar_risk_assessment_date"),
            Column("pcar_fostering_household_id", Kind.ID, required=True),
            Column("pcar_approved_carers", Kind.INTEGER, minimum=1, maximum=2),
            _yn("pcar_other_foster_children"),
            _date("pcar_arrangement_start_date", True),
            _date("pcar_arrangement_end_date"),
            _yn("pcar_planned_ending_recorded"),
        ),
        ("pcar_arrangement_id",),
        "pcar_person_id",
    ),
    _local(
        "cpw_permanence_plans",
        (
            _id("perm_plan_id"),
            _id("perm_person_id"),
            Column("perm_plan_type"),
            _date("perm_plan_date", True),
            _date("perm_period_start_date"),
        ),
        ("perm_plan_id",),
        "perm_person_id",
    ),
    _local(
        "cpw_placement_matching",
        (
            _id("plmt_placement_id"),
            _id("plmt_person_id"),
            _date("plmt_placement_start_date", True),
            _yn("plmt_identity_needs_recorded"),
            _yn("plmt_carer_ethnicity_matched"),
        ),
        ("plmt_placement_id",),
        "plmt_person_id",
    ),
)

LOCAL_TABLES_BY_NAME = {spec.name: spec for spec in LOCAL_TABLES}
