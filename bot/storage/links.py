"""The messages that belong to a case (feedback_messages), in the group and in parents' chats:
a reply to one of them is about that case, and what it does depends on the message's kind."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import aiosqlite

from bot.storage.db import Database


class LinkKind(StrEnum):
    """What a message of a case is, which decides what a reply to it does."""

    CARD = "card"  # the card, the words too long for it, its photos
    ESCALATION = "escalation"
    RESOLVE = "resolve"  # the prompt for a resolution note: a reply resolves the case
    RELAY = "relay"  # a message relayed between the parent and the group
    HISTORY = "history"  # /case's card and history
    FOLLOW_UP = "follow-up"  # the 24-hour question to the parent


class MessageLink(NamedTuple):
    """A message sent about a case, in some chat."""

    chat_id: int
    message_id: int
    kind: LinkKind


@dataclass(frozen=True)
class CaseLink:
    """The case a message belongs to, and as what."""

    case_id: int
    kind: LinkKind


async def add_links_in(
    tx: aiosqlite.Connection, case_id: int, links: Iterable[MessageLink]
) -> None:
    await tx.executemany(
        "INSERT OR REPLACE INTO feedback_messages (chat_id, message_id, feedback_id, kind)"
        " VALUES (?, ?, ?, ?)",
        [(link.chat_id, link.message_id, case_id, link.kind) for link in links],
    )


async def add_links(db: Database, case_id: int, links: Iterable[MessageLink]) -> None:
    async with db.transaction() as tx:
        await add_links_in(tx, case_id, links)


async def link_of(db: Database, chat_id: int, message_id: int) -> CaseLink | None:
    row = await db.fetchone(
        "SELECT feedback_id, kind FROM feedback_messages WHERE chat_id = ? AND message_id = ?",
        (chat_id, message_id),
    )
    return CaseLink(row["feedback_id"], LinkKind(row["kind"])) if row else None
