"""Following the food-safety group when Telegram upgrades it to a supergroup, which gets a new
chat id.

Telegram says so twice: a service message in each chat (migrate_to_chat_id in the old one,
migrate_from_chat_id in the new one), and a 400 "group chat was upgraded to a supergroup chat"
with the new id on every call to the old id, which python-telegram-bot raises as ChatMigrated.
Whichever reaches the bot first moves it (services.group_chat); the group is told once. Every
send to the group goes through to_group, so a send caught by the move is made again in the new
chat: it arrives once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, Message, Update
from telegram.error import ChatMigrated, TelegramError
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.deps import Deps
from bot.handlers import commands
from bot.handlers.common import App, Ctx, deps_of
from bot.services import group_chat
from bot.services.group_chat import Move

log = logging.getLogger(__name__)

T = TypeVar("T")


async def to_group(deps: Deps, bot: Bot, chat_id: int, send: Callable[[int], Awaitable[T]]) -> T:
    """send(chat_id) — one Bot API call to the group's chat (or a chat it had). If the chat has
    become a supergroup, nothing was sent: follow the group and send once more, there."""
    try:
        return await send(chat_id)
    except ChatMigrated as exc:
        await follow(deps, bot, chat_id, exc.new_chat_id)
        return await send(exc.new_chat_id)


async def follow(deps: Deps, bot: Bot, old: int, new: int) -> bool:
    """Follow chat `old` to `new` if it is the group's; False if it is some other chat."""
    move = await group_chat.follow(deps, old, new)
    if move is Move.NEW:
        log.warning("the food-safety group became a supergroup: chat %s is now %s", old, new)
        try:
            await bot.send_message(
                new, deps.catalog.t(deps.settings.default_language, "fb-group-moved")
            )
        except TelegramError as exc:
            log.warning("could not tell the group it moved: %s", exc)
        await publish_menu(deps, bot)
    return move is not Move.FOREIGN


async def publish_menu(deps: Deps, bot: Bot) -> None:
    """The group's command menu, scoped to the chat the group is in now."""
    chat_id = group_chat.current(deps)
    if chat_id is None:
        return
    try:
        await to_group(
            deps, bot, chat_id, lambda chat: commands.publish_group_commands(bot, deps, chat)
        )
    except TelegramError as exc:
        log.warning("could not set the group's commands (%s); is the bot in the group?", exc)


async def moved_here(deps: Deps, bot: Bot, chat_id: int) -> bool:
    """Has the group just become supergroup chat_id, before the bot saw the service message?
    Any call to the group's chat tells (ChatMigrated, which to_group follows)."""
    current = group_chat.current(deps)
    if current is None:
        return False
    try:
        await to_group(deps, bot, current, bot.get_chat)
    except TelegramError as exc:
        log.info("could not look at the group's chat %s: %s", current, exc)
        return False
    return group_chat.current(deps) == chat_id


async def migrated(update: Update, context: Ctx) -> None:
    """The service message, in the old chat or the new one: runs before the group guard, which
    then knows the new chat as the group's."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id is not None:
        old, new = message.chat_id, message.migrate_to_chat_id
    else:
        assert message.migrate_from_chat_id is not None
        old, new = message.migrate_from_chat_id, message.chat_id
    if await follow(deps_of(context), context.bot, old, new):
        raise ApplicationHandlerStop


class InGroup(filters.MessageFilter):
    """Messages in the group's chat as it is now: handlers keep working after a move without a
    restart (filters.Chat would hold the id it was built with)."""

    __slots__ = ("_deps",)

    def __init__(self, deps: Deps) -> None:
        super().__init__(name="InGroup")
        self._deps = deps

    def filter(self, message: Message) -> bool:
        return message.chat_id == group_chat.current(self._deps)


def register(app: App) -> None:
    # Before the group guard (group -1), which would otherwise take the new chat for a stranger.
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated), group=-2)
