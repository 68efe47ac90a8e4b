"""Scheduled feedback work, all driven from the database so a restart loses nothing: cases not
yet in the group (and outbreak summaries), escalations, follow-ups, abandoned reports."""

from __future__ import annotations

import logging

from telegram import Bot

from bot.deps import Deps
from bot.notify import cases as notify_cases
from bot.notify import parents as notify_parents
from bot.services import feedback

log = logging.getLogger(__name__)


async def forward_cases(deps: Deps, bot: Bot) -> None:
    await notify_cases.forward_pending(deps, bot)


async def escalate_cases(deps: Deps, bot: Bot) -> None:
    await notify_cases.announce_escalations(deps, bot)


async def follow_up(deps: Deps, bot: Bot) -> None:
    await notify_parents.send_followups(deps, bot)


async def expire_reports(deps: Deps, bot: Bot) -> None:
    """Reports left unfinished for 30 minutes are dropped, and the parent is told."""
    for user_id in await feedback.drop_expired_reports(deps):
        await notify_parents.report_expired(deps, bot, user_id)


async def purge_offers(deps: Deps, bot: Bot) -> None:
    removed = await feedback.purge_offers(deps)
    if removed:
        log.info("removed %d unanswered report offers", removed)
