"""Dates as administrators type them: unit cases and properties, relative to a given today."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.services.date_phrases import DayOrder, DayState, parse_day, parse_order, parse_span
from tests.conftest import MONDAY

WEEKDAYS = "一二三四五六日"


def test_the_forms_a_chinese_administrator_types() -> None:
    today = MONDAY  # 2026-11-30, a Monday
    assert parse_day("12月4日", today) == date(2026, 12, 4)
    assert parse_day("12月4号", today) == date(2026, 12, 4)
    assert parse_day("12/4", today) == date(2026, 12, 4)
    assert parse_day("１２／４", today) == date(2026, 12, 4)  # full-width, as some keyboards type
    assert parse_day("明天", today) == date(2026, 12, 1)
    assert parse_day("后天", today) == date(2026, 12, 2)
    assert parse_day("下周一", today) == date(2026, 12, 7)
    assert parse_day("下星期五", today) == date(2026, 12, 11)
    assert parse_day("周五", today) == date(2026, 12, 4)
    assert parse_day("本周一", today) == today
    assert parse_day("2026-12-04", today) == date(2026, 12, 4)
    assert parse_day("2026年12月4日", today) == date(2026, 12, 4)
    assert parse_day("1/5", today) == date(2027, 1, 5)  # next January, not last
    assert parse_day("2月30日", today) is None
    assert parse_day("13/1", today) is None
    assert parse_day("运动会", today) is None


def test_orders_with_a_state_and_a_reason() -> None:
    today = MONDAY
    dec4 = date(2026, 12, 4)
    assert parse_order("12月4日 停课 运动会", today) == DayOrder(
        dec4, dec4, DayState.CLOSED, "运动会"
    )
    assert parse_order("12月4日停课运动会", today) == DayOrder(
        dec4, dec4, DayState.CLOSED, "运动会"
    )
    assert parse_order("明天 放假", today) == DayOrder(
        date(2026, 12, 1), date(2026, 12, 1), DayState.CLOSED, ""
    )
    assert parse_order("12/5 补课", today) == DayOrder(
        date(2026, 12, 5), date(2026, 12, 5), DayState.OPEN, ""
    )
    assert parse_order("12月4日 不上课", today) == DayOrder(dec4, dec4, DayState.CLOSED, "")
    assert parse_order("12/4..12/6 closed 期末考试", today) == DayOrder(
        dec4, date(2026, 12, 6), DayState.CLOSED, "期末考试"
    )
    assert parse_order("12月4日至12月6日 上课", today) == DayOrder(
        dec4, date(2026, 12, 6), DayState.OPEN, ""
    )
    assert parse_order("12月4日", today) == DayOrder(dec4, dec4, None, "")
    assert parse_order("12/4..13/1 停课", today) == "13/1"
    assert parse_order("下下下周 停课", today) == "下下下周"


todays = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31))


@given(todays, st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_month_and_day_is_that_day_nearest_to_today(today: date, day: date) -> None:
    found = parse_day(f"{day.month}月{day.day}日", today)
    assert found is not None
    assert (found.month, found.day) == (day.month, day.day)
    assert abs((found - today).days) <= 366
    assert parse_day(f"{day.month}/{day.day}", today) == found
    if abs((day - today).days) < 180:  # near enough that no other year is nearer
        assert found == day


@given(todays, st.integers(0, 6))
def test_next_week_is_the_named_day_of_the_week_after(today: date, weekday: int) -> None:
    found = parse_day(f"下周{WEEKDAYS[weekday]}", today)
    assert found is not None and found.weekday() == weekday
    assert 1 <= (found - today).days <= 13
    bare = parse_day(f"周{WEEKDAYS[weekday]}", today)
    assert bare is not None and bare.weekday() == weekday and 0 <= (bare - today).days <= 6


@given(todays, st.text(max_size=30))
def test_any_text_is_a_date_or_refused(today: date, text: str) -> None:
    day = parse_day(text, today)
    assert day is None or isinstance(day, date)
    order = parse_order(text, today)
    assert isinstance(order, str | DayOrder)
    span = parse_span(text, today)
    assert isinstance(span, str) or all(isinstance(d, date) for d in span)


@given(todays, st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)))
def test_an_iso_date_is_read_as_written(today: date, day: date) -> None:
    assert parse_day(day.isoformat(), today) == day
    assert parse_order(f"{day.isoformat()} 停课 运动会", today) == DayOrder(
        day, day, DayState.CLOSED, "运动会"
    )
