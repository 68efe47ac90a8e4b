"""陪餐 duty messages sent by scheduled work: the leader's reminder before the meal and the
administrators' alert about a duty not recorded."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.deps import Deps
from bot.notify.admins import tell_admins
from bot.services import duty, people
from bot.views import duty as view

log = logging.getLogger(__name__)


async def send_reminders(deps: Deps, bot: Bot) -> int:
    """Each duty whose reminder is due, claimed before it is sent: once, even across restarts."""
    sent = 0
    for entry in await duty.reminders_due(deps):
        lang = await people.language_for(deps, entry.leader_id)
        try:
            await bot.send_message(
                entry.leader_id,
                view.reminder_text(deps, lang, entry),
                reply_markup=view.start_markup(deps, lang, entry.date),
            )
            sent += 1
        except TelegramError as exc:
            # Someone on the roster who never opened the bot: the missing-record alert follows.
            log.info("could not remind duty leader %s: %s", entry.leader_id, exc)
    return sent


async def report_missing(deps: Deps, bot: Bot) -> int:
    missing = await duty.missing_due(deps)
    for entry in missing:

        def render(
            lang: str, entry: duty.RosterEntry = entry
        ) -> tuple[list[str], InlineKeyboardMarkup | None]:
            return [view.missing_text(deps, lang, entry)], None

        await tell_admins(deps, bot, render)
    return len(missing)
