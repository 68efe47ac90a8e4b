"""One-tap ratings: one score per child (or per parent without children), meal and day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.clock import to_db
from bot.storage.db import Database


async def save_ratings(
    db: Database,
    parent_id: int,
    children: Sequence[tuple[int | None, int | None]],
    day: date,
    meal: str,
    score: int,
    now: datetime,
) -> int | None:
    """Set the score for every (child_id, class_id); returns the first child's previous score."""
    stamp, previous = to_db(now), None
    async with db.transaction() as tx:
        for i, (child_id, class_id) in enumerate(children):
            async with tx.execute(
                "SELECT id, score FROM ratings"
                " WHERE parent_id = ? AND child_id IS ? AND date = ? AND meal = ?",
                (parent_id, child_id, day.isoformat(), meal),
            ) as cur:
                row = await cur.fetchone()
            if row is not None:
                if i == 0:
                    previous = int(row["score"])
                await tx.execute(
                    "UPDATE ratings SET score = ?, class_id = ?, updated_at = ? WHERE id = ?",
                    (score, class_id, stamp, row["id"]),
                )
            else:
                await tx.execute(
                    "INSERT INTO ratings (parent_id, child_id, class_id, date, meal, score,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (parent_id, child_id, class_id, day.isoformat(), meal, score, stamp, stamp),
                )
    return previous


async def ratings_of(db: Database, parent_id: int, day: date, meal: str) -> dict[int | None, int]:
    rows = await db.fetchall(
        "SELECT child_id, score FROM ratings WHERE parent_id = ? AND date = ? AND meal = ?",
        (parent_id, day.isoformat(), meal),
    )
    return {r["child_id"]: r["score"] for r in rows}


async def rating_counts(db: Database, day: date) -> dict[tuple[str, int], int]:
    """(meal, score) → number of ratings (one per child) on a day."""
    rows = await db.fetchall(
        "SELECT meal, score, count(*) AS n FROM ratings WHERE date = ? GROUP BY meal, score",
        (day.isoformat(),),
    )
    return {(r["meal"], r["score"]): r["n"] for r in rows}
