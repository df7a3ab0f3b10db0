"""The SSDA903 tables cpw loads: columns, what each column must hold, keys, and XML tags.

Columns and codes are as in data_standards.md §2-§13 (DfE validator config.py). A column's
`codes` names the dbt seed that lists its valid codes, so the loader and dbt share one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """What a column holds, which decides how the loader checks it."""

    ID = "id"
    DATE = "date"
    DATE_ZZ = "date_zz"  # DATE_PERM: dd/mm/yyyy with zz for unknown parts
    CODE = "code"
    FLAG = "flag"  # 0 or 1
    YES_NO = "yes_no"  # Y or N (local extracts)
    INTEGER = "integer"
    TEXT = "text"


@dataclass(frozen=True)
class Column:
    """One column of a 903 table."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    codes: str | None = None  # seed file name under seeds/codes, without .csv
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()  # the only values allowed, for short lists no seed holds


@dataclass(frozen=True)
class TableSpec:
    """One table: raw-table name, columns in order, the key, and where it sits in XML.

    903 tables load into the `raw` schema; local extracts into `raw_local`, where a row is also
    rejected when a column in `reject_when_bad` (the child) is missing.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    first_collection_year: int = 2000
    xml_group: str | None = None  # repeating element inside HEADER, e.g. AREVIEW
    schema: str = "raw"
    reject_when_bad: tuple[str, ...] = ()

    @property
    def raw_table(self) -> str:
        """The schema-qualified raw table the loader writes."""
        return f"{self.schema}.{self.name}"

    @property
    def rejecting_columns(self) -> frozenset[str]:
        """Columns (lower case) whose problems reject the row instead of flagging it."""
        return frozenset(c.lower() for c in (*self.key, *self.reject_when_bad))

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in DfE order."""
        return tuple(c.name for c in self.columns)

    @property
    def column_set(self) -> frozenset[str]:
        """The columns as a set, the key the DfE validator also recognises a file by."""
        return frozenset(self.column_names)


def _child() -> Column:
    return Column("CHILD", Kind.ID, required=True)


