"""One periodic tick drives all scheduled work from the database (pushes, reminders, escalations,
expiry), so nothing depends on in-memory timers surviving a restart and a test clock can drive it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot
from telegram.ext import Application, ContextTypes

from bot.deps import Deps, get_deps

log = logging.getLogger(__name__)

Task = Callable[[Deps, Bot], Awaitable[None]]
TASKS_KEY = "tick_tasks"


async def run_tick(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Run every task build_application listed, once; one failing task does not stop the others."""
    deps = get_deps(application)
    tasks: tuple[Task, ...] = application.bot_data[TASKS_KEY]
    for task in tasks:
        try:
            await task(deps, application.bot)
        except Exception:
            log.exception("scheduled task %s failed", task.__qualname__)


async def tick_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await run_tick(context.application)
