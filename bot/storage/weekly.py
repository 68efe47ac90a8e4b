"""The weekly report's figures, each one SQL aggregate over a period.

A period is a span of school dates (ratings, menus: their `date`) and the same span as UTC
moments (reports, events, notices: when they happened), from the first day's local midnight to
the midnight after the last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from bot.clock import to_db
from bot.storage.db import Database


@dataclass(frozen=True)
class Window:
    first: date
    last: date  # inclusive
    start: datetime  # first's local midnight
    end: datetime  # the local midnight after last

    @classmethod
    def of(cls, first: date, last: date, zone: tzinfo) -> Window:
        def midnight(day: date) -> datetime:
            return datetime.combine(day, time(0), tzinfo=zone)

        return cls(first, last, midnight(first), midnight(last + timedelta(days=1)))

    @property
    def dates(self) -> tuple[str, str]:
        return self.first.isoformat(), self.last.isoformat()

    @property
    def moments(self) -> tuple[str, str]:
        return to_db(self.start), to_db(self.end)


@dataclass(frozen=True)
class Average:
    key: str  # a meal, a date or a week's Monday (YYYY-MM-DD)
    average: float
    count: int


@dataclass(frozen=True)
class DishAverage:
    name: str
    average: float
    ratings: int
    meals: int  # the meals it was served in that were rated


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class CaseTimes:
    """Seconds from a flagged case's report to its first acknowledgement (a staff press, reply
    or resolution, from the audit trail) and to its resolution; None: not yet."""

    case_id: int
    to_acknowledge: float | None
    to_resolve: float | None


@dataclass(frozen=True)
class NoticeCounts:
    broadcast_id: int
    created_at: str
    body: str
    recipients: int
    sent: int
    blocked: int
    failed: int
    pending: int


# ---- ratings ----------------------------------------------------------------------------------------


async def rating_total(db: Database, w: Window) -> Average:
    row = await db.fetchone(
        "SELECT AVG(score), COUNT(*) FROM ratings WHERE date BETWEEN ? AND ?", w.dates
    )
    assert row is not None
    return Average("", float(row[0] or 0.0), int(row[1]))


async def ratings_by(db: Database, w: Window, column: str) -> list[Average]:
    """Average and count per meal (column 'meal') or per day ('date')."""
    assert column in ("meal", "date")
    rows = await db.fetchall(
        f"SELECT {column}, AVG(score), COUNT(*) FROM ratings WHERE date BETWEEN ? AND ?"
        f" GROUP BY {column} ORDER BY {column}",
        w.dates,
    )
    return [Average(r[0], float(r[1]), int(r[2])) for r in rows]


async def ratings_by_week(db: Database, first: date, last: date) -> list[Average]:
    """Average per week (keyed by its Monday): 'weekday 0' moves to the week's Sunday."""
    rows = await db.fetchall(
        "SELECT date(date, 'weekday 0', '-6 days') AS monday, AVG(score), COUNT(*) FROM ratings"
        " WHERE date BETWEEN ? AND ? GROUP BY monday ORDER BY monday",
        (first.isoformat(), last.isoformat()),
    )
    return [Average(r[0], float(r[1]), int(r[2])) for r in rows]


# A dish's rating is the rating of the meals it was in: every rating of a (date, meal) counts for
# every dish served in it, and a dish served several times is weighed by its meals' ratings.
_DISHES = (
    "WITH meals AS (SELECT date, meal, SUM(score) AS total, COUNT(*) AS n FROM ratings"
    "  WHERE date BETWEEN ? AND ? GROUP BY date, meal)"
    " SELECT d.name, SUM(m.total) * 1.0 / SUM(m.n) AS average, SUM(m.n) AS ratings,"
    "  COUNT(DISTINCT d.date || d.meal) AS meals"
    " FROM dishes d JOIN meals m ON m.date = d.date AND m.meal = d.meal"
    " GROUP BY d.name ORDER BY average {order}, ratings DESC, d.name LIMIT ?"
)


async def dish_averages(db: Database, w: Window, best: bool, limit: int) -> list[DishAverage]:
    rows = await db.fetchall(_DISHES.format(order="DESC" if best else "ASC"), (*w.dates, limit))
    return [DishAverage(r[0], float(r[1]), int(r[2]), int(r[3])) for r in rows]


# ---- reports (cases) --------------------------------------------------------------------------------


async def reports_by_category(db: Database, w: Window) -> list[Count]:
    rows = await db.fetchall(
        "SELECT category, COUNT(*) AS n FROM feedback WHERE created_at >= ? AND created_at < ?"
        " GROUP BY category ORDER BY n DESC, category",
        w.moments,
    )
    return [Count(r[0], int(r[1])) for r in rows]


async def reports_by_severity(db: Database, w: Window) -> list[Count]:
    """'urgent', 'flagged' (sent to the group, not urgent) and 'routine' (recorded only)."""
    rows = await db.fetchall(
        "SELECT CASE WHEN urgent = 1 THEN 'urgent' WHEN flagged = 1 THEN 'flagged'"
        " ELSE 'routine' END AS severity, COUNT(*) FROM feedback"
        " WHERE created_at >= ? AND created_at < ? GROUP BY severity",
        w.moments,
    )
    return [Count(r[0], int(r[1])) for r in rows]


