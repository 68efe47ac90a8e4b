"""When the Monday report is due and to whom it still has to go.

From Monday's REPORT_TIME on, last week (Monday to Sunday) is decided once: reported to the
food-safety group and every administrator, or skipped when nothing happened in it (a vacation:
no rating, report, menu or notice). Each recipient is marked when theirs went (storage
.report_marks), so a restart sends the rest and nobody gets it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.deps import Deps
from bot.services import group_chat, people
from bot.services.weekly_report import Report, for_week, monday_of, window
from bot.storage import report_marks as marks
from bot.storage import weekly as store
from bot.storage.report_marks import SendOutcome as SendOutcome
from bot.storage.report_marks import Unsent as Unsent


@dataclass(frozen=True)
class Due:
    week: date  # the reported week's Monday
    report: Report
    recipients: tuple[Unsent, ...]  # still to send: the group's chat (negative id), administrators


def due_week(deps: Deps, now: datetime) -> date | None:
    """Last week's Monday once this Monday's REPORT_TIME has passed; None before that."""
    local = now.astimezone(deps.settings.tz)
    monday = monday_of(local.date())
    if local.date() == monday and local.time() < deps.settings.report_time:
        return None
    return monday - timedelta(days=7)


async def due_report(deps: Deps) -> Due | None:
    now = deps.clock.now()
    week = due_week(deps, now)
    if week is None:
        return None
    if not await marks.is_decided(deps.db, week):
        span = window(deps, week, week + timedelta(days=6))
        active = await store.had_activity(deps.db, span)
        group = group_chat.current(deps)
        recipients = ([group] if group is not None else []) + await people.admin_ids(deps)
        await marks.decide(deps.db, week, recipients if active else [], not active, now)
    pending = await marks.unsent(deps.db, week)
    if not pending:
        return None
    return Due(week, await for_week(deps, week), tuple(pending))


async def mark(deps: Deps, week: date, chat_id: int, outcome: SendOutcome) -> None:
    await marks.mark(deps.db, week, chat_id, outcome, deps.clock.now())


async def mark_text_sent(deps: Deps, week: date, chat_id: int) -> None:
    """The text went; a retry sends only the charts."""
    await marks.mark_text_sent(deps.db, week, chat_id)
