"""Ratings, reports (cases), their photos, clusters, the audit trail, message links and offers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage.db import Database

# ---- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewCase:
    parent_id: int
    child_id: int | None
    class_name: str
    date: date
    meal: str
    dish: str
    category: str
    rating: int | None
    text: str
    affected: int | None
    onset: str
    anonymous: bool
    flagged: bool
    urgent: bool
    reasons: tuple[str, ...]
    photos: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    id: int
    parent_id: int | None
    parent_name: str
    parent_username: str | None
    parent_lang: str | None
    parent_active: bool  # False: the parent erased their data, stopped or blocked the bot
    child_id: int | None
    class_name: str
    date: date
    meal: str
    dish: str
    category: str
    rating: int | None
    text: str
    affected: int | None
    onset: str
    anonymous: bool
    flagged: bool
    urgent: bool
    reasons: tuple[str, ...]
    status: str
    created_at: datetime
    forwarded_at: datetime | None
    card_chat_id: int | None
    card_message_id: int | None
    cluster_id: int | None
    batched: bool
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    answered_at: datetime | None
    replies: int
    last_reply_by: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    escalations: int
    followup_sent_at: datetime | None
    photos: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    actor_id: int | None
    actor_name: str
    detail: str


@dataclass(frozen=True)
class Cluster:
    id: int
    date: date
    meal: str
    created_at: datetime
    last_member_at: datetime
    last_summary_at: datetime


@dataclass(frozen=True)
class Offer:
    id: int
    user_id: int
    text: str
    photos: tuple[str, ...]
    media_group_id: str | None


@dataclass(frozen=True)
class Link:
    feedback_id: int
    kind: str


def _opt_time(value: str | None) -> datetime | None:
    return from_db(value) if value else None


_CASE_SELECT = (
    "SELECT f.*, u.first_name AS parent_name, u.username AS parent_username,"
    " u.language AS parent_lang, u.status AS parent_status"
    " FROM feedback f LEFT JOIN users u ON u.id = f.parent_id"
)


def _case(row: aiosqlite.Row, photos: tuple[str, ...] = ()) -> Case:
    """photos are read only where they are shown (a case's card), not for lists."""
    return Case(
        id=row["id"],
        parent_id=row["parent_id"],
        parent_name=row["parent_name"] or "",
        parent_username=row["parent_username"],
        parent_lang=row["parent_lang"],
        parent_active=row["parent_status"] == "active",
        child_id=row["child_id"],
        class_name=row["class_name"],
        date=date.fromisoformat(row["date"]),
        meal=row["meal"],
        dish=row["dish"],
        category=row["category"],
        rating=row["rating"],
        text=row["text"],
        affected=row["affected"],
        onset=row["onset"],
        anonymous=bool(row["anonymous"]),
        flagged=bool(row["flagged"]),
        urgent=bool(row["urgent"]),
        reasons=tuple(r for r in row["reasons"].split(",") if r),
        status=row["status"],
        created_at=from_db(row["created_at"]),
        forwarded_at=_opt_time(row["forwarded_at"]),
        card_chat_id=row["card_chat_id"],
        card_message_id=row["card_message_id"],
        cluster_id=row["cluster_id"],
        batched=bool(row["batched"]),
        acknowledged_at=_opt_time(row["acknowledged_at"]),
        acknowledged_by=row["acknowledged_by"],
        answered_at=_opt_time(row["answered_at"]),
        replies=row["replies"],
        last_reply_by=row["last_reply_by"],
        resolved_at=_opt_time(row["resolved_at"]),
        resolved_by=row["resolved_by"],
        resolution=row["resolution"],
        escalations=row["escalations"],
        followup_sent_at=_opt_time(row["followup_sent_at"]),
        photos=photos,
    )


def _cluster(row: aiosqlite.Row) -> Cluster:
    return Cluster(
        row["id"],
        date.fromisoformat(row["date"]),
        row["meal"],
        from_db(row["created_at"]),
        from_db(row["last_member_at"]),
        from_db(row["last_summary_at"]),
    )


async def _event(
    tx: aiosqlite.Connection,
    feedback_id: int,
    kind: str,
    now: datetime,
    actor_id: int | None = None,
    actor_name: str = "",
    detail: str = "",
) -> None:
    await tx.execute(
        "INSERT INTO feedback_events (feedback_id, at, kind, actor_id, actor_name, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (feedback_id, to_db(now), kind, actor_id, actor_name, detail),
    )


# ---- ratings -----------------------------------------------------------------------------------


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


# ---- cases -------------------------------------------------------------------------------------


async def create_case(db: Database, new: NewCase, now: datetime) -> int:
    """The report, its photos and its first event, and the end of the parent's flow: all or
    nothing, so a report is never half written nor sent twice."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT INTO feedback (parent_id, child_id, class_name, date, meal, dish, category,"
            " rating, text, affected, onset, anonymous, flagged, urgent, reasons, status,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.parent_id,
                new.child_id,
                new.class_name,
                new.date.isoformat(),
                new.meal,
                new.dish,
                new.category,
                new.rating,
                new.text,
                new.affected,
                new.onset,
                int(new.anonymous),
                int(new.flagged),
                int(new.urgent),
                ",".join(new.reasons),
                "open" if new.flagged else "recorded",
                stamp,
            ),
        )
        case_id = cur.lastrowid
        assert case_id is not None
        await tx.executemany(
            "INSERT INTO feedback_photos (feedback_id, position, file_id) VALUES (?, ?, ?)",
            [(case_id, i, file_id) for i, file_id in enumerate(new.photos)],
        )
        await _event(tx, case_id, "created", now, new.parent_id)
        await tx.execute("DELETE FROM conversations WHERE user_id = ?", (new.parent_id,))
    return case_id


async def get_case(db: Database, case_id: int) -> Case | None:
    row = await db.fetchone(_CASE_SELECT + " WHERE f.id = ?", (case_id,))
    if row is None:
        return None
    photos = await db.fetchall(
        "SELECT file_id FROM feedback_photos WHERE feedback_id = ? ORDER BY position", (case_id,)
    )
    return _case(row, tuple(p["file_id"] for p in photos))


async def cases_of_parent(db: Database, parent_id: int, limit: int) -> list[Case]:
    rows = await db.fetchall(
        _CASE_SELECT + " WHERE f.parent_id = ? ORDER BY f.id DESC LIMIT ?", (parent_id, limit)
    )
    return [_case(r) for r in rows]


async def count_cases_of_parent(db: Database, parent_id: int) -> int:
    return int(await db.fetchval("SELECT count(*) FROM feedback WHERE parent_id = ?", (parent_id,)))


async def unforwarded(db: Database) -> list[Case]:
    rows = await db.fetchall(
        _CASE_SELECT + " WHERE f.flagged = 1 AND f.forwarded_at IS NULL ORDER BY f.id"
    )
    return [_case(r) for r in rows]


async def open_cases(db: Database) -> list[Case]:
    rows = await db.fetchall(
        _CASE_SELECT + " WHERE f.flagged = 1 AND f.status != 'resolved' ORDER BY f.id"
    )
    return [_case(r) for r in rows]


async def unacknowledged(db: Database) -> list[Case]:
    rows = await db.fetchall(_CASE_SELECT + " WHERE f.status = 'open' ORDER BY f.id")
    return [_case(r) for r in rows]


async def mark_forwarded(
    db: Database,
    case_id: int,
    chat_id: int,
    card_message_id: int,
    links: Iterable[tuple[int, int, str]],
    now: datetime,
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET forwarded_at = ?, card_chat_id = ?, card_message_id = ?"
            " WHERE id = ?",
            (to_db(now), chat_id, card_message_id, case_id),
        )
        await _add_links(tx, case_id, links)
        await _event(tx, case_id, "forwarded", now)


async def _add_links(
    tx: aiosqlite.Connection, case_id: int, links: Iterable[tuple[int, int, str]]
) -> None:
    await tx.executemany(
        "INSERT OR REPLACE INTO feedback_messages (chat_id, message_id, feedback_id, kind)"
        " VALUES (?, ?, ?, ?)",
        [(chat, message, case_id, kind) for chat, message, kind in links],
    )


async def set_card(db: Database, case_id: int, chat_id: int, message_id: int) -> None:
    """A case batched into an outbreak summary gets its card when someone opens it (/case N)."""
    await db.execute(
        "UPDATE feedback SET card_chat_id = ?, card_message_id = ?"
        " WHERE id = ? AND card_message_id IS NULL",
        (chat_id, message_id, case_id),
    )


async def move_card(db: Database, case_id: int, chat_id: int, message_id: int) -> None:
    """The case's card posted again in the group's new chat (Telegram moved the group)."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET card_chat_id = ?, card_message_id = ? WHERE id = ?",
            (chat_id, message_id, case_id),
        )
        await _add_links(tx, case_id, [(chat_id, message_id, "card")])


