"""Turning a planned period of care into contiguous 903 episodes.

A period is built as a set of dated changes (legal status, placement, same-carer re-designation)
between its start and end; every change day closes one episode with REC ``X1`` and opens the
next with the RNE that describes what changed. Temporary placements (T3/T4) are then cut into
foster episodes, with the child returning to the same carer afterwards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from cpw.synth import codes
from cpw.synth.dates import add_years, age_in_years
from cpw.synth.fastrand import randint
from cpw.synth.model import Episode, Placement
from cpw.synth.placements import LONG_TERM, PlacementMaker
from cpw.synth.plans import Plan

TEMP_SHARE = 0.07
_MEAN_STAY = {"under10": 2600.0, "10-15": 1700.0, "16+": 450.0}


@dataclass(frozen=True)
class Context:
    """What is fixed for the whole period: the child and the period's codes."""

    dob: date
    cin: str
    home_post: str


def _stay(rng: random.Random, age: int, first: bool, place: str) -> timedelta:
    """Days until the next placement move: emergency placements are short, others long."""
    if first and rng.random() < 0.45:
        return timedelta(days=randint(rng, 2, 45))
    if rng.random() < 0.13:
        return timedelta(days=randint(rng, 10, 120))
    mean = _MEAN_STAY["under10" if age < 10 else "10-15" if age < 16 else "16+"]
    if place == "K2":
        mean *= 0.8
    return timedelta(days=max(1, int(rng.expovariate(1.0 / mean))))


def _moves(
    rng: random.Random, maker: PlacementMaker, plan: Plan, ctx: Context, allow_parents: bool
) -> list[tuple[date, Placement]]:
    """Draw the sequence of placements (with their start dates) for the period."""
    limit = plan.adoptive_from or plan.end
    foster_only = plan.route == "adopt"
    day = plan.start
    current = maker.draw(
        day, age_in_years(ctx.dob, day), allow_parents=allow_parents, foster_only=foster_only
    )
    moves = [(day, current)]
    while True:
        day = day + _stay(rng, age_in_years(ctx.dob, day), len(moves) == 1, current.place)
        if day >= limit - timedelta(days=1):
            break
        current = maker.draw(
            day, age_in_years(ctx.dob, day), allow_parents=allow_parents, foster_only=foster_only
        )
        moves.append((day, current))
    return moves


def _final_move(
    moves: list[tuple[date, Placement]],
    day: date,
    placement: Placement,
) -> list[tuple[date, Placement]]:
    """Place the child in ``placement`` from ``day``, replacing anything planned after it."""
    kept = [(start, p) for start, p in moves if start < day - timedelta(days=14)]
    if not kept:
        return [(moves[0][0], placement)]
    return [*kept, (day, placement)]


def _shape_ending(
    rng: random.Random,
    maker: PlacementMaker,
    plan: Plan,
    ctx: Context,
    moves: list[tuple[date, Placement]],
    allow_parents: bool,
) -> list[tuple[date, Placement]]:
    """Make the last placement fit the way care ends (adoption, SGO, home, leaving at 18)."""
    end = plan.end
    if plan.route == "adopt" and plan.adoptive_from is not None:
        return [*moves, (plan.adoptive_from, maker.make(plan.adoptive_place, plan.adoptive_from))]
    last = moves[-1][1].place
    if plan.exit_code in ("E45", "E46"):
        wanted = codes.KINSHIP if plan.exit_code == "E45" else codes.FOSTER - codes.KINSHIP
        if last not in wanted:
            day = end - timedelta(days=randint(rng, 120, 420))
            kind = "U3" if plan.exit_code == "E45" else "U6"
            return _final_move(moves, max(day, plan.start), maker.make(kind, day))
    if plan.route == "home" and allow_parents and rng.random() < 0.3:
        day = end - timedelta(days=randint(rng, 40, 180))
        if day > plan.start:
            return _final_move(moves, day, maker.make("P1", day))
    if plan.route == "age18" and rng.random() < 0.45:
        day = add_years(ctx.dob, 16) + timedelta(days=randint(rng, 150, 500))
        if plan.start < day < end - timedelta(days=30) and last not in ("H5", "K3"):
            return _final_move(moves, day, maker.make("SA", day))
    return moves


