"""Menus: importing, school days, the daily push and the missing-menu reminder."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.services import calendar, people, schoolday
from bot.services.menu_parser import DishRow, ParseResult, parse_menu_file
from bot.storage import menus as store
from bot.storage import outbox
from bot.storage.audience import Audience, recipients
from bot.storage.menus import Dish, NewDish
from bot.storage.outbox import BroadcastKind
from bot.storage.people import ChildRecord


def local_now(deps: Deps) -> datetime:
    return deps.clock.now().astimezone(deps.settings.tz)


def today(deps: Deps) -> date:
    return local_now(deps).date()


# ---- school days (the calendar decides; these are the menu code's way in) ----------------------


async def school_day(deps: Deps, day: date) -> schoolday.SchoolDay:
    return await calendar.day(deps, day)


async def set_school_day(deps: Deps, day: date, is_open: bool | None, reason: str, by: int) -> None:
    await calendar.set_days(deps, day, day, is_open, reason, by)


# ---- menus ------------------------------------------------------------------------------------


async def dishes_on(deps: Deps, day: date) -> list[Dish]:
    return await store.dishes_between(deps.db, day, day)


async def dishes_in_week(deps: Deps, day: date) -> list[Dish]:
    monday = day - timedelta(days=day.weekday())
    return await store.dishes_between(deps.db, monday, monday + timedelta(days=6))


@dataclass(frozen=True)
class Warning:
    child: str
    dish: str
    allergens: tuple[str, ...]


def allergen_warnings(children: Sequence[ChildRecord], dishes: Sequence[Dish]) -> list[Warning]:
    """One warning per child and dish that carries any of that child's allergens."""
    found: list[Warning] = []
    for child in children:
        mine = set(child.allergens)
        for dish in dishes:
            hit = tuple(a for a in dish.allergens if a in mine)
            if hit:
                found.append(Warning(child.name, dish.name, hit))
    return found


# ---- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPreview:
    days: list[date]
    meals: int
    dishes: int
    replaces: list[date]
    past: list[date]  # before today: kept for the record (ratings, reports), never pushed
    # Days from today on that are not school days (weekend, holiday, closed): never pushed,
    # so the administrator hears it before confirming, not after.
    not_school: list[schoolday.SchoolDay]


class TodayPush(StrEnum):
    """What an import means for today's menu, when it holds today and today is a school day."""

    LATER = "later"  # before the push time: it goes out as every morning
    NOW = "now"  # after the push time, inside MENU_PUSH_GRACE: queued at once
    TOO_LATE = "too-late"  # past the grace: parents do not get it pushed today
    ALREADY = "already"  # this morning's push went out before this import


@dataclass(frozen=True)
class ImportOutcome:
    days: list[date]
    past: list[date]
    today: TodayPush | None


async def parse_upload(deps: Deps, data: bytes, filename: str) -> ParseResult:
    # Parsing a hostile spreadsheet can take a second: keep the event loop free.
    return await asyncio.to_thread(parse_menu_file, data, filename, today(deps))


async def preview(deps: Deps, rows: Sequence[DishRow]) -> ImportPreview:
    days = sorted({r.date for r in rows})
    now = today(deps)
    coming = [d for d in days if d >= now]
    statuses = (
        await calendar.days(deps, coming[0], (coming[-1] - coming[0]).days + 1) if coming else []
    )
    wanted = set(coming)
    return ImportPreview(
        days=days,
        meals=len({(r.date, r.meal) for r in rows}),
        dishes=len(rows),
        replaces=await store.dates_with_menu(deps.db, days),
        past=[d for d in days if d < now],
        not_school=[s for s in statuses if s.date in wanted and not s.is_school_day],
    )


async def apply_import(deps: Deps, rows: Sequence[DishRow]) -> ImportOutcome:
    days = await store.replace_days(
        deps.db, (NewDish(r.date, r.meal, r.dish, r.category, r.allergens, r.notes) for r in rows)
    )
    now = today(deps)
    outcome: TodayPush | None = None
    if now in days and (await school_day(deps, now)).is_school_day:
        outcome = await _push_today_after_import(deps, now)
    return ImportOutcome(days=days, past=[d for d in days if d < now], today=outcome)


