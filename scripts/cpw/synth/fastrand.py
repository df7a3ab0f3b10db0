"""``randint`` and ``choice`` giving exactly what ``random.Random`` gives, without its overhead.

``Random.randint(a, b)`` goes through ``randrange`` and ``_randbelow``; for the millions of
draws of a national run those layers cost more than the draws. These functions make the same
``getrandbits`` calls (CPython 3.11's ``_randbelow_with_getrandbits``), so a seed gives the same
council either way.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def below(rng: random.Random, n: int) -> int:
    """A random integer in ``[0, n)``, as ``rng._randbelow(n)``."""
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return r


def randint(rng: random.Random, a: int, b: int) -> int:
    """The same value as ``rng.randint(a, b)``."""
    return a + below(rng, b - a + 1)


def choice(rng: random.Random, seq: Sequence[T]) -> T:
    """The same value as ``rng.choice(seq)``."""
    return seq[below(rng, len(seq))]
