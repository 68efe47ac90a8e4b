from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.schoolday import (
    MAX_RANGE_DAYS,
    Calendar,
    DaySource,
    OfficialDay,
    OfficialKind,
    Override,
    RangeProblem,
    SchoolDay,
    Term,
    data_warning_due,
    is_school_day,
    last_known_day,
    next_school_day,
    overlapping,
    package_last_day,
    range_problem,
    reminder_day,
    school_day,
)

NO_OVERRIDES = Calendar()


def overrides(values: dict[dt.date, bool]) -> Calendar:
    return Calendar(overrides={d: Override(is_open) for d, is_open in values.items()})


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
    result = school_day(exam_day, overrides({exam_day: False}))
    assert not result.is_school_day
    assert result.source is DaySource.OVERRIDE


def test_override_opens_a_saturday() -> None:
    saturday = dt.date(2026, 3, 14)
    assert school_day(saturday, overrides({saturday: True})).source is DaySource.OVERRIDE
    assert is_school_day(saturday, overrides({saturday: True}))


def test_override_beats_holiday_and_makeup_day_but_keeps_holiday_name() -> None:
    national_day, makeup = dt.date(2026, 10, 1), dt.date(2026, 10, 10)
    calendar = overrides({national_day: True, makeup: False})
    opened = school_day(national_day, calendar)
    assert (opened.is_school_day, opened.source, opened.holiday_name) == (
        True,
        DaySource.OVERRIDE,
        "National Day",
    )
    assert not is_school_day(makeup, calendar)


def test_override_for_another_date_is_ignored() -> None:
    assert is_school_day(dt.date(2026, 3, 9), overrides({dt.date(2026, 3, 10): False}))


def test_datetime_is_treated_as_its_date() -> None:
    moment = dt.datetime(2026, 3, 9, 7, 30)
    result = school_day(moment, overrides({dt.date(2026, 3, 9): False}))
    assert result.date == dt.date(2026, 3, 9)
    assert result.source is DaySource.OVERRIDE


# The first year the installed chinese_calendar does not know: a newer release moves it, and
# these tests move with it instead of pinning today's package.
BEYOND = package_last_day().year + 1


def first_weekday(year: int, month: int, weekday: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(BEYOND, 10, 1),  # would be National Day, but there is no data
        first_weekday(BEYOND, 10, 5),  # a Saturday
        first_weekday(BEYOND + 3, 1, 0),  # a Monday
        first_weekday(BEYOND + 3, 1, 6),  # a Sunday
        dt.date(2003, 5, 1),  # before the package's data starts, a Thursday
    ],
)
def test_years_without_calendar_fall_back_to_weekdays(day: dt.date) -> None:
    result = school_day(day, NO_OVERRIDES)
    expected = day.weekday() < 5
    assert result == SchoolDay(day, expected, DaySource.NO_CALENDAR, None, calendar_known=False)


def test_override_in_year_without_calendar_still_reports_missing_calendar() -> None:
    day = dt.date(BEYOND, 10, 1)
    result = school_day(day, overrides({day: False}))
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
    calendar = overrides({dt.date(2026, 10, 8): False, dt.date(2026, 10, 4): True})
    assert next_school_day(dt.date(2026, 9, 30), calendar) == dt.date(2026, 10, 4)
    assert next_school_day(dt.date(2026, 10, 4), calendar) == dt.date(2026, 10, 9)


def test_next_school_day_gives_up_after_horizon() -> None:
    start = dt.date(2026, 7, 10)
    closed = overrides({start + dt.timedelta(days=i): False for i in range(1, 61)})
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
    result = school_day(day, overrides({day: value}))
    assert result.is_school_day is value
    assert result.source is DaySource.OVERRIDE


# ---- terms, the imported official list, and their precedence ----------------------------------------

AUTUMN = Term("秋季学期", dt.date(2026, 9, 1), dt.date(2027, 1, 22))
SPRING = Term("春季学期", dt.date(2027, 2, 22), dt.date(2027, 7, 2))
TERMS = (AUTUMN, SPRING)
# A list as a school would import it for the first year the package lacks.
MAKEUP_SATURDAY = first_weekday(BEYOND, 10, 5) + dt.timedelta(days=7)
LIST_BEYOND = {
    dt.date(BEYOND, 1, 1): OfficialDay(OfficialKind.OFF, "元旦"),
    dt.date(BEYOND, 10, 1): OfficialDay(OfficialKind.OFF, "国庆节"),
    MAKEUP_SATURDAY: OfficialDay(OfficialKind.WORKDAY, "国庆节"),
}


