"""Scheduled 陪餐 duty work: the leader's reminder, the missing-record alert, the evening digest."""

from __future__ import annotations

import logging

from telegram import Bot

from bot.deps import Deps
from bot.notify import duty as notify_duty
from bot.services import duty

log = logging.getLogger(__name__)


async def remind_leaders(deps: Deps, bot: Bot) -> None:
    if await notify_duty.send_reminders(deps, bot):
        log.info("reminded duty leaders of their meal")


async def report_missing(deps: Deps, bot: Bot) -> None:
    count = await notify_duty.report_missing(deps, bot)
    if count:
        log.info("told administrators of %d duties not recorded", count)


async def evening_digest(deps: Deps, bot: Bot) -> None:
    count = await duty.scheduled_digest(deps)
    if count is not None:
        log.info("duty digest queued for %d parents", count)
