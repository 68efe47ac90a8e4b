"""The food-safety group's handlers: a card's buttons, replies in a case's thread (relayed to
the parent, or a resolution note), /case, /cases and /help.

Who may act is checked on every press with getChatMember: a card's buttons can be pressed
wherever the message is visible (an administrator's private escalation too), but only members
of the group change a case. Cards and everything else sent about cases: bot.notify.
"""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    ChatMemberRestricted,
    ForceReply,
    MaybeInaccessibleMessage,
    Message,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus
from telegram.error import ChatMigrated, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.deps import get_deps
from bot.handlers.common import App, Ctx, InGroup, deps_of, query_of
from bot.i18n import Html
from bot.notify import cases as notify
from bot.notify.group import reply_to, send_lines, text_to_group, to_group
from bot.notify.parents import notify_parent, relay_to_parent
from bot.services import case_cards, case_notes, cases, group_chat, samples
from bot.services.case_notes import NOTE_WINDOW, Press
from bot.services.cases import Case, CaseStatus, LinkKind, MessageLink
from bot.views import cases as view
from bot.views.callbacks import CASE, CaseAction

log = logging.getLogger(__name__)

_MEMBER_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}


def actor_name(user: User) -> str:
    return user.full_name + (f" (@{user.username})" if user.username else "")


async def is_member(bot: Bot, chat_id: int, user_id: int) -> bool:
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except ChatMigrated:
        raise  # to_group follows the group and asks there
    except TelegramError:
        return False
    if member.status in _MEMBER_STATUSES:
        return True
    return isinstance(member, ChatMemberRestricted) and member.is_member


# ---- buttons ------------------------------------------------------------------------------------


async def case_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    deps = deps_of(context)
    lang, c = view.group_lang(deps), deps.catalog
    chat_id, user_id = group_chat.current(deps), query.from_user.id
    if chat_id is None or not await to_group(
        deps, context.bot, chat_id, lambda chat: is_member(context.bot, chat, user_id)
    ):
        await query.answer(c.label(lang, "fb-not-member"), show_alert=True)
        return
    press = CASE.parse(data)
    case = None if press is None else await cases.get_case(deps, press.case_id)
    if press is None or case is None or case.forwarded_at is None:
        await query.answer(c.label(lang, "fb-case-unknown"), show_alert=True)
        return
    copy = query.message if await _is_card_copy(context, query.message, case) else None
    await _act(update, context, chat_id, case, press.action)
    if copy is not None:
        # The press did its work on the case; the real card shows it. One card stays.
        try:
            await context.bot.delete_message(copy.chat.id, copy.message_id)
        except TelegramError as exc:
            log.info("could not take away a copy of case %s's card: %s", case.id, exc)


