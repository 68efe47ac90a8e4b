"""Scheduled feedback work, all driven from the database so a restart loses nothing: cases not
yet in the group (and outbreak summaries), escalations, follow-ups, abandoned reports."""

from __future__ import annotations

import logging

from telegram import Bot

from bot.deps import Deps
from bot.handlers import feedback, group
from bot.services import feedback as service

log = logging.getLogger(__name__)


async def forward_cases(deps: Deps, bot: Bot) -> None:
    await group.forward_pending(deps, bot)


async def escalate_cases(deps: Deps, bot: Bot) -> None:
    await group.announce_escalations(deps, bot)


async def follow_up(deps: Deps, bot: Bot) -> None:
    await feedback.send_followups(deps, bot)


async def expire_reports(deps: Deps, bot: Bot) -> None:
    await feedback.expire_reports(deps, bot)


async def purge_offers(deps: Deps, bot: Bot) -> None:
    removed = await service.purge_offers(deps)
    if removed:
        log.info("removed %d unanswered report offers", removed)
