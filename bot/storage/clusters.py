"""Outbreak clusters: urgent reports about one meal, announced once and then summarised."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage.cases import Case, EventKind, add_event_in, cases_where
from bot.storage.db import Database


@dataclass(frozen=True)
class Cluster:
    id: int
    date: date
    meal: str
    created_at: datetime
    last_member_at: datetime
    last_summary_at: datetime


def _cluster(row: aiosqlite.Row) -> Cluster:
    return Cluster(
        row["id"],
        date.fromisoformat(row["date"]),
        row["meal"],
        from_db(row["created_at"]),
        from_db(row["last_member_at"]),
        from_db(row["last_summary_at"]),
    )


async def active_cluster(db: Database, day: date, meal: str, since: datetime) -> Cluster | None:
    row = await db.fetchone(
        "SELECT * FROM clusters WHERE date = ? AND meal = ? AND last_member_at >= ?"
        " ORDER BY id DESC LIMIT 1",
        (day.isoformat(), meal, to_db(since)),
    )
    return _cluster(row) if row else None


async def get_cluster(db: Database, cluster_id: int) -> Cluster | None:
    row = await db.fetchone("SELECT * FROM clusters WHERE id = ?", (cluster_id,))
    return _cluster(row) if row else None


async def recent_cases_about(db: Database, day: date, meal: str, since: datetime) -> list[Case]:
    """Urgent, forwarded, not yet clustered cases about one meal created since a moment."""
    return await cases_where(
        db,
        "f.date = ? AND f.meal = ? AND f.urgent = 1 AND f.cluster_id IS NULL"
        " AND f.forwarded_at IS NOT NULL AND f.created_at >= ? ORDER BY f.id",
        (day.isoformat(), meal, to_db(since)),
    )


async def create_cluster(
    db: Database, day: date, meal: str, members: Sequence[int], now: datetime
) -> int:
    stamp = to_db(now)
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT INTO clusters (date, meal, created_at, last_member_at, last_summary_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (day.isoformat(), meal, stamp, stamp, stamp),
        )
        cluster_id = cur.lastrowid
        assert cluster_id is not None
        for case_id in members:
            await tx.execute(
                "UPDATE feedback SET cluster_id = ? WHERE id = ?", (cluster_id, case_id)
            )
            await add_event_in(tx, case_id, EventKind.CLUSTER, now, detail=str(cluster_id))
    return cluster_id


async def batch_into_cluster(db: Database, case_id: int, cluster_id: int, now: datetime) -> None:
    stamp = to_db(now)
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET cluster_id = ?, batched = 1, forwarded_at = ? WHERE id = ?",
            (cluster_id, stamp, case_id),
        )
        await tx.execute("UPDATE clusters SET last_member_at = ? WHERE id = ?", (stamp, cluster_id))
        await add_event_in(tx, case_id, EventKind.BATCHED, now, detail=str(cluster_id))


async def batched_cases(db: Database) -> list[Case]:
    return await cases_where(db, "f.batched = 1 ORDER BY f.cluster_id, f.id")


async def mark_announced(
    db: Database, cluster_id: int, case_ids: Sequence[int], now: datetime
) -> None:
    async with db.transaction() as tx:
        await tx.executemany(
            "UPDATE feedback SET batched = 0 WHERE id = ?", [(i,) for i in case_ids]
        )
        await tx.execute(
            "UPDATE clusters SET last_summary_at = ? WHERE id = ?", (to_db(now), cluster_id)
        )
        for case_id in case_ids:
            await add_event_in(
                tx, case_id, EventKind.FORWARDED, now, detail=f"cluster:{cluster_id}"
            )
