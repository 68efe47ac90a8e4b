"""The one multi-step flow a person is in (kept in the database so a restart loses nothing)."""

from __future__ import annotations

from typing import Any

from bot.deps import Deps
from bot.services.people import FLOW_TTL
from bot.storage import people as store

# Re-exported: handlers name the type without reaching into storage.
from bot.storage.people import Conversation as Conversation


async def current(deps: Deps, user_id: int) -> Conversation | None:
    return await store.get_conversation(deps.db, user_id)


async def save(deps: Deps, user_id: int, flow: str, step: str, data: dict[str, Any]) -> None:
    """Start or move a flow; each step gives the person FLOW_TTL more to answer."""
    await store.save_conversation(deps.db, user_id, flow, step, data, deps.clock.now() + FLOW_TTL)


async def clear(deps: Deps, user_id: int) -> None:
    await store.clear_conversation(deps.db, user_id)


async def expired(deps: Deps, flow: str) -> list[Conversation]:
    found = await store.expired_conversations(deps.db, deps.clock.now())
    return [c for c in found if c.flow == flow]


async def drop_if_unchanged(deps: Deps, conv: Conversation) -> bool:
    """End an expired flow, unless the person moved it on since it was found."""
    return await store.drop_conversation_if(deps.db, conv.user_id, conv.flow, conv.expires_at)
