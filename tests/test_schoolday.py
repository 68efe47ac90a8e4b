from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.schoolday import (
    DaySource,
    SchoolDay,
    is_school_day,
    next_school_day,
    school_day,
)

NO_OVERRIDES: dict[dt.date, bool] = {}


@pytest.mark.parametrize(
    ("day", "expected", "source", "holiday_name"),
    [
        # National Day, a Thursday
        (dt.date(2026, 10, 1), False, DaySource.HOLIDAY, "National Day"),
        # a Saturday inside the National Day break is reported as the holiday, not a weekend
        (dt.date(2026, 10, 3), False, DaySource.HOLIDAY, "National Day"),
        # in-lieu rest day on a Wednesday
        (dt.date(2026, 10, 7), False, DaySource.HOLIDAY, "National Day"),
        # make-up working days (调休): a Sunday and a Saturday
        (dt.date(2026, 9, 20), True, DaySource.MAKEUP_WORKDAY, "National Day"),
        (dt.date(2026, 10, 10), True, DaySource.MAKEUP_WORKDAY, "National Day"),
        (dt.date(2026, 2, 14), True, DaySource.MAKEUP_WORKDAY, "Spring Festival"),
        # ordinary days
        (dt.date(2026, 3, 9), True, DaySource.WEEKDAY, None),  # Monday
        (dt.date(2026, 3, 13), True, DaySource.WEEKDAY, None),  # Friday
        (dt.date(2026, 3, 14), False, DaySource.WEEKEND, None),  # Saturday
        (dt.date(2026, 3, 15), False, DaySource.WEEKEND, None),  # Sunday
    ],
)
def test_official_calendar(
    day: dt.date, expected: bool, source: DaySource, holiday_name: str | None
) -> None:
    result = school_day(day, NO_OVERRIDES)
    assert result == SchoolDay(day, expected, source, holiday_name, calendar_known=True)
    assert is_school_day(day, NO_OVERRIDES) is expected


def test_override_closes_a_school_day() -> None:
    exam_day = dt.date(2026, 3, 9)  # a Monday
    result = school_day(exam_day, {exam_day: False})
    assert not result.is_school_day
    assert result.source is DaySource.OVERRIDE


def test_override_opens_a_saturday() -> None:
    saturday = dt.date(2026, 3, 14)
    assert school_day(saturday, {saturday: True}).source is DaySource.OVERRIDE
    assert is_school_day(saturday, {saturday: True})


def test_override_beats_holiday_and_makeup_day_but_keeps_holiday_name() -> None:
    national_day, makeup = dt.date(2026, 10, 1), dt.date(2026, 10, 10)
    overrides = {national_day: True, makeup: False}
    opened = school_day(national_day, overrides)
    assert (opened.is_school_day, opened.source, opened.holiday_name) == (
        True,
        DaySource.OVERRIDE,
        "National Day",
    )
    assert not is_school_day(makeup, overrides)


def test_override_for_another_date_is_ignored() -> None:
    assert is_school_day(dt.date(2026, 3, 9), {dt.date(2026, 3, 10): False})


def test_datetime_is_treated_as_its_date() -> None:
    moment = dt.datetime(2026, 3, 9, 7, 30)
    result = school_day(moment, {dt.date(2026, 3, 9): False})
    assert result.date == dt.date(2026, 3, 9)
    assert result.source is DaySource.OVERRIDE


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2027, 10, 1), True),  # a Friday; would be National Day, but there is no data
        (dt.date(2027, 10, 2), False),  # Saturday
        (dt.date(2030, 1, 7), True),  # Monday
        (dt.date(2030, 1, 6), False),  # Sunday
        (dt.date(2003, 5, 1), True),  # before the package's data starts, a Thursday
    ],
)
def test_years_without_calendar_fall_back_to_weekdays(day: dt.date, expected: bool) -> None:
    result = school_day(day, NO_OVERRIDES)
    assert result == SchoolDay(day, expected, DaySource.NO_CALENDAR, None, calendar_known=False)


def test_override_in_year_without_calendar_still_reports_missing_calendar() -> None:
    day = dt.date(2027, 10, 1)
    result = school_day(day, {day: False})
    assert (result.is_school_day, result.source, result.calendar_known) == (
        False,
        DaySource.OVERRIDE,
        False,
    )


def test_next_school_day_skips_national_day_week() -> None:
    # 9/30 is the last school day before the break; 10/1–10/7 are off; 10/8 is a Thursday.
    assert next_school_day(dt.date(2026, 9, 30), NO_OVERRIDES) == dt.date(2026, 10, 8)


def test_next_school_day_is_strictly_after_and_finds_makeup_saturday() -> None:
    assert next_school_day(dt.date(2026, 10, 8), NO_OVERRIDES) == dt.date(2026, 10, 9)
    assert next_school_day(dt.date(2026, 10, 9), NO_OVERRIDES) == dt.date(2026, 10, 10)
    # 10/11 is an ordinary Sunday
    assert next_school_day(dt.date(2026, 10, 10), NO_OVERRIDES) == dt.date(2026, 10, 12)


def test_next_school_day_respects_overrides() -> None:
    overrides = {dt.date(2026, 10, 8): False, dt.date(2026, 10, 4): True}
    assert next_school_day(dt.date(2026, 9, 30), overrides) == dt.date(2026, 10, 4)
    assert next_school_day(dt.date(2026, 10, 4), overrides) == dt.date(2026, 10, 9)


def test_next_school_day_gives_up_after_horizon() -> None:
    start = dt.date(2026, 7, 10)
    closed = {start + dt.timedelta(days=i): False for i in range(1, 61)}
    assert next_school_day(start, closed) is None
    assert next_school_day(start, closed, horizon_days=61) == start + dt.timedelta(days=61)
    assert next_school_day(dt.date(2026, 9, 30), NO_OVERRIDES, horizon_days=7) is None
    assert next_school_day(dt.date(2026, 9, 30), NO_OVERRIDES, horizon_days=8) == dt.date(
        2026, 10, 8
    )
    assert next_school_day(start, NO_OVERRIDES, horizon_days=0) is None
    with pytest.raises(ValueError):
        next_school_day(start, NO_OVERRIDES, horizon_days=-1)


def test_next_school_day_near_date_max_does_not_overflow() -> None:
    # date.max (9999-12-31) is a Friday
    assert next_school_day(dt.date.max - dt.timedelta(days=1), NO_OVERRIDES) == dt.date.max
    assert next_school_day(dt.date.max, NO_OVERRIDES) is None


@given(st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_agrees_with_chinese_calendar_without_overrides(day: dt.date) -> None:
    assert is_school_day(day, NO_OVERRIDES) is chinese_calendar.is_workday(day)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.booleans(),
)
def test_override_always_wins(day: dt.date, value: bool) -> None:
    result = school_day(day, {day: value})
    assert result.is_school_day is value
    assert result.source is DaySource.OVERRIDE
