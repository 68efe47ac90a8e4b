"""/duty: the 陪餐 roster and records. Parents read this week's roster and the last days'
records; the duty leader fills in the record (buttons; notes and photos as messages) and can
correct it with a new version; administrators set the roster (/duty set), see the week
(/duty week) and open any record (/duty N).

The record being filled in lives in its own table (services.duty_record), so its buttons keep
working after a restart and however long the meal takes.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
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
from bot.services import cases, duty, duty_record, duty_submit, menus
from bot.services.duty_record import Action, Typed
from bot.services.inputs import parse_int
from bot.services.people import Person
from bot.views import duty as view
from bot.views.duty_buttons import ALL_MEALS, RECORD, ROSTER, START, UNSET

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE


def _staff(who: Person) -> bool:
    """Who fills in and reads duty records: people with the duty role, and administrators."""
    return who.is_admin or "duty" in who.roles


@with_person
async def duty_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    args = [a.lower() for a in context.args or []]
    staff = _staff(who)
    if args == ["week"] and who.is_admin:
        days = await duty.week_status(deps, menus.today(deps))
        await answer(update, context, "\n".join(view.week_lines(deps, lang, days)))
        return
    if args == ["set"] and who.is_admin:
        found = await duty.duty_people(deps)
        if not found:
            await answer(update, context, t(context, lang, "duty-set-nobody"))
            return
        markup = view.people_markup(deps, lang, found)
        await answer(update, context, t(context, lang, "duty-pick-person"), markup)
        return
    number = parse_int(args[0].lstrip("#＃"), low=1) if len(args) == 1 else None
    if number is not None and staff:
        await _show_record(update, context, who, number)
        return
    if args and args != ["week"]:
        key = "duty-usage-admin" if who.is_admin else "duty-usage"
        await answer(update, context, t(context, lang, key))
        return
    today = menus.today(deps)
    lines = view.roster_lines(deps, lang, await duty.roster_week(deps, today))
    lines += ["", *view.short_lines(deps, lang, await duty.recent_records(deps))]
    await answer(update, context, "\n".join(lines))
    if staff:
        draft = await duty_record.current(deps, who.user.id)
        if draft is not None:
            text, markup = view.prompt(deps, lang, draft)
            await answer(update, context, t(context, lang, "duty-resume") + "\n\n" + text, markup)
        else:
            await answer(
                update,
                context,
                t(context, lang, "duty-start"),
                view.start_markup(deps, lang, today),
            )
    if who.is_admin:
        await answer(update, context, t(context, lang, "duty-admin-help"))


async def _show_record(update: Update, context: Ctx, who: Person, record_id: int) -> None:
    deps = deps_of(context)
    found = await duty.record(deps, record_id)
    if found is None:
        await answer(
            update, context, t(context, who.lang, "duty-record-unknown", id=str(record_id))
        )
        return
    case = await cases.get_case(deps, found.case_id) if found.case_id else None
    versions = await duty.history(deps, found)
    lines = view.record_lines(deps, who.lang, found, versions, case)
    await answer(update, context, "\n".join(lines), view.record_markup(deps, who.lang, found))


# ---- the record's buttons -----------------------------------------------------------------------


async def start_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    pressed = START.parse(data)
    deps = deps_of(context)
    if pressed is None or not _staff(who):
        await stale(query, context, who.lang)
        return
    # A new record is for today or a past day (never ahead); a correction is for its record's.
    ahead = pressed.replaces == 0 and pressed.day > menus.today(deps)
    if ahead or pressed.meal not in deps.settings.meal_times:
        await stale(query, context, who.lang)
        return
    replaces = pressed.replaces or None
    if replaces is not None and await duty.record(deps, replaces) is None:
        await stale(query, context, who.lang)
        return
    draft = await duty_record.start(
        deps, who.user.id, who.lang, pressed.day, pressed.meal, replaces
    )
    await query.answer()
    text, markup = view.prompt(deps, who.lang, draft)
    if replaces is not None:
        text = t(context, who.lang, "duty-fix-start", id=str(replaces)) + "\n\n" + text
    await answer(update, context, text, markup)


async def record_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    lang = who.lang
    press = RECORD.parse(data)
    if press is None:
        await stale(query, context, lang)
        return
    if press.action is Action.CANCEL:
        draft = await duty_record.current(deps, who.user.id)
        if draft is None or draft.nonce != press.nonce:
            await stale(query, context, lang)
            return
        await duty_record.cancel(deps, who.user.id)
        await query.answer()
        await edit_or_send(query, context, t(context, lang, "duty-cancelled"))
        return
    if press.action is Action.SUBMIT:
        await _submit(update, context, who, press.nonce)
        return
    draft = await duty_record.press(deps, who.user.id, press)
    if draft is None:
        await stale(query, context, lang)
        return
    await query.answer()
    text, markup = view.prompt(deps, lang, draft)
    await edit_or_send(query, context, text, markup)


async def _submit(update: Update, context: Ctx, who: Person, nonce: str) -> None:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang = who.lang
    name = who.user.first_name or str(who.user.id)
    done = await duty_submit.submit(deps, who.user.id, name, nonce)
    if done is None:
        await stale(query, context, lang)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    log.info("duty record %s submitted by %s (case %s)", done.record_id, who.user.id, done.case_id)
    if done.case_id is not None:
        # Forwarded first, so the leader hears that it reached the group.
        await forward_pending(deps, context.bot)
        await answer(
            update, context,
            t(context, lang, "duty-submitted-case", id=str(done.record_id), case=str(done.case_id)),
        )  # fmt: skip
    else:
        await answer(update, context, t(context, lang, "duty-submitted", id=str(done.record_id)))


# ---- notes and photos while filling in ----------------------------------------------------------


async def draft_message(update: Update, context: Ctx, who: Person) -> bool:
    """Text or a photo from someone filling in a record belongs to it (a fallback: any open
    conversation of another flow comes first)."""
    message = update.effective_message
    if message is None or (message.text is None and not message.photo):
        return False
    deps = deps_of(context)
    draft = await duty_record.current(deps, who.user.id)
    if draft is None:
        return False
    if message.photo:
        outcome = await duty_record.photo(deps, who.user.id, draft, message.photo[-1].file_id)
        if outcome is Typed.PHOTO and message.caption:
            await duty_record.typed(deps, who.user.id, draft, message.caption)
    else:
        outcome = await duty_record.typed(deps, who.user.id, draft, message.text or "")
    lang = who.lang
    said = t(context, lang, f"duty-typed-{outcome}", max=str(duty_record.PHOTOS_PER_CHECK))
    fresh = await duty_record.current(deps, who.user.id)
    if fresh is None:
        await answer(update, context, said)
        return True
    # One message per thing sent: what happened to it, then the question with its buttons.
    text, markup = view.prompt(deps, lang, fresh)
    await answer(update, context, f"{said}\n\n{text}", markup)
    return True


# ---- the roster picker (administrators) ------------------------------------------------------------


async def roster_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    lang = who.lang
    pick = ROSTER.parse(data)
    if not who.is_admin:
        await query.answer(t(context, lang, "not-admin"), show_alert=True)
        return
    people = {p.user_id: p for p in await duty.duty_people(deps)}
    if pick is None or pick.leader not in people:
        await stale(query, context, lang)
        return
    await query.answer()
    if pick.meal == UNSET or pick.first is None or pick.last is None:
        text, markup = view.picker(deps, lang, pick, menus.today(deps))
        await edit_or_send(query, context, text, markup)
        return
    meal = None if pick.meal == ALL_MEALS else pick.meal
    if meal is not None and meal not in deps.settings.meal_times:
        await edit_or_send(query, context, label(context, lang, "stale-button"))
        return
    days = await duty.set_range(deps, pick.leader, pick.first, pick.last, meal, who.user.id)
    log.info("administrator %s put %s on duty for %s", who.user.id, pick.leader, days)
    name = people[pick.leader].name or str(pick.leader)
    await edit_or_send(query, context, view.roster_set_text(deps, lang, name, days, meal))


def register(app: App, routes: flows.Routes) -> None:
    """Call before the feedback handlers: their fallback takes any text or photo."""
    routes.fallback(draft_message)
    app.add_handler(CommandHandler("duty", duty_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(record_button, pattern=RECORD.pattern))
    app.add_handler(CallbackQueryHandler(start_button, pattern=START.pattern))
    app.add_handler(CallbackQueryHandler(roster_button, pattern=ROSTER.pattern))
