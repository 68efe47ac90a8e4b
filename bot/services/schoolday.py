"""Which dates are school days: the daily menu is pushed only on those.

Precedence, first match wins:
1. an administrator's override for that date (closed for an exam, open on a Saturday);
2. mainland China's official calendar from the ``chinese_calendar`` package: public holidays
   (including the in-lieu days around them) are off, make-up working days (调休) are on;
3. plain Monday–Friday, when the package has no data for the year (it covers one year ahead at
   best and raises ``NotImplementedError`` beyond). That guess is reported through
   ``SchoolDay.calendar_known`` / ``DaySource.NO_CALENDAR`` rather than an exception, so the
   daily job keeps running and can remind an administrator to update the package or add
   overrides.

Pure functions: no clock, no I/O; overrides are passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import chinese_calendar

__all__ = ["DaySource", "SchoolDay", "is_school_day", "next_school_day", "school_day"]


class DaySource(StrEnum):
    """The rule that decided a date."""

    OVERRIDE = "override"  # an administrator's explicit decision
    HOLIDAY = "holiday"  # public holiday or in-lieu rest day, per chinese_calendar
    MAKEUP_WORKDAY = "makeup"  # a weekend day worked to make up for a holiday (调休)
    WEEKDAY = "weekday"  # ordinary Monday–Friday, per chinese_calendar
    WEEKEND = "weekend"  # ordinary Saturday/Sunday, per chinese_calendar
    NO_CALENDAR = "no-calendar"  # year without calendar data: plain Monday–Friday guess


@dataclass(frozen=True)
class SchoolDay:
    date: dt.date
    is_school_day: bool
    source: DaySource
    # chinese_calendar's holiday name, e.g. "National Day", on holidays and on make-up days
    # (the holiday being made up for); kept under an override too, for display.
    holiday_name: str | None
    # False when the year is outside chinese_calendar's data. Unlike ``source`` this survives
    # an override, so callers can still warn that the surrounding days are only a guess.
    calendar_known: bool = True


def _official(d: dt.date) -> tuple[bool, str | None] | None:
    """(is a working day, holiday name) from chinese_calendar; None if it has no data."""
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return None
    return not on_holiday, None if name is None else str(name)


def school_day(d: dt.date, overrides: Mapping[dt.date, bool]) -> SchoolDay:
    """Whether ``d`` is a school day, and why."""
    if isinstance(d, dt.datetime):
        # datetime is a date subclass but never equal to one: it would miss every override.
        d = d.date()
    weekend = d.weekday() >= 5
    official = _official(d)
    if official is None:
        is_open, source, name = not weekend, DaySource.NO_CALENDAR, None
    else:
        is_open, name = official
        if not is_open and name is not None:
            source = DaySource.HOLIDAY
        elif is_open and weekend:
            source = DaySource.MAKEUP_WORKDAY
        else:
            source = DaySource.WEEKEND if weekend else DaySource.WEEKDAY
    if d in overrides:
        is_open, source = bool(overrides[d]), DaySource.OVERRIDE
    return SchoolDay(d, is_open, source, name, calendar_known=official is not None)


def is_school_day(d: dt.date, overrides: Mapping[dt.date, bool]) -> bool:
    return school_day(d, overrides).is_school_day


def next_school_day(
    after: dt.date, overrides: Mapping[dt.date, bool], horizon_days: int = 30
) -> dt.date | None:
    """The first school day strictly after ``after``, looking at most ``horizon_days`` ahead.

    None when there is none in that window (summer holidays, a long closure): the caller
    decides what to say rather than this scanning indefinitely.
    """
    if horizon_days < 0:
        raise ValueError(f"horizon_days must be >= 0, got {horizon_days}")
    if isinstance(after, dt.datetime):
        after = after.date()
    for offset in range(1, horizon_days + 1):
        try:
            candidate = after + dt.timedelta(days=offset)
        except OverflowError:  # past date.max: nothing further to find
            return None
        if is_school_day(candidate, overrides):
            return candidate
    return None
