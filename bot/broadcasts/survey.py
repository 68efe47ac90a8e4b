"""The survey as broadcasts: the invitation every active parent gets (its button turns that one
message into the questions), and the reminder two days before the close."""

from __future__ import annotations

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.services import survey
from bot.services.inputs import parse_int
from bot.storage.outbox import Broadcast
from bot.views import survey as view


async def _survey_of(deps: Deps, broadcast: Broadcast) -> survey.Survey | None:
    survey_id = broadcast.audience.get("survey_id")
    number = parse_int(str(survey_id)) if survey_id is not None else None
    found = None if number is None else await survey.get(deps, number)
    # A survey that closed while its rows waited is no longer worth a message.
    return found if found is not None and found.is_open else None


async def render_invitation(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    found = await _survey_of(deps, broadcast)
    if found is None:
        return None
    lang = await survey.language_of(deps, chat_id)
    count = len(await survey.questions(deps, found.id))
    closing = survey.local_day(deps, found.closes_at)
    text, markup = view.invitation(deps.catalog, lang, deps.school(lang), found, count, closing)
    return Rendered(text, markup)


async def render_reminder(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    found = await _survey_of(deps, broadcast)
    if found is None or await survey.has_submitted(deps, found.id, chat_id):
        return None
    lang = await survey.language_of(deps, chat_id)
    text, markup = view.reminder(deps.catalog, lang, found, survey.local_day(deps, found.closes_at))
    return Rendered(text, markup)


SURVEY = KindHandlers(render=render_invitation)
SURVEY_REMINDER = KindHandlers(render=render_reminder)
