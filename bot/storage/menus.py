"""Dishes by date and meal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.storage.db import Database


@dataclass(frozen=True)
class Dish:
    date: date
    meal: str
    position: int
    name: str
    category: str
    allergens: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class NewDish:
    date: date
    meal: str
    name: str
    category: str
    allergens: tuple[str, ...]
    notes: str


async def replace_days(db: Database, dishes: Iterable[NewDish]) -> list[date]:
    """Replace the menus of every date present, atomically; returns those dates."""
    items = list(dishes)
    days = sorted({d.date for d in items})
    async with db.transaction() as tx:
        await tx.executemany("DELETE FROM dishes WHERE date = ?", [(d.isoformat(),) for d in days])
        await tx.executemany(
            "INSERT INTO dishes (date, meal, position, name, category, allergens, notes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (d.date.isoformat(), d.meal, i, d.name, d.category, ",".join(d.allergens), d.notes)
                for i, d in enumerate(items)
            ],
        )
    return days


async def dishes_between(db: Database, first: date, last: date) -> list[Dish]:
    rows = await db.fetchall(
        "SELECT date, meal, position, name, category, allergens, notes FROM dishes"
        " WHERE date BETWEEN ? AND ? ORDER BY date,"
        " CASE meal WHEN 'breakfast' THEN 0 WHEN 'lunch' THEN 1 ELSE 2 END, position",
        (first.isoformat(), last.isoformat()),
    )
    return [
        Dish(
            date.fromisoformat(r[0]),
            r[1],
            r[2],
            r[3],
            r[4],
            tuple(a for a in r[5].split(",") if a),
            r[6],
        )
        for r in rows
    ]


async def dates_with_menu(db: Database, days: Iterable[date]) -> list[date]:
    wanted = [d.isoformat() for d in days]
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = await db.fetchall(
        f"SELECT DISTINCT date FROM dishes WHERE date IN ({marks}) ORDER BY date", wanted
    )
    return [date.fromisoformat(r[0]) for r in rows]
