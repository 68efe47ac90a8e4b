"""Numbers and text from people and buttons: one parser, bounded, ASCII only; visible text."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.services.inputs import SQLITE_MAX, parse_int, parse_yyyymmdd, visible_text


def test_ascii_digits_within_the_range() -> None:
    assert parse_int("42") == 42
    assert parse_int(" 7 ") == 7
    assert parse_int("²") is None and parse_int("①") is None and parse_int("４２") is None
    assert parse_int("99999999999999999999") is None  # 20 digits: past SQLite's INTEGER
    assert parse_int(str(SQLITE_MAX)) == SQLITE_MAX
    assert parse_int("-5") is None
    assert parse_int("-5", low=-10) == -5
    assert parse_int("11", high=10) is None
    assert parse_int("") is None and parse_int("1e3") is None and parse_int("0x1") is None


def test_dates_from_buttons() -> None:
    assert parse_yyyymmdd("20261130") == date(2026, 11, 30)
    for bad in ("99991231", "00010101", "20261399", "2026113", "２０２６１１３０", "x"):
        assert parse_yyyymmdd(bad) is None, bad


def test_visible_text() -> None:
    assert visible_text("\u200d") == ""
    assert visible_text("\u2060\u3164 ") == ""
    assert visible_text("小明\u202e") == "小明"
    assert visible_text("\u202e红烧肉") == "红烧肉"
    assert visible_text(" 王芳 ") == "王芳"


@given(st.text())
def test_parse_int_never_raises_and_stays_in_range(text: str) -> None:
    value = parse_int(text)
    assert value is None or 0 <= value <= SQLITE_MAX


@given(st.text())
def test_parse_yyyymmdd_never_raises(text: str) -> None:
    value = parse_yyyymmdd(text)
    assert value is None or date(2000, 1, 1) <= value <= date(2099, 12, 31)


@given(st.text())
def test_visible_text_has_no_bidi_controls(text: str) -> None:
    cleaned = visible_text(text)
    assert not any(c in cleaned for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
