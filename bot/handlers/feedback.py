"""The parent's side of a report once it is filed, and the ratings before it: one-tap ratings
under menus, /myreports, replies about a case (to the group, in the case's thread) and the
24-hour follow-up. The guided report itself: handlers.report.
"""

from __future__ import annotations

import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.handlers.common import (
    App,
    Ctx,
    answer,
    deps_of,
    edit_or_send,
    label,
    person_of,
    query_of,
    stale,
    t,
    with_person,
)
from bot.notify.cases import relay_to_group
from bot.services import cases, feedback, ratings
from bot.services.cases import LinkKind
from bot.services.people import Person
from bot.views import cases as view
from bot.views.callbacks import FOLLOW_UP, MORE, RATE
from bot.views.keyboards import keyboard
from bot.views.ratings import FACES
from bot.views.text import pack

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE


# ---- one-tap ratings ----------------------------------------------------------------------------


def marked_keyboard(markup: InlineKeyboardMarkup, tap: ratings.RatingTap) -> InlineKeyboardMarkup:
    """The same keyboard with the chosen face of that meal marked ✅ (and no other of its row)."""
    faces = dict(FACES)
    rows: list[list[InlineKeyboardButton]] = []
    for row in markup.inline_keyboard:
        new_row: list[InlineKeyboardButton] = []
        for button in row:
            data = button.callback_data
            shown = RATE.parse(data) if isinstance(data, str) else None
            if shown is not None and (shown.day, shown.meal) == (tap.day, tap.meal):
                text = button.text.replace("✅", "")
                face = faces[shown.score]
                if shown.score == tap.score:
                    text = text[: -len(face)] + "✅" + face if text.endswith(face) else "✅" + text
                button = InlineKeyboardButton(text, callback_data=data)
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


def _unmarked(markup: InlineKeyboardMarkup, data: str) -> bool:
    """Whether the tapped face is on the keyboard without its mark. Tapping the marked face
    again changes nothing the parent sees: no edit (a request, and a Message parsed from its
    answer; under a push the edits are what queue behind Telegram's 30/s)."""
    return any(
        button.callback_data == data and "✅" not in button.text
        for row in markup.inline_keyboard
        for button in row
    )


async def rate_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    lang = who.lang
    tap = RATE.parse(data)
    if tap is None:
        await stale(query, context, lang)
        return
    result = await ratings.rate(deps, who.user.id, tap)
    if isinstance(result, ratings.RateRefusal):
        await query.answer(label(context, lang, f"fb-rate-{result}"), show_alert=True)
        return
    meal, face = label(context, lang, f"meal-{tap.meal}"), dict(FACES)[tap.score]
    key = "fb-rated-children" if result.children > 1 else "fb-rated"
    await query.answer(label(context, lang, key, meal=meal, face=face, count=str(result.children)))
    message = query.message
    if (
        isinstance(message, Message)
        and message.reply_markup is not None
        and _unmarked(message.reply_markup, data)
    ):
        await message.edit_reply_markup(reply_markup=marked_keyboard(message.reply_markup, tap))
    if result.offer_more(tap.score):
        more = MORE.build(tap)
        await context.bot.send_message(
            who.user.id,
            t(context, lang, "fb-low-rating", meal=meal),
            reply_markup=keyboard([[(label(context, lang, "fb-button-more"), more)]]),
        )


# ---- /myreports ---------------------------------------------------------------------------------


@with_person
async def myreports_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lines = view.my_reports_lines(deps, who.lang, await feedback.my_reports(deps, who.user.id))
    for text in pack(lines):
        await answer(update, context, text)


# ---- replies about a case and the follow-up ------------------------------------------------------


async def private_reply(update: Update, context: Ctx) -> None:
    """A parent's reply to a message about a case goes to the group, in the case's thread,
    whatever flow the parent is in (the flows never see it)."""
    message = update.effective_message
    if message is None or message.reply_to_message is None:
        return
    deps = deps_of(context)
    found = await cases.case_of_message(deps, message.chat_id, message.reply_to_message.message_id)
    if found is None or found.kind not in (LinkKind.RELAY, LinkKind.FOLLOW_UP):
        return
    who = await person_of(update, context)
    text = message.text or message.caption or ""
    photo = message.photo[-1].file_id if message.photo else None
    if not text and photo is None:
        await answer(update, context, t(context, who.lang, "fb-unsupported"))
        raise ApplicationHandlerStop
    detail = text or deps.catalog.label(view.group_lang(deps), "fb-photo-marker")
    await cases.parent_said(deps, found, who.user.id, detail)
    key = "fb-followup-to-group" if found.kind is LinkKind.FOLLOW_UP else "fb-parent-reply"
    delivered = await relay_to_group(deps, context.bot, found.case, key, text, photo)
    await answer(
        update, context, t(context, who.lang, "fb-reply-sent" if delivered else "fb-reply-failed")
    )
    raise ApplicationHandlerStop


async def followup_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    press = FOLLOW_UP.parse(data)
    case = (
        None
        if press is None
        else await cases.answer_follow_up(deps, press.case_id, who.user.id, press.answer)
    )
    if press is None or case is None:
        await stale(query, context, who.lang)
        return
    await query.answer(label(context, who.lang, "fb-followup-thanks"))
    await edit_or_send(
        query,
        context,
        t(
            context,
            who.lang,
            "fb-followup-answered",
            id=str(case.id),
            answer=label(context, who.lang, f"fb-fu-{press.answer}"),
        ),
    )
    glang = view.group_lang(deps)
    await relay_to_group(
        deps,
        context.bot,
        case,
        "fb-followup-to-group",
        deps.catalog.label(glang, f"fb-fu-{press.answer}"),
        None,
    )


def register(app: App) -> None:
    app.add_handler(CommandHandler("myreports", myreports_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(rate_button, pattern=RATE.pattern))
    app.add_handler(CallbackQueryHandler(followup_button, pattern=FOLLOW_UP.pattern))
    replies = PRIVATE & filters.REPLY & ~filters.COMMAND & ~filters.UpdateType.EDITED
    # Before the flows (group 10): a reply about a case must not be taken as a flow's answer.
    app.add_handler(MessageHandler(replies, private_reply), group=9)
