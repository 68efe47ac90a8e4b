"""陪餐 duty: the roster (set by administrators or imported), when the duty leader is reminded,
which duties are late or missing, the evening digest and the records parents may read.

A meal is taken to end MEAL_LENGTH after it starts (MEAL_TIMES gives only the start): a duty not
recorded by that end plus DUTY_GRACE is missing, and one recorded after it is late.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.services import calendar, meals, menus, peican_record
from bot.services.inputs import parse_int, visible_text
from bot.services.menu_values import normalize_meal, parse_date
from bot.storage import duty as store
from bot.storage import outbox

# Re-exported: handlers and views name these without reaching into storage.
from bot.storage.duty import CheckResult as CheckResult
from bot.storage.duty import DutyPerson as DutyPerson
from bot.storage.duty import DutyRecord as DutyRecord
from bot.storage.duty import RecordPhoto as RecordPhoto
from bot.storage.duty import RosterEntry as RosterEntry
from bot.storage.outbox import BroadcastKind

MEAL_LENGTH = timedelta(hours=1)
GRADES = ("excellent", "good", "fair", "poor")
POOR = "poor"
# The four ratings of the meal, in the order of the paper form (饭菜质量, 食堂卫生, 就餐秩序, 服务).
ASPECTS = ("food", "hygiene", "order", "service")
RECENT_DAYS = 7
RANGE_DAYS_MAX = 62  # one roster range at most (two months)
ROSTER_ROWS_MAX = 2000
TEACHER_MAX = 60
VALUE_SHOWN = 60  # of a bad cell, in the problem's line
MISSING_LOOKBACK = timedelta(days=3)  # older gaps are not reported (an old import, a new bot)


def meal_end(deps: Deps, day: date, meal: str) -> datetime:
    return meals.starts_at(deps.settings, day, meal) + MEAL_LENGTH


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


async def duty_people(deps: Deps) -> list[DutyPerson]:
    return await store.duty_people(deps.db)


# ---- the roster -----------------------------------------------------------------------------------


class RosterProblem(StrEnum):
    """Why a roster row cannot be imported (the catalog's duty-import-problem-<code>)."""

    HEADER = "header"
    DATE = "date"
    MEAL = "meal"
    LEADER = "leader"
    AMBIGUOUS = "ambiguous"
    TEACHER = "teacher"
    DUPLICATE = "duplicate"
    EMPTY = "empty"
    TOO_MANY = "too-many"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class RosterRow:
    date: date
    meal: str
    leader_id: int
    teacher: str


@dataclass(frozen=True)
class FoundProblem:
    row: int
    code: RosterProblem
    value: str


@dataclass(frozen=True)
class RosterImport:
    rows: tuple[RosterRow, ...]
    problems: tuple[FoundProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


_HEADERS = {
    "date": ("日期", "date"),
    "meal": ("餐次", "meal"),
    "leader": ("陪餐领导", "leader"),
    "teacher": ("陪餐教师", "teacher"),
}


def _leader(people: list[DutyPerson], value: str) -> tuple[int | None, RosterProblem | None]:
    number = parse_int(value, low=1)
    if number is not None:
        found = [p for p in people if p.user_id == number]
    else:
        found = [p for p in people if p.name.strip() == value]
    if len(found) > 1:
        return None, RosterProblem.AMBIGUOUS
    return (found[0].user_id, None) if found else (None, RosterProblem.LEADER)


async def parse_roster(deps: Deps, data: bytes) -> RosterImport:
    """日期,餐次,陪餐领导[,陪餐教师]; the leader by name or Telegram id among people with the duty
    role. Every problem is found (with its row number, the header being row 1)."""
    people = await store.duty_people(deps.db)
    return parse_roster_rows(data, people, meals.served(deps.settings))


def parse_roster_rows(
    data: bytes, people: list[DutyPerson], served: tuple[str, ...]
) -> RosterImport:
    text = data.decode("utf-8-sig", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return RosterImport((), (FoundProblem(1, RosterProblem.UNREADABLE, str(exc)[:100]),))
    if not rows:
        return RosterImport((), (FoundProblem(1, RosterProblem.EMPTY, ""),))
    header = [name.strip().lower() for name in rows[0]]
    columns: dict[str, int] = {}
    for key, names in _HEADERS.items():
        for index, name in enumerate(header):
            if name in names:
                columns[key] = index
    if any(key not in columns for key in ("date", "meal", "leader")):
        return RosterImport((), (FoundProblem(1, RosterProblem.HEADER, ",".join(rows[0])[:100]),))
    if len(rows) - 1 > ROSTER_ROWS_MAX:
        return RosterImport((), (FoundProblem(1, RosterProblem.TOO_MANY, str(len(rows) - 1)),))
    found: list[RosterRow] = []
    problems: list[FoundProblem] = []
    seen: set[tuple[date, str]] = set()

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return visible_text(row[index]) if index is not None and index < len(row) else ""

    def shown(row: list[str], key: str) -> str:
        return cell(row, key)[:VALUE_SHOWN]

    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        day = parse_date(cell(row, "date"))
        meal = normalize_meal(cell(row, "meal"))
        leader, problem = _leader(people, cell(row, "leader"))
        teacher = cell(row, "teacher")
        if day is None:
            problems.append(FoundProblem(number, RosterProblem.DATE, shown(row, "date")))
        if meal is None or meal not in served:
            problems.append(FoundProblem(number, RosterProblem.MEAL, shown(row, "meal")))
        if problem is not None:
            problems.append(FoundProblem(number, problem, shown(row, "leader")))
        if len(teacher) > TEACHER_MAX:
            problems.append(FoundProblem(number, RosterProblem.TEACHER, teacher[:20]))
        if day is None or meal is None or leader is None:
            continue
        if (day, meal) in seen:
            problems.append(FoundProblem(number, RosterProblem.DUPLICATE, f"{day} {meal}"))
        seen.add((day, meal))
        found.append(RosterRow(day, meal, leader, teacher))
    if not found and not problems:
        problems.append(FoundProblem(2, RosterProblem.EMPTY, ""))
    return RosterImport(tuple(found), tuple(problems))


async def import_roster(deps: Deps, rows: tuple[RosterRow, ...], by: int | None) -> None:
    entries = [(r.date, r.meal, r.leader_id, r.teacher) for r in rows]
    await store.set_roster(deps.db, entries, by, deps.clock.now())


async def set_range(
    deps: Deps, leader: int, first: date, last: date, meal: str | None, by: int
) -> list[date]:
    """Put the leader on duty for the meal (every served meal when None) on each school day of
    the range; returns the days set."""
    chosen = meals.served(deps.settings) if meal is None else (meal,)
    days: list[date] = []
    day = first
    while day <= min(last, first + timedelta(days=RANGE_DAYS_MAX)):
        if (await menus.school_day(deps, day)).is_school_day:
            days.append(day)
        day += timedelta(days=1)
    entries = [(d, m, leader, "") for d in days for m in chosen]
    await store.set_roster(deps.db, entries, by, deps.clock.now())
    return days


async def roster_week(deps: Deps, day: date) -> list[RosterEntry]:
    return await store.roster_between(deps.db, *week_of(day))


# ---- what is due: reminders, missing records -------------------------------------------------------


async def reminders_due(deps: Deps) -> list[RosterEntry]:
    """Today's duties whose reminder time (DUTY_REMINDER_BEFORE before the meal) has come and
    whose meal has not ended; each is claimed, so it is sent once even across restarts."""
    now = deps.clock.now()
    due: list[RosterEntry] = []
    for entry in await store.unreminded(deps.db, menus.today(deps)):
        if entry.meal not in meals.served(deps.settings):
            continue
        start = meals.starts_at(deps.settings, entry.date, entry.meal)
        window = start - deps.settings.duty_reminder_before <= now < start + MEAL_LENGTH
        if window and await store.claim(deps.db, entry, "reminded_at", now):
            due.append(entry)
    return due


async def missing_due(deps: Deps) -> list[RosterEntry]:
    """Duties of the last few days not recorded by the meal's end plus DUTY_GRACE, each claimed
    (reported once)."""
    now = deps.clock.now()
    today = menus.today(deps)
    first = today - timedelta(days=MISSING_LOOKBACK.days)
    due: list[RosterEntry] = []
    for entry in await store.unreported_missing(deps.db, first, today):
        if entry.meal not in meals.served(deps.settings):
            continue
        late = now >= meal_end(deps, entry.date, entry.meal) + deps.settings.duty_grace
        if late and await store.claim(deps.db, entry, "missing_reported_at", now):
            due.append(entry)
    return due


class DutyState(StrEnum):
    """A duty's state in /duty week (the catalog's duty-state-<state>)."""

    DONE = "done"
    LATE = "late"
    MISSING = "missing"
    WAITING = "waiting"  # not yet past its deadline
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class DutyDay:
    date: date
    meal: str
    entry: RosterEntry | None
    state: DutyState


async def week_status(deps: Deps, day: date) -> list[DutyDay]:
    """Each school day of the week and served meal: who is on duty and how the record stands."""
    return await status_between(deps, *week_of(day))


async def status_between(deps: Deps, first: date, last: date) -> list[DutyDay]:
    """Each school day from first to last (inclusive) and served meal, as in week_status."""
    roster = {(e.date, e.meal): e for e in await store.roster_between(deps.db, first, last)}
    recorded = await store.first_finished_between(deps.db, first, last)
    span = await calendar.days(deps, first, (last - first).days + 1)
    school_days = {d.date for d in span if d.is_school_day}
    now = deps.clock.now()
    found: list[DutyDay] = []
    current = first
    while current <= last:
        school = current in school_days
        for meal in meals.served(deps.settings):
            entry = roster.get((current, meal))
            if not school and entry is None:
                continue
            deadline = meal_end(deps, current, meal) + deps.settings.duty_grace
            finished = recorded.get((current, meal))
            if finished is not None:
                state = DutyState.DONE if finished <= deadline else DutyState.LATE
            elif entry is None:
                state = DutyState.UNASSIGNED
            else:
                state = DutyState.MISSING if now >= deadline else DutyState.WAITING
            found.append(DutyDay(current, meal, entry, state))
        current += timedelta(days=1)
    return found


# ---- records ---------------------------------------------------------------------------------------


async def record(deps: Deps, record_id: int) -> DutyRecord | None:
    return await store.get_record(deps.db, record_id)


async def history(deps: Deps, found: DutyRecord) -> list[DutyRecord]:
    """Every version of the record's meal, oldest first."""
    return await store.versions(deps.db, found.date, found.meal)


async def recent_records(deps: Deps, days: int = RECENT_DAYS) -> list[DutyRecord]:
    today = menus.today(deps)
    return await store.records_between(deps.db, today - timedelta(days=days - 1), today)


async def records_between(
    deps: Deps, first: date, last: date, latest_only: bool = False
) -> list[DutyRecord]:
    return await store.records_between(deps.db, first, last, latest_only)


def findings(found: DutyRecord) -> bool:
    """Anything the food-safety group must act on."""
    return found.adverse or any(not c.ok for c in found.checks) or POOR in found.ratings


# ---- the evening digest ----------------------------------------------------------------------------


async def digest_on(deps: Deps, user_id: int) -> bool:
    return not await store.digest_off(deps.db, user_id)


async def set_digest(deps: Deps, user_id: int, on: bool) -> None:
    await store.set_digest(deps.db, user_id, on)


async def scheduled_digest(deps: Deps) -> int | None:
    """After DUTY_DIGEST_TIME on a school day with a duty record: the digest queued once for
    every parent who wants it; returns how many."""
    local = deps.clock.now().astimezone(deps.settings.tz)
    day = local.date()
    if local.time() < deps.settings.duty_digest_time:
        return None
    # One digest per date: looked for and queued under one lock (no unique index on broadcasts
    # for this kind; the tick is the only one to queue it).
    async with deps.lock("duty_digest"):
        return await _queue_digest(deps, day)


async def _queue_digest(deps: Deps, day: date) -> int | None:
    if await outbox.menu_broadcast_for(deps.db, BroadcastKind.DUTY_DIGEST, day.isoformat()):
        return None
    if not (await menus.school_day(deps, day)).is_school_day:
        return None
    # A day with a duty record or a 家长陪餐 record has something to tell.
    if not await store.records_between(deps.db, day, day) and not (
        await peican_record.day_summary(deps, day)
    ):
        return None
    chats = await store.digest_recipients(deps.db)
    created = await outbox.create_broadcast(
        deps.db, BroadcastKind.DUTY_DIGEST, chats, deps.clock.now(), menu_date=day.isoformat()
    )
    if created is None:
        return None
    if deps.outbox is not None:
        deps.outbox.wake()
    return len(chats)


async def day_records(deps: Deps, day: date) -> list[DutyRecord]:
    return await store.records_between(deps.db, day, day)
