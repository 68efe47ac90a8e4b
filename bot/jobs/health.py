"""The database watch: a bot whose database file was deleted or replaced must stop, not go on
confirming what it can no longer keep."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.deps import get_deps

log = logging.getLogger(__name__)


async def watch_database(context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context.application)
    if deps.db.is_intact() or deps.stopped_because:
        return
    deps.stopped_because = f"DATABASE_PATH {deps.db.path} was removed or replaced while running"
    log.critical(
        "%s: stopping, so that a restart opens a database that is really there "
        "(what the bot was told since then could not be kept)",
        deps.stopped_because,
    )
    context.application.stop_running()
