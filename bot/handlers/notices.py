"""/notice (administrators: compose → audience → preview → send, with a live progress report),
/changed (a "你说我改" notice, the same way), and /cancel for every flow. /notices: notice_list.

Each parent's copy is rendered here, at delivery time, in that parent's language; the preview
uses the same renderer, so what the administrator approves is what parents get.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.broadcasts.notice import describe, progress_text, render
from bot.delivery.outbox import Rendered
from bot.handlers import flows
from bot.handlers.common import (
    App,
    Ctx,
    admin_only,
    answer,
    deps_of,
    edit_or_send,
    label,
    query_of,
    stale,
    t,
    with_person,
)
from bot.services import conversations, notice_confirms, notices
from bot.services.conversations import Conversation
from bot.services.menu_parser import ALLERGENS
from bot.services.notices import Audience, Draft, Problem, Progress, Step
from bot.services.people import Person
from bot.views.buttons import NOTICE, HomeTask, NoticeAction, NoticePress, home_pattern
from bot.views.keyboards import keyboard

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE

Rows = list[list[tuple[str, str]]]


# ---- what parents get (also the preview) -------------------------------------------------------


async def _send_rendered(context: Ctx, chat_id: int, rendered: Rendered) -> Message:
    if rendered.photo:
        return await context.bot.send_photo(chat_id, rendered.photo, caption=rendered.text)
    if rendered.document:
        return await context.bot.send_document(chat_id, rendered.document, caption=rendered.text)
    return await context.bot.send_message(chat_id, rendered.text)


# ---- /notice: compose ---------------------------------------------------------------------------


@admin_only
async def notice_command(update: Update, context: Ctx, who: Person) -> None:
    await _ask_notice(update, context, who)


@admin_only
async def notice_from_home(update: Update, context: Ctx, who: Person) -> None:
    """The administrator's welcome button: the same as /notice."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await _ask_notice(update, context, who)


