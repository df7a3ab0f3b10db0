"""A generated council's rates sit within stated tolerances of the national figures.

The targets, tolerances and the file and row each comes from are committed in
scripts/cpw/synth/data/calibration_targets.csv (rows marked ASSUMPTION have no national series
in the benchmark files and check the generator's own design instead).
"""

from __future__ import annotations

import pytest

from cpw.synth.calibration import Target, load_targets, rates
from cpw.synth.dates import CollectionYear
from cpw.synth.population import simulate

SEED = 5
YEAR = CollectionYear(2025)
TARGETS = load_targets()


@pytest.fixture(scope="module")
def generated() -> dict[str, float]:
    children = simulate(SEED, 4000, YEAR.start, YEAR.end)
    return rates(children, YEAR, SEED)


def test_every_target_cites_a_source() -> None:
    assert len(TARGETS) >= 20
    for target in TARGETS:
        assert target.source.strip() and target.tolerance > 0


@pytest.mark.parametrize("target", TARGETS, ids=[t.measure for t in TARGETS])
def test_rate_is_within_tolerance(generated: dict[str, float], target: Target) -> None:
    value = generated[target.measure]
    assert abs(value - target.national) <= target.tolerance, (
        f"{target.measure}: generated {value:.1f}, national {target.national} "
        f"± {target.tolerance} ({target.source})"
    )
