"""Rates of a generated council, computed the way the DfE computes the national figures.

Used by the calibration test to compare a generated
council with ``data/calibration_targets.csv``.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cpw.synth.dates import CollectionYear, add_years, age_in_years
from cpw.synth.model import Child
from cpw.synth.returns import SHORT_BREAKS, care_leaver_birthday, periods, year_tables

TARGETS = Path(__file__).with_name("data") / "calibration_targets.csv"
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
_GROUPS = {
    "foster": ("U1", "U2", "U3", "U4", "U5", "U6"),
    "homes": ("K1", "K2"),
    "independent": ("H5", "K3", "P2"),
    "parents": ("P1",),
    "adoption": ("A3", "A4", "A5", "A6"),
}


@dataclass(frozen=True)
class Target:
    """One national figure: the value, how far a generated council may stray, and its source."""

    measure: str
    description: str
    national: float
    tolerance: float
    source: str


def load_targets(path: Path = TARGETS) -> list[Target]:
    """Read the committed national targets."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Target(
                r["measure"],
                r["description"],
                float(r["national"]),
                float(r["tolerance"]),
                r["source"],
            )
            for r in csv.DictReader(handle)
        ]


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else float("nan")


def rates(children: list[Child], year: CollectionYear, seed: int) -> dict[str, float]:
    """Every calibrated rate for one collection year of a simulated council (percentages).

    Args:
        children: The simulated population.
        year: The collection year.
        seed: The seed the population was simulated with (for OC2/OC3 values).

    Returns:
        Measure id -> value.
    """
    out: dict[str, float] = {}
    end = year.end
    at_end = []
    during = []
    starts = 0
    entry_ages: Counter[str] = Counter()
    ceased: Counter[str] = Counter()
    missing = 0
    for child in children:
        eps = [e for e in child.episodes if e.decom <= end and e.dec >= year.start]
        if not eps or all(e.ls in SHORT_BREAKS for e in eps):
            continue
        during.append(child)
        if any(m.kind == "M" and year.start <= m.start <= end for m in child.missing):
            missing += 1
        for e in eps:
            if e.rne == "S" and e.decom >= year.start and e.ls not in SHORT_BREAKS:
                starts += 1
                age = age_in_years(child.dob, e.decom)
                band = (
                    "u1"
                    if age < 1
                    else "1-4"
                    if age < 5
                    else "5-9"
                    if age < 10
                    else ("10-15" if age < 16 else "16+")
                )
                entry_ages[band] += 1
            if e.dec <= end and e.rec not in ("X1", "") and e.ls not in SHORT_BREAKS:
                ceased[e.rec] += 1
        open_now = [e for e in eps if e.decom <= end < e.dec]
        if open_now:
            at_end.append((child, eps, open_now[0]))
    out["cla_31_march_share"] = _pct(len(at_end), len(during))
    out["starts_share"] = _pct(starts, len(during))
    for group, places in _GROUPS.items():
        out[f"placement_{group}"] = _pct(sum(c.place in places for _, _, c in at_end), len(at_end))
    ls = Counter(c.ls for _, _, c in at_end)
    out["legal_care_order"] = _pct(ls["C1"] + ls["C2"], len(at_end))
    out["legal_placement_order"] = _pct(ls["E1"], len(at_end))
    out["legal_section_20"] = _pct(ls["V2"], len(at_end))
    for band in ("u1", "1-4", "5-9", "10-15", "16+"):
        out[f"entry_age_{band}"] = _pct(entry_ages[band], starts)
    unstable = 0
    for _, eps, _ in at_end:
        count = 0
        for i, e in enumerate(eps):
            back = i > 0 and eps[i - 1].place in TEMPORARY
            if e.place in TEMPORARY or back:
                continue
            count += i == 0 or e.rne in ("S", "P", "B")
        unstable += count >= 3
    out["three_plus_placements"] = _pct(unstable, len(at_end))
    stable = cohort = 0
    for child, _, current in at_end:
        if age_in_years(child.dob, end) >= 16:
            continue
        period = next(p for p in periods(child) if p.start <= end < p.end)
        if period.start > end - timedelta(days=913):
            continue
        cohort += 1
        chain = list(period.episodes)
        j = chain.index(current)
        while j > 0:
            e, before = chain[j], chain[j - 1]
            if e.rne in ("P", "B") and e.place not in TEMPORARY and before.place not in TEMPORARY:
                break
            j -= 1
        carer_since = chain[j].decom
        stable += carer_since <= end - timedelta(days=730)
    out["long_term_stability"] = _pct(stable, cohort)
    total_ceased = sum(ceased.values())
    out["ceased_adopted"] = _pct(ceased["E11"] + ceased["E12"], total_ceased)
    out["ceased_sgo"] = _pct(sum(ceased[c] for c in ("E45", "E46", "E47", "E48")), total_ceased)
    out["missing_share"] = _pct(missing, len(during))
    tables = year_tables(children, year, seed)
    oc2 = tables["oc2"]
    for column, measure in (
        (8, "oc2_health_assessment"),
        (6, "oc2_immunisations"),
        (7, "oc2_teeth_check"),
    ):
        out[measure] = _pct(sum(r[column] == "1" for r in oc2), len(oc2))
    by_id = {c.child_id: c for c in children}
    groups: dict[str, list[tuple[str, ...]]] = {"17_18": [], "19_21": []}
    for row in tables["oc3"]:
        age = care_leaver_birthday(by_id[row[0]], year) or 0
        groups["19_21" if age >= 19 else "17_18"].append(row)
    eet = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
    for group, rows in groups.items():
        out[f"care_leaver_eet_{group}"] = _pct(sum(r[3] in eet for r in rows), len(rows))
        out[f"care_leaver_suitable_{group}"] = _pct(
            sum(r[4].endswith("1") for r in rows), len(rows)
        )
    _ = add_years
    return out
