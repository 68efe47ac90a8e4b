"""The command menus Telegram shows: per language, and per scope (administrators, the group)."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.deps import Deps
from bot.i18n import LANGUAGES
from bot.services import people

log = logging.getLogger(__name__)

PARENT_COMMANDS = (
    "start", "menu", "duty", "feedback", "myreports", "peican", "notices", "children", "settings",
    "language", "mydata", "deletedata", "stop", "cancel", "help",
)  # fmt: skip
ADMIN_COMMANDS = (
    "notice", "changed", "survey", "report", "export", "duty", "peican", "schoolday", "term",
    "grant", "revoke",
)  # fmt: skip
# A duty leader's own commands come first in their menu.
DUTY_COMMANDS: tuple[str, ...] = ("duty",)
GROUP_COMMANDS = ("cases", "case", "report", "help")


def menu_of(is_admin: bool, roles: frozenset[str]) -> tuple[str, ...]:
    """A person's menu: their role's commands first, then every parent's (no name twice)."""
    own = (ADMIN_COMMANDS if is_admin else ()) + (DUTY_COMMANDS if "duty" in roles else ())
    return tuple(dict.fromkeys(own + PARENT_COMMANDS))


def _commands(deps: Deps, lang: str, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, deps.catalog.label(lang, f"cmd-{name}")) for name in names]


async def publish_commands(bot: Bot, deps: Deps) -> None:
    """Register the menus of parents and administrators; called at start-up."""
    for lang in LANGUAGES:
        await bot.set_my_commands(_commands(deps, lang, PARENT_COMMANDS), language_code=lang)
    await bot.set_my_commands(_commands(deps, deps.settings.default_language, PARENT_COMMANDS))
    for admin in await people.admin_ids(deps):
        await publish_commands_for(bot, deps, admin, None)


async def publish_group_commands(bot: Bot, deps: Deps, chat_id: int) -> None:
    """The food-safety group's menu, in the chat it is in now (notify.group knows which:
    it follows the group when Telegram moves it)."""
    for lang in LANGUAGES:
        await bot.set_my_commands(
            _commands(deps, lang, GROUP_COMMANDS),
            scope=BotCommandScopeChat(chat_id),
            language_code=lang,
        )


async def publish_commands_for(bot: Bot, deps: Deps, user_id: int, lang: str | None) -> None:
    """One person's own menu in their chat, in their language: set when their role or their
    language changes (Telegram's per-language default follows the app, not our setting)."""
    if lang is None:
        lang = await people.language_for(deps, user_id)
    names = menu_of(await people.is_admin(deps, user_id), await people.roles(deps, user_id))
    try:
        await bot.set_my_commands(_commands(deps, lang, names), scope=BotCommandScopeChat(user_id))
    except TelegramError as exc:
        # An administrator who never opened the bot has no chat yet; their menu comes on /start.
        log.info("could not set commands for user %s: %s", user_id, exc)
