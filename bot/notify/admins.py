"""Messages to every administrator, each in their own language."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.deps import Deps
from bot.notify.group import send_lines
from bot.services import people

log = logging.getLogger(__name__)

# language → (lines, markup) of the message
AdminMessage = Callable[[str], tuple[list[str], InlineKeyboardMarkup | None]]


async def tell_admins(deps: Deps, bot: Bot, render: AdminMessage) -> None:
    for admin in await people.admin_ids(deps):
        lines, markup = render(await people.language_for(deps, admin))
        try:
            await send_lines(bot, admin, lines, markup)
        except TelegramError as exc:
            # An administrator who never opened the bot cannot be messaged; the group still was.
            log.info("could not alert administrator %s: %s", admin, exc)
