"""家长陪餐: administrators open parent days with a number of seats; parents apply (with a phone
number for the gate when the school wants one), administrators approve or decline, parents may
cancel up to the day before. Never more approvals than seats (storage.peican.approve).
The record a parent fills in afterwards: services.peican_record."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.services import conversations, meals, people
from bot.services.inputs import parse_int
from bot.services.menu_values import normalize_meal, parse_date
from bot.storage import peican as store

# Re-exported: handlers and views name these without reaching into storage.
from bot.storage.peican import Application as Application
from bot.storage.peican import ApplicationStatus as ApplicationStatus
from bot.storage.peican import Day as Day
from bot.storage.peican import DayStatus as DayStatus
from bot.storage.peican import PeicanEvent

PHONE_FLOW = "peican_phone"
SEATS_MAX = 50
REMIND_BEFORE = timedelta(hours=2)  # the morning of the day, before the meal
RECORD_AFTER = timedelta(hours=1)  # the record is asked for once the meal is over
RECORD_WITHIN = timedelta(days=3)  # after that a record is no longer asked for

_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*[日号]?", re.ASCII)
# A mainland mobile number: 11 digits from 13x–19x, with or without +86 / 0086, spaces or dashes.
_MOBILE = re.compile(r"(?:\+?86|0086)?(1[3-9]\d{9})", re.ASCII)


def today(deps: Deps) -> date:
    return deps.clock.now().astimezone(deps.settings.tz).date()


# ---- what administrators type ---------------------------------------------------------------------


class OpenProblem(StrEnum):
    USAGE = "usage"
    DATE = "date"
    PAST = "past"
    MEAL = "meal"
    SEATS = "seats"


@dataclass(frozen=True)
class OpenRequest:
    day: date
    meal: str
    seats: int


def parse_day(text: str, now: date) -> date | None:
    """2026-12-10, 2026年12月10日, 20261210, or without a year (12月10日, 12-10): the next
    such day from today on."""
    full = parse_date(text)
    if full is not None:
        return full
    found = _MONTH_DAY.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if found is None:
        return None
    for year in (now.year, now.year + 1):
        try:
            day = date(year, int(found["m"]), int(found["d"]))
        except ValueError:
            continue  # 2月29日 in a year without it: the next year that has one is too far
        if day >= now:
            return day
    return None


def parse_open(deps: Deps, args: Sequence[str]) -> OpenRequest | OpenProblem:
    """/peican open DATE MEAL SEATS."""
    if len(args) != 3:
        return OpenProblem.USAGE
    now = today(deps)
    day = parse_day(args[0], now)
    if day is None:
        return OpenProblem.DATE
    if day < now:
        return OpenProblem.PAST
    meal = normalize_meal(args[1])
    if meal is None or meal not in meals.served(deps.settings):
        return OpenProblem.MEAL
    seats = parse_int(unicodedata.normalize("NFKC", args[2]).removesuffix("人"), 1, SEATS_MAX)
    if seats is None:
        return OpenProblem.SEATS
    return OpenRequest(day, meal, seats)


def parse_phone(text: str) -> str | None:
    """A mainland mobile number as its 11 digits, or None."""
    compact = re.sub(r"[\s\-()（）]", "", unicodedata.normalize("NFKC", text))
    found = _MOBILE.fullmatch(compact)
    return None if found is None else found.group(1)


def parse_day_id(text: str) -> int | None:
    """/peican close N (also #N, as /peican list shows it)."""
    return parse_int(text.lstrip("#＃"), low=1)


# ---- days ---------------------------------------------------------------------------------------


async def open_day(deps: Deps, request: OpenRequest, by: int) -> Day | None:
    """The day, opened (again) with these seats; None when more parents are approved already."""
    day_id = await store.open_day(
        deps.db, request.day, request.meal, request.seats, by, deps.clock.now()
    )
    return None if day_id is None else await store.get_day(deps.db, day_id)


async def get_day(deps: Deps, day_id: int) -> Day | None:
    return await store.get_day(deps.db, day_id)


async def day_at(deps: Deps, day: date, meal: str) -> Day | None:
    return await store.day_at(deps.db, day, meal)


async def close_day(deps: Deps, day_id: int) -> Day | None:
    """The closed day (no more applications; decisions made stand), None if not open."""
    if not await store.close_day(deps.db, day_id, deps.clock.now()):
        return None
    return await store.get_day(deps.db, day_id)


async def upcoming_days(deps: Deps) -> list[Day]:
    return await store.days_from(deps.db, today(deps), only_open=False)


async def open_days(deps: Deps) -> list[Day]:
    """Days a parent can still apply for: open, from tomorrow on, with a seat left."""
    found = await store.days_from(deps.db, today(deps) + timedelta(days=1), only_open=True)
    return [day for day in found if day.seats_left > 0]


async def applications_on(deps: Deps, day_id: int) -> list[Application]:
    return await store.applications_on(deps.db, day_id)


# ---- applying -----------------------------------------------------------------------------------


class ApplyOutcome(StrEnum):
    APPLIED = "applied"
    PHONE_NEEDED = "phone"  # ask for the number first (PEICAN_PHONE_REQUIRED)
    GONE = "gone"  # closed, past or full since the parent saw it
    ALREADY = "already"
    NOT_PARENT = "not-parent"  # no child registered: the seats are for the school's parents


@dataclass(frozen=True)
class Applied:
    outcome: ApplyOutcome
    application: Application | None = None


async def choose_day(deps: Deps, parent_id: int, day_id: int) -> Applied:
    """The parent picked a day: apply now, or first ask for their phone number."""
    day = await store.get_day(deps.db, day_id)
    if day is None or day.status is not DayStatus.OPEN or day.date <= today(deps):
        return Applied(ApplyOutcome.GONE)
    if await store.live_application(deps.db, day_id, parent_id) is not None:
        return Applied(ApplyOutcome.ALREADY)
    if not await people.children_of(deps, parent_id):
        return Applied(ApplyOutcome.NOT_PARENT)
    if day.seats_left <= 0:
        return Applied(ApplyOutcome.GONE)
    if deps.settings.peican_phone_required:
        await conversations.save(deps, parent_id, PHONE_FLOW, "phone", {"day": day_id})
        return Applied(ApplyOutcome.PHONE_NEEDED)
    return await _apply(deps, parent_id, day_id, "")


async def give_phone(deps: Deps, parent_id: int, day_id: int, phone: str) -> Applied:
    day = await store.get_day(deps.db, day_id)
    if day is None or day.status is not DayStatus.OPEN or day.date <= today(deps):
        await conversations.clear(deps, parent_id)
        return Applied(ApplyOutcome.GONE)
    return await _apply(deps, parent_id, day_id, phone)


async def _apply(deps: Deps, parent_id: int, day_id: int, phone: str) -> Applied:
    application_id = await store.apply(deps.db, day_id, parent_id, phone, deps.clock.now())
    if application_id is None:
        await conversations.clear(deps, parent_id)
        return Applied(ApplyOutcome.ALREADY)
    return Applied(ApplyOutcome.APPLIED, await store.get_application(deps.db, application_id))


async def my_applications(deps: Deps, parent_id: int) -> list[Application]:
    """The parent's pending and approved applications from today on, and the last few days'
    approved ones still waiting for their record."""
    now = today(deps)
    return await store.applications_of(deps.db, parent_id, now, now - RECORD_WITHIN)


# ---- deciding and cancelling --------------------------------------------------------------------


class Decision(StrEnum):
    APPROVED = "approved"
    DECLINED = "declined"
    FULL = "full"  # every seat is taken (another approval won the last one)
    DECIDED = "decided"  # already approved, declined or cancelled
    PAST = "past"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Decided:
    decision: Decision
    application: Application | None = None


async def decide(
    deps: Deps, application_id: int, approve: bool, actor_id: int, actor: str
) -> Decided:
    found = await store.get_application(deps.db, application_id)
    if found is None:
        return Decided(Decision.UNKNOWN)
    if found.status is not ApplicationStatus.PENDING:
        return Decided(Decision.DECIDED, found)
    if found.date < today(deps):
        return Decided(Decision.PAST, found)
    now = deps.clock.now()
    if approve:
        done = await store.approve(deps.db, application_id, actor_id, actor, now)
    else:
        done = await store.decline(deps.db, application_id, actor_id, actor, now)
    after = await store.get_application(deps.db, application_id)
    if done:
        return Decided(Decision.APPROVED if approve else Decision.DECLINED, after)
    if after is not None and after.status is not ApplicationStatus.PENDING:
        return Decided(Decision.DECIDED, after)
    return Decided(Decision.FULL, after)


class Cancel(StrEnum):
    CANCELLED = "cancelled"
    TOO_LATE = "too-late"  # on the day (or after): the school has planned the seats
    GONE = "gone"  # not theirs, or not pending/approved any more


@dataclass(frozen=True)
class Cancelled:
    outcome: Cancel
    application: Application | None = None
    was_approved: bool = False


async def cancel(deps: Deps, application_id: int, parent_id: int) -> Cancelled:
    """A parent may cancel up to the day before."""
    found = await store.get_application(deps.db, application_id)
    live = (ApplicationStatus.PENDING, ApplicationStatus.APPROVED)
    if found is None or found.parent_id != parent_id or found.status not in live:
        return Cancelled(Cancel.GONE)
    if found.date <= today(deps):
        return Cancelled(Cancel.TOO_LATE, found)
    if not await store.cancel(deps.db, application_id, parent_id, deps.clock.now()):
        return Cancelled(Cancel.GONE)
    return Cancelled(
        Cancel.CANCELLED, found, was_approved=found.status is ApplicationStatus.APPROVED
    )


# ---- on the day ---------------------------------------------------------------------------------


async def reminders_due(deps: Deps) -> list[Application]:
    """Today's approved parents, from REMIND_BEFORE the meal until it starts."""
    now, day = deps.clock.now(), today(deps)
    due = []
    for found in await store.approved_between(deps.db, day, day, "reminded_at"):
        starts = _starts(deps, found)
        if starts is not None and starts - REMIND_BEFORE <= now < starts:
            due.append(found)
    return due


async def record_requests_due(deps: Deps) -> list[Application]:
    """Approved parents whose meal ended (RECORD_AFTER its start) and who have no record yet."""
    now, day = deps.clock.now(), today(deps)
    first = day - timedelta(days=RECORD_WITHIN.days)
    due = []
    for found in await store.approved_between(deps.db, first, day, "record_asked_at"):
        starts = _starts(deps, found)
        if starts is not None and starts + RECORD_AFTER <= now < starts + RECORD_WITHIN:
            due.append(found)
    return due


def _starts(deps: Deps, application: Application) -> datetime | None:
    """None for a meal the school stopped serving (MEAL_TIMES changed)."""
    try:
        return meals.starts_at(deps.settings, application.date, application.meal)
    except KeyError:
        return None


async def mark_reminded(deps: Deps, application: Application) -> None:
    await store.mark(deps.db, application.id, "reminded_at", PeicanEvent.REMINDED, deps.clock.now())


async def mark_record_asked(deps: Deps, application: Application) -> None:
    await store.mark(
        deps.db, application.id, "record_asked_at", PeicanEvent.RECORD_ASKED, deps.clock.now()
    )
