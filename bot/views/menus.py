"""How menus read: one day, one week, with personal allergen warnings; the outbox's renderers
for the daily menu and the missing-menu reminder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby

from telegram import InlineKeyboardMarkup

from bot.delivery.outbox import Rendered, renderer
from bot.deps import Deps
from bot.i18n import Catalog, Html
from bot.services import menus
from bot.services.menu_parser import MEALS
from bot.storage import people as people_store
from bot.storage.menus import Dish
from bot.storage.outbox import Broadcast
from bot.storage.people import ChildRecord
from bot.views.ratings import rating_rows


def long_date(catalog: Catalog, lang: str, day: date) -> str:
    return catalog.label(
        lang,
        "date-long",
        month=catalog.label(lang, f"month-{day.month}"),
        day=str(day.day),
        weekday=catalog.label(lang, f"weekday-{day.weekday()}"),
    )


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
            f"<b>📅 {long_date(catalog, lang, day)}</b>",
            *meals_block(catalog, lang, day_dishes),
        ]
        lines += warning_lines(catalog, lang, children, day_dishes)
        blocks.append("\n".join(lines))
    return pack([title, *blocks])


def pack(blocks: Sequence[str], limit: int = 3800) -> list[str]:
    """Join blocks with blank lines into as few messages as fit the limit."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) > limit and current:
            messages.append(current)
            current = block
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


async def closed_text(deps: Deps, lang: str, day: date) -> str | None:
    """Why there is no menu push on a day, or None when it is a school day."""
    status = await menus.school_day(deps, day)
    if status.is_school_day:
        return None
    reason = await menus.override_reason(deps, day) or status.holiday_name or ""
    catalog = deps.catalog
    return catalog.t(
        lang,
        "menu-closed",
        date=long_date(catalog, lang, day),
        reason=Html(catalog.t(lang, "menu-closed-reason", reason=reason)) if reason else "",
    )


@renderer("menu")
async def render_menu(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    user = await people_store.get_user(deps.db, chat_id)
    if user is None or broadcast.menu_date is None:
        return None
    day = date.fromisoformat(broadcast.menu_date)
    children = await people_store.children_of(deps.db, chat_id)
    dishes = await menus.dishes_on(deps, day)
    if not dishes:
        return None
    text = day_text(deps, user.language, day, dishes, children)
    return Rendered(text, InlineKeyboardMarkup(rating_rows(deps, user.language, day, dishes)))


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
