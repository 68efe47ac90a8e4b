"""Notices parents confirm (已阅): recording a confirmation, the figures the sender's report,
/notices and the weekly report show, and the one reminder to parents who have not confirmed."""

from __future__ import annotations

from datetime import datetime

from bot.delivery.outbox import outbox_of
from bot.deps import Deps
from bot.storage import notice_confirms as store

# Re-exported: handlers, views and broadcasts name them without reaching into storage.
from bot.storage.notice_confirms import Confirmations as Confirmations
from bot.storage.notice_confirms import NoticeOptions as NoticeOptions

RECENT_COUNT = 5


async def options(deps: Deps, broadcast_id: int) -> NoticeOptions | None:
    return await store.options(deps.db, broadcast_id)


async def confirm(deps: Deps, broadcast_id: int, chat_id: int) -> bool | None:
    """True the first time a parent confirms, False after; None when the button means
    nothing (a notice that asks no confirmation, or that never went to this parent)."""
    return await store.confirm(deps.db, broadcast_id, chat_id, deps.clock.now())


async def has_confirmed(deps: Deps, broadcast_id: int, chat_id: int) -> bool:
    return await store.has_confirmed(deps.db, broadcast_id, chat_id)


async def figures(deps: Deps, broadcast_id: int) -> Confirmations | None:
    """Delivered and confirmed counts of one notice; None if it asks no confirmation."""
    return await store.figures(deps.db, broadcast_id)


async def recent(deps: Deps) -> list[Confirmations]:
    """The latest notices that asked for confirmation, newest first (for /notices)."""
    return await store.recent(deps.db, RECENT_COUNT)


async def confirmation_rates(deps: Deps, first: datetime, last: datetime) -> list[Confirmations]:
    """Every confirm-notice sent in [first, last), oldest first (the weekly report, the export)."""
    return await store.between(deps.db, first, last)


async def remind(deps: Deps, broadcast_id: int, by: int) -> int | None:
    """Send the notice again to those who have not confirmed, once. How many it goes to (0:
    everyone has confirmed); None when the reminder went already."""
    count = await store.remind_unconfirmed(deps.db, broadcast_id, deps.clock.now(), by)
    if count:
        outbox_of(deps).wake()
    return count
