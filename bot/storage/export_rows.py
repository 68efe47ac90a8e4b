"""The export's rows, streamed from SQLite: each function iterates its cursor, so a term of a
large school (a million ratings) passes through in bounded memory.

The export runs in a worker process or the command line, away from the bot's event loop: it
reads through a plain read-only sqlite3 connection of its own (WAL lets it read while the bot
writes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from bot.storage.weekly import Window

Row = tuple[object, ...]


def open_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _stream(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> Iterator[Row]:
    cursor = conn.execute(sql, params)
    try:
        yield from cursor
    finally:
        cursor.close()


def cases(conn: sqlite3.Connection, w: Window) -> Iterator[Row]:
    """Reports made in the period, with the child's allergens (a health detail)."""
    return _stream(
        conn,
        "SELECT f.id, f.created_at, f.date, f.meal, f.dish, f.category, f.urgent, f.flagged,"
        " f.status, f.rating, f.text, f.affected, f.onset, COALESCE(c.allergens, ''),"
        " f.class_name, f.anonymous, f.acknowledged_at, f.acknowledged_by, f.resolved_at,"
        " f.resolved_by, f.resolution, f.escalations, f.cluster_id"
        " FROM feedback f LEFT JOIN children c ON c.id = f.child_id"
        " WHERE f.created_at >= ? AND f.created_at < ? ORDER BY f.id",
        w.moments,
    )


def case_events(conn: sqlite3.Connection, w: Window) -> Iterator[Row]:
    """The whole audit trail of the period's reports, later steps included."""
    return _stream(
        conn,
        "SELECT e.feedback_id, e.at, e.kind, e.actor_name, e.detail FROM feedback_events e"
        " JOIN feedback f ON f.id = e.feedback_id"
        " WHERE f.created_at >= ? AND f.created_at < ? ORDER BY e.feedback_id, e.id",
        w.moments,
    )


def ratings(conn: sqlite3.Connection, w: Window) -> Iterator[Row]:
    return _stream(
        conn,
        "SELECT r.id, r.date, r.meal, r.score, COALESCE(k.name, ''), r.created_at"
        " FROM ratings r LEFT JOIN classes k ON k.id = r.class_id"
        " WHERE r.date BETWEEN ? AND ? ORDER BY r.date, r.meal, r.id",
        w.dates,
    )


def notices(conn: sqlite3.Connection, w: Window) -> Iterator[Row]:
    """Notices sent in the period with their delivery counts, whether they asked parents to
    confirm (已阅) and how many did. The audience: its kind, then the grade, the class's name or
    the allergen key."""
    return _stream(
        conn,
        "SELECT b.id, b.created_at, b.body, json_extract(b.audience, '$.kind'),"
        " COALESCE(json_extract(b.audience, '$.grade'),"
        "  (SELECT name FROM classes WHERE id = json_extract(b.audience, '$.class_id')),"
        "  json_extract(b.audience, '$.allergen'), ''),"
        " COUNT(d.id), SUM(d.status = 'sent'), SUM(d.status = 'blocked'),"
        " SUM(d.status = 'failed'), SUM(d.status = 'pending'),"
        " COALESCE((SELECT confirm FROM notice_options o WHERE o.broadcast_id = b.id), 0),"
        " (SELECT COUNT(*) FROM notice_confirmations c WHERE c.broadcast_id = b.id)"
        " FROM broadcasts b LEFT JOIN deliveries d ON d.broadcast_id = b.id"
        " WHERE b.kind = 'notice' AND b.created_at >= ? AND b.created_at < ?"
        " GROUP BY b.id ORDER BY b.id",
        w.moments,
    )
