"""Parse a school calendar (校历) CSV: terms, closed and make-up school days, and the official
holiday list.

Pure: no database, no clock. Like the menu parser, nothing raises on bad input: every problem
comes back with the row number the user sees in Excel, all at once, and the caller imports
nothing unless there are none.

Layout: a header row ``类型,开始,结束,名称`` (or ``type,start,end,name``; any order, case-
insensitive), then one row per entry. ``结束`` may be left empty for a single day.

====== ======== =========================================================================
类型   type     meaning
====== ======== =========================================================================
学期   term     a term from 开始 to 结束; 名称 (its name) is required; a term with the
                same name is updated
停课   closed   no school on these days (名称: the reason)
上课   open     school on these days, e.g. a Saturday class (名称: the reason)
假日   holiday  official public holiday (名称: the holiday's name)
调休   workday  official make-up working day (名称: the holiday it makes up for)
====== ======== =========================================================================

停课/上课 rows become administrators' overrides, the strongest rule. 假日/调休 rows form the
official holiday list; a year with any such row counts as known in full, and importing a list for
a year replaces the earlier list of that year.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from bot.services.menu_parser import parse_date
from bot.services.schoolday import (
    MAX_TERM_NAME_CHARS,
    OfficialDay,
    OfficialKind,
    Override,
    Term,
    overlapping,
    range_problem,
)

MAX_FILE_BYTES = 1024 * 1024
MAX_REASON_CHARS = 100
MAX_VALUE_CHARS = 40


class EntryType(StrEnum):
    TERM = "term"
    CLOSED = "closed"
    OPEN = "open"
    HOLIDAY = "holiday"
    WORKDAY = "workday"


class Problem(StrEnum):
    """What is wrong with a row; the catalogs word each (calendar-problem-<code>)."""

    UNREADABLE = "unreadable"  # not a text CSV
    HEADER = "header"  # 类型 or 开始 is missing from the first row
    EMPTY = "empty"  # a header but no entries
    TYPE = "type"
    DATE = "date"
    REVERSED = "reversed"  # ends before it starts (schoolday.RangeProblem)
    TOO_LONG = "too-long"  # more than schoolday.MAX_RANGE_DAYS days
    NO_NAME = "no-name"  # a term without a name
    NAME_TOO_LONG = "name-too-long"
    SAME_TERM = "same-term"  # a term name given twice in the file
    OVERLAP = "overlap"  # two terms share a day; value names the other
    CONFLICT = "conflict"  # a date both closed and open, or both holiday and workday


@dataclass(frozen=True)
class RowProblem:
    row: int
    problem: Problem
    value: str = ""


@dataclass
class CalendarFile:
    terms: list[Term] = field(default_factory=list)
    overrides: dict[date, Override] = field(default_factory=dict)
    official: dict[date, OfficialDay] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_TYPES: dict[str, EntryType] = {
    "学期": EntryType.TERM,
    "term": EntryType.TERM,
    "停课": EntryType.CLOSED,
    "closed": EntryType.CLOSED,
    "上课": EntryType.OPEN,
    "补课": EntryType.OPEN,
    "open": EntryType.OPEN,
    "假日": EntryType.HOLIDAY,
    "节假日": EntryType.HOLIDAY,
    "holiday": EntryType.HOLIDAY,
    "调休": EntryType.WORKDAY,
    "workday": EntryType.WORKDAY,
}
_HEADERS: dict[str, str] = {
    "类型": "type",
    "type": "type",
    "开始": "start",
    "开始日期": "start",
    "日期": "start",
    "start": "start",
    "结束": "end",
    "结束日期": "end",
    "end": "end",
    "名称": "name",
    "说明": "name",
    "name": "name",
}
_REQUIRED = ("type", "start")
_CLASHES = {
    frozenset((EntryType.CLOSED, EntryType.OPEN)),
    frozenset((EntryType.HOLIDAY, EntryType.WORKDAY)),
}


def parse_calendar_csv(data: bytes, existing_terms: Sequence[Term]) -> CalendarFile:
    """The file's entries; terms are checked against ``existing_terms`` (those the file does not
    name stay, so they must not overlap the file's)."""
    result = CalendarFile()
    rows = _read(data)
    if rows is None:
        result.problems.append(RowProblem(1, Problem.UNREADABLE))
        return result
    if not rows:
        result.problems.append(RowProblem(1, Problem.EMPTY))
        return result
    header_row, header = rows[0]
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _HEADERS.get(cell.strip().casefold())
        if key is not None:
            columns.setdefault(key, index)
    if any(key not in columns for key in _REQUIRED):
        result.problems.append(RowProblem(header_row, Problem.HEADER))
        return result
    if len(rows) == 1:
        result.problems.append(RowProblem(header_row, Problem.EMPTY))
        return result
    term_rows: dict[str, int] = {}
    decided: dict[date, tuple[EntryType, int]] = {}
    for number, cells in rows[1:]:
        _row(result, number, cells, columns, term_rows, decided)
    _check_terms(result, term_rows, existing_terms)
    return result


