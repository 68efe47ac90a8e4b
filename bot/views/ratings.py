"""The one-tap rating keyboard under every menu: a row per meal, 😋 (5) to 😣 (1).

Callback data: views.callbacks.RATE — the feedback handlers own what a tap does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram import InlineKeyboardButton

from bot.deps import Deps
from bot.services.menu_parser import MEALS
from bot.services.ratings import RatingTap
from bot.storage.menus import Dish
from bot.views.callbacks import RATE

FACES: tuple[tuple[int, str], ...] = ((5, "😋"), (4, "🙂"), (3, "😐"), (2, "🙁"), (1, "😣"))


def rating_callback(day: date, meal: str, score: int) -> str:
    return RATE.build(RatingTap(day, meal, score))


def rating_rows(
    deps: Deps, lang: str, day: date, dishes: Sequence[Dish]
) -> list[list[InlineKeyboardButton]]:
    meals = [m for m in MEALS if any(d.meal == m for d in dishes)]
    rows: list[list[InlineKeyboardButton]] = []
    for meal in meals:
        name = deps.catalog.label(lang, f"meal-{meal}")
        rows.append(
            [
                InlineKeyboardButton(
                    f"{name} {face}" if i == 0 else face,
                    callback_data=rating_callback(day, meal, score),
                )
                for i, (score, face) in enumerate(FACES)
            ]
        )
    return rows
