"""The simulated world: children, their placements, episodes and reviews.

Everything here is immutable and holds a child's *whole* history, including the parts after the
last collection year; ``returns.py`` decides what each year's return is allowed to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Placement:
    """Where a child lives; ``carer`` identifies the carer, so a same-carer change keeps it."""

    place: str
    provider: str
    urn: str
    postcode: str
    carer: int


@dataclass(frozen=True)
class Episode:
    """One 903 episode as it really happened (``dec`` and ``rec`` always known)."""

    decom: date
    dec: date
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    urn: str
    rec: str
    reason: str
    home_post: str
    pl_post: str


@dataclass(frozen=True)
class Review:
    """One statutory review and how the child took part."""

    held: date
    code: str


@dataclass(frozen=True)
class Child:
    """A simulated child and everything that happens to them while looked after."""

    child_id: str
    is_male: bool
    dob: date
    ethnic: str
    upn: str
    mc_dob: date | None
    episodes: tuple[Episode, ...]
    reviews: tuple[Review, ...]
