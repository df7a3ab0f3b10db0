"""Code lists and the weights the generator draws from.

The weights are deliberately round numbers. They aim at the national shape described in
``docs/synthetic_council.md`` (which cites the figures they come from), not at any real council.
"""

from __future__ import annotations

import random
from bisect import bisect
from functools import lru_cache
from itertools import accumulate

Weighted = tuple[tuple[str, float], ...]

ETHNICITY: Weighted = (
    ("WBRI", 70.0),
    ("WIRI", 0.5),
    ("WOTH", 5.0),
    ("WIRT", 0.3),
    ("WROM", 0.7),
    ("MWBC", 3.5),
    ("MWBA", 1.0),
    ("MWAS", 1.5),
    ("MOTH", 3.0),
    ("AIND", 0.5),
    ("APKN", 1.0),
    ("ABAN", 0.5),
    ("AOTH", 2.0),
    ("BCRB", 1.5),
    ("BAFR", 3.5),
    ("BOTH", 1.0),
    ("CHNE", 0.2),
    ("OOTH", 2.5),
    ("REFU", 0.1),
    ("NOBT", 0.2),
)

# Age on entering care, as (label, weight); the ranges in days live in population.py.
ENTRY_AGE: Weighted = (("u1", 20.0), ("1-4", 15.0), ("5-9", 15.0), ("10-15", 38.0), ("16+", 12.0))

CATEGORY_OF_NEED: Weighted = (
    ("N1", 60.0),
    ("N2", 3.0),
    ("N3", 3.0),
    ("N4", 9.0),
    ("N5", 15.0),
    ("N6", 3.0),
    ("N7", 0.5),
    ("N8", 6.5),
)

# How a period of care is planned to end, by entry age group.
ROUTES: dict[str, Weighted] = {
    "u1": (
        ("adopt", 33.0),
        ("sgo", 22.0),
        ("home", 20.0),
        ("cao", 4.0),
        ("other", 12.0),
        ("age18", 9.0),
    ),
    "1-4": (
        ("adopt", 22.0),
        ("sgo", 22.0),
        ("home", 24.0),
        ("cao", 5.0),
        ("other", 14.0),
        ("age18", 13.0),
    ),
    "5-9": (
        ("adopt", 3.0),
        ("sgo", 17.0),
        ("home", 30.0),
        ("cao", 5.0),
        ("other", 18.0),
        ("age18", 27.0),
    ),
    "10-15": (("sgo", 6.0), ("home", 30.0), ("cao", 2.0), ("other", 24.0), ("age18", 38.0)),
    "16+": (("home", 20.0), ("other", 20.0), ("age18", 60.0)),
}

RETURN_HOME: Weighted = (("E4A", 84.0), ("E4B", 16.0))
OTHER_EXIT: Weighted = (("E13", 65.0), ("E8", 35.0))
ADOPTED: Weighted = (("E11", 40.0), ("E12", 60.0))
# SGO carer mix follows the national split of special guardianship orders.
SGO: Weighted = (("E45", 68.0), ("E47", 22.0), ("E46", 7.0), ("E48", 3.0))
LEAVE_AT_18_FOSTERED: Weighted = (("E17", 45.0), ("E5", 40.0), ("E6", 15.0))
LEAVE_AT_18_OTHER: Weighted = (("E5", 75.0), ("E6", 25.0))

# Placement types by age band at the start of the placement.
PLACEMENT_BY_AGE: dict[str, Weighted] = {
    "under10": (("U6", 62.0), ("U3", 16.0), ("U4", 4.0), ("U1", 2.0), ("P1", 8.0), ("K2", 2.0)),
    "10-15": (("U6", 46.0), ("U3", 10.0), ("U4", 4.0), ("K2", 27.0), ("P1", 7.0), ("R1", 2.0)),
    "16+": (("U6", 26.0), ("U3", 6.0), ("K2", 22.0), ("SA", 38.0), ("P1", 5.0), ("R1", 1.0)),
}
FOSTER = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
KINSHIP = frozenset({"U1", "U2", "U3"})
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
NO_URN = frozenset({"P1", "P3", "R1", "R2", "R5"}) | TEMPORARY

