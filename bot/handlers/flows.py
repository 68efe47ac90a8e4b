"""Routing of free messages in private chats: to the person's open flow, else to fallbacks.

Flows keep their state in the database (storage.people.conversations), so a restart in the
middle of a conversation loses nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.handlers.common import App, Ctx, answer, deps_of, person_of, stale, t
from bot.services import conversations
from bot.services.conversations import Conversation
from bot.services.people import Person

FlowHandler = Callable[[Update, Ctx, Person, Conversation], Awaitable[None]]
Fallback = Callable[[Update, Ctx, Person], Awaitable[bool]]


@dataclass
class Routes:
    """Which handler continues each flow, and the fallbacks (in order) for a message that
    belongs to no open flow. Filled by each handler module's register(), called explicitly
    by build_application."""

    flows: dict[str, FlowHandler] = field(default_factory=dict)
    fallbacks: list[Fallback] = field(default_factory=list)

    def flow(self, name: str, handler: FlowHandler) -> None:
        if name in self.flows:
            raise ValueError(f"flow {name!r} registered twice")
        self.flows[name] = handler

    def fallback(self, handler: Fallback) -> None:
        self.fallbacks.append(handler)


ROUTES_KEY = "flow_routes"


def routes_of(context: Ctx) -> Routes:
    routes = context.application.bot_data[ROUTES_KEY]
    assert isinstance(routes, Routes)
    return routes


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
    routes = routes_of(context)
    if conv is not None and conv.flow in routes.flows:
        await routes.flows[conv.flow](update, context, person, conv)
        return
    for handler in routes.fallbacks:
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
    await stale(query, context, person.lang)


def register(app: App, routes: Routes) -> None:
    """Call last: these answers must come after every real command and button handler."""
    app.bot_data[ROUTES_KEY] = routes
    app.add_handler(CallbackQueryHandler(unknown_button))
    private_messages = filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.UpdateType.EDITED
    app.add_handler(MessageHandler(private_messages, dispatch), group=10)
    private_commands = filters.ChatType.PRIVATE & filters.COMMAND & ~filters.UpdateType.EDITED
    app.add_handler(MessageHandler(private_commands, unknown_command))
