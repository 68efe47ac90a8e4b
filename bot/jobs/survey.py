"""Scheduled survey work: the one reminder two days before the close, and the close itself with
the results (and the parents' suggestions, as one list) posted to the food-safety group."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.deps import Deps
from bot.notify import group, survey_chart
from bot.services import group_chat, survey, survey_results
from bot.views import survey as view

log = logging.getLogger(__name__)


async def survey_reminder(deps: Deps, bot: Bot) -> None:
    count = await survey.scheduled_reminder(deps)
    if count is not None:
        log.info("survey reminder queued for %s parents who have not finished", count)


async def survey_close(deps: Deps, bot: Bot) -> None:
    closed = await survey.close_due(deps)
    if closed is not None:
        log.info("survey %s closed", closed.id)
    # Results not yet in the group, also those of a close before a restart.
    for found in await survey.results_to_post(deps):
        if group_chat.current(deps) is not None:
            try:
                await _post(deps, bot, found.id)
            except TelegramError as exc:
                log.warning("survey %s results not posted (%s); trying again", found.id, exc)
                continue
        else:
            log.warning("survey %s closed, and there is no food-safety group to tell", found.id)
        await survey.mark_posted(deps, found.id)


async def _post(deps: Deps, bot: Bot, survey_id: int) -> None:
    results = await survey_results.results(deps, survey_id)
    if results is None:
        return
    lang = deps.settings.default_language
    await group.lines_to_group(deps, bot, view.results_lines(deps, lang, results))
    chat_id = group_chat.current(deps)
    if chat_id is not None:
        await survey_chart.send(deps, bot, chat_id, lang, results, in_group=True)
    if results.suggestions:
        await group.lines_to_group(
            deps, bot, view.suggestion_lines(deps.catalog, lang, results.suggestions)
        )
