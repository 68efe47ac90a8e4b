"""Scheduled weekly report: every Monday from REPORT_TIME, last week's report to the food-safety
group and the administrators, once each (services.weekly_schedule keeps who has had it)."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.deps import Deps
from bot.notify.weekly import Album, refused_for_good, send_charts, send_text
from bot.services import people, weekly_schedule
from bot.services.weekly_schedule import SendOutcome

log = logging.getLogger(__name__)


async def monday_report(deps: Deps, bot: Bot) -> None:
    async with deps.lock("weekly-report"):
        due = await weekly_schedule.due_report(deps)
        if due is None:
            return
        album = Album(due.report)
        for recipient in due.recipients:
            chat_id = recipient.chat_id
            lang = (
                deps.settings.default_language
                if chat_id < 0
                else await people.language_for(deps, chat_id)
            )
            try:
                if not recipient.text_sent:
                    await send_text(deps, bot, chat_id, lang, due.report)
                    await weekly_schedule.mark_text_sent(deps, due.week, chat_id)
                await send_charts(deps, bot, chat_id, lang, album)
            except TelegramError as exc:
                if not refused_for_good(exc):
                    log.warning("weekly report to %s: %s; trying again next tick", chat_id, exc)
                    continue
                log.info("weekly report refused by %s: %s", chat_id, exc)
                await weekly_schedule.mark(deps, due.week, chat_id, SendOutcome.FAILED)
                continue
            await weekly_schedule.mark(deps, due.week, chat_id, SendOutcome.SENT)
        log.info("weekly report for the week of %s sent", due.week)
