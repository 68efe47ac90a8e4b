"""/grant and /revoke: administrators give and take the admin and duty roles."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.handlers.common import App, Ctx, admin_only, answer, deps_of, label, t
from bot.notify.commands import publish_commands_for
from bot.services import people
from bot.services.people import Person

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE


@admin_only
async def grant(update: Update, context: Ctx, who: Person) -> None:
    parsed = people.parse_role_args(list(context.args or []), role_required=True)
    if parsed is None or parsed[1] is None:
        await answer(update, context, t(context, who.lang, "grant-usage"))
        return
    user_id, role = parsed[0], parsed[1]
    deps = deps_of(context)
    if await people.user(deps, user_id) is None:
        # A role for someone the bot never met would list commands in a chat it cannot reach.
        await answer(update, context, t(context, who.lang, "grant-unknown-user", user=str(user_id)))
        return
    added = await people.grant(deps, user_id, role, who.user.id)
    key = "grant-done" if added else "grant-already"
    await answer(
        update,
        context,
        t(context, who.lang, key, user=str(user_id), role=label(context, who.lang, f"role-{role}")),
    )
    log.info("user %s granted %s to %s", who.user.id, role, user_id)
    await publish_commands_for(context.bot, deps, user_id, None)


@admin_only
async def revoke(update: Update, context: Ctx, who: Person) -> None:
    parsed = people.parse_role_args(list(context.args or []), role_required=False)
    if parsed is None:
        await answer(update, context, t(context, who.lang, "revoke-usage"))
        return
    user_id, role = parsed
    deps = deps_of(context)
    count = await people.revoke(deps, user_id, role)
    log.info("user %s revoked %s from %s", who.user.id, role or "all roles", user_id)
    if user_id in deps.settings.admin_ids and role in (None, "admin"):
        await answer(
            update, context, t(context, who.lang, "revoke-config-admin", user=str(user_id))
        )
        return
    key = "revoke-done" if count else "revoke-none"
    await answer(update, context, t(context, who.lang, key, user=str(user_id), count=count))
    if count:
        await publish_commands_for(context.bot, deps, user_id, None)


def register(app: App) -> None:
    app.add_handler(CommandHandler("grant", grant, filters=PRIVATE))
    app.add_handler(CommandHandler("revoke", revoke, filters=PRIVATE))