async def add_links(db: Database, case_id: int, links: Iterable[tuple[int, int, str]]) -> None:
    async with db.transaction() as tx:
        await _add_links(tx, case_id, links)


async def link_of(db: Database, chat_id: int, message_id: int) -> Link | None:
    row = await db.fetchone(
        "SELECT feedback_id, kind FROM feedback_messages WHERE chat_id = ? AND message_id = ?",
        (chat_id, message_id),
    )
    return Link(row["feedback_id"], row["kind"]) if row else None


async def acknowledge(
    db: Database, case_id: int, actor_id: int, actor_name: str, now: datetime
) -> bool:
    """open → acknowledged; False when the case was not open (already handled, or unknown)."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE feedback SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?"
            " WHERE id = ? AND status = 'open'",
            (to_db(now), actor_name, case_id),
        )
        if not cur.rowcount:
            return False
        await _event(tx, case_id, "acknowledged", now, actor_id, actor_name)
    return True


async def record_reply(
    db: Database, case_id: int, actor_id: int, actor_name: str, text: str, now: datetime
) -> str | None:
    """A staff reply relayed to the parent; an unhandled case becomes answered (a reply is an
    acknowledgement too, so escalation stops). Returns the status before, None if unknown."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        async with tx.execute("SELECT status FROM feedback WHERE id = ?", (case_id,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        before = str(row["status"])
        await tx.execute(
            "UPDATE feedback SET replies = replies + 1, last_reply_by = ?,"
            " acknowledged_at = COALESCE(acknowledged_at, ?),"
            " acknowledged_by = COALESCE(acknowledged_by, ?),"
            " answered_at = COALESCE(answered_at, ?),"
            " status = CASE WHEN status IN ('open', 'acknowledged') THEN 'answered' ELSE status END"
            " WHERE id = ?",
            (actor_name, stamp, actor_name, stamp, case_id),
        )
        await _event(tx, case_id, "replied", now, actor_id, actor_name, text)
    return before


