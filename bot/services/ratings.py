"""One-tap ratings under the menus.

A tap from a parent with several children rates the meal for every child of that parent (stored
per child). Children of one school eat the same canteen meal, and asking "which child?" would
turn a one-tap rating into two taps. A guided report, which describes one incident, asks which
child it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.services import flagging, menus, people
from bot.storage import ratings as store

PAST_DAYS = 14  # how far back a meal may be rated or reported


@dataclass(frozen=True)
class RatingTap:
    day: date
    meal: str
    score: int


class RateRefusal(StrEnum):
    FUTURE = "future"  # the meal has not been served yet
    NO_MEAL = "no-meal"  # not on the menu, or older than a report may be dated


async def check_tap(deps: Deps, tap: RatingTap) -> RateRefusal | None:
    """A button is checked with the rules of typed input: a meal on the menu, in the window."""
    today = menus.today(deps)
    if tap.day > today:
        return RateRefusal.FUTURE
    if tap.day < today - timedelta(days=PAST_DAYS):
        return RateRefusal.NO_MEAL
    if not any(d.meal == tap.meal for d in await menus.dishes_on(deps, tap.day)):
        return RateRefusal.NO_MEAL
    return None


@dataclass(frozen=True)
class RatingResult:
    previous: int | None
    children: int

    def offer_more(self, score: int) -> bool:
        """A low rating offers "tell us more", but not again when it was already low."""
        low = flagging.LOW_RATINGS
        return score in low and self.previous not in low


async def rate(deps: Deps, user_id: int, tap: RatingTap) -> RatingResult | RateRefusal:
    """Store the tap for every child of the parent, or say why it cannot be stored."""
    refusal = await check_tap(deps, tap)
    if refusal is not None:
        return refusal
    children = await people.children_of(deps, user_id)
    targets: list[tuple[int | None, int | None]] = [(c.id, c.class_id) for c in children] or [
        (None, None)
    ]
    previous = await store.save_ratings(
        deps.db, user_id, targets, tap.day, tap.meal, tap.score, deps.clock.now()
    )
    return RatingResult(previous, len(children))
