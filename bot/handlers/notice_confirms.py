"""Notices parents confirm: a parent's 已阅 under a notice (or its reminder), and an
administrator's one tap that reminds those who have not confirmed (from /notices)."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.broadcasts.notice import refresh_confirmations, seen_done_markup
from bot.handlers.common import App, Ctx, admin_only, deps_of, label, query_of, stale, with_person
from bot.services import notice_confirms
from bot.services.people import Person
from bot.views.survey_callbacks import NOTICE_REMIND, SEEN

log = logging.getLogger(__name__)


@with_person
async def seen_button(update: Update, context: Ctx, who: Person) -> None:
    query, data = query_of(update)
    deps = deps_of(context)
    notice_id = SEEN.parse(data)
    first = (
        None if notice_id is None else await notice_confirms.confirm(deps, notice_id, who.user.id)
    )
    if notice_id is None or first is None:
        await stale(query, context, who.lang)
        return
    await query.answer(
        label(context, who.lang, "notice-seen-thanks" if first else "notice-seen-already")
    )
    if isinstance(query.message, Message) and first:
        try:
            await query.message.edit_reply_markup(seen_done_markup(deps, who.lang, notice_id))
        except BadRequest as exc:
            log.info("could not mark notice %s as read for %s: %s", notice_id, who.user.id, exc)
    if first:
        context.application.create_task(
            refresh_confirmations(deps, context.bot, notice_id), update=update
        )


@admin_only
async def remind_button(update: Update, context: Ctx, who: Person) -> None:
    query, data = query_of(update)
    deps = deps_of(context)
    notice_id = NOTICE_REMIND.parse(data)
    if notice_id is None or await notice_confirms.figures(deps, notice_id) is None:
        await stale(query, context, who.lang)
        return
    count = await notice_confirms.remind(deps, notice_id, who.user.id)
    if count is None:
        await query.answer(label(context, who.lang, "notice-remind-already"), show_alert=True)
    else:
        await query.answer(label(context, who.lang, "notice-remind-sent", count=count))
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        await query.message.edit_reply_markup(None)  # one tap: the button goes
    log.info("user %s reminded %s parents of notice %s", who.user.id, count, notice_id)


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(seen_button, pattern=SEEN.pattern))
    app.add_handler(CallbackQueryHandler(remind_button, pattern=NOTICE_REMIND.pattern))
