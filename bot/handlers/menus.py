"""/menu (day, navigation, week), menu import by file and /settings."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers import flows
from bot.handlers.common import (
    App,
    Ctx,
    answer,
    answer_parts,
    deps_of,
    edit_or_send,
    label,
    person_of,
    query_of,
    stale,
    t,
    with_person,
)
from bot.services import conversations, duty, menus, people
from bot.services.conversations import Conversation
from bot.services.menu_parser import MAX_FILE_BYTES, ParseProblem, parse_date
from bot.services.people import Person
from bot.views.buttons import MENU, MENU_IMPORT, MENU_OPT_IN, MenuPress, MenuView
from bot.views.calendar import closed_text
from bot.views.duty_buttons import DIGEST
from bot.views.keyboards import keyboard
from bot.views.menu_preview import preview_blocks
from bot.views.menus import (
    day_text,
    day_view_text,
    import_notes,
    long_date,
    week_text,
)
from bot.views.ratings import rating_rows
from bot.views.text import cap, pack, split_html

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
IMPORT_FLOW = "menu-import"
MAX_PROBLEMS_SHOWN = 30  # a list this long arrives in a few messages (pack)


# ---- /menu ---------------------------------------------------------------------------------------


@with_person
async def menu_command(update: Update, context: Ctx, who: Person) -> None:
    deps = deps_of(context)
    day = menus.today(deps)
    if context.args and context.args[0].lower() in ("week", "本周", "周"):
        await _send_week(update, context, who, day)
        return
    if context.args:
        parsed = parse_date(context.args[0])
        if parsed is not None:
            day = parsed
    text, markup = await _day_view(context, who, day)
    await answer(update, context, text, markup)


async def _day_view(context: Ctx, who: Person, day: date) -> tuple[str, InlineKeyboardMarkup]:
    deps = deps_of(context)
    lang = who.lang
    dishes = await menus.dishes_on(deps, day)
    children = await people.children_of(deps, who.user.id)
    rows: list[list[InlineKeyboardButton]] = []
    if dishes:
        text, shortened = day_view_text(deps, lang, day, dishes, children)
        rows += rating_rows(deps, lang, day, dishes)
        if shortened:
            full = label(context, lang, "menu-button-full")
            rows.append(
                [
                    InlineKeyboardButton(
                        full, callback_data=MENU.build(MenuPress(MenuView.FULL, day))
                    )
                ]
            )
    else:
        text = await closed_text(deps, lang, day) or t(
            context, lang, "menu-none", date=long_date(deps.catalog, lang, day)
        )
    nav = [
        InlineKeyboardButton(
            label(context, lang, "menu-button-prev"),
            callback_data=MENU.build(MenuPress(MenuView.DAY, day - timedelta(days=1))),
        ),
        InlineKeyboardButton(
            label(context, lang, "menu-button-next"),
            callback_data=MENU.build(MenuPress(MenuView.DAY, day + timedelta(days=1))),
        ),
    ]
    extra = [
        InlineKeyboardButton(
            label(context, lang, "menu-button-week"),
            callback_data=MENU.build(MenuPress(MenuView.WEEK, day)),
        )
    ]
    if day != menus.today(deps):
        extra.insert(
            0,
            InlineKeyboardButton(
                label(context, lang, "menu-button-today"),
                callback_data=MENU.build(MenuPress(MenuView.TODAY)),
            ),
        )
    return text, InlineKeyboardMarkup([*rows, nav, extra])


async def _send_full_day(update: Update, context: Ctx, who: Person, day: date) -> None:
    """The whole day as new messages, as the morning push sends it: the rating keyboard on the
    last. The view the button was under stays as it is."""
    deps = deps_of(context)
    dishes = await menus.dishes_on(deps, day)
    if not dishes:
        text, markup = await _day_view(context, who, day)
        await answer(update, context, text, markup)
        return
    children = await people.children_of(deps, who.user.id)
    texts = split_html(day_text(deps, who.lang, day, dishes, children))
    markup = InlineKeyboardMarkup(rating_rows(deps, who.lang, day, dishes))
    await answer_parts(update, context, texts, markup)


async def _send_week(update: Update, context: Ctx, who: Person, day: date) -> None:
    deps = deps_of(context)
    monday = day - timedelta(days=day.weekday())
    dishes = await menus.dishes_in_week(deps, day)
    children = await people.children_of(deps, who.user.id)
    for text in week_text(deps, who.lang, monday, dishes, children):
        await answer(update, context, text)


async def menu_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    pressed = MENU.parse(data)
    if pressed is None:
        await stale(query, context, who.lang)
        return
    day = pressed.day or menus.today(deps)
    await query.answer()
    if pressed.view is MenuView.WEEK:
        await _send_week(update, context, who, day)
        return
    if pressed.view is MenuView.FULL:
        await _send_full_day(update, context, who, day)
        return
    text, markup = await _day_view(context, who, day)
    await edit_or_send(query, context, text, markup)


# ---- menu import by file --------------------------------------------------------------------------


async def menu_file(update: Update, context: Ctx, who: Person) -> bool:
    """An administrator's spreadsheet outside any flow is a menu import."""
    message = update.effective_message
    if message is None or message.document is None or not who.is_admin:
        return False
    deps = deps_of(context)
    lang = who.lang
    document = message.document
    name = document.file_name or ""
    if not name.lower().endswith((".csv", ".xlsx", ".txt", ".tsv")):
        await answer(update, context, t(context, lang, "menu-import-not-a-menu"))
        return True
    if document.file_size and document.file_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        await answer(update, context, t(context, lang, "menu-import-too-big", limit=limit))
        return True
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    except TelegramError:
        log.warning("could not download menu file from %s", who.user.id, exc_info=True)
        await answer(update, context, t(context, lang, "menu-import-download-failed"))
        return True
    result = await menus.parse_upload(deps, data, name)
    if not result.ok:
        await answer_parts(update, context, _problem_messages(context, lang, result.problems))
        return True
    preview = await menus.preview(deps, result.rows)
    await conversations.save(
        deps, who.user.id, IMPORT_FLOW, "confirm", {"rows": menus.rows_to_json(result.rows)}
    )
    markup = keyboard(
        [
            [
                (
                    label(context, lang, "menu-import-button-confirm"),
                    MENU_IMPORT.build(True),
                ),
                (
                    label(context, lang, "menu-import-button-cancel"),
                    MENU_IMPORT.build(False),
                ),
            ]
        ]
    )
    await answer_parts(
        update, context, pack(preview_blocks(deps, lang, preview, result.rows), sep="\n\n"), markup
    )
    return True


