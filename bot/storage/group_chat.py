"""Where the food-safety group's chat moved (Telegram gives an upgraded group a new id)."""

from __future__ import annotations

from datetime import datetime

from bot.clock import to_db
from bot.storage.db import Database


async def moves(db: Database) -> dict[int, int]:
    """Old chat id → the id it moved to."""
    rows = await db.fetchall("SELECT old_chat_id, new_chat_id FROM group_chat_moves")
    return {row[0]: row[1] for row in rows}


async def record_move(db: Database, old: int, new: int, now: datetime) -> bool:
    """True if this call recorded the move; False if it was known (a chat moves only once)."""
    async with (
        db.transaction() as tx,
        tx.execute(
            "INSERT OR IGNORE INTO group_chat_moves (old_chat_id, new_chat_id, moved_at)"
            " VALUES (?, ?, ?)",
            (old, new, to_db(now)),
        ) as cur,
    ):
        return cur.rowcount == 1
