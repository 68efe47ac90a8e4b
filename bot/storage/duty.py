"""陪餐 duty: the roster, submitted records (versions, checks, 留样 per dish, photos), records in
progress and the digest opt-out. Records are only ever inserted: a correction is a new version."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage.cases import NewCase, insert_case_in
from bot.storage.db import Database


@dataclass(frozen=True)
class RosterEntry:
    date: date
    meal: str
    leader_id: int
    leader_name: str
    teacher: str


@dataclass(frozen=True)
class DutyPerson:
    user_id: int
    name: str


@dataclass(frozen=True)
class CheckResult:
    key: str
    label: str
    ok: bool
    note: str


@dataclass(frozen=True)
class RecordPhoto:
    check_key: str  # "" for a photo not tied to a check
    file_id: str


@dataclass(frozen=True)
class NewRecord:
    date: date
    meal: str
    replaces_id: int | None
    author_id: int
    author_name: str
    started_at: datetime
    finished_at: datetime
    ratings: tuple[str, str, str, str]  # food, hygiene, dining order, service
    students_said: str
    adverse: bool
    adverse_detail: str
    shared_photo: str | None
    checks: tuple[CheckResult, ...]
    samples: tuple[tuple[str, bool], ...]  # (dish, confirmed)
    photos: tuple[RecordPhoto, ...]


@dataclass(frozen=True)
class DutyRecord:
    id: int
    date: date
    meal: str
    version: int
    replaces_id: int | None
    author_id: int
    author_name: str
    started_at: datetime
    finished_at: datetime
    ratings: tuple[str, str, str, str]
    students_said: str
    adverse: bool
    adverse_detail: str
    shared_photo: str | None
    case_id: int | None
    checks: tuple[CheckResult, ...] = ()
    samples: tuple[tuple[str, bool], ...] = ()
    photos: tuple[RecordPhoto, ...] = ()


# ---- the roster ---------------------------------------------------------------------------------


async def duty_people(db: Database) -> list[DutyPerson]:
    rows = await db.fetchall(
        "SELECT r.user_id, COALESCE(u.first_name, '') AS name FROM roles r"
        " LEFT JOIN users u ON u.id = r.user_id WHERE r.role = 'duty' ORDER BY r.user_id"
    )
    return [DutyPerson(r["user_id"], r["name"]) for r in rows]


async def set_roster(
    db: Database,
    entries: Sequence[tuple[date, str, int, str]],
    by: int | None,
    now: datetime,
) -> None:
    """(date, meal, leader, teacher) rows, all or nothing; a new leader gets a new reminder."""
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT OR REPLACE INTO duty_roster (date, meal, leader_id, teacher, set_by, set_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(d.isoformat(), meal, leader, teacher, by, to_db(now)) for d, meal, leader, teacher
             in entries],
        )  # fmt: skip


_ROSTER_SELECT = (
    "SELECT d.date, d.meal, d.leader_id, COALESCE(u.first_name, '') AS name, d.teacher"
    " FROM duty_roster d LEFT JOIN users u ON u.id = d.leader_id"
)


def _entry(row: aiosqlite.Row) -> RosterEntry:
    return RosterEntry(
        date.fromisoformat(row["date"]), row["meal"], row["leader_id"], row["name"], row["teacher"]
    )


async def roster_between(db: Database, first: date, last: date) -> list[RosterEntry]:
    rows = await db.fetchall(
        _ROSTER_SELECT + " WHERE d.date BETWEEN ? AND ? ORDER BY d.date, d.meal",
        (first.isoformat(), last.isoformat()),
    )
    return [_entry(r) for r in rows]


async def unreminded(db: Database, day: date) -> list[RosterEntry]:
    rows = await db.fetchall(
        _ROSTER_SELECT + " WHERE d.date = ? AND d.reminded_at IS NULL", (day.isoformat(),)
    )
    return [_entry(r) for r in rows]


async def unreported_missing(db: Database, first: date, last: date) -> list[RosterEntry]:
    """Roster entries in the range with no record and not yet reported missing."""
    rows = await db.fetchall(
        _ROSTER_SELECT + " WHERE d.date BETWEEN ? AND ? AND d.missing_reported_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM duty_records r WHERE r.date = d.date AND r.meal = d.meal)",
        (first.isoformat(), last.isoformat()),
    )
    return [_entry(r) for r in rows]


async def claim(db: Database, entry: RosterEntry, column: str, now: datetime) -> bool:
    """Mark the reminder (reminded_at) or the missing report (missing_reported_at) as done;
    False when it already was: whoever marks it first sends it, once, across restarts."""
    assert column in ("reminded_at", "missing_reported_at")
    async with db.transaction() as tx:
        cur = await tx.execute(
            f"UPDATE duty_roster SET {column} = ? WHERE date = ? AND meal = ? AND {column} IS NULL",
            (to_db(now), entry.date.isoformat(), entry.meal),
        )
        return bool(cur.rowcount)


# ---- records ------------------------------------------------------------------------------------


async def add_record(
    db: Database, new: NewRecord, case: Callable[[int], NewCase] | None, now: datetime
) -> int:
    """The record with its checks, samples and photos, its case (case: the record id → the case,
    when it needs one; a correction keeps the case of the version it replaces) and the end of
    the draft: all or nothing."""
    async with db.transaction() as tx:
        async with tx.execute(
            "SELECT COALESCE(max(version), 0) FROM duty_records WHERE date = ? AND meal = ?",
            (new.date.isoformat(), new.meal),
        ) as cur:
            row = await cur.fetchone()
        version = (row[0] if row else 0) + 1
        case_id = None
        if new.replaces_id is not None:
            async with tx.execute(
                "SELECT case_id FROM duty_records WHERE id = ?", (new.replaces_id,)
            ) as cur:
                found = await cur.fetchone()
            case_id = found[0] if found else None
        cur = await tx.execute(
            "INSERT INTO duty_records (date, meal, version, replaces_id, author_id, author_name,"
            " started_at, finished_at, food, hygiene, dining_order, service, students_said,"
            " adverse, adverse_detail, shared_photo, case_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.date.isoformat(), new.meal, version, new.replaces_id, new.author_id,
                new.author_name, to_db(new.started_at), to_db(new.finished_at), *new.ratings,
                new.students_said, int(new.adverse), new.adverse_detail, new.shared_photo,
                case_id,
            ),
        )  # fmt: skip
        record_id = cur.lastrowid
        assert record_id is not None
        await tx.executemany(
            "INSERT INTO duty_checks (record_id, position, key, label, ok, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(record_id, i, c.key, c.label, int(c.ok), c.note) for i, c in enumerate(new.checks)],
        )
        await tx.executemany(
            "INSERT OR IGNORE INTO duty_samples (record_id, dish, confirmed) VALUES (?, ?, ?)",
            [(record_id, dish, int(ok)) for dish, ok in new.samples],
        )
        await tx.executemany(
            "INSERT INTO duty_photos (record_id, position, check_key, file_id) VALUES (?, ?, ?, ?)",
            [(record_id, i, p.check_key, p.file_id) for i, p in enumerate(new.photos)],
        )
        if case_id is None and case is not None:
            case_id = await insert_case_in(tx, case(record_id), now)
            await tx.execute(
                "UPDATE duty_records SET case_id = ? WHERE id = ?", (case_id, record_id)
            )
        await tx.execute("DELETE FROM duty_drafts WHERE user_id = ?", (new.author_id,))
    return record_id


def _record(row: aiosqlite.Row) -> DutyRecord:
    return DutyRecord(
        id=row["id"],
        date=date.fromisoformat(row["date"]),
        meal=row["meal"],
        version=row["version"],
        replaces_id=row["replaces_id"],
        author_id=row["author_id"],
        author_name=row["author_name"],
        started_at=from_db(row["started_at"]),
        finished_at=from_db(row["finished_at"]),
        ratings=(row["food"], row["hygiene"], row["dining_order"], row["service"]),
        students_said=row["students_said"],
        adverse=bool(row["adverse"]),
        adverse_detail=row["adverse_detail"],
        shared_photo=row["shared_photo"],
        case_id=row["case_id"],
    )


async def _full(db: Database, record: DutyRecord) -> DutyRecord:
    checks = await db.fetchall(
        "SELECT key, label, ok, note FROM duty_checks WHERE record_id = ? ORDER BY position",
        (record.id,),
    )
    samples = await db.fetchall(
        "SELECT dish, confirmed FROM duty_samples WHERE record_id = ? ORDER BY rowid", (record.id,)
    )
    photos = await db.fetchall(
        "SELECT check_key, file_id FROM duty_photos WHERE record_id = ? ORDER BY position",
        (record.id,),
    )
    return replace(
        record,
        checks=tuple(CheckResult(c["key"], c["label"], bool(c["ok"]), c["note"]) for c in checks),
        samples=tuple((s["dish"], bool(s["confirmed"])) for s in samples),
        photos=tuple(RecordPhoto(p["check_key"], p["file_id"]) for p in photos),
    )


async def get_record(db: Database, record_id: int) -> DutyRecord | None:
    row = await db.fetchone("SELECT * FROM duty_records WHERE id = ?", (record_id,))
    return None if row is None else await _full(db, _record(row))


async def versions(db: Database, day: date, meal: str) -> list[DutyRecord]:
    rows = await db.fetchall(
        "SELECT * FROM duty_records WHERE date = ? AND meal = ? ORDER BY version",
        (day.isoformat(), meal),
    )
    return [_record(r) for r in rows]


async def records_between(
    db: Database, first: date, last: date, latest_only: bool = True
) -> list[DutyRecord]:
    """Records with their checks, by date and meal; latest_only keeps each meal's current version."""
    latest = (
        " AND r.version = (SELECT max(version) FROM duty_records x"
        " WHERE x.date = r.date AND x.meal = r.meal)"
        if latest_only
        else ""
    )
    rows = await db.fetchall(
        "SELECT * FROM duty_records r WHERE r.date BETWEEN ? AND ?" + latest
        + " ORDER BY r.date, r.meal, r.version",
        (first.isoformat(), last.isoformat()),
    )  # fmt: skip
    return [await _full(db, _record(r)) for r in rows]


