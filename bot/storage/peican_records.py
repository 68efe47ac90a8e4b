"""家长陪餐 records: what a parent found, their photos, and (when anything was 差) the case it
opened, written with the record in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage import people
from bot.storage.cases import NewCase, insert_case_in
from bot.storage.db import Database
from bot.storage.peican import PeicanEvent, event_in


@dataclass(frozen=True)
class NewRecord:
    application_id: int
    parent_id: int
    date: date
    meal: str
    grades: tuple[str, str, str, str]  # hygiene, dining order, staff, quality
    note: str
    photos: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    id: int
    application_id: int
    parent_id: int | None
    parent_name: str
    date: date
    meal: str
    grades: tuple[str, str, str, str]
    note: str
    photos: tuple[str, ...]
    case_id: int | None
    case_status: str | None
    created_at: datetime


_SELECT = (
    "SELECT r.*, u.first_name AS parent_name, f.status AS case_status FROM peican_records r"
    " LEFT JOIN users u ON u.id = r.parent_id LEFT JOIN feedback f ON f.id = r.case_id"
)


async def _record(db: Database, row: aiosqlite.Row) -> Record:
    photos = await db.fetchall(
        "SELECT file_id FROM peican_photos WHERE record_id = ? ORDER BY position", (row["id"],)
    )
    return Record(
        id=row["id"],
        application_id=row["application_id"],
        parent_id=row["parent_id"],
        parent_name=row["parent_name"] or "",
        date=date.fromisoformat(row["date"]),
        meal=row["meal"],
        grades=(row["hygiene"], row["dining_order"], row["staff"], row["quality"]),
        note=row["note"],
        photos=tuple(p["file_id"] for p in photos),
        case_id=row["case_id"],
        case_status=row["case_status"],
        created_at=from_db(row["created_at"]),
    )


class _AlreadyRecorded(Exception):
    """Rolls the transaction back, the case with it."""


async def create_record(
    db: Database, new: NewRecord, case: NewCase | None, now: datetime
) -> int | None:
    """The record, its photos, its case (if any) and the end of the parent's flow: all or
    nothing. None when the application has a record already (a double tap)."""
    try:
        async with db.transaction() as tx:
            case_id = None if case is None else await insert_case_in(tx, case, now)
            cur = await tx.execute(
                "INSERT INTO peican_records (application_id, parent_id, date, meal, hygiene,"
                " dining_order, staff, quality, note, case_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(application_id) DO NOTHING",
                (
                    new.application_id,
                    new.parent_id,
                    new.date.isoformat(),
                    new.meal,
                    *new.grades,
                    new.note,
                    case_id,
                    to_db(now),
                ),
            )
            if not cur.rowcount:
                raise _AlreadyRecorded
            record_id = cur.lastrowid
            assert record_id is not None
            await tx.executemany(
                "INSERT INTO peican_photos (record_id, position, file_id) VALUES (?, ?, ?)",
                [(record_id, i, file_id) for i, file_id in enumerate(new.photos)],
            )
            await event_in(tx, new.application_id, PeicanEvent.RECORDED, now, new.parent_id)
            await people.clear_conversation_in(tx, new.parent_id)
    except _AlreadyRecorded:
        return None
    return record_id


async def get_record(db: Database, record_id: int) -> Record | None:
    row = await db.fetchone(_SELECT + " WHERE r.id = ?", (record_id,))
    return None if row is None else await _record(db, row)


async def unsent_cards(db: Database) -> list[Record]:
    """Records without a case whose card has not reached the group yet."""
    rows = await db.fetchall(
        _SELECT + " WHERE r.case_id IS NULL AND r.sent_at IS NULL ORDER BY r.id"
    )
    return [await _record(db, r) for r in rows]


async def mark_sent(db: Database, record_id: int, now: datetime) -> None:
    await db.execute("UPDATE peican_records SET sent_at = ? WHERE id = ?", (to_db(now), record_id))


async def records_on(db: Database, day: date) -> list[Record]:
    rows = await db.fetchall(
        _SELECT + " WHERE r.date = ? ORDER BY r.meal, r.id", (day.isoformat(),)
    )
    return [await _record(db, r) for r in rows]


async def record_of(db: Database, application_id: int) -> Record | None:
    row = await db.fetchone(_SELECT + " WHERE r.application_id = ?", (application_id,))
    return None if row is None else await _record(db, row)
