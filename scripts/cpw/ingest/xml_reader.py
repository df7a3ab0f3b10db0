"""Stream a 903 XML return (root EXPSSDA903, one CHILD element per child) into table rows.

Layout (data_standards.md §1): CHILD holds a HEADER and zero or more EPISODE elements; HEADER
holds the child's fields, the UASC, AD1 and OC3 fields, and repeating AREVIEW, AMISSING, OC2,
PERMANENCE and AD_PLACED groups. XML calls CSV's CHILD `CHILDID` and PLACE `PL`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from cpw.errors import CpwInputError
from cpw.ingest.tables import TABLES_BY_NAME

RENAMED = {"CHILDID": "CHILD", "PL": "PLACE"}
UASC_FIELDS = ("DUC",)
AD1_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
OC3_FIELDS = ("IN_TOUCH", "ACTIV", "ACCOM")
HEADER_ONLY = ("UASC",)  # the UASC flag: in CSV it is implied by the UASC file
GROUPS = {spec.xml_group: spec.name for spec in TABLES_BY_NAME.values() if spec.xml_group}


@dataclass
class XmlRows:
    """Rows per table, each as (line number, {column: value}, extra tags as JSON or None)."""

    tables: dict[str, list[tuple[int, dict[str, str], str | None]]] = field(default_factory=dict)

    def add(self, table: str, line: int, values: dict[str, str], extra: str | None = None) -> None:
        """Append one row to a table."""
        self.tables.setdefault(table, []).append((line, values, extra))


def _leaves(element: etree._Element) -> dict[str, str]:
    values: dict[str, str] = {}
    for leaf in element:
        if isinstance(leaf.tag, str) and len(leaf) == 0:
            values[RENAMED.get(leaf.tag, leaf.tag)] = (leaf.text or "").strip()
    return values


def _split_known(table: str, values: dict[str, str]) -> tuple[dict[str, str], str | None]:
    known = TABLES_BY_NAME[table].column_set
    row = {k: v for k, v in values.items() if k in known}
    extra = {k: v for k, v in values.items() if k not in known}
    return row, (json.dumps(extra, sort_keys=True, separators=(",", ":")) if extra else None)


def _child_rows(child: etree._Element, rows: XmlRows) -> None:
    header = child.find("HEADER")
    if header is None:
        raise CpwInputError("CHILD element without a HEADER", row=child.sourceline)
    line = header.sourceline or 0
    values = _leaves(header)
    identity = {"CHILD": values.get("CHILD", ""), "DOB": values.get("DOB", "")}
    side_fields = set(UASC_FIELDS + AD1_FIELDS + OC3_FIELDS + HEADER_ONLY)
    header_row, extra = _split_known(
        "header", {k: v for k, v in values.items() if k not in side_fields}
    )
    rows.add("header", line, header_row, extra)
    if values.get("UASC") == "1" or values.get("DUC"):
        rows.add(
            "uasc", line, {**identity, "SEX": values.get("SEX", ""), "DUC": values.get("DUC", "")}
        )
    if any(values.get(name) for name in AD1_FIELDS):
        rows.add("ad1", line, {**identity, **{n: values.get(n, "") for n in AD1_FIELDS}})
    if any(values.get(name) for name in OC3_FIELDS):
        rows.add("oc3", line, {**identity, **{n: values.get(n, "") for n in OC3_FIELDS}})
    for group in header:
        table = GROUPS.get(group.tag) if isinstance(group.tag, str) else None
        if table is not None:
            row, extra = _split_known(table, {**identity, **_leaves(group)})
            rows.add(table, group.sourceline or line, row, extra)
    for episode in child.iterfind("EPISODE"):
        row, extra = _split_known("episodes", {"CHILD": identity["CHILD"], **_leaves(episode)})
        rows.add("episodes", episode.sourceline or line, row, extra)


def read_xml(path: Path) -> XmlRows:
    """Parse a 903 XML file, streaming one CHILD at a time; a malformed file raises."""
    rows = XmlRows()
    try:
        context = etree.iterparse(str(path), events=("start", "end"), huge_tree=True)
        root_seen = False
        for event, element in context:
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if element.tag != "EXPSSDA903":
                        raise CpwInputError(f"XML root is {element.tag}, not EXPSSDA903", file=path)
                continue
            if element.tag == "CHILD":
                _child_rows(element, rows)
                element.clear(keep_tail=True)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as err:
        raise CpwInputError(f"malformed XML: {err.msg}", file=path, row=err.lineno) from err
    except CpwInputError as err:
        raise CpwInputError(err.message, file=path, row=err.row, column=err.column) from err
    return rows
