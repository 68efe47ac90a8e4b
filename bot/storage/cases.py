"""Reports (cases): the feedback row, its photos and its audit trail (feedback_events). The
messages that belong to a case: storage.links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage import people
from bot.storage.db import Database
from bot.storage.links import MessageLink, add_links_in


class CaseStatus(StrEnum):
    RECORDED = "recorded"  # not flagged: counted, never sent to the group
    OPEN = "open"  # flagged and waiting for an acknowledgement (it escalates)
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"  # staff replied to the parent, which acknowledges it too
    RESOLVED = "resolved"


class EventKind(StrEnum):
    """A line of a case's history (the catalog's fb-event-<kind>)."""

    CREATED = "created"
    FORWARDED = "forwarded"
    BATCHED = "batched"
    CLUSTER = "cluster"
    ACKNOWLEDGED = "acknowledged"
    REPLIED = "replied"
    PARENT_REPLIED = "parent-replied"
    RESOLVED = "resolved"
    ESCALATED = "escalated"
    FOLLOW_UP_SENT = "follow-up-sent"
    FOLLOW_UP = "follow-up"
    SAMPLES_SEALED = "samples-sealed"  # the meal's 留样 kept and sealed beyond 48 h


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
    status: CaseStatus
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
    # The meal's retained samples, once someone confirmed them sealed (storage.samples).
    samples_sealed_at: datetime | None = None
    samples_sealed_by: str = ""


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: EventKind
    actor_id: int | None
    actor_name: str
    detail: str


def _opt_time(value: str | None) -> datetime | None:
    return from_db(value) if value else None


# Cases are read with their parent's name and language (for the card and for messages to them).
CASE_SELECT = (
    "SELECT f.*, u.first_name AS parent_name, u.username AS parent_username,"
    " u.language AS parent_lang, u.status AS parent_status,"
    " s.at AS samples_sealed_at, s.actor_name AS samples_sealed_by"
    " FROM feedback f LEFT JOIN users u ON u.id = f.parent_id"
    " LEFT JOIN sample_seals s ON s.date = f.date AND s.meal = f.meal"
)


def case_of_row(row: aiosqlite.Row, photos: tuple[str, ...] = ()) -> Case:
    """A CASE_SELECT row; photos are read only where they are shown (a case's card)."""
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
        status=CaseStatus(row["status"]),
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
        samples_sealed_at=_opt_time(row["samples_sealed_at"]),
        samples_sealed_by=row["samples_sealed_by"] or "",
    )


async def cases_where(db: Database, condition: str, params: Sequence[object] = ()) -> list[Case]:
    """Cases (without photos) matching an SQL condition on f (feedback) and u (its parent)."""
    rows = await db.fetchall(f"{CASE_SELECT} WHERE {condition}", params)
    return [case_of_row(r) for r in rows]


async def add_event_in(
    tx: aiosqlite.Connection,
    case_id: int,
    kind: EventKind,
    now: datetime,
    actor_id: int | None = None,
    actor_name: str = "",
    detail: str = "",
) -> None:
    """A line of the case's history, inside the transaction that made the change."""
    await tx.execute(
        "INSERT INTO feedback_events (feedback_id, at, kind, actor_id, actor_name, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (case_id, to_db(now), kind, actor_id, actor_name, detail),
    )


# ---- a case -------------------------------------------------------------------------------------


async def create_case(db: Database, new: NewCase, now: datetime) -> int:
    """The report, its photos, its first event and the end of the parent's flow: all or
    nothing, so a report is never half written nor sent twice."""
    async with db.transaction() as tx:
        case_id = await insert_case_in(tx, new, now)
        await people.clear_conversation_in(tx, new.parent_id)
    return case_id


async def insert_case_in(tx: aiosqlite.Connection, new: NewCase, now: datetime) -> int:
    """The case, its photos and its first event, inside the transaction of what it is about (a
    report, or a 家长陪餐 record)."""
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
            CaseStatus.OPEN if new.flagged else CaseStatus.RECORDED,
            to_db(now),
        ),
    )
    case_id = cur.lastrowid
    assert case_id is not None
    await tx.executemany(
        "INSERT INTO feedback_photos (feedback_id, position, file_id) VALUES (?, ?, ?)",
        [(case_id, i, file_id) for i, file_id in enumerate(new.photos)],
    )
    await add_event_in(tx, case_id, EventKind.CREATED, now, new.parent_id)
    return case_id


async def get_case(db: Database, case_id: int) -> Case | None:
    row = await db.fetchone(CASE_SELECT + " WHERE f.id = ?", (case_id,))
    if row is None:
        return None
    photos = await db.fetchall(
        "SELECT file_id FROM feedback_photos WHERE feedback_id = ? ORDER BY position", (case_id,)
    )
    return case_of_row(row, tuple(p["file_id"] for p in photos))


async def cases_of_parent(db: Database, parent_id: int, limit: int) -> list[Case]:
    return await cases_where(db, "f.parent_id = ? ORDER BY f.id DESC LIMIT ?", (parent_id, limit))


async def count_cases_of_parent(db: Database, parent_id: int) -> int:
    return int(await db.fetchval("SELECT count(*) FROM feedback WHERE parent_id = ?", (parent_id,)))


async def unforwarded(db: Database) -> list[Case]:
    return await cases_where(db, "f.flagged = 1 AND f.forwarded_at IS NULL ORDER BY f.id")


async def open_cases(db: Database) -> list[Case]:
    return await cases_where(
        db, "f.flagged = 1 AND f.status != ? ORDER BY f.id", (CaseStatus.RESOLVED,)
    )


async def unacknowledged(db: Database) -> list[Case]:
    return await cases_where(db, "f.status = ? ORDER BY f.id", (CaseStatus.OPEN,))


