"""Bulk writes for seeding large schools (benchmarks, demos, imports of existing rosters).

Row-at-a-time helpers (people.ensure_user, people.add_child) each take the write lock and commit;
for 100,000 parents that is minutes of fsync. These write thousands of rows per transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from bot.clock import to_db
from bot.storage.db import Database
from bot.storage.people import _CHILD_SELECT, ChildRecord, UserRecord, _child, _user


@dataclass(frozen=True)
class NewParent:
    user_id: int
    first_name: str
    language: str
    class_id: int
    child_name: str
    allergens: tuple[str, ...] = ()


async def add_parents_bulk(
    db: Database, parents: Iterable[NewParent], now: datetime, chunk: int = 5000
) -> int:
    """Each parent (an active user who wants the daily menu) with one child, `chunk` parents per
    transaction. A parent who already exists keeps their row; a child is added either way.
    Returns how many parents were written."""
    stamp = to_db(now)
    written = 0
    items = iter(parents)
    while batch := list(islice(items, chunk)):
        await _write(db, batch, stamp)
        written += len(batch)
    return written


async def _write(db: Database, batch: Sequence[NewParent], stamp: str) -> None:
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT OR IGNORE INTO users (id, first_name, username, language, created_at,"
            " updated_at) VALUES (?, ?, NULL, ?, ?, ?)",
            [(p.user_id, p.first_name, p.language, stamp, stamp) for p in batch],
        )
        await tx.executemany(
            "INSERT INTO children (parent_id, class_id, name, allergens, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(p.user_id, p.class_id, p.child_name, ",".join(p.allergens), stamp) for p in batch],
        )


# ---- bulk reads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What a per-recipient renderer needs about one chat: the person (None if unknown) and
    their children."""

    user: UserRecord | None
    children: tuple[ChildRecord, ...]


async def profiles(db: Database, user_ids: Sequence[int]) -> dict[int, Profile]:
    """Users and their children for many ids in two queries; every asked id gets an entry."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    users = {
        row["id"]: _user(row)
        for row in await db.fetchall(f"SELECT * FROM users WHERE id IN ({marks})", ids)
    }
    children: dict[int, list[ChildRecord]] = {}
    for row in await db.fetchall(
        _CHILD_SELECT + f" WHERE c.parent_id IN ({marks}) ORDER BY c.id", ids
    ):
        child = _child(row)
        children.setdefault(child.parent_id, []).append(child)
    return {i: Profile(users.get(i), tuple(children.get(i, ()))) for i in ids}


_COUNTABLE = frozenset(
    {"users", "children", "ratings", "feedback", "feedback_offers", "deliveries", "conversations"}
)


async def row_counts(db: Database, tables: Sequence[str]) -> dict[str, int]:
    """How many rows some tables hold (benchmarks check that everything was stored)."""
    counts: dict[str, int] = {}
    for table in tables:
        if table not in _COUNTABLE:
            raise ValueError(f"not a countable table: {table}")
        counts[table] = int(await db.fetchval(f"SELECT count(*) FROM {table}"))
    return counts
