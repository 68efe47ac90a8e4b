"""How menus read: one day, one week, with personal allergen warnings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby

from bot.deps import Deps
from bot.i18n import Catalog
from bot.services import menus
from bot.services.menu_parser import MEALS
from bot.services.menus import TodayPush
from bot.storage.menus import Dish
from bot.storage.people import ChildRecord
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
