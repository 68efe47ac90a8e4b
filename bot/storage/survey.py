"""The satisfaction survey's tables: the standard questionnaire, surveys, a parent's answers while
filling in, who has submitted, and the anonymous responses."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import BroadcastKind


@dataclass(frozen=True)
class SurveyItem:
    key: str
    position: int
    low: int
    high: int


@dataclass(frozen=True)
class Survey:
    id: int
    term: str
    status: str  # open | closed
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    recipients: int
    broadcast_id: int | None
    reminded_at: datetime | None
    results_posted_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Progress:
    """One parent's answers so far (linked to the parent until submitted)."""

    survey_id: int
    user_id: int
    message_id: int
    position: int
    answers: dict[str, int]
    suggestion: str


class Submitted(StrEnum):
    DONE = "done"
    ALREADY = "already"
    CLOSED = "closed"


def _when(value: str | None) -> datetime | None:
    return from_db(value) if value else None


def _survey(row: aiosqlite.Row) -> Survey:
    return Survey(
        id=row["id"],
        term=row["term"],
        status=row["status"],
        opened_at=from_db(row["opened_at"]),
        closes_at=from_db(row["closes_at"]),
        closed_at=_when(row["closed_at"]),
        recipients=row["recipients"],
        broadcast_id=row["broadcast_id"],
        reminded_at=_when(row["reminded_at"]),
        results_posted_at=_when(row["results_posted_at"]),
    )


# ---- the questionnaire and surveys -------------------------------------------------------------


async def items(db: Database) -> list[SurveyItem]:
    rows = await db.fetchall("SELECT key, position, low, high FROM survey_items ORDER BY position")
    return [SurveyItem(r[0], r[1], r[2], r[3]) for r in rows]


async def questions(db: Database, survey_id: int) -> list[SurveyItem]:
    rows = await db.fetchall(
        "SELECT i.key, q.position, i.low, i.high FROM survey_questions q"
        " JOIN survey_items i ON i.key = q.item WHERE q.survey_id = ? ORDER BY q.position",
        (survey_id,),
    )
    return [SurveyItem(r[0], r[1], r[2], r[3]) for r in rows]


async def get_survey(db: Database, survey_id: int) -> Survey | None:
    row = await db.fetchone("SELECT * FROM surveys WHERE id = ?", (survey_id,))
    return _survey(row) if row else None


async def open_survey(db: Database) -> Survey | None:
    row = await db.fetchone("SELECT * FROM surveys WHERE status = 'open'")
    return _survey(row) if row else None


async def latest_survey(db: Database) -> Survey | None:
    row = await db.fetchone("SELECT * FROM surveys ORDER BY id DESC LIMIT 1")
    return _survey(row) if row else None


async def previous_survey(db: Database, survey_id: int) -> Survey | None:
    """The last closed survey before this one (the previous term's)."""
    row = await db.fetchone(
        "SELECT * FROM surveys WHERE id < ? AND status = 'closed' ORDER BY id DESC LIMIT 1",
        (survey_id,),
    )
    return _survey(row) if row else None


