"""The administrator's welcome buttons that belong to no other feature's handler: the open
cases (as the group's /cases lists them) and how to import a menu."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.handlers.common import App, Ctx, admin_only, answer, deps_of, t
from bot.notify.group import send_lines
from bot.services import cases
from bot.services.people import Person
from bot.views import cases as case_view
from bot.views.buttons import HomeTask, home_pattern


@admin_only
async def open_cases(update: Update, context: Ctx, who: Person) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    deps = deps_of(context)
    found = await cases.open_cases(deps)
    lines = case_view.open_cases_lines(deps, found)
    if found:  # /case works in the group, where the cards and their buttons are
        lines.append(t(context, who.lang, "home-cases-where"))
    await send_lines(context.bot, who.user.id, lines)


@admin_only
async def menu_import_help(update: Update, context: Ctx, who: Person) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await answer(update, context, t(context, who.lang, "home-import-how"))


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(open_cases, pattern=home_pattern(HomeTask.CASES)))
    app.add_handler(
        CallbackQueryHandler(menu_import_help, pattern=home_pattern(HomeTask.MENU_IMPORT))
    )
