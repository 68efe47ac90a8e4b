"""The one error handler: log with the update, apologise in the person's language, alert admins."""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.handlers.common import App, Ctx, deps_of
from bot.i18n import pick_language
from bot.services import people

log = logging.getLogger(__name__)
ALERT_EVERY = timedelta(minutes=1)


async def on_error(update: object, context: Ctx) -> None:
    deps = deps_of(context)
    if (
        isinstance(context.error, Forbidden)
        and isinstance(update, Update)
        and update.effective_user
    ):
        # The person blocked the bot while we were answering: expected, not a failure.
        blocked = update.effective_user.id
        log.info("user %s blocked the bot: %s", blocked, context.error)
        await people.mark_blocked(deps, blocked)
        return
    log.error("update %r caused an error", update, exc_info=context.error)
    user_id: int | None = None
    if isinstance(update, Update) and update.effective_user is not None:
        user_id = update.effective_user.id
        chat = update.effective_chat
        user = await people.user(deps, user_id)
        lang = (
            user.language
            if user
            else pick_language(update.effective_user.language_code, deps.settings.default_language)
        )
        # A database that cannot be written (read-only, disk full) is the operator's to fix and
        # passes: the person is asked to try again rather than told something broke.
        key = "error-try-again" if isinstance(context.error, sqlite3.Error) else "error-generic"
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(deps.catalog.label(lang, key), show_alert=True)
            elif chat is not None:
                await context.bot.send_message(chat.id, deps.catalog.t(lang, key))
        except TelegramError:
            log.warning("could not tell user %s about the error", user_id)
    now = deps.clock.now()
    last = deps.last_error_alert
    if last is not None and now - last < ALERT_EVERY:
        return
    deps.last_error_alert = now
    error = f"{type(context.error).__name__}: {context.error}"[:300]
    for admin in await people.admin_ids(deps):
        lang = await people.language_for(deps, admin)
        try:
            await context.bot.send_message(
                admin,
                deps.catalog.t(lang, "error-admin-alert", error=error, user=str(user_id or "-")),
            )
        except TelegramError:
            log.info("could not alert administrator %s", admin)


def register(app: App) -> None:
    app.add_error_handler(on_error)