async def surveys_between(db: Database, first: datetime, last: datetime) -> list[Survey]:
    """Surveys opened in [first, last), oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM surveys WHERE opened_at >= ? AND opened_at < ? ORDER BY id",
        (to_db(first), to_db(last)),
    )
    return [_survey(r) for r in rows]


async def create_survey(
    db: Database,
    *,
    term: str,
    item_keys: Sequence[str],
    recipients: Sequence[int],
    now: datetime,
    closes_at: datetime,
    created_by: int,
) -> int | None:
    """The survey, its questions and its broadcast to every recipient, in one transaction;
    None when a survey is open already (the partial unique index decides, also in a race)."""
    survey_ids: list[int] = []

    async def write_survey(tx: aiosqlite.Connection, broadcast_id: int) -> None:
        async with tx.execute(
            "INSERT INTO surveys (term, opened_at, closes_at, created_by, recipients, broadcast_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (term, to_db(now), to_db(closes_at), created_by, len(recipients), broadcast_id),
        ) as cur:
            survey_id = cur.lastrowid
        assert survey_id is not None
        await tx.executemany(
            "INSERT INTO survey_questions (survey_id, item, position) VALUES (?, ?, ?)",
            [(survey_id, key, n) for n, key in enumerate(item_keys)],
        )
        await tx.execute(
            "UPDATE broadcasts SET audience = ? WHERE id = ?",
            (json.dumps({"survey_id": survey_id}), broadcast_id),
        )
        survey_ids.append(survey_id)

    try:
        await outbox.create_broadcast(
            db, BroadcastKind.SURVEY, recipients, now, created_by=created_by, with_rows=write_survey
        )
    except sqlite3.IntegrityError:
        return None
    return survey_ids[0]


async def remind(db: Database, survey_id: int, now: datetime) -> int | None:
    """The one reminder, to parents the survey reached who are active and have not submitted;
    claimed in the transaction that writes it, so it goes once whatever restarts happen.
    Returns how many it goes to (0: nobody left, yet claimed), None when claimed already."""
    survey = await get_survey(db, survey_id)
    if survey is None or survey.broadcast_id is None or survey.reminded_at is not None:
        return None
    rows = await db.fetchall(
        "SELECT d.chat_id FROM deliveries d JOIN users u ON u.id = d.chat_id"
        " WHERE d.broadcast_id = ? AND d.status = 'sent' AND u.status = 'active'"
        " AND NOT EXISTS (SELECT 1 FROM survey_submitted s"
        "   WHERE s.survey_id = ? AND s.user_id = d.chat_id) ORDER BY d.chat_id",
        (survey.broadcast_id, survey_id),
    )
    chats = [r[0] for r in rows]

    async def claim(tx: aiosqlite.Connection, broadcast_id: int) -> None:
        async with tx.execute(
            "UPDATE surveys SET reminded_at = ?, reminder_id = ? WHERE id = ?"
            " AND reminded_at IS NULL AND status = 'open'",
            (to_db(now), broadcast_id, survey_id),
        ) as cur:
            if not cur.rowcount:
                raise _AlreadyClaimed

    try:
        await outbox.create_broadcast(
            db,
            BroadcastKind.SURVEY_REMINDER,
            chats,
            now,
            audience={"survey_id": survey_id},
            with_rows=claim,
        )
    except _AlreadyClaimed:
        return None
    return len(chats)


class _AlreadyInvited(Exception):
    pass


async def invite(db: Database, survey_id: int, chat_id: int, now: datetime) -> bool:
    """The open survey for one parent who joined after it started: a broadcast of their own,
    counted among the survey's recipients. False when they already have it (or it closed)."""

    async def count_in(tx: aiosqlite.Connection, broadcast_id: int) -> None:
        async with tx.execute(
            "SELECT count(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id"
            " WHERE b.kind = ? AND json_extract(b.audience, '$.survey_id') = ?"
            " AND d.chat_id = ? AND b.id != ?",
            (BroadcastKind.SURVEY, survey_id, chat_id, broadcast_id),
        ) as cur:
            row = await cur.fetchone()
        if row is None or row[0]:
            raise _AlreadyInvited
        counted = await tx.execute(
            "UPDATE surveys SET recipients = recipients + 1 WHERE id = ? AND status = 'open'",
            (survey_id,),
        )
        if not counted.rowcount:
            raise _AlreadyInvited

    try:
        await outbox.create_broadcast(
            db,
            BroadcastKind.SURVEY,
            [chat_id],
            now,
            audience={"survey_id": survey_id},
            with_rows=count_in,
        )
    except _AlreadyInvited:
        return False
    return True


class _AlreadyClaimed(Exception):
    """Raised inside the claiming transaction to write nothing."""


async def close(db: Database, survey_id: int, now: datetime) -> bool:
    """Close the survey; answers left unfinished (still linked to their parent) go with it."""
    async with db.transaction() as tx:
        async with tx.execute(
            "UPDATE surveys SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'",
            (to_db(now), survey_id),
        ) as cur:
            closed = bool(cur.rowcount)
        await tx.execute("DELETE FROM survey_progress WHERE survey_id = ?", (survey_id,))
    return closed


async def closed_unposted(db: Database) -> list[Survey]:
    rows = await db.fetchall(
        "SELECT * FROM surveys WHERE status = 'closed' AND results_posted_at IS NULL ORDER BY id"
    )
    return [_survey(r) for r in rows]


async def mark_posted(db: Database, survey_id: int, now: datetime) -> None:
    await db.execute(
        "UPDATE surveys SET results_posted_at = ? WHERE id = ?", (to_db(now), survey_id)
    )


# ---- a parent filling in ----------------------------------------------------------------------


async def progress(db: Database, survey_id: int, user_id: int) -> Progress | None:
    row = await db.fetchone(
        "SELECT * FROM survey_progress WHERE survey_id = ? AND user_id = ?", (survey_id, user_id)
    )
    if row is None:
        return None
    return Progress(
        survey_id=row["survey_id"],
        user_id=row["user_id"],
        message_id=row["message_id"],
        position=row["position"],
        answers={str(k): int(v) for k, v in json.loads(row["answers"]).items()},
        suggestion=row["suggestion"],
    )


