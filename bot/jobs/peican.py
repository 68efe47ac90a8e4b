"""Scheduled 家长陪餐 work: the parent's reminder on the day and the request for their record
afterwards, and records whose card has not reached the group yet."""

from __future__ import annotations

from telegram import Bot

from bot.deps import Deps
from bot.notify import peican as notify_peican


async def remind_parents(deps: Deps, bot: Bot) -> None:
    await notify_peican.remind(deps, bot)


async def send_records(deps: Deps, bot: Bot) -> None:
    await notify_peican.send_record_cards(deps, bot)
