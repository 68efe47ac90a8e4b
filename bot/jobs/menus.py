"""Scheduled menu work: the daily push (with its catch-up window) and the missing-menu reminder."""

from __future__ import annotations

import logging

from telegram import Bot

from bot.deps import Deps
from bot.services import menus

log = logging.getLogger(__name__)


async def daily_push(deps: Deps, bot: Bot) -> None:
    result = await menus.scheduled_push(deps)
    if result is not None and result.outcome is menus.PushOutcome.QUEUED:
        log.info("daily menu queued for %d parents", result.recipients)


async def missing_menu_reminder(deps: Deps, bot: Bot) -> None:
    day = await menus.scheduled_reminder(deps)
    if day is not None:
        log.info("reminded administrators that %s has no menu", day)
