"""The school calendar's data: administrators' overrides, terms, the imported official holiday list,
and when the "holiday data runs out" warning last went out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

import aiosqlite

from bot.clock import from_db, to_db

# The calendar's value types are the pure rules' own (a leaf module without I/O), so nothing is
# converted back and forth between two copies of the same record.
from bot.services.schoolday import OfficialDay, OfficialKind, Override, Term
from bot.storage.db import Database
from bot.storage.outbox import BroadcastKind

_UPSERT_OVERRIDE = (
    "INSERT INTO school_day_overrides (date, is_open, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT(date) DO UPDATE SET is_open = excluded.is_open, reason = excluded.reason,"
    " set_by = excluded.set_by, set_at = excluded.set_at"
)
_UPSERT_TERM = (
    "INSERT INTO terms (name, first_day, last_day, set_by, set_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT(name) DO UPDATE SET first_day = excluded.first_day,"
    " last_day = excluded.last_day, set_by = excluded.set_by, set_at = excluded.set_at"
)


# ---- overrides -------------------------------------------------------------------------------------


async def overrides_between(db: Database, first: date, last: date) -> dict[date, Override]:
    rows = await db.fetchall(
        "SELECT date, is_open, reason FROM school_day_overrides WHERE date BETWEEN ? AND ?",
        (first.isoformat(), last.isoformat()),
    )
    return {date.fromisoformat(r[0]): Override(bool(r[1]), r[2]) for r in rows}


async def set_overrides(
    db: Database, days: Sequence[date], override: Override | None, by: int | None, now: datetime
) -> None:
    """Every day at once or none; None removes the overrides (the calendar decides again)."""
    async with db.transaction() as tx:
        if override is None:
            await tx.executemany(
                "DELETE FROM school_day_overrides WHERE date = ?", [(d.isoformat(),) for d in days]
            )
        else:
            await _write_overrides(tx, {d: override for d in days}, by, now)


async def _write_overrides(
    tx: aiosqlite.Connection, overrides: Mapping[date, Override], by: int | None, now: datetime
) -> None:
    stamp = to_db(now)
    await tx.executemany(
        _UPSERT_OVERRIDE,
        [(d.isoformat(), int(o.is_open), o.reason, by, stamp) for d, o in overrides.items()],
    )


# ---- terms -------------------------------------------------------------------------------------------


async def terms(db: Database) -> list[Term]:
    rows = await db.fetchall("SELECT name, first_day, last_day FROM terms ORDER BY first_day")
    return [Term(r[0], date.fromisoformat(r[1]), date.fromisoformat(r[2])) for r in rows]


async def save_term(db: Database, term: Term, by: int | None, now: datetime) -> bool:
    """Add the term, or move the one with that name; True when it is new."""
    async with db.transaction() as tx:
        async with tx.execute("SELECT 1 FROM terms WHERE name = ?", (term.name,)) as cur:
            existed = await cur.fetchone() is not None
        await tx.execute(_UPSERT_TERM, _term_row(term, by, now))
    return not existed


async def delete_term(db: Database, name: str) -> bool:
    # Database.execute answers lastrowid first, which a DELETE leaves at an older insert.
    async with (
        db.transaction() as tx,
        tx.execute("DELETE FROM terms WHERE name = ?", (name,)) as cur,
    ):
        return cur.rowcount > 0


def _term_row(term: Term, by: int | None, now: datetime) -> tuple[object, ...]:
    return (term.name, term.first_day.isoformat(), term.last_day.isoformat(), by, to_db(now))


# ---- the imported official holiday list ---------------------------------------------------------------


async def official_days(db: Database) -> dict[date, OfficialDay]:
    """The whole list: a few dozen rows a year, and which years it covers matters to every day."""
    rows = await db.fetchall("SELECT date, kind, name FROM official_days")
    return {date.fromisoformat(r[0]): OfficialDay(OfficialKind(r[1]), r[2]) for r in rows}


async def import_calendar(
    db: Database,
    new_terms: Sequence[Term],
    overrides: Mapping[date, Override],
    official: Mapping[date, OfficialDay],
    now: datetime,
) -> None:
    """A whole 校历 file in one transaction. Terms are set by name; the official list replaces the
    school's earlier list for every year it mentions (a corrected list drops stale days)."""
    stamp = to_db(now)
    years = sorted({d.year for d in official})
    async with db.transaction() as tx:
        await tx.executemany(_UPSERT_TERM, [_term_row(t, None, now) for t in new_terms])
        await _write_overrides(tx, overrides, None, now)
        await tx.executemany(
            "DELETE FROM official_days WHERE date BETWEEN ? AND ?",
            [(f"{y:04d}-01-01", f"{y:04d}-12-31") for y in years],
        )
        await tx.executemany(
            "INSERT INTO official_days (date, kind, name, imported_at) VALUES (?, ?, ?, ?)",
            [(d.isoformat(), o.kind.value, o.name, stamp) for d, o in official.items()],
        )


# ---- the "holiday data runs out" warning ----------------------------------------------------------------


async def last_data_warning(db: Database) -> datetime | None:
    stamp = await db.fetchval(
        "SELECT MAX(created_at) FROM broadcasts WHERE kind = ?", (BroadcastKind.CALENDAR,)
    )
    return None if stamp is None else from_db(stamp)
