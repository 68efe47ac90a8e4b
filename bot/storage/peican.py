"""家长陪餐: parent days, applications (the seats rule is one UPDATE), and their audit trail.
The records parents fill in afterwards: storage.peican_records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage import people
from bot.storage.db import Database


class DayStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class PeicanEvent(StrEnum):
    """A line of an application's audit trail."""

    APPLIED = "applied"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    REMINDED = "reminded"
    RECORD_ASKED = "record-asked"
    RECORDED = "recorded"


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: PeicanEvent
    actor_name: str


@dataclass(frozen=True)
class Day:
    id: int
    date: date
    meal: str
    seats: int
    status: DayStatus
    approved: int
    pending: int

    @property
    def seats_left(self) -> int:
        return max(0, self.seats - self.approved)


@dataclass(frozen=True)
class Application:
    id: int
    day_id: int
    date: date
    meal: str
    parent_id: int | None
    parent_name: str
    parent_lang: str | None
    phone: str
    status: ApplicationStatus
    created_at: datetime
    decided_by: str
    recorded: bool


_DAY_SELECT = (
    "SELECT d.*,"
    " (SELECT count(*) FROM peican_applications a WHERE a.day_id = d.id AND a.status = 'approved')"
    " AS approved,"
    " (SELECT count(*) FROM peican_applications a WHERE a.day_id = d.id AND a.status = 'pending')"
    " AS pending FROM peican_days d"
)
_APPLICATION_SELECT = (
    "SELECT a.*, d.date AS date, d.meal AS meal, u.first_name AS parent_name,"
    " u.language AS parent_lang,"
    " EXISTS (SELECT 1 FROM peican_records r WHERE r.application_id = a.id) AS recorded"
    " FROM peican_applications a JOIN peican_days d ON d.id = a.day_id"
    " LEFT JOIN users u ON u.id = a.parent_id"
)


def _day(row: aiosqlite.Row) -> Day:
    return Day(
        row["id"],
        date.fromisoformat(row["date"]),
        row["meal"],
        row["seats"],
        DayStatus(row["status"]),
        row["approved"],
        row["pending"],
    )


def _application(row: aiosqlite.Row) -> Application:
    return Application(
        id=row["id"],
        day_id=row["day_id"],
        date=date.fromisoformat(row["date"]),
        meal=row["meal"],
        parent_id=row["parent_id"],
        parent_name=row["parent_name"] or "",
        parent_lang=row["parent_lang"],
        phone=row["phone"],
        status=ApplicationStatus(row["status"]),
        created_at=from_db(row["created_at"]),
        decided_by=row["decided_by"],
        recorded=bool(row["recorded"]),
    )


async def event_in(
    tx: aiosqlite.Connection,
    application_id: int,
    kind: PeicanEvent,
    now: datetime,
    actor_id: int | None = None,
    actor_name: str = "",
) -> None:
    await tx.execute(
        "INSERT INTO peican_events (application_id, at, kind, actor_id, actor_name)"
        " VALUES (?, ?, ?, ?, ?)",
        (application_id, to_db(now), kind, actor_id, actor_name),
    )


# ---- days -----------------------------------------------------------------------------------------


async def get_day(db: Database, day_id: int) -> Day | None:
    row = await db.fetchone(_DAY_SELECT + " WHERE d.id = ?", (day_id,))
    return _day(row) if row else None


async def day_at(db: Database, day: date, meal: str) -> Day | None:
    row = await db.fetchone(
        _DAY_SELECT + " WHERE d.date = ? AND d.meal = ?", (day.isoformat(), meal)
    )
    return _day(row) if row else None


async def open_day(
    db: Database, day: date, meal: str, seats: int, by: int, now: datetime
) -> int | None:
    """Open the day (or open it again, with these seats); None when fewer seats than the
    parents already approved."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT INTO peican_days (date, meal, seats, status, opened_by, created_at)"
            " VALUES (?, ?, ?, 'open', ?, ?) ON CONFLICT(date, meal) DO UPDATE SET"
            " seats = excluded.seats, status = 'open', closed_at = NULL"
            " WHERE excluded.seats >= (SELECT count(*) FROM peican_applications a"
            "  WHERE a.day_id = peican_days.id AND a.status = 'approved')"
            " RETURNING id",
            (day.isoformat(), meal, seats, by, to_db(now)),
        )
        row = await cur.fetchone()
    return None if row is None else int(row[0])


async def close_day(db: Database, day_id: int, now: datetime) -> bool:
    return (
        await db.execute(
            "UPDATE peican_days SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'",
            (to_db(now), day_id),
        )
        > 0
    )


async def days_from(db: Database, first: date, only_open: bool) -> list[Day]:
    condition = " AND d.status = 'open'" if only_open else ""
    rows = await db.fetchall(
        _DAY_SELECT + f" WHERE d.date >= ?{condition} ORDER BY d.date, d.meal", (first.isoformat(),)
    )
    return [_day(r) for r in rows]


# ---- applications -----------------------------------------------------------------------------


async def get_application(db: Database, application_id: int) -> Application | None:
    row = await db.fetchone(_APPLICATION_SELECT + " WHERE a.id = ?", (application_id,))
    return _application(row) if row else None


async def live_application(db: Database, day_id: int, parent_id: int) -> Application | None:
    row = await db.fetchone(
        _APPLICATION_SELECT + " WHERE a.day_id = ? AND a.parent_id = ?"
        " AND a.status IN ('pending', 'approved')",
        (day_id, parent_id),
    )
    return _application(row) if row else None


async def apply(db: Database, day_id: int, parent_id: int, phone: str, now: datetime) -> int | None:
    """A pending application, and the end of the parent's flow; None when the day is closed or
    the parent has applied already."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT INTO peican_applications (day_id, parent_id, phone, status, created_at)"
            " SELECT ?, ?, ?, 'pending', ? WHERE EXISTS"
            " (SELECT 1 FROM peican_days WHERE id = ? AND status = 'open')"
            " ON CONFLICT DO NOTHING",
            (day_id, parent_id, phone, to_db(now), day_id),
        )
        application_id = cur.lastrowid if cur.rowcount else None
        if application_id is None:
            return None
        await event_in(tx, application_id, PeicanEvent.APPLIED, now, parent_id)
        await people.clear_conversation_in(tx, parent_id)
    return application_id


