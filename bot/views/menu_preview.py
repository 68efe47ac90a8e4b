"""The menu-import preview: each day's meals with their dishes on one line, the allergens found
and the days that are not school days, before the administrator confirms (HTML lines; the
handler splits them into as many messages as it takes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import groupby

from bot.deps import Deps
from bot.i18n import Catalog
from bot.services.menu_parser import ALLERGENS, MEALS, DishRow
from bot.services.menus import ImportPreview
from bot.views.calendar import reason_html
from bot.views.menus import allergen_list, date_runs, import_notes, long_date

PREVIEW_RUNS = 8  # runs of consecutive dates named before "… and N more days"
PREVIEW_DAYS = 10  # days whose dishes are listed: two school weeks; a term's file says the rest


def _dish(catalog: Catalog, lang: str, row: DishRow) -> str:
    shown = catalog.t(lang, "preview-dish", dish=row.dish)
    if row.allergens:
        shown += catalog.t(
            lang, "preview-dish-allergens", allergens=allergen_list(catalog, lang, row.allergens)
        )
    return shown


def _days(catalog: Catalog, lang: str, rows: Sequence[DishRow]) -> list[str]:
    """One block a day: its date, then a line a meal."""
    order = {meal: i for i, meal in enumerate(MEALS)}
    ordered = sorted(rows, key=lambda r: (r.date, order[r.meal], r.row))
    sep = catalog.label(lang, "list-separator")
    blocks: list[str] = []
    for day, in_day in groupby(ordered, key=lambda r: r.date):
        lines = [catalog.t(lang, "preview-day", date=long_date(catalog, lang, day))]
        for meal, dishes in groupby(in_day, key=lambda r: r.meal):
            lines.append(
                catalog.t(
                    lang,
                    "preview-meal",
                    meal=catalog.label(lang, f"meal-{meal}"),
                    dishes=sep.join(_dish(catalog, lang, r) for r in dishes),
                )
            )
        blocks.append("\n".join(lines))
    return blocks


def _allergens(catalog: Catalog, lang: str, rows: Sequence[DishRow]) -> str:
    counts = Counter(a for r in rows for a in r.allergens)
    if not counts:
        return catalog.t(lang, "preview-allergens-none")
    found = catalog.label(lang, "list-separator").join(
        catalog.label(
            lang, "preview-allergen-count", allergen=catalog.label(lang, f"allergen-{a}"), count=n
        )
        for a in ALLERGENS
        if (n := counts[a])
    )
    return catalog.t(lang, "preview-allergens", found=found)


def preview_blocks(
    deps: Deps, lang: str, preview: ImportPreview, rows: Sequence[DishRow]
) -> list[str]:
    """The summary and warnings, each day, the question: blocks to pack with blank lines
    between them (a day is split across messages only when it alone is too long)."""
    catalog = deps.catalog
    lines = [
        catalog.t(
            lang, "menu-import-preview",
            days=date_runs(catalog, lang, preview.days, PREVIEW_RUNS), count=len(preview.days),
            meals=preview.meals, dishes=preview.dishes,
        )
    ]  # fmt: skip
    for status in preview.not_school:
        lines.append(
            catalog.t(
                lang,
                "preview-not-school-day",
                date=long_date(catalog, lang, status.date),
                reason=reason_html(catalog, lang, status),
            )
        )
    if preview.replaces:
        lines.append(
            catalog.t(
                lang,
                "menu-import-replaces",
                dates=date_runs(catalog, lang, preview.replaces, PREVIEW_RUNS),
            )
        )
    lines += import_notes(deps, lang, preview.past, None)
    lines.append(_allergens(catalog, lang, rows))
    days = _days(catalog, lang, rows)
    if len(days) > PREVIEW_DAYS:
        more = catalog.t(lang, "preview-more-days", count=len(days) - PREVIEW_DAYS)
        days = [*days[:PREVIEW_DAYS], more]
    return ["\n".join(lines), *days, catalog.t(lang, "menu-import-confirm")]
