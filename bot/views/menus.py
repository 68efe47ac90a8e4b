"""How menus read: one day, one week, with personal allergen warnings; the outbox's renderers
for the daily menu and the missing-menu reminder."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from telegram import InlineKeyboardMarkup

from bot.delivery.outbox import Rendered, preparer, renderer
from bot.deps import Deps
from bot.i18n import Catalog
from bot.services import menus
from bot.services.menu_parser import MEALS
from bot.services.menus import TodayPush
from bot.storage import bulk
from bot.storage import people as people_store
from bot.storage.bulk import Profile
from bot.storage.menus import Dish
from bot.storage.outbox import Broadcast
from bot.storage.people import ChildRecord
from bot.views.ratings import rating_rows
from bot.views.text import pack


def long_date(catalog: Catalog, lang: str, day: date) -> str:
    return catalog.label(
        lang,
        "date-long",
        month=catalog.label(lang, f"month-{day.month}"),
        day=str(day.day),
        weekday=catalog.label(lang, f"weekday-{day.weekday()}"),
    )


def _day_label(catalog: Catalog, lang: str, day: date, today: date) -> str:
    same_week = day - timedelta(days=day.weekday()) == today - timedelta(days=today.weekday())
    if same_week:
        return catalog.label(lang, f"weekday-{day.weekday()}")
    return long_date(catalog, lang, day)


def day_spans(catalog: Catalog, lang: str, days: Sequence[date], today: date) -> str:
    """Dates as runs, e.g. "周一至周二": this week's days by weekday, others by date."""
    runs: list[list[date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        _day_label(catalog, lang, run[0], today)
        if len(run) == 1
        else catalog.label(
            lang,
            "date-span",
            first=_day_label(catalog, lang, run[0], today),
            last=_day_label(catalog, lang, run[-1], today),
        )
        for run in runs
    ]
    return catalog.label(lang, "list-separator").join(parts)


def import_notes(
    deps: Deps, lang: str, past: Sequence[date], today_push: TodayPush | None
) -> list[str]:
    """The lines an import adds about dates already past and about today's push."""
    catalog = deps.catalog
    lines: list[str] = []
    if past:
        today = deps.clock.now().astimezone(deps.settings.tz).date()
        lines.append(catalog.t(lang, "menu-import-past", days=day_spans(catalog, lang, past, today)))
    if today_push is not None and today_push is not TodayPush.LATER:
        push_time = deps.settings.menu_push_time.strftime("%H:%M")
        lines.append(catalog.t(lang, f"menu-import-today-{today_push}", time=push_time))
    return lines


def allergen_list(catalog: Catalog, lang: str, allergens: Sequence[str]) -> str:
    sep = catalog.label(lang, "list-separator")
    return sep.join(catalog.label(lang, f"allergen-{a}") for a in allergens)


def _dish_line(catalog: Catalog, lang: str, dish: Dish) -> str:
    line = catalog.t(lang, "menu-dish", dish=dish.name)
    if dish.category:
        line += catalog.t(lang, "menu-dish-category", category=dish.category)
    if dish.allergens:
        line += " " + catalog.t(
            lang, "menu-dish-allergens", allergens=allergen_list(catalog, lang, dish.allergens)
        )
    if dish.notes:
        line += " " + catalog.t(lang, "menu-dish-notes", notes=dish.notes)
    return line


def meals_block(catalog: Catalog, lang: str, dishes: Sequence[Dish]) -> list[str]:
    lines: list[str] = []
    order = {meal: i for i, meal in enumerate(MEALS)}
    for meal, group in groupby(
        sorted(dishes, key=lambda d: (order[d.meal], d.position)), key=lambda d: d.meal
    ):
        lines.append(catalog.t(lang, "menu-meal", meal=catalog.label(lang, f"meal-{meal}")))
        lines.extend(_dish_line(catalog, lang, d) for d in group)
    return lines


def warning_lines(
    catalog: Catalog, lang: str, children: Sequence[ChildRecord], dishes: Sequence[Dish]
) -> list[str]:
    unnamed = catalog.label(lang, "child-unnamed")
    return [
        catalog.t(
            lang,
            "menu-warning",
            child=w.child or unnamed,
            dish=w.dish,
            allergens=allergen_list(catalog, lang, w.allergens),
        )
        for w in menus.allergen_warnings(children, dishes)
    ]


def day_text(
    deps: Deps, lang: str, day: date, dishes: Sequence[Dish], children: Sequence[ChildRecord]
) -> str:
    catalog = deps.catalog
    title = catalog.t(
        lang, "menu-title", school=deps.school(lang), date=long_date(catalog, lang, day)
    )
    parts = [title, "", *meals_block(catalog, lang, dishes)]
    warnings = warning_lines(catalog, lang, children, dishes)
    if warnings:
        parts += ["", *warnings]
    return "\n".join(parts)


def week_text(
    deps: Deps, lang: str, monday: date, dishes: Sequence[Dish], children: Sequence[ChildRecord]
) -> list[str]:
    """The week as one or more messages (each under Telegram's 4,096 characters)."""
    catalog = deps.catalog
    title = catalog.t(
        lang,
        "menu-week-title",
        school=deps.school(lang),
        first=long_date(catalog, lang, monday),
        last=long_date(catalog, lang, monday + timedelta(days=6)),
    )
    if not dishes:
        return [title + "\n\n" + catalog.t(lang, "menu-week-none")]
    blocks: list[str] = []
    for day, group in groupby(dishes, key=lambda d: d.date):
        day_dishes = list(group)
        lines = [
            catalog.t(lang, "menu-week-day", date=long_date(catalog, lang, day)),
            *meals_block(catalog, lang, day_dishes),
        ]
        lines += warning_lines(catalog, lang, children, day_dishes)
        blocks.append("\n".join(lines))
    return pack([title, *blocks], sep="\n\n")


# ---- the daily push: one rendering per language, personal warnings per recipient ------------

DISHES_TTL = 1.0  # seconds a push reuses the day's dishes (a corrected menu shows within this)
PROFILE_TTL = 2.0  # seconds a prepared recipient (language, children) stays fresh enough


@dataclass
class _PushCache:
    """What rendering one menu broadcast reuses from recipient to recipient."""

    dishes: list[Dish] = field(default_factory=list)
    dishes_at: float = -DISHES_TTL
    bodies: dict[str, tuple[str, str, InlineKeyboardMarkup]] = field(default_factory=dict)
    profiles: dict[int, tuple[float, Profile]] = field(default_factory=dict)


def _push_cache(deps: Deps, broadcast: Broadcast) -> _PushCache:
    caches: dict[int, _PushCache] = deps.extras.setdefault("menu-push-cache", {})
    cache = caches.get(broadcast.id)
    if cache is None:
        # One broadcast at a time is being sent in practice; never keep more than a few.
        while len(caches) >= 4:
            del caches[next(iter(caches))]
        cache = caches[broadcast.id] = _PushCache()
    return cache


async def _dishes(deps: Deps, cache: _PushCache, day: date) -> list[Dish]:
    now = time.monotonic()
    if now - cache.dishes_at >= DISHES_TTL:
        dishes = await menus.dishes_on(deps, day)
        if dishes != cache.dishes:
            cache.bodies.clear()
        cache.dishes, cache.dishes_at = dishes, now
    return cache.dishes


def _body(
    deps: Deps, cache: _PushCache, lang: str, day: date
) -> tuple[str, str, InlineKeyboardMarkup]:
    """(title, meals, rating keyboard) in one language, built once per push."""
    body = cache.bodies.get(lang)
    if body is None:
        catalog = deps.catalog
        title = catalog.t(
            lang, "menu-title", school=deps.school(lang), date=long_date(catalog, lang, day)
        )
        meals = "\n".join(meals_block(catalog, lang, cache.dishes))
        markup = InlineKeyboardMarkup(rating_rows(deps, lang, day, cache.dishes))
        body = cache.bodies[lang] = (title, meals, markup)
    return body


@preparer("menu")
async def prepare_menu(deps: Deps, broadcast: Broadcast, chat_ids: Sequence[int]) -> None:
    """Read the next recipients' languages and children in two queries instead of 2 × n."""
    cache = _push_cache(deps, broadcast)
    now = time.monotonic()
    horizon = now - PROFILE_TTL
    for chat_id in [c for c, (at, _) in cache.profiles.items() if at < horizon]:
        del cache.profiles[chat_id]
    found = await bulk.profiles(deps.db, chat_ids)
    cache.profiles.update((chat_id, (now, profile)) for chat_id, profile in found.items())


async def _profile(deps: Deps, cache: _PushCache, chat_id: int) -> Profile:
    prepared = cache.profiles.pop(chat_id, None)
    if prepared is not None and time.monotonic() - prepared[0] < PROFILE_TTL:
        return prepared[1]
    user = await people_store.get_user(deps.db, chat_id)
    children = await people_store.children_of(deps.db, chat_id) if user else []
    return Profile(user, tuple(children))


@renderer("menu")
async def render_menu(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    """The same text as /menu shows for the day (day_text), built from per-push pieces."""
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
    lang = profile.user.language
    title, meals, markup = _body(deps, cache, lang, day)
    parts = [title, "", meals]
    warnings = warning_lines(deps.catalog, lang, profile.children, dishes)
    if warnings:
        parts += ["", *warnings]
    return Rendered("\n".join(parts), markup)


@renderer("reminder")
async def render_reminder(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    if broadcast.menu_date is None:
        return None
    user = await people_store.get_user(deps.db, chat_id)
    lang = user.language if user else deps.settings.default_language
    day = date.fromisoformat(broadcast.menu_date)
    return Rendered(
        deps.catalog.t(lang, "reminder-no-menu", date=long_date(deps.catalog, lang, day))
    )
