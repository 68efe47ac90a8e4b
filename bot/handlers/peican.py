"""/peican: 家长陪餐. Parents pick an open day (and give a phone number for the gate if the school
wants one), cancel up to the day before, and fill in their record after the meal; administrators
open, list and close days and approve or decline with one tap."""

from __future__ import annotations

from telegram import (
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    User,
)
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
from bot.notify import peican as notify
from bot.notify.cases import forward_pending
from bot.services import cases, conversations, peican, peican_record
from bot.services.conversations import Conversation
from bot.services.peican import ApplyOutcome, Cancel, Decision, OpenProblem
from bot.services.peican_record import MAX_PHOTOS, NOTE_MAX, NoteProblem, StartProblem
from bot.services.people import Person
from bot.views import peican as view
from bot.views.peican_buttons import CANCEL, DAY, DECISION, RECORD, RecordAction
from bot.views.text import pack

PRIVATE = filters.ChatType.PRIVATE


def _signed(user: User) -> str:
    """An administrator's name as the decision records it (as on case cards)."""
    return user.full_name + (f" (@{user.username})" if user.username else "")


# ---- /peican ------------------------------------------------------------------------------------


@with_person
async def peican_command(update: Update, context: Ctx, who: Person) -> None:
    args = list(context.args or [])
    if not args:
        await _parent_view(update, context, who)
        return
    if not who.is_admin:
        await answer(update, context, t(context, who.lang, "pc-usage-parent"))
        return
    action = args[0].lower()
    if action in ("open", "开放"):
        await _open(update, context, who, args[1:])
    elif action in ("list", "列表") and len(args) == 1:
        await _list(update, context, who)
    elif action in ("close", "关闭") and len(args) == 2:
        await _close(update, context, who, args[1])
    elif action in ("show", "记录") and len(args) == 2:
        await _show(update, context, who, args[1])
    else:
        await answer(update, context, t(context, who.lang, "pc-usage-admin"))