PROVIDER_BY_PLACE: dict[str, Weighted] = {
    "kin": (("PR1", 1.0),),
    "foster": (("PR1", 60.0), ("PR4", 34.0), ("PR5", 6.0)),
    "K2": (("PR4", 75.0), ("PR1", 20.0), ("PR5", 5.0)),
    "SA": (("PR4", 60.0), ("PR5", 30.0), ("PR1", 10.0)),
    "R1": (("PR4", 1.0),),
    "adoption": (("PR1", 70.0), ("PR5", 30.0)),
}

# Why a placement ended, for moves to a new carer (a same-carer change is always PLACE).
PLACE_CHANGE_REASON: Weighted = (
    ("CARPL", 40.0),
    ("CREQB", 12.0),
    ("CREQO", 9.0),
    ("CHILD", 8.0),
    ("LAREQ", 10.0),
    ("CLOSE", 6.0),
    ("STAND", 3.0),
    ("ALLEG", 2.0),
    ("OTHER", 10.0),
)

PARTICIPATION: Weighted = (
    ("PN1", 55.0),
    ("PN2", 7.0),
    ("PN3", 4.0),
    ("PN4", 4.0),
    ("PN5", 8.0),
    ("PN6", 12.0),
    ("PN7", 10.0),
)


def pick(rng: random.Random, table: Weighted) -> str:
    """Draw one code from a weighted table.

    Args:
        rng: The random source to draw from.
        table: ``(code, weight)`` pairs; weights need not sum to 1.

    Returns:
        The chosen code.
    """
    codes, cumulative, total, last = _prepared(table)
    # exactly what rng.choices(codes, cum_weights=cumulative, k=1) does, without its overhead
    return codes[bisect(cumulative, rng.random() * total, 0, last)]


@lru_cache(maxsize=64)
def _prepared(table: Weighted) -> tuple[tuple[str, ...], tuple[float, ...], float, int]:
    cumulative = tuple(accumulate(weight for _, weight in table))
    return tuple(code for code, _ in table), cumulative, cumulative[-1] + 0.0, len(table) - 1


SW_REASON: Weighted = (
    ("LEFTRL", 30.0),
    ("TSPROC", 25.0),
    ("MANAGE", 20.0),
    ("ORGRST", 8.0),
    ("ABSENC", 7.0),
    ("CHCHAN", 3.0),
    ("PCCHAN", 2.0),
    ("OTHERS", 5.0),
)
ADOPTER_COUPLE: Weighted = (("MF", 82.0), ("MM", 10.0), ("FF", 8.0))
COUPLE_STATUS: dict[str, Weighted] = {
    "MF": (("L11", 80.0), ("L3", 20.0)),
    "MM": (("L12", 55.0), ("L2", 30.0), ("L4", 15.0)),
    "FF": (("L12", 55.0), ("L2", 30.0), ("L4", 15.0)),
}
PLACED_CEASED: Weighted = (("RD1", 30.0), ("RD2", 15.0), ("RD3", 25.0), ("RD4", 30.0))
PREV_PERM: Weighted = (("Z1", 82.0), ("P4", 7.0), ("P2", 6.0), ("P3", 3.0), ("P1", 2.0))
# Old-style DfE LA numbers used for LA_PERM (all in the validator's list), and 999 (not known).
LA_PERM = ("999", "999", "800", "202", "330", "873", "935")
UASC_ETHNICITY: Weighted = (
    ("BAFR", 35.0),
    ("AOTH", 30.0),
    ("OOTH", 20.0),
    ("WOTH", 8.0),
    ("BOTH", 7.0),
)
