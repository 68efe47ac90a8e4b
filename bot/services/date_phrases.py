"""Dates as a Chinese administrator types them, relative to a given today (pure: no clock).

``12月4日``, ``12月4号``, ``12/4``, ``明天``, ``后天``, ``下周一``, ``周五``, ``本周五`` and the
full forms the menu parser reads (``2026-12-04``, ``2026年12月4日``); a span joins two of them
with ``..``, ``~``, ``至`` or ``到``. A date without a year is the one of that month and day
nearest to today, so in December ``1/5`` is next January and in January ``12/28`` last December.
The word after the date says what the day becomes: 停课/放假 closed, 上课/补课 open, 恢复 auto.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.services.menu_values import parse_date


class DayState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    AUTO = "auto"  # back to the calendar


_STATE_WORDS: dict[str, DayState] = {
    **dict.fromkeys(("open", "school", "yes", "上课", "补课", "开放", "开学"), DayState.OPEN),
    **dict.fromkeys(
        ("closed", "close", "no", "停课", "放假", "休息", "不上课", "休假"), DayState.CLOSED
    ),
    **dict.fromkeys(("auto", "calendar", "默认", "日历", "恢复", "取消"), DayState.AUTO),
}
# Longest first: "不上课" must win over "上课" when a state is glued to the date.
_STATES_BY_LENGTH = sorted(_STATE_WORDS, key=len, reverse=True)

_RELATIVE = {"今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1, "后天": 2}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"^(下下|下|本|这|这个|下个)?(?:周|星期|礼拜)([一二三四五六日天])$")
_MONTH_DAY = re.compile(r"^(\d{1,2})(?:月(\d{1,2})[日号]?|/(\d{1,2}))$")
_SPAN_SEPARATORS = ("..", "~", "～", "至", "到")


def parse_state(word: str) -> DayState | None:
    return _STATE_WORDS.get(_normal(word).lower())


def parse_day(text: str, today: date) -> date | None:
    """One date, or None when the text is not one."""
    value = _normal(text)
    if not value:
        return None
    if value.lower() in _RELATIVE:
        return today + timedelta(days=_RELATIVE[value.lower()])
    weekday = _WEEKDAY.match(value)
    if weekday is not None:
        return _weekday(today, weekday.group(1) or "", _WEEKDAYS[weekday.group(2)])
    month_day = _MONTH_DAY.match(value)
    if month_day is not None:
        month = int(month_day.group(1))
        day = int(month_day.group(2) or month_day.group(3))
        return _nearest(today, month, day)
    return parse_date(value)


def parse_span(text: str, today: date) -> tuple[date, date] | str:
    """(first, last) of one date or of two joined by a separator; else the unreadable part."""
    value = _normal(text)
    start = end = value
    for separator in _SPAN_SEPARATORS:
        if separator in value:
            start, _, end = value.partition(separator)
            break
    first, last = parse_day(start, today), parse_day(end, today)
    if first is None:
        return start
    if last is None:
        return end
    return first, last


@dataclass(frozen=True)
class DayOrder:
    """What ``/schoolday`` was told: the days, what they become (None: not said), and why."""

    first: date
    last: date
    state: DayState | None
    reason: str


def parse_order(text: str, today: date) -> DayOrder | str:
    """``12月4日 停课 运动会``, ``明天停课``, ``12/4..12/6 closed 期末考试``; or the part that
    could not be read as a date (a str)."""
    words = _normal(text).split()
    if not words:
        return ""
    head, rest = words[0], words[1:]
    span = parse_span(head, today)
    if isinstance(span, str):
        # The state typed straight after the date, without a space: "12月4日停课运动会".
        for word in _STATES_BY_LENGTH:
            at = head.find(word)
            if at > 0 and not isinstance(found := parse_span(head[:at], today), str):
                span = found
                tail = head[at + len(word) :]
                rest = [word, *([tail] if tail else []), *rest]
                break
    if isinstance(span, str):
        return span
    state = parse_state(rest[0]) if rest else None
    reason = " ".join(rest[1:] if state is not None else rest)
    return DayOrder(span[0], span[1], state, reason)


def _normal(text: str) -> str:
    # NFKC: full-width digits, slashes and spaces as typed on a Chinese keyboard.
    return unicodedata.normalize("NFKC", text).strip()


def _weekday(today: date, prefix: str, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday())
    if prefix in ("下", "下个"):
        return monday + timedelta(days=7 + weekday)
    if prefix == "下下":
        return monday + timedelta(days=14 + weekday)
    if prefix in ("本", "这", "这个"):
        return monday + timedelta(days=weekday)
    # A bare 周五: the next one, today included.
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _nearest(today: date, month: int, day: int) -> date | None:
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))
