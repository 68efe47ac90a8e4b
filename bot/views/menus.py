"""How menus read: one day, one week, with personal allergen warnings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from itertools import groupby

from bot.deps import Deps
from bot.i18n import Catalog
from bot.services import menus
from bot.services.menu_parser import MEALS
from bot.services.menus import TodayPush
from bot.storage.menus import Dish
from bot.storage.people import ChildRecord
from bot.views.text import MESSAGE_LIMIT, cap, pack, split_html, utf16_len


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


def consecutive_runs(days: Sequence[date]) -> list[list[date]]:
    """The dates sorted and grouped into runs of consecutive days."""
    runs: list[list[date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def day_spans(catalog: Catalog, lang: str, days: Sequence[date], today: date) -> str:
    """Dates as runs, e.g. "周一至周二": this week's days by weekday, others by date."""
    runs = consecutive_runs(days)
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


def date_runs(catalog: Catalog, lang: str, days: Sequence[date], most: int) -> str:
    """Dates as runs of consecutive days ("11月30日（周一）至12月4日（周五）"), at most ``most``
    runs, then how many more days; plain text (arguments escape it where it is shown)."""
    runs = consecutive_runs(days)
    labels = [
        long_date(catalog, lang, run[0])
        if len(run) == 1
        else catalog.label(
            lang,
            "date-span",
            first=long_date(catalog, lang, run[0]),
            last=long_date(catalog, lang, run[-1]),
        )
        for run in runs
    ]
    hidden = sum(len(run) for run in runs[most:])
    *shown, last = cap(
        labels, most, lambda _: catalog.label(lang, "menu-import-more-days", count=hidden)
    )
    if hidden:  # "…and N more days" follows the list rather than being one of its items
        return catalog.label(lang, "list-separator").join(shown) + last
    return catalog.label(lang, "list-separator").join([*shown, last])


def import_notes(
    deps: Deps, lang: str, past: Sequence[date], today_push: TodayPush | None
) -> list[str]:
    """The lines an import adds about dates already past and about today's push."""
    catalog = deps.catalog
    lines: list[str] = []
    if past:
        today = deps.clock.now().astimezone(deps.settings.tz).date()
        lines.append(
            catalog.t(lang, "menu-import-past", days=day_spans(catalog, lang, past, today))
        )
    if today_push is not None and today_push is not TodayPush.LATER:
        push_time = deps.settings.menu_push_time.strftime("%H:%M")
        lines.append(catalog.t(lang, f"menu-import-today-{today_push}", time=push_time))
    return lines


def allergen_list(catalog: Catalog, lang: str, allergens: Sequence[str]) -> str:
    sep = catalog.label(lang, "list-separator")
    return sep.join(catalog.label(lang, f"allergen-{a}") for a in allergens)


def shorten(text: str, most: int) -> str:
    """At most ``most`` characters, the last one "…" when anything was cut."""
    return text if len(text) <= most else text[: max(most - 1, 0)].rstrip() + "…"


def _dish_line(
    catalog: Catalog, lang: str, dish: Dish, notes: int | None, warned: bool = False
) -> str:
    line = catalog.t(lang, "menu-dish-warned" if warned else "menu-dish", dish=dish.name)
    if dish.category:
        line += catalog.t(lang, "menu-dish-category", category=dish.category)
    if dish.allergens:
        line += " " + catalog.t(
            lang, "menu-dish-allergens", allergens=allergen_list(catalog, lang, dish.allergens)
        )
    shown = dish.notes if notes is None else shorten(dish.notes, notes) if notes else ""
    if shown:
        line += " " + catalog.t(lang, "menu-dish-notes", notes=shown)
    return line