async def _push_today_after_import(deps: Deps, day: date) -> TodayPush:
    local = local_now(deps)
    start = datetime.combine(day, deps.settings.menu_push_time, deps.settings.tz)
    if local < start:
        return TodayPush.LATER
    if local > start + deps.settings.menu_push_grace:
        return TodayPush.TOO_LATE
    result = await queue_menu_push(deps, day)
    return TodayPush.ALREADY if result.outcome is PushOutcome.ALREADY else TodayPush.NOW


def rows_to_json(rows: Sequence[DishRow]) -> list[list[object]]:
    return [
        [r.row, r.date.isoformat(), r.meal, r.dish, r.category, list(r.allergens), r.notes]
        for r in rows
    ]


def rows_from_json(data: Sequence[Sequence[object]]) -> list[DishRow]:
    return [
        DishRow(
            row=int(str(r[0])),
            date=date.fromisoformat(str(r[1])),
            meal=str(r[2]),
            dish=str(r[3]),
            category=str(r[4]),
            allergens=tuple(str(a) for a in r[5]) if isinstance(r[5], list) else (),
            notes=str(r[6]),
        )
        for r in data
    ]


# ---- the daily push ----------------------------------------------------------------------------


class PushOutcome(StrEnum):
    QUEUED = "queued"
    ALREADY = "already"
    NOT_SCHOOL_DAY = "not-school-day"
    NO_MENU = "no-menu"


@dataclass(frozen=True)
class PushResult:
    outcome: PushOutcome
    recipients: int = 0


async def queue_menu_push(deps: Deps, day: date, force: bool = False) -> PushResult:
    """Write the day's menu delivery rows for every active parent who wants it; at most once
    per date, whoever asks (the scheduler, a restart's catch-up, or the command line)."""
    if await outbox.menu_broadcast_for(deps.db, BroadcastKind.MENU, day.isoformat()) is not None:
        return PushResult(PushOutcome.ALREADY)
    if not force and not (await school_day(deps, day)).is_school_day:
        return PushResult(PushOutcome.NOT_SCHOOL_DAY)
    if not await store.dates_with_menu(deps.db, [day]):
        return PushResult(PushOutcome.NO_MENU)
    chats = await recipients(deps.db, Audience(), daily_menu=True)
    if not chats:
        # Nobody to send to yet: leave the date open so parents who join in time still get it.
        return PushResult(PushOutcome.QUEUED, 0)
    created = await outbox.create_broadcast(
        deps.db, BroadcastKind.MENU, chats, deps.clock.now(), menu_date=day.isoformat()
    )
    if created is None:
        return PushResult(PushOutcome.ALREADY)
    _wake(deps)
    return PushResult(PushOutcome.QUEUED, len(chats))


def push_due(deps: Deps, now: datetime) -> date | None:
    """The date whose push window (MENU_PUSH_TIME to + MENU_PUSH_GRACE) contains now."""
    local = now.astimezone(deps.settings.tz)
    start = datetime.combine(local.date(), deps.settings.menu_push_time, deps.settings.tz)
    if start <= local <= start + deps.settings.menu_push_grace:
        return local.date()
    return None


async def scheduled_push(deps: Deps) -> PushResult | None:
    day = push_due(deps, deps.clock.now())
    if day is None:
        return None
    return await queue_menu_push(deps, day)


async def scheduled_reminder(deps: Deps) -> date | None:
    """After MENU_REMINDER_TIME, remind administrators (once) when the next school day has no
    menu; returns that date when a reminder was queued. Silent across a vacation and when the
    next school day is only a guess (schoolday.reminder_day)."""
    local = local_now(deps)
    if local.time() < deps.settings.menu_reminder_time:
        return None
    found = await calendar.reminder_day(deps, local.date())
    if found is None or await store.dates_with_menu(deps.db, [found.date]):
        return None
    upcoming = found.date
    admins = await people.admin_ids(deps)
    created = await outbox.create_broadcast(
        deps.db, BroadcastKind.REMINDER, admins, deps.clock.now(), menu_date=upcoming.isoformat()
    )
    if created is None:
        return None
    _wake(deps)
    return upcoming


def _wake(deps: Deps) -> None:
    if deps.outbox is not None:  # the command line writes rows for the running bot to send
        deps.outbox.wake()