def test_inside_a_term_the_official_calendar_decides_and_the_term_is_named() -> None:
    calendar = Calendar(terms=TERMS)
    monday = school_day(dt.date(2026, 11, 30), calendar)
    assert (monday.is_school_day, monday.source, monday.term) == (
        True,
        DaySource.WEEKDAY,
        "秋季学期",
    )
    national_day = school_day(dt.date(2026, 10, 1), calendar)
    assert (national_day.is_school_day, national_day.source) == (False, DaySource.HOLIDAY)
    assert national_day.term == "秋季学期"


def test_outside_every_term_no_day_is_a_school_day() -> None:
    calendar = Calendar(terms=TERMS)
    for day in (dt.date(2026, 8, 31), dt.date(2027, 1, 25), dt.date(2027, 7, 5)):
        found = school_day(day, calendar)
        assert (found.is_school_day, found.source, found.term) == (False, DaySource.VACATION, None)
    # a make-up working day in a vacation is still vacation
    assert not is_school_day(dt.date(2026, 2, 14), Calendar(terms=(AUTUMN,)))


def test_an_override_beats_the_vacation() -> None:
    summer_class = dt.date(2027, 7, 12)
    calendar = Calendar(terms=TERMS, overrides={summer_class: Override(True, "暑期补课")})
    found = school_day(summer_class, calendar)
    assert (found.is_school_day, found.source, found.reason) == (
        True,
        DaySource.OVERRIDE,
        "暑期补课",
    )


def test_the_imported_list_fills_a_year_the_package_lacks() -> None:
    calendar = Calendar(official=LIST_BEYOND)
    new_year = school_day(dt.date(BEYOND, 1, 1), calendar)
    assert new_year == SchoolDay(dt.date(BEYOND, 1, 1), False, DaySource.HOLIDAY, "元旦")
    saturday = school_day(MAKEUP_SATURDAY, calendar)
    assert (saturday.is_school_day, saturday.source) == (True, DaySource.MAKEUP_WORKDAY)
    # a day the list does not mention, in a year it covers, is an ordinary known day
    plain = school_day(MAKEUP_SATURDAY + dt.timedelta(days=2), calendar)
    assert (plain.is_school_day, plain.source, plain.guessed) == (True, DaySource.WEEKDAY, False)
    # a year neither knows is still a guess
    assert school_day(first_weekday(BEYOND + 1, 3, 0), calendar).guessed


def test_the_imported_list_beats_the_package_and_the_vacation_beats_the_list() -> None:
    extra = dt.date(2026, 10, 9)  # an ordinary Friday per chinese_calendar
    listed = {extra: OfficialDay(OfficialKind.OFF, "校庆")}
    found = school_day(extra, Calendar(official=listed))
    assert (found.is_school_day, found.source, found.holiday_name) == (
        False,
        DaySource.HOLIDAY,
        "校庆",
    )
    outside = Calendar(terms=TERMS, official=LIST_BEYOND)  # a listed make-up day, in no term
    assert school_day(MAKEUP_SATURDAY, outside).source is DaySource.VACATION


def test_guessed_days_keep_their_term_and_say_so() -> None:
    spring = Term("春季学期", dt.date(BEYOND, 2, 20), dt.date(BEYOND, 7, 1))
    found = school_day(first_weekday(BEYOND, 3, 0), Calendar(terms=(spring,)))
    assert (found.is_school_day, found.guessed, found.term) == (True, True, "春季学期")


# ---- the missing-menu reminder's day --------------------------------------------------------------------


def test_reminder_on_a_term_friday_is_about_monday() -> None:
    assert reminder_day(dt.date(2026, 12, 4), Calendar(terms=TERMS)) == school_day(
        dt.date(2026, 12, 7), Calendar(terms=TERMS)
    )


def test_reminder_waits_across_a_vacation_until_the_last_weekday_before_term() -> None:
    calendar = Calendar(terms=(Term("秋季学期", dt.date(2026, 9, 7), dt.date(2027, 1, 22)),))
    assert reminder_day(dt.date(2026, 8, 20), calendar) is None
    assert reminder_day(dt.date(2026, 9, 3), calendar) is None  # Thursday: Friday is vacation
    found = reminder_day(dt.date(2026, 9, 4), calendar)  # Friday; the term starts Monday
    assert found is not None and found.date == dt.date(2026, 9, 7)
    assert reminder_day(dt.date(2026, 7, 20), Calendar(terms=(AUTUMN,))) is None  # beyond 30 days


