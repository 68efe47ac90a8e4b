"""The food-safety group's chat id: FOOD_SAFETY_CHAT_ID at first, then wherever Telegram moves
the group (upgrading a group to a supergroup gives it a new id). The moves are stored, so a
restart follows them; Deps keeps the result for the hot path."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from bot.deps import Deps
from bot.storage import group_chat as store


class Move(StrEnum):
    """What a migration (old id → new id) is to us."""

    NEW = "new"  # our group moved, and this call recorded it
    KNOWN = "known"  # our group's move, already followed
    FOREIGN = "foreign"  # some other chat's


def current(deps: Deps) -> int | None:
    return deps.group_chat_id


def is_former(deps: Deps, chat_id: int) -> bool:
    """A chat the group moved away from (updates may still trail from it)."""
    return chat_id in deps.former_group_ids


async def load(deps: Deps) -> None:
    found = await store.moves(deps.db)
    deps.group_chat_id, deps.former_group_ids = follow_moves(
        deps.settings.food_safety_chat_id, found
    )


def follow_moves(first: int | None, moves: Mapping[int, int]) -> tuple[int | None, frozenset[int]]:
    """Where the chat `first` is now, and the ids it had on the way."""
    chat = first
    former: set[int] = set()
    while chat is not None and chat in moves and chat not in former:
        former.add(chat)
        chat = moves[chat]
    return chat, frozenset(former)


async def follow(deps: Deps, old: int, new: int) -> Move:
    """Record that chat `old` is now `new`, if `old` is the group. The service messages (one in
    each chat) and a ChatMigrated error can all report one move, concurrently: the database
    lets exactly one of them be NEW."""
    if old in deps.former_group_ids:
        return Move.KNOWN
    if old != deps.group_chat_id:
        return Move.FOREIGN
    recorded = await store.record_move(deps.db, old, new, deps.clock.now())
    await load(deps)
    return Move.NEW if recorded else Move.KNOWN
