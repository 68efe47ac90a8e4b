"""Broadcasts and their delivery rows (the outbox)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage.db import Database


class BroadcastKind(StrEnum):
    """broadcasts.kind (the migration's CHECK lists the same): each has one module under
    bot/broadcasts/ that renders it, registered where the Application is built."""

    MENU = "menu"
    NOTICE = "notice"
    REMINDER = "reminder"  # the next school day has no menu (to administrators)
    CALENDAR = "calendar"  # holiday data runs out (to administrators)
    DUTY_DIGEST = "duty-digest"  # the evening 陪餐 digest (to parents)
    SURVEY = "survey"  # the termly satisfaction survey (to parents)
    SURVEY_REMINDER = "survey-reminder"  # to parents who have not finished it
    NOTICE_REMINDER = "notice-reminder"  # a notice, again, to parents who have not confirmed it


@dataclass(frozen=True)
class Broadcast:
    id: int
    kind: BroadcastKind
    menu_date: str | None
    body: str
    photo_file_id: str | None
    document_file_id: str | None
    audience: dict[str, Any]
    created_by: int | None
    created_at: datetime
    status: str
    report_chat_id: int | None
    report_message_id: int | None


@dataclass(frozen=True)
class Delivery:
    id: int
    broadcast_id: int
    chat_id: int
    attempts: int
    parts_sent: int = 0  # of a message sent in several parts: how many went out already


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int
    sent: int
    blocked: int
    failed: int
    failures: list[tuple[int, str]]  # (chat id, reason) of failed rows, a bounded sample


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    return Broadcast(
        id=row["id"],
        kind=BroadcastKind(row["kind"]),
        menu_date=row["menu_date"],
        body=row["body"],
        photo_file_id=row["photo_file_id"],
        document_file_id=row["document_file_id"],
        audience=json.loads(row["audience"]),
        created_by=row["created_by"],
        created_at=from_db(row["created_at"]),
        status=row["status"],
        report_chat_id=row["report_chat_id"],
        report_message_id=row["report_message_id"],
    )


async def create_broadcast(
    db: Database,
    kind: BroadcastKind,
    recipients: Iterable[int],
    now: datetime,
    *,
    menu_date: str | None = None,
    body: str = "",
    photo_file_id: str | None = None,
    document_file_id: str | None = None,
    audience: dict[str, Any] | None = None,
    created_by: int | None = None,
    report_chat_id: int | None = None,
    with_rows: Callable[[aiosqlite.Connection, int], Awaitable[None]] | None = None,
) -> int | None:
    """The broadcast and all its delivery rows in one transaction.

    with_rows(tx, broadcast id) writes what belongs with the broadcast in the same transaction
    (a notice's options, the survey it carries), before the outbox can see any row of it; an
    exception from it writes nothing. None when a menu (or reminder) broadcast for that date
    already exists."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        async with tx.execute(
            "INSERT OR IGNORE INTO broadcasts (kind, menu_date, body, photo_file_id, document_file_id,"
            " audience, created_by, created_at, report_chat_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                menu_date,
                body,
                photo_file_id,
                document_file_id,
                json.dumps(audience or {}, ensure_ascii=False),
                created_by,
                stamp,
                report_chat_id,
            ),
        ) as cur:
            if not cur.rowcount:
                return None
            broadcast_id = cur.lastrowid
        assert broadcast_id is not None
        await tx.executemany(
            "INSERT OR IGNORE INTO deliveries (broadcast_id, chat_id, next_attempt_at, updated_at)"
            " VALUES (?, ?, ?, ?)",
            ((broadcast_id, chat_id, stamp, stamp) for chat_id in recipients),
        )
        if with_rows is not None:
            await with_rows(tx, broadcast_id)
    return broadcast_id


