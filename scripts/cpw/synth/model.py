"""The simulated world: children, their placements, episodes and reviews.

Everything here is immutable and holds a child's *whole* history, including the parts after the
last collection year; the writers decide what each year's return is allowed to show.
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
    """One statutory review, how the child took part, and when it was due (reg 33)."""

    held: date
    code: str
    due: date | None = None


@dataclass(frozen=True)
class Missing:
    """A missing (``M``) or away (``A``) episode, always inside one placement episode."""

    kind: str
    start: date
    end: date


@dataclass(frozen=True)
class SocialWorker:
    """One social worker's allocation to the child; ``reason`` says why it began."""

    sw_id: str
    start: date
    end: date
    reason: str


@dataclass(frozen=True)
class AdoptionDecision:
    """An agency decision that the child should be placed for adoption, and what followed.

    ``ceased`` and ``ceased_reason`` are set when the decision was reversed; ``matched`` and
    the adopter fields when the child was adopted.
    """

    decided: date
    ceased: date | None = None
    ceased_reason: str = ""
    matched: date | None = None
    adopters: int = 0
    adopter_sex: str = ""
    adopter_status: str = ""
    period_end: date | None = None


@dataclass(frozen=True)
class PreviousPermanence:
    """PrevPerm for one period of care, keyed by the period's start."""

    start: date
    option: str
    la: str
    order_date: str


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
    uasc_until: date | None = None
    missing: tuple[Missing, ...] = ()
    social_workers: tuple[SocialWorker, ...] = ()
    adoption: tuple[AdoptionDecision, ...] = ()
    prev_perm: tuple[PreviousPermanence, ...] = ()
    dolo: tuple[tuple[date, date], ...] = ()
