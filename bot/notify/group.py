"""Sending to the food-safety group, wherever it is now.

The group is FOOD_SAFETY_CHAT_ID until Telegram upgrades it to a supergroup, which gets a new
chat id. Telegram says so twice: a service message in each chat (handlers.supergroup), and a
400 "group chat was upgraded to a supergroup chat" with the new id on every call to the old id,
which python-telegram-bot raises as ChatMigrated. Whichever reaches the bot first moves it
(services.group_chat); the group is told once. Every send to the group goes through to_group,
so a send caught by the move is made again in the new chat: it arrives once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import NamedTuple, TypeVar

from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    ReplyParameters,
)
from telegram.error import ChatMigrated, TelegramError

from bot.deps import Deps
from bot.notify import commands
from bot.services import group_chat
from bot.services.cases import LinkKind, MessageLink
from bot.services.group_chat import Move
from bot.views.text import pack

log = logging.getLogger(__name__)

T = TypeVar("T")


class Anchor(NamedTuple):
    """The message to reply to."""

    chat_id: int
    message_id: int


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


# ---- messages ---------------------------------------------------------------------------------------


def reply_to(message_id: int | None) -> ReplyParameters | None:
    if message_id is None:
        return None
    return ReplyParameters(message_id, allow_sending_without_reply=True)


def _reply_in(chat_id: int, anchor: Anchor | None) -> ReplyParameters | None:
    """A reply to anchor if it is in chat_id: a message id means nothing in another chat, so a
    send repeated in the group's new chat loses its thread rather than join a stranger's."""
    if anchor is None or anchor.chat_id != chat_id:
        return None
    return reply_to(anchor.message_id)


async def send_lines(
    bot: Bot,
    chat_id: int,
    lines: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    reply: int | None = None,
) -> list[Message]:
    """Lines packed into as few messages as fit; the buttons go on the first. For a chat that
    is not the group (an administrator's), or the chat a group command came from."""
    sent: list[Message] = []
    for number, text in enumerate(pack(lines)):
        sent.append(
            await bot.send_message(
                chat_id,
                text,
                reply_markup=markup if number == 0 else None,
                reply_parameters=reply_to(reply),
            )
        )
    return sent


async def send_photos(
    bot: Bot, chat_id: int, photos: Sequence[str], anchor: Anchor | None, kind: LinkKind
) -> list[MessageLink]:
    """A case's photos in one chat (an album when there are several), replying to anchor."""
    if not photos:
        return []
    if len(photos) == 1:
        sent = await bot.send_photo(chat_id, photos[0], reply_parameters=_reply_in(chat_id, anchor))
        return [MessageLink(chat_id, sent.message_id, kind)]
    album = await bot.send_media_group(
        chat_id,
        [InputMediaPhoto(p) for p in photos],
        reply_parameters=_reply_in(chat_id, anchor),
    )
    return [MessageLink(chat_id, m.message_id, kind) for m in album]


async def text_to_group(
    deps: Deps,
    bot: Bot,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
    anchor: Anchor | None = None,
) -> Message:
    """One message to the group, in the chat it is in now."""
    chat_id = group_chat.current(deps)
    assert chat_id is not None, "callers check that there is a group"

    async def send(chat: int) -> Message:
        return await bot.send_message(
            chat, text, reply_markup=markup, reply_parameters=_reply_in(chat, anchor)
        )

    return await to_group(deps, bot, chat_id, send)


async def lines_to_group(
    deps: Deps,
    bot: Bot,
    lines: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    anchor: Anchor | None = None,
) -> list[Message]:
    """send_lines for the group: message by message, so one caught by a move is repeated alone."""
    return [
        await text_to_group(deps, bot, text, markup if number == 0 else None, anchor)
        for number, text in enumerate(pack(lines))
    ]


async def photos_to_group(
    deps: Deps, bot: Bot, photos: Sequence[str], anchor: Anchor | None, kind: LinkKind
) -> list[MessageLink]:
    chat_id = group_chat.current(deps)
    if not photos or chat_id is None:
        return []
    return await to_group(
        deps, bot, chat_id, lambda chat: send_photos(bot, chat, photos, anchor, kind)
    )
