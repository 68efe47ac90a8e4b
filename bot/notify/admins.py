"""Messages to every administrator, each in their own language."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import TelegramError

from bot.deps import Deps
from bot.notify.group import send_lines
from bot.services import people

log = logging.getLogger(__name__)

# language → (lines, markup) of the message
AdminMessage = Callable[[str], tuple[list[str], InlineKeyboardMarkup | None]]


async def tell_admins(deps: Deps, bot: Bot, render: AdminMessage) -> list[tuple[str, Message]]:
    """Each administrator's message that carries the markup, with its language."""
    sent: list[tuple[str, Message]] = []
    for admin in await people.admin_ids(deps):
        lang = await people.language_for(deps, admin)
        lines, markup = render(lang)
        try:
            messages = await send_lines(bot, admin, lines, markup)
            sent.append((lang, messages[0]))
        except TelegramError as exc:
            # An administrator who never opened the bot cannot be messaged; the group still was.
            log.info("could not alert administrator %s: %s", admin, exc)
    return sent