def test_reminder_is_silent_when_the_next_school_day_is_a_guess() -> None:
    last = package_last_day()
    assert reminder_day(last, NO_OVERRIDES) is None
    found = reminder_day(last, Calendar(official=LIST_BEYOND))
    assert found is not None and not found.guessed
    assert found.date == next(
        d
        for d in (dt.date(BEYOND, 1, 2) + dt.timedelta(days=i) for i in range(7))
        if d.weekday() < 5
    )


# ---- ranges and terms ------------------------------------------------------------------------------------


def test_range_problems() -> None:
    day = dt.date(2027, 1, 18)
    assert range_problem(day, day) is None
    assert range_problem(day, day - dt.timedelta(days=1)) is RangeProblem.REVERSED
    assert range_problem(day, day + dt.timedelta(days=MAX_RANGE_DAYS - 1)) is None
    assert range_problem(day, day + dt.timedelta(days=MAX_RANGE_DAYS)) is RangeProblem.TOO_LONG


def test_overlapping_terms_share_a_day_and_a_term_never_overlaps_itself() -> None:
    touching = Term("寒假班", dt.date(2027, 1, 22), dt.date(2027, 2, 1))
    after = Term("寒假班", dt.date(2027, 1, 23), dt.date(2027, 2, 1))
    assert overlapping(touching, TERMS) == AUTUMN
    assert overlapping(after, TERMS) is None
    moved = Term("秋季学期", dt.date(2026, 8, 31), dt.date(2027, 1, 20))
    assert overlapping(moved, TERMS) is None


# ---- how far the holiday data reaches ------------------------------------------------------------------


def test_package_last_day_is_where_chinese_calendar_stops() -> None:
    last = package_last_day()
    assert chinese_calendar.get_holiday_detail(last) is not None
    with pytest.raises(NotImplementedError):
        chinese_calendar.get_holiday_detail(last + dt.timedelta(days=1))


def test_imported_years_extend_the_known_days_only_without_a_gap() -> None:
    end = dt.date(2026, 12, 31)
    assert last_known_day([], end) == end
    assert last_known_day([2026], end) == end
    assert last_known_day([2027, 2028], end) == dt.date(2028, 12, 31)
    assert last_known_day([2028], end) == end


def test_data_warning_from_30_days_before_once_a_week() -> None:
    end = dt.date(2026, 12, 31)
    first = end - dt.timedelta(days=30)
    assert not data_warning_due(first - dt.timedelta(days=1), end, None)
    assert data_warning_due(first, end, None)
    assert not data_warning_due(first + dt.timedelta(days=6), end, first)
    assert data_warning_due(first + dt.timedelta(days=7), end, first)
    assert data_warning_due(end + dt.timedelta(days=40), end, end + dt.timedelta(days=30))


# ---- the precedence, for any calendar ----------------------------------------------------------------------

_days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31))


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    firsts = draw(st.lists(_days, max_size=3))
    terms: list[Term] = []
    for index, first in enumerate(sorted(firsts)):
        term = Term(f"t{index}", first, first + dt.timedelta(days=draw(st.integers(0, 200))))
        if overlapping(term, terms) is None:
            terms.append(term)
    official = draw(
        st.dictionaries(
            _days, st.builds(OfficialDay, st.sampled_from(OfficialKind), st.text(max_size=3))
        )
    )
    chosen = draw(st.dictionaries(_days, st.builds(Override, st.booleans())))
    return Calendar(overrides=chosen, terms=tuple(terms), official=official)


@given(_days, calendars())
def test_precedence_holds_for_any_calendar(day: dt.date, calendar: Calendar) -> None:
    found = school_day(day, calendar)
    in_term = [t.name for t in calendar.terms if day in t]
    assert found.term == (in_term[0] if in_term else None)
    if day in calendar.overrides:
        assert found.is_school_day is calendar.overrides[day].is_open
        assert found.source is DaySource.OVERRIDE
    elif calendar.terms and not in_term:
        assert (found.is_school_day, found.source) == (False, DaySource.VACATION)
    elif day in calendar.official:
        assert found.is_school_day is (calendar.official[day].kind is OfficialKind.WORKDAY)
    elif day.year <= package_last_day().year or day.year in calendar.official_years:
        assert not found.guessed
        if day.year <= package_last_day().year:
            assert found.is_school_day is chinese_calendar.is_workday(day)
    else:
        assert found.guessed and found.is_school_day is (day.weekday() < 5)
    assert found.calendar_known is (
        day in calendar.official
        or day.year in calendar.official_years
        or day.year <= package_last_day().year
    )
