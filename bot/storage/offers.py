"""Offers: what a parent sent outside any flow, kept a day for "file this as a report?"."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import to_db
from bot.storage.db import Database


@dataclass(frozen=True)
class Offer:
    id: int
    user_id: int
    text: str
    photos: tuple[str, ...]
    media_group_id: str | None


def _offer(row: aiosqlite.Row) -> Offer:
    photos: list[Any] = json.loads(row["photos"])
    return Offer(
        row["id"], row["user_id"], row["text"], tuple(str(p) for p in photos), row["media_group_id"]
    )


async def create_offer(
    db: Database,
    user_id: int,
    text: str,
    photos: Sequence[str],
    media_group_id: str | None,
    now: datetime,
) -> int:
    return await db.execute(
        "INSERT INTO feedback_offers (user_id, text, photos, media_group_id, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (user_id, text, json.dumps(list(photos)), media_group_id, to_db(now)),
    )


async def offer_for_album(db: Database, user_id: int, media_group_id: str) -> Offer | None:
    row = await db.fetchone(
        "SELECT * FROM feedback_offers WHERE user_id = ? AND media_group_id = ?",
        (user_id, media_group_id),
    )
    return _offer(row) if row else None


async def update_offer(db: Database, offer_id: int, text: str, photos: Sequence[str]) -> None:
    await db.execute(
        "UPDATE feedback_offers SET text = ?, photos = ? WHERE id = ?",
        (text, json.dumps(list(photos)), offer_id),
    )


async def take_offer(db: Database, offer_id: int, user_id: int) -> Offer | None:
    """Remove and return the user's offer (None if it is gone or someone else's)."""
    async with db.transaction() as tx:
        async with tx.execute(
            "SELECT * FROM feedback_offers WHERE id = ? AND user_id = ?", (offer_id, user_id)
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        await tx.execute("DELETE FROM feedback_offers WHERE id = ?", (offer_id,))
    return _offer(row)


async def purge_offers(db: Database, before: datetime) -> int:
    # Checked on the reader first: this runs every tick and need not take the write lock.
    if not await db.fetchval(
        "SELECT 1 FROM feedback_offers WHERE created_at < ?", (to_db(before),)
    ):
        return 0
    async with db.transaction() as tx:
        cur = await tx.execute("DELETE FROM feedback_offers WHERE created_at < ?", (to_db(before),))
        return cur.rowcount
