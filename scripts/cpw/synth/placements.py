"""Drawing placements: type, provider, URN and postcode, kept consistent with 903 rules."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from cpw.synth import codes
from cpw.synth.fastrand import choice
from cpw.synth.identity import Providers, postcode
from cpw.synth.model import Placement
from cpw.synth.postcodes import PostcodeArea

# Supported accommodation was recorded as H5 until the K3 code arrived in 2024-25.
K3_FROM = date(2024, 4, 1)
LONG_TERM = {"U6": "U4", "U3": "U1"}


def age_band(age: int) -> str:
    """Return the placement-mix band for an age in years.

    Args:
        age: Completed years.

    Returns:
        ``under10``, ``10-15`` or ``16+``.
    """
    if age < 10:
        return "under10"
    return "10-15" if age < 16 else "16+"


class PlacementMaker:
    """Makes placements for one child, numbering carers so same-carer moves are visible."""

    def __init__(
        self,
        rng: random.Random,
        providers: Providers,
        home_post: str,
        area: PostcodeArea | None = None,
    ) -> None:
        self._rng = rng
        self._area = area
        self._providers = providers
        self._home_post = home_post
        self._carers = 0

    def _new_carer(self) -> int:
        self._carers += 1
        return self._carers

    def _away_postcode(self, far_share: float) -> str:
        while True:
            candidate = postcode(self._rng, self._rng.random() >= far_share, self._area)
            if candidate != self._home_post:
                return candidate

    def make(self, kind: str, day: date) -> Placement:
        """Build a placement of a given type starting on ``day``.

        Args:
            kind: A PLACE code, or ``SA`` for supported accommodation (H5 or K3 by date).
            day: The date the placement starts.

        Returns:
            The placement with provider, URN and postcode filled as the rules require.
        """
        rng, pool = self._rng, self._providers
        if kind == "SA":
            kind = "K3" if day >= K3_FROM else "H5"
        if kind == "P1":
            return Placement("P1", "PR0", "", self._home_post, self._new_carer())
        if kind in codes.TEMPORARY:
            return Placement(kind, "", "", self._away_postcode(0.1), self._new_carer())
        if kind in codes.KINSHIP:
            return Placement(
                kind, "PR1", pool.la_fostering, self._away_postcode(0.15), self._new_carer()
            )
        if kind in codes.FOSTER:
            provider = codes.pick(rng, codes.PROVIDER_BY_PLACE["foster"])
            urn = pool.la_fostering if provider == "PR1" else choice(rng, pool.agency_fostering)
            return Placement(kind, provider, urn, self._away_postcode(0.2), self._new_carer())
        if kind in ("A4", "A6"):
            provider = codes.pick(rng, codes.PROVIDER_BY_PLACE["adoption"])
            urn = pool.la_adoption if provider == "PR1" else choice(rng, pool.voluntary_adoption)
            return Placement(kind, provider, urn, self._away_postcode(0.35), self._new_carer())
        if kind == "K2":
            provider = codes.pick(rng, codes.PROVIDER_BY_PLACE["K2"])
            urn = choice(rng, pool.childrens_homes)
            return Placement(kind, provider, urn, self._away_postcode(0.45), self._new_carer())
        if kind in ("H5", "K3"):
            provider = codes.pick(rng, codes.PROVIDER_BY_PLACE["SA"])
            urn = choice(rng, pool.supported)
            return Placement(kind, provider, urn, self._away_postcode(0.25), self._new_carer())
        provider = codes.pick(rng, codes.PROVIDER_BY_PLACE["R1"])
        return Placement(kind, provider, "", self._away_postcode(0.5), self._new_carer())

    def draw(self, day: date, age: int, *, allow_parents: bool, foster_only: bool) -> Placement:
        """Draw a placement for a child of a given age.

        Args:
            day: The date the placement starts.
            age: The child's age on that date.
            allow_parents: Whether P1 is allowed (not under s20, validator rule 378).
            foster_only: Restrict to foster care (children on an adoption plan).

        Returns:
            The new placement.
        """
        kind = codes.pick(self._rng, codes.PLACEMENT_BY_AGE[age_band(age)])
        if foster_only and kind not in codes.FOSTER:
            kind = "U6"
        if kind == "P1" and not allow_parents:
            kind = "U6"
        return self.make(kind, day)

    def long_term(self, current: Placement) -> Placement:
        """Return the same carer's placement re-designated as long-term (U6→U4, U3→U1).

        Args:
            current: A U6 or U3 placement.

        Returns:
            The placement with the long-term code, same carer, provider, URN and postcode.
        """
        return replace(current, place=LONG_TERM[current.place])