def _dob() -> Column:
    return Column("DOB", Kind.DATE, required=True)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "header",
        (
            _child(),
            Column("SEX", Kind.CODE, True, "ssda903_sex_codes"),
            _dob(),
            Column("ETHNIC", Kind.CODE, True, "ssda903_ethnic_codes"),
            Column("UPN", Kind.TEXT, True),
            Column("MOTHER", Kind.FLAG),
            Column("MC_DOB", Kind.DATE),
        ),
        key=("CHILD",),
    ),
    TableSpec(
        "episodes",
        (
            _child(),
            Column("DECOM", Kind.DATE, True),
            Column("RNE", Kind.CODE, True, "ssda903_rne_codes"),
            Column("LS", Kind.CODE, True, "ssda903_ls_codes"),
            Column("CIN", Kind.CODE, True, "ssda903_cin_codes"),
            Column("PLACE", Kind.CODE, True, "ssda903_place_codes"),
            Column("PLACE_PROVIDER", Kind.CODE, False, "ssda903_place_provider_codes"),
            Column("DEC", Kind.DATE),
            Column("REC", Kind.CODE, False, "ssda903_rec_codes"),
            Column("REASON_PLACE_CHANGE", Kind.CODE, False, "ssda903_reason_place_change_codes"),
            Column("HOME_POST"),
            Column("PL_POST"),
            Column("URN"),
        ),
        key=("CHILD", "DECOM"),
    ),
    TableSpec(
        "uasc",
        (
            _child(),
            Column("SEX", Kind.CODE, True, "ssda903_sex_codes"),
            _dob(),
            Column("DUC", Kind.DATE),
        ),
        key=("CHILD",),
    ),
    TableSpec(
        "reviews",
        (
            _child(),
            _dob(),
            Column("REVIEW", Kind.DATE, True),
            Column("REVIEW_CODE", Kind.CODE, True, "ssda903_review_codes"),
        ),
        key=("CHILD", "REVIEW"),
        xml_group="AREVIEW",
    ),
    TableSpec(
        "oc2",
        (
            _child(),
            _dob(),
            Column("SDQ_SCORE", Kind.INTEGER, minimum=0, maximum=40),
            Column("SDQ_REASON", Kind.CODE, False, "ssda903_sdq_reason_codes"),
            Column("CONVICTED", Kind.FLAG),
            Column("HEALTH_CHECK", Kind.FLAG),
            Column("IMMUNISATIONS", Kind.FLAG),
            Column("TEETH_CHECK", Kind.FLAG),
            Column("HEALTH_ASSESSMENT", Kind.FLAG),
            Column("SUBSTANCE_MISUSE", Kind.FLAG),
            Column("INTERVENTION_RECEIVED", Kind.FLAG),
            Column("INTERVENTION_OFFERED", Kind.FLAG),
        ),
        key=("CHILD",),
        xml_group="OC2",
    ),
    TableSpec(
        "oc3",
        (
            _child(),
            _dob(),
            Column("IN_TOUCH", Kind.CODE, True, "ssda903_in_touch_codes"),
            Column("ACTIV", Kind.CODE, False, "ssda903_activ_codes"),
            Column("ACCOM", Kind.CODE, False, "ssda903_accom_codes"),
        ),
        key=("CHILD",),
    ),
    TableSpec(
        "ad1",
        (
            _child(),
            _dob(),
            Column("DATE_INT", Kind.DATE),
            Column("DATE_MATCH", Kind.DATE),
            Column("FOSTER_CARE", Kind.FLAG),
            Column("NB_ADOPTR", Kind.INTEGER, minimum=1, maximum=2),
            Column("SEX_ADOPTR", Kind.CODE, False, "ssda903_sex_adoptr_codes"),
            Column("LS_ADOPTR", Kind.CODE, False, "ssda903_ls_adoptr_codes"),
        ),
        key=("CHILD",),
    ),
    TableSpec(
        "placed_adoption",
        (
            _child(),
            _dob(),
            Column("DATE_PLACED", Kind.DATE, True),
            Column("DATE_PLACED_CEASED", Kind.DATE),
            Column("REASON_PLACED_CEASED", Kind.CODE, False, "ssda903_reason_placed_ceased_codes"),
        ),
        key=("CHILD", "DATE_PLACED"),
        xml_group="AD_PLACED",
    ),
    TableSpec(
        "prev_perm",
        (
            _child(),
            _dob(),
            Column("PREV_PERM", Kind.CODE, False, "ssda903_prev_perm_codes"),
            Column("LA_PERM", Kind.CODE, False, "ssda903_la_perm_codes"),
            Column("DATE_PERM", Kind.DATE_ZZ),
        ),
        key=("CHILD",),
        xml_group="PERMANENCE",
    ),
    TableSpec(
        "missing",
        (
            _child(),
            _dob(),
            Column("MISSING", Kind.CODE, True, "ssda903_missing_codes"),
            Column("MIS_START", Kind.DATE, True),
            Column("MIS_END", Kind.DATE),
        ),
        key=("CHILD", "MIS_START"),
        xml_group="AMISSING",
    ),
    TableSpec(
        "sw_episodes",
        (
            _child(),
            _dob(),
            Column("SW_ID", Kind.TEXT, True),
            Column("SW_DECOM", Kind.DATE, True),
            Column("SW_DEC", Kind.DATE),
            Column("SW_REASON", Kind.CODE, False, "ssda903_sw_reason_codes"),
        ),
        key=("CHILD", "SW_DECOM"),
        first_collection_year=2024,
    ),
    TableSpec(
        "dolo",
        (
            _child(),
            _dob(),
            Column("DOLO_START", Kind.DATE, True),
            Column("DOLO_END", Kind.DATE),
        ),
        key=("CHILD", "DOLO_START"),
        first_collection_year=2027,
    ),
)

TABLES_BY_NAME = {spec.name: spec for spec in TABLES}

LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_extra_columns", "VARCHAR"),
    ("_collection_year", "SMALLINT"),
    ("_source_file", "VARCHAR"),
    ("_source_line", "INTEGER"),
    ("_loaded_at", "TIMESTAMP"),
)

# A file whose columns are not exactly a table's is still taken as that table when it shares
# this share of the table's columns (and has CHILD): extra and missing columns are reported.
MATCH_THRESHOLD = 0.75


@dataclass(frozen=True)
class Recognition:
    """Which table a header is, and how it differs from the table's columns."""

    spec: TableSpec
    extra: tuple[str, ...]
    missing: tuple[str, ...]


def normalise_header(header: list[str]) -> list[str]:
    """Upper-case, trimmed column names (the validator also upper-cases before matching)."""
    return [name.strip().lstrip("\ufeff").upper() for name in header]


def recognise(header: list[str]) -> Recognition | None:
    """Return the table this header belongs to, exactly or by the closest unambiguous match."""
    names = normalise_header(header)
    name_set = frozenset(names)
    for spec in TABLES:
        if spec.column_set == name_set:
            return Recognition(spec, (), ())
    if "CHILD" not in name_set:
        return None
    scored = sorted(
        ((len(spec.column_set & name_set) / len(spec.column_set), spec) for spec in TABLES),
        key=lambda pair: pair[0],
        reverse=True,
    )
    best_score, best = scored[0]
    if best_score < MATCH_THRESHOLD or scored[1][0] == best_score:
        return None
    extra = tuple(n for n in names if n not in best.column_set)
    missing = tuple(n for n in best.column_names if n not in name_set)
    return Recognition(best, extra, missing)
