"""Classes, people, children, roles and in-progress conversations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import from_db, to_db
from bot.storage.db import Database


@dataclass(frozen=True)
class ClassRecord:
    id: int
    grade: str
    name: str
    head_count: int | None
    invite_code: str
    sort_order: int


@dataclass(frozen=True)
class UserRecord:
    id: int
    first_name: str
    username: str | None
    language: str
    status: str
    menu_opt_in: bool
    created_at: datetime

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class ChildRecord:
    id: int
    parent_id: int
    class_id: int
    class_name: str
    grade: str
    name: str
    allergens: tuple[str, ...]


@dataclass(frozen=True)
class Conversation:
    user_id: int
    flow: str
    step: str
    data: dict[str, Any]
    expires_at: datetime


def _class(row: aiosqlite.Row) -> ClassRecord:
    return ClassRecord(
        row["id"],
        row["grade"],
        row["name"],
        row["head_count"],
        row["invite_code"],
        row["sort_order"],
    )


def _user(row: aiosqlite.Row) -> UserRecord:
    return UserRecord(
        row["id"],
        row["first_name"],
        row["username"],
        row["language"],
        row["status"],
        bool(row["menu_opt_in"]),
        from_db(row["created_at"]),
    )


def _child(row: aiosqlite.Row) -> ChildRecord:
    allergens = tuple(a for a in row["allergens"].split(",") if a)
    return ChildRecord(
        row["id"],
        row["parent_id"],
        row["class_id"],
        row["class_name"],
        row["grade"],
        row["name"],
        allergens,
    )


def _conversation(row: aiosqlite.Row) -> Conversation:
    return Conversation(
        row["user_id"],
        row["flow"],
        row["step"],
        json.loads(row["data"]),
        from_db(row["expires_at"]),
    )


# ---- classes ---------------------------------------------------------------------------------


async def upsert_classes(
    db: Database, rows: list[tuple[str, str, int | None, str]]
) -> tuple[int, int]:
    """Insert or update (grade, name, head_count, new_code) rows; codes of existing classes stay.

    Returns (added, updated)."""
    added = updated = 0
    async with db.transaction() as tx:
        for order, (grade, name, head_count, code) in enumerate(rows):
            cur = await tx.execute(
                "UPDATE classes SET grade = ?, head_count = ?, sort_order = ? WHERE name = ?",
                (grade, head_count, order, name),
            )
            if cur.rowcount:
                updated += 1
            else:
                await tx.execute(
                    "INSERT INTO classes (grade, name, head_count, invite_code, sort_order)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (grade, name, head_count, code, order),
                )
                added += 1
    return added, updated


async def list_classes(db: Database) -> list[ClassRecord]:
    rows = await db.fetchall("SELECT * FROM classes ORDER BY sort_order, id")
    return [_class(r) for r in rows]


async def class_by_code(db: Database, code: str) -> ClassRecord | None:
    row = await db.fetchone("SELECT * FROM classes WHERE invite_code = ?", (code,))
    return _class(row) if row else None


async def class_by_id(db: Database, class_id: int) -> ClassRecord | None:
    row = await db.fetchone("SELECT * FROM classes WHERE id = ?", (class_id,))
    return _class(row) if row else None


# ---- users -----------------------------------------------------------------------------------


async def get_user(db: Database, user_id: int) -> UserRecord | None:
    row = await db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
    return _user(row) if row else None


async def ensure_user(
    db: Database, user_id: int, first_name: str, username: str | None, language: str, now: datetime
) -> UserRecord:
    """Create the person on first contact; later contacts refresh their name only."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO users (id, first_name, username, language, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name,"
            " username = excluded.username",
            (user_id, first_name, username, language, stamp, stamp),
        )
        async with tx.execute("SELECT * FROM users WHERE id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
    assert row is not None
    return _user(row)


async def set_language(db: Database, user_id: int, language: str, now: datetime) -> None:
    await db.execute(
        "UPDATE users SET language = ?, updated_at = ? WHERE id = ?",
        (language, to_db(now), user_id),
    )


async def set_status(db: Database, user_id: int, status: str, now: datetime) -> None:
    await db.execute(
        "UPDATE users SET status = ?, updated_at = ? WHERE id = ?", (status, to_db(now), user_id)
    )


async def set_menu_opt_in(db: Database, user_id: int, opt_in: bool, now: datetime) -> None:
    await db.execute(
        "UPDATE users SET menu_opt_in = ?, updated_at = ? WHERE id = ?",
        (int(opt_in), to_db(now), user_id),
    )


async def delete_user(db: Database, user_id: int) -> None:
    """Everything that names the person goes, in one transaction. Reports and ratings stay for
    the school's record with parent_id set to NULL by their foreign keys; what else could lead
    back to her (her private chat is her user id) is deleted or anonymised here."""
    params = (user_id,)
    async with db.transaction() as tx:
        for sql in (
            "DELETE FROM conversations WHERE user_id = ?",
            "DELETE FROM roles WHERE user_id = ?",
            "UPDATE roles SET granted_by = NULL WHERE granted_by = ?",
            "UPDATE school_day_overrides SET set_by = NULL WHERE set_by = ?",
            "DELETE FROM feedback_offers WHERE user_id = ?",
            # Without these a reply in her chat after she joins again would reach the old case.
            "DELETE FROM feedback_messages WHERE chat_id = ?",
            "UPDATE feedback_events SET actor_id = NULL, actor_name = '' WHERE actor_id = ?",
            "DELETE FROM deliveries WHERE chat_id = ?",
            "DELETE FROM notice_confirmations WHERE chat_id = ?",
            # Her survey answers half-way; submitted ones carry no id and stay in the results.
            "DELETE FROM survey_progress WHERE user_id = ?",
            "DELETE FROM survey_submitted WHERE user_id = ?",
            "UPDATE surveys SET created_by = NULL WHERE created_by = ?",
            "UPDATE broadcasts SET created_by = NULL WHERE created_by = ?",
            "UPDATE broadcasts SET report_chat_id = NULL, report_message_id = NULL"
            " WHERE report_chat_id = ?",
            # 陪餐: her digest switch and any record half-filled; submitted duty records stay
            # signed, as the school's 陪餐记录 must.
            "DELETE FROM duty_digest_off WHERE user_id = ?",
            "DELETE FROM duty_drafts WHERE user_id = ?",
            "UPDATE duty_roster SET set_by = NULL WHERE set_by = ?",
            "DELETE FROM users WHERE id = ?",
        ):
            await tx.execute(sql, params)


# ---- children --------------------------------------------------------------------------------

_CHILD_SELECT = (
    "SELECT c.*, k.name AS class_name, k.grade AS grade FROM children c"
    " JOIN classes k ON k.id = c.class_id"
)


async def add_child(
    db: Database,
    parent_id: int,
    class_id: int,
    name: str,
    allergens: tuple[str, ...],
    now: datetime,
) -> int:
    return await db.execute(
        "INSERT INTO children (parent_id, class_id, name, allergens, created_at) VALUES (?, ?, ?, ?, ?)",
        (parent_id, class_id, name, ",".join(allergens), to_db(now)),
    )


async def update_child(db: Database, child_id: int, name: str, allergens: tuple[str, ...]) -> None:
    await db.execute(
        "UPDATE children SET name = ?, allergens = ? WHERE id = ?",
        (name, ",".join(allergens), child_id),
    )


async def delete_child(db: Database, child_id: int) -> None:
    await db.execute("DELETE FROM children WHERE id = ?", (child_id,))


async def get_child(db: Database, child_id: int) -> ChildRecord | None:
    row = await db.fetchone(_CHILD_SELECT + " WHERE c.id = ?", (child_id,))
    return _child(row) if row else None


async def children_of(db: Database, parent_id: int) -> list[ChildRecord]:
    rows = await db.fetchall(_CHILD_SELECT + " WHERE c.parent_id = ? ORDER BY c.id", (parent_id,))
    return [_child(r) for r in rows]


# ---- roles -----------------------------------------------------------------------------------


async def roles_of(db: Database, user_id: int) -> set[str]:
    rows = await db.fetchall("SELECT role FROM roles WHERE user_id = ?", (user_id,))
    return {r["role"] for r in rows}


async def grant_role(db: Database, user_id: int, role: str, granted_by: int, now: datetime) -> bool:
    """Returns False when the person already had the role."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "INSERT OR IGNORE INTO roles (user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)",
            (user_id, role, granted_by, to_db(now)),
        )
        return cur.rowcount > 0


async def revoke_roles(db: Database, user_id: int, role: str | None) -> int:
    if role is None:
        return await _rowcount(db, "DELETE FROM roles WHERE user_id = ?", (user_id,))
    return await _rowcount(db, "DELETE FROM roles WHERE user_id = ? AND role = ?", (user_id, role))


async def users_with_role(db: Database, role: str) -> list[int]:
    rows = await db.fetchall("SELECT user_id FROM roles WHERE role = ? ORDER BY user_id", (role,))
    return [r["user_id"] for r in rows]


async def known_ids(db: Database, user_ids: Sequence[int]) -> list[int]:
    """Those of user_ids the bot has met and that have not blocked it, in order."""
    if not user_ids:
        return []
    marks = ",".join("?" * len(user_ids))
    rows = await db.fetchall(
        f"SELECT id FROM users WHERE id IN ({marks}) AND status != 'blocked' ORDER BY id",
        tuple(user_ids),
    )
    return [r["id"] for r in rows]


async def _rowcount(db: Database, sql: str, params: tuple[Any, ...]) -> int:
    async with db.transaction() as tx:
        cur = await tx.execute(sql, params)
        return cur.rowcount


# ---- conversations ---------------------------------------------------------------------------

_CLEAR_CONVERSATION = "DELETE FROM conversations WHERE user_id = ?"


async def get_conversation(db: Database, user_id: int) -> Conversation | None:
    row = await db.fetchone("SELECT * FROM conversations WHERE user_id = ?", (user_id,))
    return _conversation(row) if row else None


async def save_conversation(
    db: Database, user_id: int, flow: str, step: str, data: dict[str, Any], expires_at: datetime
) -> None:
    await db.execute(
        "INSERT INTO conversations (user_id, flow, step, data, expires_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(user_id) DO UPDATE SET flow = excluded.flow, step = excluded.step,"
        " data = excluded.data, expires_at = excluded.expires_at",
        (user_id, flow, step, json.dumps(data, ensure_ascii=False), to_db(expires_at)),
    )


async def clear_conversation(db: Database, user_id: int) -> None:
    await db.execute(_CLEAR_CONVERSATION, (user_id,))


async def clear_conversation_in(tx: aiosqlite.Connection, user_id: int) -> None:
    """Inside the transaction of the write a flow was for (a filed report), so that the flow
    ends exactly when its result exists."""
    await tx.execute(_CLEAR_CONVERSATION, (user_id,))


async def drop_conversation_if(db: Database, user_id: int, flow: str, expires_at: datetime) -> bool:
    """Remove a conversation only if it is still the one that was found expired."""
    async with db.transaction() as tx:
        cur = await tx.execute(
            "DELETE FROM conversations WHERE user_id = ? AND flow = ? AND expires_at = ?",
            (user_id, flow, to_db(expires_at)),
        )
        return cur.rowcount > 0


async def expired_conversations(db: Database, now: datetime) -> list[Conversation]:
    rows = await db.fetchall(
        "SELECT * FROM conversations WHERE expires_at <= ? ORDER BY expires_at", (to_db(now),)
    )
    return [_conversation(r) for r in rows]
