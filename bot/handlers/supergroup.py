"""Which chat is the food-safety group: following it when Telegram upgrades it to a supergroup
(the service messages; notify.group follows ChatMigrated on a send), and leaving any other
group, supergroup or channel the bot is added to."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, MessageHandler, TypeHandler, filters

from bot.handlers.common import App, Ctx, deps_of
from bot.notify.group import follow, moved_here
from bot.services import group_chat

log = logging.getLogger(__name__)


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


async def leave_foreign_groups(update: Update, context: Ctx) -> None:
    """The bot belongs in one group only: anything from another group, supergroup or channel
    makes it leave, and the update goes no further. The group is the chat it is in now; what
    still trails from a chat it moved away from is dropped, and a supergroup it may have just
    become is checked first."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    deps = deps_of(context)
    if chat.id == group_chat.current(deps):
        return
    if group_chat.is_former(deps, chat.id):
        raise ApplicationHandlerStop
    if chat.type == ChatType.SUPERGROUP and await moved_here(deps, context.bot, chat.id):
        return
    change = update.my_chat_member
    gone = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if change is None or change.new_chat_member.status not in gone:
        log.warning("leaving chat %s (%s): it is not the food-safety group", chat.id, chat.title)
        try:
            await context.bot.leave_chat(chat.id)
        except TelegramError as exc:
            log.info("could not leave chat %s: %s", chat.id, exc)
    raise ApplicationHandlerStop


def register(app: App) -> None:
    # The service message first (group -2): the guard (group -1) would take the new chat for a
    # stranger.
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated), group=-2)
    app.add_handler(TypeHandler(Update, leave_foreign_groups), group=-1)
