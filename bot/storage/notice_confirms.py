"""Notices parents confirm (已阅), "你说我改" notices, and the one reminder to the unconfirmed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import BroadcastKind


@dataclass(frozen=True)
class NoticeOptions:
    confirm: bool  # parents are asked to tap 已阅
    asked: str  # "你说我改": what parents asked for ("" for an ordinary notice)
    reminder_id: int | None  # the reminder to the unconfirmed, once sent


@dataclass(frozen=True)
class Confirmations:
    """One confirm-notice's figures: reached (delivered) parents and those who confirmed."""

    broadcast_id: int
    created_at: datetime
    body: str
    sent: int
    confirmed: int
    reminded: bool

    @property
    def waiting(self) -> int:
        return max(self.sent - self.confirmed, 0)


def options_writer(
    confirm: bool, asked: str
) -> Callable[[aiosqlite.Connection, int], Awaitable[None]]:
    """Writes a notice's options inside the transaction that writes the notice
    (storage.outbox.create_broadcast's with_rows)."""

    async def write(tx: aiosqlite.Connection, broadcast_id: int) -> None:
        await tx.execute(
            "INSERT INTO notice_options (broadcast_id, confirm, asked) VALUES (?, ?, ?)",
            (broadcast_id, int(confirm), asked),
        )

    return write


async def options(db: Database, broadcast_id: int) -> NoticeOptions | None:
    row = await db.fetchone(
        "SELECT confirm, asked, reminder_id FROM notice_options WHERE broadcast_id = ?",
        (broadcast_id,),
    )
    return None if row is None else NoticeOptions(bool(row[0]), row[1], row[2])


async def confirm(db: Database, broadcast_id: int, chat_id: int, now: datetime) -> bool | None:
    """Record a parent's 已阅: True the first time, False again, None when this notice asks no
    confirmation or never went to this parent."""
    async with db.transaction() as tx:
        async with tx.execute(
            "SELECT 1 FROM notice_options o JOIN deliveries d ON d.broadcast_id = o.broadcast_id"
            " WHERE o.broadcast_id = ? AND o.confirm = 1 AND d.chat_id = ?",
            (broadcast_id, chat_id),
        ) as cur:
            if await cur.fetchone() is None:
                return None
        async with tx.execute(
            "INSERT OR IGNORE INTO notice_confirmations (broadcast_id, chat_id, confirmed_at)"
            " VALUES (?, ?, ?)",
            (broadcast_id, chat_id, to_db(now)),
        ) as cur:
            return bool(cur.rowcount)


async def has_confirmed(db: Database, broadcast_id: int, chat_id: int) -> bool:
    return bool(
        await db.fetchval(
            "SELECT 1 FROM notice_confirmations WHERE broadcast_id = ? AND chat_id = ?",
            (broadcast_id, chat_id),
        )
    )


_FIGURES = (
    "SELECT b.id, b.created_at, b.body,"
    " (SELECT count(*) FROM deliveries d WHERE d.broadcast_id = b.id AND d.status = 'sent'),"
    " (SELECT count(*) FROM notice_confirmations c WHERE c.broadcast_id = b.id),"
    " o.reminder_id IS NOT NULL"
    " FROM broadcasts b JOIN notice_options o ON o.broadcast_id = b.id WHERE o.confirm = 1"
)


def _figures(row: aiosqlite.Row) -> Confirmations:
    return Confirmations(row[0], from_db(row[1]), row[2], row[3], row[4], bool(row[5]))


async def figures(db: Database, broadcast_id: int) -> Confirmations | None:
    row = await db.fetchone(_FIGURES + " AND b.id = ?", (broadcast_id,))
    return None if row is None else _figures(row)


async def recent(db: Database, limit: int) -> list[Confirmations]:
    rows = await db.fetchall(_FIGURES + " ORDER BY b.id DESC LIMIT ?", (limit,))
    return [_figures(r) for r in rows]


async def between(db: Database, first: datetime, last: datetime) -> list[Confirmations]:
    rows = await db.fetchall(
        _FIGURES + " AND b.created_at >= ? AND b.created_at < ? ORDER BY b.id",
        (to_db(first), to_db(last)),
    )
    return [_figures(r) for r in rows]


async def remind_unconfirmed(db: Database, broadcast_id: int, now: datetime, by: int) -> int | None:
    """The one reminder, to active parents the notice reached who have not confirmed; claimed in
    the transaction that writes it. How many it goes to, None when it went already (or this
    notice asks no confirmation)."""
    rows = await db.fetchall(
        "SELECT d.chat_id FROM deliveries d JOIN users u ON u.id = d.chat_id"
        " WHERE d.broadcast_id = ? AND d.status = 'sent' AND u.status = 'active'"
        " AND NOT EXISTS (SELECT 1 FROM notice_confirmations c"
        "   WHERE c.broadcast_id = d.broadcast_id AND c.chat_id = d.chat_id) ORDER BY d.chat_id",
        (broadcast_id,),
    )
    chats = [r[0] for r in rows]
    if not chats:
        return 0

    async def claim(tx: aiosqlite.Connection, reminder_id: int) -> None:
        async with tx.execute(
            "UPDATE notice_options SET reminder_id = ? WHERE broadcast_id = ? AND confirm = 1"
            " AND reminder_id IS NULL",
            (reminder_id, broadcast_id),
        ) as cur:
            if not cur.rowcount:
                raise _AlreadyReminded

    try:
        await outbox.create_broadcast(
            db,
            BroadcastKind.NOTICE_REMINDER,
            chats,
            now,
            audience={"notice_id": broadcast_id},
            created_by=by,
            with_rows=claim,
        )
    except _AlreadyReminded:
        return None
    return len(chats)


class _AlreadyReminded(Exception):
    """Raised inside the claiming transaction to write nothing."""
