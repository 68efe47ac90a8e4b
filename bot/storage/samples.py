"""留样 seals: a meal's retained samples kept and sealed beyond 48 hours, recorded in the audit
trail of every case about that meal that needs them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.clock import to_db
from bot.storage.cases import EventKind, add_event_in
from bot.storage.db import Database


async def seal(
    db: Database,
    case_id: int,
    day: date,
    meal: str,
    categories: Sequence[str],
    actor_id: int,
    actor_name: str,
    now: datetime,
) -> list[int]:
    """Seal the meal's samples once; the ids of the cases whose history records it (the one
    pressed, and every case about that meal of those categories or in an outbreak), or []
    when someone sealed them already."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT INTO sample_seals (date, meal, at, actor_id, actor_name) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(date, meal) DO NOTHING",
            (day.isoformat(), meal, to_db(now), actor_id, actor_name),
        )
        if not cur.rowcount:
            return []
        marks = ",".join("?" * len(categories))
        async with tx.execute(
            f"SELECT id FROM feedback WHERE date = ? AND meal = ? AND flagged = 1"
            f" AND (category IN ({marks}) OR cluster_id IS NOT NULL OR id = ?) ORDER BY id",
            (day.isoformat(), meal, *categories, case_id),
        ) as rows:
            case_ids = [int(r[0]) for r in await rows.fetchall()]
        for found in case_ids:
            await add_event_in(tx, found, EventKind.SAMPLES_SEALED, now, actor_id, actor_name)
    return case_ids
