"""The guided report: /feedback, its buttons and typed answers, and the two ways into it with
something already filled: "file this as a report?" for anything sent outside a flow, and "tell
us more" after a low rating.

A guided report is one message edited step by step (button answers) or a new prompt after a
typed answer. Its buttons carry the draft's nonce: a button from an older report, or one
forged, finds no matching draft and changes nothing.
"""

from __future__ import annotations

import logging

from telegram import Message, ReplyParameters, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers import flows
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
from bot.notify.cases import forward_pending
from bot.services import conversations, feedback, ratings
from bot.services.conversations import Conversation
from bot.services.people import Person
from bot.services.report_steps import MAX_PHOTOS, SEND, TEXT_MAX, Problem, Prompt, ReportStep
from bot.views.callbacks import MORE, OFFER, REPORT
from bot.views.keyboards import keyboard
from bot.views.report import prompt_view

log = logging.getLogger(__name__)


async def _show(update: Update, context: Ctx, who: Person, prompt: Prompt) -> None:
    """Ask the next step: in place of the pressed message, or as a new message."""
    text, markup = prompt_view(deps_of(context), who.lang, prompt)
    if update.callback_query is not None:
        await edit_or_send(update.callback_query, context, text, markup)
    else:
        await answer(update, context, text, markup)


@with_person
async def feedback_command(update: Update, context: Ctx, who: Person) -> None:
    prompt = await feedback.begin_report(deps_of(context), who.user.id)
    await _show(update, context, who, prompt)


async def step_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    press = REPORT.parse(data)
    conv = await flows.current_flow(context, who, feedback.REPORT_FLOW)
    if press is None or conv is None or feedback.draft_of(conv).nonce != press.nonce:
        await stale(query, context, who.lang)
        return
    if press.step is None:
        await conversations.clear(deps, who.user.id)
        await query.answer()
        await edit_or_send(query, context, t(context, who.lang, "cancelled"))
        return
    if press.step is ReportStep.PREVIEW and press.value == SEND:
        await _submit(update, context, who, conv)
        return
    prompt = await feedback.choose(deps, conv, press.step, press.value)
    if prompt is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    await _show(update, context, who, prompt)


async def _submit(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    case = await feedback.submit(deps, conv)
    if case is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    if case.flagged:
        # Forwarded first, so the parent hears whether it reached the group, not a promise.
        await forward_pending(deps, context.bot)
        sent = await feedback.was_forwarded(deps, case.id)
        if sent:
            key = "fb-submitted-flagged"
        elif deps.group_unreachable:
            key = "fb-submitted-unreachable"
        else:  # a timeout or a network error: the next tick sends it
            key = "fb-submitted-retrying"
    elif case.category == "praise":
        key = "fb-submitted-praise"
    else:
        key = "fb-submitted"
    await answer(update, context, t(context, who.lang, key, id=str(case.id)))


async def report_message(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    message = update.effective_message
    assert message is not None
    deps = deps_of(context)
    lang = who.lang
    if message.photo:
        await _photo(update, context, who, conv, message)
        return
    if message.text is None:
        await answer(update, context, t(context, lang, "fb-unsupported"))
        return
    typed = await feedback.type_text(deps, conv, message.text)
    if typed.problem is Problem.TOO_LONG:
        await answer(update, context, t(context, lang, "fb-too-long", max=str(TEXT_MAX)))
    elif typed.problem is not None:
        await answer(update, context, t(context, lang, f"fb-problem-{typed.problem}"))
        if typed.problem is Problem.USE_BUTTONS:
            await _show(update, context, who, await feedback.resume(deps, conv))
    elif typed.prompt is not None:
        if conv.step == ReportStep.PHOTOS:
            await answer(update, context, t(context, lang, "fb-text-added"))
        await _show(update, context, who, typed.prompt)


async def _photo(
    update: Update, context: Ctx, who: Person, conv: Conversation, message: Message
) -> None:
    """Photos are welcome at any step; an album's photos share one acknowledgement (edited)."""
    deps = deps_of(context)
    lang = who.lang
    added = await feedback.add_photo(
        deps, conv, message.photo[-1].file_id, message.caption, message.media_group_id
    )
    prompt = added.prompt
    if not added.added:
        await answer(update, context, t(context, lang, "fb-photo-full", max=str(MAX_PHOTOS)))
        return
    if prompt.step != conv.step and prompt.step is not ReportStep.PHOTOS:
        await _show(update, context, who, prompt)  # a caption answered the description step
        return
    if prompt.step is ReportStep.PHOTOS:
        text, markup = prompt_view(deps, lang, prompt)
    else:
        count = str(len(prompt.draft.photos))
        text = t(context, lang, "fb-photo-added", count=count, max=str(MAX_PHOTOS))
        markup = None
    if added.edit_ack is not None:
        try:
            await context.bot.edit_message_text(
                text, chat_id=who.user.id, message_id=added.edit_ack, reply_markup=markup
            )
            return
        except BadRequest:
            log.info("photo acknowledgement %s not edited; sending a new one", added.edit_ack)
    sent = await answer(update, context, text, markup)
    await feedback.remember_ack(deps, prompt, who.user.id, sent.message_id)


# ---- outside any flow: offer to file it ---------------------------------------------------------


async def offer_to_file(update: Update, context: Ctx, who: Person) -> bool:
    """Text or a photo outside any flow is never dropped: offer to file it as a report. Anything
    else (documents: menu imports) is left to the other fallbacks."""
    message = update.effective_message
    if message is None or (message.text is None and not message.photo):
        return False
    deps = deps_of(context)
    photo = message.photo[-1].file_id if message.photo else None
    offer_id = await feedback.offer(
        deps, who.user.id, message.text or message.caption or "", photo, message.media_group_id
    )
    if offer_id is None:
        return True  # the rest of an album already offered
    markup = keyboard([[(label(context, who.lang, "fb-button-file"), OFFER.build(offer_id))]])
    await context.bot.send_message(
        message.chat_id,
        t(context, who.lang, "fb-offer"),
        reply_markup=markup,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
    )
    return True


async def offer_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    offer_id = OFFER.parse(data)
    prefill = None if offer_id is None else await feedback.take_offer(deps, who.user.id, offer_id)
    if prefill is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    await _show(update, context, who, await feedback.begin_report(deps, who.user.id, prefill))


async def more_button(update: Update, context: Ctx) -> None:
    """After a low rating, "tell us more": the guided report with date, meal and rating filled."""
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    tap = MORE.parse(data)
    if tap is None or await ratings.check_tap(deps, tap) is not None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    prefill = feedback.Prefill(day=tap.day, meal=tap.meal, rating=tap.score)
    await _show(update, context, who, await feedback.begin_report(deps, who.user.id, prefill))


def register(app: App, routes: flows.Routes) -> None:
    routes.flow(feedback.REPORT_FLOW, report_message)
    routes.fallback(offer_to_file)
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("feedback", feedback_command, filters=private))
    app.add_handler(CallbackQueryHandler(step_button, pattern=REPORT.pattern))
    app.add_handler(CallbackQueryHandler(offer_button, pattern=OFFER.pattern))
    app.add_handler(CallbackQueryHandler(more_button, pattern=MORE.pattern))
