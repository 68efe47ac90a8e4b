"""Routing of free messages in private chats: to the person's open flow, else to fallbacks.

Flows keep their state in the database (storage.people.conversations), so a restart in the
middle of a conversation loses nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.handlers.common import App, Ctx, answer, deps_of, label, person_of, t
from bot.services import conversations
from bot.services.conversations import Conversation
from bot.services.people import Person

FlowHandler = Callable[[Update, Ctx, Person, Conversation], Awaitable[None]]
Fallback = Callable[[Update, Ctx, Person], Awaitable[bool]]

_flows: dict[str, FlowHandler] = {}
_fallbacks: list[Fallback] = []


def flow(name: str) -> Callable[[FlowHandler], FlowHandler]:
    def register(handler: FlowHandler) -> FlowHandler:
        _flows[name] = handler
        return handler

    return register


def fallback(handler: Fallback) -> Fallback:
    """Called, in registration order, for a message that belongs to no open flow."""
    _fallbacks.append(handler)
    return handler


async def current_flow(
    context: Ctx, person: Person, name: str | None = None
) -> Conversation | None:
    """The person's open, unexpired flow (optionally only of one kind)."""
    deps = deps_of(context)
    conv = await conversations.current(deps, person.user.id)
    if conv is None or conv.expires_at <= deps.clock.now() or (name and conv.flow != name):
        return None
    return conv


async def dispatch(update: Update, context: Ctx) -> None:
    person = await person_of(update, context)
    conv = await current_flow(context, person)
    if conv is not None and conv.flow in _flows:
        await _flows[conv.flow](update, context, person, conv)
        return
    for handler in _fallbacks:
        if await handler(update, context, person):
            return
    await answer(update, context, t(context, person.lang, "unknown-input"))


async def unknown_command(update: Update, context: Ctx) -> None:
    person = await person_of(update, context)
    await answer(update, context, t(context, person.lang, "unknown-command"))


async def unknown_button(update: Update, context: Ctx) -> None:
    """A button no handler knows (forged, or from an older version): say so, change nothing."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    await query.answer(label(context, person.lang, "stale-button"), show_alert=True)


def register(app: App) -> None:
    """Call last: these answers must come after every real command and button handler."""
    app.add_handler(CallbackQueryHandler(unknown_button))
    private_messages = filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.UpdateType.EDITED
    app.add_handler(MessageHandler(private_messages, dispatch), group=10)
    private_commands = filters.ChatType.PRIVATE & filters.COMMAND & ~filters.UpdateType.EDITED
    app.add_handler(MessageHandler(private_commands, unknown_command))
