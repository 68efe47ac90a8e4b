"""Messages to a parent about their report: status changes, the staff's replies, the 24-hour
follow-up question, and the end of a report left unfinished."""

from __future__ import annotations

import logging

from telegram import Bot, Message
from telegram.error import Forbidden, TelegramError

from bot.deps import Deps
from bot.services import cases, people
from bot.services.cases import Case, LinkKind, MessageLink
from bot.views import cases as view

log = logging.getLogger(__name__)


async def notify_parent(
    deps: Deps, bot: Bot, case: Case, key: str, note: str | None = None
) -> Message | None:
    """A status change in the parent's language (with the staff's note, if any); None if the
    parent cannot be reached."""
    if case.parent_id is None:
        return None
    try:
        return await bot.send_message(case.parent_id, view.parent_notice(deps, case, key, note))
    except TelegramError as exc:
        log.info("could not tell parent %s about case %s: %s", case.parent_id, case.id, exc)
        return None


async def relay_to_parent(deps: Deps, bot: Bot, case: Case, text: str, photo: str | None) -> bool:
    """A staff reply, signed as the food-safety group; the parent can answer it by replying."""
    if case.parent_id is None:
        return False
    links: list[MessageLink] = []
    try:
        if photo is not None:
            sent = await bot.send_photo(
                case.parent_id, photo, caption=view.relay_photo_caption(deps, case)
            )
            links.append(MessageLink(case.parent_id, sent.message_id, LinkKind.RELAY))
        for part in view.relay_to_parent_parts(deps, case, text):
            sent = await bot.send_message(case.parent_id, part)
            links.append(MessageLink(case.parent_id, sent.message_id, LinkKind.RELAY))
    except TelegramError as exc:
        log.info("could not relay a reply on case %s: %s", case.id, exc)
        return False
    finally:
        await cases.link(deps, case.id, links)
    return True


async def send_followups(deps: Deps, bot: Bot) -> None:
    """24 hours after a suspected illness or allergy reaction, ask how the child is now (not
    a parent who has sent /stop or blocked the bot: the question is then skipped for good)."""
    for case in await cases.followups_due(deps):
        assert case.parent_id is not None
        if not case.parent_active:
            await cases.mark_followup_sent(deps, case, [])
            continue
        text, markup = view.follow_up_question(deps, case)
        links: list[MessageLink] = []
        try:
            sent = await bot.send_message(case.parent_id, text, reply_markup=markup)
            links.append(MessageLink(case.parent_id, sent.message_id, LinkKind.FOLLOW_UP))
        except Forbidden:
            log.info("parent %s blocked the bot; no follow-up for case %s", case.parent_id, case.id)
        except TelegramError:
            log.warning("follow-up for case %s not sent; retrying later", case.id, exc_info=True)
            continue
        await cases.mark_followup_sent(deps, case, links)


async def report_expired(deps: Deps, bot: Bot, user_id: int) -> None:
    """The parent's unfinished report was dropped: say so, and how to start again."""
    lang = await people.language_for(deps, user_id)
    try:
        await bot.send_message(user_id, deps.catalog.t(lang, "fb-expired"))
    except TelegramError as exc:
        log.info("could not tell %s that their report expired: %s", user_id, exc)
