"""/notices: a parent's recent notices; for administrators also the latest notices that ask
parents to confirm, their confirmation rates and the one-tap reminder (notice_confirms)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.handlers.common import App, Ctx, answer, deps_of, label, t, with_person
from bot.services import notice_confirms, notices
from bot.services.notices import Broadcast
from bot.services.people import Person
from bot.views.keyboards import keyboard
from bot.views.survey_callbacks import NOTICE_REMIND
from bot.views.text import pack

# ---- /notices -----------------------------------------------------------------------------------


@with_person
async def notices_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    recent = await notices.recent_for(deps, who.user.id)
    if who.is_admin:
        await _confirmation_rates(update, context, who)
        if not recent:
            return
    if not recent:
        await answer(update, context, t(context, lang, "notice-list-empty"))
        return
    items = [
        t(
            context,
            lang,
            "notice-list-item",
            date=notices.local_date(deps, b.created_at).isoformat(),
            mark=_attachment_mark(context, lang, b),
            body=notices.excerpt(b.body),
        )
        for b in recent
    ]
    # A few excerpts fit one message as Telegram counts it, but their HTML source (each "&" is
    # "&amp;") can be longer: pack measures the source, so it never makes a message too long.
    for text in pack([t(context, lang, "notice-list-title"), *items], sep="\n\n"):
        await answer(update, context, text)


async def _confirmation_rates(update: Update, context: Ctx, who: Person) -> None:
    """For administrators: the latest confirm-notices, how many confirmed, and the one-tap
    reminder to those who have not."""
    deps = deps_of(context)
    lang = who.lang
    found = await notice_confirms.recent(deps)
    if not found:
        await answer(update, context, t(context, lang, "notice-rates-empty"))
        return
    await answer(update, context, t(context, lang, "notice-rates-title"))
    for figures in found:
        text = t(
            context,
            lang,
            "notice-rates-item",
            date=notices.local_date(deps, figures.created_at).isoformat(),
            body=notices.excerpt(figures.body, 120),
            confirmed=figures.confirmed,
            sent=figures.sent,
            rate=_rate(figures),
        )
        markup = None
        if figures.reminded:
            text += "\n" + t(context, lang, "notice-rates-reminded")
        elif figures.waiting:
            remind = label(context, lang, "notice-button-remind", count=figures.waiting)
            markup = keyboard([[(remind, NOTICE_REMIND.build(figures.broadcast_id))]])
        await answer(update, context, text, markup)


def _rate(figures: notice_confirms.Confirmations) -> str:
    return f"{round(100 * figures.confirmed / figures.sent)}%" if figures.sent else "—"


def _attachment_mark(context: Ctx, lang: str, broadcast: Broadcast) -> str:
    if broadcast.photo_file_id:
        return label(context, lang, "notice-mark-photo")
    if broadcast.document_file_id:
        return label(context, lang, "notice-mark-document")
    return ""


def register(app: App) -> None:
    app.add_handler(CommandHandler("notices", notices_command, filters=filters.ChatType.PRIVATE))
