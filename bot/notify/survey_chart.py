"""The survey results' chart as a photo after the results' text, in the group or a private chat."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.deps import Deps
from bot.notify.group import to_group
from bot.services.survey_results import SurveyResults
from bot.views import survey_chart
from bot.views.charts import in_worker

log = logging.getLogger(__name__)


async def draw(deps: Deps, lang: str, results: SurveyResults) -> bytes | None:
    """The PNG, or None when nobody answered an item yet or it could not be drawn (the text
    carries every figure)."""
    data = survey_chart.chart_input(deps.catalog, lang, results)
    if data is None:
        return None
    try:
        charts = await in_worker(survey_chart.draw, data)
    except Exception:
        log.exception("could not draw the survey results' chart")
        return None
    return charts.images[0] if charts.images else None


async def send(
    deps: Deps, bot: Bot, chat_id: int, lang: str, results: SurveyResults, in_group: bool
) -> None:
    image = await draw(deps, lang, results)
    if image is None:
        return
    key = "survey-chart-caption" if results.previous is None else "survey-chart-caption-compared"
    caption = deps.catalog.t(lang, key)
    try:
        if in_group:
            await to_group(
                deps, bot, chat_id, lambda chat: bot.send_photo(chat, image, caption=caption)
            )
        else:
            await bot.send_photo(chat_id, image, caption=caption)
    except TelegramError as exc:
        # The results went as text; sending them again for the chart would repeat them.
        log.warning("the survey results' chart was not sent to %s: %s", chat_id, exc)
