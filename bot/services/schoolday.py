"""Which dates are school days: the daily menu is pushed, and a missing menu reminded, only then.

Precedence, first match wins:
1. an administrator's override for that date (closed for an exam, open on a Saturday);
2. outside every term, once any term is set: the vacation (no term at all keeps the old rules,
   so a school that never sets terms behaves as before);
3. the school's imported official holiday list (假日 off, 调休 make-up working day): it fills the
   years the package below does not know yet, and corrects it where they disagree;
4. mainland China's official calendar from the ``chinese_calendar`` package: public holidays
   (including the in-lieu days around them) are off, make-up working days (调休) are on;
5. plain Monday–Friday when neither knows the year (the package raises ``NotImplementedError``
   beyond its data). That guess is reported as ``DaySource.NO_CALENDAR`` / ``calendar_known``
   rather than an exception, so the daily job keeps running, stays quiet on such days and can
   warn administrators before the data runs out.

Pure functions: no clock, no I/O; the calendar's data is passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

import chinese_calendar

__all__ = [
    "MAX_RANGE_DAYS",
    "MAX_TERM_NAME_CHARS",
    "Calendar",
    "DaySource",
    "OfficialDay",
    "OfficialKind",
    "Override",
    "RangeProblem",
    "SchoolDay",
    "Term",
    "data_warning_due",
    "is_school_day",
    "last_known_day",
    "next_school_day",
    "overlapping",
    "package_last_day",
    "range_problem",
    "reminder_day",
    "school_day",
]

# The longest term or closed range accepted at once: a year, so a typo in a year is caught.
MAX_RANGE_DAYS = 366
MAX_TERM_NAME_CHARS = 30  # a term's name is typed again in `/term delete NAME`
# The "holiday data runs out" warning starts this long before the last known day, and repeats.
WARN_BEFORE = dt.timedelta(days=30)
WARN_EVERY = dt.timedelta(days=7)


class DaySource(StrEnum):
    """The rule that decided a date."""

    OVERRIDE = "override"  # an administrator's explicit decision
    VACATION = "vacation"  # outside every term
    HOLIDAY = "holiday"  # public holiday or in-lieu rest day (imported list or chinese_calendar)
    MAKEUP_WORKDAY = "makeup"  # a weekend day worked to make up for a holiday (调休)
    WEEKDAY = "weekday"  # ordinary Monday–Friday of a known year
    WEEKEND = "weekend"  # ordinary Saturday/Sunday of a known year
    NO_CALENDAR = "no-calendar"  # year without holiday data: plain Monday–Friday guess


class OfficialKind(StrEnum):
    """An entry of the imported official holiday list."""

    OFF = "off"  # 假日: a public holiday or in-lieu rest day
    WORKDAY = "workday"  # 调休: a weekend day worked instead


@dataclass(frozen=True)
class Override:
    is_open: bool
    reason: str = ""


@dataclass(frozen=True)
class Term:
    name: str
    first_day: dt.date
    last_day: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class OfficialDay:
    kind: OfficialKind
    name: str = ""


@dataclass(frozen=True)
class Calendar:
    """Everything the school told us: overrides, terms, its imported official holiday list."""

    overrides: Mapping[dt.date, Override] = field(default_factory=dict)
    terms: Sequence[Term] = ()
    official: Mapping[dt.date, OfficialDay] = field(default_factory=dict)
    # An official list is published per year: a year with any entry is known in full.
    official_years: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "official_years", frozenset(d.year for d in self.official))


@dataclass(frozen=True)
class SchoolDay:
    date: dt.date
    is_school_day: bool
    source: DaySource
    # The holiday's name, e.g. "National Day", on holidays and on make-up days (the holiday being
    # made up for); kept under an override and in a vacation too, for display.
    holiday_name: str | None
    # False when no holiday data covers the year. Unlike ``source`` this survives an override or
    # a vacation, so callers can still warn that the surrounding days are only a guess.
    calendar_known: bool = True
    term: str | None = None  # the term the date falls in
    reason: str | None = None  # the override's reason, when an override decided

    @property
    def guessed(self) -> bool:
        """Decided by the Monday–Friday guess: nobody knows whether school is open that day."""
        return self.source is DaySource.NO_CALENDAR


def _package(d: dt.date) -> tuple[bool, str | None] | None:
    """(is a working day, holiday name) from chinese_calendar; None if it has no data."""
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return None
    return not on_holiday, None if name is None else str(name)


def _official(d: dt.date, calendar: Calendar) -> tuple[bool, str | None] | None:
    """(is a working day, holiday name) from the imported list, then the package; None when
    neither knows the year."""
    entry = calendar.official.get(d)
    if entry is not None:
        return entry.kind is OfficialKind.WORKDAY, entry.name or None
    found = _package(d)
    if found is None and d.year in calendar.official_years:
        return d.weekday() < 5, None
    return found


def school_day(d: dt.date, calendar: Calendar) -> SchoolDay:
    """Whether ``d`` is a school day, and why."""
    if isinstance(d, dt.datetime):
        # datetime is a date subclass but never equal to one: it would miss every override.
        d = d.date()
    weekend = d.weekday() >= 5
    official = _official(d, calendar)
    if official is None:
        is_open, source, name = not weekend, DaySource.NO_CALENDAR, None
    else:
        is_open, name = official
        if not is_open and (name is not None or not weekend):
            source = DaySource.HOLIDAY
        elif is_open and weekend:
            source = DaySource.MAKEUP_WORKDAY
        else:
            source = DaySource.WEEKEND if weekend else DaySource.WEEKDAY
    term = next((t.name for t in calendar.terms if d in t), None)
    if calendar.terms and term is None:
        is_open, source = False, DaySource.VACATION
    override = calendar.overrides.get(d)
    reason = None
    if override is not None:
        is_open, source, reason = override.is_open, DaySource.OVERRIDE, override.reason
    return SchoolDay(
        d, is_open, source, name, calendar_known=official is not None, term=term, reason=reason
    )


def is_school_day(d: dt.date, calendar: Calendar) -> bool:
    return school_day(d, calendar).is_school_day


def next_school_day(after: dt.date, calendar: Calendar, horizon_days: int = 30) -> dt.date | None:
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
        if is_school_day(candidate, calendar):
            return candidate
    return None


def reminder_day(today: dt.date, calendar: Calendar, horizon_days: int = 30) -> SchoolDay | None:
    """The school day a missing-menu reminder sent on ``today`` is about, or None for silence.

    Silent when nobody knows whether that day is a school day (a guess), and across a vacation:
    while a weekday outside every term lies before the next school day, the reminder waits (the
    last afternoon before term, weekends aside, is when it is useful, not a month ahead).
    """
    upcoming = next_school_day(today, calendar, horizon_days)
    if upcoming is None:
        return None
    found = school_day(upcoming, calendar)
    if found.guessed:
        return None
    for offset in range(1, (upcoming - today).days):
        between = today + dt.timedelta(days=offset)
        if between.weekday() < 5 and school_day(between, calendar).source is DaySource.VACATION:
            return None
    return found


class RangeProblem(StrEnum):
    REVERSED = "reversed"  # ends before it starts
    TOO_LONG = "too-long"  # more than MAX_RANGE_DAYS days


def range_problem(first: dt.date, last: dt.date) -> RangeProblem | None:
    if last < first:
        return RangeProblem.REVERSED
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        return RangeProblem.TOO_LONG
    return None


def overlapping(term: Term, terms: Iterable[Term]) -> Term | None:
    """Another term (by name) sharing a day with ``term``: a day belongs to one term only."""
    return next(
        (
            other
            for other in terms
            if other.name != term.name
            and other.first_day <= term.last_day
            and term.first_day <= other.last_day
        ),
        None,
    )


# ---- how far the holiday data reaches ------------------------------------------------------------


@cache
def package_last_day() -> dt.date:
    """The last day the installed chinese_calendar knows (it publishes whole years)."""
    for year in range(2100, 1999, -1):  # the package's own limits
        if _package(dt.date(year, 12, 31)) is not None:
            return dt.date(year, 12, 31)
    raise RuntimeError("the chinese_calendar package has no data at all")


def last_known_day(official_years: Iterable[int], package_last: dt.date) -> dt.date:
    """The end of the known run of days: the package's last year, extended by imported years
    that follow it without a gap (a later year after a gap leaves the gap guessed)."""
    years = set(official_years)
    year = package_last.year
    while year + 1 in years:
        year += 1
    return max(package_last, dt.date(year, 12, 31))


def data_warning_due(today: dt.date, last_known: dt.date, last_warned: dt.date | None) -> bool:
    """Warn from WARN_BEFORE ahead of the last known day (and after it), once per WARN_EVERY."""
    if today < last_known - WARN_BEFORE:
        return False
    return last_warned is None or today - last_warned >= WARN_EVERY
