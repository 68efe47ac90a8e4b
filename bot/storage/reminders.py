"""Which escalation reminder carries the acknowledge button of which case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.storage.db import Database


@dataclass(frozen=True)
class Reminder:
    chat_id: int
    message_id: int
    lang: str


async def add(db: Database, reminder: Reminder, case_ids: Sequence[int]) -> None:
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT OR IGNORE INTO reminder_buttons (chat_id, message_id, case_id, lang)"
            " VALUES (?, ?, ?, ?)",
            [(reminder.chat_id, reminder.message_id, c, reminder.lang) for c in case_ids],
        )


async def of_case(db: Database, case_id: int) -> list[Reminder]:
    rows = await db.fetchall(
        "SELECT chat_id, message_id, lang FROM reminder_buttons WHERE case_id = ?", (case_id,)
    )
    return [Reminder(r[0], r[1], r[2]) for r in rows]


async def cases_on(db: Database, reminder: Reminder) -> list[int]:
    rows = await db.fetchall(
        "SELECT case_id FROM reminder_buttons WHERE chat_id = ? AND message_id = ?"
        " ORDER BY case_id",
        (reminder.chat_id, reminder.message_id),
    )
    return [r[0] for r in rows]


async def drop(db: Database, reminder: Reminder, case_id: int) -> None:
    await db.execute(
        "DELETE FROM reminder_buttons WHERE chat_id = ? AND message_id = ? AND case_id = ?",
        (reminder.chat_id, reminder.message_id, case_id),
    )
