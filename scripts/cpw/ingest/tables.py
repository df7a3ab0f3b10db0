"""The SSDA903 tables cpw recognises, by their exact set of columns (file names do not matter)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """One 903 table: its raw-table name and its DfE column names in file order."""

    name: str
    columns: tuple[str, ...]

    @property
    def column_set(self) -> frozenset[str]:
        """The columns as a set, the key the DfE validator also recognises a file by."""
        return frozenset(self.columns)


# Column lists as in data_standards.md §2, §3 and §5 (DfE validator config.py).
TABLES: tuple[TableSpec, ...] = (
    TableSpec("header", ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")),
    TableSpec(
        "episodes",
        (
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
        ),
    ),
    TableSpec("reviews", ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")),
)

LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_collection_year", "SMALLINT"),
    ("_source_file", "VARCHAR"),
    ("_source_line", "INTEGER"),
    ("_loaded_at", "TIMESTAMP"),
)


def recognise(header: list[str]) -> TableSpec | None:
    """Return the table whose column set equals this header's, ignoring case and spaces."""
    names = frozenset(name.strip().upper() for name in header)
    for spec in TABLES:
        if spec.column_set == names:
            return spec
    return None
