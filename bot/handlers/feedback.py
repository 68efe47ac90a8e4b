"""The parent's side of the feedback loop: one-tap ratings under menus, the guided report
(/feedback), "file this as a report?" for anything sent outside a flow, /myreports, replies
about a case and the 24-hour follow-up.

A guided report is one message edited step by step (button answers) or a new prompt after a
typed answer. Its buttons carry the draft's nonce: a button from an older report, or one
forged, finds no matching draft and changes nothing.
"""

from __future__ import annotations

import logging
from datetime import date

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.deps import Deps
from bot.handlers import flows, group
from bot.handlers.common import (
    App,
    Ctx,
    answer,
    deps_of,
    edit_or_send,
    keyboard,
    label,
    person_of,
    t,
    with_person,
)
from bot.services import feedback as service
from bot.services.flagging import CATEGORIES
from bot.services.inputs import parse_int
from bot.services.menu_parser import MEALS
from bot.services.people import Person
from bot.storage import people as people_store
from bot.storage.cases import LinkKind, MessageLink
from bot.storage.people import Conversation
from bot.views.menus import long_date
from bot.views.ratings import FACES
from bot.views.text import pack

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
PREVIEW_TEXT_MAX = 1000
DISH_LABEL_MAX = 40
NOTE_IN_LIST = 200

Rows = list[list[tuple[str, str]]]


# ---- the guided report: rendering ---------------------------------------------------------------


def _data(draft: service.Draft, step: str, value: str) -> str:
    return f"fb:{draft.nonce}:{step}:{value}"


def _summary(deps: Deps, lang: str, draft: service.Draft) -> str:
    c = deps.catalog
    parts: list[str] = []
    if draft.day is not None:
        parts.append(long_date(c, lang, draft.day))
    if draft.meal:
        parts.append(c.label(lang, f"meal-{draft.meal}"))
    if draft.dish:
        parts.append(draft.dish)
    if draft.category:
        parts.append(c.label(lang, f"fb-cat-{draft.category}"))
    return " · ".join(parts)


def _buttons(deps: Deps, lang: str, prompt: service.Prompt, picking: bool) -> Rows:
    c, draft, step = deps.catalog, prompt.draft, prompt.step
    rows: Rows = []
    if step == "child":
        rows = [
            [
                (
                    f"{_child_name(deps, lang, ch.name)} ({ch.class_name})",
                    _data(draft, step, str(ch.id)),
                )
            ]
            for ch in prompt.children
        ]
        rows.append([(c.label(lang, "fb-button-child-none"), _data(draft, step, "none"))])
    elif step == "date" and picking:
        days = service.date_choices(prompt.today)
        for i in range(0, len(days), 2):
            rows.append(
                [
                    (long_date(c, lang, d), _data(draft, step, f"{d:%Y%m%d}"))
                    for d in days[i : i + 2]
                ]
            )
    elif step == "date":
        yesterday = date.fromordinal(prompt.today.toordinal() - 1)
        rows = [
            [(c.label(lang, "fb-button-today", date=long_date(c, lang, prompt.today)), _data(draft, step, "today"))],
            [(c.label(lang, "fb-button-yesterday", date=long_date(c, lang, yesterday)), _data(draft, step, "yesterday"))],
            [(c.label(lang, "fb-button-pick-date"), _data(draft, step, "pick"))],
        ]  # fmt: skip
    elif step == "meal":
        rows = [[(c.label(lang, f"meal-{m}"), _data(draft, step, m)) for m in MEALS]]
    elif step == "dish":
        rows = [
            [(_short(name), _data(draft, step, str(i)))] for i, name in enumerate(prompt.dishes)
        ]
        rows.append([(c.label(lang, "fb-button-no-dish"), _data(draft, step, "none"))])
    elif step == "category":
        for i in range(0, len(CATEGORIES), 2):
            rows.append(
                [
                    (c.label(lang, f"fb-cat-{k}"), _data(draft, step, k))
                    for k in CATEGORIES[i : i + 2]
                ]
            )
    elif step == "rating":
        rows = [[(face, _data(draft, step, str(score))) for score, face in FACES]]
        rows.append([(c.label(lang, "fb-button-skip"), _data(draft, step, "skip"))])
    elif step == "affected":
        rows = [[(str(n), _data(draft, step, str(n))) for n in range(1, 6)]]
        rows.append([(c.label(lang, "fb-unsure"), _data(draft, step, "unsure"))])
    elif step == "onset":
        rows = [[(c.label(lang, f"fb-onset-{o}"), _data(draft, step, o))] for o in service.ONSETS]
    elif step == "text":
        rows = [[(c.label(lang, "fb-button-skip"), _data(draft, step, "skip"))]]
    elif step == "photos":
        rows = [[(c.label(lang, "fb-button-done"), _data(draft, step, "done"))]]
    elif step == "anonymous":
        rows = [
            [(c.label(lang, "fb-button-named"), _data(draft, step, "no"))],
            [(c.label(lang, "fb-button-anonymous"), _data(draft, step, "yes"))],
        ]
    elif step == "preview":
        rows = [[(c.label(lang, "fb-button-send"), _data(draft, step, "send"))]]
    rows.append([(c.label(lang, "button-cancel"), _data(draft, "cancel", "0"))])
    return rows


