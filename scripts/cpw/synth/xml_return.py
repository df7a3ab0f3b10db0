"""Writing one year's 903 return as XML (root ``EXPSSDA903``), the layout the loader reads.

One ``CHILD`` element per Header row, holding a ``HEADER`` and the child's ``EPISODE`` elements
(data standards §1). ``HEADER`` holds the child's fields (``CHILDID`` for CSV's CHILD), the UASC
flag and ``DUC``, the AD1 and OC3 fields when the child has those rows, and the repeating
``AREVIEW``, ``AMISSING``, ``OC2``, ``PERMANENCE`` and ``AD_PLACED`` groups. ``EPISODE`` calls
PLACE ``PL``. Blank values are written as empty elements, so every value reads back exactly as
its CSV field. SWEpisodes and DoLo have no known XML tags: they stay CSV files beside the XML.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from cpw.ingest.tables import TABLES as INGEST_TABLES
from cpw.ingest.xml_reader import AD1_FIELDS, OC3_FIELDS
from cpw.synth.returns import TABLES, Row

FILE_NAME = "return.xml"
# Tables the XML cannot carry: written as CSV beside return.xml.
CSV_ONLY = ("sw_episodes", "dolo")

_HEADER = (("CHILDID", "CHILD"), ("UPN", "UPN"), ("SEX", "SEX"), ("DOB", "DOB"))
_HEADER_TAIL = (("ETHNIC", "ETHNIC"),)
_MOTHER = (("MOTHER", "MOTHER"), ("MC_DOB", "MC_DOB"))
# Which fields and groups go where is the loader's definition (cpw.ingest): one for both sides.
_AD1: tuple[str, ...] = AD1_FIELDS
_OC3: tuple[str, ...] = OC3_FIELDS
# repeating groups inside HEADER, in the XSD's element order: (element, table, columns written)
_GROUP_ORDER = ("AREVIEW", "AMISSING", "OC2", "PERMANENCE", "AD_PLACED")
_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (spec.xml_group, spec.name, tuple(c for c in spec.column_names if c not in ("CHILD", "DOB")))
    for element in _GROUP_ORDER
    for spec in INGEST_TABLES
    if spec.xml_group == element
)
_EPISODE = (
    ("DECOM", "DECOM"),
    ("RNE", "RNE"),
    ("LS", "LS"),
    ("CIN", "CIN"),
    ("PL", "PLACE"),
    ("PL_POST", "PL_POST"),
    ("HOME_POST", "HOME_POST"),
    ("URN", "URN"),
    ("PLACE_PROVIDER", "PLACE_PROVIDER"),
    ("DEC", "DEC"),
    ("REC", "REC"),
    ("REASON_PLACE_CHANGE", "REASON_PLACE_CHANGE"),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _leaf(tag: str, value: str) -> str:
    return f"<{tag}>{_escape(value)}</{tag}>" if value else f"<{tag}/>"


def _leaves(row: Row, table: str, pairs: tuple[tuple[str, str], ...]) -> str:
    columns = TABLES[table]
    return "".join(_leaf(tag, row[columns.index(column)]) for tag, column in pairs)


def _child(rows: dict[str, list[Row]]) -> str:
    header = rows["header"][0]
    parts = ["<CHILD><HEADER>", _leaves(header, "header", _HEADER + _HEADER_TAIL)]
    uasc = rows.get("uasc")
    parts.append(_leaf("UASC", "1" if uasc else "0"))
    if uasc:
        parts.append(_leaves(uasc[0], "uasc", (("DUC", "DUC"),)))
    parts.append(_leaves(header, "header", _MOTHER))
    for table, names in (("ad1", _AD1), ("oc3", _OC3)):
        for row in rows.get(table, ()):
            parts.append(_leaves(row, table, tuple((n, n) for n in names)))
    for element, table, names in _GROUPS:
        for row in rows.get(table, ()):
            parts.append(
                f"<{element}>{_leaves(row, table, tuple((n, n) for n in names))}</{element}>"
            )
    parts.append("</HEADER>")
    for row in rows.get("episodes", ()):
        parts.append(f"<EPISODE>{_leaves(row, 'episodes', _EPISODE)}</EPISODE>")
    parts.append("</CHILD>\n")
    return "".join(parts)


def write_xml(path: Path, tables: dict[str, list[Row]]) -> None:
    """Write the tables of one year's return (all but ``CSV_ONLY``) as one 903 XML file.

    Args:
        path: File to write (``<year>/return.xml``).
        tables: The year's rows per table, as ``year_tables`` builds them; every child with a
            row anywhere has a Header row.
    """
    by_child: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for table, rows in tables.items():
        if table in CSV_ONLY:
            continue
        for row in rows:
            by_child[row[0]][table].append(row)
    order = [row[0] for row in tables["header"]]
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>\n")
        for child_id in order:
            handle.write(_child(by_child[child_id]))
        handle.write("</EXPSSDA903>\n")