async def get_broadcast(db: Database, broadcast_id: int) -> Broadcast | None:
    row = await db.fetchone("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,))
    return _broadcast(row) if row else None


async def menu_broadcast_for(db: Database, kind: BroadcastKind, menu_date: str) -> Broadcast | None:
    row = await db.fetchone(
        "SELECT * FROM broadcasts WHERE kind = ? AND menu_date = ?", (kind, menu_date)
    )
    return _broadcast(row) if row else None


async def sending_broadcasts(db: Database) -> list[Broadcast]:
    rows = await db.fetchall("SELECT * FROM broadcasts WHERE status = 'sending' ORDER BY id")
    return [_broadcast(r) for r in rows]


async def recent_notices_for(db: Database, chat_id: int, limit: int) -> list[Broadcast]:
    rows = await db.fetchall(
        "SELECT b.* FROM broadcasts b JOIN deliveries d ON d.broadcast_id = b.id"
        " WHERE b.kind = 'notice' AND d.chat_id = ? ORDER BY b.id DESC LIMIT ?",
        (chat_id, limit),
    )
    return [_broadcast(r) for r in rows]


async def set_report_message(db: Database, broadcast_id: int, message_id: int) -> None:
    await db.execute(
        "UPDATE broadcasts SET report_message_id = ? WHERE id = ?", (message_id, broadcast_id)
    )


async def finish_broadcast(db: Database, broadcast_id: int) -> None:
    await db.execute("UPDATE broadcasts SET status = 'done' WHERE id = ?", (broadcast_id,))


async def due_deliveries(db: Database, now: datetime, limit: int) -> list[Delivery]:
    """Pending rows that are due, oldest first, never one that would overtake an earlier
    pending row to the same chat (per-chat order survives retries)."""
    # Walk the table in id order from the oldest pending row and stop at `limit`: 6 ms for 256
    # rows of a 100,000-row push half sent, where sorting every pending row by id took 46 ms
    # (and 85 ms at its start), measured when one reader connection served every read.
    rows = await db.fetchall(
        "SELECT d.id, d.broadcast_id, d.chat_id, d.attempts, d.parts_sent"
        " FROM deliveries d NOT INDEXED"
        " WHERE d.id >= (SELECT MIN(id) FROM deliveries WHERE status = 'pending')"
        " AND d.status = 'pending' AND d.next_attempt_at <= ?"
        " AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.chat_id = d.chat_id"
        "   AND e.status = 'pending' AND e.id < d.id)"
        " ORDER BY d.id LIMIT ?",
        (to_db(now), limit),
    )
    return [Delivery(r[0], r[1], r[2], r[3], r[4]) for r in rows]


async def mark_sent_many(db: Database, sent: Iterable[tuple[int, int]], now: datetime) -> None:
    """Several (delivery id, message id) rows marked sent in one transaction (group commit)."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        await tx.executemany(
            "UPDATE deliveries SET status = 'sent', message_id = ?, attempts = attempts + 1,"
            " error = NULL, updated_at = ? WHERE id = ?",
            [(message_id, stamp, delivery_id) for delivery_id, message_id in sent],
        )


async def mark_part_sent(
    db: Database, delivery_id: int, parts_sent: int, next_at: datetime, now: datetime
) -> None:
    """One more part of a several-message delivery went out; the row stays pending for the
    next part, due at ``next_at``."""
    await db.execute(
        "UPDATE deliveries SET parts_sent = ?, next_attempt_at = ?, error = NULL, updated_at = ?"
        " WHERE id = ?",
        (parts_sent, to_db(next_at), to_db(now), delivery_id),
    )


async def mark_final(
    db: Database,
    delivery_id: int,
    status: str,
    reason: str,
    now: datetime,
    block_user: int | None = None,
) -> None:
    """blocked or failed, with the reason; a blocked chat's person is marked blocked too."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE deliveries SET status = ?, error = ?, attempts = attempts + 1, updated_at = ?"
            " WHERE id = ?",
            (status, reason[:500], to_db(now), delivery_id),
        )
        if block_user is not None:
            await tx.execute(
                "UPDATE users SET status = 'blocked', updated_at = ? WHERE id = ?",
                (to_db(now), block_user),
            )


async def reschedule(
    db: Database, delivery_id: int, attempts: int, at: datetime, reason: str, now: datetime
) -> None:
    await db.execute(
        "UPDATE deliveries SET attempts = ?, next_attempt_at = ?, error = ?, updated_at = ?"
        " WHERE id = ?",
        (attempts, to_db(at), reason[:500], to_db(now), delivery_id),
    )


async def progress(db: Database, broadcast_id: int, sample: int = 20) -> Progress:
    counts = {
        row[0]: row[1]
        for row in await db.fetchall(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status",
            (broadcast_id,),
        )
    }
    failures = await db.fetchall(
        "SELECT chat_id, COALESCE(error, '') FROM deliveries"
        " WHERE broadcast_id = ? AND status = 'failed' ORDER BY id LIMIT ?",
        (broadcast_id, sample),
    )
    return Progress(
        total=sum(counts.values()),
        pending=counts.get("pending", 0),
        sent=counts.get("sent", 0),
        blocked=counts.get("blocked", 0),
        failed=counts.get("failed", 0),
        failures=[(r[0], r[1]) for r in failures],
    )


async def delivery_counts_by_chat(db: Database, broadcast_id: int) -> dict[int, str]:
    rows = await db.fetchall(
        "SELECT chat_id, status FROM deliveries WHERE broadcast_id = ?", (broadcast_id,)
    )
    return {r[0]: r[1] for r in rows}


async def has_pending(db: Database, broadcast_id: int) -> bool:
    return bool(
        await db.fetchval(
            "SELECT 1 FROM deliveries WHERE status = 'pending' AND broadcast_id = ? LIMIT 1",
            (broadcast_id,),
        )
    )


async def pending_count(db: Database) -> int:
    return int(await db.fetchval("SELECT count(*) FROM deliveries WHERE status = 'pending'"))
