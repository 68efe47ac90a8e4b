"""/survey (administrators: set up and start the termly survey; /survey results), and parents
answering it: one message, edited question by question, and the written suggestion."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.deps import Deps
from bot.handlers import flows
from bot.handlers.common import (
    App,
    Ctx,
    admin_only,
    answer,
    answer_parts,
    deps_of,
    edit_or_send,
    label,
    query_of,
    stale,
    t,
    with_person,
)
from bot.notify import survey_chart
from bot.services import conversations, survey, survey_results
from bot.services.conversations import Conversation
from bot.services.people import Person
from bot.services.survey import Answer, Launch, Outcome
from bot.views import survey as view
from bot.views.survey_callbacks import SETUP, SURVEY, SetupAction
from bot.views.text import pack

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE


# ---- /survey (administrators) ------------------------------------------------------------------


@admin_only
async def survey_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    args = [a.lower() for a in (context.args or [])]
    if args in (["results"], ["结果"]):
        await _results(update, context, who)
        return
    if args:
        await answer(update, context, t(context, lang, "survey-usage"))
        return
    current = await survey.open_survey(deps)
    if current is not None:
        text = t(
            context,
            lang,
            "survey-already-open",
            responses=await survey.submitted_count(deps, current.id),
            recipients=current.recipients,
            date=survey.local_day(deps, current.closes_at).isoformat(),
        )
        await answer(update, context, text)
        return
    setup = await survey.begin_setup(deps, who.user.id)
    text, markup = await _setup_view(deps, lang, setup)
    menu = await answer(update, context, text, markup)
    await survey.save_setup(deps, who.user.id, survey.Setup(menu_message=menu.message_id))


async def _results(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    lang = who.lang
    results = await survey_results.latest(deps)
    if results is None:
        await answer(update, context, t(context, lang, "survey-none-yet"))
        return
    await answer_parts(update, context, pack(view.results_lines(deps, lang, results)))
    chat = update.effective_chat
    assert chat is not None
    await survey_chart.send(deps, context.bot, chat.id, lang, results, in_group=False)
    if results.suggestions:
        await answer_parts(
            update, context, pack(view.suggestion_lines(deps.catalog, lang, results.suggestions))
        )


async def setup_message(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    """Text while the set-up is open: it is done with the buttons."""
    await answer(update, context, t(context, who.lang, "survey-use-buttons"))


@admin_only
async def setup_button(update: Update, context: Ctx, who: Person) -> None:
    query, data = query_of(update)
    deps = deps_of(context)
    lang = who.lang
    pressed = SETUP.parse(data)
    conv = await flows.current_flow(context, who, survey.SETUP_FLOW)
    message_id = query.message.message_id if query.message is not None else None
    if pressed is None or conv is None or message_id != survey.setup_of(conv).menu_message:
        await stale(query, context, lang)
        return
    if pressed.action is SetupAction.CANCEL:
        await conversations.clear(deps, who.user.id)
        await query.answer()
        await edit_or_send(query, context, t(context, lang, "cancelled"))
        return
    if pressed.action is SetupAction.START:
        await _start(update, context, who, conv)
        return
    if pressed.action is SetupAction.ITEM:
        setup = await survey.toggle_item(deps, conv, pressed.value)
    else:
        setup = await survey.set_duration(deps, conv, int(pressed.value))
    if setup is None:
        await query.answer(label(context, lang, "survey-keep-one"), show_alert=True)
        return
    await query.answer()
    if setup == survey.setup_of(conv):
        return  # the duration already chosen: the message already shows it
    text, markup = await _setup_view(deps, lang, setup)
    await edit_or_send(query, context, text, markup)


async def _setup_view(
    deps: Deps, lang: str, setup: survey.Setup
) -> tuple[str, InlineKeyboardMarkup]:
    """The set-up message as it stands: the items kept, the duration, the closing day."""
    items = await survey.items(deps)
    return view.setup_view(
        deps.catalog, lang, items, setup.dropped, setup.days, survey.closing_day(deps, setup)
    )


async def _start(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context)
    lang = who.lang
    launched = await survey.launch(deps, conv)
    await query.answer()
    if launched.outcome is Launch.NOBODY:
        await edit_or_send(query, context, t(context, lang, "survey-nobody"))
        return
    if launched.outcome is Launch.ALREADY_OPEN or launched.survey is None:
        await conversations.clear(deps, who.user.id)
        await edit_or_send(query, context, t(context, lang, "survey-open-elsewhere"))
        return
    started = launched.survey
    text = t(
        context,
        lang,
        "survey-started",
        count=started.recipients,
        date=survey.local_day(deps, started.closes_at).isoformat(),
    )
    await edit_or_send(query, context, text)
    log.info(
        "user %s started survey %s for %s parents", who.user.id, started.id, started.recipients
    )


# ---- parents answering ------------------------------------------------------------------------------


@with_person
async def survey_button(update: Update, context: Ctx, who: Person) -> None:
    query, data = query_of(update)
    deps = deps_of(context)
    pressed = SURVEY.parse(data)
    message = query.message
    if pressed is None or not isinstance(message, Message):
        await stale(query, context, who.lang)
        return
    result = await survey.press(
        deps,
        pressed.survey_id,
        who.user.id,
        message.message_id,
        pressed.action,
        pressed.position,
        pressed.value,
    )
    await _show(update, context, who, result)


async def _show(update: Update, context: Ctx, who: Person, result: Answer) -> None:
    query = update.callback_query
    assert query is not None
    lang = who.lang
    catalog = deps_of(context).catalog
    if result.outcome is Outcome.STALE:
        await query.answer(label(context, lang, "survey-stale"))
        return
    await query.answer()
    if result.outcome is Outcome.SHOW:
        assert result.screen is not None
        await edit_or_send(query, context, *view.screen_view(catalog, lang, result.screen))
        return
    key = {
        Outcome.CLOSED: "survey-closed",
        Outcome.ALREADY: "survey-already-answered",
        Outcome.THANKS: "survey-thanks",
    }[result.outcome]
    await edit_or_send(query, context, t(context, lang, key))


async def suggestion_message(update: Update, context: Ctx, who: Person) -> bool:
    """Text outside any flow from a parent whose survey waits for the written suggestion."""
    message = update.effective_message
    if message is None or message.text is None:
        return False
    deps = deps_of(context)
    screen = await survey.waiting_for_suggestion(deps, who.user.id)
    if screen is None:
        return False
    lang = who.lang
    text = survey.clean_suggestion(message.text)
    if text is None:
        await answer(
            update, context, t(context, lang, "survey-suggestion-bad", max=survey.SUGGESTION_MAX)
        )
        return True
    moved = await survey.write_suggestion(deps, screen, who.user.id, text)
    if moved is None:
        return False
    message_id = await survey.message_of(deps, screen.survey.id, who.user.id)
    shown, markup = view.screen_view(deps.catalog, lang, moved)
    try:
        if message_id is None:
            raise BadRequest("message to edit not found")
        await context.bot.edit_message_text(
            shown, chat_id=message.chat_id, message_id=message_id, reply_markup=markup
        )
        await answer(update, context, t(context, lang, "survey-suggestion-noted"))
    except BadRequest as exc:
        # The survey message is gone (deleted by the parent): the questions go on in a new one.
        log.info("survey message of %s not editable (%s): a new one", who.user.id, exc)
        sent = await answer(update, context, shown, markup)
        await survey.begin(deps, screen.survey.id, who.user.id, sent.message_id)
    return True


def register(app: App, routes: flows.Routes) -> None:
    """Call before the feedback handlers: their fallback takes any text as a report."""
    routes.flow(survey.SETUP_FLOW, setup_message)
    routes.fallback(suggestion_message)
    app.add_handler(CommandHandler("survey", survey_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(setup_button, pattern=SETUP.pattern))
    app.add_handler(CallbackQueryHandler(survey_button, pattern=SURVEY.pattern))