def _problem_messages(context: Ctx, lang: str, problems: list[ParseProblem]) -> list[str]:
    """The problems as one or more messages: at most MAX_PROBLEMS_SHOWN, then how many more."""
    lines = [  # one past the cap, so cap() adds its line: formatting 5,000 would be wasted
        "• " + t(context, lang, f"menu-import-problem-{p.code}", row=p.row, value=p.value)
        for p in problems[: MAX_PROBLEMS_SHOWN + 1]
    ]
    hidden = len(problems) - MAX_PROBLEMS_SHOWN
    shown = cap(
        lines, MAX_PROBLEMS_SHOWN, lambda _: t(context, lang, "menu-import-more", count=hidden)
    )
    return pack([t(context, lang, "menu-import-problems", count=len(problems)), *shown])


async def import_waiting(update: Update, context: Ctx, who: Person, conv: Conversation) -> None:
    """A new file while a preview waits replaces it; anything else gets the pending question again."""
    await conversations.clear(deps_of(context), who.user.id)
    if not await menu_file(update, context, who):
        await flows.dispatch(update, context)


async def import_button(update: Update, context: Ctx) -> None:
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    lang = who.lang
    conv = await flows.current_flow(context, who, IMPORT_FLOW)
    confirmed = MENU_IMPORT.parse(data)
    if conv is None or not who.is_admin or confirmed is None:
        await stale(query, context, lang)
        return
    await query.answer()
    await conversations.clear(deps, who.user.id)
    if not confirmed:
        await edit_or_send(query, context, t(context, lang, "menu-import-cancelled"))
        return
    rows = menus.rows_from_json(conv.data["rows"])
    outcome = await menus.apply_import(deps, rows)
    log.info(
        "administrator %s imported menus for %s", who.user.id, [d.isoformat() for d in outcome.days]
    )
    lines = [t(context, lang, "menu-import-done", days=len(outcome.days), dishes=len(rows))]
    lines += import_notes(deps, lang, outcome.past, outcome.today)
    await edit_or_send(query, context, "\n".join(lines))


# ---- /settings -------------------------------------------------------------------------------------


def _settings_view(
    context: Ctx, lang: str, opt_in: bool, digest: bool
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        t(context, lang, "settings-title"),
        t(context, lang, "settings-menu-on" if opt_in else "settings-menu-off"),
        t(context, lang, "duty-settings-digest-on" if digest else "duty-settings-digest-off"),
    ]
    key = "settings-button-turn-off" if opt_in else "settings-button-turn-on"
    digest_key = "duty-settings-turn-off" if digest else "duty-settings-turn-on"
    return "\n".join(lines), keyboard(
        [
            [(label(context, lang, key), MENU_OPT_IN.build(not opt_in))],
            [(label(context, lang, digest_key), DIGEST.build(not digest))],
        ]
    )


@with_person
async def settings_command(update: Update, context: Ctx, who: Person) -> None:
    digest = await duty.digest_on(deps_of(context), who.user.id)
    text, markup = _settings_view(context, who.lang, who.user.menu_opt_in, digest)
    await answer(update, context, text, markup)


async def settings_button(update: Update, context: Ctx) -> None:
    """The daily menu's switch (set:) and the evening 陪餐 digest's (dgst:)."""
    query, data = query_of(update)
    who = await person_of(update, context)
    deps = deps_of(context)
    opt_in, digest = who.user.menu_opt_in, await duty.digest_on(deps, who.user.id)
    menu_pressed, digest_pressed = MENU_OPT_IN.parse(data), DIGEST.parse(data)
    if menu_pressed is not None:
        opt_in = menu_pressed
        await people.set_menu_opt_in(deps, who.user.id, opt_in)
    elif digest_pressed is not None:
        digest = digest_pressed
        await duty.set_digest(deps, who.user.id, digest)
    else:
        await stale(query, context, who.lang)
        return
    await query.answer()
    text, markup = _settings_view(context, who.lang, opt_in, digest)
    await edit_or_send(query, context, text, markup)


def register(app: App, routes: flows.Routes) -> None:
    routes.flow(IMPORT_FLOW, import_waiting)
    routes.fallback(menu_file)
    app.add_handler(CommandHandler("menu", menu_command, filters=PRIVATE))
    app.add_handler(CommandHandler("settings", settings_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=r"^menu:"))
    app.add_handler(CallbackQueryHandler(import_button, pattern=r"^mimp:"))
    app.add_handler(CallbackQueryHandler(settings_button, pattern=r"^(set|dgst):"))