def _events(
    rng: random.Random, maker: PlacementMaker, plan: Plan, moves: list[tuple[date, Placement]]
) -> dict[date, tuple[str, Placement | None]]:
    """Collect dated changes: ``(new LS or '', new placement or None)``."""
    events: dict[date, tuple[str, Placement | None]] = {}
    bounds = [day for day, _ in moves[1:]] + [plan.end]
    for (day, placement), until in zip(moves, bounds, strict=True):
        if day > plan.start:
            events[day] = ("", placement)
        length = (until - day).days
        if (
            placement.place in LONG_TERM
            and plan.route in ("age18", "sgo", "cao")
            and length > 300
            and rng.random() < 0.5
        ):
            when = day + timedelta(days=randint(rng, 180, min(length - 30, 600)))
            events[when] = ("", maker.long_term(placement))
    move_days = [day for day, _ in moves[1:]]
    for day, ls in plan.legal[1:]:
        if ls != "E1" and move_days and rng.random() < 0.5:
            # a legal change on the same day as a move makes an RNE B episode
            nearest = min(move_days, key=lambda move: abs((move - day).days))
            if abs((nearest - day).days) <= 45:
                day = nearest
        _, moved_to = events.get(day, ("", None))
        events[day] = (ls, moved_to)
    return events


def _reason(rng: random.Random, same_carer: bool, new_place: str) -> str:
    if same_carer:
        return "PLACE"
    if new_place in ("A4", "A6", "P1"):
        return "CARPL"
    return codes.pick(rng, codes.PLACE_CHANGE_REASON)


def _compile(
    rng: random.Random,
    plan: Plan,
    ctx: Context,
    first: Placement,
    events: dict[date, tuple[str, Placement | None]],
) -> list[Episode]:
    ls, placement = plan.legal[0][1], first
    start, rne = plan.start, "S"
    episodes: list[Episode] = []
    for day in sorted(d for d in events if plan.start < d < plan.end):
        new_ls, new_placement = events[day]
        new_ls = new_ls or ls
        new_placement = new_placement or placement
        legal, moved = new_ls != ls, new_placement != placement
        if not (legal or moved):
            continue
        same = new_placement.carer == placement.carer
        reason = _reason(rng, same, new_placement.place) if moved else ""
        episodes.append(_episode(ctx, start, day, rne, ls, placement, "X1", reason))
        if moved:
            rne = ("U" if same else "B") if legal else ("T" if same else "P")
        else:
            rne = "L"
        start, ls, placement = day, new_ls, new_placement
    episodes.append(_episode(ctx, start, plan.end, rne, ls, placement, plan.exit_code, ""))
    return episodes


def _episode(
    ctx: Context,
    start: date,
    end: date,
    rne: str,
    ls: str,
    placement: Placement,
    rec: str,
    reason: str,
) -> Episode:
    return Episode(
        start,
        end,
        rne,
        ls,
        ctx.cin,
        placement.place,
        placement.provider,
        placement.urn,
        rec,
        reason,
        ctx.home_post,
        placement.postcode,
    )


def _with_temporary(
    rng: random.Random,
    maker: PlacementMaker,
    episode: Episode,
) -> list[Episode]:
    """Cut a T3/T4 stay into a foster episode; the child then returns to the same carer."""
    span = (episode.dec - episode.decom).days
    nights = randint(rng, 7, 21) if rng.random() < 0.55 else randint(rng, 1, 7)
    kind = "T3" if nights > 7 else "T4"
    if span < nights + 25:
        return [episode]
    away = episode.decom + timedelta(days=randint(rng, 10, span - nights - 10))
    back = away + timedelta(days=nights)
    temp = maker.make(kind, away)
    before = replace(episode, dec=away, rec="X1", reason="")
    during = replace(
        episode,
        decom=away,
        dec=back,
        rne="P",
        place=temp.place,
        provider="",
        urn="",
        rec="X1",
        reason="",
        pl_post=temp.postcode,
    )
    after = replace(episode, decom=back, rne="P")
    return [before, during, after]


def build_period(
    rng: random.Random,
    maker: PlacementMaker,
    plan: Plan,
    ctx: Context,
) -> list[Episode]:
    """Simulate the episodes of one period of care.

    Args:
        rng: Random source for this child.
        maker: The child's placement maker (keeps carer numbering across periods).
        plan: How the period runs and ends.
        ctx: Date of birth, category of need and home postcode.

    Returns:
        Contiguous episodes from ``plan.start`` to ``plan.end``; the last has a leaving REC.
    """
    allow_parents = plan.legal[0][1] in ("C1", "C2") and plan.route != "adopt"
    moves = _moves(rng, maker, plan, ctx, allow_parents)
    moves = _shape_ending(rng, maker, plan, ctx, moves, allow_parents)
    episodes = _compile(rng, plan, ctx, moves[0][1], _events(rng, maker, plan, moves))
    last = episodes[-1]
    if not last.rec:
        fostered = last.place in codes.FOSTER and last.dec == add_years(ctx.dob, 18)
        table = codes.LEAVE_AT_18_FOSTERED if fostered else codes.LEAVE_AT_18_OTHER
        episodes[-1] = replace(last, rec=codes.pick(rng, table))
    result: list[Episode] = []
    for episode in episodes:
        if episode.place in codes.FOSTER and rng.random() < TEMP_SHARE:
            result.extend(_with_temporary(rng, maker, episode))
        else:
            result.append(episode)
    return result
