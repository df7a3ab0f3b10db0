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

from cpw.synth.returns import TABLES, Row

FILE_NAME = "return.xml"
# Tables the XML cannot carry: written as CSV beside return.xml.
CSV_ONLY = ("sw_episodes", "dolo")

_HEADER = (("CHILDID", "CHILD"), ("UPN", "UPN"), ("SEX", "SEX"), ("DOB", "DOB"))
_HEADER_TAIL = (("ETHNIC", "ETHNIC"),)
_MOTHER = (("MOTHER", "MOTHER"), ("MC_DOB", "MC_DOB"))
_AD1: tuple[str, ...] = (
    "DATE_INT",
    "DATE_MATCH",
    "FOSTER_CARE",
    "NB_ADOPTR",
    "SEX_ADOPTR",
    "LS_ADOPTR",
)
_OC3: tuple[str, ...] = ("IN_TOUCH", "ACTIV", "ACCOM")
# repeating groups inside HEADER: (element, table, columns written)
_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("AREVIEW", "reviews", ("REVIEW", "REVIEW_CODE")),
    ("AMISSING", "missing", ("MISSING", "MIS_START", "MIS_END")),
    (
        "OC2",
        "oc2",
        (
            "SDQ_SCORE",
            "SDQ_REASON",
            "CONVICTED",
            "HEALTH_CHECK",
            "IMMUNISATIONS",
            "TEETH_CHECK",
            "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        ),
    ),
    ("PERMANENCE", "prev_perm", ("PREV_PERM", "LA_PERM", "DATE_PERM")),
    ("AD_PLACED", "placed_adoption", ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")),
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