def _child_name(deps: Deps, lang: str, name: str) -> str:
    return name or deps.catalog.label(lang, "child-unnamed")


def _short(name: str) -> str:
    return name if len(name) <= DISH_LABEL_MAX else name[: DISH_LABEL_MAX - 1] + "…"


def prompt_view(
    deps: Deps, lang: str, prompt: service.Prompt, picking: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    c, draft = deps.catalog, prompt.draft
    head = c.t(lang, "fb-draft-title")
    summary = _summary(deps, lang, draft)
    if summary:
        head += "\n" + c.t(lang, "fb-draft-summary", summary=summary)
    if prompt.step == "preview":
        body = _preview(deps, lang, draft)
    elif prompt.step == "photos":
        body = c.t(lang, "fb-ask-photos", max=str(service.MAX_PHOTOS), count=str(len(draft.photos)))
    elif prompt.step == "date" and picking:
        body = c.t(lang, "fb-ask-date-pick")
    else:
        body = c.t(lang, f"fb-ask-{prompt.step}")
    return f"{head}\n\n{body}", keyboard(_buttons(deps, lang, prompt, picking))


def _preview(deps: Deps, lang: str, draft: service.Draft) -> str:
    c = deps.catalog
    assert draft.day is not None and draft.meal is not None and draft.category is not None
    facts = group.Facts(
        draft.day,
        draft.meal,
        draft.dish,
        draft.category,
        draft.rating,
        draft.affected,
        draft.onset,
        len(draft.photos),
    )
    lines = [c.t(lang, "fb-preview-title"), *group.detail_lines(deps, lang, facts)]
    if draft.text:
        shown = draft.text
        if len(shown) > PREVIEW_TEXT_MAX:
            shown = shown[:PREVIEW_TEXT_MAX] + "…"
        lines.append(group.with_words(c.t(lang, "fb-line-text"), shown))
    key = "fb-line-anonymous" if draft.anonymous else "fb-line-named"
    lines += [c.t(lang, key), "", c.t(lang, "fb-preview-confirm")]
    return "\n".join(lines)


async def _show(update: Update, context: Ctx, who: Person, prompt: service.Prompt) -> None:
    """Ask the next step: in place of the pressed message, or as a new message."""
    text, markup = prompt_view(deps_of(context), who.lang, prompt)
    if update.callback_query is not None:
        await edit_or_send(update.callback_query, context, text, markup)
    else:
        await answer(update, context, text, markup)


# ---- the guided report: commands, buttons and messages -------------------------------------------


@with_person
async def feedback_command(update: Update, context: Ctx, who: Person) -> None:
    prompt = await service.begin_report(deps_of(context), who.user.id)
    await _show(update, context, who, prompt)


async def step_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    who = await person_of(update, context)
    deps = deps_of(context)
    parts = query.data.split(":")
    conv = await flows.current_flow(context, who, service.REPORT_FLOW)
    if len(parts) != 4 or conv is None or service.draft_of(conv).nonce != parts[1]:
        await query.answer(label(context, who.lang, "stale-button"), show_alert=True)
        return
    _, _, step, value = parts
    if step == "cancel":
        await people_store.clear_conversation(deps.db, who.user.id)
        await query.answer()
        await edit_or_send(query, context, t(context, who.lang, "cancelled"))
        return
    if step == "date" and value == "pick" and conv.step == "date":
        await query.answer()
        current = await service.resume(deps, conv)
        text, markup = prompt_view(deps, who.lang, current, picking=True)
        await edit_or_send(query, context, text, markup)
        return
    if step == "preview" and value == "send":
        await _submit(update, context, who, conv)
        return
    prompt = await service.choose(deps, conv, step, value)
    if prompt is None:
        await query.answer(label(context, who.lang, "stale-button"), show_alert=True)
        return
    await query.answer()
    await _show(update, context, who, prompt)


async def _submit(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    case = await service.submit(deps, conv)
    if case is None:
        await query.answer(label(context, who.lang, "stale-button"), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    if case.flagged:
        key = "fb-submitted-flagged"
    elif case.category == "praise":
        key = "fb-submitted-praise"
    else:
        key = "fb-submitted"
    await answer(update, context, t(context, who.lang, key, id=str(case.id)))
    if case.flagged:
        await group.forward_pending(deps, context.bot)


@flows.flow(service.REPORT_FLOW)
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
    typed = await service.type_text(deps, conv, message.text)
    if typed.problem == "too-long":
        await answer(update, context, t(context, lang, "fb-too-long", max=str(service.TEXT_MAX)))
    elif typed.problem is not None:
        await answer(update, context, t(context, lang, f"fb-problem-{typed.problem}"))
        if typed.problem == "use-buttons":
            await _show(update, context, who, await service.resume(deps, conv))
    elif typed.prompt is not None:
        if conv.step == "photos":
            await answer(update, context, t(context, lang, "fb-text-added"))
        await _show(update, context, who, typed.prompt)


async def _photo(
    update: Update, context: Ctx, who: Person, conv: Conversation, message: Message
) -> None:
    """Photos are welcome at any step; an album's photos share one acknowledgement (edited)."""
    deps = deps_of(context)
    lang = who.lang
    added = await service.add_photo(
        deps, conv, message.photo[-1].file_id, message.caption, message.media_group_id
    )
    prompt = added.prompt
    if not added.added:
        await answer(
            update, context, t(context, lang, "fb-photo-full", max=str(service.MAX_PHOTOS))
        )
        return
    if prompt.step != conv.step and prompt.step != "photos":
        await _show(update, context, who, prompt)  # a caption answered the description step
        return
    if prompt.step == "photos":
        text, markup = prompt_view(deps, lang, prompt)
    else:
        count = str(len(prompt.draft.photos))
        text = t(context, lang, "fb-photo-added", count=count, max=str(service.MAX_PHOTOS))
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
    await service.remember_ack(deps, prompt, who.user.id, sent.message_id)


# ---- outside any flow: offer to file it ---------------------------------------------------------


@flows.fallback
async def offer_to_file(update: Update, context: Ctx, who: Person) -> bool:
    """Text or a photo outside any flow is never dropped: offer to file it as a report. Anything
    else (documents: menu imports) is left to the other fallbacks."""
    message = update.effective_message
    if message is None or (message.text is None and not message.photo):
        return False
    deps = deps_of(context)
    photo = message.photo[-1].file_id if message.photo else None
    offer_id = await service.offer(
        deps, who.user.id, message.text or message.caption or "", photo, message.media_group_id
    )
    if offer_id is None:
        return True  # the rest of an album already offered
    markup = keyboard([[(label(context, who.lang, "fb-button-file"), f"fbo:{offer_id}")]])
    await context.bot.send_message(
        message.chat_id,
        t(context, who.lang, "fb-offer"),
        reply_markup=markup,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
    )
    return True


async def offer_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    who = await person_of(update, context)
    deps = deps_of(context)
    value = query.data.removeprefix("fbo:")
    offer_id = parse_int(value)
    prefill = None if offer_id is None else await service.take_offer(deps, who.user.id, offer_id)
    if prefill is None:
        await query.answer(label(context, who.lang, "stale-button"), show_alert=True)
        return
    await query.answer()
    await _show(update, context, who, await service.begin_report(deps, who.user.id, prefill))


# ---- one-tap ratings ----------------------------------------------------------------------------


def marked_keyboard(markup: InlineKeyboardMarkup, tap: service.RatingTap) -> InlineKeyboardMarkup:
    """The same keyboard with the chosen face of that meal marked ✅ (and no other of its row)."""
    prefix = f"rate:{tap.day:%Y%m%d}:{tap.meal}:"
    faces = dict(FACES)
    rows: list[list[InlineKeyboardButton]] = []
    for row in markup.inline_keyboard:
        new_row: list[InlineKeyboardButton] = []
        for button in row:
            data = button.callback_data
            if isinstance(data, str) and data.startswith(prefix):
                text = button.text.replace("✅", "")
                score = data.removeprefix(prefix)
                face = faces.get(parse_int(score) or 0)
                if score == str(tap.score) and face is not None:
                    text = text[: -len(face)] + "✅" + face if text.endswith(face) else "✅" + text
                button = InlineKeyboardButton(text, callback_data=data)
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


async def rate_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    who = await person_of(update, context)
    deps = deps_of(context)
    lang = who.lang
    tap = service.parse_rating(query.data)
    if tap is None:
        await query.answer(label(context, lang, "stale-button"), show_alert=True)
        return
    result = await service.rate(deps, who.user.id, tap)
    if isinstance(result, service.RateRefusal):
        await query.answer(label(context, lang, f"fb-rate-{result}"), show_alert=True)
        return
    meal, face = label(context, lang, f"meal-{tap.meal}"), dict(FACES)[tap.score]
    key = "fb-rated-children" if result.children > 1 else "fb-rated"
    await query.answer(label(context, lang, key, meal=meal, face=face, count=str(result.children)))
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        marked = marked_keyboard(message.reply_markup, tap)
        if marked != message.reply_markup:
            await message.edit_reply_markup(reply_markup=marked)
    if result.offer_more(tap.score):
        data = f"fbm:{tap.day:%Y%m%d}:{tap.meal}:{tap.score}"
        await context.bot.send_message(
            who.user.id,
            t(context, lang, "fb-low-rating", meal=meal),
            reply_markup=keyboard([[(label(context, lang, "fb-button-more"), data)]]),
        )


async def more_button(update: Update, context: Ctx) -> None:
    """After a low rating, "tell us more": the guided report with date, meal and rating filled."""
    query = update.callback_query
    assert query is not None and query.data is not None
    who = await person_of(update, context)
    deps = deps_of(context)
    tap = service.parse_rating("rate:" + query.data.removeprefix("fbm:"))
    if tap is None or await service.check_tap(deps, tap) is not None:
        await query.answer(label(context, who.lang, "stale-button"), show_alert=True)
        return
    await query.answer()
    prefill = service.Prefill(day=tap.day, meal=tap.meal, rating=tap.score)
    await _show(update, context, who, await service.begin_report(deps, who.user.id, prefill))


# ---- /myreports ---------------------------------------------------------------------------------


@with_person
async def myreports_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang, c = who.lang, deps.catalog
    cases = await service.my_reports(deps, who.user.id)
    if not cases:
        await answer(update, context, t(context, lang, "fb-myreports-empty"))
        return
    lines = [c.t(lang, "fb-myreports-title", count=str(len(cases)))]
    for case in cases:
        lines.append(
            c.t(
                lang,
                "fb-myreports-line",
                id=str(case.id),
                date=long_date(c, lang, case.date),
                meal=c.label(lang, f"meal-{case.meal}"),
                category=c.label(lang, f"fb-cat-{case.category}"),
                status=c.label(lang, f"fb-status-{case.status}"),
            )
        )
        if case.resolution:
            note = case.resolution
            note = note if len(note) <= NOTE_IN_LIST else note[:NOTE_IN_LIST] + "…"
            lines.append(c.t(lang, "fb-myreports-note", note=note))
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
    found = await service.link_of(deps, message.chat_id, message.reply_to_message.message_id)
    if found is None or found.kind not in (LinkKind.RELAY, LinkKind.FOLLOW_UP):
        return
    case = await service.get_case(deps, found.case_id)
    if case is None:
        return
    who = await person_of(update, context)
    text = message.text or message.caption or ""
    photo = message.photo[-1].file_id if message.photo else None
    if not text and photo is None:
        await answer(update, context, t(context, who.lang, "fb-unsupported"))
        raise ApplicationHandlerStop
    detail = text or deps.catalog.label(group.group_lang(deps), "fb-photo-marker")
    if found.kind is LinkKind.FOLLOW_UP:
        await service.follow_up_answered(deps, case.id, who.user.id, detail)
        key = "fb-followup-to-group"
    else:
        await service.parent_replied(deps, case.id, who.user.id, detail)
        key = "fb-parent-reply"
    delivered = await group.relay_to_group(deps, context.bot, case, key, text, photo)
    await answer(
        update, context, t(context, who.lang, "fb-reply-sent" if delivered else "fb-reply-failed")
    )
    raise ApplicationHandlerStop


async def followup_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    who = await person_of(update, context)
    deps = deps_of(context)
    _, value, choice = [*query.data.split(":"), "", ""][:3]
    number = parse_int(value)
    case = None if number is None else await service.get_case(deps, number)
    if (
        case is None
        or case.parent_id != who.user.id
        or case.followup_sent_at is None
        or choice not in service.FOLLOW_UP_ANSWERS
    ):
        await query.answer(label(context, who.lang, "stale-button"), show_alert=True)
        return
    await service.follow_up_answered(deps, case.id, who.user.id, choice)
    await query.answer(label(context, who.lang, "fb-followup-thanks"))
    await edit_or_send(
        query,
        context,
        t(
            context,
            who.lang,
            "fb-followup-answered",
            id=str(case.id),
            answer=label(context, who.lang, f"fb-fu-{choice}"),
        ),
    )
    glang = group.group_lang(deps)
    await group.relay_to_group(
        deps,
        context.bot,
        case,
        "fb-followup-to-group",
        deps.catalog.label(glang, f"fb-fu-{choice}"),
        None,
    )


# ---- scheduled: follow-ups and abandoned reports --------------------------------------------------


async def send_followups(deps: Deps, bot: Bot) -> None:
    """24 hours after a suspected illness or allergy reaction, ask how the child is now (not
    a parent who has sent /stop or blocked the bot: the question is then skipped for good)."""
    for case in await service.followups_due(deps):
        assert case.parent_id is not None
        if not case.parent_active:
            await service.mark_followup_sent(deps, case, [])
            continue
        lang, c = group.parent_lang(deps, case), deps.catalog
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        c.label(lang, f"fb-fu-{choice}"), callback_data=f"fu:{case.id}:{choice}"
                    )
                    for choice in service.FOLLOW_UP_ANSWERS
                ]
            ]
        )
        text = c.t(
            lang,
            "fb-followup",
            id=str(case.id),
            date=long_date(c, lang, case.date),
            meal=c.label(lang, f"meal-{case.meal}"),
        )
        links: list[MessageLink] = []
        try:
            sent = await bot.send_message(case.parent_id, text, reply_markup=markup)
            links.append(MessageLink(case.parent_id, sent.message_id, LinkKind.FOLLOW_UP))
        except Forbidden:
            log.info("parent %s blocked the bot; no follow-up for case %s", case.parent_id, case.id)
        except TelegramError:
            log.warning("follow-up for case %s not sent; retrying later", case.id, exc_info=True)
            continue
        await service.mark_followup_sent(deps, case, links)