async def _parent_view(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    mine = await peican.my_applications(deps, who.user.id)
    days = await peican.open_days(deps)
    text, markup = view.parent_view(deps, who.lang, peican.today(deps), mine, days, who.is_admin)
    await answer(update, context, text, markup)


async def _open(update: Update, context: Ctx, who: Person, args: list[str]) -> None:
    deps = deps_of(context)
    request = peican.parse_open(deps, args)
    if isinstance(request, OpenProblem):
        await answer(update, context, t(context, who.lang, f"pc-open-{request}"))
        return
    day = await peican.open_day(deps, request, who.user.id)
    if day is None:
        await answer(update, context, t(context, who.lang, "pc-open-below-approved"))
        return
    await answer(update, context, view.opened_text(deps, who.lang, day))


async def _list(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    days = await peican.upcoming_days(deps)
    if not days:
        await answer(update, context, t(context, who.lang, "pc-list-empty"))
        return
    lines = [t(context, who.lang, "pc-list-title")]
    for day in days:
        lines += view.day_lines(deps, who.lang, day, await peican.applications_on(deps, day.id))
    for text in pack(lines):
        await answer(update, context, text)


async def _close(update: Update, context: Ctx, who: Person, number: str) -> None:
    deps = deps_of(context)
    day_id = peican.parse_day_id(number)
    day = None if day_id is None else await peican.close_day(deps, day_id)
    if day is None:
        await answer(update, context, t(context, who.lang, "pc-close-unknown", id=number))
        return
    await answer(update, context, view.opened_text(deps, who.lang, day))


async def _show(update: Update, context: Ctx, who: Person, number: str) -> None:
    """The day's audit trail: applications, decisions, reminders, records."""
    deps = deps_of(context)
    day_id = peican.parse_day_id(number)
    day = None if day_id is None else await peican.get_day(deps, day_id)
    trails = None if day is None else await peican_record.day_trail(deps, day.id)
    if day is None or trails is None:
        await answer(update, context, t(context, who.lang, "pc-show-unknown", id=number))
        return
    for text in pack(view.trail_lines(deps, who.lang, day, trails)):
        await answer(update, context, text)


# ---- applying -----------------------------------------------------------------------------------


async def day_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    day_id = DAY.parse(data)
    if day_id is None:
        await stale(query, context, who.lang)
        return
    applied = await peican.choose_day(deps, who.user.id, day_id)
    if applied.outcome in (ApplyOutcome.GONE, ApplyOutcome.ALREADY, ApplyOutcome.NOT_PARENT):
        await query.answer(label(context, who.lang, f"pc-apply-{applied.outcome}"), show_alert=True)
        return
    await query.answer()
    if applied.outcome is ApplyOutcome.PHONE_NEEDED:
        keyboard = ReplyKeyboardMarkup(
            [
                [
                    KeyboardButton(
                        label(context, who.lang, "pc-button-share-phone"), request_contact=True
                    )
                ]
            ],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        await context.bot.send_message(
            who.user.id, t(context, who.lang, "pc-ask-phone"), reply_markup=keyboard
        )
        return
    assert applied.application is not None
    await edit_or_send(query, context, view.applied_text(deps, who.lang, applied.application))
    await notify.new_application(deps, context.bot, applied.application)


async def phone_message(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    """The phone number, typed or shared with the contact button (only the parent's own)."""
    message = update.effective_message
    assert message is not None
    deps = deps_of(context)
    contact = message.contact
    if contact is not None:
        own = contact.user_id == who.user.id
        phone = peican.parse_phone(contact.phone_number) if own else None
    else:
        phone = peican.parse_phone(message.text or "")
    if phone is None:
        await answer(update, context, t(context, who.lang, "pc-phone-invalid"))
        return
    applied = await peican.give_phone(deps, who.user.id, int(conv.data["day"]), phone)
    if applied.application is None:
        await context.bot.send_message(
            who.user.id,
            t(context, who.lang, f"pc-apply-{applied.outcome}"),
            reply_markup=ReplyKeyboardRemove(),
        )
        return
    await context.bot.send_message(
        who.user.id,
        view.applied_text(deps, who.lang, applied.application),
        reply_markup=ReplyKeyboardRemove(),
    )
    await notify.new_application(deps, context.bot, applied.application)


async def decision_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    if not who.is_admin:
        await query.answer(t(context, who.lang, "not-admin"), show_alert=True)
        return
    press = DECISION.parse(data)
    if press is None:
        await stale(query, context, who.lang)
        return
    decided = await peican.decide(
        deps, press.application_id, press.approve, who.user.id, _signed(query.from_user)
    )
    found = decided.application
    if decided.decision in (Decision.APPROVED, Decision.DECLINED):
        assert found is not None
        await query.answer()
        await edit_or_send(query, context, view.decided_text(deps, who.lang, found))
        await notify.tell_parent(deps, context.bot, found)
        return
    if decided.decision is Decision.DECIDED and found is not None:
        alert = label(
            context,
            who.lang,
            "pc-decided-already",
            status=view.status_label(deps.catalog, who.lang, found.status),
            who=found.decided_by or found.parent_name,
        )
    else:
        alert = label(context, who.lang, f"pc-decision-{decided.decision}")
    await query.answer(alert, show_alert=True)


async def cancel_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    application_id = CANCEL.parse(data)
    if application_id is None:
        await stale(query, context, who.lang)
        return
    result = await peican.cancel(deps, application_id, who.user.id)
    if result.outcome is not Cancel.CANCELLED:
        await query.answer(label(context, who.lang, f"pc-cancel-{result.outcome}"), show_alert=True)
        return
    assert result.application is not None
    await query.answer()
    await edit_or_send(
        query,
        context,
        t(
            context,
            who.lang,
            "pc-cancelled",
            when=view.when(
                deps.catalog, who.lang, result.application.date, result.application.meal
            ),
        ),
    )
    if result.was_approved:
        await notify.cancelled(deps, context.bot, result.application)


# ---- the record ---------------------------------------------------------------------------------


async def _show_record(
    update: Update, context: Ctx, who: Person, draft: peican_record.Draft
) -> None:
    text, markup = view.record_prompt(deps_of(context), who.lang, draft)
    if update.callback_query is not None:
        await edit_or_send(update.callback_query, context, text, markup)
    else:
        await answer(update, context, text, markup)


async def record_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    press = RECORD.parse(data)
    if press is None:
        await stale(query, context, who.lang)
        return
    if press.action is RecordAction.START:
        begun = await peican_record.begin(deps, who.user.id, press.application_id)
        if isinstance(begun, StartProblem):
            await query.answer(label(context, who.lang, f"pc-start-{begun}"), show_alert=True)
            return
        await query.answer()
        await _show_record(update, context, who, begun)
        return
    conv = await flows.current_flow(context, who, peican_record.RECORD_FLOW)
    if conv is None or peican_record.draft_of(conv).application_id != press.application_id:
        await stale(query, context, who.lang)
        return
    if press.action is RecordAction.CANCEL:
        await conversations.clear(deps, who.user.id)
        await query.answer()
        await edit_or_send(query, context, t(context, who.lang, "pc-record-cancelled"))
        return
    if press.action is RecordAction.SEND:
        await _submit(update, context, who, conv)
        return
    draft: peican_record.Draft | None
    if press.aspect is not None and press.grade is not None:
        draft = await peican_record.grade(deps, conv, press.aspect, press.grade)
    elif press.action is RecordAction.SKIP:
        draft = await peican_record.skip_note(deps, conv)
    else:
        draft = await peican_record.photos_done(deps, conv)
    if draft is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    await _show_record(update, context, who, draft)


async def _submit(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    draft = peican_record.draft_of(conv)
    record = await peican_record.submit(deps, conv, view.case_text(deps, draft))
    if record is None:
        await stale(query, context, who.lang)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    if record.case_id is not None:
        # Forwarded first, so the parent hears whether it reached the group, not a promise.
        await forward_pending(deps, context.bot)
        case = await cases.get_case(deps, record.case_id)
        sent = case is not None and case.forwarded_at is not None
        key = "pc-record-sent-case" if sent else "pc-record-sent-case-later"
        await answer(update, context, t(context, who.lang, key, id=str(record.case_id)))
    else:
        await notify.send_record_cards(deps, context.bot)
        await answer(update, context, t(context, who.lang, "pc-record-sent"))


async def record_message(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    """Typed words (the note) and photos, while the record is open."""
    message = update.effective_message
    assert message is not None
    deps = deps_of(context)
    if message.photo:
        draft = await peican_record.add_photo(deps, conv, message.photo[-1].file_id)
        if draft is None:
            await answer(
                update, context, t(context, who.lang, "pc-photo-full", max=str(MAX_PHOTOS))
            )
            return
        await _show_record(update, context, who, draft)
        return
    if message.text is None:
        await answer(update, context, t(context, who.lang, "pc-record-unsupported"))
        return
    typed = await peican_record.type_note(deps, conv, message.text)
    if isinstance(typed, NoteProblem):
        await answer(update, context, t(context, who.lang, f"pc-note-{typed}", max=str(NOTE_MAX)))
        if typed is NoteProblem.NOT_NOW:
            await _show_record(update, context, who, peican_record.draft_of(conv))
        return
    await _show_record(update, context, who, typed)


def register(app: App, routes: flows.Routes) -> None:
    routes.flow(peican.PHONE_FLOW, phone_message)
    routes.flow(peican_record.RECORD_FLOW, record_message)
    app.add_handler(CommandHandler("peican", peican_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(day_button, pattern=DAY.pattern))
    app.add_handler(CallbackQueryHandler(decision_button, pattern=DECISION.pattern))
    app.add_handler(CallbackQueryHandler(cancel_button, pattern=CANCEL.pattern))
    app.add_handler(CallbackQueryHandler(record_button, pattern=RECORD.pattern))
