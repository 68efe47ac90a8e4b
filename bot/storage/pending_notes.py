"""The resolution notes the group owes: who pressed 结案 on which case, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import from_db, to_db
from bot.storage.db import Database


@dataclass(frozen=True)
class PendingNote:
    chat_id: int
    user_id: int
    case_id: int
    asked_at: datetime


async def put(db: Database, note: PendingNote) -> None:
    await db.execute(
        "INSERT OR REPLACE INTO pending_notes (chat_id, user_id, case_id, asked_at)"
        " VALUES (?, ?, ?, ?)",
        (note.chat_id, note.user_id, note.case_id, to_db(note.asked_at)),
    )


async def get(db: Database, chat_id: int, user_id: int) -> PendingNote | None:
    row = await db.fetchone(
        "SELECT case_id, asked_at FROM pending_notes WHERE chat_id = ? AND user_id = ?",
        (chat_id, user_id),
    )
    return None if row is None else PendingNote(chat_id, user_id, row[0], from_db(row[1]))


async def take(db: Database, chat_id: int, user_id: int) -> PendingNote | None:
    """The person's waiting note, removed in the same transaction (two messages at once cannot
    both close the case with it)."""
    async with db.transaction() as tx:
        async with tx.execute(
            "SELECT case_id, asked_at FROM pending_notes WHERE chat_id = ? AND user_id = ?",
            (chat_id, user_id),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        await tx.execute(
            "DELETE FROM pending_notes WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
        )
    return PendingNote(chat_id, user_id, row[0], from_db(row[1]))


async def drop_case(db: Database, case_id: int) -> None:
    await db.execute("DELETE FROM pending_notes WHERE case_id = ?", (case_id,))
