"""Which Monday reports were decided and sent, per recipient (migration 0009)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.clock import to_db
from bot.storage.db import Database


class SendOutcome(StrEnum):
    SENT = "sent"
    FAILED = "failed"  # the chat refused it for good (never opened the bot, blocked it)


async def is_decided(db: Database, week: date) -> bool:
    found = await db.fetchval(
        "SELECT 1 FROM weekly_reports WHERE week_start = ?", (week.isoformat(),)
    )
    return found is not None


async def decide(
    db: Database, week: date, recipients: Sequence[int], skipped: bool, now: datetime
) -> bool:
    """Record the week's decision and its recipients at once; False if it was decided already."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT OR IGNORE INTO weekly_reports (week_start, decided_at, skipped) VALUES (?, ?, ?)",
            (week.isoformat(), to_db(now), int(skipped)),
        )
        if not cur.rowcount:
            return False
        await tx.executemany(
            "INSERT OR IGNORE INTO weekly_report_sends (week_start, chat_id) VALUES (?, ?)",
            [(week.isoformat(), chat_id) for chat_id in recipients],
        )
    return True


@dataclass(frozen=True)
class Unsent:
    chat_id: int
    text_sent: bool  # only the charts are left


async def unsent(db: Database, week: date) -> list[Unsent]:
    rows = await db.fetchall(
        "SELECT chat_id, text_sent FROM weekly_report_sends WHERE week_start = ?"
        " AND outcome IS NULL ORDER BY chat_id",
        (week.isoformat(),),
    )
    return [Unsent(r[0], bool(r[1])) for r in rows]


async def mark_text_sent(db: Database, week: date, chat_id: int) -> None:
    await db.execute(
        "UPDATE weekly_report_sends SET text_sent = 1 WHERE week_start = ? AND chat_id = ?",
        (week.isoformat(), chat_id),
    )


async def mark(db: Database, week: date, chat_id: int, outcome: SendOutcome, now: datetime) -> None:
    await db.execute(
        "UPDATE weekly_report_sends SET outcome = ?, done_at = ? WHERE week_start = ? AND chat_id = ?",
        (outcome, to_db(now), week.isoformat(), chat_id),
    )