async def first_finished_between(
    db: Database, first: date, last: date
) -> dict[tuple[date, str], datetime]:
    """When each meal from first to last was first recorded (its earliest version)."""
    rows = await db.fetchall(
        "SELECT date, meal, min(finished_at) AS finished FROM duty_records"
        " WHERE date BETWEEN ? AND ? GROUP BY date, meal",
        (first.isoformat(), last.isoformat()),
    )
    return {(date.fromisoformat(r["date"]), r["meal"]): from_db(r["finished"]) for r in rows}


# ---- drafts -------------------------------------------------------------------------------------


async def get_draft(db: Database, user_id: int) -> dict[str, Any] | None:
    value = await db.fetchval("SELECT data FROM duty_drafts WHERE user_id = ?", (user_id,))
    if value is None:
        return None
    data = json.loads(value)
    return data if isinstance(data, dict) else None


async def save_draft(db: Database, user_id: int, data: dict[str, Any], now: datetime) -> None:
    await db.execute(
        "INSERT OR REPLACE INTO duty_drafts (user_id, data, updated_at) VALUES (?, ?, ?)",
        (user_id, json.dumps(data, ensure_ascii=False), to_db(now)),
    )


async def delete_draft(db: Database, user_id: int) -> None:
    await db.execute("DELETE FROM duty_drafts WHERE user_id = ?", (user_id,))


# ---- the evening digest ---------------------------------------------------------------------------


async def digest_off(db: Database, user_id: int) -> bool:
    found = await db.fetchval("SELECT 1 FROM duty_digest_off WHERE user_id = ?", (user_id,))
    return found is not None


async def set_digest(db: Database, user_id: int, on: bool) -> None:
    if on:
        await db.execute("DELETE FROM duty_digest_off WHERE user_id = ?", (user_id,))
    else:
        await db.execute("INSERT OR IGNORE INTO duty_digest_off (user_id) VALUES (?)", (user_id,))


async def digest_recipients(db: Database) -> list[int]:
    """Active parents (with a child) who have the daily menu on and the digest not off."""
    rows = await db.fetchall(
        "SELECT DISTINCT u.id FROM users u JOIN children c ON c.parent_id = u.id"
        " WHERE u.status = 'active' AND u.menu_opt_in = 1"
        " AND u.id NOT IN (SELECT user_id FROM duty_digest_off) ORDER BY u.id"
    )
    return [r[0] for r in rows]
