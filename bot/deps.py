"""What every handler and job needs, built once in app.build_application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Catalog
from bot.storage.db import Database

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.broadcasts.menu import PushCache
    from bot.delivery.outbox import Outbox


@dataclass
class Deps:
    settings: Settings
    db: Database
    catalog: Catalog
    clock: Clock
    bot_username: str = ""
    # Set in the Application's post_init; None in the command line, which sends nothing.
    outbox: Outbox | None = field(default=None, repr=False)
    # One per purpose (a case's card, a group send…): coroutines of one process take turns.
    locks: dict[str, asyncio.Lock] = field(default_factory=dict, repr=False)
    # When administrators were last told about an error (they hear at most one a minute).
    last_error_alert: datetime | None = None
    # Per notice broadcast, the sender's report as last shown (edits that change nothing skipped).
    notice_reports: dict[int, str] = field(default_factory=dict, repr=False)
    # Per confirm-notice, when its report was last edited for confirmations (time.monotonic()).
    confirm_reports: dict[int, float] = field(default_factory=dict, repr=False)
    # Confirm-notices with a confirmation their report does not show yet.
    confirm_stale: set[int] = field(default_factory=set, repr=False)
    # True from a failed card until the next one reaches the group: administrators hear it once.
    group_unreachable: bool = False
    # Set when the bot stops itself because it cannot go on safely (its database went away).
    stopped_because: str | None = None
    # Per menu broadcast, what rendering reuses from recipient to recipient.
    menu_push_caches: dict[int, PushCache] = field(default_factory=dict, repr=False)
    # The food-safety group's chat now and the ids it moved away from: read on every update, so
    # kept here; services.group_chat loads them from the database and keeps them current.
    group_chat_id: int | None = field(init=False, default=None)
    former_group_ids: frozenset[int] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        self.group_chat_id = self.settings.food_safety_chat_id

    def lock(self, name: str) -> asyncio.Lock:
        found = self.locks.get(name)
        if found is None:
            found = self.locks[name] = asyncio.Lock()
        return found

    def school(self, lang: str) -> str:
        return self.settings.school_name or self.catalog.t(lang, "school-default")


def get_deps(application: Application[Any, Any, Any, Any, Any, Any]) -> Deps:
    deps = application.bot_data["deps"]
    assert isinstance(deps, Deps)
    return deps
