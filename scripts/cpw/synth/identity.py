"""Fake identifiers: child ids, UPNs, postcodes and Ofsted URNs.

All of them are made up and chosen to be recognisably fake while passing format checks:

* child ids are ``C`` + 6 digits;
* UPNs carry local-authority number ``000`` (no English LA has it) and a correct check letter;
* postcodes use the area ``CP``, which does not exist in the UK, unless the council borrows a
  real LA's postcodes (``cpw.synth.postcodes``: public centroids, not addresses);
* URNs are ``SC9`` + 5 digits from a small invented pool of providers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cpw.synth.fastrand import choice, randint
from cpw.synth.postcodes import PostcodeArea

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
FAKE_POSTCODE_AREA = "CP"


def child_ids(rng: random.Random, n: int, prefix: str = "C") -> list[str]:
    """Draw ``n`` distinct fake child ids.

    Args:
        rng: Random source.
        n: How many ids are needed (at most 900,000).
        prefix: Text that starts every id.

    Returns:
        Ids like ``C402117``, in random order.
    """
    return [f"{prefix}{number:06d}" for number in rng.sample(range(100000, 1000000), n)]


def social_worker_ids(rng: random.Random, n: int) -> tuple[str, ...]:
    """Draw ``n`` distinct fake Social Work England registration numbers.

    Real numbers are ``SW`` + digits; these use ``SW9`` + 6 digits from an invented range.

    Args:
        rng: Random source.
        n: How many workers the council has.

    Returns:
        Ids like ``SW9041233``.
    """
    return tuple(f"SW9{number:06d}" for number in rng.sample(range(1000000), n))


def upn(rng: random.Random, birth_year: int) -> str:
    """Return a fake but well-formed Unique Pupil Number.

    The check letter is computed as for real UPNs (weights 2..13 over the 12 digits, modulo 23),
    so the value passes format and check-letter validation, but the LA number ``000`` marks it
    as invented.

    Args:
        rng: Random source.
        birth_year: Used for the two-digit allocation year, as schools would.

    Returns:
        A 13-character UPN.
    """
    school = rng.randrange(1000, 10000)
    allocated = (birth_year + 5) % 100
    serial = rng.randrange(0, 1000)
    digits = f"000{school:04d}{allocated:02d}{serial:03d}"
    total = sum(int(d) * weight for d, weight in zip(digits, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23] + digits


def postcode(rng: random.Random, near: bool = True, area: PostcodeArea | None = None) -> str:
    """Return a made-up postcode in the non-existent ``CP`` area, or a real one from ``area``.

    Args:
        rng: Random source.
        near: Inside the council's area (``CP`` districts 1-12) or further away (13-29).
        area: Real postcode pools for a council that borrows a real LA code.

    Returns:
        A postcode such as ``CP7 3HX`` (or ``DE1 0AA`` from a real area).
    """
    if area is not None:
        return area.draw(rng, near)
    district = randint(rng, 1, 12) if near else randint(rng, 13, 29)
    letters = "".join(choice(rng, _INWARD_LETTERS) for _ in range(2))
    return f"{FAKE_POSTCODE_AREA}{district} {randint(rng, 0, 9)}{letters}"


def _urns(rng: random.Random, n: int) -> tuple[str, ...]:
    return tuple(f"SC9{number:05d}" for number in rng.sample(range(100000), n))


@dataclass(frozen=True)
class Providers:
    """The council's invented provider market: one URN pool per kind of setting."""

    la_fostering: str
    agency_fostering: tuple[str, ...]
    childrens_homes: tuple[str, ...]
    supported: tuple[str, ...]
    la_adoption: str
    voluntary_adoption: tuple[str, ...]
    short_breaks: str

    @classmethod
    def invent(cls, rng: random.Random) -> Providers:
        """Draw a provider market.

        Args:
            rng: Random source.

        Returns:
            Pools of distinct fake URNs.
        """
        urns = _urns(rng, 62)
        return cls(
            la_fostering=urns[0],
            agency_fostering=urns[1:11],
            childrens_homes=urns[11:46],
            supported=urns[46:56],
            la_adoption=urns[56],
            voluntary_adoption=urns[57:61],
            short_breaks=urns[61],
        )