# ---- its card -----------------------------------------------------------------------------------


async def mark_forwarded(db: Database, case_id: int, card: MessageLink, now: datetime) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET forwarded_at = ?, card_chat_id = ?, card_message_id = ?,"
            " card_steps_sent = 0 WHERE id = ?",
            (to_db(now), card.chat_id, card.message_id, case_id),
        )
        await add_links_in(tx, case_id, [card])
        await add_event_in(tx, case_id, EventKind.FORWARDED, now)


async def set_card(db: Database, case_id: int, chat_id: int, message_id: int) -> None:
    """A case batched into an outbreak summary gets its card when someone opens it (/case N)."""
    await db.execute(
        "UPDATE feedback SET card_chat_id = ?, card_message_id = ?"
        " WHERE id = ? AND card_message_id IS NULL",
        (chat_id, message_id, case_id),
    )


async def move_card(db: Database, case_id: int, card: MessageLink) -> None:
    """The case's card posted again in the group's new chat (Telegram moved the group)."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET card_chat_id = ?, card_message_id = ?, card_steps_sent = 0"
            " WHERE id = ?",
            (card.chat_id, card.message_id, case_id),
        )
        await add_links_in(tx, case_id, [card])


# ---- what staff and the parent do ----------------------------------------------------------------


async def acknowledge(
    db: Database, case_id: int, actor_id: int, actor_name: str, now: datetime
) -> bool:
    """open → acknowledged; False when the case was not open (already handled, or unknown)."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE feedback SET status = ?, acknowledged_at = ?, acknowledged_by = ?"
            " WHERE id = ? AND status = ?",
            (CaseStatus.ACKNOWLEDGED, to_db(now), actor_name, case_id, CaseStatus.OPEN),
        )
        if not cur.rowcount:
            return False
        await add_event_in(tx, case_id, EventKind.ACKNOWLEDGED, now, actor_id, actor_name)
    return True


async def record_reply(
    db: Database, case_id: int, actor_id: int, actor_name: str, text: str, now: datetime
) -> bool:
    """A staff reply relayed to the parent; an unhandled case becomes answered (a reply is an
    acknowledgement too, so escalation stops). False when the case is unknown."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE feedback SET replies = replies + 1, last_reply_by = ?,"
            " acknowledged_at = COALESCE(acknowledged_at, ?),"
            " acknowledged_by = COALESCE(acknowledged_by, ?),"
            " answered_at = COALESCE(answered_at, ?),"
            " status = CASE WHEN status IN (?, ?) THEN ? ELSE status END"
            " WHERE id = ?",
            (
                actor_name,
                stamp,
                actor_name,
                stamp,
                CaseStatus.OPEN,
                CaseStatus.ACKNOWLEDGED,
                CaseStatus.ANSWERED,
                case_id,
            ),
        )
        if not cur.rowcount:
            return False
        await add_event_in(tx, case_id, EventKind.REPLIED, now, actor_id, actor_name, text)
    return True


async def resolve(
    db: Database, case_id: int, actor_id: int, actor_name: str, note: str, now: datetime
) -> bool:
    stamp = to_db(now)
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE feedback SET status = ?, resolved_at = ?, resolved_by = ?,"
            " resolution = ?, acknowledged_at = COALESCE(acknowledged_at, ?),"
            " acknowledged_by = COALESCE(acknowledged_by, ?)"
            " WHERE id = ? AND flagged = 1 AND status != ?",
            (
                CaseStatus.RESOLVED,
                stamp,
                actor_name,
                note,
                stamp,
                actor_name,
                case_id,
                CaseStatus.RESOLVED,
            ),
        )
        if not cur.rowcount:
            return False
        await add_event_in(tx, case_id, EventKind.RESOLVED, now, actor_id, actor_name, note)
    return True


async def add_event(
    db: Database, case_id: int, kind: EventKind, now: datetime, actor_id: int, detail: str
) -> None:
    """Something the parent said about the case (a reply, a follow-up answer)."""
    async with db.transaction() as tx:
        await add_event_in(tx, case_id, kind, now, actor_id, "", detail)


async def events_of(db: Database, case_id: int) -> list[Event]:
    rows = await db.fetchall(
        "SELECT at, kind, actor_id, actor_name, detail FROM feedback_events"
        " WHERE feedback_id = ? ORDER BY id",
        (case_id,),
    )
    return [
        Event(from_db(r["at"]), EventKind(r["kind"]), r["actor_id"], r["actor_name"], r["detail"])
        for r in rows
    ]


# ---- escalation and follow-up -------------------------------------------------------------------


async def set_escalation(db: Database, case_ids: Sequence[int], level: int, now: datetime) -> None:
    async with db.transaction() as tx:
        for case_id in case_ids:
            await tx.execute(
                "UPDATE feedback SET escalations = ? WHERE id = ? AND escalations < ?",
                (level, case_id, level),
            )
            await add_event_in(tx, case_id, EventKind.ESCALATED, now, detail=str(level))


async def followups_due(
    db: Database, categories: Sequence[str], created_before: datetime
) -> list[Case]:
    marks = ",".join("?" * len(categories))
    return await cases_where(
        db,
        f"f.category IN ({marks}) AND f.followup_sent_at IS NULL"
        " AND f.parent_id IS NOT NULL AND f.created_at <= ? ORDER BY f.id",
        [*categories, to_db(created_before)],
    )


async def mark_followup_sent(
    db: Database, case_id: int, links: Iterable[MessageLink], now: datetime
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE feedback SET followup_sent_at = ? WHERE id = ?", (to_db(now), case_id)
        )
        await add_links_in(tx, case_id, links)
        await add_event_in(tx, case_id, EventKind.FOLLOW_UP_SENT, now)