def _read(data: bytes) -> list[tuple[int, list[str]]] | None:
    """Non-empty rows as (row number, trimmed cells); None when the bytes are not a text CSV."""
    if len(data) > MAX_FILE_BYTES:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            return None
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        rows = [(n, [c.strip() for c in cells]) for n, cells in enumerate(reader, start=1)]
        return [(n, cells) for n, cells in rows if any(cells)]
    return None


def _cell(cells: Sequence[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _row(
    result: CalendarFile,
    number: int,
    cells: Sequence[str],
    columns: dict[str, int],
    term_rows: dict[str, int],
    decided: dict[date, tuple[EntryType, int]],
) -> None:
    def problem(kind: Problem, value: str = "") -> None:
        result.problems.append(RowProblem(number, kind, value[:MAX_VALUE_CHARS]))

    raw_type = _cell(cells, columns["type"])
    kind = _TYPES.get(raw_type.casefold())
    if kind is None:
        problem(Problem.TYPE, raw_type)
        return
    raw_start, raw_end = _cell(cells, columns["start"]), _cell(cells, columns.get("end"))
    start = parse_date(raw_start)
    end = parse_date(raw_end) if raw_end else start
    if start is None or end is None:
        problem(Problem.DATE, raw_end if start is not None else raw_start)
        return
    wrong = range_problem(start, end)
    if wrong is not None:
        problem(Problem(wrong.value), f"{start}..{end}")
        return
    name = _cell(cells, columns.get("name"))
    if kind is EntryType.TERM:
        if not name:
            problem(Problem.NO_NAME)
        elif len(name) > MAX_TERM_NAME_CHARS:
            problem(Problem.NAME_TOO_LONG, name)
        elif name in term_rows:
            problem(Problem.SAME_TERM, name)
        else:
            term_rows[name] = number
            result.terms.append(Term(name, start, end))
        return
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    for day in days:
        earlier = decided.get(day)
        if earlier is not None and _clash(earlier[0], kind):
            problem(Problem.CONFLICT, day.isoformat())
            return
    for day in days:
        decided[day] = (kind, number)
        if kind in (EntryType.CLOSED, EntryType.OPEN):
            result.overrides[day] = Override(kind is EntryType.OPEN, name[:MAX_REASON_CHARS])
        else:
            official = OfficialKind.WORKDAY if kind is EntryType.WORKDAY else OfficialKind.OFF
            result.official[day] = OfficialDay(official, name[:MAX_REASON_CHARS])


def _clash(first: EntryType, second: EntryType) -> bool:
    """Two rows that say opposite things about a day (an override and an official entry for the
    same day are fine: the override wins, by design)."""
    return frozenset((first, second)) in _CLASHES


def _check_terms(result: CalendarFile, term_rows: dict[str, int], existing: Sequence[Term]) -> None:
    named = {t.name for t in result.terms}
    kept = [t for t in existing if t.name not in named]
    for index, term in enumerate(result.terms):
        other = overlapping(term, [*kept, *result.terms[:index]])
        if other is not None:
            result.problems.append(
                RowProblem(
                    term_rows[term.name],
                    Problem.OVERLAP,
                    f"{other.name} ({other.first_day}..{other.last_day})",
                )
            )
    result.problems.sort(key=lambda p: p.row)
