"""The school calendar as the bot uses it: school days from terms, overrides and the imported
holiday list; setting terms and closed ranges; importing a 校历 file; and the weekly warning to
administrators that the official holiday data runs out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.delivery.outbox import outbox_of
from bot.deps import Deps
from bot.services import people, schoolday
from bot.services.calendar_file import CalendarFile, parse_calendar_csv
from bot.services.schoolday import Calendar, Override, SchoolDay, Term
from bot.storage import calendar as store
from bot.storage import outbox

REMINDER_HORIZON_DAYS = 30


def _today(deps: Deps) -> date:
    return deps.clock.now().astimezone(deps.settings.tz).date()


# ---- which days are school days ----------------------------------------------------------------


async def load(deps: Deps, first: date, last: date) -> Calendar:
    """What the rules need to decide the days from ``first`` to ``last``."""
    return Calendar(
        overrides=await store.overrides_between(deps.db, first, last),
        terms=tuple(await store.terms(deps.db)),
        official=await store.official_days(deps.db),
    )


async def day(deps: Deps, d: date) -> SchoolDay:
    return schoolday.school_day(d, await load(deps, d, d))


async def days(deps: Deps, first: date, count: int) -> list[SchoolDay]:
    last = first + timedelta(days=count - 1)
    calendar = await load(deps, first, last)
    return [schoolday.school_day(first + timedelta(days=i), calendar) for i in range(count)]


async def reminder_day(deps: Deps, today: date) -> SchoolDay | None:
    """The school day a missing-menu reminder sent today is about, if any (see the rule)."""
    horizon = today + timedelta(days=REMINDER_HORIZON_DAYS)
    calendar = await load(deps, today, horizon)
    return schoolday.reminder_day(today, calendar, REMINDER_HORIZON_DAYS)


# ---- terms and closed/open ranges ------------------------------------------------------------------


class TermOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    OVERLAPS = "overlaps"


@dataclass(frozen=True)
class TermChange:
    outcome: TermOutcome
    conflict: Term | None = None  # the term it would overlap


async def terms(deps: Deps) -> list[Term]:
    return await store.terms(deps.db)


async def set_term(deps: Deps, term: Term, by: int) -> TermChange:
    """Add a term, or move the one with the same name; refused when it shares a day with
    another. The caller has checked the range (schoolday.range_problem)."""
    conflict = schoolday.overlapping(term, await store.terms(deps.db))
    if conflict is not None:
        return TermChange(TermOutcome.OVERLAPS, conflict)
    added = await store.save_term(deps.db, term, by, deps.clock.now())
    return TermChange(TermOutcome.ADDED if added else TermOutcome.UPDATED)


async def delete_term(deps: Deps, name: str) -> bool:
    return await store.delete_term(deps.db, name)


async def set_days(
    deps: Deps, first: date, last: date, is_open: bool | None, reason: str, by: int | None
) -> None:
    """Override every day from ``first`` to ``last`` at once; None hands them back to the
    calendar. The caller has checked the range (schoolday.range_problem)."""
    span = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    override = None if is_open is None else Override(is_open, reason)
    await store.set_overrides(deps.db, span, override, by, deps.clock.now())


# ---- the 校历 file ----------------------------------------------------------------------------------


async def import_file(deps: Deps, data: bytes) -> CalendarFile:
    """Parse and, when the file has no problem at all, import it in one transaction."""
    parsed = parse_calendar_csv(data, await store.terms(deps.db))
    if parsed.ok:
        await store.import_calendar(
            deps.db, parsed.terms, parsed.overrides, parsed.official, deps.clock.now()
        )
    return parsed


# ---- the holiday data running out --------------------------------------------------------------------


async def last_known_day(deps: Deps) -> date:
    """The last day the official holiday data covers (package and imported list together)."""
    official = await store.official_days(deps.db)
    return schoolday.last_known_day({d.year for d in official}, schoolday.package_last_day())


async def scheduled_data_warning(deps: Deps) -> date | None:
    """Warn administrators, once a week from 30 days ahead, that school days after the last
    known day are guessed; returns that day when a warning was queued."""
    today = _today(deps)
    end = await last_known_day(deps)
    last = await store.last_data_warning(deps.db)
    last_day = None if last is None else last.astimezone(deps.settings.tz).date()
    if not schoolday.data_warning_due(today, end, last_day):
        return None
    admins = await people.admin_ids(deps)
    if not admins:  # nobody to tell yet: the first administrator hears it on the next tick
        return None
    await outbox.create_broadcast(
        deps.db, outbox.BroadcastKind.CALENDAR, admins, deps.clock.now(), menu_date=end.isoformat()
    )
    outbox_of(deps).wake()
    return end