async def progress_at_suggestion(db: Database, user_id: int) -> Progress | None:
    """The parent's progress in the open survey, if it waits for the written suggestion."""
    row = await db.fetchone(
        "SELECT p.survey_id FROM survey_progress p JOIN surveys s ON s.id = p.survey_id"
        " WHERE p.user_id = ? AND s.status = 'open'"
        " AND p.position = (SELECT count(*) FROM survey_questions q WHERE q.survey_id = p.survey_id)",
        (user_id,),
    )
    return None if row is None else await progress(db, row[0], user_id)


async def start(db: Database, survey_id: int, user_id: int, message_id: int) -> None:
    """Begin, or go on in another message (a reminder's): the answers so far are kept."""
    await db.execute(
        "INSERT INTO survey_progress (survey_id, user_id, message_id) VALUES (?, ?, ?)"
        " ON CONFLICT (survey_id, user_id) DO UPDATE SET message_id = excluded.message_id",
        (survey_id, user_id, message_id),
    )


async def move(
    db: Database, current: Progress, position: int, answers: dict[str, int], suggestion: str
) -> bool:
    """Save a step, only if the parent is still where `current` was (a double tap moves once)."""
    async with (
        db.transaction() as tx,
        tx.execute(
            "UPDATE survey_progress SET position = ?, answers = ?, suggestion = ?"
            " WHERE survey_id = ? AND user_id = ? AND position = ? AND message_id = ?",
            (
                position,
                json.dumps(answers),
                suggestion,
                current.survey_id,
                current.user_id,
                current.position,
                current.message_id,
            ),
        ) as cur,
    ):
        return bool(cur.rowcount)


async def has_submitted(db: Database, survey_id: int, user_id: int) -> bool:
    return bool(
        await db.fetchval(
            "SELECT 1 FROM survey_submitted WHERE survey_id = ? AND user_id = ?",
            (survey_id, user_id),
        )
    )


async def submit(
    db: Database,
    survey_id: int,
    user_id: int,
    response_id: int,
    answers: dict[str, int],
    suggestion: str,
) -> Submitted:
    """Record that the parent answered, the answers without them, and forget their progress,
    in one transaction: after it nothing links the parent to what they answered."""
    async with db.transaction() as tx:
        async with tx.execute("SELECT status FROM surveys WHERE id = ?", (survey_id,)) as cur:
            row = await cur.fetchone()
        if row is None or row[0] != "open":
            return Submitted.CLOSED
        async with tx.execute(
            "INSERT OR IGNORE INTO survey_submitted (survey_id, user_id) VALUES (?, ?)",
            (survey_id, user_id),
        ) as cur:
            if not cur.rowcount:
                return Submitted.ALREADY
        await tx.execute(
            "INSERT INTO survey_responses (id, survey_id, suggestion) VALUES (?, ?, ?)",
            (response_id, survey_id, suggestion),
        )
        await tx.executemany(
            "INSERT INTO survey_answers (response_id, item, score) VALUES (?, ?, ?)",
            [(response_id, item, score) for item, score in sorted(answers.items())],
        )
        await tx.execute(
            "DELETE FROM survey_progress WHERE survey_id = ? AND user_id = ?",
            (survey_id, user_id),
        )
    return Submitted.DONE


# ---- results --------------------------------------------------------------------------------------


async def response_count(db: Database, survey_id: int) -> int:
    return int(
        await db.fetchval("SELECT count(*) FROM survey_responses WHERE survey_id = ?", (survey_id,))
    )


async def score_counts(db: Database, survey_id: int) -> dict[str, dict[int, int]]:
    """item → score → how many responses gave it."""
    rows = await db.fetchall(
        "SELECT a.item, a.score, count(*) FROM survey_answers a"
        " JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = ?"
        " GROUP BY a.item, a.score",
        (survey_id,),
    )
    found: dict[str, dict[int, int]] = {}
    for item, score, count in rows:
        found.setdefault(item, {})[score] = count
    return found


async def suggestions(db: Database, survey_id: int) -> list[str]:
    """The written suggestions, in the responses' random order (not the order they came in)."""
    rows = await db.fetchall(
        "SELECT suggestion FROM survey_responses WHERE survey_id = ? AND suggestion != ''"
        " ORDER BY id",
        (survey_id,),
    )
    return [r[0] for r in rows]