async def approve(
    db: Database, application_id: int, actor_id: int, actor_name: str, now: datetime
) -> bool:
    """pending → approved only while the day has a seat left: one statement, so two approvals
    racing for the last seat cannot both pass."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE peican_applications SET status = 'approved', decided_at = ?, decided_by = ?"
            " WHERE id = ? AND status = 'pending'"
            " AND (SELECT count(*) FROM peican_applications a"
            "      WHERE a.day_id = peican_applications.day_id AND a.status = 'approved')"
            "   < (SELECT seats FROM peican_days d WHERE d.id = peican_applications.day_id)",
            (to_db(now), actor_name, application_id),
        )
        if not cur.rowcount:
            return False
        await event_in(tx, application_id, PeicanEvent.APPROVED, now, actor_id, actor_name)
    return True


async def decline(
    db: Database, application_id: int, actor_id: int, actor_name: str, now: datetime
) -> bool:
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE peican_applications SET status = 'declined', decided_at = ?, decided_by = ?"
            " WHERE id = ? AND status = 'pending'",
            (to_db(now), actor_name, application_id),
        )
        if not cur.rowcount:
            return False
        await event_in(tx, application_id, PeicanEvent.DECLINED, now, actor_id, actor_name)
    return True


async def cancel(db: Database, application_id: int, parent_id: int, now: datetime) -> bool:
    async with db.transaction() as tx:
        cur = await tx.execute(
            "UPDATE peican_applications SET status = 'cancelled', decided_at = ?"
            " WHERE id = ? AND parent_id = ? AND status IN ('pending', 'approved')",
            (to_db(now), application_id, parent_id),
        )
        if not cur.rowcount:
            return False
        await event_in(tx, application_id, PeicanEvent.CANCELLED, now, parent_id)
    return True


async def applications_of(
    db: Database, parent_id: int, first: date, record_since: date
) -> list[Application]:
    """Pending and approved applications from `first` on, and approved ones since
    `record_since` still without a record."""
    rows = await db.fetchall(
        _APPLICATION_SELECT + " WHERE a.parent_id = ? AND a.status IN ('pending', 'approved')"
        " AND (d.date >= ? OR (a.status = 'approved' AND d.date >= ?"
        "  AND NOT EXISTS (SELECT 1 FROM peican_records r WHERE r.application_id = a.id)))"
        " ORDER BY d.date, d.meal",
        (parent_id, first.isoformat(), record_since.isoformat()),
    )
    return [_application(r) for r in rows]


async def approved_between(db: Database, first: date, last: date, column: str) -> list[Application]:
    """Approved applications in [first, last] still waiting for `column` (reminded_at or
    record_asked_at) and without a record."""
    assert column in ("reminded_at", "record_asked_at")
    rows = await db.fetchall(
        _APPLICATION_SELECT + f" WHERE a.status = 'approved' AND a.{column} IS NULL"
        " AND d.date BETWEEN ? AND ? AND a.parent_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM peican_records r WHERE r.application_id = a.id)"
        " ORDER BY d.date, a.id",
        (first.isoformat(), last.isoformat()),
    )
    return [_application(r) for r in rows]


async def mark(
    db: Database, application_id: int, column: str, kind: PeicanEvent, now: datetime
) -> None:
    assert column in ("reminded_at", "record_asked_at")
    async with db.transaction() as tx:
        await tx.execute(
            f"UPDATE peican_applications SET {column} = ? WHERE id = ?",
            (to_db(now), application_id),
        )
        await event_in(tx, application_id, kind, now)


async def applications_on(db: Database, day_id: int) -> list[Application]:
    rows = await db.fetchall(_APPLICATION_SELECT + " WHERE a.day_id = ? ORDER BY a.id", (day_id,))
    return [_application(r) for r in rows]


async def events_of(db: Database, application_id: int) -> list[Event]:
    rows = await db.fetchall(
        "SELECT at, kind, actor_name FROM peican_events WHERE application_id = ? ORDER BY id",
        (application_id,),
    )
    return [Event(from_db(r["at"]), PeicanEvent(r["kind"]), r["actor_name"]) for r in rows]