def meals_block(
    catalog: Catalog,
    lang: str,
    dishes: Sequence[Dish],
    notes: int | None = None,
    most: int | None = None,
    more: Callable[[int], str] | None = None,
    children: Sequence[ChildRecord] = (),
) -> list[str]:
    """Each meal's heading and dish lines: notes shortened to ``notes`` characters (0: left
    out; None: whole), at most ``most`` dishes a meal and then ``more(hidden)`` (a line). A
    dish with an allergen of one of ``children`` is marked in the list itself."""
    warned = {w.dish for w in menus.allergen_warnings(children, dishes)}
    lines: list[str] = []
    order = {meal: i for i, meal in enumerate(MEALS)}
    for meal, group in groupby(
        sorted(dishes, key=lambda d: (order[d.meal], d.position)), key=lambda d: d.meal
    ):
        lines.append(catalog.t(lang, "menu-meal", meal=catalog.label(lang, f"meal-{meal}")))
        dish_lines = [_dish_line(catalog, lang, d, notes, d.name in warned) for d in group]
        if most is None:
            lines.extend(dish_lines)
        else:
            hidden = more or (lambda n: catalog.t(lang, "menu-more-dishes", count=n))
            lines.extend(cap(dish_lines, most, hidden))
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
    """The whole day (what the morning push sends, in as many messages as it takes)."""
    catalog = deps.catalog
    title = catalog.t(
        lang, "menu-title", school=deps.school(lang), date=long_date(catalog, lang, day)
    )
    warnings = warning_lines(catalog, lang, children, dishes)
    # The warning comes first: a parent who reads one line must not miss it.
    parts = [title, "", *([*warnings, ""] if warnings else [])]
    parts += meals_block(catalog, lang, dishes, children=children)
    return "\n".join(parts)


# /menu shows a day in one message, edited in place by ◀ ▶. A day too long for one message is
# shown shorter, step by step until it fits: (characters of each note, 0 for none; dishes a meal,
# None for all, each meal then saying how many more; allergen warnings, then how many more).
COMPACT_STEPS: tuple[tuple[int, int | None, int], ...] = (
    (40, None, 10),
    (12, None, 10),
    (0, None, 10),
    (0, 15, 10),
    (0, 10, 10),
    (0, 6, 10),
    (0, 3, 5),
    (0, 1, 3),
)


def day_view_text(
    deps: Deps, lang: str, day: date, dishes: Sequence[Dish], children: Sequence[ChildRecord]
) -> tuple[str, bool]:
    """The day as one message, and whether it is shortened (the whole day is then one tap
    away: the handler adds the "full menu" button)."""
    text = day_text(deps, lang, day, dishes, children)
    if utf16_len(text) <= MESSAGE_LIMIT:
        return text, False
    catalog = deps.catalog
    title = catalog.t(
        lang, "menu-title", school=deps.school(lang), date=long_date(catalog, lang, day)
    )
    all_warnings = warning_lines(catalog, lang, children, dishes)
    footer = "\n\n" + catalog.t(lang, "menu-shortened")
    body = ""
    for notes, most, warned in COMPACT_STEPS:
        meals = meals_block(catalog, lang, dishes, notes=notes, most=most, children=children)
        warnings = cap(
            all_warnings, warned, lambda n: catalog.t(lang, "menu-more-warnings", count=n)
        )
        body = "\n".join([title, "", *([*warnings, ""] if warnings else []), *meals])
        if utf16_len(body + footer) <= MESSAGE_LIMIT:
            return body + footer, True
    # Past every step only with names full of "&" (each "&amp;" in the source): cut it.
    return split_html(body, MESSAGE_LIMIT - utf16_len(footer))[0] + footer, True


# The week is an overview: notes shortened, and a day with very many dishes points to its own
# /menu; it still goes out in as many messages as it takes (pack).
WEEK_NOTE_CHARS = 20
WEEK_DISHES_PER_MEAL = 12
WEEK_WARNINGS_A_DAY = 10


def week_text(
    deps: Deps, lang: str, monday: date, dishes: Sequence[Dish], children: Sequence[ChildRecord]
) -> list[str]:
    """The week as one or more messages (each within MESSAGE_LIMIT)."""
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

        def more(count: int, day: date = day) -> str:
            return catalog.t(lang, "menu-week-more-dishes", count=count, date=day.isoformat())

        lines = [catalog.t(lang, "menu-week-day", date=long_date(catalog, lang, day))]
        lines += cap(
            warning_lines(catalog, lang, children, day_dishes),
            WEEK_WARNINGS_A_DAY,
            lambda n: catalog.t(lang, "menu-more-warnings", count=n),
        )
        lines += meals_block(
            catalog, lang, day_dishes, WEEK_NOTE_CHARS, WEEK_DISHES_PER_MEAL, more, children
        )
        blocks.append("\n".join(lines))
    return pack([title, *blocks], sep="\n\n")