async def _ask_notice(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    await notices.begin(deps, who.user.id)
    text = t(
        context,
        who.lang,
        "notice-ask",
        text_max=str(notices.TEXT_MAX),  # str: no "3,500" digit grouping in a length
        caption_max=str(notices.CAPTION_MAX),
    )
    await answer(update, context, text, _cancel_only(context, who.lang))


@admin_only
async def changed_command(update: Update, context: Ctx, who: Person) -> None:
    """你说我改: a notice that cites what parents asked for, then says what changed."""
    await notices.begin(deps_of(context), who.user.id, changed=True)
    text = t(context, who.lang, "notice-changed-ask", max=str(notices.ASKED_MAX))
    await answer(update, context, text, _cancel_only(context, who.lang))


async def notice_message(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    message = update.effective_message
    assert message is not None
    deps = deps_of(context)
    lang = who.lang
    if not who.is_admin:  # the role was revoked mid-flow
        await conversations.clear(deps, who.user.id)
        await answer(update, context, t(context, lang, "not-admin"))
        return
    if message.media_group_id is not None:
        # Only the album's first message says so; the rest of it is dropped quietly.
        if await notices.note_album(deps, conv, message.media_group_id):
            await answer(update, context, t(context, lang, "notice-album"))
        return
    if conv.step == Step.ASKED:
        asked = notices.clean_asked(message.text)
        if asked is None:
            text = t(context, lang, "notice-changed-asked-bad", max=str(notices.ASKED_MAX))
            await answer(update, context, text)
            return
        await notices.accept_asked(deps, conv, asked)
        await answer(update, context, t(context, lang, "notice-changed-ask-body"))
        return
    if conv.step != Step.COMPOSE:
        await answer(update, context, t(context, lang, "notice-use-buttons"))
        return
    draft = _draft_from(message)
    if draft is None:
        await answer(update, context, t(context, lang, "notice-unsupported"))
        return
    draft = notices.with_asked(conv, draft)
    problem = notices.check(draft)
    if problem is Problem.EMPTY:
        await answer(update, context, t(context, lang, "notice-empty"))
        return
    if problem is Problem.TOO_LONG:
        length = notices.text_length(draft.body) + notices.text_length(draft.asked)
        await answer(
            update,
            context,
            t(context, lang, "notice-too-long", length=str(length), max=str(draft.limit)),
        )
        return
    conv = await notices.accept_draft(deps, conv, draft)
    picker = await answer(
        update, context, t(context, lang, "notice-pick-audience"), _audience_menu(context, lang)
    )
    await notices.set_menu_message(deps, conv, picker.message_id)


def _draft_from(message: Message) -> Draft | None:
    """The notice a message carries; None for content a notice cannot be (stickers, voice…)."""
    if message.text is not None:
        return notices.make_draft(message.text)
    if message.photo:
        return notices.make_draft(message.caption, photo=message.photo[-1].file_id)
    # A GIF arrives with a document too; it is an animation, not a file to hand out.
    if message.document is not None and message.animation is None:
        return notices.make_draft(message.caption, document=message.document.file_id)
    return None


# ---- /notice: the buttons -----------------------------------------------------------------------


@admin_only
async def notice_button(update: Update, context: Ctx, who: Person) -> None:
    query, data = query_of(update)
    deps = deps_of(context)
    lang = who.lang
    conv = await flows.current_flow(context, who, notices.NOTICE_FLOW)
    pressed = NOTICE.parse(data)
    if pressed is None:
        await stale(query, context, lang)
        return
    action = pressed.action
    if conv is not None and action is NoticeAction.CANCEL:
        await conversations.clear(deps, who.user.id)
        await query.answer()
        await edit_or_send(query, context, t(context, lang, "cancelled"))
        return
    message_id = query.message.message_id if query.message is not None else None
    if conv is None or message_id != notices.menu_message_of(conv):
        await stale(query, context, lang)
        return
    if conv.step == Step.AUDIENCE:
        handled = await _audience_step(update, context, who, conv, pressed)
    elif conv.step == Step.PREVIEW and action is NoticeAction.SEND:
        handled = await _send(update, context, who, conv)
    elif conv.step == Step.PREVIEW and action is NoticeAction.CONFIRM:
        handled = await _toggle_confirm(update, context, who, conv)
    elif conv.step == Step.PREVIEW and action is NoticeAction.CHANGE:
        await notices.change_audience(deps, conv)
        await query.answer()
        await edit_or_send(
            query, context, t(context, lang, "notice-pick-audience"), _audience_menu(context, lang)
        )
        handled = True
    else:
        handled = False
    if not handled:
        await stale(query, context, lang)


async def _audience_step(
    update: Update, context: Ctx, who: Person, conv: Conversation, pressed: NoticePress
) -> bool:
    """Walk the pickers; False when the button no longer means anything."""
    action, value = pressed.action, pressed.value
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang = who.lang
    back = [
        (label(context, lang, "button-back"), NOTICE.build(NoticePress(NoticeAction.TOP))),
        _cancel_button(context, lang),
    ]
    text: str
    rows: Rows
    if action is NoticeAction.TOP:
        text, rows = t(context, lang, "notice-pick-audience"), _audience_rows(context, lang)
    elif action in (NoticeAction.GRADES, NoticeAction.CLASS_GRADES):
        names = await notices.grades(deps)
        if not names:
            text, rows = t(context, lang, "notice-no-classes"), _audience_rows(context, lang)
        else:
            step = NoticeAction.GRADE if action is NoticeAction.GRADES else NoticeAction.CLASS_GRADE
            rows = [
                [(name, NOTICE.build(NoticePress(step, str(i))))] for i, name in enumerate(names)
            ]
            text = t(
                context,
                lang,
                "notice-pick-grade" if step is NoticeAction.GRADE else "notice-pick-class-grade",
            )
            rows.append(back)
    elif action is NoticeAction.CLASS_GRADE:
        found = await notices.classes_in_grade(deps, pressed.number)
        if found is None:
            return False
        grade, classes = found
        rows = [
            [(c.name, NOTICE.build(NoticePress(NoticeAction.CLASS, str(c.id))))] for c in classes
        ]
        rows.append(back)
        text = t(context, lang, "notice-pick-class", grade=grade)
    elif action is NoticeAction.ALLERGENS:
        rows = [
            [
                (
                    label(context, lang, f"allergen-{a}"),
                    NOTICE.build(NoticePress(NoticeAction.ALLERGEN, a)),
                )
                for a in ALLERGENS[i : i + 2]
            ]
            for i in range(0, len(ALLERGENS), 2)
        ]
        rows.append(back)
        text = t(context, lang, "notice-pick-allergen")
    else:
        kinds = {"all": "all", "g": "grade", "c": "class", "a": "allergen"}
        audience = await notices.audience_for(deps, kinds.get(action, ""), value)
        if audience is None:
            return False
        await query.answer()
        await _preview(update, context, who, conv, audience)
        return True
    await query.answer()
    await edit_or_send(query, context, text, keyboard(rows))
    return True


async def _preview(
    update: Update, context: Ctx, who: Person, conv: Conversation, audience: Audience
) -> None:
    """The notice exactly as parents get it, then who gets it and the Send/Change/Cancel buttons."""
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang = who.lang
    described = await describe(deps, lang, audience)
    await edit_or_send(
        query, context, t(context, lang, "notice-audience-chosen", audience=described)
    )
    conv = await notices.choose_audience(deps, conv, audience)
    await _send_rendered(
        context, who.user.id, render(deps, lang, notices.draft_of(conv), deps.clock.now())
    )
    count = len(await notices.recipients_of(deps, audience))
    confirm = notices.confirm_of(conv)
    control = await answer(
        update, context, *_confirmation(context, lang, described, count, confirm)
    )
    await notices.set_menu_message(deps, conv, control.message_id)


async def _toggle_confirm(update: Update, context: Ctx, who: Person, conv: Conversation) -> bool:
    """Ask parents to confirm (已阅), or not; the confirmation message says which."""
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    audience = notices.audience_of(conv)
    if audience is None:
        return False
    conv = await notices.toggle_confirm(deps, conv)
    described = await describe(deps, who.lang, audience)
    count = len(await notices.recipients_of(deps, audience))
    await query.answer()
    confirm = notices.confirm_of(conv)
    await edit_or_send(query, context, *_confirmation(context, who.lang, described, count, confirm))
    return True


def _confirmation(
    context: Ctx, lang: str, described: str, count: int, confirm: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    change = (
        label(context, lang, "notice-button-change"),
        NOTICE.build(NoticePress(NoticeAction.CHANGE)),
    )
    if count == 0:
        text = t(context, lang, "notice-confirm-nobody", audience=described)
        return text, keyboard([[change], [_cancel_button(context, lang)]])
    text = t(context, lang, "notice-confirm", audience=described, count=count)
    text += "\n" + t(context, lang, "notice-confirm-asks" if confirm else "notice-confirm-asks-not")
    send = (
        label(context, lang, "notice-button-send", count=count),
        NOTICE.build(NoticePress(NoticeAction.SEND)),
    )
    toggle = (
        label(
            context, lang, "notice-button-confirm-off" if confirm else "notice-button-confirm-on"
        ),
        NOTICE.build(NoticePress(NoticeAction.CONFIRM)),
    )
    return text, keyboard([[send], [toggle], [change, _cancel_button(context, lang)]])


async def _send(update: Update, context: Ctx, who: Person, conv: Conversation) -> bool:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang = who.lang
    audience = notices.audience_of(conv)
    if audience is None:
        return False
    described = await describe(deps, lang, audience)
    # Counted again: parents may have joined or left since the preview.
    chats = await notices.recipients_of(deps, audience)
    await query.answer()
    if not chats:
        await edit_or_send(query, context, *_confirmation(context, lang, described, 0))
        return True
    # The confirmation keeps its text as the record of what was approved; only its buttons go,
    # so a second tap cannot send the notice twice.
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(None)
    empty = Progress(len(chats), len(chats), 0, 0, 0, [])
    none_yet = (
        notice_confirms.Confirmations(0, deps.clock.now(), "", 0, 0, False)
        if notices.confirm_of(conv)
        else None
    )
    text = progress_text(deps, lang, described, empty, finished=False, confirmations=none_yet)
    report = await answer(update, context, text)
    broadcast_id = await notices.publish(deps, conv, chats, who.user.id, report.message_id)
    deps.notice_reports[broadcast_id] = text
    log.info(
        "user %s sent notice %s to %s chats (%s)",
        who.user.id,
        broadcast_id,
        len(chats),
        audience.to_json(),
    )
    return True


# ---- /cancel (every flow) -----------------------------------------------------------------------


@with_person
async def cancel_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    open_flow = await flows.current_flow(context, who)
    # An expired leftover row is removed too, but there was nothing left to cancel.
    await conversations.clear(deps, who.user.id)
    await answer(
        update, context, t(context, who.lang, "cancelled" if open_flow else "nothing-to-cancel")
    )


# ---- helpers ------------------------------------------------------------------------------------


def _cancel_button(context: Ctx, lang: str) -> tuple[str, str]:
    return label(context, lang, "button-cancel"), NOTICE.build(NoticePress(NoticeAction.CANCEL))


def _cancel_only(context: Ctx, lang: str) -> InlineKeyboardMarkup:
    return keyboard([[_cancel_button(context, lang)]])


def _audience_rows(context: Ctx, lang: str) -> Rows:
    return [
        [
            (
                label(context, lang, "notice-button-all"),
                NOTICE.build(NoticePress(NoticeAction.ALL)),
            ),
            (
                label(context, lang, "notice-button-grade"),
                NOTICE.build(NoticePress(NoticeAction.GRADES)),
            ),
        ],
        [
            (
                label(context, lang, "notice-button-class"),
                NOTICE.build(NoticePress(NoticeAction.CLASS_GRADES)),
            ),
            (
                label(context, lang, "notice-button-allergen"),
                NOTICE.build(NoticePress(NoticeAction.ALLERGENS)),
            ),
        ],
        [_cancel_button(context, lang)],
    ]


def _audience_menu(context: Ctx, lang: str) -> InlineKeyboardMarkup:
    return keyboard(_audience_rows(context, lang))


def register(app: App, routes: flows.Routes) -> None:
    routes.flow(notices.NOTICE_FLOW, notice_message)
    app.add_handler(CommandHandler("notice", notice_command, filters=PRIVATE))
    app.add_handler(CommandHandler("changed", changed_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(notice_from_home, pattern=home_pattern(HomeTask.NOTICE)))
    app.add_handler(CommandHandler("cancel", cancel_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(notice_button, pattern=r"^notice:"))