async def expire_reports(deps: Deps, bot: Bot) -> None:
    """Reports left unfinished for 30 minutes are dropped, and the parent is told."""
    for conv in await service.expired_reports(deps):
        if not await service.drop_expired(deps, conv):
            continue
        user = await people_store.get_user(deps.db, conv.user_id)
        lang = user.language if user else deps.settings.default_language
        try:
            await bot.send_message(conv.user_id, deps.catalog.t(lang, "fb-expired"))
        except TelegramError as exc:
            log.info("could not tell %s that their report expired: %s", conv.user_id, exc)


def register(app: App) -> None:
    app.add_handler(CommandHandler("feedback", feedback_command, filters=PRIVATE))
    app.add_handler(CommandHandler("myreports", myreports_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(rate_button, pattern=r"^rate:"))
    app.add_handler(CallbackQueryHandler(step_button, pattern=r"^fb:"))
    app.add_handler(CallbackQueryHandler(offer_button, pattern=r"^fbo:"))
    app.add_handler(CallbackQueryHandler(more_button, pattern=r"^fbm:"))
    app.add_handler(CallbackQueryHandler(followup_button, pattern=r"^fu:"))
    replies = PRIVATE & filters.REPLY & ~filters.COMMAND & ~filters.UpdateType.EDITED
    # Before the flows (group 10): a reply about a case must not be taken as a flow's answer.
    app.add_handler(MessageHandler(replies, private_reply), group=9)
