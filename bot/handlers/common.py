"""Small helpers every handler shares: who is talking, replying, button presses, guards."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from functools import wraps
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes, filters

from bot.deps import Deps, get_deps
from bot.services import group_chat, people
from bot.services.people import Person

log = logging.getLogger(__name__)

Ctx = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Ctx], Coroutine[Any, Any, None]]
App = Application[Any, Any, Any, Any, Any, Any]


def deps_of(context: Ctx) -> Deps:
    return get_deps(context.application)


async def person_of(update: Update, context: Ctx) -> Person:
    user = update.effective_user
    assert user is not None
    return await people.touch(
        deps_of(context), user.id, user.first_name or "", user.username, user.language_code
    )


async def send(
    context: Ctx, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    return await context.bot.send_message(chat_id, text, reply_markup=markup)


async def answer(
    update: Update, context: Ctx, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    chat = update.effective_chat
    assert chat is not None
    return await send(context, chat.id, text, markup)


async def answer_parts(
    update: Update, context: Ctx, texts: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Several messages in order (views.text.pack or split_html made them), the markup on the
    last, which is returned."""
    *lead, last = texts
    for text in lead:
        await answer(update, context, text)
    return await answer(update, context, last, markup)


async def edit_or_send(
    query: CallbackQuery, context: Ctx, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the pressed message's text; a message too old to edit gets a fresh one instead."""
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=markup)
        except BadRequest as exc:
            # A double tap re-renders the same view; Telegram refuses an identical edit.
            if "not modified" not in exc.message.lower():
                raise
    elif query.from_user is not None:
        await send(context, query.from_user.id, text, markup)


def query_of(update: Update) -> tuple[CallbackQuery, str]:
    """The button press a CallbackQueryHandler was called for, and its callback data."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query, query.data


async def stale(query: CallbackQuery, context: Ctx, lang: str) -> None:
    """A button that no longer does anything, or never did (forged data): an alert, not an error."""
    await query.answer(label(context, lang, "stale-button"), show_alert=True)


def t(context: Ctx, lang: str, key: str, **args: Any) -> str:
    return deps_of(context).catalog.t(lang, key, **args)


def label(context: Ctx, lang: str, key: str, **args: Any) -> str:
    return deps_of(context).catalog.label(lang, key, **args)


def admin_only(handler: Callable[[Update, Ctx, Person], Awaitable[None]]) -> Handler:
    """Refuse politely (and log the attempt) when a non-administrator tries an admin command."""

    @wraps(handler)
    async def guarded(update: Update, context: Ctx) -> None:
        who = await person_of(update, context)
        if not who.is_admin:
            log.warning(
                "refused administrator command from user %s: %r",
                who.user.id,
                update.effective_message.text if update.effective_message else None,
            )
            if update.callback_query is not None:
                await update.callback_query.answer(
                    t(context, who.lang, "not-admin"), show_alert=True
                )
            else:
                await answer(update, context, t(context, who.lang, "not-admin"))
            return
        await handler(update, context, who)

    return guarded


def with_person(handler: Callable[[Update, Ctx, Person], Awaitable[None]]) -> Handler:
    @wraps(handler)
    async def wrapped(update: Update, context: Ctx) -> None:
        await handler(update, context, await person_of(update, context))

    return wrapped


def allergen_names(context: Ctx, lang: str, allergens: Sequence[str]) -> str:
    if not allergens:
        return label(context, lang, "allergens-none")
    sep = label(context, lang, "list-separator")
    return sep.join(label(context, lang, f"allergen-{a}") for a in allergens)


def child_label(context: Ctx, lang: str, name: str) -> str:
    return name or label(context, lang, "child-unnamed")


class InGroup(filters.MessageFilter):
    """Messages in the food-safety group's chat as it is now: handlers keep working after a
    move without a restart (filters.Chat would hold the id it was built with)."""

    __slots__ = ("_deps",)

    def __init__(self, deps: Deps) -> None:
        super().__init__(name="InGroup")
        self._deps = deps

    def filter(self, message: Message) -> bool:
        return message.chat_id == group_chat.current(self._deps)