async def resolve(
    db: Database, case_id: int, actor_id: int, actor_name: str, note: str, now: datetime
) -> bool:
    stamp = to_db(now)
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE feedback SET status = 'resolved', resolved_at = ?, resolved_by = ?,"
            " resolution = ?, acknowledged_at = COALESCE(acknowledged_at, ?),"
            " acknowledged_by = COALESCE(acknowledged_by, ?)"
            " WHERE id = ? AND flagged = 1 AND status != 'resolved'",
            (stamp, actor_name, note, stamp, actor_name, case_id),
        )
        if not cur.rowcount:
            return False
        await _event(tx, case_id, "resolved", now, actor_id, actor_name, note)
    return True


async def add_event(
    db: Database,
    case_id: int,
    kind: str,
    now: datetime,
    actor_id: int | None = None,
    actor_name: str = "",
    detail: str = "",
) -> None:
    async with db.transaction() as tx:
        await _event(tx, case_id, kind, now, actor_id, actor_name, detail)


async def events_of(db: Database, case_id: int) -> list[Event]:
    rows = await db.fetchall(
        "SELECT at, kind, actor_id, actor_name, detail FROM feedback_events"
        " WHERE feedback_id = ? ORDER BY id",
        (case_id,),
    )
    return [
        Event(from_db(r["at"]), r["kind"], r["actor_id"], r["actor_name"], r["detail"])
        for r in rows
    ]


async def set_escalation(db: Database, case_ids: Sequence[int], level: int, now: datetime) -> None:
    async with db.transaction() as tx:
        for case_id in case_ids:
            await tx.execute(
                "UPDATE feedback SET escalations = ? WHERE id = ? AND escalations < ?",
                (level, case_id, level),
            )
            await _event(tx, case_id, "escalated", now, detail=str(level))


async def followups_due(
    db: Database, categories: Sequence[str], created_before: datetime
) -> list[Case]:
    marks = ",".join("?" * len(categories))
    rows = await db.fetchall(
        _CASE_SELECT + f" WHERE f.category IN ({marks}) AND f.followup_sent_at IS NULL"
        " AND f.parent_id IS NOT NULL AND f.created_at <= ? ORDER BY f.id",
        [*categories, to_db(created_before)],
    )
    return [_case(r) for r in rows]


async def mark_followup_sent(
    db: Database, case_id: int, links: Iterable[tuple[int, int, str]], now: datetime
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET followup_sent_at = ? WHERE id = ?", (to_db(now), case_id)
        )
        await _add_links(tx, case_id, links)
        await _event(tx, case_id, "follow-up-sent", now)


# ---- clusters ----------------------------------------------------------------------------------


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
    rows = await db.fetchall(
        _CASE_SELECT + " WHERE f.date = ? AND f.meal = ? AND f.urgent = 1"
        " AND f.cluster_id IS NULL AND f.forwarded_at IS NOT NULL AND f.created_at >= ?"
        " ORDER BY f.id",
        (day.isoformat(), meal, to_db(since)),
    )
    return [_case(r) for r in rows]


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
            await _event(tx, case_id, "cluster", now, detail=str(cluster_id))
    return cluster_id


async def batch_into_cluster(db: Database, case_id: int, cluster_id: int, now: datetime) -> None:
    stamp = to_db(now)
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET cluster_id = ?, batched = 1, forwarded_at = ? WHERE id = ?",
            (cluster_id, stamp, case_id),
        )
        await tx.execute("UPDATE clusters SET last_member_at = ? WHERE id = ?", (stamp, cluster_id))
        await _event(tx, case_id, "batched", now, detail=str(cluster_id))


async def batched_cases(db: Database) -> list[Case]:
    rows = await db.fetchall(_CASE_SELECT + " WHERE f.batched = 1 ORDER BY f.cluster_id, f.id")
    return [_case(r) for r in rows]


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
            await _event(tx, case_id, "forwarded", now, detail=f"cluster:{cluster_id}")


# ---- offers ------------------------------------------------------------------------------------


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


# ---- the report flow's conversations -----------------------------------------------------------


async def drop_conversation_if(db: Database, user_id: int, flow: str, expires_at: datetime) -> bool:
    """Remove a conversation only if it is still the one that was found expired."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "DELETE FROM conversations WHERE user_id = ? AND flow = ? AND expires_at = ?",
            (user_id, flow, to_db(expires_at)),
        )
        return cur.rowcount > 0
