"""家长陪餐 messages: applications to the administrators, decisions and reminders to the parent,
and records to the food-safety group (a record with 差 goes as a case: notify.cases)."""

from __future__ import annotations

import logging
from functools import partial

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot.deps import Deps
from bot.notify.admins import tell_admins
from bot.notify.group import Anchor, photos_to_group, text_to_group
from bot.services import group_chat, peican, peican_record, people
from bot.services.cases import LinkKind
from bot.services.peican import Application
from bot.views import peican as view
from bot.views.peican_buttons import RECORD, RecordAction, RecordPress

log = logging.getLogger(__name__)


async def new_application(deps: Deps, bot: Bot, application: Application) -> None:
    """Every administrator gets it with approve and decline buttons (the first tap decides)."""
    day = await peican.day_at(deps, application.date, application.meal)
    await tell_admins(
        deps, bot, partial(view.application_for_admins, deps, application=application, day=day)
    )


async def cancelled(deps: Deps, bot: Bot, application: Application) -> None:
    """An approved parent cancelled: the seat is free again."""

    def render(lang: str) -> tuple[list[str], InlineKeyboardMarkup | None]:
        return view.cancelled_for_admins(deps, lang, application), None

    await tell_admins(deps, bot, render)


async def tell_parent(deps: Deps, bot: Bot, application: Application) -> bool:
    """The decision, in the parent's language; False when they cannot be reached."""
    if application.parent_id is None:
        return False
    lang = application.parent_lang or deps.settings.default_language
    try:
        await bot.send_message(
            application.parent_id, view.outcome_for_parent(deps, lang, application)
        )
    except TelegramError as exc:
        log.info("could not tell parent %s the decision: %s", application.parent_id, exc)
        return False
    return True


async def _to_parent(
    deps: Deps, bot: Bot, application: Application, key: str, button: bool
) -> bool:
    """A reminder; False only for an error worth retrying (a parent who blocked the bot is
    skipped for good)."""
    assert application.parent_id is not None
    lang = await people.language_for(deps, application.parent_id)
    c = deps.catalog
    text = c.t(lang, key, when=view.when(c, lang, application.date, application.meal))
    markup = None
    if button:
        data = RECORD.build(RecordPress(application.id, RecordAction.START))
        markup = InlineKeyboardMarkup.from_button(
            InlineKeyboardButton(c.label(lang, "pc-button-record"), callback_data=data)
        )
    try:
        await bot.send_message(application.parent_id, text, reply_markup=markup)
    except Forbidden:
        log.info("parent %s blocked the bot; no %s", application.parent_id, key)
    except TelegramError:
        log.warning(
            "%s for parent %s not sent; retrying", key, application.parent_id, exc_info=True
        )
        return False
    return True


async def remind(deps: Deps, bot: Bot) -> None:
    """On the day, before the meal; after it, the record is asked for (once each)."""
    for application in await peican.reminders_due(deps):
        if await _to_parent(deps, bot, application, "pc-reminder", button=False):
            await peican.mark_reminded(deps, application)
    for application in await peican.record_requests_due(deps):
        if await _to_parent(deps, bot, application, "pc-record-request", button=True):
            await peican.mark_record_asked(deps, application)


async def send_record_cards(deps: Deps, bot: Bot) -> None:
    """Records without 差 reach the group as a card with their photos; one not sent stays for
    the next tick."""
    if group_chat.current(deps) is None:
        return
    async with deps.lock("peican_cards"):
        for record in await peican_record.unsent_cards(deps):
            try:
                card = await text_to_group(deps, bot, view.record_card(deps, record))
                await peican_record.mark_sent(deps, record)
                anchor = Anchor(card.chat_id, card.message_id)
                await photos_to_group(deps, bot, record.photos, anchor, LinkKind.CARD)
            except TelegramError:
                log.warning("could not send 陪餐 record %s to the group", record.id, exc_info=True)
                return
