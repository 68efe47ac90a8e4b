"""The daily menu and the missing-menu reminder as broadcasts: one rendering per language,
personal allergen warnings per recipient."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from telegram import InlineKeyboardMarkup

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.services import duty, menus, people
from bot.services.duty import RosterEntry
from bot.storage import bulk
from bot.storage import people as people_store
from bot.storage.bulk import Profile
from bot.storage.menus import Dish
from bot.storage.outbox import Broadcast
from bot.views.duty import roster_lines
from bot.views.menus import day_text, long_date, meals_block
from bot.views.ratings import rating_rows
from bot.views.text import split_html

DISHES_TTL = 1.0  # seconds a push reuses the day's dishes (a corrected menu shows within this)
PROFILE_TTL = 2.0  # seconds a prepared recipient (language, children) stays fresh enough


@dataclass
class PushCache:
    """What rendering one menu broadcast reuses from recipient to recipient."""

    dishes: list[Dish] = field(default_factory=list)
    dishes_at: float = -DISHES_TTL
    bodies: dict[str, tuple[list[str], InlineKeyboardMarkup]] = field(default_factory=dict)
    profiles: dict[int, tuple[float, Profile]] = field(default_factory=dict)
    roster: list[RosterEntry] | None = None  # Monday's menu shows the week's 陪餐 roster


def _push_cache(deps: Deps, broadcast: Broadcast) -> PushCache:
    caches = deps.menu_push_caches
    cache = caches.get(broadcast.id)
    if cache is None:
        # One broadcast at a time is being sent in practice; never keep more than a few.
        while len(caches) >= 4:
            del caches[next(iter(caches))]
        cache = caches[broadcast.id] = PushCache()
    return cache


async def _dishes(deps: Deps, cache: PushCache, day: date) -> list[Dish]:
    now = time.monotonic()
    if now - cache.dishes_at >= DISHES_TTL:
        dishes = await menus.dishes_on(deps, day)
        if dishes != cache.dishes:
            cache.bodies.clear()
        cache.dishes, cache.dishes_at = dishes, now
    return cache.dishes


def _body(
    deps: Deps, cache: PushCache, lang: str, day: date
) -> tuple[list[str], InlineKeyboardMarkup]:
    """(title and meals as one or more messages, rating keyboard) in one language, built and
    split once per push."""
    body = cache.bodies.get(lang)
    if body is None:
        catalog = deps.catalog
        title = catalog.t(
            lang, "menu-title", school=deps.school(lang), date=long_date(catalog, lang, day)
        )
        meals = "\n".join(meals_block(catalog, lang, cache.dishes))
        if cache.roster:
            meals += "\n\n" + "\n".join(roster_lines(deps, lang, cache.roster))
        markup = InlineKeyboardMarkup(rating_rows(deps, lang, day, cache.dishes))
        body = cache.bodies[lang] = (split_html(f"{title}\n\n{meals}"), markup)
    return body


async def prepare_menu(deps: Deps, broadcast: Broadcast, chat_ids: Sequence[int]) -> None:
    """Read the next recipients' languages and children in two queries instead of 2 × n."""
    cache = _push_cache(deps, broadcast)
    now = time.monotonic()
    horizon = now - PROFILE_TTL
    for chat_id in [c for c, (at, _) in cache.profiles.items() if at < horizon]:
        del cache.profiles[chat_id]
    found = await bulk.profiles(deps.db, chat_ids)
    cache.profiles.update((chat_id, (now, profile)) for chat_id, profile in found.items())


async def _profile(deps: Deps, cache: PushCache, chat_id: int) -> Profile:
    prepared = cache.profiles.pop(chat_id, None)
    if prepared is not None and time.monotonic() - prepared[0] < PROFILE_TTL:
        return prepared[1]
    user = await people_store.get_user(deps.db, chat_id)
    children = await people_store.children_of(deps.db, chat_id) if user else []
    return Profile(user, tuple(children))


async def render_menu(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    """The whole day as the full /menu view reads it (day_text), built from per-push pieces: one
    message, or several when the day is too long for one, the rating keyboard on the last."""
    if broadcast.menu_date is None:
        return None
    cache = _push_cache(deps, broadcast)
    profile = await _profile(deps, cache, chat_id)
    if profile.user is None:
        return None
    day = date.fromisoformat(broadcast.menu_date)
    dishes = await _dishes(deps, cache, day)
    if not dishes:
        return None
    if cache.roster is None:
        cache.roster = await duty.roster_week(deps, day) if day.weekday() == 0 else []
    lang = profile.user.language
    body, markup = _body(deps, cache, lang, day)
    if not menus.allergen_warnings(profile.children, dishes):
        return Rendered.parts(body, markup)
    # A child's allergen: the warning first and the dish marked, a text of this parent's own.
    text = day_text(deps, lang, day, dishes, profile.children)
    if cache.roster:
        text += "\n\n" + "\n".join(roster_lines(deps, lang, cache.roster))
    return Rendered.parts(split_html(text), markup)


async def render_reminder(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    if broadcast.menu_date is None:
        return None
    lang = await people.language_for(deps, chat_id)
    day = date.fromisoformat(broadcast.menu_date)
    return Rendered(
        deps.catalog.t(lang, "reminder-no-menu", date=long_date(deps.catalog, lang, day))
    )


MENU = KindHandlers(render=render_menu, prepare=prepare_menu)
REMINDER = KindHandlers(render=render_reminder)
