"""What every handler and job needs, built once in app.build_application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Catalog
from bot.storage.db import Database

if TYPE_CHECKING:
    from telegram.ext import Application


@dataclass
class Deps:
    settings: Settings
    db: Database
    catalog: Catalog
    clock: Clock
    bot_username: str = ""
    extras: dict[str, Any] = field(default_factory=dict)
    # The food-safety group's chat now and the ids it moved away from: read on every update, so
    # kept here; services.group_chat loads them from the database and keeps them current.
    group_chat_id: int | None = field(init=False, default=None)
    former_group_ids: frozenset[int] = field(init=False, default=frozenset())
    # bot.notify.cases: one pass forwarding cases at a time (a case is never sent twice), and
    # one card at a time posted again in the group's new chat.
    forward_lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)
    card_lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.group_chat_id = self.settings.food_safety_chat_id

    def school(self, lang: str) -> str:
        return self.settings.school_name or self.catalog.t(lang, "school-default")


def get_deps(application: Application[Any, Any, Any, Any, Any, Any]) -> Deps:
    deps = application.bot_data["deps"]
    assert isinstance(deps, Deps)
    return deps
