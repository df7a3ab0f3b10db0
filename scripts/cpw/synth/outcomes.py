"""Outcome values that exist only in the return: OC2 and OC3.

OC2 covers children looked after 12 months, OC3 care leavers. Rates are the national 2025
figures listed in ``data/calibration_targets.csv``.
"""

from __future__ import annotations

import random

from cpw.synth.dates import CollectionYear, add_years, age_in_years, fmt
from cpw.synth.model import Child

# OC2 (la_conviction_health_outcome_cla.csv, England 2025).
HEALTH_ASSESSMENT = 0.90
IMMUNISATIONS = 0.84
TEETH_CHECK = 0.81
UNDER_5_HEALTH_CHECK = 0.88
SDQ_RETURNED = 0.78
SDQ_MEAN, SDQ_SD = 14.9, 7.0
CONVICTED_10_PLUS = 0.02
SUBSTANCE_MISUSE_10_PLUS = 0.045

# OC3 (la_care_leavers_activity.csv, la_care_leavers_accommodation_suitability.csv, 2025).
# Share with no information (not in touch, refused, returned home), then among the rest.
NO_INFORMATION = 0.06
EET_17_18, EET_19_21 = 0.64 / 0.94, 0.54 / 0.94
HIGHER_EDUCATION_19_21 = 0.06 / 0.54
SUITABLE_17_18, SUITABLE_19_21 = 0.91 / 0.94, 0.89 / 0.94

_EET = (("F2", 40.0), ("P2", 6.0), ("F5", 30.0), ("P5", 12.0), ("F4", 6.0), ("P4", 1.0))
_NEET = (("G5", 70.0), ("G4", 20.0), ("G6", 10.0))
_ACCOM_17 = ("D", "D", "D", "E", "B", "U", "C", "K")
_ACCOM_18 = ("U", "U", "U", "D", "D", "Z", "Z", "B", "E", "T", "K")


def _flag(rng: random.Random, share: float) -> str:
    return "1" if rng.random() < share else "0"


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in table], weights=[w for _, w in table], k=1)[0]


def oc2_row(rng: random.Random, child: Child, year: CollectionYear) -> tuple[str, ...]:
    """The OC2 row of a child in the 12-month cohort (validator rules 186-198, 542-547).

    Args:
        rng: Random source for this child and year.
        child: The child.
        year: The collection year.

    Returns:
        Values in the OC2 column order.
    """
    age_start = age_in_years(child.dob, year.start)
    age_end = age_in_years(child.dob, year.end)
    # SDQ1 (too young or too old) only for children who reach 4 or 17 during the year: under
    # 4 at the end or 17 at the start, both items stay blank (validator rules 188, 189)
    score, reason = "", "SDQ1" if age_end >= 4 and age_start < 17 else ""
    if age_start >= 4 and age_end < 17:
        if rng.random() < SDQ_RETURNED:
            value = round(rng.gauss(SDQ_MEAN, SDQ_SD))
            score, reason = str(min(40, max(0, value))), ""
        else:
            reason = _pick(rng, (("SDQ2", 25.0), ("SDQ3", 15.0), ("SDQ4", 35.0), ("SDQ5", 25.0)))
    convicted = _flag(rng, CONVICTED_10_PLUS) if age_end >= 10 else ""
    health_check = _flag(rng, UNDER_5_HEALTH_CHECK) if age_end < 5 else ""
    misuse = _flag(rng, SUBSTANCE_MISUSE_10_PLUS) if age_end >= 10 else "0"
    received = _flag(rng, 0.6) if misuse == "1" else ""
    offered = _flag(rng, 0.5) if received == "0" else ""
    return (
        child.child_id,
        fmt(child.dob),
        score,
        reason,
        convicted,
        health_check,
        _flag(rng, IMMUNISATIONS),
        _flag(rng, TEETH_CHECK),
        _flag(rng, HEALTH_ASSESSMENT),
        misuse,
        received,
        offered,
    )


def oc3_row(rng: random.Random, child: Child, year: CollectionYear, age: int) -> tuple[str, ...]:
    """The OC3 row of a care leaver around their ``age``-th birthday in ``year``.

    Args:
        rng: Random source for this child and year.
        child: The care leaver.
        year: The collection year.
        age: 17 to 21.

    Returns:
        Values in the OC3 column order (rules 153, 344/345, 347, 3001 respected).
    """
    row = (child.child_id, fmt(child.dob))
    if rng.random() < NO_INFORMATION:
        in_touch = _pick(rng, (("NO", 55.0), ("REFU", 25.0), ("RHOM", 20.0)))
        return (*row, in_touch, "0", "0")
    older = age >= 19
    if rng.random() < (EET_19_21 if older else EET_17_18):
        if older and rng.random() < HIGHER_EDUCATION_19_21:
            activity = "F1" if rng.random() < 0.85 else "P1"
        else:
            activity = _pick(rng, _EET)
    else:
        activity = _pick(rng, _NEET)
    letter = rng.choice(
        _ACCOM_18 if add_years(child.dob, 18) <= year.end and age >= 18 else _ACCOM_17
    )
    suitable = rng.random() < (SUITABLE_19_21 if older else SUITABLE_17_18)
    if not suitable and rng.random() < 0.2:
        letter = rng.choice(("S", "X", "V", "W"))
    accom = letter + ("1" if suitable and letter not in ("S", "X") else "2")
    return (*row, "YES", activity, accom)
