"""Scheduled calendar work: the weekly warning that the official holiday data runs out."""

from __future__ import annotations

import logging

from telegram import Bot

from bot.deps import Deps
from bot.services import calendar

log = logging.getLogger(__name__)


async def holiday_data_warning(deps: Deps, bot: Bot) -> None:
    end = await calendar.scheduled_data_warning(deps)
    if end is not None:
        log.warning("official holiday data ends on %s: administrators warned", end)