async def _act(
    update: Update, context: Ctx, chat_id: int, case: Case, action: CaseAction
) -> None:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang, c = view.group_lang(deps), deps.catalog
    who = actor_name(query.from_user)
    if action is CaseAction.SEAL:
        await _seal(update, context, case, who)
        return
    if action is CaseAction.ACKNOWLEDGE:
        updated = await cases.acknowledge(deps, case.id, query.from_user.id, who)
        if updated is None:
            await query.answer(view.handled_alert(deps, case), show_alert=True)
            return
        await query.answer(c.label(lang, "fb-ack-done", id=str(case.id)))
        await notify.refresh_card(deps, context.bot, updated)
        await notify_parent(deps, context.bot, updated, "fb-notify-acknowledged")
        return
    if case.status is CaseStatus.RESOLVED:
        await query.answer(view.handled_alert(deps, case), show_alert=True)
        return
    if await case_notes.pressed(deps, chat_id, query.from_user.id, case.id) is Press.CLOSE:
        await query.answer()
        await _close(context, chat_id, case, query.from_user, "", None)
        return
    await query.answer(c.label(lang, "fb-resolve-asked"))
    mention = c.t(lang, "fb-mention", user=str(query.from_user.id), name=query.from_user.full_name)
    prompt = await text_to_group(
        deps,
        context.bot,
        c.t(
            lang,
            "fb-resolve-prompt",
            who=Html(mention),
            id=str(case.id),
            minutes=str(int(NOTE_WINDOW.total_seconds() // 60)),
        ),
        ForceReply(selective=True, input_field_placeholder=c.label(lang, "fb-resolve-placeholder")),
        notify.card_of(case),
    )
    link = MessageLink(prompt.chat_id, prompt.message_id, LinkKind.RESOLVE)
    await cases.link(deps, case.id, [link])


async def _seal(update: Update, context: Ctx, case: Case, who: str) -> None:
    """"留样已封存": recorded once, with who and when, in the audit trail of the meal's cases."""
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang, c = view.group_lang(deps), deps.catalog
    # The meal's samples, whatever became of this case (the outbreak alert names its first).
    found = samples.of_meal(
        deps, case.date, case.meal, case.samples_sealed_at, case.samples_sealed_by
    )
    if found is None or found.state is samples.SampleState.DISCARDED:
        await query.answer(c.label(lang, "samples-too-late"), show_alert=True)
        return
    sealed = await samples.seal(deps, case, query.from_user.id, who)
    if not sealed:
        await query.answer(c.label(lang, "samples-already-sealed"), show_alert=True)
        return
    await query.answer(c.label(lang, "samples-seal-done"))
    for case_id in sealed:
        updated = await cases.get_case(deps, case_id)
        if updated is not None and updated.forwarded_at is not None:
            await notify.refresh_card(deps, context.bot, updated)


# ---- copies of a card the case does not know (services.case_cards) ------------------------------


def _case_of_buttons(message: MaybeInaccessibleMessage | None, bot_id: int) -> int | None:
    """The one case whose buttons a message of the bot's carries. A seal button alone names a
    meal's 留样, not a card: the outbreak alert carries one."""
    if not isinstance(message, Message) or message.from_user is None:
        return None
    if message.from_user.id != bot_id or message.reply_markup is None:
        return None
    found = {
        press.case_id
        for row in message.reply_markup.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
        and (press := CASE.parse(button.callback_data)) is not None
        and press.action is not CaseAction.SEAL
    }
    return found.pop() if len(found) == 1 else None


async def _is_card_copy(
    context: Ctx, message: MaybeInaccessibleMessage | None, case: Case
) -> bool:
    if message is None or _case_of_buttons(message, context.bot.id) != case.id:
        return False
    deps = deps_of(context)
    if message.chat.id != group_chat.current(deps):
        return False
    return await case_cards.is_unknown_copy(deps, case, message.chat.id, message.message_id)


async def _adopted_copy(context: Ctx, replied: Message) -> cases.Linked | None:
    """A reply to a copy of a card: the copy joins the case's thread (without its buttons, so
    only the card carries them) and the reply is about the case."""
    case_id = _case_of_buttons(replied, context.bot.id)
    if case_id is None:
        return None
    deps = deps_of(context)
    case = await case_cards.adopt_copy(deps, case_id, replied.chat.id, replied.message_id)
    if case is None:
        return None
    try:
        await context.bot.edit_message_reply_markup(replied.chat.id, replied.message_id)
    except TelegramError as exc:
        log.info("could not take the buttons off a copy of case %s's card: %s", case.id, exc)
    return cases.Linked(LinkKind.CARD, case)


# ---- replies in the group -----------------------------------------------------------------------


async def group_reply(update: Update, context: Ctx) -> None:
    """A reply to a message of a case: a resolution note (to the prompt) or an answer for the
    parent (to anything else: the card, its album, a relayed message, /case, an escalation)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or message.reply_to_message is None:
        return
    deps = deps_of(context)
    replied = message.reply_to_message
    found = await cases.case_of_message(deps, message.chat_id, replied.message_id)
    if found is None:
        found = await _adopted_copy(context, replied)
    if found is None:
        await _note_without_reply(update, context)
        return
    if found.kind is LinkKind.RESOLVE:
        await case_notes.forget(deps, message.chat_id, user.id)
        await _resolution_note(update, context, found.case, user)
        return
    case = found.case
    lang, c = view.group_lang(deps), deps.catalog
    reply_here = reply_to(message.message_id)
    if case.status is CaseStatus.RESOLVED:
        # The case decides, not the link: a reply to an old message of a closed case (or to a
        # message id the bot used before for something else) never reaches a parent.
        await context.bot.send_message(
            message.chat_id, view.handled_alert(deps, case), reply_parameters=reply_here
        )
        return
    text = message.text or message.caption or ""
    photo = message.photo[-1].file_id if message.photo else None
    if not text and photo is None:
        await context.bot.send_message(
            message.chat_id, c.t(lang, "fb-relay-unsupported"), reply_parameters=reply_here
        )
        return
    if not await relay_to_parent(deps, context.bot, case, text, photo):
        await context.bot.send_message(
            message.chat_id, c.t(lang, "fb-relay-failed"), reply_parameters=reply_here
        )
        return
    detail = text or c.label(lang, "fb-photo-marker")
    updated = await cases.record_reply(deps, case.id, user.id, actor_name(user), detail)
    if updated is not None:
        await notify.refresh_card(deps, context.bot, updated)


async def _note_without_reply(update: Update, context: Ctx) -> None:
    """A message in the group that replies to nothing of a case: the resolution note, when its
    sender pressed 结案 a moment ago; otherwise the group's own conversation, left alone."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    deps = deps_of(context)
    case_id = await case_notes.note_for(deps, message.chat_id, user.id)
    case = None if case_id is None else await cases.get_case(deps, case_id)
    if case is not None:
        await _resolution_note(update, context, case, user)


async def _resolution_note(update: Update, context: Ctx, case: Case, user: User) -> None:
    message = update.effective_message
    assert message is not None
    deps = deps_of(context)
    lang, c = view.group_lang(deps), deps.catalog
    note = (message.text or "").strip()
    reply_here = reply_to(message.message_id)
    if not note:
        await context.bot.send_message(
            message.chat_id, c.t(lang, "fb-resolve-need-text"), reply_parameters=reply_here
        )
        return
    await _close(context, message.chat_id, case, user, note, message.message_id)


async def _close(
    context: Ctx, chat_id: int, case: Case, user: User, note: str, reply: int | None
) -> None:
    """Resolve the case (with the note, or without one: ""), refresh its card and reminders,
    tell the parent and say so in the group."""
    deps = deps_of(context)
    lang, c = view.group_lang(deps), deps.catalog
    resolved = await cases.resolve(deps, case.id, user.id, actor_name(user), note)
    if resolved is None:
        await context.bot.send_message(
            chat_id, view.handled_alert(deps, case), reply_parameters=reply_to(reply)
        )
        return
    await case_notes.case_closed(deps, case.id)
    await notify.refresh_card(deps, context.bot, resolved)
    if resolved.resolution:
        sent = await notify_parent(
            deps, context.bot, resolved, "fb-notify-resolved", resolved.resolution
        )
    else:
        sent = await notify_parent(deps, context.bot, resolved, "fb-notify-resolved-plain")
    key = "fb-resolved-done" if sent is not None else "fb-resolved-not-told"
    if sent is not None and not resolved.resolution:
        key = "fb-resolved-done-plain"
    await context.bot.send_message(
        chat_id, c.t(lang, key, id=str(case.id)), reply_parameters=reply_to(reply)
    )


# ---- commands -----------------------------------------------------------------------------------


async def case_command(update: Update, context: Ctx) -> None:
    """/case N: the card (with its buttons, so a batched case can be handled from here) and the
    full history."""
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    lang, c = view.group_lang(deps), deps.catalog
    number = cases.parse_case_number(list(context.args or []))
    if number is None:
        await context.bot.send_message(chat.id, c.t(lang, "fb-case-usage"))
        return
    case = await cases.get_case(deps, number)
    if case is None or not case.flagged:
        await context.bot.send_message(chat.id, c.t(lang, "fb-case-not-found", id=str(number)))
        return
    await notify.show_case(deps, context.bot, chat.id, case)


async def cases_command(update: Update, context: Ctx) -> None:
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    lines = view.open_cases_lines(deps, await cases.open_cases(deps))
    await send_lines(context.bot, chat.id, lines)


async def group_help(update: Update, context: Ctx) -> None:
    deps = deps_of(context)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, deps.catalog.t(view.group_lang(deps), "help-group"))


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(case_button, pattern=CASE.pattern))
    deps = get_deps(app)
    if deps.settings.food_safety_chat_id is None:
        return
    in_group = InGroup(deps)
    app.add_handler(CommandHandler("case", case_command, filters=in_group))
    app.add_handler(CommandHandler("cases", cases_command, filters=in_group))
    app.add_handler(CommandHandler("help", group_help, filters=in_group))
    app.add_handler(
        MessageHandler(
            in_group & filters.REPLY & ~filters.COMMAND & ~filters.UpdateType.EDITED, group_reply
        )
    )
    # Seen only when the bot may read the group (an administrator there, or privacy mode off).
    app.add_handler(
        MessageHandler(
            in_group
            & filters.TEXT
            & ~filters.REPLY
            & ~filters.COMMAND
            & ~filters.UpdateType.EDITED,
            _note_without_reply,
        )
    )