async def open_reports(db: Database, w: Window) -> int:
    """Flagged reports of the period not resolved yet."""
    return int(
        await db.fetchval(
            "SELECT COUNT(*) FROM feedback WHERE flagged = 1 AND status != 'resolved'"
            " AND created_at >= ? AND created_at < ?",
            w.moments,
        )
    )


async def case_times(db: Database, w: Window) -> list[CaseTimes]:
    """Per flagged case of the period, from its audit trail (feedback_events)."""
    rows = await db.fetchall(
        "SELECT f.id,"
        " (SELECT MIN(julianday(e.at)) FROM feedback_events e WHERE e.feedback_id = f.id"
        "   AND e.kind IN ('acknowledged', 'replied', 'resolved')) AS acked,"
        " (SELECT MIN(julianday(e.at)) FROM feedback_events e WHERE e.feedback_id = f.id"
        "   AND e.kind = 'resolved') AS resolved,"
        " (SELECT MIN(julianday(e.at)) FROM feedback_events e WHERE e.feedback_id = f.id"
        "   AND e.kind = 'created') AS created"
        " FROM feedback f WHERE f.flagged = 1 AND f.created_at >= ? AND f.created_at < ?"
        " ORDER BY f.id",
        w.moments,
    )

    def seconds(end: float | None, start: float | None) -> float | None:
        return None if end is None or start is None else round((end - start) * 86400.0, 1)

    return [CaseTimes(r[0], seconds(r[1], r[3]), seconds(r[2], r[3])) for r in rows]


async def escalations(db: Database, w: Window) -> tuple[int, int]:
    """(escalation messages sent, cases escalated) in the period, from the audit trail."""
    row = await db.fetchone(
        "SELECT COUNT(*), COUNT(DISTINCT feedback_id) FROM feedback_events"
        " WHERE kind = 'escalated' AND at >= ? AND at < ?",
        w.moments,
    )
    assert row is not None
    return int(row[0]), int(row[1])


async def outbreak_alerts(db: Database, w: Window) -> int:
    return int(
        await db.fetchval(
            "SELECT COUNT(*) FROM clusters WHERE created_at >= ? AND created_at < ?", w.moments
        )
    )


# ---- reach ------------------------------------------------------------------------------------------


async def parents_by_status(db: Database) -> dict[str, int]:
    """Parents (people with a child) now, by status: active, inactive (stopped), blocked."""
    rows = await db.fetchall(
        "SELECT status, COUNT(*) FROM users WHERE id IN (SELECT parent_id FROM children)"
        " GROUP BY status"
    )
    return {r[0]: int(r[1]) for r in rows}


async def parents_joined(db: Database, w: Window) -> int:
    return int(
        await db.fetchval(
            "SELECT COUNT(*) FROM users WHERE id IN (SELECT parent_id FROM children)"
            " AND created_at >= ? AND created_at < ?",
            w.moments,
        )
    )


async def menus_delivered(db: Database, w: Window) -> int:
    return int(
        await db.fetchval(
            "SELECT COUNT(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id"
            " WHERE b.kind = 'menu' AND b.menu_date BETWEEN ? AND ? AND d.status = 'sent'",
            w.dates,
        )
    )


async def notices(db: Database, w: Window) -> list[NoticeCounts]:
    rows = await db.fetchall(
        "SELECT b.id, b.created_at, b.body, COUNT(d.id),"
        " SUM(d.status = 'sent'), SUM(d.status = 'blocked'), SUM(d.status = 'failed'),"
        " SUM(d.status = 'pending')"
        " FROM broadcasts b LEFT JOIN deliveries d ON d.broadcast_id = b.id"
        " WHERE b.kind = 'notice' AND b.created_at >= ? AND b.created_at < ?"
        " GROUP BY b.id ORDER BY b.id",
        w.moments,
    )
    return [NoticeCounts(r[0], r[1], r[2], int(r[3]), *(int(v or 0) for v in r[4:8])) for r in rows]


async def had_activity(db: Database, w: Window) -> bool:
    """Anything to report: a rating, a report, a menu or a notice in the period."""
    return bool(
        await db.fetchval(
            "SELECT EXISTS (SELECT 1 FROM ratings WHERE date BETWEEN ?1 AND ?2)"
            " OR EXISTS (SELECT 1 FROM feedback WHERE created_at >= ?3 AND created_at < ?4)"
            " OR EXISTS (SELECT 1 FROM broadcasts WHERE kind = 'menu'"
            "   AND menu_date BETWEEN ?1 AND ?2)"
            " OR EXISTS (SELECT 1 FROM broadcasts WHERE kind = 'notice'"
            "   AND created_at >= ?3 AND created_at < ?4)",
            (*w.dates, *w.moments),
        )
    )
