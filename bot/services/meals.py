"""When the school's meals are: the served meals and the moment each starts (MEAL_TIMES)."""

from __future__ import annotations

from datetime import date, datetime

from bot.config import Settings


def served(settings: Settings) -> tuple[str, ...]:
    """The MEALS keys the school serves, in the order of the day."""
    return tuple(settings.meal_times)


def starts_at(settings: Settings, day: date, meal: str) -> datetime:
    """The start of `meal` on `day`, aware, in the school's time zone. Raises KeyError for a meal
    the school does not serve."""
    return datetime.combine(day, settings.meal_times[meal], tzinfo=settings.tz)
